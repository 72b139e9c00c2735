package notebook

import (
	"errors"
	"fmt"
)

var (
	// ErrSyntax: the input is not a JSON object.
	ErrSyntax = errors.New("not a JSON notebook")
	// ErrVersion: the notebook is not nbformat 4.
	ErrVersion = errors.New("unsupported nbformat")
	// ErrStructure: a field nbformat requires is missing or has the wrong type.
	ErrStructure = errors.New("bad notebook structure")
	// ErrInvalid: the notebook breaks the project's convention (nbformat 4.5,
	// a unique id on every cell); see [Notebook.Validate].
	ErrInvalid = errors.New("invalid notebook")
	// ErrCellFailed: a cell's execution ended in an error output.
	ErrCellFailed = errors.New("cell failed")
	// ErrUsage: a %%sql cell the runner refuses (more than one statement,
	// options after the magic).
	ErrUsage = errors.New("bad %%sql cell")
)

// ParseError is a notebook that could not be read. Line and Column (1-based)
// locate JSON syntax errors; Cell (0-based, -1 when not about a cell) and Field
// locate structural ones.
type ParseError struct {
	Line, Column int    // 0 when unknown
	Cell         int    // index in cells, -1 when not about a cell
	Field        string // the JSON field concerned, "" when none
	Err          error  // wraps ErrSyntax, ErrVersion or ErrStructure
}

func (e *ParseError) Error() string {
	var where string
	switch {
	case e.Line > 0:
		where = fmt.Sprintf("line %d, column %d: ", e.Line, e.Column)
	case e.Cell >= 0 && e.Field != "":
		where = fmt.Sprintf("cell %d: %s: ", e.Cell, e.Field)
	case e.Cell >= 0:
		where = fmt.Sprintf("cell %d: ", e.Cell)
	case e.Field != "":
		where = e.Field + ": "
	}
	return "notebook: " + where + e.Err.Error()
}

func (e *ParseError) Unwrap() error { return e.Err }

// CellError is a cell whose execution failed. It matches [ErrCellFailed] and its
// cause under errors.Is.
type CellError struct {
	Index          int    // position in the notebook's cells, 0-based
	ID             string // the cell's id, "" when it has none
	ExecutionCount int    // the In [n] it was given
	Ename, Evalue  string // as written in its error output
	Err            error  // the Querier's error, or one wrapping ErrUsage
}

func (e *CellError) Error() string {
	id := ""
	if e.ID != "" {
		id = fmt.Sprintf(" (id %q)", e.ID)
	}
	return fmt.Sprintf("cell %d%s, In [%d]: %s: %s", e.Index, id, e.ExecutionCount, e.Ename, e.Evalue)
}

// Unwrap returns ErrCellFailed and the cause.
func (e *CellError) Unwrap() []error { return []error{ErrCellFailed, e.Err} }
