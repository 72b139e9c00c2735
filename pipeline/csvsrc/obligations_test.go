package csvsrc

import (
	"bytes"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"synergy/pipeline/civil"
	"synergy/pipeline/rawtable"
)

// obligationRow returns obligations.csv's header and one data row: Afghanistan's APMBC
// Art. 5 row of the real file, with the fields in set replaced.
func obligationRow(set map[string]string) string {
	base := map[string]string{
		"state_name": "Afghanistan", "iso3": "AFG", "instrument": "APMBC", "article": "5",
		"theme": "clearance", "obligation_start": "2003-03-01", "original_deadline": "2013-03-01",
		"current_deadline": "2030-03-01", "extensions_granted": "3: 12MSP 2012 -> 2023-03-01; 20MSP 2022 -> 2025-03-01; 5RC 2024 -> 2030-03-01",
		"status": "ongoing", "status_date": "2024-11-29", "completed_date": "",
		"source_url": "https://example.org/afg", "confidence": "medium",
	}
	fields := make([]string, len(obligationColumns))
	for i, c := range obligationColumns {
		v, ok := set[c]
		if !ok {
			v = base[c]
		}
		if strings.ContainsAny(v, ",\"") {
			v = `"` + strings.ReplaceAll(v, `"`, `""`) + `"`
		}
		fields[i] = v
	}
	return strings.Join(obligationColumns, ",") + "\n" + strings.Join(fields, ",") + "\n"
}

