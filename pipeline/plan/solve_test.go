package plan

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"math/rand/v2"
	"os/exec"
	"slices"
	"strings"
	"testing"
	"time"

	"synergy/pipeline/civil"
)

func needCBC(t *testing.T) {
	t.Helper()
	if _, err := exec.LookPath("cbc"); err != nil {
		t.Skip("cbc not installed (apt-get install coinor-cbc)")
	}
}

func solve(t *testing.T, p *Problem) (*Solution, error) {
	t.Helper()
	return CBC{Options: Options{TimeLimit: 30 * time.Second}}.Solve(context.Background(), p)
}

// place is one way the test itself holds a meeting.
type place struct {
	start, end civil.Day
	city       string
}

// places lists, from the rules, where and when a meeting may be held.
func places(p *Problem, m Meeting) []place {
	var starts []civil.Day
	if m.Fixed {
		starts = []civil.Day{m.DraftStart}
	} else {
		for d := m.Earliest; d <= m.Latest; d++ {
			wd := d.Weekday()
			if d != m.DraftStart && (wd == time.Saturday || wd == time.Sunday) {
				continue
			}
			starts = append(starts, d)
		}
	}
	var out []place
	for _, s := range starts {
		e := m.EndFor(s)
		free := true
		for d := s; d <= e; d++ {
			wd := d.Weekday()
			if p.Blocked[d] && (d == s || d == e || (wd != time.Saturday && wd != time.Sunday)) {
				free = false
			}
		}
		if !free {
			continue
		}
		for _, c := range m.Cities {
			out = append(out, place{s, e, c})
		}
	}
	return out
}

func parallelPair(p *Problem, a, b string) bool {
	for _, pr := range p.Parallel {
		if (pr[0] == a && pr[1] == b) || (pr[0] == b && pr[1] == a) {
			return true
		}
	}
	return false
}

// feasible checks a calendar against every constraint, pair by pair and day by day.
func feasible(p *Problem, at []place) error {
	for i := range at {
		for j := i + 1; j < len(at); j++ {
			a, b := p.Meetings[i], p.Meetings[j]
			if at[i].start <= at[j].end && at[j].start <= at[i].end && !parallelPair(p, a.ID, b.ID) {
				for _, s := range a.Parties {
					if slices.Contains(b.Parties, s) {
						return fmt.Errorf("%s and %s overlap and share %s", a.ID, b.ID, s)
					}
				}
			}
		}
	}
	if p.Capacity > 0 {
		for i := range at {
			d := at[i].start
			n := 0
			for j := range at {
				if at[j].city == at[i].city && at[j].start <= d && d <= at[j].end {
					n++
				}
			}
			if at[i].city != "" && n > p.Capacity {
				return fmt.Errorf("%d meetings in %s on %s", n, at[i].city, d)
			}
		}
	}
	return nil
}

// best enumerates every calendar and returns the fewest trips, then the least movement,
// then the fewest inversions of the draft order (ok false when no calendar is feasible).
func best(p *Problem) (trips, moved, inversions int, ok bool) {
	opts := make([][]place, len(p.Meetings))
	for i, m := range p.Meetings {
		opts[i] = places(p, m)
	}
	at := make([]place, len(p.Meetings))
	trips, moved = -1, -1
	var walk func(i int)
	walk = func(i int) {
		if i == len(at) {
			if feasible(p, at) != nil {
				return
			}
			start, city := map[string]civil.Day{}, map[string]string{}
			mv := 0
			for j, m := range p.Meetings {
				start[m.ID], city[m.ID] = at[j].start, at[j].city
				mv += abs(int(at[j].start - m.DraftStart))
			}
			_, tr := CountTrips(p, start, city)
			inv := Inversions(p, start)
			if trips < 0 || tr < trips || (tr == trips && (mv < moved || mv == moved && inv < inversions)) {
				trips, moved, inversions = tr, mv, inv
			}
			return
		}
		for _, o := range opts[i] {
			at[i] = o
			if feasible(p, at[:i+1]) == nil {
				walk(i + 1)
			}
		}
	}
	walk(0)
	return trips, moved, inversions, trips >= 0
}

