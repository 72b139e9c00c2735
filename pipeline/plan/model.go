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
	// trip variables: the pairings w of candidates that chain, by ordered pair of
	// meetings, and the leaders l with their weights (states of the profile)
	chainsTo map[[2]int][]wvar2
	wvars    []string
	leaders  []leader
	// the second stage (writeOrder): its objective replaces the first's, and its
	// order variables are binary
	extraObjective []term
	extraBinary    []string
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

// chains reports whether meeting a held as candidate ca precedes meeting b held as cb
// in one trip directly: a's trip coverage (its working days and the MaxGap working
// days after its end) holds the working day before b's first, or both start on the
// same working day and a comes first in the draft. A run of meetings is one trip, and
// its first meeting (the one no other meeting precedes directly) is its leader: a
// profile's trips in a city are its leaders there.
func (md *model) chains(a int, ca candidate, b int, cb candidate) bool {
	sa, sb := wstart(ca.start), wstart(cb.start)
	if sa == sb {
		return a < b
	}
	return sa <= sb-1 && sb-1 <= wend(ca.end)+md.p.MaxGap
}

// tripRows counts trips by leaders. For every ordered pair of meetings a → b that
// some profile attends together and every city, continuous w variables pair a's
// candidates with b's candidates that chain (and may both be held: not overlapping
// meetings that may not run in parallel); for each candidate of a (and of b), the w
// of the pair {a, b} that use it, in either order, sum to at most its x (the exact
// linearisation of x_a·x_b over the assignment rows). Per profile, city and meeting m,
// the leader variable l ≥ (m held in the city) − Σ w of the pairs m' → m of the
// profile's meetings: m leads a trip unless a meeting of the profile precedes it
// directly; and Σ l over the meetings of m's component (those that can share a trip
// with it, see component) ≥ (m held there): at least one trip per component the
// profile goes to (valid inequalities that cut the LP's cycles a → b → c → a).
func (md *model) tripRows() {
	use := md.chainVars()
	md.productRows(use)
	for pi, pr := range md.profiles {
		md.leaderRows(pi, pr)
	}
}

// chainVar is a w variable: meeting a at candidate ka chains directly into b at kb in
// city.
type chainVar struct {
	name   string
	ka, kb int
	city   string
}

// chainVars makes the w variables of every ordered pair of meetings that some
// profile attends together, and returns, per candidate and other meeting, the w
// that use the candidate.
func (md *model) chainVars() map[xref][]string {
	p := md.p
	together := map[[2]int]bool{}
	for _, pr := range md.profiles {
		for _, a := range pr.meetings {
			for _, b := range pr.meetings {
				if a != b && !p.Meetings[a].Remote() && !p.Meetings[b].Remote() {
					together[[2]int{a, b}] = true
				}
			}
		}
	}
	use := map[xref][]string{} // candidate → the w of a pair that use it, by unordered pair
	useKey := func(m, k, other int) xref { return xref{m*len(md.cands) + other, k} }
	md.chainsTo = map[[2]int][]wvar2{}
	for _, key := range slices.SortedFunc(mapKeys(together), func(x, y [2]int) int {
		if x[0] != y[0] {
			return x[0] - y[0]
		}
		return x[1] - y[1]
	}) {
		a, b := key[0], key[1]
		var ws []chainVar
		for ka, ca := range md.cands[a] {
			if ca.city == "" {
				continue
			}
			for kb, cb := range md.cands[b] {
				if cb.city != ca.city || !md.chains(a, ca, b, cb) || (overlaps(ca, cb) && md.conflict(a, b)) {
					continue
				}
				ws = append(ws, chainVar{name: fmt.Sprintf("w%d_%d_%d_%d", a, ka, b, kb), ka: ka, kb: kb, city: ca.city})
			}
		}
		for _, w := range ws {
			use[useKey(a, w.ka, b)] = append(use[useKey(a, w.ka, b)], w.name)
			use[useKey(b, w.kb, a)] = append(use[useKey(b, w.kb, a)], w.name)
			md.chainsTo[key] = append(md.chainsTo[key], wvar2{w.name, w.city})
			md.wvars = append(md.wvars, w.name)
		}
	}
	return use
}

// productRows bounds, for each candidate and other meeting, the w that use the
// candidate by its x: the exact product of the two meetings' choices.
func (md *model) productRows(use map[xref][]string) {
	for _, u := range slices.SortedFunc(mapKeys(use), func(x, y xref) int {
		if x.m != y.m {
			return x.m - y.m
		}
		return x.k - y.k
	}) {
		m, other := u.m/len(md.cands), u.m%len(md.cands)
		ts := []term{{-1, xname(m, u.k)}}
		for _, w := range use[u] {
			ts = append(ts, term{1, w})
		}
		md.rows = append(md.rows, row{name: fmt.Sprintf("pair_%d_%d_%d", m, u.k, other), terms: ts, op: "<=", rhs: 0})
	}
}

