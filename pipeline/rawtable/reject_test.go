package rawtable

import (
	"errors"
	"math"
	"testing"
)

type rowErr struct {
	file, field, raw string
	line             int
	err              error
}

func (e *rowErr) Error() string { return e.file + ": " + e.err.Error() }
func (e *rowErr) Unwrap() error { return e.err }
func (e *rowErr) Place() (string, int, string, string) {
	return e.file, e.line, e.field, e.raw
}

func TestRejectOf(t *testing.T) {
	tests := []struct {
		name string
		in   *rowErr
		want Reject
	}{
		{"a row", &rowErr{"a.ics", "DTSTART", "DTSTART:2024", 12, errors.New("bad date")},
			Reject{SourceFile: "a.ics", Line: 12, Field: "DTSTART", Reason: "bad date", Raw: "DTSTART:2024"}},
		{"the whole input", &rowErr{"b.txt", "", "", 0, errors.New("no items")},
			Reject{SourceFile: "b.txt", Reason: "no items"}},
		{"a line beyond int32 saturates", &rowErr{"c", "x", "", math.MaxInt32 + 5, errors.New("r")},
			Reject{SourceFile: "c", Line: math.MaxInt32, Field: "x", Reason: "r"}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if got := RejectOf(tc.in); got != tc.want {
				t.Errorf("RejectOf = %+v, want %+v", got, tc.want)
			}
		})
	}
	if got := RejectsOf([]*rowErr{}); got == nil || len(got) != 0 {
		t.Errorf("RejectsOf(none) = %#v, want an empty slice", got)
	}
}
