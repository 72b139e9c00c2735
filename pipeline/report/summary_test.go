package report_test

import (
	"bytes"
	"fmt"
	"regexp"
	"strings"
	"testing"

	"synergy/pipeline/report"
)

// summaryText is the text of the report's Lead sections (the one-page summary),
// paragraphs, lists and table cells, provenance left out.
func summaryText(t *testing.T, r *report.Report) string {
	t.Helper()
	var b strings.Builder
	lead := 0
	for i, s := range r.Sections {
		if !s.Lead {
			continue
		}
		if i != lead {
			t.Errorf("Lead section %s is at %d, after a detail section", s.ID, i)
		}
		lead++
		fmt.Fprintln(&b, s.Title)
		for _, bl := range s.Blocks {
			switch x := bl.(type) {
			case *report.Para:
				fmt.Fprintln(&b, x.Text)
			case *report.List:
				fmt.Fprintln(&b, strings.Join(x.Items, "\n"))
			case *report.Table:
				for _, row := range x.Rows {
					fmt.Fprintln(&b, strings.Join(row, " | "))
				}
			}
		}
	}
	if lead == 0 {
		t.Fatal("the report has no summary (no Lead section)")
	}
	return b.String()
}

// summaryTable returns the summary's figures table.
func summaryTable(t *testing.T, r *report.Report) *report.Table {
	t.Helper()
	for _, tb := range r.Tables() {
		if tb.ID == "summary-figures" {
			return tb
		}
	}
	t.Fatal("no summary-figures table")
	return nil
}

// TestSummaryComesFromTheSnapshot checks the summary's figures against the marts:
// the period's quantities (year_coherence), what the index rests on
// (state_year_burden) and the index itself, in each language.
func TestSummaryComesFromTheSnapshot(t *testing.T) {
	db, _ := snapshot(t)
	yc, err := db.Query(t.Context(), `select meetings, state_meetings, state_remote_meetings, state_trips,
		state_trips_lower_bound, trips_saveable, back_to_back_pairs, clash_pairs, same_family_pairs,
		coherence_index_cross_family, coherence_index
		from year_coherence where year = 2024 and theme = 'any'`)
	if err != nil || yc.Len() != 1 {
		t.Fatalf("year_coherence 2024: %v", err)
	}
	base, err := db.Query(t.Context(), `select count(*) as states, sum(meetings - remote_meetings) as sm
		from state_year_burden where year = 2024 and meetings - remote_meetings > trips_lower_bound`)
	if err != nil || base.Len() != 1 {
		t.Fatalf("state_year_burden 2024: %v", err)
	}
	for _, l := range report.Langs {
		r := build(t, report.Year(2024), l)
		tb := summaryTable(t, r)
		col := map[string]string{}
		for i, row := range tb.Rows {
			col[fmt.Sprint(i)] = row[1]
		}
		want := []struct {
			row  int
			cell string
		}{
			{0, l.Count(yc.Value(0, "meetings"))}, {3, l.Count(yc.Value(0, "state_meetings"))},
			{4, l.Count(yc.Value(0, "state_remote_meetings"))},
			{5, l.Count(yc.Value(0, "state_trips"))}, {6, l.Count(yc.Value(0, "state_trips_lower_bound"))},
			{8, l.Count(yc.Value(0, "back_to_back_pairs"))}, {9, l.Count(yc.Value(0, "clash_pairs"))},
			{10, l.Count(yc.Value(0, "same_family_pairs"))},
			{11, l.Ratio(yc.Value(0, "coherence_index_cross_family"))}, {12, l.Ratio(yc.Value(0, "coherence_index"))},
		}
		for _, w := range want {
			if got := col[fmt.Sprint(w.row)]; got != w.cell {
				t.Errorf("%s row %d (%s) = %q, want %q", l, w.row, tb.Rows[w.row][0], got, w.cell)
			}
		}
		if got := col["7"]; !strings.HasPrefix(got, l.Count(yc.Value(0, "trips_saveable"))+" (") {
			t.Errorf("%s saveable cell %q, want %s first", l, got, l.Count(yc.Value(0, "trips_saveable")))
		}
		if got := col["13"]; !strings.Contains(got, l.Count(base.Value(0, "states"))) || !strings.Contains(got, l.Count(base.Value(0, "sm"))) {
			t.Errorf("%s index base %q, want %s states and %s state-meetings", l, got,
				l.Count(base.Value(0, "states")), l.Count(base.Value(0, "sm")))
		}
	}
}

// TestSummaryIndexOnlyWhereDefined: in 2016 every state's meetings took the fewest
// trips possible, so year_coherence's index of 1 is "nothing to measure" and the
// summary gives none; in 2024 it gives 0.52 with what it rests on.
func TestSummaryIndexOnlyWhereDefined(t *testing.T) {
	db, _ := snapshot(t)
	res, err := db.Query(t.Context(), `select state_meetings - state_remote_meetings = state_trips_lower_bound
		and coherence_index is null as nothing
		from year_coherence where year = 2016 and theme = 'any'`)
	if err != nil || res.Len() != 1 || res.Value(0, "nothing") != true {
		t.Fatalf("2016 is no longer a year where nothing could be gained: %v", err)
	}
	tb := summaryTable(t, build(t, report.Year(2016), report.English))
	if idx := tb.Rows[12]; idx[1] != "—" || idx[2] == "—" {
		t.Errorf("2016 index row %q: want — for 2016 and the 2015 index beside it", idx)
	}
	if base := tb.Rows[13]; base[1] != "—" {
		t.Errorf("2016 index base %q, want —", base)
	}
	if tb := summaryTable(t, build(t, report.Year(2024), report.English)); tb.Rows[12][1] != "0.52" {
		t.Errorf("2024 index %q, want 0.52", tb.Rows[12][1])
	}
}

