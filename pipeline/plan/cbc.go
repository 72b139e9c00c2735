package plan

import (
	"bufio"
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"math"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"sort"
	"strconv"
	"strings"
	"time"

	"synergy/pipeline/civil"
	"synergy/pipeline/lock"
)

// Options tune the CBC solver.
type Options struct {
	// TimeLimit stops the search after this much wall-clock time (0: 60 s); the best
	// calendar found is then returned with its gap.
	TimeLimit time.Duration
	// Command is the cbc executable ("" looks up cbc on PATH).
	Command string
	// Dir, when set, keeps model.lp, the solution and cbc's log there (else a
	// temporary directory is removed).
	Dir string
	// CPUTime counts TimeLimit in the solver's CPU seconds instead of wall-clock
	// seconds, so that a busy machine does not stop the search earlier: with one
	// thread, the same problem then gives the same calendar however loaded the
	// machine is (the nightly backtest uses it).
	CPUTime bool
}

// TempPrefix begins the name of the temporary folders the solver works in. Each
// is locked by its process (lock.TempDir), so that a later run can remove those a
// killed process left (lock.RemoveAbandoned).
const TempPrefix = "synergy-plan-"

// CBC solves a Problem with COIN-OR CBC run as a subprocess on the model written by
// [WriteLP], one thread (reproducible).
type CBC struct{ Options Options }

// SolverName is the solver CBC reports in Solution.Solver.
const SolverName = "cbc 2.10.8"

// ErrNoCBC is returned when the cbc executable cannot be found.
var ErrNoCBC = errors.New("plan: the cbc solver is not installed (Debian: apt-get install coinor-cbc)")

func (s CBC) limit() time.Duration {
	if s.Options.TimeLimit <= 0 {
		return 60 * time.Second
	}
	return s.Options.TimeLimit
}

// run writes a model with write into name.lp and runs cbc on it; keep says to keep
// the model, solution and log in Options.Dir when that is set. start, when not
// nil, is a known solution (variable → value) cbc begins from (its mipstart).
func (s CBC) run(ctx context.Context, name string, write func(io.Writer) error, keep bool, start map[string]float64) (res *cbcResult, out []byte, secs float64, err error) {
	cmd := s.Options.Command
	if cmd == "" {
		cmd = "cbc"
	}
	path, err := exec.LookPath(cmd)
	if err != nil {
		return nil, nil, 0, ErrNoCBC
	}
	dir := s.Options.Dir
	if dir == "" || !keep {
		var lk *lock.Lock
		if dir, lk, err = lock.TempDir(TempPrefix); err != nil {
			return nil, nil, 0, err
		}
		defer func(dir string) { os.RemoveAll(dir); lk.Release() }(dir)
	}
	var lp bytes.Buffer
	if err := write(&lp); err != nil {
		return nil, nil, 0, err
	}
	model, sol := filepath.Join(dir, name+".lp"), filepath.Join(dir, name+".sol")
	if err := os.WriteFile(model, lp.Bytes(), 0o644); err != nil {
		return nil, nil, 0, err
	}
	os.Remove(sol)
	// Every objective value of a calendar is an integer, so a gap below 0.5 proves
	// optimality; allowableGap 0.5 lets cbc stop there instead of closing it to 0.
	timeMode := "elapsed"
	if s.Options.CPUTime {
		timeMode = "cpu"
	}
	args := []string{model}
	if start != nil {
		startPath := filepath.Join(dir, name+".start")
		if err := os.WriteFile(startPath, mipStart(start), 0o644); err != nil {
			return nil, nil, 0, err
		}
		args = append(args, "mipstart", startPath)
	}
	args = append(args, "ratioGap", "0", "allowableGap", "0.5", "timeMode", timeMode,
		"sec", strconv.FormatFloat(s.limit().Seconds(), 'f', 3, 64), "threads", "1", "solve", "solu", sol)
	began := time.Now()
	out, err = exec.CommandContext(ctx, path, args...).CombinedOutput()
	secs = time.Since(began).Seconds()
	if keep && s.Options.Dir != "" {
		os.WriteFile(filepath.Join(dir, name+".log"), out, 0o644)
	}
	if err != nil {
		if ctx.Err() != nil {
			return nil, nil, 0, ctx.Err()
		}
		return nil, nil, 0, fmt.Errorf("plan: cbc: %v\n%s", err, tail(out))
	}
	res, err = readSolution(sol)
	if err != nil {
		return nil, nil, 0, fmt.Errorf("%w\n%s", err, tail(out))
	}
	return res, out, secs, nil
}

