// Package parquetout writes typed records as Parquet: zstd-compressed, dictionary
// encodings where the struct tags ask for them, DATE columns from [civil.Day] fields.
//
// Output is deterministic: the same rows in the same order give byte-identical files,
// whether they are written at once ([Write]) or in batches of any size ([Writer]),
// which is what lets two runs on the same inputs publish identical tables.
package parquetout

import (
	"errors"
	"fmt"
	"io"
	"os"

	"github.com/parquet-go/parquet-go"
)

// RowGroupSize bounds the rows per row group: large enough for good compression,
// small enough that readers can skip groups.
const RowGroupSize = 122880

// Writer encodes rows as one Parquet file as they come, holding at most one row
// group in memory.
type Writer[T any] struct {
	pw      *parquet.GenericWriter[T]
	pending []T // rows not yet handed to pw: it gets them in whole batches
	rows    int64
}

// batchRows is how many rows a Writer hands the encoder at once. The encoder cuts
// its input into chunks of 64 rows from the start of each call and may end a page
// after any chunk, so calls of a multiple of 64 rows (and row groups of a multiple
// of 64) give the pages, and so the bytes, of one call with all rows.
const batchRows = 64 * 64

// NewWriter starts a Parquet file on w, whose schema comes from T's parquet struct
// tags. Close writes the footer; neither closes w.
func NewWriter[T any](w io.Writer) *Writer[T] { return NewScratchWriter[T](w, RowGroupSize) }

// NewScratchWriter is NewWriter with row groups of groupRows rows, for files a
// run makes for DuckDB to read and then removes: a reader holds a row group per
// thread, and small groups let DuckDB read a wide table in little memory.
func NewScratchWriter[T any](w io.Writer, groupRows int) *Writer[T] {
	return &Writer[T]{pending: make([]T, 0, batchRows), pw: parquet.NewGenericWriter[T](w,
		parquet.Compression(&parquet.Zstd),
		parquet.MaxRowsPerRowGroup(int64(groupRows)),
		parquet.CreatedBy("synergy", "1", ""),
	)}
}

// Write appends rows to the file.
func (w *Writer[T]) Write(rows []T) error {
	for len(rows) > 0 {
		n := min(len(rows), batchRows-len(w.pending))
		w.pending = append(w.pending, rows[:n]...)
		rows = rows[n:]
		w.rows += int64(n)
		if len(w.pending) == batchRows {
			if err := w.flush(); err != nil {
				return err
			}
		}
	}
	return nil
}

func (w *Writer[T]) flush() error {
	if len(w.pending) == 0 {
		return nil
	}
	_, err := w.pw.Write(w.pending)
	clear(w.pending) // let the strings go
	w.pending = w.pending[:0]
	if err != nil {
		return fmt.Errorf("parquetout: write rows: %w", err)
	}
	return nil
}

// Rows is the number of rows written so far.
func (w *Writer[T]) Rows() int64 { return w.rows }

// Close flushes the last row group and writes the footer.
func (w *Writer[T]) Close() error {
	if err := w.flush(); err != nil {
		return err
	}
	if err := w.pw.Close(); err != nil {
		return fmt.Errorf("parquetout: close: %w", err)
	}
	return nil
}

// Write encodes rows as one Parquet file on w. The schema comes from T's parquet
// struct tags. Write does not close w.
func Write[T any](w io.Writer, rows []T) error {
	pw := NewWriter[T](w)
	if len(rows) > 0 { // at once: the rows are in memory already
		if _, err := pw.pw.Write(rows); err != nil {
			return fmt.Errorf("parquetout: write rows: %w", err)
		}
	}
	return pw.Close()
}

// Read decodes every row of a Parquet file written by [Write]; for tests and tools.
func Read[T any](r io.ReaderAt, size int64) ([]T, error) {
	rows, err := parquet.Read[T](r, size)
	if err != nil {
		return nil, fmt.Errorf("parquetout: read: %w", err)
	}
	return rows, nil
}

// ScanFile is [Scan] over the Parquet file at path.
func ScanFile[T any](path string, batch int, each func([]T) error) error {
	f, pf, err := openFile(path)
	if err != nil {
		return err
	}
	defer f.Close()
	return scan(pf, batch, each)
}

// openFile opens the Parquet file at path; the caller closes the *os.File.
func openFile(path string) (*os.File, *parquet.File, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, nil, err
	}
	st, err := f.Stat()
	if err != nil {
		f.Close()
		return nil, nil, err
	}
	pf, err := parquet.OpenFile(f, st.Size())
	if err != nil {
		f.Close()
		return nil, nil, fmt.Errorf("parquetout: read %s: %w", path, err)
	}
	return f, pf, nil
}

// Scan reads the rows of a Parquet file written by [Write] in batches of at most
// batch rows, in file order, handing each to each; the slice is reused between
// calls. It holds one batch in memory, not the file.
func Scan[T any](r io.ReaderAt, size int64, batch int, each func([]T) error) error {
	f, err := parquet.OpenFile(r, size)
	if err != nil {
		return fmt.Errorf("parquetout: read: %w", err)
	}
	return scan(f, batch, each)
}

func scan[T any](f *parquet.File, batch int, each func([]T) error) error {
	pr := parquet.NewGenericReader[T](f)
	defer pr.Close()
	buf := make([]T, batch)
	for {
		n, err := pr.Read(buf)
		if n > 0 {
			if err := each(buf[:n]); err != nil {
				return err
			}
		}
		if err == io.EOF {
			return nil
		}
		if err != nil {
			return fmt.Errorf("parquetout: read: %w", err)
		}
	}
}

// Reader reads the rows of a Parquet file one at a time, in file order, a
// batch in memory: for a caller that walks a file alongside other input
// ([Scan] hands the rows over instead).
type Reader[T any] struct {
	f    *os.File
	pr   *parquet.GenericReader[T]
	buf  []T
	i, n int
	eof  bool
	err  error
}

// OpenReader opens the Parquet file at path for reading batch rows at a time.
func OpenReader[T any](path string, batch int) (*Reader[T], error) {
	f, pf, err := openFile(path)
	if err != nil {
		return nil, err
	}
	return &Reader[T]{f: f, pr: parquet.NewGenericReader[T](pf), buf: make([]T, max(1, batch))}, nil
}

// Peek returns the next row without consuming it, or false at the end of the
// file or on an error (Err). The row is valid until the next call to Next.
func (r *Reader[T]) Peek() (*T, bool) {
	for r.i == r.n {
		if r.eof || r.err != nil {
			return nil, false
		}
		n, err := r.pr.Read(r.buf)
		r.i, r.n = 0, n
		switch {
		case err == io.EOF:
			r.eof = true
		case err != nil:
			r.err = fmt.Errorf("parquetout: read: %w", err)
		}
	}
	return &r.buf[r.i], true
}

// Next consumes the row Peek returned.
func (r *Reader[T]) Next() {
	if r.i < r.n {
		r.i++
	}
}

// Err is the error that ended the rows early, if any.
func (r *Reader[T]) Err() error { return r.err }

// Close closes the file.
func (r *Reader[T]) Close() error {
	return errors.Join(r.pr.Close(), r.f.Close())
}
