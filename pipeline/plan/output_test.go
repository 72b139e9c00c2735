package plan

import (
	"bytes"
	"encoding/csv"
	"encoding/json"
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"synergy/pipeline/civil"
	"synergy/pipeline/ics"
)

func pcDay(s string) civil.Day {
	d, err := civil.ParseDay(s)
	if err != nil {
		panic(err)
	}
	return d
}

// pcHandProblem is small enough to check by hand (see TestPlanByHand).
func pcHandProblem() *Problem {
	mk := func(id, inst, start, end string, parties []string, fixed bool) Meeting {
		s, e := pcDay(start), pcDay(end)
		m := Meeting{ID: id, Instrument: inst, Title: id + " title", Cities: []string{"Geneva"}, Length: workingDays(s, e),
			DraftStart: s, DraftEnd: e, Earliest: s.AddDays(-14), Latest: s.AddDays(14), Fixed: fixed, Mode: "in_person",
			Parties: parties, Rec8: true}
		if fixed {
			m.Earliest, m.Latest = s, s
		}
		return m
	}
	return &Problem{Year: 2025, MaxGap: 2, Meetings: []Meeting{
		mk("m1", "APMBC", "2025-06-02", "2025-06-06", []string{"AAA", "BBB"}, false),
		mk("m3", "CCW", "2025-06-09", "2025-06-10", []string{"BBB"}, true),
		mk("m2", "CCM", "2025-06-23", "2025-06-25", []string{"AAA"}, false),
	}}
}

// TestPlanByHand: AAA goes to m1 (2-6 June) and m2 (23-25 June), two trips; BBB
// to m1 and the fixed m3 (9-10 June), one trip. The cheapest calendar with two
// trips moves m1 ten days later, 12-18 June: two working days (19, 20 June)
// before m2 for AAA, one (11 June) after m3 for BBB, and m1 cannot overlap m3
// (they share BBB). Moving m2 instead costs 12 days or more.
func TestPlanByHand(t *testing.T) {
	p := pcHandProblem()
	sol, err := pcBrute{}.Solve(t.Context(), p)
	if err != nil {
		t.Fatal(err)
	}
	pl, err := NewPlan(p, sol)
	if err != nil {
		t.Fatal(err)
	}
	s := pl.Summary()
	if s.TripsDraft != 3 || s.TripsPlanned != 2 || s.TripsLowerBound != 2 || s.Meetings != 3 || s.Movable != 2 {
		t.Errorf("summary %+v", s)
	}
	r := pl.Rows[0]
	if r.ID != "m1" || r.PlannedStart != pcDay("2025-06-12") || r.PlannedEnd != pcDay("2025-06-18") || r.MovedDays != 10 ||
		!slices.Equal(r.MergedWith, []string{"m2", "m3"}) {
		t.Errorf("m1: %+v", r)
	}
	if want := "moved 10 days later so that delegations attend it with m2 in one trip to Geneva"; r.Reason != want {
		t.Errorf("reason %q, want %q", r.Reason, want)
	}
	if pl.Rows[1].Reason != "fixed: not moved" || pl.Rows[2].Reason != "not moved" {
		t.Errorf("reasons %q, %q", pl.Rows[1].Reason, pl.Rows[2].Reason)
	}
	want := []StateRow{{"AAA", 2, 2, 1, 1}, {"BBB", 2, 1, 1, 1}}
	if !slices.Equal(pl.States, want) {
		t.Errorf("states %+v, want %+v", pl.States, want)
	}
	if got := pl.SummaryLine(); !strings.Contains(got, "3 trips in the draft, 2 in the plan, lower bound 2; optimal") {
		t.Errorf("summary line %q", got)
	}
}