// TestSummaryUpcoming checks the next twelve months. As of the golden run
// (2026-11-27) the snapshot holds no meeting dated in the window, and the summary
// says so and lists the planned meetings not dated to the day. Read as if the data
// were as of 2025-11-01, the same-city pairs a few weeks apart that meeting_pairs
// holds in the window are listed by name, dates and city, never by id.
func TestSummaryUpcoming(t *testing.T) {
	db, snap := snapshot(t)
	text := summaryText(t, build(t, report.Year(2024), report.English))
	for _, want := range []string{"Coming up, 28 Nov 2026 to 27 Nov 2027", "no meeting dated to the day in this window",
		"Third Review Conference of the Convention on Cluster Munitions (2026): 2026, city not known, planned"} {
		if !strings.Contains(text, want) {
			t.Errorf("summary as of 2026-11-27 lacks %q:\n%s", want, text)
		}
	}

	snap.AsOf = "2025-11-01"
	r, err := report.Build(t.Context(), db, report.Options{Period: report.Year(2024), Lang: report.English, Snapshot: snap})
	if err != nil {
		t.Fatal(err)
	}
	text = summaryText(t, r)
	pairs, err := db.Query(t.Context(), `select a.title as ta, b.title as tb, p.gap_working_days as gap,
		p.shared_parties as shared, p.city_a, p.meeting_id_a, p.meeting_id_b
		from meeting_pairs p join meetings_enriched a on a.meeting_id = p.meeting_id_a
		join meetings_enriched b on b.meeting_id = p.meeting_id_b
		where p.start_a > date '2025-11-01' and p.start_b <= date '2026-11-01' and p.shared_parties > 0
		and (p.relation in ('clash', 'concurrent') or (p.same_city and p.gap_working_days between 2 and 20))`)
	if err != nil {
		t.Fatal(err)
	}
	if pairs.Len() == 0 {
		t.Fatal("meeting_pairs has no pair to flag after 2025-11-01: the test would prove nothing")
	}
	if got := strings.Count(text, "Could be back to back:") + strings.Count(text, "Clash:") + strings.Count(text, "Same days, same city:"); got != pairs.Len() {
		t.Errorf("summary flags %d pairs, meeting_pairs %d:\n%s", got, pairs.Len(), text)
	}
	for i := 0; i < pairs.Len(); i++ {
		want := fmt.Sprintf("both in %v, %v working days apart; %v states are party to both", pairs.Value(i, "city_a"),
			pairs.Value(i, "gap"), pairs.Value(i, "shared"))
		for _, s := range []string{fmt.Sprint(pairs.Value(i, "ta")), fmt.Sprint(pairs.Value(i, "tb")), want} {
			if !strings.Contains(text, s) {
				t.Errorf("summary as of 2025-11-01 lacks %q:\n%s", s, text)
			}
		}
		for _, id := range []string{fmt.Sprint(pairs.Value(i, "meeting_id_a")), fmt.Sprint(pairs.Value(i, "meeting_id_b"))} {
			if strings.Contains(text, id) {
				t.Errorf("summary names meeting %s by its id", id)
			}
		}
	}
	if !strings.Contains(text, "Coming up, 2 Nov 2025 to 1 Nov 2026") {
		t.Errorf("window title wrong:\n%s", text)
	}
}

// TestSummaryFirst checks the summary opens both files: right after the title,
// before the front matter and the key figures.
func TestSummaryFirst(t *testing.T) {
	r := build(t, report.Year(2024), report.English)
	var md, page bytes.Buffer
	if err := r.WriteMarkdown(&md); err != nil {
		t.Fatal(err)
	}
	if err := r.WriteHTML(&page); err != nil {
		t.Fatal(err)
	}
	for name, text := range map[string]string{"markdown": md.String(), "html": page.String()} {
		sum, key, front := strings.Index(text, "Summary, 2024"), strings.Index(text, "Key figures"), strings.Index(text, "This report follows")
		if sum < 0 || key < 0 || front < 0 || sum > key || sum > front {
			t.Errorf("%s: summary at %d, front matter at %d, key figures at %d: want the summary first", name, sum, front, key)
		}
	}
	if !regexp.MustCompile(`<section class="summary"[^>]*>\s*<h2 id="summary">`).MatchString(page.String()) {
		t.Error("html: the summary is not in its own section, which the print stylesheet puts on page 1")
	}
	if strings.Count(page.String(), `href="#summary`) != 0 {
		t.Error("html: the navigation lists the summary, which comes before it")
	}
}