// explain finds, when cbc proves p infeasible, a smallest set of meetings that cannot
// all be held (a deletion filter: drop each meeting in turn and keep it dropped while
// the rest stays infeasible, solving for feasibility only), and names it.
func (s CBC) explain(ctx context.Context, p *Problem) error {
	keep := slices.Clone(p.Meetings)
	for i := 0; i < len(keep); {
		q := *p
		q.Meetings = slices.Delete(slices.Clone(keep), i, i+1)
		q.Parallel = nil
		for _, pr := range p.Parallel {
			if slices.ContainsFunc(q.Meetings, func(m Meeting) bool { return m.ID == pr[0] }) &&
				slices.ContainsFunc(q.Meetings, func(m Meeting) bool { return m.ID == pr[1] }) {
				q.Parallel = append(q.Parallel, pr)
			}
		}
		infeasible := false
		if md, err := newModel(&q); err != nil {
			var ie *InfeasibleError
			infeasible = errors.As(err, &ie)
		} else if len(q.Meetings) > 0 {
			res, _, _, err := s.run(ctx, "feasible", func(w io.Writer) error { return md.write(w, false) }, false, nil)
			if err != nil {
				return err
			}
			infeasible = res.status == "infeasible"
		}
		if infeasible {
			keep = q.Meetings
		} else {
			i++
		}
	}
	var ids, parts []string
	for _, m := range keep {
		ids = append(ids, m.ID)
		when := fmt.Sprintf("window %s to %s", m.Earliest, m.Latest)
		if m.Fixed {
			when = fmt.Sprintf("fixed %s to %s", m.DraftStart, m.DraftEnd)
		}
		parts = append(parts, fmt.Sprintf("%s (%s, %d working days)", m.ID, when, m.Length))
	}
	return &InfeasibleError{Meetings: ids, Reason: "the meetings " + strings.Join(parts, ", ") +
		" cannot all be held: within their windows they cannot avoid overlapping meetings they share parties with (outside the allowed parallel pairs)" +
		capacityWords(p)}
}

// Solve chooses the calendar of p with the fewest trips, then the least movement,
// then the fewest inversions of the draft order (a second solve among the optima of
// the first, when the first is proven optimal).
func (s CBC) Solve(ctx context.Context, p *Problem) (*Solution, error) {
	md, err := newModel(p)
	if err != nil {
		return nil, err
	}
	res, out, secs, err := s.run(ctx, "model", func(w io.Writer) error { return md.write(w, true) }, true, nil)
	if err != nil {
		return nil, err
	}
	switch res.status {
	case "infeasible":
		return nil, s.explain(ctx, p)
	case "nosolution":
		return nil, fmt.Errorf("plan: cbc found no calendar within the time limit of %s", s.limit())
	}
	sl := &Solution{Solver: SolverName, Seconds: secs, Optimal: res.status == "optimal"}
	moved, err := sl.take(p, md, res)
	if err != nil {
		return nil, err
	}
	if want := int64(sl.Trips)*int64(md.big) + int64(moved); math.Abs(res.objective-float64(want)) > 0.5 {
		return nil, fmt.Errorf("plan: cbc's objective %.1f is not %d trips × %d + %d days moved: the model does not count trips as CountTrips does", res.objective, sl.Trips, md.big, moved)
	}
	_, sl.LowerBound = LowerBound(p, nil, nil)
	if !sl.Optimal {
		sl.Gap = parseGap(out)
		return sl, nil
	}
	return sl, s.keepDraftOrder(ctx, p, sl, int64(math.Round(res.objective)), res.values)
}

// keepDraftOrder re-solves among the calendars as good as sl (best: big × trips +
// days moved) for the fewest inversions of the draft order, and takes the result
// into sl; when nothing can invert, sl is already that calendar. When cbc stops
// on its time limit without a calendar as good as the optimum, the re-solve runs
// once more starting from sl's own values (found, and the inversions they make);
// should that too find none, sl stays the first optimum, with OrderOptimal false.
func (s CBC) keepDraftOrder(ctx context.Context, p *Problem, sl *Solution, best int64, found map[string]float64) error {
	sl.Inversions = Inversions(p, sl.Start)
	sl.OrderOptimal = true
	if sl.Inversions == 0 {
		return nil
	}
	md, err := newModel(p)
	if err != nil {
		return err
	}
	write := func(w io.Writer) error { return md.writeOrder(w, best) }
	res, _, secs, err := s.run(ctx, "order", write, true, nil)
	if err != nil {
		return err
	}
	sl.Seconds += secs
	if res.status == "nosolution" {
		// Again from sl's calendar: a search of its own can spend the whole time
		// limit without reaching a calendar as good as the optimum.
		start := md.orderStart(sl.Start)
		for name, v := range found {
			start[name] = v
		}
		if res, _, secs, err = s.run(ctx, "order", write, true, start); err != nil {
			return err
		}
		sl.Seconds += secs
	}
	if res.status == "nosolution" {
		sl.OrderOptimal = false
		return nil
	}
	if res.status != "optimal" && res.status != "stopped" {
		return fmt.Errorf("plan: cbc found no calendar as good as its own optimum when keeping the draft order (%s)", res.status)
	}
	order := &Solution{}
	moved, err := order.take(p, md, res)
	if err != nil {
		return err
	}
	if got := int64(order.Trips)*int64(md.big) + int64(moved); got != best {
		return fmt.Errorf("plan: keeping the draft order gave %d trips × %d + %d days moved = %d, not the optimum %d", order.Trips, md.big, moved, got, best)
	}
	sl.Start, sl.City, sl.Trips = order.Start, order.City, order.Trips
	sl.Inversions = Inversions(p, sl.Start)
	sl.OrderOptimal = res.status == "optimal"
	return nil
}

