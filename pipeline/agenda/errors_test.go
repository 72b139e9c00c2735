package agenda

import (
	"errors"
	"fmt"
	"strings"
	"testing"
)

// sentinels lists every Err… in errors.go.
var sentinels = []error{
	ErrBadFileName, ErrBadLang, ErrEmpty, ErrNoDescriptor, ErrNoSource, ErrBadURL,
	ErrInvalidUTF8, ErrLineTooLong, ErrDuplicateHeader, ErrMisplacedHeader,
	ErrEmptyTitle, ErrOrphanSubItem, ErrSubItemParent, ErrDuplicateNumber,
	ErrUnrecognisedLine, ErrNoItems,
}

func TestSentinelsDistinct(t *testing.T) {
	seen := make(map[string]bool)
	for _, e := range sentinels {
		msg := e.Error()
		if seen[msg] {
			t.Errorf("message %q used twice", msg)
		}
		seen[msg] = true
		if strings.HasPrefix(msg, "agenda") || msg != strings.ToLower(msg[:1])+msg[1:] || strings.HasSuffix(msg, ".") {
			t.Errorf("message %q: want lower case, no package prefix, no final punctuation", msg)
		}
	}
}

func TestParseErrorMessage(t *testing.T) {
	tests := []struct {
		err  *ParseError
		want string
	}{
		{&ParseError{File: "APMBC_10MSP.en.txt", Line: 7, Field: "item", Err: ErrEmptyTitle},
			"APMBC_10MSP.en.txt:7: item: item has no title"},
		{&ParseError{File: "APMBC_10MSP.de.txt", Field: "lang", Err: fmt.Errorf("%w: %q", ErrBadLang, "de")},
			`APMBC_10MSP.de.txt: lang: language is not one of ar, zh, en, fr, es, ru: "de"`},
	}
	for _, tc := range tests {
		if got := tc.err.Error(); got != tc.want {
			t.Errorf("Error() = %q, want %q", got, tc.want)
		}
	}
}

// TestErrorsIsThroughWrappers checks that each sentinel survives every layer a
// caller may add: the *ParseError itself, fmt.Errorf with %w, and errors.Join; and
// that errors.As still finds the *ParseError with its position. The file name must
// appear once in the message: no layer repeats it.
func TestErrorsIsThroughWrappers(t *testing.T) {
	for _, s := range sentinels {
		pe := &ParseError{File: "CCW_X.en.txt", Line: 3, Field: "line", Err: fmt.Errorf("%w: detail", s)}
		wrapped := map[string]error{
			"ParseError": pe,
			"fmt %w":     fmt.Errorf("load agendas: %w", pe),
			"join":       errors.Join(errors.New("other"), pe),
			"join+fmt":   fmt.Errorf("run: %w", errors.Join(pe)),
		}
		for name, err := range wrapped {
			if !errors.Is(err, s) {
				t.Errorf("%s: errors.Is(%v, %v) = false", name, err, s)
			}
			var got *ParseError
			if !errors.As(err, &got) || got.Line != 3 || got.File != "CCW_X.en.txt" {
				t.Errorf("%s: errors.As lost the *ParseError", name)
			}
			if n := strings.Count(err.Error(), "CCW_X.en.txt"); n != 1 {
				t.Errorf("%s: file name appears %d times in %q", name, n, err)
			}
			for _, other := range sentinels {
				if other != s && errors.Is(err, other) {
					t.Errorf("%s: %v also matches %v", name, err, other)
				}
			}
		}
	}
}

// TestDecodeErrorsMatch checks the errors Decode itself returns, fatal and row-level.
func TestDecodeErrorsMatch(t *testing.T) {
	_, err := Decode(strings.NewReader(line1), "APMBC_10MSP.xx.txt")
	if wrapped := fmt.Errorf("read %s: %w", "dir", err); !errors.Is(wrapped, ErrBadLang) {
		t.Errorf("fatal error %v does not match ErrBadLang through a wrapper", err)
	}
	a, err := Decode(strings.NewReader(line1+"1. A\nprose\n"), "CCW_X.en.txt")
	if err != nil {
		t.Fatal(err)
	}
	joined := make([]error, len(a.Rejects))
	for i, r := range a.Rejects {
		joined[i] = r
	}
	all := fmt.Errorf("agendas: %w", errors.Join(joined...))
	var pe *ParseError
	if !errors.Is(all, ErrUnrecognisedLine) || !errors.As(all, &pe) || pe.Line != 3 || pe.Raw != "prose" {
		t.Errorf("rejects joined and wrapped: %v", all)
	}
}