func TestNewPlanRefusesABadCalendar(t *testing.T) {
	p := pcHandProblem()
	start := map[string]civil.Day{"m1": pcDay("2025-06-09"), "m3": pcDay("2025-06-09"), "m2": pcDay("2025-06-23")}
	_, err := NewPlan(p, &Solution{Start: start, Trips: 2})
	if err == nil || !strings.Contains(err.Error(), "meetings m1 (2025-06-09 to 2025-06-13, Geneva) and m3") {
		t.Errorf("overlap: %v", err)
	}
	start["m1"] = pcDay("2025-06-02")
	if _, err := NewPlan(p, &Solution{Start: start, Trips: 1}); err == nil || !strings.Contains(err.Error(), "reports 1 trips, its calendar has 3") {
		t.Errorf("wrong trips: %v", err)
	}
	start["m1"] = pcDay("2025-07-02")
	if _, err := NewPlan(p, &Solution{Start: start, Trips: 3}); err == nil || !strings.Contains(err.Error(), "outside its window") {
		t.Errorf("window: %v", err)
	}
}

func TestCheckConflictsNamesTheFixedMeetings(t *testing.T) {
	p := pcHandProblem()
	p.Meetings[0].Fixed = true
	p.Meetings[0].DraftStart, p.Meetings[0].DraftEnd = pcDay("2025-06-10"), pcDay("2025-06-10")
	err := CheckConflicts(p)
	if err == nil || !strings.Contains(err.Error(), "m1 (2025-06-10 to 2025-06-10, Geneva) and m3 (2025-06-09 to 2025-06-10, Geneva) overlap") {
		t.Fatalf("CheckConflicts: %v", err)
	}
	p.Parallel = [][2]string{{"m3", "m1"}}
	if err := CheckConflicts(p); err != nil {
		t.Errorf("allowed in parallel: %v", err)
	}
}

// pcGenProblem is a random small problem: four meetings in June 2025 in two
// cities, three states, windows of a week either side.
func pcGenProblem(r *rand.Rand) *Problem {
	p := &Problem{Year: 2025, MaxGap: 2}
	states := []string{"AAA", "BBB", "CCC"}
	cities := []string{"Geneva", "Vienna"}
	for i := range 4 {
		s := pcDay("2025-06-02").AddDays(r.IntN(25))
		for !isWorkingDay(s) {
			s++
		}
		length := 1 + r.IntN(4)
		var parties []string
		for _, st := range states {
			if r.IntN(3) > 0 {
				parties = append(parties, st)
			}
		}
		m := Meeting{ID: fmt.Sprintf("g%d", i), Instrument: "CCW", Cities: []string{cities[r.IntN(2)]}, Length: length,
			DraftStart: s, DraftEnd: endAfter(s, length), Earliest: s.AddDays(-7), Latest: s.AddDays(7), Mode: "in_person",
			Parties: parties, Rec8: r.IntN(5) > 0, Fixed: r.IntN(6) == 0}
		if r.IntN(8) == 0 {
			m.Mode = "online"
		}
		if m.Fixed {
			m.Earliest, m.Latest = s, s
		}
		p.Meetings = append(p.Meetings, m)
	}
	return p
}

// TestPlanFilesAgreeWithAnIndependentRecount solves random small problems and
// recomputes, from plan.csv alone and each meeting's parties, every window,
// length and overlap, and each state's trips, and checks plan_states.csv and
// plan.json against them.
func TestPlanFilesAgreeWithAnIndependentRecount(t *testing.T) {
	r := rand.New(rand.NewPCG(13, 1))
	solved := 0
	for n := range 40 {
		p := pcGenProblem(r)
		if CheckConflicts(p) != nil {
			continue
		}
		sol, err := pcBrute{}.Solve(t.Context(), p)
		if err != nil {
			continue
		}
		solved++
		pl, err := NewPlan(p, sol)
		if err != nil {
			t.Fatalf("instance %d: %v", n, err)
		}
		pl.Stamp = time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
		files, err := pl.Files()
		if err != nil {
			t.Fatal(err)
		}
		pcRecount(t, p, files)
	}
	if solved < 20 {
		t.Fatalf("only %d instances solved", solved)
	}
}

