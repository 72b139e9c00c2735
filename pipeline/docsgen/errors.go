package docsgen

import (
	"errors"
	"fmt"
)

// ErrMarker is wrapped by every error about the markers of a document or the
// sections of a queries file: unclosed, nested, malformed, unknown attribute.
var ErrMarker = errors.New("bad marker")

// ErrQuery is wrapped when a block's query is missing, is given twice, fails, or
// returns a shape its block cannot show (a value needs one row of one column).
var ErrQuery = errors.New("bad query")

// ErrUnused is wrapped when a query of the queries file is used by no document.
var ErrUnused = errors.New("query used by no document")

// PosError locates an error in a document or a queries file: the file, the line
// (1-based) and the block's name when known.
type PosError struct {
	File  string
	Line  int
	Block string
	Err   error
}

func (e *PosError) Error() string {
	if e.Block != "" {
		return fmt.Sprintf("%s:%d: %s: %v", e.File, e.Line, e.Block, e.Err)
	}
	return fmt.Sprintf("%s:%d: %v", e.File, e.Line, e.Err)
}

func (e *PosError) Unwrap() error { return e.Err }

func markerErr(file string, line int, block, format string, args ...any) error {
	return &PosError{File: file, Line: line, Block: block, Err: fmt.Errorf("%w: "+format, append([]any{ErrMarker}, args...)...)}
}

func queryErr(file string, line int, block, format string, args ...any) error {
	return &PosError{File: file, Line: line, Block: block, Err: fmt.Errorf("%w: "+format, append([]any{ErrQuery}, args...)...)}
}
