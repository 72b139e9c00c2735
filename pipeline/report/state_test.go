package report_test

import (
	"bytes"
	"errors"
	"fmt"
	"regexp"
	"slices"
	"strings"
	"testing"

	"synergy/pipeline/report"
)

// tableByID returns the report's table with id, or fails the test.
func tableByID(t *testing.T, r *report.Report, id string) *report.Table {
	t.Helper()
	for _, tb := range r.Tables() {
		if tb.ID == id {
			return tb
		}
	}
	t.Fatalf("no table %s", id)
	return nil
}

// rowWith returns the first row of tb whose first cell starts with prefix.
func rowWith(t *testing.T, tb *report.Table, prefix string) []string {
	t.Helper()
	for _, row := range tb.Rows {
		if strings.HasPrefix(row[0], prefix) {
			return row
		}
	}
	t.Fatalf("table %s has no row starting %q", tb.ID, prefix)
	return nil
}

func buildState(t *testing.T, state string, p report.Period, l report.Lang) *report.Report {
	t.Helper()
	db, snap := snapshot(t)
	r, err := report.BuildState(t.Context(), db, state, report.Options{Period: p, Lang: l, Snapshot: snap})
	if err != nil {
		t.Fatalf("BuildState %s %s %s: %v", state, p, l, err)
	}
	return r
}

// TestStateViewColombia2024 builds Colombia's 2024 view on the shipped data and
// checks it against facts of the sources: Colombia ratified the Mine Ban
// Convention (in force 1 March 2001) and the Cluster Munitions Convention (1 March
// 2016), deposited its Arms Trade Treaty ratification on 15 October 2024 (in force
// 13 January 2025) and is not party to CCW Protocol V; in 2024 it was party to the
// Twelfth Meeting of States Parties of the CCM (Geneva, 10-13 September), which
// shared the second half-year in Geneva with the Amended Protocol II conference.
func TestStateViewColombia2024(t *testing.T) {
	r := buildState(t, "col", report.Year(2024), report.English)
	if !strings.HasPrefix(r.Title, "Colombia (COL)") {
		t.Errorf("title %q", r.Title)
	}
	ins := tableByID(t, r, "state-participation")
	for _, c := range []struct{ prefix, standing, eif string }{
		{"Anti-Personnel Mine Ban Convention (APMBC)", "party", "2001-03-01"},
		{"Convention on Cluster Munitions (CCM)", "party", "2016-03-01"},
		{"Arms Trade Treaty (ATT)", "consented, not yet in force", "2025-01-13"},
		{"CCW Protocol V (CCW-PV)", "not party", "—"},
	} {
		row := rowWith(t, ins, c.prefix)
		if row[1] != c.standing || row[5] != c.eif {
			t.Errorf("%s: standing %q, entry into force %q; want %q, %q", c.prefix, row[1], row[5], c.standing, c.eif)
		}
	}
	ms := tableByID(t, r, "state-meeting-list")
	msp := rowWith(t, ms, "Twelfth Meeting of States Parties to the Convention on Cluster Munitions")
	if want := []string{"CCM", "2024-09-10", "2024-09-13", "Geneva"}; !slices.Equal(msp[1:5], want) {
		t.Errorf("CCM 12MSP row %q, want %q", msp, want)
	}
	for _, row := range ms.Rows {
		if strings.Contains(row[0], "Arms Trade Treaty") || strings.HasPrefix(row[0], "CCM_") {
			t.Errorf("meeting row %q: ATT was not in force for Colombia in 2024, and meetings go by name", row)
		}
	}
	merge := tableByID(t, r, "state-mergeable")
	if len(merge.Rows) != 1 || merge.Rows[0][2] != "Geneva" || merge.Rows[0][1] != "July–December" ||
		!strings.Contains(merge.Rows[0][3], "Twelfth Meeting") || !strings.Contains(merge.Rows[0][3], "Amended Protocol II") {
		t.Errorf("mergeable groups %q, want the CCM 12MSP and the APII conference in Geneva, July–December", merge.Rows)
	}
	obl := rowWith(t, tableByID(t, r, "state-obligation-rows"), "APMBC")
	if obl[1] != "5" || obl[5] != "2030-12-31" || obl[9] != "low" || !strings.HasPrefix(obl[10], "obligations/obligations.csv:") {
		t.Errorf("APMBC Art. 5 row %q: want current deadline 2030-12-31, confidence low, its source", obl)
	}
	key := strings.Join(r.Key, "\n")
	for _, s := range []string{"party to APMBC, CCM, CCW, CCW-APII and CRPD", "not yet in force: ATT", "not party: CCW-PV",
		"Next obligation deadline: 2030-12-31 (APMBC Art. 5, clearance; confidence low)"} {
		if !strings.Contains(key, s) {
			t.Errorf("key figures lack %q:\n%s", s, key)
		}
	}
}

