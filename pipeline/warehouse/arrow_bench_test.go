//go:build duckdb_arrow

package warehouse

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"testing"

	"github.com/apache/arrow-go/v18/arrow"
	"github.com/apache/arrow-go/v18/arrow/array"
	"github.com/apache/arrow-go/v18/arrow/memory"

	"synergy/pipeline/history"
	"synergy/pipeline/parquetout"
	"synergy/pipeline/rawtable"
)

// Benchmarks of handing rows from Go to DuckDB (docs/performance.md, "Arrow or
// Parquet between Go and DuckDB"): as Parquet written by parquetout and read by
// read_parquet, or as Arrow record batches through the driver's Arrow view
// (LoadArrow). Each ends with the rows in a DuckDB table and one aggregate over
// it. The rows are a raw agenda_items.parquet named by SYNERGY_BENCH_AGENDA (a
// scale-100 run's, for instance), else 138,234 rows shaped like one.
//
//	go test -tags duckdb_arrow -run '^$' -bench Handoff -count 6 ./pipeline/warehouse/

func benchAgenda(b *testing.B) []rawtable.AgendaItem {
	if path := os.Getenv("SYNERGY_BENCH_AGENDA"); path != "" {
		data, err := os.ReadFile(path)
		if err != nil {
			b.Fatal(err)
		}
		rows, err := parquetout.Read[rawtable.AgendaItem](bytes.NewReader(data), int64(len(data)))
		if err != nil {
			b.Fatal(err)
		}
		return rows
	}
	langs := []string{"en", "en", "en", "fr", "es", "ru", "ar", "zh"}
	titles := []string{"Opening of the meeting", "Adoption of the agenda", "Consideration of mine clearance",
		"Exchange of views on victim assistance", "Report on transparency reports", "Adoption of the final report"}
	out := make([]rawtable.AgendaItem, 138_234)
	for i := range out {
		sym := fmt.Sprintf("SYN/APMBC/%d/1", i/9)
		out[i] = rawtable.AgendaItem{
			MeetingID: fmt.Sprintf("APMBC_%dMSP", i/9), ItemNumber: fmt.Sprint(i%9 + 1), Lang: langs[(i/9)%len(langs)],
			Title: titles[i%len(titles)], Symbol: &sym, SourceURL: "https://example.org/synergy-gen/agendas",
			SourceFile: fmt.Sprintf("meetings/agendas/APMBC_%dMSP.en.txt", i/9), SourceLine: int32(i%9 + 5),
		}
	}
	return out
}

func benchCurrent(b *testing.B) []history.CurrentRow {
	items := benchAgenda(b)
	out := make([]history.CurrentRow, len(items))
	for i, c := range history.FromAgendaItems(items) {
		out[i] = history.RowOf(c)
	}
	return out
}

func benchDB(b *testing.B) *DB {
	db, err := Open(b.Context(), Options{Threads: 2, MemoryLimit: "2GB"})
	if err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() { db.Close() })
	return db
}

// arrowBatch is DuckDB's vector size, the batch its own Arrow export uses.
const arrowBatch = 2048

// agendaArrow builds record batches of items.
func agendaArrow(items []rawtable.AgendaItem) array.RecordReader {
	schema := arrow.NewSchema([]arrow.Field{
		{Name: "meeting_id", Type: arrow.BinaryTypes.String}, {Name: "item_number", Type: arrow.BinaryTypes.String},
		{Name: "lang", Type: arrow.BinaryTypes.String}, {Name: "title", Type: arrow.BinaryTypes.String},
		{Name: "symbol", Type: arrow.BinaryTypes.String, Nullable: true}, {Name: "partial", Type: arrow.FixedWidthTypes.Boolean},
		{Name: "source_url", Type: arrow.BinaryTypes.String}, {Name: "source_file", Type: arrow.BinaryTypes.String},
		{Name: "source_line", Type: arrow.PrimitiveTypes.Int32},
	}, nil)
	var recs []arrow.RecordBatch
	bld := array.NewRecordBuilder(memory.DefaultAllocator, schema)
	defer bld.Release()
	for lo := 0; lo < len(items); lo += arrowBatch {
		for _, it := range items[lo:min(lo+arrowBatch, len(items))] {
			bld.Field(0).(*array.StringBuilder).Append(it.MeetingID)
			bld.Field(1).(*array.StringBuilder).Append(it.ItemNumber)
			bld.Field(2).(*array.StringBuilder).Append(it.Lang)
			bld.Field(3).(*array.StringBuilder).Append(it.Title)
			if it.Symbol == nil {
				bld.Field(4).AppendNull()
			} else {
				bld.Field(4).(*array.StringBuilder).Append(*it.Symbol)
			}
			bld.Field(5).(*array.BooleanBuilder).Append(it.Partial)
			bld.Field(6).(*array.StringBuilder).Append(it.SourceURL)
			bld.Field(7).(*array.StringBuilder).Append(it.SourceFile)
			bld.Field(8).(*array.Int32Builder).Append(it.SourceLine)
		}
		recs = append(recs, bld.NewRecordBatch())
	}
	return recordReader(schema, recs)
}

