// Package arrowout writes query results as an Apache Arrow IPC stream (the
// "Arrow streaming format" that pyarrow.ipc.open_stream, polars.read_ipc_stream
// and DuckDB's arrow readers take without conversion), in record batches of a
// bounded number of rows, so that a result of any size is written in bounded
// memory.
//
// Values arrive as the plain Go values the warehouse hands out (nil, bool, int64,
// float64, string, time.Time, []any; dates as "YYYY-MM-DD" strings), with the
// DuckDB type name of each column. Types map as: BOOLEAN → bool; TINYINT …
// BIGINT and the unsigned ones up to UINTEGER → int64; DOUBLE, FLOAT, DECIMAL →
// float64; DATE → date32; TIMESTAMP and TIMESTAMP WITH TIME ZONE → timestamp[µs,
// UTC]; VARCHAR → utf8; a list of one of these (T[]) → list<T>; anything else
// (structs, maps, HUGEINT, intervals, blobs …) → utf8 of its text. Every column is
// nullable.
package arrowout

import (
	"errors"
	"fmt"
	"io"
	"strings"
	"time"

	"github.com/apache/arrow-go/v18/arrow"
	"github.com/apache/arrow-go/v18/arrow/array"
	"github.com/apache/arrow-go/v18/arrow/ipc"
	"github.com/apache/arrow-go/v18/arrow/memory"
)

// BatchRows is the default number of rows per record batch: DuckDB's vector size,
// the batch its own Arrow export uses.
const BatchRows = 2048

// ErrValue reports a value that does not fit its column's Arrow type.
var ErrValue = errors.New("arrowout: value does not fit its column")

// Writer writes rows as an Arrow IPC stream.
type Writer struct {
	schema  *arrow.Schema
	builder *array.RecordBuilder
	ipc     *ipc.Writer
	batch   int
	n       int // rows in the current batch
	rows    int64
}

// NewWriter starts a stream on w with one column per name, typed from the DuckDB
// type names, and batches of batchRows rows (0: BatchRows).
func NewWriter(w io.Writer, columns, duckTypes []string, batchRows int) *Writer {
	if len(columns) != len(duckTypes) {
		panic("arrowout: columns and types differ in length")
	}
	fields := make([]arrow.Field, len(columns))
	for i, c := range columns {
		fields[i] = arrow.Field{Name: c, Type: ArrowType(duckTypes[i]), Nullable: true}
	}
	schema := arrow.NewSchema(fields, nil)
	if batchRows <= 0 {
		batchRows = BatchRows
	}
	mem := memory.NewGoAllocator()
	return &Writer{schema: schema, builder: array.NewRecordBuilder(mem, schema),
		ipc: ipc.NewWriter(w, ipc.WithSchema(schema), ipc.WithAllocator(mem)), batch: batchRows}
}

// Schema is the stream's schema.
func (w *Writer) Schema() *arrow.Schema { return w.schema }

// Rows is the number of rows written so far.
func (w *Writer) Rows() int64 { return w.rows }

// ArrowType is the Arrow type a DuckDB column of type name t is written as.
func ArrowType(t string) arrow.DataType {
	t = strings.ToUpper(strings.TrimSpace(t))
	if elem, ok := strings.CutSuffix(t, "[]"); ok {
		if et := ArrowType(elem); et.ID() != arrow.LIST {
			return arrow.ListOf(et)
		}
		return arrow.BinaryTypes.String
	}
	switch {
	case t == "BOOLEAN":
		return arrow.FixedWidthTypes.Boolean
	case t == "TINYINT", t == "SMALLINT", t == "INTEGER", t == "BIGINT",
		t == "UTINYINT", t == "USMALLINT", t == "UINTEGER":
		return arrow.PrimitiveTypes.Int64
	case t == "DOUBLE", t == "FLOAT", strings.HasPrefix(t, "DECIMAL"):
		return arrow.PrimitiveTypes.Float64
	case t == "DATE":
		return arrow.FixedWidthTypes.Date32
	case t == "TIMESTAMP", t == "TIMESTAMP WITH TIME ZONE", t == "TIMESTAMPTZ":
		return &arrow.TimestampType{Unit: arrow.Microsecond, TimeZone: "UTC"}
	}
	return arrow.BinaryTypes.String
}

// Write appends one row, flushing a record batch when it is full.
func (w *Writer) Write(row []any) error {
	if len(row) != len(w.schema.Fields()) {
		return fmt.Errorf("arrowout: row of %d values for %d columns", len(row), len(w.schema.Fields()))
	}
	for i, v := range row {
		if err := appendValue(w.builder.Field(i), v); err != nil {
			return fmt.Errorf("%w: column %s (%s): %v", ErrValue, w.schema.Field(i).Name, w.schema.Field(i).Type, err)
		}
	}
	w.n++
	w.rows++
	if w.n >= w.batch {
		return w.flush()
	}
	return nil
}

func (w *Writer) flush() error {
	if w.n == 0 {
		return nil
	}
	rec := w.builder.NewRecordBatch()
	defer rec.Release()
	w.n = 0
	return w.ipc.Write(rec)
}

// Close writes the last batch and the end-of-stream marker. A stream with no rows
// still holds its schema.
func (w *Writer) Close() error {
	err := w.flush()
	w.builder.Release()
	if cerr := w.ipc.Close(); err == nil {
		err = cerr
	}
	return err
}

func appendValue(b array.Builder, v any) error {
	if v == nil {
		b.AppendNull()
		return nil
	}
	switch b := b.(type) {
	case *array.BooleanBuilder:
		x, ok := v.(bool)
		if !ok {
			return fmt.Errorf("%T", v)
		}
		b.Append(x)
	case *array.Int64Builder:
		x, ok := v.(int64)
		if !ok {
			return fmt.Errorf("%T", v)
		}
		b.Append(x)
	case *array.Float64Builder:
		switch x := v.(type) {
		case float64:
			b.Append(x)
		case int64:
			b.Append(float64(x))
		default:
			return fmt.Errorf("%T", v)
		}
	case *array.Date32Builder:
		s, ok := v.(string)
		if !ok {
			return fmt.Errorf("%T", v)
		}
		d, err := time.Parse(time.DateOnly, s)
		if err != nil {
			return err
		}
		b.Append(arrow.Date32FromTime(d))
	case *array.TimestampBuilder:
		t, ok := v.(time.Time)
		if !ok {
			return fmt.Errorf("%T", v)
		}
		b.Append(arrow.Timestamp(t.UTC().UnixMicro()))
	case *array.ListBuilder:
		xs, ok := v.([]any)
		if !ok {
			return fmt.Errorf("%T", v)
		}
		b.Append(true)
		for _, x := range xs {
			if err := appendValue(b.ValueBuilder(), x); err != nil {
				return err
			}
		}
	case *array.StringBuilder:
		b.Append(text(v))
	default:
		return fmt.Errorf("no builder for %T", b)
	}
	return nil
}

// text renders a value that has no Arrow type of its own.
func text(v any) string {
	switch x := v.(type) {
	case string:
		return x
	case []any:
		parts := make([]string, len(x))
		for i, e := range x {
			if e == nil {
				parts[i] = "NULL"
			} else {
				parts[i] = text(e)
			}
		}
		return "[" + strings.Join(parts, ", ") + "]"
	case time.Time:
		return x.UTC().Format(time.RFC3339Nano)
	}
	return fmt.Sprint(v)
}
