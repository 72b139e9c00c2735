package treaty

import (
	"errors"
	"fmt"
)

// Errors of the instrument readers; match them with errors.Is.
var (
	ErrMissingColumn     = errors.New("missing column")
	ErrUnknownInstrument = errors.New("unknown instrument")
	ErrBadDate           = errors.New("bad date")
	ErrBadRule           = errors.New("bad entry-into-force rule")
	ErrEmpty             = errors.New("required value empty")
	ErrDuplicate         = errors.New("duplicate row")
)

// ParseError locates a problem in an input file.
type ParseError struct {
	File  string
	Line  int
	Field string
	Err   error
}

func (e *ParseError) Error() string {
	if e.Field == "" {
		return fmt.Sprintf("%s:%d: %v", e.File, e.Line, e.Err)
	}
	return fmt.Sprintf("%s:%d: %s: %v", e.File, e.Line, e.Field, e.Err)
}

func (e *ParseError) Unwrap() error { return e.Err }