// leaderRows makes profile pi's leader variables and rows, city by city: a meeting
// held in a city leads a trip unless an earlier meeting of the profile chains into
// it, and each group of meetings that can share a trip has a leader when held.
func (md *model) leaderRows(pi int, pr profile) {
	var cities []string
	inCity := map[string][]int{}
	for _, m := range pr.meetings {
		if md.p.Meetings[m].Remote() {
			continue
		}
		for _, c := range md.cands[m] {
			if c.city != "" && !slices.Contains(inCity[c.city], m) {
				if len(inCity[c.city]) == 0 {
					cities = append(cities, c.city)
				}
				inCity[c.city] = append(inCity[c.city], m)
			}
		}
	}
	slices.Sort(cities)
	for ci, c := range cities {
		md.cityLeaderRows(pi, ci, c, inCity[c], len(pr.states))
	}
}

// cityLeaderRows is leaderRows for one city c (number ci) and the profile's meetings
// that may be held there.
func (md *model) cityLeaderRows(pi, ci int, c string, ms []int, weight int) {
	var leaders []term
	for _, m := range ms {
		l := fmt.Sprintf("l%d_%d_%d", pi, ci, m)
		md.leaders = append(md.leaders, leader{name: l, weight: weight})
		leaders = append(leaders, term{1, l})
	}
	for j, m := range ms {
		ts := []term{leaders[j]}
		held := md.heldIn(m, c)
		for _, x := range held {
			ts = append(ts, term{-1, x})
		}
		for _, m2 := range ms {
			for _, w := range md.chainsTo[[2]int{m2, m}] {
				if w.city == c {
					ts = append(ts, term{1, w.name})
				}
			}
		}
		md.rows = append(md.rows, row{name: fmt.Sprintf("lead_%d_%d_%d", pi, ci, m), terms: ts, op: ">=", rhs: 0})
		if comp := md.component(ms, c, j); len(comp) > 1 {
			var ts []term
			for _, i := range comp {
				ts = append(ts, leaders[i])
			}
			for _, x := range held {
				ts = append(ts, term{-1, x})
			}
			md.rows = append(md.rows, row{name: fmt.Sprintf("some_%d_%d_%d", pi, ci, m), terms: ts, op: ">=", rhs: 0})
		}
	}
}

type wvar2 struct{ name, city string }

// component returns the positions in ms of the meetings that can share a trip in
// city c with ms[j], directly or through others (a pairing w links them): no trip
// joins two components, so each component held in c has a leader of its own.
func (md *model) component(ms []int, c string, j int) []int {
	linked := func(a, b int) bool {
		for _, key := range [][2]int{{ms[a], ms[b]}, {ms[b], ms[a]}} {
			for _, w := range md.chainsTo[key] {
				if w.city == c {
					return true
				}
			}
		}
		return false
	}
	in := map[int]bool{j: true}
	for queue := []int{j}; len(queue) > 0; queue = queue[1:] {
		for b := range ms {
			if !in[b] && linked(queue[0], b) {
				in[b] = true
				queue = append(queue, b)
			}
		}
	}
	return slices.Sorted(mapKeys(in))
}

type leader struct {
	name   string
	weight int
}

// heldIn lists the x of meeting m's candidates in city c.
func (md *model) heldIn(m int, c string) []string {
	var out []string
	for k, cd := range md.cands[m] {
		if cd.city == c {
			out = append(out, xname(m, k))
		}
	}
	return out
}

// objective: big × trips + days moved. Trips are Σ weight × l, plus, for a candidate
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
	for _, l := range md.leaders {
		ts = append(ts, term{md.big * l.weight, l.name})
	}
	return ts
}

// WriteLP writes the integer program of p in CPLEX LP format; the same Problem gives
// the same bytes. Binary x<m>_<k>: meeting m (draft order) held as its k-th candidate
// (a start and a city, by start then city order). Rows: each meeting held once
// (one_m); no two meetings that share a party on one day unless allowed in parallel
// (ov_*, one row per day a candidate starts on and clique of meetings a state
// attends); the capacity per city and day (cap_*); the pairings w of candidates that
// chain, at most each candidate's x per pair of meetings (pair_*); per attendance
// profile, city and meeting the leader l (lead_*), and at least one leader per
// component of meetings that can share a trip (some_*). The objective is big × Σ
// states × l (trips) + days moved, big exceeding any total movement.
func WriteLP(w io.Writer, p *Problem) error {
	md, err := newModel(p)
	if err != nil {
		return err
	}
	return md.write(w, true)
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

// write writes the model; without the objective (feasible false) it asks only for a
// calendar that satisfies the constraints.
func (md *model) write(w io.Writer, withObjective bool) error {
	bw := bufio.NewWriter(w)
	fmt.Fprintf(bw, "\\ synergy plan %d: %d meetings, trip weight %d\n", md.p.Year, len(md.p.Meetings), md.big)
	bw.WriteString("Minimize\n obj:")
	var obj []term
	if withObjective {
		obj = md.objective()
		if md.extraObjective != nil {
			obj = md.extraObjective
		}
	}
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
	for _, w := range md.wvars {
		fmt.Fprintf(bw, " %s <= 1\n", w)
	}
	bw.WriteString("Binary\n")
	for i, cs := range md.cands {
		for k := range cs {
			fmt.Fprintf(bw, " %s\n", xname(i, k))
		}
	}
	for _, y := range md.extraBinary {
		fmt.Fprintf(bw, " %s\n", y)
	}
	bw.WriteString("End\n")
	return bw.Flush()
}
