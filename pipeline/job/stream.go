package job

import (
	"bytes"
	"io"

	"synergy/pipeline/parquetout"
)

// streamedTable is a raw table encoded as Parquet while the readers produce its
// rows: a run holds the compressed file (a few percent of the rows' size), not
// the rows. The file is byte-identical to the table written whole
// (parquetout.Writer).
type streamedTable[T any] struct {
	buf    bytes.Buffer
	w      *parquetout.Writer[T]
	closed bool
}

func newStreamedTable[T any]() *streamedTable[T] {
	t := &streamedTable[T]{}
	t.w = parquetout.NewWriter[T](&t.buf)
	return t
}

// Write appends rows; the caller may reuse the slice.
func (t *streamedTable[T]) Write(rows []T) error { return t.w.Write(rows) }

// Close finishes the file; closing twice is a no-op.
func (t *streamedTable[T]) Close() error {
	if t.closed {
		return nil
	}
	t.closed = true
	return t.w.Close()
}

// Len is the number of rows written (0 for a nil table).
func (t *streamedTable[T]) Len() int {
	if t == nil {
		return 0
	}
	return int(t.w.Rows())
}

// WriteTo writes the finished file to w.
func (t *streamedTable[T]) WriteTo(w io.Writer) (int64, error) {
	if err := t.Close(); err != nil {
		return 0, err
	}
	return bytes.NewReader(t.buf.Bytes()).WriteTo(w)
}

// Scan hands the rows of the finished file to each in batches, in order.
func (t *streamedTable[T]) Scan(batch int, each func([]T) error) error {
	if err := t.Close(); err != nil {
		return err
	}
	return parquetout.Scan(bytes.NewReader(t.buf.Bytes()), int64(t.buf.Len()), batch, each)
}