func TestReadObligationsGoodRows(t *testing.T) {
	i32 := func(n int32) *int32 { return &n }
	afghanistan := rawtable.Obligation{
		StateID: "AFG", InstrumentID: "APMBC", Article: "5", Theme: ThemeClearance,
		StartDate: dp("2003-03-01"), OriginalDeadline: dp("2013-03-01"), Deadline: dp("2030-03-01"),
		ExtensionsGranted: i32(3), Extensions: "3: 12MSP 2012 -> 2023-03-01; 20MSP 2022 -> 2025-03-01; 5RC 2024 -> 2030-03-01",
		Status: ObligationOngoing, StatusDate: dp("2024-11-29"),
		SourceURL: "https://example.org/afg", Confidence: "medium", SourceFile: "obligations.csv", SourceLine: 2,
	}
	with := func(f func(o *rawtable.Obligation)) rawtable.Obligation {
		o := afghanistan
		f(&o)
		return o
	}
	tests := []struct {
		name string
		set  map[string]string
		want rawtable.Obligation
	}{
		{"real Afghanistan row", nil, afghanistan},
		{"name resolves without iso3", map[string]string{"iso3": ""}, afghanistan},
		{"iso3 alone when the name is unknown", map[string]string{"state_name": "Islamic Republic of Afghanistan"}, afghanistan},
		{"count with one extension", map[string]string{"extensions_granted": "1: 16MSP 2017 -> 2030-03-01"},
			with(func(o *rawtable.Obligation) {
				o.ExtensionsGranted, o.Extensions = i32(1), "1: 16MSP 2017 -> 2030-03-01"
			})},
		{"count zero with colon", map[string]string{"extensions_granted": "0: none requested"},
			with(func(o *rawtable.Obligation) { o.ExtensionsGranted, o.Extensions = i32(0), "0: none requested" })},
		// The count is read only from "N:"; every other text is kept but gives NULL.
		{"bare 0 gives no count", map[string]string{"extensions_granted": "0"},
			with(func(o *rawtable.Obligation) { o.ExtensionsGranted, o.Extensions = nil, "0" })},
		{"0 with a note gives no count", map[string]string{"extensions_granted": "0 (states it cannot meet June 2028)"},
			with(func(o *rawtable.Obligation) {
				o.ExtensionsGranted, o.Extensions = nil, "0 (states it cannot meet June 2028)"
			})},
		{"qualified count gives no count", map[string]string{"extensions_granted": "2 verified: 12MSP 2012 -> 2016-07-01"},
			with(func(o *rawtable.Obligation) {
				o.ExtensionsGranted, o.Extensions = nil, "2 verified: 12MSP 2012 -> 2016-07-01"
			})},
		{"open-ended count gives no count", map[string]string{"extensions_granted": "4+: [memory: 11MSP 2011 -> 2015-01-01]"},
			with(func(o *rawtable.Obligation) {
				o.ExtensionsGranted, o.Extensions = nil, "4+: [memory: 11MSP 2011 -> 2015-01-01]"
			})},
		{"count too large for int32 gives no count", map[string]string{"extensions_granted": "99999999999: x"},
			with(func(o *rawtable.Obligation) { o.ExtensionsGranted, o.Extensions = nil, "99999999999: x" })},
		{"empty extensions", map[string]string{"extensions_granted": ""},
			with(func(o *rawtable.Obligation) { o.ExtensionsGranted, o.Extensions = nil, "" })},
		{"completed", map[string]string{"status": "completed", "completed_date": "2029-12-31"},
			with(func(o *rawtable.Obligation) { o.Status, o.CompletedDate = ObligationCompleted, dp("2029-12-31") })},
		{"completed after the deadline is kept", map[string]string{"status": "completed", "completed_date": "2031-01-01"},
			with(func(o *rawtable.Obligation) { o.Status, o.CompletedDate = ObligationCompleted, dp("2031-01-01") })},
		{"status and theme case ignored", map[string]string{"status": "Overdue", "theme": "Clearance"},
			with(func(o *rawtable.Obligation) { o.Status = ObligationOverdue })},
		{"status date before start is kept", map[string]string{"status_date": "2001-01-01"},
			with(func(o *rawtable.Obligation) { o.StatusDate = dp("2001-01-01") })},
		{"no dates at all", map[string]string{"obligation_start": "", "original_deadline": "", "current_deadline": "", "status_date": ""},
			with(func(o *rawtable.Obligation) {
				o.StartDate, o.OriginalDeadline, o.Deadline, o.StatusDate = nil, nil, nil, nil
			})},
		{"APMBC victim assistance is 6.3", map[string]string{"article": "6.3", "theme": "victim_assistance"},
			with(func(o *rawtable.Obligation) { o.Article, o.Theme = "6.3", ThemeVictimAssistance })},
		{"APMBC stockpile is 4", map[string]string{"article": "4", "theme": "stockpile_destruction"},
			with(func(o *rawtable.Obligation) { o.Article, o.Theme = "4", ThemeStockpileDestruction })},
		{"CCM victim assistance is 5", map[string]string{"instrument": "CCM", "theme": "victim_assistance"},
			with(func(o *rawtable.Obligation) { o.InstrumentID, o.Theme = "CCM", ThemeVictimAssistance })},
		{"CCM stockpile is 3", map[string]string{"instrument": "CCM", "article": "3", "theme": "stockpile_destruction"},
			with(func(o *rawtable.Obligation) {
				o.InstrumentID, o.Article, o.Theme = "CCM", "3", ThemeStockpileDestruction
			})},
		{"CCM clearance is 4", map[string]string{"instrument": "CCM", "article": "4"},
			with(func(o *rawtable.Obligation) { o.InstrumentID, o.Article = "CCM", "4" })},
		{"Protocol V clearance is 3, by the reference files' name", map[string]string{"instrument": "CCW Protocol V", "article": "3"},
			with(func(o *rawtable.Obligation) { o.InstrumentID, o.Article = "CCW-PV", "3" })},
	}
	states := referenceStates(t)
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			rows, rejects, err := ReadObligations(strings.NewReader(obligationRow(tc.set)), "obligations.csv", states)
			if err != nil || len(rejects) != 0 || len(rows) != 1 {
				t.Fatalf("got %d rows, rejects %+v, err %v; want one row", len(rows), rejects, err)
			}
			if diff := cmp.Diff(tc.want, rows[0]); diff != "" {
				t.Errorf("row mismatch (-want +got):\n%s", diff)
			}
		})
	}
}

