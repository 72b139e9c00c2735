package cli

import (
	"bytes"
	"cmp"
	"context"
	"encoding/csv"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"synergy/pipeline/civil"
	"synergy/pipeline/plan"
)

// planLocalSearch stands in for the real solver in these tests: from the
// first calendar that keeps every meeting off the others' dates (meetings
// placed in draft order, each on the working day of its window nearest its draft
// start that fits), it moves one meeting at a time while that saves a trip
// (plan.Verify counts). It proves nothing: Optimal is false.
type planLocalSearch struct{}

func (planLocalSearch) Solve(ctx context.Context, p *plan.Problem) (*plan.Solution, error) {
	t0 := time.Now()
	cands := make(map[string][]civil.Day)
	for _, m := range p.Meetings {
		if m.Fixed {
			cands[m.ID] = []civil.Day{m.DraftStart}
			continue
		}
		for off := 0; off <= int(m.Latest-m.Earliest); off++ {
			for _, d := range []civil.Day{m.DraftStart.AddDays(off), m.DraftStart.AddDays(-off)} {
				if d >= m.Earliest && d <= m.Latest && d.Weekday() != time.Saturday && d.Weekday() != time.Sunday && !p.Blocked[d] &&
					(off > 0 || d == m.DraftStart.AddDays(off)) {
					cands[m.ID] = append(cands[m.ID], d)
				}
			}
		}
	}
	start := make(map[string]civil.Day)
	sub := &plan.Problem{Year: p.Year, MaxGap: p.MaxGap, Parallel: p.Parallel, Capacity: p.Capacity, Blocked: p.Blocked}
	for _, m := range p.Meetings { // greedy: the nearest start that fits with those placed
		sub.Meetings = append(sub.Meetings, m)
		placed := false
		for _, d := range cands[m.ID] {
			start[m.ID] = d
			if _, err := plan.Verify(sub, start, nil); err == nil {
				placed = true
				break
			}
		}
		if !placed {
			return nil, fmt.Errorf("no room for %s", m.ID)
		}
	}
	best, err := plan.Verify(p, start, nil)
	if err != nil {
		return nil, err
	}
	for improved := true; improved; {
		improved = false
		for _, m := range p.Meetings {
			keep := start[m.ID]
			for _, d := range cands[m.ID] {
				start[m.ID] = d
				if t, err := plan.Verify(p, start, nil); err == nil && t.Trips < best.Trips {
					best, keep, improved = t, d, true
				}
			}
			start[m.ID] = keep
		}
	}
	bound := plan.Count(p, nil, nil).LowerBound
	gap := 0.0
	if best.Trips > 0 {
		gap = float64(best.Trips-bound) / float64(best.Trips)
	}
	return &plan.Solution{Start: start, Trips: best.Trips, LowerBound: bound, Gap: gap, Solver: "local search (test)",
		Seconds: time.Since(t0).Seconds()}, nil
}

// withPlanSolver makes `synergy plan` use s for the rest of the test.
func withPlanSolver(t *testing.T, s plan.Solver) {
	prev := newPlanSolver
	newPlanSolver = func(time.Duration) plan.Solver { return s }
	t.Cleanup(func() { newPlanSolver = prev })
}

func readCSV(t *testing.T, path string) []map[string]string {
	t.Helper()
	recs, err := csv.NewReader(bytes.NewReader(must(os.ReadFile(path)))).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	var rows []map[string]string
	for _, r := range recs[1:] {
		row := make(map[string]string)
		for i, h := range recs[0] {
			row[h] = r[i]
		}
		rows = append(rows, row)
	}
	return rows
}

func atoi(t *testing.T, s string) int {
	t.Helper()
	n, err := strconv.Atoi(s)
	if err != nil {
		t.Fatal(err)
	}
	return n
}