// currentArrow builds record batches of rows.
func currentArrow(rows []history.CurrentRow) array.RecordReader {
	schema := arrow.NewSchema([]arrow.Field{
		{Name: "entity", Type: arrow.BinaryTypes.String}, {Name: "key", Type: arrow.BinaryTypes.String},
		{Name: "content_sha256", Type: arrow.BinaryTypes.String}, {Name: "content_json", Type: arrow.BinaryTypes.String},
	}, nil)
	var recs []arrow.RecordBatch
	bld := array.NewRecordBuilder(memory.DefaultAllocator, schema)
	defer bld.Release()
	for lo := 0; lo < len(rows); lo += arrowBatch {
		for _, r := range rows[lo:min(lo+arrowBatch, len(rows))] {
			bld.Field(0).(*array.StringBuilder).Append(r.Entity)
			bld.Field(1).(*array.StringBuilder).Append(r.Key)
			bld.Field(2).(*array.StringBuilder).Append(r.ContentSHA256)
			bld.Field(3).(*array.StringBuilder).Append(r.ContentJSON)
		}
		recs = append(recs, bld.NewRecordBatch())
	}
	return recordReader(schema, recs)
}

// aggregate reads every row of t once and drops it.
func aggregate(b *testing.B, db *DB, t string, want int) {
	res, err := db.Query(b.Context(), "SELECT count(*), sum(length(key_col)) FROM (SELECT "+keyCol[t]+" AS key_col FROM "+t+")")
	if err != nil {
		b.Fatal(err)
	}
	if n := res.Rows[0][0].(int64); n != int64(want) {
		b.Fatalf("%s: %d rows, want %d", t, n, want)
	}
	if err := db.Exec(b.Context(), "DROP TABLE "+t); err != nil {
		b.Fatal(err)
	}
}

var keyCol = map[string]string{"items": "title", "cur": "content_json"}

func writeParquetFile[T any](b *testing.B, path string, rows []T) {
	f, err := os.Create(path)
	if err != nil {
		b.Fatal(err)
	}
	w := parquetout.NewWriter[T](f)
	if err := w.Write(rows); err != nil {
		b.Fatal(err)
	}
	if err := w.Close(); err != nil {
		b.Fatal(err)
	}
	if err := f.Close(); err != nil {
		b.Fatal(err)
	}
}

func handoffParquet[T any](b *testing.B, name string, rows []T, write bool) {
	db := benchDB(b)
	path := filepath.Join(b.TempDir(), name+".parquet")
	writeParquetFile(b, path, rows)
	b.ReportAllocs()
	for b.Loop() {
		if write {
			writeParquetFile(b, path, rows)
		}
		if err := db.Exec(b.Context(), "CREATE TEMP TABLE "+name+" AS SELECT * FROM read_parquet("+QuoteString(path)+")"); err != nil {
			b.Fatal(err)
		}
		aggregate(b, db, name, len(rows))
	}
	b.ReportMetric(float64(len(rows))*float64(b.N)/b.Elapsed().Seconds(), "rows/s")
}

func handoffArrow(b *testing.B, name string, n int, reader func() array.RecordReader) {
	db := benchDB(b)
	b.ReportAllocs()
	for b.Loop() {
		rr := reader()
		if err := db.LoadArrow(b.Context(), name, rr); err != nil {
			b.Fatal(err)
		}
		rr.Release()
		aggregate(b, db, name, n)
	}
	b.ReportMetric(float64(n)*float64(b.N)/b.Elapsed().Seconds(), "rows/s")
}

// History: the run's canonical records, made in Go, into DuckDB.
func BenchmarkHandoffHistoryParquet(b *testing.B) { handoffParquet(b, "cur", benchCurrent(b), true) }
func BenchmarkHandoffHistoryArrow(b *testing.B) {
	rows := benchCurrent(b)
	handoffArrow(b, "cur", len(rows), func() array.RecordReader { return currentArrow(rows) })
}

// Models: the raw agenda items into DuckDB. The run writes their Parquet for
// the snapshot anyway, so its hand-over costs only the read (ParquetRead); the
// write is in Parquet for a like-for-like comparison with Arrow.
func BenchmarkHandoffItemsParquet(b *testing.B) { handoffParquet(b, "items", benchAgenda(b), true) }
func BenchmarkHandoffItemsParquetRead(b *testing.B) {
	handoffParquet(b, "items", benchAgenda(b), false)
}
func BenchmarkHandoffItemsArrow(b *testing.B) {
	items := benchAgenda(b)
	handoffArrow(b, "items", len(items), func() array.RecordReader { return agendaArrow(items) })
}

// recordReader reads recs, which it takes over (their references are released).
func recordReader(schema *arrow.Schema, recs []arrow.RecordBatch) array.RecordReader {
	rr, err := array.NewRecordReader(schema, recs)
	if err != nil {
		panic(err)
	}
	for _, r := range recs {
		r.Release()
	}
	return rr
}
