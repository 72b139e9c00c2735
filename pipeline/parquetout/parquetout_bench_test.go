package parquetout

import (
	"fmt"
	"io"
	"testing"

	"synergy/pipeline/civil"
	"synergy/pipeline/rawtable"
)

// Benchmarks of Write on rows shaped like synergy gen's scale 100 (13,000 meetings,
// 144,000 agenda items), written to io.Discard so only encoding and compression
// are measured. Compare versions with benchstat (docs/performance.md).

func benchMeetings(n int) []rawtable.Meeting {
	cities := []string{"Geneva", "Geneva", "Geneva", "Oslo", "Maputo", "Vienna"}
	bodies := []string{"MSP", "Intersessional", "CSP", "APII-Conference", "MHCP"}
	out := make([]rawtable.Meeting, n)
	for i := range out {
		start := civil.Day(10700 + i*2)
		end := start + civil.Day(i%5)
		city, country, pres := cities[i%len(cities)], "CHE", fmt.Sprintf("Amb. %d", i%300)
		yes := i%3 == 0
		out[i] = rawtable.Meeting{
			MeetingID: fmt.Sprintf("APMBC_%dMSP", i), InstrumentID: "APMBC", Body: bodies[i%len(bodies)],
			Code: fmt.Sprintf("%dMSP", i), Title: fmt.Sprintf("APMBC MSP, meeting %d (synthetic)", i),
			StartDate: &start, EndDate: &end, StartPrecision: "day", EndPrecision: "day",
			StartText: "2000-01-01", EndText: "2000-01-05", City: &city, CountryID: &country,
			Status: "held", President: &pres, AgendaClearance: &yes,
			SourceURL: "https://example.org/synergy-gen/meetings", Confidence: "synthetic",
			SourceFile: "meetings/meetings.csv", SourceLine: int32(i + 2),
		}
	}
	return out
}

func benchItems(n int) []rawtable.AgendaItem {
	langs := []string{"en", "en", "en", "fr", "es", "ru", "ar", "zh"}
	titles := []string{"Opening of the meeting", "Adoption of the agenda", "Consideration of mine clearance",
		"Exchange of views on victim assistance", "Report on transparency reports", "Adoption of the final report"}
	out := make([]rawtable.AgendaItem, n)
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

func benchWrite[T any](b *testing.B, rows []T) {
	b.ReportAllocs()
	for b.Loop() {
		if err := Write(io.Discard, rows); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(len(rows))*float64(b.N)/b.Elapsed().Seconds(), "rows/s")
}

func BenchmarkWriteMeetings(b *testing.B)    { benchWrite(b, benchMeetings(13_000)) }
func BenchmarkWriteAgendaItems(b *testing.B) { benchWrite(b, benchItems(144_000)) }