// TestPlanOnTheShippedData runs `synergy run` on the shipped data, then `synergy
// plan` for a past year (a backtest: the draft's trips must be
// state_year_burden's, state by state) and for 2027 (projected).
func TestPlanOnTheShippedData(t *testing.T) {
	withPlanSolver(t, planLocalSearch{})
	out := publishOnce(t)

	t.Run("2019 backtest", func(t *testing.T) {
		dir := filepath.Join(t.TempDir(), "p")
		r := run(t, "", "plan", "--out", out, "--year", "2019", "--dir", dir)
		if r.code != ExitOK {
			t.Fatalf("exit %d: %s", r.code, r.stderr)
		}
		var js plan.Summary
		if err := json.Unmarshal(must(os.ReadFile(filepath.Join(dir, "plan.json"))), &js); err != nil {
			t.Fatal(err)
		}
		want := queryInt(t, out, "select sum(trips) from state_year_burden where year = 2019")
		if js.TripsDraft != want || js.Meetings != queryInt(t, out, `select count(*) from meetings where year(start_date) = 2019
			and start_precision = 'day' and end_precision = 'day'`) {
			t.Errorf("plan.json %+v: want trips_draft %d (state_year_burden)", js, want)
		}
		if js.TripsPlanned > js.TripsDraft || js.Projected != 0 || js.Optimal {
			t.Errorf("plan.json %+v", js)
		}
		line := fmt.Sprintf("plan 2019: %d meetings (%d movable, 0 projected): %d trips in the draft, %d in the plan, lower bound %d; not proven optimal",
			js.Meetings, js.Movable, js.TripsDraft, js.TripsPlanned, js.TripsLowerBound)
		if !strings.HasPrefix(r.stdout, line) || strings.Count(r.stdout, "\n") != 1 {
			t.Errorf("stdout %q, want one line starting %q", r.stdout, line)
		}
		burden := make(map[string][3]int)
		for _, row := range query(t, out, "select state_id, trips, trips_lower_bound, meetings from state_year_burden where year = 2019") {
			burden[row["state_id"].(string)] = [3]int{int(row["trips"].(float64)), int(row["trips_lower_bound"].(float64)), int(row["meetings"].(float64))}
		}
		states := readCSV(t, filepath.Join(dir, "plan_states.csv"))
		if len(states) != len(burden) {
			t.Errorf("%d states in plan_states.csv, %d in state_year_burden", len(states), len(burden))
		}
		for _, s := range states {
			if b := burden[s["state_id"]]; atoi(t, s["trips_draft"]) != b[0] || atoi(t, s["trips_lower_bound"]) != b[1] || atoi(t, s["meetings"]) != b[2] {
				t.Errorf("%s: plan_states %v, state_year_burden trips %d, bound %d, meetings %d", s["state_id"], s, b[0], b[1], b[2])
			}
		}
		rows := readCSV(t, filepath.Join(dir, "plan.csv"))
		for _, row := range rows {
			moved := atoi(t, row["moved_days"])
			if (moved == 0) != (row["reason"] == "not moved") || row["planned_start"] == "" {
				t.Errorf("row %v", row)
			}
		}
		if html := string(must(os.ReadFile(filepath.Join(dir, "plan.html")))); !strings.Contains(html, "<h1>Proposed calendar 2019</h1>") {
			t.Error("plan.html has no title")
		}
		// plan.ics read back as a draft: its trips are the plan's
		again := filepath.Join(t.TempDir(), "again")
		r = run(t, "", "plan", "--out", out, "--year", "2019", "--draft", filepath.Join(dir, "plan.ics"), "--dir", again)
		if r.code != ExitOK {
			t.Fatalf("plan.ics as a draft: exit %d: %s", r.code, r.stderr)
		}
		var js2 plan.Summary
		if err := json.Unmarshal(must(os.ReadFile(filepath.Join(again, "plan.json"))), &js2); err != nil {
			t.Fatal(err)
		}
		if js2.TripsDraft != js.TripsPlanned || js2.Meetings != js.Meetings {
			t.Errorf("plan.ics as a draft: %+v; the plan had %d trips", js2, js.TripsPlanned)
		}
	})

	t.Run("every past year", func(t *testing.T) {
		want := make(map[int][2]int)
		for _, row := range query(t, out, "select year, sum(trips) t, sum(trips_lower_bound) b from state_year_burden group by year") {
			want[int(row["year"].(float64))] = [2]int{int(row["t"].(float64)), int(row["b"].(float64))}
		}
		for y := 2000; y <= 2025; y++ {
			dir := filepath.Join(t.TempDir(), strconv.Itoa(y))
			r := run(t, "", "plan", "--out", out, "--year", strconv.Itoa(y), "--dir", dir)
			if r.code != ExitOK {
				t.Fatalf("%d: exit %d: %s", y, r.code, r.stderr)
			}
			var js plan.Summary
			if err := json.Unmarshal(must(os.ReadFile(filepath.Join(dir, "plan.json"))), &js); err != nil {
				t.Fatal(err)
			}
			if js.TripsDraft != want[y][0] || js.TripsLowerBound != want[y][1] ||
				js.TripsLowerBound > js.TripsPlanned || js.TripsPlanned > js.TripsDraft {
				t.Errorf("%d: plan.json %+v; state_year_burden has %d trips, bound %d", y, js, want[y][0], want[y][1])
			}
		}
	})

	t.Run("2027 projected, default dir", func(t *testing.T) {
		t.Chdir(t.TempDir())
		r := run(t, "", "plan", "--out", out, "--year", "2027", "--lang", "es")
		if r.code != ExitOK {
			t.Fatalf("exit %d: %s", r.code, r.stderr)
		}
		rows := readCSV(t, filepath.Join("plan-2027", "plan.csv"))
		projected := 0
		for _, row := range rows {
			if row["projected"] == "true" {
				projected++
				if !strings.Contains(row["pattern"], "from ") || !strings.HasSuffix(row["meeting_id"], "projected") {
					t.Errorf("projected row %v", row)
				}
			}
		}
		if projected == 0 || projected != len(rows) {
			t.Errorf("%d of %d rows projected (the snapshot has no meeting dated in 2027)", projected, len(rows))
		}
		// the ATT conference of States Parties met every year in August (2015-2026)
		var att map[string]string
		for _, row := range rows {
			if strings.HasPrefix(row["meeting_id"], "ATT-CSP-2027") {
				att = row
			}
		}
		if att == nil || !strings.HasPrefix(att["draft_start"], "2027-08-") {
			t.Errorf("ATT CSP 2027 projected as %v", att)
		}
		if md := string(must(os.ReadFile(filepath.Join("plan-2027", "plan.md")))); !strings.Contains(md, "# Calendario propuesto 2027") {
			t.Errorf("plan.md:\n%s", md)
		}
	})

	t.Run("draft file", func(t *testing.T) {
		draft := filepath.Join(t.TempDir(), "draft.csv")
		os.WriteFile(draft, []byte("meeting_id,instrument_id,body,title,city,start_date,end_date,earliest_start,latest_start,fixed,mode\n"+
			"A,APMBC,Intersessional,Intersessional,Geneva,2027-06-07,2027-06-10,,,,\n"+
			"B,CCM,Intersessional,Intersessional,Geneva,2027-07-12,2027-07-14,2027-05-01,2027-07-31,,\n"), 0o644)
		dir := filepath.Join(t.TempDir(), "p")
		r := run(t, "", "plan", "--out", out, "--year", "2027", "--draft", draft, "--dir", dir)
		if r.code != ExitOK {
			t.Fatalf("exit %d: %s", r.code, r.stderr)
		}
		var js plan.Summary
		if err := json.Unmarshal(must(os.ReadFile(filepath.Join(dir, "plan.json"))), &js); err != nil {
			t.Fatal(err)
		}
		// states party to both pay two trips in the draft; B can sit next to A
		both := queryInt(t, out, `select count(*) from (select state_id from participation where instrument_id in ('APMBC', 'CCM')
			and entry_into_force_date <= date '2027-06-07' and (withdrawal_effective_date is null or withdrawal_status = 'notified'
			or withdrawal_effective_date > date '2027-06-07') group by state_id having count(distinct instrument_id) = 2)`)
		if both == 0 || js.TripsDraft-js.TripsPlanned != both {
			t.Errorf("plan.json %+v: want %d trips saved (states party to both)", js, both)
		}
	})
}