func TestReadObligationsBadRows(t *testing.T) {
	tests := []struct {
		name   string
		set    map[string]string
		field  string
		want   error
		reason string // the start of the reject's reason
	}{
		{"CCW is not read", map[string]string{"instrument": "CCW"}, "instrument", ErrUnknownInstrument, `unknown instrument: "CCW": obligations are read for APMBC, CCM and CCW-PV only`},
		{"CCW protocol is not read", map[string]string{"instrument": "CCW Amended Protocol II"}, "instrument", ErrUnknownInstrument, "unknown instrument"},
		{"unknown instrument", map[string]string{"instrument": "Ottawa"}, "instrument", ErrUnknownInstrument, "unknown instrument"},
		{"empty instrument", map[string]string{"instrument": ""}, "instrument", ErrUnknownInstrument, "unknown instrument"},
		{"iso3 contradicts name", map[string]string{"iso3": "AGO"}, "iso3", ErrStateMismatch, `iso3 does not match state_name: state_name "Afghanistan" is AFG, iso3 says AGO`},
		{"unknown state", map[string]string{"state_name": "Atlantis", "iso3": "ATL"}, "state_name", ErrUnknownState, "unknown state"},
		{"no state", map[string]string{"state_name": "", "iso3": ""}, "state_name", ErrUnknownState, "unknown state"},
		{"29 February of a common year", map[string]string{"current_deadline": "2023-02-29"}, "current_deadline", ErrBadDate, `bad date: "2023-02-29" is not a date YYYY-MM-DD`},
		{"month 13", map[string]string{"obligation_start": "2003-13-01"}, "obligation_start", ErrBadDate, "bad date"},
		{"short date", map[string]string{"original_deadline": "2013-3-1"}, "original_deadline", ErrBadDate, "bad date"},
		{"year only", map[string]string{"status_date": "2024"}, "status_date", ErrBadDate, "bad date"},
		{"text date", map[string]string{"completed_date": "29 Nov 2011", "status": "completed"}, "completed_date", ErrBadDate, "bad date"},
		{"theme outside the three", map[string]string{"theme": "cooperation_assistance"}, "theme", ErrBadTheme, `unknown theme: "cooperation_assistance"`},
		{"empty theme", map[string]string{"theme": ""}, "theme", ErrMissingValue, "missing value"},
		{"APMBC VA under article 5", map[string]string{"theme": "victim_assistance"}, "article", ErrBadArticle, `article does not match theme: APMBC victim_assistance is article 6.3, not "5"`},
		{"CCM clearance under article 5", map[string]string{"instrument": "CCM"}, "article", ErrBadArticle, "article does not match theme"},
		{"Protocol V clearance under article 4", map[string]string{"instrument": "CCW-PV", "article": "4"}, "article", ErrBadArticle, "article does not match theme"},
		{"Protocol V has no stockpile obligation", map[string]string{"instrument": "CCW-PV", "article": "3", "theme": "stockpile_destruction"}, "article", ErrBadArticle, "article does not match theme: CCW-PV sets no stockpile_destruction obligation"},
		{"article written Art. 5", map[string]string{"article": "Art. 5"}, "article", ErrBadArticle, "article does not match theme"},
		{"empty article", map[string]string{"article": ""}, "article", ErrMissingValue, "missing value"},
		{"unknown status", map[string]string{"status": "pending"}, "status", ErrBadStatus, `unknown status: "pending" is not ongoing, completed or overdue`},
		{"empty status", map[string]string{"status": ""}, "status", ErrMissingValue, "missing value"},
		{"original deadline before start", map[string]string{"original_deadline": "2002-03-01"}, "original_deadline", ErrDateOrder, "dates out of order: original deadline 2002-03-01 before obligation start 2003-03-01"},
		{"current before original deadline", map[string]string{"current_deadline": "2012-03-01"}, "current_deadline", ErrDateOrder, "dates out of order: current deadline 2012-03-01 before original deadline 2013-03-01"},
		{"current deadline before start", map[string]string{"original_deadline": "", "current_deadline": "2002-03-01"}, "current_deadline", ErrDateOrder, "dates out of order: current deadline"},
		{"completed before start", map[string]string{"status": "completed", "completed_date": "2002-03-01"}, "completed_date", ErrDateOrder, "dates out of order: completed 2002-03-01"},
	}
	states := referenceStates(t)
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			in := obligationRow(tc.set)
			rows, rejects, err := ReadObligations(strings.NewReader(in), "obligations.csv", states)
			if err != nil || len(rows) != 0 || len(rejects) != 1 {
				t.Fatalf("got rows %+v, %d rejects, err %v; want one reject", rows, len(rejects), err)
			}
			r := rejects[0]
			if r.Field != tc.field || !strings.HasPrefix(r.Reason, tc.reason) || !strings.HasPrefix(r.Reason, tc.want.Error()) {
				t.Errorf("reject %s: %q; want %s: %q (%v)", r.Field, r.Reason, tc.field, tc.reason, tc.want)
			}
			if wantRaw := strings.Split(in, "\n")[1]; r.Raw != wantRaw || r.Line != 2 || r.SourceFile != "obligations.csv" {
				t.Errorf("reject at %s:%d raw %q; want obligations.csv:2 raw %q", r.SourceFile, r.Line, r.Raw, wantRaw)
			}
		})
	}
}

