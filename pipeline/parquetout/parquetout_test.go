package parquetout

import (
	"bytes"
	"os"
	"path/filepath"
	"testing"

	"github.com/google/go-cmp/cmp"

	"synergy/pipeline/civil"
	"synergy/pipeline/rawtable"
)

func TestWriteIsDeterministicAndRoundTrips(t *testing.T) {
	eif := civil.Date(1999, 3, 1)
	kind := "ratification"
	rows := []rawtable.Participation{
		{StateID: "AND", InstrumentID: "APMBC", Spell: 1, ConsentKind: &kind, EntryIntoForceDate: &eif, SourceURL: "u", Confidence: "source"},
		{StateID: "AFG", InstrumentID: "APMBC", Spell: 1, SourceURL: "u", Confidence: "source"},
	}
	var a, b bytes.Buffer
	if err := Write(&a, rows); err != nil {
		t.Fatal(err)
	}
	if err := Write(&b, rows); err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(a.Bytes(), b.Bytes()) {
		t.Fatal("two writes of the same rows differ")
	}
	got, err := Read[rawtable.Participation](bytes.NewReader(a.Bytes()), int64(a.Len()))
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(rows, got); diff != "" {
		t.Errorf("round trip (-want +got):\n%s", diff)
	}
}

func TestWriteEmpty(t *testing.T) {
	var buf bytes.Buffer
	if err := Write[rawtable.Reject](&buf, nil); err != nil {
		t.Fatal(err)
	}
	got, err := Read[rawtable.Reject](bytes.NewReader(buf.Bytes()), int64(buf.Len()))
	if err != nil || len(got) != 0 {
		t.Fatalf("empty file read back %d rows, err %v", len(got), err)
	}
}

// A file written in batches must be byte-identical to one written at once, over
// several row groups and with batches that straddle their borders: the raw tables
// are streamed as the readers produce rows and must equal the tables written whole.
func TestWriterBatchesGiveIdenticalBytes(t *testing.T) {
	rows := benchItems(2*RowGroupSize + 1234)
	var whole bytes.Buffer
	if err := Write(&whole, rows); err != nil {
		t.Fatal(err)
	}
	for _, batch := range []int{1, 7, 4096, RowGroupSize + 1} {
		var got bytes.Buffer
		w := NewWriter[rawtable.AgendaItem](&got)
		for lo := 0; lo < len(rows); lo += batch {
			if err := w.Write(rows[lo:min(lo+batch, len(rows))]); err != nil {
				t.Fatal(err)
			}
		}
		if err := w.Close(); err != nil {
			t.Fatal(err)
		}
		if w.Rows() != int64(len(rows)) {
			t.Errorf("batch %d: Rows() = %d, want %d", batch, w.Rows(), len(rows))
		}
		if !bytes.Equal(got.Bytes(), whole.Bytes()) {
			t.Errorf("batch %d: %d bytes differ from the %d written at once", batch, got.Len(), whole.Len())
		}
	}
}

func TestScanReadsEveryRowInOrder(t *testing.T) {
	rows := benchItems(RowGroupSize + 10)
	var buf bytes.Buffer
	if err := Write(&buf, rows); err != nil {
		t.Fatal(err)
	}
	var got []rawtable.AgendaItem
	err := Scan(bytes.NewReader(buf.Bytes()), int64(buf.Len()), 1000, func(b []rawtable.AgendaItem) error {
		got = append(got, b...)
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(rows, got); diff != "" {
		t.Errorf("scan (-want +got):\n%s", diff)
	}
}

func TestReaderReadsEveryRowInOrder(t *testing.T) {
	rows := benchItems(RowGroupSize + 10)
	path := filepath.Join(t.TempDir(), "items.parquet")
	f, err := os.Create(path)
	if err != nil {
		t.Fatal(err)
	}
	if err := Write(f, rows); err != nil {
		t.Fatal(err)
	}
	if err := f.Close(); err != nil {
		t.Fatal(err)
	}
	r, err := OpenReader[rawtable.AgendaItem](path, 1000)
	if err != nil {
		t.Fatal(err)
	}
	defer r.Close()
	var got []rawtable.AgendaItem // kept across batches: the rows must not share the reader's buffers
	for {
		row, ok := r.Peek()
		if !ok {
			break
		}
		if again, _ := r.Peek(); again != row {
			t.Fatal("Peek twice moved on")
		}
		got = append(got, *row)
		r.Next()
	}
	if err := r.Err(); err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(rows, got); diff != "" {
		t.Errorf("reader (-want +got):\n%s", diff)
	}
}