func TestPlanBadInput(t *testing.T) {
	withPlanSolver(t, planLocalSearch{})
	out := publishOnce(t)
	head := "meeting_id,instrument_id,body,title,city,start_date,end_date,earliest_start,latest_start,fixed,mode\n"
	write := func(body string) string {
		p := filepath.Join(t.TempDir(), "draft.csv")
		os.WriteFile(p, []byte(head+body), 0o644)
		return p
	}
	tests := []struct {
		name string
		args []string
		code int
		want string
	}{
		{"no year", []string{"plan", "--out", out}, ExitUsage, "--year 0"},
		{"bad lang", []string{"plan", "--out", out, "--year", "2019", "--lang", "de"}, ExitUsage, `"de"`},
		{"negative window", []string{"plan", "--out", out, "--year", "2019", "--window-days", "-1"}, ExitUsage, "--window-days -1"},
		{"argument", []string{"plan", "--out", out, "--year", "2019", "extra"}, ExitUsage, "unexpected arguments"},
		{"unknown instrument", []string{"plan", "--out", out, "--year", "2027", "--draft",
			write("A,MINES,MSP,t,Geneva,2027-06-07,2027-06-10,,,,\n")}, ExitFailure, `draft.csv:2: instrument_id: unknown instrument: "MINES"`},
		{"missing draft", []string{"plan", "--out", out, "--year", "2027", "--draft", "/nonexistent/d.csv"}, ExitFailure, "no such file"},
		{"infeasible", []string{"plan", "--out", out, "--year", "2027", "--draft", write(
			"A,APMBC,MSP,t,Geneva,2027-06-07,2027-06-10,,,true,\nB,APMBC,Intersessional,t,Vienna,2027-06-09,2027-06-11,,,true,\n")},
			ExitFailure, "infeasible: fixed meetings conflict: meetings A (2027-06-07 to 2027-06-10, Geneva) and B (2027-06-09 to 2027-06-11, Vienna) overlap and share parties"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			t.Chdir(t.TempDir())
			r := run(t, "", tc.args...)
			if r.code != tc.code || !strings.Contains(r.stderr, tc.want) {
				t.Errorf("exit %d, stderr %q; want %d and %q", r.code, r.stderr, tc.code, tc.want)
			}
			if _, err := os.Stat("plan-2027"); !errors.Is(err, os.ErrNotExist) {
				t.Error("a plan was written")
			}
		})
	}
}

