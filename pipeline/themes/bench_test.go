package themes

import (
	"os"
	"path/filepath"
	"testing"

	"synergy/pipeline/agenda"
	"synergy/pipeline/rawtable"
)

// BenchmarkTagItems tags the items of every shipped agenda file, repeated to 50,000
// items (about a scale-40 ingest): the titles repeat as real agendas do.
func BenchmarkTagItems(b *testing.B) {
	tg := loadDatasets(b)
	files, err := filepath.Glob(filepath.Join("..", "..", "datasets", "meetings", "agendas", "*.txt"))
	if err != nil || len(files) == 0 {
		b.Fatalf("no agenda files: %v", err)
	}
	var real []rawtable.AgendaItem
	for _, f := range files {
		r, err := os.Open(f)
		if err != nil {
			b.Fatal(err)
		}
		a, err := agenda.Decode(r, filepath.Base(f))
		r.Close()
		if err != nil {
			b.Fatal(err)
		}
		real = append(real, a.Records()...)
	}
	items := make([]rawtable.AgendaItem, 50_000)
	for i := range items {
		items[i] = real[i%len(real)]
	}
	b.ReportAllocs()
	b.ResetTimer()
	for b.Loop() {
		TagItems(tg, items)
	}
	b.ReportMetric(float64(len(items))*float64(b.N)/b.Elapsed().Seconds(), "items/s")
}

// BenchmarkTagChinese tags one traditional-Chinese line: the OpenCC t2s conversion
// is most of its cost (TagItems remembers the result per title).
func BenchmarkTagChinese(b *testing.B) {
	tg := loadDatasets(b)
	const text = "第二屆會議的組織和工作情況;銷毀儲存的殺傷人員地雷;國際合作和援助"
	for b.Loop() {
		tg.Tag(text, "zh")
	}
}