// recount is the independent check: it reads the written files and recounts.
func pcRecount(t *testing.T, p *Problem, files map[string][]byte) {
	t.Helper()
	rows, err := csv.NewReader(bytes.NewReader(files["plan.csv"])).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	type placed struct {
		id, city   string
		start, end time.Time
	}
	byID := make(map[string]placed)
	for _, row := range rows[1:] {
		s, _ := time.Parse(time.DateOnly, row[6])
		e, _ := time.Parse(time.DateOnly, row[7])
		byID[row[0]] = placed{row[0], row[3], s, e}
	}
	weekday := func(d time.Time) bool { return d.Weekday() != time.Saturday && d.Weekday() != time.Sunday }
	between := func(a, b time.Time) int { // working days strictly between
		n := 0
		for d := a.AddDate(0, 0, 1); d.Before(b); d = d.AddDate(0, 0, 1) {
			if weekday(d) {
				n++
			}
		}
		return n
	}
	trips := make(map[string]int)
	for _, m := range p.Meetings {
		pm := byID[m.ID]
		if pm.start.Before(m.Earliest.Time()) || pm.start.After(m.Latest.Time()) || m.Fixed && !pm.start.Equal(m.DraftStart.Time()) {
			t.Errorf("%s starts %v outside its window", m.ID, pm.start)
		}
		n := 0
		for d := pm.start; !d.After(pm.end); d = d.AddDate(0, 0, 1) {
			if weekday(d) {
				n++
			}
		}
		if n != m.Length || !weekday(pm.start) || !weekday(pm.end) {
			t.Errorf("%s: %d working days, want %d", m.ID, n, m.Length)
		}
		for _, o := range p.Meetings {
			po := byID[o.ID]
			if o.ID < m.ID && !pm.start.After(po.end) && !po.start.After(pm.end) && pcShare(m.Parties, o.Parties) {
				t.Errorf("%s and %s overlap and share parties", m.ID, o.ID)
			}
		}
	}
	states := make(map[string]int)
	for _, st := range []string{"AAA", "BBB", "CCC"} {
		var ms []placed
		attends := 0
		for _, m := range p.Meetings {
			if m.Rec8 && slices.Contains(m.Parties, st) {
				attends++
				if !m.Remote() {
					ms = append(ms, byID[m.ID])
				}
			}
		}
		if attends > 0 {
			states[st] = attends
		}
		slices.SortFunc(ms, func(a, b placed) int {
			return a.start.Compare(b.start)*4 + a.end.Compare(b.end)*2 + strings.Compare(a.id, b.id)
		})
		for i, m := range ms {
			joined := false
			for _, prev := range ms[:i] { // same city, the latest end of the run so far
				if prev.city == m.city && m.city != "" && between(prev.end, m.start) <= 2 {
					joined = true
				}
			}
			if !joined {
				trips[st]++
			}
		}
	}
	srows, err := csv.NewReader(bytes.NewReader(files["plan_states.csv"])).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	total := 0
	for _, row := range srows[1:] {
		meetings, _ := strconv.Atoi(row[1])
		planned, _ := strconv.Atoi(row[3])
		if planned != trips[row[0]] || meetings != states[row[0]] {
			t.Errorf("%s: plan_states says %d meetings, %d trips; recounted %d, %d", row[0], meetings, planned, states[row[0]], trips[row[0]])
		}
		total += planned
		delete(states, row[0])
	}
	if len(states) > 0 {
		t.Errorf("states missing from plan_states.csv: %v", states)
	}
	var js Summary
	if err := json.Unmarshal(files["plan.json"], &js); err != nil {
		t.Fatal(err)
	}
	draft := make(map[string]civil.Day)
	for _, m := range p.Meetings {
		draft[m.ID] = m.DraftStart
	}
	_, draftErr := Verify(p, draft, nil) // the draft itself may break the constraints
	if js.TripsPlanned != total || draftErr == nil && js.TripsPlanned > js.TripsDraft || js.Meetings != len(p.Meetings) {
		t.Errorf("plan.json %+v, recounted %d trips", js, total)
	}
	events, err := ics.NewDecoder(bytes.NewReader(files["plan.ics"]), "plan.ics").Decode()
	if err != nil || len(events) != len(p.Meetings) {
		t.Fatalf("plan.ics: %d events, %v", len(events), err)
	}
	for _, ev := range events {
		id := strings.TrimSuffix(ev.UID, "@synergy-plan")
		if pm := byID[id]; civil.DayOf(ev.Start) != civil.DayOf(pm.start) || ev.LastDay != civil.DayOf(pm.end) {
			t.Errorf("plan.ics %s: %v to %v, plan.csv %v to %v", id, ev.FirstDay, ev.LastDay, pm.start, pm.end)
		}
	}
}