// TestPlanWithCBC runs `synergy plan` with the real solver: the 2019 plan is proven
// optimal, agrees with the nightly run's plan_backtest, and avoids blocked days.
func TestPlanWithCBC(t *testing.T) {
	if _, err := exec.LookPath("cbc"); err != nil {
		if os.Getenv("CI") != "" {
			t.Fatal("cbc is missing (make test-deps installs coinor-cbc)")
		}
		t.Skip("cbc not installed")
	}
	out := publishOnce(t)
	dir := filepath.Join(t.TempDir(), "p")
	if r := run(t, "", "plan", "--out", out, "--year", "2019", "--dir", dir); r.code != ExitOK {
		t.Fatalf("exit %d: %s", r.code, r.stderr)
	}
	var js plan.Summary
	if err := json.Unmarshal(must(os.ReadFile(filepath.Join(dir, "plan.json"))), &js); err != nil {
		t.Fatal(err)
	}
	mart := query(t, out, "select trips_actual, trips_planned, optimal from plan_backtest where year = 2019")
	if len(mart) != 1 || !js.Optimal || int(mart[0]["trips_planned"].(float64)) != js.TripsPlanned ||
		int(mart[0]["trips_actual"].(float64)) != js.TripsDraft || js.TripsPlanned > js.TripsDraft || js.TripsLowerBound > js.TripsPlanned {
		t.Fatalf("plan.json %+v against plan_backtest %v", js, mart)
	}

	// Block every day CCM_9MSP was held on: the plan must hold it on other days.
	var ccm map[string]string
	for _, row := range readCSV(t, filepath.Join(dir, "plan.csv")) {
		if row["meeting_id"] == "CCM_9MSP" {
			ccm = row
		}
	}
	if ccm == nil {
		t.Fatal("CCM_9MSP is not in the 2019 plan")
	}
	from, _ := civil.ParseDay(ccm["draft_start"])
	to, _ := civil.ParseDay(ccm["draft_end"])
	holidays := "date,name,source_url\n"
	for d := from; d <= to; d++ {
		holidays += d.String() + ",test day,\n"
	}
	file := filepath.Join(t.TempDir(), "blocked.csv")
	if err := os.WriteFile(file, []byte(holidays), 0o644); err != nil {
		t.Fatal(err)
	}
	blocked := filepath.Join(t.TempDir(), "b")
	if r := run(t, "", "plan", "--out", out, "--year", "2019", "--dir", blocked, "--blocked", file); r.code != ExitOK {
		t.Fatalf("with --blocked: exit %d: %s", r.code, r.stderr)
	}
	for _, row := range readCSV(t, filepath.Join(blocked, "plan.csv")) {
		s, _ := civil.ParseDay(row["planned_start"])
		e, _ := civil.ParseDay(row["planned_end"])
		if s <= to && e >= from {
			t.Errorf("%s planned %s–%s, over the blocked days %s–%s", row["meeting_id"], s, e, from, to)
		}
	}
	if r := run(t, "", "plan", "--out", out, "--year", "2019", "--dir", blocked, "--blocked", filepath.Join(t.TempDir(), "none.csv")); r.code != ExitFailure {
		t.Errorf("a missing --blocked file: exit %d, want %d", r.code, ExitFailure)
	}
	if r := run(t, "", "plan", "--out", out, "--year", "2019", "--capacity", "-1"); r.code != ExitUsage {
		t.Errorf("--capacity -1: exit %d, want %d", r.code, ExitUsage)
	}
}

