package plan

import (
	"bytes"
	"encoding/csv"
	"fmt"
	"maps"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strconv"
	"sync"
	"testing"
)

var snapshot struct {
	once     sync.Once
	bin, out string
	dir      string // removed by TestMain
	err      error
}

// query runs SQL on a snapshot of the shipped data, built once per test binary by
// the synergy command (go build, then synergy run --as-of 2026-11-27), and returns
// the CSV rows without the header.
func query(t *testing.T, sql string) [][]string {
	t.Helper()
	if testing.Short() {
		t.Skip("builds and runs the pipeline on the shipped data")
	}
	snapshot.once.Do(func() {
		dir, err := os.MkdirTemp("", "synergy-plan-test-")
		snapshot.dir = dir
		if err != nil {
			snapshot.err = err
			return
		}
		root, _ := filepath.Abs("../..")
		snapshot.bin, snapshot.out = filepath.Join(dir, "synergy"), filepath.Join(dir, "out")
		for _, args := range [][]string{
			{"go", "build", "-o", snapshot.bin, "./cmd/synergy"},
			{snapshot.bin, "run", "--datasets", "datasets", "--out", snapshot.out, "--as-of", "2026-11-27"},
		} {
			cmd := exec.Command(args[0], args[1:]...)
			cmd.Dir = root
			if b, err := cmd.CombinedOutput(); err != nil {
				snapshot.err = &cmdError{args, err, b}
				return
			}
		}
	})
	if snapshot.err != nil {
		t.Fatal(snapshot.err)
	}
	var stdout, stderr bytes.Buffer
	cmd := exec.Command(snapshot.bin, "query", "--out", snapshot.out, "--format", "csv", sql)
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	if err := cmd.Run(); err != nil {
		t.Fatalf("synergy query: %v\n%s", err, stderr.String())
	}
	rows, err := csv.NewReader(&stdout).ReadAll()
	if err != nil || len(rows) == 0 {
		t.Fatalf("synergy query: %v (%d rows)", err, len(rows))
	}
	return rows[1:]
}

func atoi(t *testing.T, s string) int {
	t.Helper()
	n, err := strconv.Atoi(s)
	if err != nil {
		t.Fatal(err)
	}
	return n
}

// realProblems builds one Problem per year from the snapshot: the Rec 8 meetings of
// state_year_burden (meeting_ids) with their dates, city and mode from
// meetings_enriched, and as parties the states whose meeting_ids list them; each
// meeting movable within ±window days of its start.
func realProblems(t *testing.T, window int) map[int]*Problem {
	meetings := map[string]*Meeting{}
	for _, r := range query(t, `select meeting_id, instrument_id, body, start_date, end_date, coalesce(city, ''),
		mode, is_remote, length_working_days from meetings_enriched
		where meeting_id in (select unnest(meeting_ids) from state_year_burden) order by meeting_id`) {
		s, e := day(t, r[3]), day(t, r[4])
		m := &Meeting{ID: r[0], Instrument: r[1], Body: r[2], Cities: []string{r[5]}, Length: max(1, atoi(t, r[8])),
			DraftStart: s, DraftEnd: e, Earliest: s.AddDays(-window), Latest: s.AddDays(window), Mode: r[6], Rec8: true}
		if m.Remote() != (r[7] == "true") {
			t.Fatalf("meeting %s: mode %s but is_remote %s", m.ID, m.Mode, r[7])
		}
		meetings[m.ID] = m
	}
	problems := map[int]*Problem{}
	for _, r := range query(t, `select year, state_id, unnest(meeting_ids) from state_year_burden order by all`) {
		y := atoi(t, r[0])
		p, ok := problems[y]
		if !ok {
			p = &Problem{Year: y, MaxGap: 2}
			problems[y] = p
		}
		m := meetings[r[2]]
		if m == nil {
			t.Fatalf("state_year_burden lists meeting %s, not in meetings_enriched", r[2])
		}
		if !slices.ContainsFunc(p.Meetings, func(o Meeting) bool { return o.ID == m.ID }) {
			p.Meetings = append(p.Meetings, *m)
		}
		for i := range p.Meetings {
			if p.Meetings[i].ID == m.ID {
				p.Meetings[i].Parties = append(p.Meetings[i].Parties, r[1])
			}
		}
	}
	for _, p := range problems {
		slices.SortFunc(p.Meetings, func(a, b Meeting) int { return int(a.DraftStart - b.DraftStart) })
		for i := range p.Meetings {
			slices.Sort(p.Meetings[i].Parties)
		}
	}
	return problems
}