func TestReadObligationsDuplicates(t *testing.T) {
	states := referenceStates(t)
	header := strings.Join(obligationColumns, ",") + "\n"
	row := func(set map[string]string) string { return strings.SplitAfter(obligationRow(set), "\n")[1] }
	tests := []struct {
		name    string
		rows    []string
		kept    []int32 // source lines of the rows kept
		rejects map[int32]string
	}{
		{"exact copy", []string{row(nil), row(nil)}, []int32{2}, map[int32]string{3: "duplicate of line 2"}},
		{"same obligation, other source", []string{row(nil), row(map[string]string{"source_url": "https://example.org/other", "confidence": "low"})},
			[]int32{2}, map[int32]string{3: "duplicate of line 2: same state, instrument, article, theme and obligation_start"}},
		{"same obligation named by iso3 only", []string{row(nil), row(map[string]string{"state_name": "Islamic Republic of Afghanistan", "status_date": ""})},
			[]int32{2}, map[int32]string{3: "duplicate of line 2: same state, instrument, article, theme and obligation_start"}},
		{"both without start", []string{row(map[string]string{"obligation_start": ""}), row(map[string]string{"obligation_start": "", "status_date": ""})},
			[]int32{2}, map[int32]string{3: "duplicate of line 2: same state, instrument, article, theme and obligation_start"}},
		// Nigeria: the APMBC Art. 5 obligation of 2002, completed 2011, and the new one
		// for improvised mines of 2019 are two obligations.
		{"Nigeria's two Art. 5 obligations", []string{
			row(map[string]string{"state_name": "Nigeria", "iso3": "NGA", "obligation_start": "2019-11-25", "original_deadline": "", "current_deadline": "2025-12-31"}),
			row(map[string]string{"state_name": "Nigeria", "iso3": "NGA", "obligation_start": "2002-03-01", "original_deadline": "2012-03-01", "current_deadline": "", "status": "completed", "completed_date": "2011-11-29"}),
		}, []int32{3, 2}, nil},
		{"one without start, one with", []string{row(nil), row(map[string]string{"obligation_start": ""})}, []int32{3, 2}, nil},
		{"a rejected row does not make the next a duplicate", []string{row(map[string]string{"status": "pending"}), row(nil)}, []int32{3}, map[int32]string{2: "unknown status"}},
		{"other article, same start", []string{row(nil), row(map[string]string{"article": "4", "theme": "stockpile_destruction"})}, []int32{3, 2}, nil},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			rows, rejects, err := ReadObligations(strings.NewReader(header+strings.Join(tc.rows, "")), "obligations.csv", states)
			if err != nil {
				t.Fatal(err)
			}
			var kept []int32
			for _, o := range rows {
				kept = append(kept, o.SourceLine)
			}
			if diff := cmp.Diff(tc.kept, kept); diff != "" {
				t.Errorf("kept lines (-want +got):\n%s", diff)
			}
			got := map[int32]string{}
			for _, r := range rejects {
				got[r.Line] = r.Reason
			}
			if len(got) != len(tc.rejects) {
				t.Errorf("rejects %v, want %v", got, tc.rejects)
			}
			for line, reason := range tc.rejects {
				if !strings.HasPrefix(got[line], reason) {
					t.Errorf("line %d reason %q, want %q", line, got[line], reason)
				}
			}
		})
	}
}