// recountPlan recomputes, from plan.csv and the published tables alone, what the
// planner claims for a past year: each state's trips (its Rec 8 meetings from
// state_year_burden.meeting_ids, remote ones never a trip, one trip per run of
// meetings in a city with at most 2 working days between the latest end so far and
// the next start), every move within the window, every length kept, and no two
// meetings that share a state overlapping unless they overlapped as held.
func recountPlan(t *testing.T, out, dir string, year int) map[string]int {
	t.Helper()
	type span struct {
		city, mode     string
		draftS, draftE civil.Day
		s, e           civil.Day
	}
	day := func(v string) civil.Day {
		d, err := civil.ParseDay(v)
		if err != nil {
			t.Fatalf("plan.csv date %q: %v", v, err)
		}
		return d
	}
	work := func(a, b civil.Day) int {
		n := 0
		for d := a; d <= b; d++ {
			if wd := d.Weekday(); wd != time.Saturday && wd != time.Sunday {
				n++
			}
		}
		return n
	}
	plans := map[string]span{}
	for _, row := range readCSV(t, filepath.Join(dir, "plan.csv")) {
		plans[row["meeting_id"]] = span{city: row["city"], draftS: day(row["draft_start"]), draftE: day(row["draft_end"]),
			s: day(row["planned_start"]), e: day(row["planned_end"])}
	}
	for _, row := range query(t, out, fmt.Sprintf("select meeting_id, mode from meetings_enriched where year(start_date) = %d", year)) {
		if p, ok := plans[row["meeting_id"].(string)]; ok {
			p.mode = row["mode"].(string)
			plans[row["meeting_id"].(string)] = p
		}
	}
	for id, p := range plans {
		if d := int(p.s - p.draftS); d < -28 || d > 28 {
			t.Errorf("%s moved %d days, outside its window", id, d)
		}
		if work(p.draftS, p.draftE) > 0 && work(p.s, p.e) != work(p.draftS, p.draftE) {
			t.Errorf("%s: %d working days planned, %d as held", id, work(p.s, p.e), work(p.draftS, p.draftE))
		}
	}
	trips := map[string]int{}
	shared := map[[2]string]bool{}
	for _, row := range query(t, out, fmt.Sprintf("select state_id, meeting_ids from state_year_burden where year = %d", year)) {
		var ms []string
		for _, id := range row["meeting_ids"].([]any) {
			ms = append(ms, id.(string))
		}
		for i, a := range ms {
			for _, b := range ms[i+1:] {
				shared[[2]string{a, b}], shared[[2]string{b, a}] = true, true
			}
		}
		slices.SortFunc(ms, func(a, b string) int {
			pa, pb := plans[a], plans[b]
			return cmp.Or(strings.Compare(pa.city, pb.city), cmp.Compare(pa.s, pb.s), cmp.Compare(pa.e, pb.e), strings.Compare(a, b))
		})
		n, city, latest := 0, "\x00", civil.Day(0)
		for _, id := range ms {
			p, ok := plans[id]
			if !ok {
				t.Fatalf("%s is in state_year_burden %d but not in plan.csv", id, year)
			}
			if p.mode == "online" || p.mode == "written_procedure" {
				continue
			}
			if p.city == "" || p.city != city || work(latest+1, p.s-1) > 2 {
				n++
				city, latest = p.city, p.e
				continue
			}
			latest = max(latest, p.e)
		}
		trips[row["state_id"].(string)] = n
	}
	for a, pa := range plans {
		for b, pb := range plans {
			if a < b && shared[[2]string{a, b}] && pa.s <= pb.e && pb.s <= pa.e && !(pa.draftS <= pb.draftE && pb.draftS <= pa.draftE) {
				t.Errorf("%s and %s share parties and overlap in the plan (%s–%s, %s–%s)", a, b, pa.s, pa.e, pb.s, pb.e)
			}
		}
	}
	return trips
}

