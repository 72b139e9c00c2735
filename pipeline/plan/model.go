package plan

import (
	"bufio"
	"fmt"
	"io"
	"slices"
	"sort"
	"strconv"
	"strings"

	"synergy/pipeline/civil"
)

// candidate is one way to hold a meeting: a start, its end and a city.
type candidate struct {
	start, end civil.Day
	city       string
	moved      int // |start − draft start| in calendar days
}

// model is the integer program of one Problem (see WriteLP).
type model struct {
	p        *Problem
	cands    [][]candidate // per meeting, by start then city order
	profiles []profile
	big      int // weight of one trip: more than any total movement
	parallel map[[2]int]bool
	rows     []row
	// trip variables: per (profile, city), the working-day indices covered
	runs []run
}

// run holds the trip variables of one profile in one city.
type run struct {
	profile, weight int
	city            string
	days            []int          // working-day indices that may be covered, ascending
	cover           map[int][]xref // day → candidates covering it
	starts          map[int]bool   // days where a coverage starts (a trip may start)
}

type xref struct{ m, k int }

// row is one constraint: Σ coef·var (op) rhs.
type row struct {
	name  string
	terms []term
	op    string
	rhs   int
}

type term struct {
	coef int
	v    string
}

func xname(m, k int) string { return "x" + strconv.Itoa(m) + "_" + strconv.Itoa(k) }

// wstart and wend are a candidate's first and last working days as indices
// (workingThrough), the working days its trip coverage starts and ends on.
func wstart(d civil.Day) int { return workingThrough(d-1) + 1 }
func wend(d civil.Day) int   { return workingThrough(d) }

// blockedIn reports the first blocked day among the working days from s through e
// and s and e themselves.
func blockedIn(p *Problem, s, e civil.Day) (civil.Day, bool) {
	if len(p.Blocked) == 0 {
		return 0, false
	}
	for d := s; d <= e; d++ {
		if (d == s || d == e || isWorkingDay(d)) && p.Blocked[d] {
			return d, true
		}
	}
	return 0, false
}

func sharesParty(a, b Meeting) bool {
	i, j := 0, 0
	for i < len(a.Parties) && j < len(b.Parties) {
		switch c := strings.Compare(a.Parties[i], b.Parties[j]); {
		case c == 0:
			return true
		case c < 0:
			i++
		default:
			j++
		}
	}
	return false
}

func sharedParties(a, b Meeting) []string {
	var out []string
	for _, s := range a.Parties {
		if _, ok := slices.BinarySearch(b.Parties, s); ok {
			out = append(out, s)
		}
	}
	return out
}

// validate checks the Problem's own consistency.
func validate(p *Problem) error {
	seen := map[string]bool{}
	for _, m := range p.Meetings {
		switch {
		case m.ID == "":
			return fmt.Errorf("plan: a meeting has no id")
		case seen[m.ID]:
			return fmt.Errorf("plan: meeting %s: duplicate meeting id", m.ID)
		case len(m.Cities) == 0:
			return fmt.Errorf("plan: meeting %s: the city list is empty", m.ID)
		case m.Length < 1:
			return fmt.Errorf("plan: meeting %s: length %d working days, want at least 1", m.ID, m.Length)
		case m.DraftEnd < m.DraftStart:
			return fmt.Errorf("plan: meeting %s: end %s before start %s", m.ID, m.DraftEnd, m.DraftStart)
		case !m.Fixed && m.Latest < m.Earliest:
			return fmt.Errorf("plan: meeting %s: window %s to %s ends before it starts", m.ID, m.Earliest, m.Latest)
		case !slices.IsSorted(m.Parties):
			return fmt.Errorf("plan: meeting %s: parties not sorted", m.ID)
		}
		seen[m.ID] = true
	}
	for _, pr := range p.Parallel {
		for _, id := range pr {
			if !seen[id] {
				return fmt.Errorf("plan: parallel pair %s, %s: no meeting %s", pr[0], pr[1], id)
			}
		}
	}
	if p.MaxGap < 0 {
		return fmt.Errorf("plan: MaxGap %d is negative", p.MaxGap)
	}
	return nil
}

