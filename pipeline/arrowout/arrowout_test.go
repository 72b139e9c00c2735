package arrowout_test

import (
	"bytes"
	"errors"
	"testing"
	"time"

	"github.com/apache/arrow-go/v18/arrow"
	"github.com/apache/arrow-go/v18/arrow/array"
	"github.com/apache/arrow-go/v18/arrow/ipc"

	"synergy/pipeline/arrowout"
)

// TestStreamReadsBack writes rows of every mapped type, with NULLs, over several
// batches, and reads them back with arrow-go's own IPC stream reader.
func TestStreamReadsBack(t *testing.T) {
	cols := []string{"b", "i", "f", "d", "ts", "s", "l", "other"}
	types := []string{"BOOLEAN", "INTEGER", "DECIMAL(9,2)", "DATE", "TIMESTAMP WITH TIME ZONE", "VARCHAR", "VARCHAR[]", "STRUCT(a INTEGER)"}
	stamp := time.Date(2026, 12, 7, 21, 0, 0, 123000, time.UTC)
	var buf bytes.Buffer
	w := arrowout.NewWriter(&buf, cols, types, 3)
	const n = 10
	for i := range n {
		row := []any{i%2 == 0, int64(i), float64(i) / 4, "2026-01-0" + string(rune('1'+i%9)), stamp.Add(time.Duration(i) * time.Hour),
			"row " + string(rune('a'+i)), []any{"x", nil, "z"}, map[string]any{"a": i}}
		if i == 4 {
			row = make([]any, len(cols)) // every column NULL
		}
		if err := w.Write(row); err != nil {
			t.Fatal(err)
		}
	}
	if err := w.Close(); err != nil {
		t.Fatal(err)
	}
	r, err := ipc.NewReader(&buf)
	if err != nil {
		t.Fatal(err)
	}
	defer r.Release()
	if got := r.Schema().Field(3).Type; got.ID() != arrow.DATE32 {
		t.Errorf("DATE column is %s", got)
	}
	if got := r.Schema().Field(6).Type; got.ID() != arrow.LIST {
		t.Errorf("VARCHAR[] column is %s", got)
	}
	rows, batches := 0, 0
	for r.Next() {
		rec := r.RecordBatch()
		batches++
		for k := range int(rec.NumRows()) {
			i := rows + k
			ints := rec.Column(1).(*array.Int64)
			if i == 4 {
				for c := range rec.NumCols() {
					if !rec.Column(int(c)).IsNull(k) {
						t.Errorf("row 4 column %s is not NULL", cols[c])
					}
				}
				continue
			}
			if ints.Value(k) != int64(i) || rec.Column(2).(*array.Float64).Value(k) != float64(i)/4 {
				t.Errorf("row %d: %v, %v", i, ints.Value(k), rec.Column(2).(*array.Float64).Value(k))
			}
			if d := rec.Column(3).(*array.Date32).Value(k).ToTime(); d.Format(time.DateOnly) != "2026-01-0"+string(rune('1'+i%9)) {
				t.Errorf("row %d: date %s", i, d)
			}
			if ts := rec.Column(4).(*array.Timestamp).Value(k); ts.ToTime(arrow.Microsecond) != stamp.Add(time.Duration(i)*time.Hour) {
				t.Errorf("row %d: timestamp %v", i, ts.ToTime(arrow.Microsecond))
			}
			l := rec.Column(6).(*array.List)
			start, end := l.ValueOffsets(k)
			elems := l.ListValues().(*array.String)
			if end-start != 3 || elems.Value(int(start)) != "x" || !elems.IsNull(int(start)+1) {
				t.Errorf("row %d: list [%d, %d)", i, start, end)
			}
			if got := rec.Column(7).(*array.String).Value(k); got != "map[a:"+string(rune('0'+i))+"]" {
				t.Errorf("row %d: struct as text %q", i, got)
			}
		}
		rows += int(rec.NumRows())
	}
	if r.Err() != nil {
		t.Fatal(r.Err())
	}
	if rows != n || batches != 4 {
		t.Errorf("read %d rows in %d batches; want %d rows in 4 batches of at most 3", rows, batches, n)
	}
}

// TestEmptyResultKeepsItsSchema: no rows still make a readable stream with the
// columns.
func TestEmptyResultKeepsItsSchema(t *testing.T) {
	var buf bytes.Buffer
	w := arrowout.NewWriter(&buf, []string{"state_id"}, []string{"VARCHAR"}, 0)
	if err := w.Close(); err != nil {
		t.Fatal(err)
	}
	r, err := ipc.NewReader(&buf)
	if err != nil {
		t.Fatal(err)
	}
	defer r.Release()
	if r.Schema().NumFields() != 1 || r.Schema().Field(0).Name != "state_id" || r.Next() {
		t.Errorf("schema %s", r.Schema())
	}
}

// TestValueOfTheWrongKind names the column.
func TestValueOfTheWrongKind(t *testing.T) {
	w := arrowout.NewWriter(&bytes.Buffer{}, []string{"n"}, []string{"BIGINT"}, 0)
	err := w.Write([]any{"seven"})
	if !errors.Is(err, arrowout.ErrValue) || !bytes.Contains([]byte(err.Error()), []byte("column n")) {
		t.Errorf("Write = %v", err)
	}
}
