package csvsrc

import (
	"encoding/csv"
	"errors"
	"fmt"
	"strings"
	"testing"
)

var sentinels = []error{ErrNoHeader, ErrMissingColumn, ErrDuplicateColumn, ErrMalformedCSV, ErrFieldCount,
	ErrNotUTF8, ErrFieldTooLong, ErrDuplicate, ErrMissingValue, ErrBadDate, ErrDateOrder, ErrUnknownInstrument,
	ErrUnknownState, ErrStateMismatch, ErrBadConsentType, ErrBadFlag}

func TestErrorsIsThroughWrappers(t *testing.T) {
	for _, s := range sentinels {
		pe := &ParseError{File: "f.csv", Line: 3, Column: 7, Field: "x", Err: fmt.Errorf("%w: detail", s)}
		wrapped := fmt.Errorf("load membership: %w", pe)
		if !errors.Is(wrapped, s) {
			t.Errorf("errors.Is(%v, %v) = false", wrapped, s)
		}
		var got *ParseError
		if !errors.As(wrapped, &got) || got.Line != 3 || got.File != "f.csv" {
			t.Errorf("errors.As(%v) = %+v", wrapped, got)
		}
		if n := strings.Count(wrapped.Error(), "csvsrc:"); n != 1 {
			t.Errorf("%q: prefix csvsrc: appears %d times", wrapped, n)
		}
		fe := fieldErr("consent_date", s, "%q", "v")
		if !errors.Is(fe, s) || strings.Contains(fe.Error(), "csvsrc") {
			t.Errorf("fieldErr(%v) = %v", s, fe)
		}
	}
}

func TestParseErrorsFromReaders(t *testing.T) {
	states := mapResolver{}
	tests := []struct {
		name, in string
		want     error
		line     int
		field    string
	}{
		{"empty", "", ErrNoHeader, 0, ""},
		{"BOM only", "\ufeff", ErrNoHeader, 0, ""},
		{"missing column", "instrument,state_name\nAPMBC,Albania\n", ErrMissingColumn, 1, "iso3"},
		{"duplicate column", "instrument,instrument\n", ErrDuplicateColumn, 1, "instrument"},
		{"bare quote in header", "instr\"ument\n", ErrMalformedCSV, 1, ""},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			_, _, err := ReadParticipation(strings.NewReader(tc.in), "in.csv", states)
			var pe *ParseError
			if !errors.Is(err, tc.want) || !errors.As(err, &pe) || pe.Line != tc.line || pe.Field != tc.field || pe.File != "in.csv" {
				t.Errorf("err = %v (%+v), want %v at line %d field %q", err, pe, tc.want, tc.line, tc.field)
			}
		})
	}
	// encoding/csv's own error stays reachable.
	_, _, err := ReadParticipation(strings.NewReader(strings.Join(participationColumns, ",")+"\n\"a\"b\n"), "in.csv", states)
	if !errors.Is(err, csv.ErrQuote) || !errors.Is(err, ErrMalformedCSV) {
		t.Errorf("err = %v, want csv.ErrQuote and ErrMalformedCSV", err)
	}
}