func TestWriteDirWritesEveryFile(t *testing.T) {
	p := pcHandProblem()
	sol, err := pcBrute{}.Solve(t.Context(), p)
	if err != nil {
		t.Fatal(err)
	}
	pl, err := NewPlan(p, sol)
	if err != nil {
		t.Fatal(err)
	}
	pl.Stamp, pl.Lang = time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC), "fr"
	dir := filepath.Join(t.TempDir(), "plan-2025")
	paths, err := pl.WriteDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	if len(paths) != 6 {
		t.Errorf("wrote %q", paths)
	}
	md, err := os.ReadFile(filepath.Join(dir, "plan.md"))
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"# Calendrier proposé 2025", "| AAA | 2 | 2 | 1 | 1 | 1 |",
		"- **m1 title** (m1): déplacée de 10 jours plus tard pour que les délégations y assistent avec m2 en un seul déplacement à Geneva."} {
		if !strings.Contains(string(md), want) {
			t.Errorf("plan.md lacks %q:\n%s", want, md)
		}
	}
	page, err := os.ReadFile(filepath.Join(dir, "plan.html"))
	if err != nil {
		t.Fatal(err)
	}
	// m1 moves from 2-6 June (day 152 of 365) to 12-18 June (day 162)
	for _, want := range []string{`<html lang="fr">`, "<h1>Calendrier proposé 2025</h1>",
		`<div class="tl-bar tl-draft" style="left: 41.64%; width: 1.37%"></div><div class="tl-bar tl-plan" style="left: 44.38%; width: 1.92%">`,
		"<td>AAA</td><td class=\"n\">2</td><td class=\"n\">2</td><td class=\"n\">1</td><td class=\"n\">1</td><td class=\"n\">1</td>",
		"<li><strong>m1 title</strong> (m1): déplacée de 10 jours plus tard"} {
		if !strings.Contains(string(page), want) {
			t.Errorf("plan.html lacks %s", want)
		}
	}
	if strings.Contains(string(page), "http") || strings.Contains(string(page), "<script") {
		t.Error("plan.html refers outside itself or runs a script")
	}
	ents, _ := os.ReadDir(dir)
	if len(ents) != 6 {
		t.Errorf("%d entries in %s (temporary files left?)", len(ents), dir)
	}
}

func TestCheckConflictsNamesABoxedInMeeting(t *testing.T) {
	p := pcHandProblem()
	// m2 (AAA) may only start 23-25 June; a fixed AAA meeting fills 23-27 June
	p.Meetings[2].Earliest, p.Meetings[2].Latest = pcDay("2025-06-23"), pcDay("2025-06-25")
	p.Meetings = append(p.Meetings, Meeting{ID: "f", Instrument: "APMBC", Cities: []string{"Geneva"}, Length: 5,
		DraftStart: pcDay("2025-06-23"), DraftEnd: pcDay("2025-06-27"), Earliest: pcDay("2025-06-23"), Latest: pcDay("2025-06-23"),
		Fixed: true, Parties: []string{"AAA"}})
	err := CheckConflicts(p)
	want := "infeasible: meeting m2: no start in its window 2025-06-23 to 2025-06-25: every start overlaps fixed meetings that share parties with it: f"
	if err == nil || err.Error() != want {
		t.Errorf("CheckConflicts: %v\nwant %s", err, want)
	}
	p.Meetings[2].Latest = pcDay("2025-06-30")
	if err := CheckConflicts(p); err != nil {
		t.Errorf("with room on 30 June: %v", err)
	}
}