func abs(n int) int {
	if n < 0 {
		return -n
	}
	return n
}

// generate makes a small random Problem: 2 to 8 movable meetings (and sometimes a
// fixed one) over four weeks, windows of a few days, 1 to 3 cities, 3 to 5 states.
func generate(rng *rand.Rand) *Problem {
	base := civil.Date(2019, 3, 4) // a Monday
	cities := []string{"Geneva", "Oslo", "Vienna"}[:1+rng.IntN(3)]
	states := []string{"AAA", "BBB", "CCC", "DDD", "EEE"}[:3+rng.IntN(3)]
	p := &Problem{Year: 2019, MaxGap: []int{2, 2, 1, 0}[rng.IntN(4)]}
	n := 2 + rng.IntN(7)
	fixed := rng.IntN(3) == 0
	for i := range n + btoi(fixed) {
		m := Meeting{ID: fmt.Sprintf("M%d", i), Length: 1 + rng.IntN(3), Mode: "in_person", Rec8: rng.IntN(6) > 0}
		s := base.AddDays(rng.IntN(28))
		for !isWorkingDay(s) {
			s++
		}
		m.DraftStart, m.DraftEnd = s, Meeting{Length: m.Length}.EndFor(s)
		m.Earliest, m.Latest = s.AddDays(-rng.IntN(5)), s.AddDays(rng.IntN(7))
		m.Fixed = fixed && i == n
		m.Cities = []string{cities[rng.IntN(len(cities))]}
		switch r := rng.IntN(12); {
		case r == 0:
			m.Cities = []string{""}
		case r == 1:
			m.Mode = "online"
		case r <= 3 && len(cities) > 1:
			m.Cities = []string{cities[0], cities[1]}
		}
		for _, st := range states {
			if rng.IntN(2) == 0 {
				m.Parties = append(m.Parties, st)
			}
		}
		if len(m.Parties) == 0 {
			m.Parties = []string{states[rng.IntN(len(states))]}
		}
		p.Meetings = append(p.Meetings, m)
	}
	if rng.IntN(4) == 0 {
		p.Parallel = [][2]string{{"M0", "M1"}}
	}
	if rng.IntN(4) == 0 {
		p.Capacity = 1
	}
	if rng.IntN(4) == 0 {
		p.Blocked = map[civil.Day]bool{base.AddDays(rng.IntN(21)): true}
	}
	return p
}

func btoi(b bool) int {
	if b {
		return 1
	}
	return 0
}

// TestSolverMatchesExhaustiveSearch compares, on generated instances, the solver's
// optimum (fewest trips, then least movement) with every calendar enumerated and
// counted by CountTrips, and checks the solver's calendar against every constraint.
func TestSolverMatchesExhaustiveSearch(t *testing.T) {
	needCBC(t)
	rng := rand.New(rand.NewPCG(13, 2019))
	instances := 300
	if testing.Short() {
		instances = 30
	}
	infeasible, merged, reordered := 0, 0, 0
	for n := range instances {
		p := generate(rng)
		wantTrips, wantMoved, wantInversions, ok := best(p)
		sol, err := solve(t, p)
		if !ok {
			var ie *InfeasibleError
			if !errors.As(err, &ie) {
				t.Fatalf("instance %d: no feasible calendar, but the solver says %v, %v", n, sol, err)
			}
			infeasible++
			continue
		}
		if err != nil {
			t.Fatalf("instance %d: %v", n, err)
		}
		if !sol.Optimal {
			t.Fatalf("instance %d: not proven optimal", n)
		}
		at := make([]place, len(p.Meetings))
		moved := 0
		for i, m := range p.Meetings {
			at[i] = place{sol.Start[m.ID], m.EndFor(sol.Start[m.ID]), sol.City[m.ID]}
			if !slices.Contains(places(p, m), at[i]) {
				t.Fatalf("instance %d: %s held at %v, not one of its places", n, m.ID, at[i])
			}
			moved += abs(int(at[i].start - m.DraftStart))
		}
		if err := feasible(p, at); err != nil {
			t.Fatalf("instance %d: the solver's calendar is infeasible: %v", n, err)
		}
		_, trips := CountTrips(p, sol.Start, sol.City)
		if trips != wantTrips || moved != wantMoved || sol.Trips != trips {
			t.Fatalf("instance %d: solver %d trips (reported %d), %d days moved; exhaustive search %d trips, %d days\n%+v",
				n, trips, sol.Trips, moved, wantTrips, wantMoved, p)
		}
		if !sol.OrderOptimal || sol.Inversions != wantInversions || Inversions(p, sol.Start) != sol.Inversions {
			t.Fatalf("instance %d: solver %d inversions of the draft order (reported %d, proven %v); exhaustive search %d\n%+v",
				n, Inversions(p, sol.Start), sol.Inversions, sol.OrderOptimal, wantInversions, p)
		}
		if wantInversions > 0 {
			reordered++
		}
		if _, draft := CountTrips(p, nil, nil); trips < draft {
			merged++
		}
	}
	t.Logf("%d instances: %d infeasible, %d where planning saved trips, %d where the best calendars must reorder the draft", instances, infeasible, merged, reordered)
	if infeasible == instances || merged == 0 || reordered == 0 {
		t.Errorf("the generator makes no interesting instance (%d infeasible, %d saving, %d reordering)", infeasible, merged, reordered)
	}
}

