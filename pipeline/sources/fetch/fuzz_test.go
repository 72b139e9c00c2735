package fetch

import (
	"errors"
	"path/filepath"
	"strings"
	"testing"
)

// FuzzValidate checks that any body, read as every fetchable format, is accepted or
// refused with ErrWrongContent, never with another error or a panic.
func FuzzValidate(f *testing.F) {
	datasets := filepath.Join("..", "..", "..", "datasets")
	for _, path := range []string{
		errorPage, utcICS, ccmPage,
		filepath.Join("..", "..", "ics", "testdata", "folded_escaped", "input.ics"),
		filepath.Join("..", "..", "ics", "testdata", "err_mismatched_end", "input.ics"),
	} {
		f.Add(fixture(f, path))
	}
	for _, cols := range csvColumns {
		f.Add([]byte(strings.Join(cols, ",") + "\n"))
	}
	f.Add([]byte(`"unterminated,quote` + "\n"))
	f.Add([]byte("\ufeff"))
	f.Add(fixture(f, filepath.Join(datasets, "obligations", "obligations.csv"))[:2000])
	f.Fuzz(func(t *testing.T, body []byte) {
		for _, format := range Formats() {
			if err := Validate(format, body); err != nil && !errors.Is(err, ErrWrongContent) {
				t.Errorf("Validate(%s) = %v, want nil or ErrWrongContent", format, err)
			}
		}
	})
}