// take reads the calendar of res into sl (Start, City, Trips) and returns its days
// moved.
func (sl *Solution) take(p *Problem, md *model, res *cbcResult) (moved int, err error) {
	sl.Start, sl.City = map[string]civil.Day{}, map[string]string{}
	for i, cs := range md.cands {
		chosen := -1
		for k := range cs {
			if res.values[xname(i, k)] > 0.5 {
				if chosen >= 0 {
					return 0, fmt.Errorf("plan: cbc held meeting %s twice", p.Meetings[i].ID)
				}
				chosen = k
			}
		}
		if chosen < 0 {
			return 0, fmt.Errorf("plan: cbc left meeting %s out", p.Meetings[i].ID)
		}
		c := cs[chosen]
		sl.Start[p.Meetings[i].ID] = c.start
		sl.City[p.Meetings[i].ID] = c.city
		moved += c.moved
	}
	_, sl.Trips = CountTrips(p, sl.Start, sl.City)
	return moved, nil
}

// mipStart writes values as cbc reads a starting solution: one line per
// variable, "index name value", in name order.
func mipStart(values map[string]float64) []byte {
	names := make([]string, 0, len(values))
	for name := range values {
		names = append(names, name)
	}
	sort.Strings(names)
	var b bytes.Buffer
	for i, name := range names {
		fmt.Fprintf(&b, "%d %s %s\n", i, name, strconv.FormatFloat(values[name], 'g', -1, 64))
	}
	return b.Bytes()
}

func capacityWords(p *Problem) string {
	if p.Capacity > 0 {
		return fmt.Sprintf(" or exceeding the capacity of %d meetings at once per city", p.Capacity)
	}
	return ""
}

func tail(out []byte) string {
	lines := strings.Split(strings.TrimSpace(string(out)), "\n")
	if len(lines) > 15 {
		lines = lines[len(lines)-15:]
	}
	return strings.Join(lines, "\n")
}

type cbcResult struct {
	status    string // optimal, stopped, infeasible, nosolution
	objective float64
	values    map[string]float64
}

// readSolution parses the file cbc's "solu" command writes: a status line ("Optimal -
// objective value V", "Stopped on time - objective value V", "Stopped on time (no
// integer solution - continuous used) - …", "Infeasible - …"), then one line per
// nonzero variable: index, name, value, reduced cost (a leading ** marks an
// infeasibility).
func readSolution(path string) (*cbcResult, error) {
	b, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("plan: cbc wrote no solution: %v", err)
	}
	sc := bufio.NewScanner(bytes.NewReader(b))
	sc.Buffer(make([]byte, 1<<20), 1<<20)
	if !sc.Scan() {
		return nil, fmt.Errorf("plan: %s: empty cbc solution", path)
	}
	head := sc.Text()
	r := &cbcResult{values: map[string]float64{}}
	switch {
	case strings.Contains(head, "nfeasible"):
		r.status = "infeasible"
		return r, nil
	case strings.Contains(head, "no integer solution"):
		r.status = "nosolution"
		return r, nil
	case strings.HasPrefix(head, "Optimal"):
		r.status = "optimal"
	case strings.HasPrefix(head, "Stopped"):
		r.status = "stopped"
	default:
		return nil, fmt.Errorf("plan: %s:1: unknown cbc status %q", path, head)
	}
	i := strings.LastIndex(head, "objective value ")
	if i < 0 {
		return nil, fmt.Errorf("plan: %s:1: no objective value in %q", path, head)
	}
	if r.objective, err = strconv.ParseFloat(strings.TrimSpace(head[i+len("objective value "):]), 64); err != nil {
		return nil, fmt.Errorf("plan: %s:1: objective: %v", path, err)
	}
	line := 1
	for sc.Scan() {
		line++
		fs := strings.Fields(strings.TrimPrefix(strings.TrimSpace(sc.Text()), "**"))
		if len(fs) < 3 {
			continue
		}
		v, err := strconv.ParseFloat(fs[2], 64)
		if err != nil {
			return nil, fmt.Errorf("plan: %s:%d: value of %s: %v", path, line, fs[1], err)
		}
		r.values[fs[1]] = v
	}
	return r, sc.Err()
}

var gapRe = regexp.MustCompile(`(?m)^Gap:\s+(\S+)`)

// parseGap reads the relative gap from cbc's log ("Gap: 0.12"), 0 when absent.
func parseGap(out []byte) float64 {
	m := gapRe.FindSubmatch(out)
	if m == nil {
		return 0
	}
	g, _ := strconv.ParseFloat(string(m[1]), 64)
	return g
}