// candidates lists where and when meeting m may be held: a fixed meeting at its draft
// dates; a movable one at its draft dates when they fall in its window, and on every
// working day of its window whose working days are not blocked (its end then EndFor).
func candidates(p *Problem, m Meeting) ([]candidate, error) {
	var starts []civil.Day
	if m.Fixed {
		if d, ok := blockedIn(p, m.DraftStart, m.DraftEnd); ok {
			return nil, &InfeasibleError{Meetings: []string{m.ID},
				Reason: fmt.Sprintf("meeting %s is fixed on %s to %s, which holds the blocked day %s", m.ID, m.DraftStart, m.DraftEnd, d)}
		}
		starts = []civil.Day{m.DraftStart}
	} else {
		for d := m.Earliest; d <= m.Latest; d++ {
			if d != m.DraftStart && !isWorkingDay(d) {
				continue
			}
			if _, ok := blockedIn(p, d, m.EndFor(d)); ok {
				continue
			}
			starts = append(starts, d)
		}
		if len(starts) == 0 {
			return nil, &InfeasibleError{Meetings: []string{m.ID},
				Reason: fmt.Sprintf("meeting %s: its window %s to %s cannot hold it (no working day to start its %d working days on without a blocked day)",
					m.ID, m.Earliest, m.Latest, m.Length)}
		}
	}
	var out []candidate
	for _, s := range starts {
		mv := int(s - m.DraftStart)
		if mv < 0 {
			mv = -mv
		}
		for _, c := range m.Cities {
			out = append(out, candidate{start: s, end: m.EndFor(s), city: c, moved: mv})
		}
	}
	return out, nil
}

// conflict reports whether meetings i and j may not overlap.
func (md *model) conflict(i, j int) bool {
	if i > j {
		i, j = j, i
	}
	return !md.parallel[[2]int{i, j}] && sharesParty(md.p.Meetings[i], md.p.Meetings[j])
}

func overlaps(a, b candidate) bool { return a.start <= b.end && b.start <= a.end }

// prune drops the candidates that overlap a meeting held at one place and time (a fixed
// one, or one left with a single candidate) that it may not overlap, or that exceed a
// capacity such meetings fill, until nothing changes; a meeting left with no candidate
// makes the Problem infeasible, reported with the meetings it conflicts with.
func (md *model) prune() error {
	for changed := true; changed; {
		changed = false
		for i := range md.cands {
			if len(md.cands[i]) != 1 {
				continue
			}
			ci := md.cands[i][0]
			for j := range md.cands {
				if j == i || !md.conflict(i, j) {
					continue
				}
				kept := md.cands[j][:0:0]
				for _, cj := range md.cands[j] {
					if !overlaps(ci, cj) {
						kept = append(kept, cj)
					}
				}
				if len(kept) == len(md.cands[j]) {
					continue
				}
				if len(kept) == 0 {
					return md.noRoom(j)
				}
				md.cands[j] = kept
				changed = true
			}
		}
	}
	return nil
}

// noRoom explains why meeting j has no place left: the single-place meetings it may
// not overlap that cover its whole window.
func (md *model) noRoom(j int) error {
	mj := md.p.Meetings[j]
	var why []string
	for i := range md.cands {
		if i == j || len(md.cands[i]) != 1 || !md.conflict(i, j) {
			continue
		}
		mi := md.p.Meetings[i]
		c := md.cands[i][0]
		sh := sharedParties(mi, mj)
		what := "fixed"
		if !mi.Fixed {
			what = "left one place"
		}
		why = append(why, fmt.Sprintf("%s (%s, %s to %s; %d shared parties, e.g. %s)", mi.ID, what, c.start, c.end, len(sh), sh[0]))
	}
	when := fmt.Sprintf("window %s to %s", mj.Earliest, mj.Latest)
	if mj.Fixed {
		when = fmt.Sprintf("fixed %s to %s", mj.DraftStart, mj.DraftEnd)
	}
	return &InfeasibleError{Meetings: append([]string{mj.ID}, idsOf(why)...),
		Reason: fmt.Sprintf("meeting %s (%s) overlaps, on every start it may take, a meeting it shares parties with and may not run in parallel with: %s",
			mj.ID, when, strings.Join(why, "; "))}
}