func TestReadObligationsSorted(t *testing.T) {
	in := strings.Join(obligationColumns, ",") + "\n" +
		"Iraq,IRQ,CCM,5,victim_assistance,,,,,ongoing,,,u,m\n" +
		"Afghanistan,AFG,APMBC,6.3,victim_assistance,,,,,ongoing,,,u,m\n" +
		"Afghanistan,AFG,CCM,5,victim_assistance,,,,,ongoing,,,u,m\n" +
		"Nigeria,NGA,APMBC,5,clearance,2019-11-25,,,,ongoing,,,u,m\n" +
		"Afghanistan,AFG,APMBC,5,clearance,2003-03-01,,,,ongoing,,,u,m\n" +
		"Nigeria,NGA,APMBC,5,clearance,2002-03-01,,,,completed,,,u,m\n" +
		"Afghanistan,AFG,APMBC,4,stockpile_destruction,2003-03-01,,,,completed,,,u,m\n"
	rows, rejects, err := ReadObligations(strings.NewReader(in), "o.csv", referenceStates(t))
	if err != nil || len(rejects) != 0 {
		t.Fatalf("rejects %+v, err %v", rejects, err)
	}
	var got []string
	for _, o := range rows {
		got = append(got, fmt.Sprintf("%s %s %s %s", o.InstrumentID, o.StateID, o.Article, civil.Text(o.StartDate)))
	}
	want := []string{
		"APMBC AFG 4 2003-03-01", "APMBC AFG 5 2003-03-01", "APMBC AFG 6.3 ",
		"APMBC NGA 5 2002-03-01", "APMBC NGA 5 2019-11-25",
		"CCM AFG 5 ", "CCM IRQ 5 ",
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("order (-want +got):\n%s", diff)
	}
}

func TestCmpArticle(t *testing.T) {
	got := []string{"10", "6.3", "5", "6", "6.10", "6.2", "x", "4"}
	slices.SortFunc(got, cmpArticle)
	want := []string{"4", "5", "6", "6.2", "6.3", "6.10", "10", "x"}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("order (-want +got):\n%s", diff)
	}
}

func TestReadObligationsParseErrors(t *testing.T) {
	tests := []struct {
		name, in string
		want     error
		line     int
		field    string
	}{
		{"empty", "", ErrNoHeader, 0, ""},
		{"participation header", strings.Join(participationColumns, ",") + "\n", ErrMissingColumn, 1, "article"},
		{"no status column", strings.ReplaceAll(strings.Join(obligationColumns, ","), ",status,", ",") + "\n", ErrMissingColumn, 1, "status"},
		{"duplicate column", strings.Join(obligationColumns, ",") + ",theme\n", ErrDuplicateColumn, 1, "theme"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			rows, rejects, err := ReadObligations(strings.NewReader(tc.in), "in.csv", mapResolver{})
			var pe *ParseError
			if !errors.Is(err, tc.want) || !errors.As(err, &pe) || pe.Line != tc.line || pe.Field != tc.field || rows != nil || rejects != nil {
				t.Errorf("err = %v (%+v), want %v at line %d field %q and no rows", err, pe, tc.want, tc.line, tc.field)
			}
		})
	}
}

// TestObligationSentinels extends TestErrorsIsThroughWrappers to the sentinels
// ReadObligations added to the catalogue.
func TestObligationSentinels(t *testing.T) {
	added := []error{ErrBadTheme, ErrBadArticle, ErrBadStatus}
	texts := map[string]bool{}
	for _, s := range append(slices.Clone(sentinels), added...) {
		if texts[s.Error()] {
			t.Errorf("two sentinels read %q", s)
		}
		texts[s.Error()] = true
	}
	for _, s := range added {
		wrapped := fmt.Errorf("load obligations: %w", &ParseError{File: "o.csv", Line: 2, Err: fmt.Errorf("%w: detail", s)})
		if !errors.Is(wrapped, s) || strings.Count(wrapped.Error(), "csvsrc:") != 1 {
			t.Errorf("%v does not wrap %v once", wrapped, s)
		}
		if fe := fieldErr("theme", s, "%q", "v"); !errors.Is(fe, s) {
			t.Errorf("fieldErr(%v) = %v", s, fe)
		}
	}
}

