package states

import (
	"errors"
	"fmt"
)

// Sentinel errors. Match them with [errors.Is]; a [*ParseError] wraps each one with
// its position.
var (
	// ErrHeader: the header row is missing or its columns differ from the expected ones.
	ErrHeader = errors.New("unexpected header")
	// ErrFieldCount: a row has a different number of fields from the header.
	ErrFieldCount = errors.New("wrong number of fields")
	// ErrEmptyField: a required field is empty.
	ErrEmptyField = errors.New("empty required field")
	// ErrStateID: a state_id is not three upper-case ASCII letters.
	ErrStateID = errors.New("invalid state_id")
	// ErrM49Code: an m49_code is neither empty nor three ASCII digits.
	ErrM49Code = errors.New("invalid m49_code")
	// ErrDuplicateState: a state_id appears on more than one row of states.csv.
	ErrDuplicateState = errors.New("duplicate state_id")
	// ErrDuplicateName: a name appears on more than one row of state_names.csv.
	ErrDuplicateName = errors.New("duplicate name")
	// ErrUnknownState: state_names.csv refers to a state_id that states.csv lacks.
	ErrUnknownState = errors.New("unknown state_id")
	// ErrAmbiguousName: two names normalise to the same form but name different states.
	ErrAmbiguousName = errors.New("ambiguous name")
)

// File names used in [ParseError.File].
const (
	statesFile = "states.csv"
	namesFile  = "state_names.csv"
)

// ParseError reports a problem at a position in one of the two input files. Line and
// Column are 1-based as in [encoding/csv]; Column counts bytes and is 0 when the
// problem concerns the whole row.
type ParseError struct {
	File   string // "states.csv" or "state_names.csv"
	Line   int
	Column int
	Err    error // a sentinel above, or an encoding/csv error such as csv.ErrQuote
}

func (e *ParseError) Error() string {
	if e.Line == 0 {
		return fmt.Sprintf("states: %s: %v", e.File, e.Err)
	}
	if e.Column > 0 {
		return fmt.Sprintf("states: %s line %d, column %d: %v", e.File, e.Line, e.Column, e.Err)
	}
	return fmt.Sprintf("states: %s line %d: %v", e.File, e.Line, e.Err)
}

// Unwrap returns the underlying error.
func (e *ParseError) Unwrap() error { return e.Err }

// parseErr returns a *ParseError that wraps err with detail added after it.
func parseErr(file string, line, col int, err error, format string, args ...any) *ParseError {
	if format != "" {
		err = fmt.Errorf("%w: "+format, append([]any{err}, args...)...)
	}
	return &ParseError{File: file, Line: line, Column: col, Err: err}
}