func idsOf(why []string) []string {
	out := make([]string, len(why))
	for i, w := range why {
		out[i], _, _ = strings.Cut(w, " ")
	}
	return out
}

// InfeasibleError says that no calendar satisfies the Problem's constraints, naming
// the meetings and the constraint that conflict.
type InfeasibleError struct {
	Meetings []string
	Reason   string
}

func (e *InfeasibleError) Error() string { return "plan: infeasible: " + e.Reason }

// newModel builds the integer program of p.
func newModel(p *Problem) (*model, error) {
	if err := validate(p); err != nil {
		return nil, err
	}
	md := &model{p: p, parallel: map[[2]int]bool{}}
	idx := map[string]int{}
	for i, m := range p.Meetings {
		idx[m.ID] = i
	}
	for _, pr := range p.Parallel {
		i, j := idx[pr[0]], idx[pr[1]]
		md.parallel[[2]int{min(i, j), max(i, j)}] = true
	}
	for _, m := range p.Meetings {
		cs, err := candidates(p, m)
		if err != nil {
			return nil, err
		}
		md.cands = append(md.cands, cs)
	}
	if err := md.prune(); err != nil {
		return nil, err
	}
	md.big = 1
	for _, cs := range md.cands {
		mx := 0
		for _, c := range cs {
			mx = max(mx, c.moved)
		}
		md.big += mx
	}
	md.profiles = profiles(p)
	md.overlapRows()
	md.capacityRows()
	md.tripRows()
	return md, nil
}

// overlapRows: at every day a candidate starts on, the meetings that may cover it and
// share a party form cliques (the meetings of one state); each clique holds at most
// one meeting that day. Only start days are needed: two overlapping intervals overlap
// at the later one's start.
func (md *model) overlapRows() {
	p := md.p
	days := map[civil.Day]bool{}
	for _, cs := range md.cands {
		for _, c := range cs {
			days[c.start] = true
		}
	}
	order := slices.Sorted(mapKeys(days))
	for dn, d := range order {
		var active []int
		for i, cs := range md.cands {
			for _, c := range cs {
				if c.start <= d && d <= c.end {
					active = append(active, i)
					break
				}
			}
		}
		if len(active) < 2 {
			continue
		}
		byState := map[string][]int{}
		for _, i := range active {
			for _, s := range p.Meetings[i].Parties {
				byState[s] = append(byState[s], i)
			}
		}
		var sets [][]int
		for _, s := range slices.Sorted(mapKeys(byState)) {
			sets = append(sets, md.splitParallel(byState[s])...)
		}
		for _, set := range maximal(sets) {
			var ts []term
			for _, i := range set {
				for k, c := range md.cands[i] {
					if c.start <= d && d <= c.end {
						ts = append(ts, term{1, xname(i, k)})
					}
				}
			}
			md.rows = append(md.rows, row{name: fmt.Sprintf("ov_%d_%d", dn, len(md.rows)), terms: ts, op: "<=", rhs: 1})
		}
	}
}

// splitParallel splits a set of meetings that share a party until it holds no pair
// allowed to run in parallel.
func (md *model) splitParallel(set []int) [][]int {
	for a := 0; a < len(set); a++ {
		for b := a + 1; b < len(set); b++ {
			if md.parallel[[2]int{min(set[a], set[b]), max(set[a], set[b])}] {
				without := func(drop int) []int {
					out := make([]int, 0, len(set)-1)
					for _, i := range set {
						if i != drop {
							out = append(out, i)
						}
					}
					return out
				}
				return append(md.splitParallel(without(set[a])), md.splitParallel(without(set[b]))...)
			}
		}
	}
	return [][]int{set}
}

// maximal keeps the sets of at least two that no other set contains, deduplicated, in
// a deterministic order.
func maximal(sets [][]int) [][]int {
	for _, s := range sets {
		slices.Sort(s)
	}
	sort.SliceStable(sets, func(a, b int) bool {
		if len(sets[a]) != len(sets[b]) {
			return len(sets[a]) > len(sets[b])
		}
		return slices.Compare(sets[a], sets[b]) < 0
	})
	var out [][]int
	for _, s := range sets {
		if len(s) < 2 {
			continue
		}
		dominated := false
		for _, o := range out {
			if subset(s, o) {
				dominated = true
				break
			}
		}
		if !dominated {
			out = append(out, s)
		}
	}
	return out
}