// TestGoldenObligations runs ReadObligations on each testdata/obligations/<case>/
// input.csv and compares with want.json, or want_err.txt for a case that fails.
func TestGoldenObligations(t *testing.T) {
	states := referenceStates(t)
	runGolden(t, "obligations", func(in []byte, file string) (any, error) {
		rows, rejects, err := ReadObligations(bytes.NewReader(in), file, states)
		return struct {
			Rows    []rawtable.Obligation `json:"rows"`
			Rejects []rawtable.Reject     `json:"rejects"`
		}{rows, rejects}, err
	})
}

// realObligationsPath is the shipped dataset, read but never written by tests.
var realObligationsPath = filepath.Join("..", "..", "datasets", "obligations", "obligations.csv")

func readRealObligations(t *testing.T) ([]rawtable.Obligation, []rawtable.Reject) {
	t.Helper()
	f, err := os.Open(realObligationsPath)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	rows, rejects, err := ReadObligations(f, "obligations.csv", referenceStates(t))
	if err != nil {
		t.Fatalf("ReadObligations(%s): %v", realObligationsPath, err)
	}
	return rows, rejects
}

// TestRealObligations checks the shipped obligations.csv against the numbers its
// SOURCES.md ("Counts") gives.
func TestRealObligations(t *testing.T) {
	rows, rejects := readRealObligations(t)
	for _, r := range rejects {
		t.Errorf("reject %s:%d %s: %s", r.SourceFile, r.Line, r.Field, r.Reason)
	}
	if len(rows) != 162 {
		t.Errorf("%d rows, want 162", len(rows))
	}
	type group struct{ instrument, article, theme string }
	byGroup := map[group]int{}
	status := map[string]int{}
	confidence := map[string]int{}
	for _, o := range rows {
		byGroup[group{o.InstrumentID, o.Article, o.Theme}]++
		if o.InstrumentID == "APMBC" && o.Article == "5" {
			status[o.Status]++
		}
		confidence[o.Confidence]++
	}
	wantGroups := map[group]int{
		{"APMBC", "5", ThemeClearance}:            65,
		{"APMBC", "4", ThemeStockpileDestruction}: 34,
		{"APMBC", "6.3", ThemeVictimAssistance}:   27,
		{"CCM", "4", ThemeClearance}:              12,
		{"CCM", "3", ThemeStockpileDestruction}:   8,
		{"CCM", "5", ThemeVictimAssistance}:       14,
		{"CCW-PV", "3", ThemeClearance}:           2,
	}
	if diff := cmp.Diff(wantGroups, byGroup); diff != "" {
		t.Errorf("rows by instrument, article, theme (-want +got):\n%s", diff)
	}
	// APMBC Art. 5: 30 open (29 ongoing incl. the renewed obligations of Nigeria and
	// Guinea-Bissau, Eritrea overdue) and 35 completed.
	if diff := cmp.Diff(map[string]int{ObligationOngoing: 29, ObligationOverdue: 1, ObligationCompleted: 35}, status); diff != "" {
		t.Errorf("APMBC Art. 5 statuses (-want +got):\n%s", diff)
	}
	if diff := cmp.Diff(map[string]int{"high": 56, "medium": 86, "low": 18, "memory": 2}, confidence); diff != "" {
		t.Errorf("confidence (-want +got):\n%s", diff)
	}
	if !slices.IsSortedFunc(rows, func(a, b rawtable.Obligation) int {
		return strings.Compare(a.InstrumentID+" "+a.StateID, b.InstrumentID+" "+b.StateID)
	}) {
		t.Error("rows not sorted by instrument and state")
	}
}

func TestRealObligationsAfghanistanAndNigeria(t *testing.T) {
	rows, _ := readRealObligations(t)
	var afg *rawtable.Obligation
	var nga []rawtable.Obligation
	for i, o := range rows {
		if o.InstrumentID != "APMBC" || o.Article != "5" {
			continue
		}
		switch o.StateID {
		case "AFG":
			afg = &rows[i]
		case "NGA":
			nga = append(nga, o)
		}
	}
	// SOURCES.md row: 12MSP 2012 -> 2023-03-01; 20MSP 2022 -> 2025-03-01; 5RC 2024 -> 2030-03-01.
	if afg == nil || civil.Text(afg.Deadline) != "2030-03-01" || afg.ExtensionsGranted == nil || *afg.ExtensionsGranted != 3 ||
		civil.Text(afg.OriginalDeadline) != "2013-03-01" || civil.Text(afg.StartDate) != "2003-03-01" || afg.Status != ObligationOngoing {
		t.Errorf("Afghanistan APMBC 5 = %+v; want deadline 2030-03-01 after 3 extensions", afg)
	}
	if len(nga) != 2 || civil.Text(nga[0].StartDate) != "2002-03-01" || nga[0].Status != ObligationCompleted ||
		civil.Text(nga[1].StartDate) != "2019-11-25" || nga[1].Status != ObligationOngoing {
		t.Errorf("Nigeria APMBC 5 = %+v; want the 2002 obligation (completed) and the 2019 one (ongoing)", nga)
	}
}