// TestCountTripsEqualsStateYearBurden recounts every state's trips and lower bound of
// every year of the shipped data from the meetings alone and compares them with the
// mart.
func TestCountTripsEqualsStateYearBurden(t *testing.T) {
	problems := realProblems(t, 28)
	type key struct {
		state string
		year  int
	}
	want, wantLB := map[key]int{}, map[key]int{}
	sums := map[int][2]int{}
	for _, r := range query(t, `select state_id, year, trips, trips_lower_bound from state_year_burden`) {
		k := key{r[0], atoi(t, r[1])}
		want[k], wantLB[k] = atoi(t, r[2]), atoi(t, r[3])
		s := sums[k.year]
		sums[k.year] = [2]int{s[0] + want[k], s[1] + wantLB[k]}
	}
	if len(problems) < 20 || sums[2019] != [2]int{480, 307} {
		t.Fatalf("%d years; 2019: %v trips and lower bound, want 480 and 307 (docs/metrics.md §5)", len(problems), sums[2019])
	}
	states := 0
	for y, p := range problems {
		per, total := CountTrips(p, nil, nil)
		lb, totalLB := LowerBound(p, nil, nil)
		if total != sums[y][0] || totalLB != sums[y][1] {
			t.Errorf("%d: CountTrips %d, LowerBound %d; state_year_burden %d and %d", y, total, totalLB, sums[y][0], sums[y][1])
		}
		for s, n := range per {
			if n != want[key{s, y}] || lb[s] != wantLB[key{s, y}] {
				t.Errorf("%s %d: %d trips, bound %d; state_year_burden %d and %d", s, y, n, lb[s], want[key{s, y}], wantLB[key{s, y}])
			}
			states++
		}
	}
	if states != len(want) {
		t.Errorf("%d state-years counted, state_year_burden has %d", states, len(want))
	}
}

type cmdError struct {
	args []string
	err  error
	out  []byte
}

func (e *cmdError) Error() string {
	return fmt.Sprintf("%v: %v\n%s", e.args, e.err, e.out)
}

func TestMain(m *testing.M) {
	code := m.Run()
	if snapshot.dir != "" {
		os.RemoveAll(snapshot.dir)
	}
	os.Exit(code)
}

// draftParallel allows in parallel the pairs of meetings that overlapped in the draft
// (the meetings as held), so that the draft itself is a feasible calendar.
func draftParallel(p *Problem) {
	for i, a := range p.Meetings {
		for _, b := range p.Meetings[i+1:] {
			if a.DraftStart <= b.DraftEnd && b.DraftStart <= a.DraftEnd {
				p.Parallel = append(p.Parallel, [2]string{a.ID, b.ID})
			}
		}
	}
}

// TestSolveRealYears plans every year of the shipped data, every meeting movable within
// 28 days of its start: the plan is proven optimal, feasible, and has no more trips
// than the meetings as held.
func TestSolveRealYears(t *testing.T) {
	needCBC(t)
	problems := realProblems(t, 28)
	years := slices.Sorted(maps.Keys(problems))
	for _, y := range years {
		p := problems[y]
		draftParallel(p)
		sol, err := solve(t, p)
		if err != nil {
			t.Fatalf("%d: %v", y, err)
		}
		_, draft := CountTrips(p, nil, nil)
		at := make([]place, len(p.Meetings))
		moved := 0
		for i, m := range p.Meetings {
			at[i] = place{sol.Start[m.ID], m.EndFor(sol.Start[m.ID]), sol.City[m.ID]}
			if !slices.Contains(places(p, m), at[i]) {
				t.Fatalf("%d: %s held at %v, not one of its places", y, m.ID, at[i])
			}
			moved += abs(int(at[i].start - m.DraftStart))
		}
		if err := feasible(p, at); err != nil {
			t.Errorf("%d: %v", y, err)
		}
		if !sol.Optimal || sol.Trips > draft {
			t.Errorf("%d: optimal %v, %d trips planned, %d as held", y, sol.Optimal, sol.Trips, draft)
		}
		t.Logf("%d: %d meetings, trips %d as held, %d planned, bound %d, %d days moved, %.2f s", y, len(p.Meetings), draft, sol.Trips, sol.LowerBound, moved, sol.Seconds)
	}
}