// TestPlanRecountedIndependently checks a real year's written plan against the
// recount above: each state's trips in plan_states.csv and their sum in plan.json.
func TestPlanRecountedIndependently(t *testing.T) {
	if _, err := exec.LookPath("cbc"); err != nil {
		if os.Getenv("CI") != "" {
			t.Fatal("cbc is missing (make test-deps installs coinor-cbc)")
		}
		t.Skip("cbc not installed")
	}
	out := publishOnce(t)
	for _, year := range []int{2019, 2023} {
		dir := filepath.Join(t.TempDir(), fmt.Sprint(year))
		if r := run(t, "", "plan", "--out", out, "--year", fmt.Sprint(year), "--dir", dir); r.code != ExitOK {
			t.Fatalf("%d: exit %d: %s", year, r.code, r.stderr)
		}
		trips := recountPlan(t, out, dir, year)
		sum := 0
		for _, s := range readCSV(t, filepath.Join(dir, "plan_states.csv")) {
			if got, want := atoi(t, s["trips_planned"]), trips[s["state_id"]]; got != want {
				t.Errorf("%d %s: plan_states.csv says %d trips, the recount %d", year, s["state_id"], got, want)
			}
			sum += atoi(t, s["trips_planned"])
		}
		var js plan.Summary
		if err := json.Unmarshal(must(os.ReadFile(filepath.Join(dir, "plan.json"))), &js); err != nil {
			t.Fatal(err)
		}
		if len(trips) == 0 || js.TripsPlanned != sum {
			t.Errorf("%d: plan.json trips_planned %d, plan_states.csv sums to %d (%d states recounted)", year, js.TripsPlanned, sum, len(trips))
		}
		if inv := recountInversions(t, dir); !js.DraftOrderOptimal || js.DraftOrderInversions != inv {
			t.Errorf("%d: plan.json says %d pairs out of draft order (fewest proven: %v), plan.csv has %d", year, js.DraftOrderInversions, js.DraftOrderOptimal, inv)
		}
	}
}

// recountInversions counts, in plan.csv, the pairs of meetings planned in the opposite
// order to the draft (the draft order: by draft start, then by row).
func recountInversions(t *testing.T, dir string) int {
	rows := readCSV(t, filepath.Join(dir, "plan.csv"))
	slices.SortStableFunc(rows, func(a, b map[string]string) int { return strings.Compare(a["draft_start"], b["draft_start"]) })
	n := 0
	for i, a := range rows {
		for _, b := range rows[i+1:] {
			if a["planned_start"] > b["planned_start"] {
				n++
			}
		}
	}
	return n
}