// TestStateViewNumbersComeFromTheSnapshot checks the view's trips and its peers
// against the marts directly.
func TestStateViewNumbersComeFromTheSnapshot(t *testing.T) {
	db, _ := snapshot(t)
	res, err := db.Query(t.Context(), `select sum(meetings), sum(trips), sum(trips_lower_bound), sum(trips_saveable)
		from state_year_burden where state_id = 'COL' and year between 2022 and 2024`)
	if err != nil || res.Len() != 1 {
		t.Fatalf("state_year_burden: %v", err)
	}
	r := buildState(t, "COL", report.Period{From: 2022, To: 2024}, report.English)
	trips := tableByID(t, r, "state-trips-by-year")
	total := trips.Rows[len(trips.Rows)-1]
	if len(trips.Rows) != 4 || total[0] != "2022–2024" {
		t.Fatalf("trips table %q: want 2022, 2023, 2024 and a total row", trips.Rows)
	}
	for i := range 4 {
		if want := report.English.Count(res.Value(0, res.Columns[i])); total[i+1] != want {
			t.Errorf("total column %d = %s, state_year_burden gives %s", i+1, total[i+1], want)
		}
	}
	// Peers: the states whose set of instruments in force on 31 December 2024 is
	// Colombia's.
	peers, err := db.Query(t.Context(), `with s as (select state_id, list_sort(list(distinct instrument_id)) i
		from participation where entry_into_force_date <= date '2024-12-31'
		and coalesce(withdrawal_effective_date > date '2024-12-31', true) group by state_id)
		select count(*) from s where i = (select i from s where state_id = 'COL')`)
	if err != nil {
		t.Fatal(err)
	}
	pt := tableByID(t, r, "state-peer-profiles")
	n, own := 0, 0
	for i, row := range pt.Rows {
		var k int
		if _, err := fmt.Sscan(row[6], &k); err != nil {
			t.Fatal(err)
		}
		n += k
		if pt.Highlight[i] {
			own++
			if !strings.Contains(row[7], "Colombia (COL)") {
				t.Errorf("highlighted peer row %q lacks Colombia", row)
			}
		}
	}
	if want := report.English.Count(peers.Value(0, peers.Columns[0])); report.English.Int(int64(n)) != want || own != 1 {
		t.Errorf("peer rows count %d states (%d highlighted), participation gives %s", n, own, want)
	}
}

var idRE = regexp.MustCompile(` id="([^"]+)"`)

func TestStateViewLanguagesAndOutputs(t *testing.T) {
	en := buildState(t, "COL", report.Year(2024), report.English)
	for _, l := range []report.Lang{report.French, report.Spanish} {
		r := buildState(t, "COL", report.Year(2024), l)
		if r.Title == en.Title || len(r.Sections) != len(en.Sections) {
			t.Errorf("%s: title %q, %d sections (English %q, %d)", l, r.Title, len(r.Sections), en.Title, len(en.Sections))
		}
		for i, s := range r.Sections {
			if s.ID != "sources" && s.Title == en.Sections[i].Title {
				t.Errorf("%s section %s keeps the English title %q", l, s.ID, s.Title)
			}
		}
		var html bytes.Buffer
		if err := r.WriteHTML(&html); err != nil {
			t.Fatal(err)
		}
		name := map[report.Lang]string{report.English: "Colombia", report.French: "Colombie", report.Spanish: "Colombia"}[l]
		if !strings.Contains(html.String(), `<html lang="`+string(l)+`">`) || !strings.Contains(html.String(), name) {
			t.Errorf("%s page lacks its language or the state", l)
		}
		seen := map[string]bool{}
		for _, m := range idRE.FindAllStringSubmatch(html.String(), -1) {
			if seen[m[1]] {
				t.Errorf("%s page: id %q twice (sections and tables need ids of their own)", l, m[1])
			}
			seen[m[1]] = true
		}
	}
	var md bytes.Buffer
	if err := en.WriteMarkdown(&md); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(md.String(), "# Colombia (COL): a delegation's view, 2024") {
		t.Errorf("markdown title missing:\n%.300s", md.String())
	}
}

func TestStateViewErrors(t *testing.T) {
	db, snap := snapshot(t)
	for _, tc := range []struct {
		state string
		opts  report.Options
		want  error
	}{
		{"XXX", report.Options{Period: report.Year(2024), Snapshot: snap}, report.ErrState},
		{"Colombia", report.Options{Period: report.Year(2024)}, report.ErrState},
		{"", report.Options{Period: report.Year(2024)}, report.ErrState},
		{"COL", report.Options{Period: report.Period{From: 2024, To: 2020}}, report.ErrPeriod},
		{"COL", report.Options{Period: report.Year(2024), Lang: "de"}, report.ErrLang},
	} {
		_, err := report.BuildState(t.Context(), db, tc.state, tc.opts)
		if !errors.Is(err, tc.want) {
			t.Errorf("BuildState(%q, %v): err = %v, want errors.Is %v", tc.state, tc.opts.Period, err, tc.want)
		}
	}
}