func subset(a, b []int) bool { // both sorted
	j := 0
	for _, x := range a {
		for j < len(b) && b[j] < x {
			j++
		}
		if j == len(b) || b[j] != x {
			return false
		}
	}
	return true
}

func mapKeys[K comparable, V any](m map[K]V) func(func(K) bool) {
	return func(yield func(K) bool) {
		for k := range m {
			if !yield(k) {
				return
			}
		}
	}
}

// capacityRows: with a Capacity, at every day a candidate starts on, at most Capacity
// meetings in one city.
func (md *model) capacityRows() {
	if md.p.Capacity <= 0 {
		return
	}
	type cd struct {
		city string
		day  civil.Day
	}
	keys := map[cd]bool{}
	for _, cs := range md.cands {
		for _, c := range cs {
			if c.city != "" {
				keys[cd{c.city, c.start}] = true
			}
		}
	}
	order := slices.SortedFunc(mapKeys(keys), func(a, b cd) int {
		if c := strings.Compare(a.city, b.city); c != 0 {
			return c
		}
		return int(a.day - b.day)
	})
	for n, key := range order {
		var ts []term
		meetings := 0
		for i, cs := range md.cands {
			had := false
			for k, c := range cs {
				if c.city == key.city && c.start <= key.day && key.day <= c.end {
					ts = append(ts, term{1, xname(i, k)})
					had = true
				}
			}
			if had {
				meetings++
			}
		}
		if meetings > md.p.Capacity {
			md.rows = append(md.rows, row{name: fmt.Sprintf("cap_%d", n), terms: ts, op: "<=", rhs: md.p.Capacity})
		}
	}
}

// tripRows: per profile and city, y_d (continuous in [0, 1]; integral whenever x is)
// says that working day d is covered by the profile's trips, a candidate covering its
// working days and the MaxGap working days after its end; y_d is at least the share of
// each meeting covering d and at most the sum of the candidates covering d (no
// bridging); z_d ≥ y_d − y_{d−1} counts the runs, which are the trips.
func (md *model) tripRows() {
	p := md.p
	for pi, pr := range md.profiles {
		byCity := map[string]*run{}
		var cities []string
		for _, i := range pr.meetings {
			if p.Meetings[i].Remote() {
				continue
			}
			for k, c := range md.cands[i] {
				if c.city == "" {
					continue
				}
				r, ok := byCity[c.city]
				if !ok {
					r = &run{profile: pi, weight: len(pr.states), city: c.city, cover: map[int][]xref{}, starts: map[int]bool{}}
					byCity[c.city] = r
					cities = append(cities, c.city)
				}
				a, b := wstart(c.start), wend(c.end)+p.MaxGap
				r.starts[a] = true
				for d := a; d <= b; d++ {
					r.cover[d] = append(r.cover[d], xref{i, k})
				}
			}
		}
		slices.Sort(cities)
		for _, c := range cities {
			r := byCity[c]
			r.days = slices.Sorted(mapKeys(r.cover))
			md.runs = append(md.runs, *r)
		}
	}
	for ri, r := range md.runs {
		for _, d := range r.days {
			y := md.yname(ri, d)
			var all []term
			perMeeting := map[int][]term{}
			var ms []int
			for _, x := range r.cover[d] {
				all = append(all, term{-1, xname(x.m, x.k)})
				if _, ok := perMeeting[x.m]; !ok {
					ms = append(ms, x.m)
				}
				perMeeting[x.m] = append(perMeeting[x.m], term{-1, xname(x.m, x.k)})
			}
			for _, m := range ms {
				md.rows = append(md.rows, row{name: fmt.Sprintf("ylo_%d_%d_%d", ri, d, m), terms: append([]term{{1, y}}, perMeeting[m]...), op: ">=", rhs: 0})
			}
			md.rows = append(md.rows, row{name: fmt.Sprintf("yhi_%d_%d", ri, d), terms: append([]term{{1, y}}, all...), op: "<=", rhs: 0})
			if r.starts[d] {
				ts := []term{{1, md.zname(ri, d)}, {-1, y}}
				if _, ok := r.cover[d-1]; ok {
					ts = append(ts, term{1, md.yname(ri, d-1)})
				}
				md.rows = append(md.rows, row{name: fmt.Sprintf("run_%d_%d", ri, d), terms: ts, op: ">=", rhs: 0})
			}
		}
	}
}

