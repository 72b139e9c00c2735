package notebook_test

import (
	"errors"
	"strings"
	"testing"

	"synergy/pipeline/notebook"
)

// Every sentinel matches through the error types that wrap it, and no message
// repeats a prefix.
func TestErrorsWrap(t *testing.T) {
	cause := errors.New("Catalog Error: no table")
	cases := []struct {
		err  error
		want []error
	}{
		{&notebook.ParseError{Line: 2, Column: 3, Cell: -1, Err: notebook.ErrSyntax}, []error{notebook.ErrSyntax}},
		{&notebook.ParseError{Cell: 4, Field: "source", Err: notebook.ErrStructure}, []error{notebook.ErrStructure}},
		{&notebook.CellError{Index: 1, ID: "x", ExecutionCount: 1, Ename: "CatalogError", Evalue: "no table", Err: cause},
			[]error{notebook.ErrCellFailed, cause}},
		{&notebook.CellError{Index: 1, ExecutionCount: 1, Ename: "UsageError", Err: notebook.ErrUsage},
			[]error{notebook.ErrCellFailed, notebook.ErrUsage}},
	}
	for _, tc := range cases {
		for _, w := range tc.want {
			if !errors.Is(tc.err, w) {
				t.Errorf("%v does not match %v", tc.err, w)
			}
		}
		msg := tc.err.Error()
		if strings.Count(msg, "notebook:") > 1 {
			t.Errorf("prefix repeated: %q", msg)
		}
	}
}