func FuzzReadObligations(f *testing.F) {
	addSeeds(f, "obligations")
	f.Add([]byte(obligationRow(nil)))
	states := referenceStates(f)
	f.Fuzz(func(t *testing.T, in []byte) {
		rows, rejects, err := ReadObligations(bytes.NewReader(in), "fuzz.csv", states)
		lines := make([]int32, len(rejects))
		for i, r := range rejects {
			lines[i] = r.Line
		}
		checkOutcome(t, in, len(rows), lines, err)
		keys := map[string]bool{}
		for _, o := range rows {
			if o.StateID == "" || obligationArticles[o.InstrumentID][o.Theme] != o.Article || !slices.Contains(obligationStatuses, o.Status) {
				t.Fatalf("row without state, or with a wrong instrument, article, theme or status: %+v", o)
			}
			for _, pair := range [][2]*civil.Day{{o.StartDate, o.OriginalDeadline}, {o.OriginalDeadline, o.Deadline}, {o.StartDate, o.Deadline}, {o.StartDate, o.CompletedDate}} {
				if pair[0] != nil && pair[1] != nil && *pair[1] < *pair[0] {
					t.Fatalf("dates out of order kept: %+v", o)
				}
			}
			key := fmt.Sprint(o.StateID, o.InstrumentID, o.Article, o.Theme, civil.Text(o.StartDate))
			if keys[key] {
				t.Fatalf("duplicate obligation kept: %+v", o)
			}
			keys[key] = true
		}
	})
}

func ExampleReadObligations() {
	in := `state_name,iso3,instrument,article,theme,obligation_start,original_deadline,current_deadline,extensions_granted,status,status_date,completed_date,source_url,confidence
Afghanistan,AFG,APMBC,5,clearance,2003-03-01,2013-03-01,2030-03-01,3: 12MSP 2012 -> 2023-03-01; 20MSP 2022 -> 2025-03-01; 5RC 2024 -> 2030-03-01,ongoing,2024-11-29,,https://example.org,medium
Afghanistan,AFG,CCM,5,victim_assistance,,,,,ongoing,2017-08-01,,https://example.org,medium
Afghanistan,AFG,CCW,10,clearance,,,,,ongoing,,,https://example.org,medium
Afghanistan,AFG,APMBC,5,clearance,2003-03-01,2013-02-30,,,ongoing,,,https://example.org,medium
`
	states := mapResolver{"Afghanistan": "AFG", "AFG": "AFG"}
	rows, rejects, err := ReadObligations(strings.NewReader(in), "obligations.csv", states)
	if err != nil {
		fmt.Println(err)
		return
	}
	for _, o := range rows {
		n := "NULL"
		if o.ExtensionsGranted != nil {
			n = fmt.Sprint(*o.ExtensionsGranted)
		}
		fmt.Println(o.InstrumentID, o.StateID, o.Article, o.Theme, o.Deadline, n, o.Status)
	}
	for _, r := range rejects {
		fmt.Printf("%s:%d %s: %s\n", r.SourceFile, r.Line, r.Field, r.Reason)
	}
	// Output:
	// APMBC AFG 5 clearance 2030-03-01 3 ongoing
	// CCM AFG 5 victim_assistance <nil> NULL ongoing
	// obligations.csv:4 instrument: unknown instrument: "CCW": obligations are read for APMBC, CCM and CCW-PV only
	// obligations.csv:5 original_deadline: bad date: "2013-02-30" is not a date YYYY-MM-DD
}
