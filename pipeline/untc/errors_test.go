package untc

import (
	"errors"
	"fmt"
	"strings"
	"testing"
)

var sentinels = []error{ErrNoParticipantTable, ErrUnknownColumn, ErrTooManyCells, ErrMissingName,
	ErrBadDate, ErrBadMarker, ErrBadBracket, ErrTruncated, ErrRead}

// TestErrorsIsThroughWrappers checks that each sentinel survives every wrapper the
// package and its callers put around it: badValue, *ParseError and a caller's %w.
func TestErrorsIsThroughWrappers(t *testing.T) {
	for _, s := range sentinels {
		pe := &ParseError{File: "ccm.html", Line: 12, Column: 3, Field: fieldConsent, Err: badValue(s, "x")}
		var wrapped error = fmt.Errorf("load ccm: %w", pe)
		if !errors.Is(wrapped, s) {
			t.Errorf("errors.Is(%v, %v) = false", wrapped, s)
		}
		var got *ParseError
		if !errors.As(wrapped, &got) || got != pe {
			t.Errorf("errors.As(%v) did not find the *ParseError", wrapped)
		}
		for _, other := range sentinels {
			if other != s && errors.Is(wrapped, other) {
				t.Errorf("%v also matches %v", wrapped, other)
			}
		}
	}
}

// TestErrorMessages checks the "file:line: field: reason" form and that no part is
// repeated (no "untc: untc:" or doubled file names).
func TestErrorMessages(t *testing.T) {
	tests := []struct {
		err  error
		want string
	}{
		{&ParseError{File: "ccm.html", Line: 1367, Column: 3, Field: fieldConsent, Err: badValue(ErrBadDate, "31 Feb 2009")},
			`ccm.html:1367: consent: bad date "31 Feb 2009"`},
		{&ParseError{File: "ccm.html", Err: ErrNoParticipantTable}, "ccm.html: no participant table"},
		{&ParseError{File: "x.txt", Line: 2, Err: ErrMissingName}, "x.txt:2: missing participant name"},
	}
	for _, tc := range tests {
		if got := tc.err.Error(); got != tc.want {
			t.Errorf("Error() = %q, want %q", got, tc.want)
		}
	}
	seen := map[string]bool{}
	for _, s := range sentinels {
		msg := s.Error()
		if seen[msg] || msg != strings.ToLower(msg) || strings.HasSuffix(msg, ".") || strings.Contains(msg, "untc:") {
			t.Errorf("sentinel message %q is repeated, capitalised, punctuated or prefixed", msg)
		}
		seen[msg] = true
	}
}

// TestDecodeNoGridNamesFile: a structurally broken page is one error naming the file.
func TestDecodeNoGridNamesFile(t *testing.T) {
	_, err := Decode(strings.NewReader("<html><body><p>Status of Treaties</p></body></html>"), "broken.html")
	var pe *ParseError
	if !errors.Is(err, ErrNoParticipantTable) || !errors.As(err, &pe) || pe.File != "broken.html" {
		t.Fatalf("err = %v, want ErrNoParticipantTable naming broken.html", err)
	}
}

type failingReader struct{}

func (failingReader) Read([]byte) (int, error) { return 0, errors.New("disk on fire") }

func TestDecodeReadError(t *testing.T) {
	_, err := Decode(failingReader{}, "ccm.html")
	if !errors.Is(err, ErrRead) || !strings.Contains(err.Error(), "disk on fire") {
		t.Errorf("err = %v, want ErrRead wrapping the reader's error", err)
	}
}
