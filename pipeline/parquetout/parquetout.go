// Package parquetout writes typed records as Parquet: zstd-compressed, dictionary
// encodings where the struct tags ask for them, DATE columns from [civil.Day] fields.
//
// Output is deterministic: the same rows in the same order give byte-identical files,
// which is what lets two runs on the same inputs publish identical tables.
package parquetout

import (
	"fmt"
	"io"

	"github.com/parquet-go/parquet-go"
)

// RowGroupSize bounds the rows per row group: large enough for good compression,
// small enough that readers can skip groups.
const RowGroupSize = 122880

// Write encodes rows as one Parquet file on w. The schema comes from T's parquet
// struct tags. Write does not close w.
func Write[T any](w io.Writer, rows []T) error {
	pw := parquet.NewGenericWriter[T](w,
		parquet.Compression(&parquet.Zstd),
		parquet.MaxRowsPerRowGroup(RowGroupSize),
		parquet.CreatedBy("synergy", "1", ""),
	)
	if len(rows) > 0 {
		if _, err := pw.Write(rows); err != nil {
			return fmt.Errorf("parquetout: write rows: %w", err)
		}
	}
	if err := pw.Close(); err != nil {
		return fmt.Errorf("parquetout: close: %w", err)
	}
	return nil
}

// Read decodes every row of a Parquet file written by [Write]; for tests and tools.
func Read[T any](r io.ReaderAt, size int64) ([]T, error) {
	rows, err := parquet.Read[T](r, size)
	if err != nil {
		return nil, fmt.Errorf("parquetout: read: %w", err)
	}
	return rows, nil
}