func (md *model) yname(r, d int) string { return fmt.Sprintf("y%d_%d", r, d) }
func (md *model) zname(r, d int) string { return fmt.Sprintf("z%d_%d", r, d) }

// objective: big × trips + days moved. Trips are Σ weight × z, plus, for a candidate
// without a city, the weights of the profiles attending the meeting.
func (md *model) objective() []term {
	var ts []term
	cityless := map[int]int{} // meeting → Σ weights of profiles attending it (in person)
	for _, pr := range md.profiles {
		for _, i := range pr.meetings {
			if !md.p.Meetings[i].Remote() {
				cityless[i] += len(pr.states)
			}
		}
	}
	for i, cs := range md.cands {
		for k, c := range cs {
			coef := c.moved
			if c.city == "" {
				coef += md.big * cityless[i]
			}
			if coef != 0 {
				ts = append(ts, term{coef, xname(i, k)})
			}
		}
	}
	for ri, r := range md.runs {
		for _, d := range r.days {
			if r.starts[d] {
				ts = append(ts, term{md.big * r.weight, md.zname(ri, d)})
			}
		}
	}
	return ts
}

// WriteLP writes the integer program of p in CPLEX LP format; the same Problem gives
// the same bytes. Binary x<m>_<k>: meeting m (draft order) held as its k-th candidate
// (a start and a city, by start then city order). Rows: each meeting held once
// (one_m); no two meetings that share a party on one day unless allowed in parallel
// (ov_*, one row per day a candidate starts on and clique of meetings a state
// attends); the capacity per city and day (cap_*); per profile and city the coverage
// y and trip starts z (ylo_*, yhi_*, run_*). The objective is big × trips + days moved.
func WriteLP(w io.Writer, p *Problem) error {
	md, err := newModel(p)
	if err != nil {
		return err
	}
	return md.write(w)
}

func writeTerms(bw *bufio.Writer, ts []term) {
	for n, t := range ts {
		if n > 0 && n%8 == 0 {
			bw.WriteString("\n   ")
		}
		switch {
		case t.coef == 1:
			bw.WriteString(" + " + t.v)
		case t.coef == -1:
			bw.WriteString(" - " + t.v)
		case t.coef < 0:
			fmt.Fprintf(bw, " - %d %s", -t.coef, t.v)
		default:
			fmt.Fprintf(bw, " + %d %s", t.coef, t.v)
		}
	}
}

func (md *model) write(w io.Writer) error {
	bw := bufio.NewWriter(w)
	fmt.Fprintf(bw, "\\ synergy plan %d: %d meetings, trip weight %d\n", md.p.Year, len(md.p.Meetings), md.big)
	bw.WriteString("Minimize\n obj:")
	obj := md.objective()
	if len(obj) == 0 {
		obj = []term{{0, xname(0, 0)}}
		if len(md.cands) == 0 {
			obj = nil
		}
	}
	writeTerms(bw, obj)
	bw.WriteString("\nSubject To\n")
	for i, cs := range md.cands {
		ts := make([]term, len(cs))
		for k := range cs {
			ts[k] = term{1, xname(i, k)}
		}
		fmt.Fprintf(bw, " one_%d:", i)
		writeTerms(bw, ts)
		bw.WriteString(" = 1\n")
	}
	for _, r := range md.rows {
		fmt.Fprintf(bw, " %s:", r.name)
		writeTerms(bw, r.terms)
		fmt.Fprintf(bw, " %s %d\n", r.op, r.rhs)
	}
	bw.WriteString("Bounds\n")
	for ri, r := range md.runs {
		for _, d := range r.days {
			fmt.Fprintf(bw, " %s <= 1\n", md.yname(ri, d))
		}
	}
	bw.WriteString("Binary\n")
	for i, cs := range md.cands {
		for k := range cs {
			fmt.Fprintf(bw, " %s\n", xname(i, k))
		}
	}
	bw.WriteString("End\n")
	return bw.Flush()
}
