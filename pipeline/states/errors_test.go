package states

import (
	"errors"
	"fmt"
	"strings"
	"testing"
)

func TestParseErrorWrapping(t *testing.T) {
	sentinels := []error{ErrHeader, ErrFieldCount, ErrEmptyField, ErrStateID, ErrM49Code,
		ErrDuplicateState, ErrDuplicateName, ErrUnknownState, ErrAmbiguousName}
	for _, s := range sentinels {
		t.Run(s.Error(), func(t *testing.T) {
			err := fmt.Errorf("load tables: %w", parseErr(namesFile, 3, 2, s, "%q", "x"))
			if !errors.Is(err, s) {
				t.Errorf("errors.Is(%v, %v) = false", err, s)
			}
			var pe *ParseError
			if !errors.As(err, &pe) || pe.Line != 3 || pe.Column != 2 {
				t.Errorf("errors.As(%v) did not yield line 3 column 2", err)
			}
			msg := err.Error()
			if n := strings.Count(msg, "states:"); n != 1 {
				t.Errorf("%q: prefix \"states:\" appears %d times", msg, n)
			}
			if n := strings.Count(msg, s.Error()); n != 1 {
				t.Errorf("%q: sentinel text appears %d times", msg, n)
			}
		})
	}
}

func TestParseErrorMessage(t *testing.T) {
	tests := []struct {
		err  *ParseError
		want string
	}{
		{&ParseError{File: statesFile, Line: 4, Column: 7, Err: ErrStateID}, "states: states.csv line 4, column 7: invalid state_id"},
		{&ParseError{File: namesFile, Line: 2, Err: ErrFieldCount}, "states: state_names.csv line 2: wrong number of fields"},
		{&ParseError{File: namesFile, Err: errors.New("read failed")}, "states: state_names.csv: read failed"},
	}
	for _, tc := range tests {
		if got := tc.err.Error(); got != tc.want {
			t.Errorf("Error() = %q; want %q", got, tc.want)
		}
	}
}