func TestWriteLPIsDeterministic(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	for range 20 {
		p := generate(rng)
		var a, b bytes.Buffer
		errA, errB := WriteLP(&a, p), WriteLP(&b, p)
		if (errA == nil) != (errB == nil) || !bytes.Equal(a.Bytes(), b.Bytes()) {
			t.Fatalf("two writes of one Problem differ")
		}
		if errA == nil && (!strings.HasPrefix(a.String(), "\\ synergy plan 2019") || !strings.HasSuffix(a.String(), "End\n")) {
			t.Fatalf("unexpected model:\n%s", a.String())
		}
	}
}

func TestSolveMergesTwoMeetings(t *testing.T) {
	needCBC(t)
	// A (S1, S2) in Geneva Monday to Wednesday 4–6 March, B (S1) Monday to Wednesday
	// 18–20 March, windows ±10 days: 3 trips. B on Monday 11 (Thursday and Friday
	// between) moves 7 days, as do A on Friday 8 (to Tuesday 12) and B on Friday 15;
	// A on Wednesday 13, back to back with B, would move 9; A any later would overlap
	// B. So 2 trips (S1 one, S2 one), 7 days moved.
	a := mt(t, "A", "Geneva", "2019-03-04", "2019-03-06", "S1", "S2")
	b := mt(t, "B", "Geneva", "2019-03-18", "2019-03-20", "S1")
	for _, m := range []*Meeting{&a, &b} {
		m.Earliest, m.Latest = m.DraftStart.AddDays(-10), m.DraftStart.AddDays(10)
	}
	p := &Problem{Year: 2019, MaxGap: 2, Meetings: []Meeting{a, b}}
	sol, err := solve(t, p)
	if err != nil {
		t.Fatal(err)
	}
	moved := abs(int(sol.Start["A"]-a.DraftStart)) + abs(int(sol.Start["B"]-b.DraftStart))
	if sol.Trips != 2 || moved != 7 || !sol.Optimal || sol.LowerBound != 2 || sol.Solver != SolverName {
		t.Errorf("got %d trips, %d days moved, optimal %v, lower bound %d (%+v)", sol.Trips, moved, sol.Optimal, sol.LowerBound, sol)
	}
}

