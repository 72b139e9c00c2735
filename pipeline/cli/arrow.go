package cli

import (
	"bufio"
	"errors"
	"io"

	"synergy/pipeline/arrowout"
)

// arrowFormat is query's binary output format: an Arrow IPC stream (package
// arrowout), written in record batches as the rows are read. Not a mode of the
// sql prompt, which prints to a terminal.
const arrowFormat = "arrow"

// arrowRowWriter is the rowWriter of the arrow format. Its schema needs the
// columns' types, so the result's head comes through typedHead.
type arrowRowWriter struct {
	w  *bufio.Writer
	aw *arrowout.Writer
}

func newArrowRowWriter(w io.Writer) *arrowRowWriter {
	return &arrowRowWriter{w: bufio.NewWriterSize(w, 256<<10)}
}

func (a *arrowRowWriter) head([]string) error {
	return errors.New("the arrow format needs the columns' types")
}

func (a *arrowRowWriter) typedHead(columns, types []string) error {
	a.aw = arrowout.NewWriter(a.w, columns, types, 0)
	return nil
}

func (a *arrowRowWriter) row(vals []any) error { return a.aw.Write(vals) }

// end closes the stream (a cut-short result still ends with a valid stream of the
// rows written) and flushes it.
func (a *arrowRowWriter) end(bool) error {
	err := a.aw.Close()
	if ferr := a.w.Flush(); err == nil {
		err = ferr
	}
	return err
}
