package report_test

import (
	"bytes"
	"context"
	"errors"
	"flag"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"synergy/pipeline/report"
	published "synergy/pipeline/snapshot"
	"synergy/pipeline/tabular"
)

var update = flag.Bool("update", false, "rewrite testdata/*.md golden files")

// normalise replaces the parts of a report that differ between two runs on the same
// inputs: the snapshot id and its creation time. The Go toolchain's version, which
// the manifest records, is replaced too so that a toolchain upgrade does not churn
// the golden file.
func normalise(text string, snap published.Manifest) string {
	text = strings.ReplaceAll(text, snap.Snapshot, "<snapshot-id>")
	text = strings.ReplaceAll(text, snap.CreatedAt, "<created-at>")
	if v := snap.Versions["go"]; v != "" {
		text = strings.ReplaceAll(text, "go "+v, "go <go-version>")
	}
	return text
}

// TestGoldenMarkdown2024 builds the 2024 report in English from a pipeline run on
// the shipped datasets (--as-of 2026-11-27) and compares its Markdown with
// testdata/report-2024.en.md. Every number in the golden file was written by this
// code from the snapshot, never by hand: after a deliberate change, run
// `go test ./pipeline/report -run Golden -update` and read the diff.
func TestGoldenMarkdown2024(t *testing.T) {
	_, snap := snapshot(t)
	r := build(t, report.Year(2024), report.English)
	var buf bytes.Buffer
	if err := r.WriteMarkdown(&buf); err != nil {
		t.Fatal(err)
	}
	got := normalise(buf.String(), snap)
	golden := filepath.Join("testdata", "report-2024.en.md")
	if *update {
		if err := os.WriteFile(golden, []byte(got), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(golden)
	if err != nil {
		t.Fatalf("%v (run with -update to create it)", err)
	}
	if diff := cmp.Diff(string(want), got); diff != "" {
		t.Errorf("report-2024.en.md mismatch (-want +got):\n%s", diff)
	}
	if strings.Contains(got, snap.Snapshot) || !strings.Contains(got, "<snapshot-id>") {
		t.Error("snapshot id not normalised")
	}
}

// TestNumbersComeFromTheSnapshot checks headline figures against the marts
// directly, so the report cannot drift from the tables it cites.
func TestNumbersComeFromTheSnapshot(t *testing.T) {
	db, _ := snapshot(t)
	res, err := db.Query(t.Context(), `select state_meetings, state_trips, state_trips_lower_bound,
		trips_saveable, coherence_index from year_coherence where year = 2024 and theme = 'any'`)
	if err != nil || res.Len() != 1 {
		t.Fatalf("year_coherence 2024: %v (%d rows)", err, res.Len())
	}
	byLang := map[report.Lang]string{}
	for _, l := range report.Langs {
		r := build(t, report.Year(2024), l)
		byLang[l] = strings.Join(r.Key, "\n")
		for _, col := range []string{"state_meetings", "state_trips", "state_trips_lower_bound", "trips_saveable"} {
			if want := l.Count(res.Value(0, col)); !strings.Contains(byLang[l], want) {
				t.Errorf("%s key figures lack %s = %s:\n%s", l, col, want, byLang[l])
			}
		}
		if want := l.Ratio(res.Value(0, "coherence_index")); !strings.Contains(byLang[l], want) {
			t.Errorf("%s key figures lack the coherence index %s:\n%s", l, want, byLang[l])
		}
	}
	// The same index reads 0.52 in English and 0,52 in French and Spanish.
	en, fr := report.English.Ratio(res.Value(0, "coherence_index")), report.French.Ratio(res.Value(0, "coherence_index"))
	if en == fr || strings.Contains(byLang[report.French], en) {
		t.Errorf("French key figures use the English number %s", en)
	}
}

func TestLabelsFollowTheLanguage(t *testing.T) {
	en := build(t, report.Year(2024), report.English)
	for _, l := range []report.Lang{report.French, report.Spanish} {
		r := build(t, report.Year(2024), l)
		if r.Title == en.Title {
			t.Errorf("%s title is the English one: %q", l, r.Title)
		}
		if len(r.Sections) != len(en.Sections) {
			t.Fatalf("%s has %d sections, English %d", l, len(r.Sections), len(en.Sections))
		}
		for i, s := range r.Sections {
			if s.ID != en.Sections[i].ID {
				t.Errorf("%s section %d is %s, English %s", l, i, s.ID, en.Sections[i].ID)
			}
			if s.Title == en.Sections[i].Title {
				t.Errorf("%s section %s keeps the English title %q", l, s.ID, s.Title)
			}
		}
		enTables, tables := en.Tables(), r.Tables()
		for i, tb := range tables {
			if strings.Join(tb.Header, "|") == strings.Join(enTables[i].Header, "|") && tb.ID != "sources-inputs" {
				t.Errorf("%s table %s keeps the English header %q", l, tb.ID, tb.Header)
			}
		}
		var html bytes.Buffer
		if err := r.WriteHTML(&html); err != nil {
			t.Fatal(err)
		}
		if !strings.Contains(html.String(), `<html lang="`+string(l)+`">`) {
			t.Errorf("%s page does not declare its language", l)
		}
		// State names and instrument acronyms in the page's language, as the data give
		// them (M49 names; the APMBC and the CCM have no French acronym in the data,
		// so their ids stay there).
		want := map[report.Lang][]string{
			report.English: {"APMBC–CCM", "Afghanistan (AFG)"},
			report.French:  {"APMBC–CCM", "Afghanistan (AFG)", "CCAC"},
			report.Spanish: {"APMBC–CMR", "Afganistán (AFG)", "CCAC"},
		}
		for _, name := range want[l] {
			if !strings.Contains(html.String(), name) {
				t.Errorf("%s page lacks %q", l, name)
			}
		}
	}
}

func TestHTMLIsSelfContained(t *testing.T) {
	r := build(t, report.Year(2024), report.English)
	var buf bytes.Buffer
	if err := r.WriteHTML(&buf); err != nil {
		t.Fatal(err)
	}
	page := buf.String()
	for _, bad := range []string{"<script", "<link", "<img", "<iframe", "@import", "url(http", "xlink:href=\"http"} {
		if strings.Contains(page, bad) {
			t.Errorf("page contains %q: it must open offline with nothing outside the file", bad)
		}
	}
	// A src attribute of any element (a link's query string may hold "?src=", as the
	// UN Treaty Collection's addresses do).
	if m := regexp.MustCompile(`\ssrc\s*=`).FindString(page); m != "" {
		t.Errorf("page contains a src attribute %q: it must open offline with nothing outside the file", m)
	}
	seen := map[string]bool{}
	for _, m := range idRE.FindAllStringSubmatch(page, -1) {
		if seen[m[1]] {
			t.Errorf("id %q twice: sections and tables need ids of their own", m[1])
		}
		seen[m[1]] = true
	}
	if n := strings.Count(page, "@font-face"); n != 1 {
		t.Errorf("%d @font-face rules, want the chart font embedded once", n)
	}
	if n, want := strings.Count(page, "<svg"), len(r.Figures()); n != want || want != 5 {
		t.Errorf("%d inline SVG charts, want %d (and 5 figures)", n, want)
	}
	if strings.Contains(page, "<?xml") {
		t.Error("an SVG kept its XML prolog")
	}
}

func TestPeriods(t *testing.T) {
	r := build(t, report.Period{From: 2022, To: 2024}, report.English)
	if !strings.Contains(r.Title, "2022–2024") || !strings.Contains(r.Front[0], "Previous period: 2019–2021") {
		t.Errorf("title %q, front %q", r.Title, r.Front[0])
	}
	for _, tc := range []struct {
		p    report.Period
		prev report.Period
		name string
	}{
		{report.Year(2024), report.Year(2023), "2024"},
		{report.Period{From: 2022, To: 2024}, report.Period{From: 2019, To: 2021}, "2022-2024"},
	} {
		if got := tc.p.Previous(); got != tc.prev {
			t.Errorf("%v.Previous() = %v, want %v", tc.p, got, tc.prev)
		}
		if got := tc.p.String(); got != tc.name {
			t.Errorf("String() = %q, want %q", got, tc.name)
		}
	}
}

// failing is a Querier whose every query fails.
type failing struct{ err error }

func (f failing) Query(context.Context, string, ...any) (*tabular.Result, error) { return nil, f.err }

func TestBuildErrors(t *testing.T) {
	db, snap := snapshot(t)
	boom := errors.New("boom")
	cases := []struct {
		name string
		q    report.Querier
		opts report.Options
		want error
	}{
		{"reversed period", db, report.Options{Period: report.Period{From: 2024, To: 2020}}, report.ErrPeriod},
		{"no period", db, report.Options{}, report.ErrPeriod},
		{"unknown language", db, report.Options{Period: report.Year(2024), Lang: "de"}, report.ErrLang},
		{"nothing in the period", db, report.Options{Period: report.Year(1950), Snapshot: snap}, report.ErrNoData},
		{"query fails", failing{boom}, report.Options{Period: report.Year(2024)}, boom},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			_, err := report.Build(t.Context(), tc.q, tc.opts)
			if !errors.Is(err, tc.want) {
				t.Fatalf("err = %v, want errors.Is %v", err, tc.want)
			}
		})
	}
	_, err := report.Build(t.Context(), failing{boom}, report.Options{Period: report.Year(2024)})
	var qe *report.QueryError
	if !errors.As(err, &qe) || qe.Name == "" || !regexp.MustCompile(`^report: query \S`).MatchString(err.Error()) {
		t.Errorf("err = %v, want a *QueryError naming the query", err)
	}
	if strings.Count(err.Error(), "report:") != 1 {
		t.Errorf("prefix repeated in %q", err)
	}
}