func TestInfeasibleProblemsNameTheConflict(t *testing.T) {
	a := mt(t, "A", "Geneva", "2019-03-04", "2019-03-06", "S1", "S2")
	b := mt(t, "B", "Oslo", "2019-03-05", "2019-03-05", "S2")
	a.Fixed, b.Fixed = true, true
	c := mt(t, "C", "Geneva", "2019-03-08", "2019-03-08", "S1")
	c.Earliest, c.Latest = day(t, "2019-03-09"), day(t, "2019-03-10") // a weekend window
	d := mt(t, "D", "Geneva", "2019-03-04", "2019-03-04", "S1")       // window inside A
	d.Latest = d.DraftStart.AddDays(2)
	for _, tc := range []struct {
		name     string
		p        Problem
		want     []string
		meetings []string
	}{
		{"two fixed meetings that clash", Problem{Meetings: []Meeting{a, b}},
			[]string{"meeting B", "A (fixed, 2019-03-04 to 2019-03-06; 1 shared parties, e.g. S2)"}, []string{"B", "A"}},
		{"a window without a working day", Problem{Meetings: []Meeting{c}},
			[]string{"meeting C: its window 2019-03-09 to 2019-03-10 cannot hold it"}, []string{"C"}},
		{"a window inside a fixed meeting", Problem{Meetings: []Meeting{a, d}},
			[]string{"meeting D (window 2019-03-04 to 2019-03-06)", "A (fixed"}, []string{"D", "A"}},
		{"a fixed meeting on a blocked day", Problem{Meetings: []Meeting{a}, Blocked: map[civil.Day]bool{day(t, "2019-03-05"): true}},
			[]string{"meeting A is fixed on 2019-03-04 to 2019-03-06, which holds the blocked day 2019-03-05"}, []string{"A"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			err := WriteLP(&bytes.Buffer{}, &tc.p)
			if err == nil {
				t.Fatal("no error")
			}
			for _, w := range tc.want {
				if !strings.Contains(err.Error(), w) {
					t.Errorf("error %q does not say %q", err, w)
				}
			}
			var ie *InfeasibleError
			if tc.meetings != nil && (!errors.As(err, &ie) || !slices.Equal(ie.Meetings, tc.meetings)) {
				t.Errorf("error %v names meetings %v, want %v", err, ie, tc.meetings)
			}
		})
	}
	t.Run("parallel pair allowed", func(t *testing.T) {
		if err := WriteLP(&bytes.Buffer{}, &Problem{Meetings: []Meeting{a, b}, Parallel: [][2]string{{"B", "A"}}}); err != nil {
			t.Errorf("allowed parallel pair: %v", err)
		}
	})
	t.Run("cbc proves what the checks cannot see", func(t *testing.T) {
		needCBC(t)
		// E, F, G pairwise share a party, each can only be held on 4 or 5 March.
		var ms []Meeting
		for _, id := range []string{"E", "F", "G"} {
			m := mt(t, id, "Geneva", "2019-03-04", "2019-03-04", "S1")
			m.Latest = m.DraftStart.AddDays(1)
			ms = append(ms, m)
		}
		// H shares S1 too but can move out of their way; I shares nothing.
		h := mt(t, "H", "Geneva", "2019-03-05", "2019-03-05", "S1")
		h.Latest = h.DraftStart.AddDays(2)
		i := mt(t, "I", "Geneva", "2019-03-04", "2019-03-04", "S2")
		ms = append([]Meeting{h}, append(ms, i)...)
		_, err := solve(t, &Problem{Meetings: ms, MaxGap: 2})
		var ie *InfeasibleError
		if !errors.As(err, &ie) || !slices.Equal(ie.Meetings, []string{"E", "F", "G"}) ||
			!strings.Contains(err.Error(), "E (window 2019-03-04 to 2019-03-05, 1 working days), F (") {
			t.Errorf("got %v, want E, F and G named", err)
		}
	})
}

func TestMissingCBCSaysHowToInstall(t *testing.T) {
	p := &Problem{MaxGap: 2, Meetings: []Meeting{mt(t, "A", "Geneva", "2019-03-04", "2019-03-04", "S1")}}
	_, err := CBC{Options: Options{Command: "cbc-not-installed-here"}}.Solve(context.Background(), p)
	if !errors.Is(err, ErrNoCBC) || !strings.Contains(err.Error(), "apt-get install coinor-cbc") {
		t.Errorf("got %v", err)
	}
}
