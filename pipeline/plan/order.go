package plan

import (
	"cmp"
	"fmt"
	"io"
	"slices"

	"synergy/pipeline/civil"
)

// The third tie-break: among the calendars with the fewest trips and the least
// movement, the one that keeps the draft order best, that is with the fewest pairs
// of meetings that the plan holds in the opposite order to the draft. The draft
// order is by draft start, then by row (Problem.Meetings); two meetings starting on
// the same planned day are in neither order.

// draftOrder returns the meetings' indices in draft order.
func draftOrder(p *Problem) []int {
	ord := make([]int, len(p.Meetings))
	for i := range ord {
		ord[i] = i
	}
	slices.SortStableFunc(ord, func(a, b int) int {
		return cmp.Compare(p.Meetings[a].DraftStart, p.Meetings[b].DraftStart)
	})
	return ord
}

// Inversions counts the pairs of meetings a calendar holds in the opposite order to
// the draft: a before b in the draft, and b starting strictly before a.
func Inversions(p *Problem, start map[string]civil.Day) int {
	ord := draftOrder(p)
	n := 0
	for x, a := range ord {
		for _, b := range ord[x+1:] {
			if start[p.Meetings[a].ID] > start[p.Meetings[b].ID] {
				n++
			}
		}
	}
	return n
}

// orderPair is a pair of meetings, a before b in the draft, whose candidates can
// invert, and the binary y that is 1 when b starts before a.
type orderPair struct {
	a, b int
	y    string
	m    int // a's latest candidate start less b's earliest, in days (> 0)
}

// orderPairs lists the pairs of meetings whose candidates can invert, in draft order.
func (md *model) orderPairs() []orderPair {
	var pairs []orderPair
	ord := draftOrder(md.p)
	for x, a := range ord {
		for _, b := range ord[x+1:] {
			latestA, earliestB := md.cands[a][len(md.cands[a])-1].start, md.cands[b][0].start
			if latestA > earliestB {
				pairs = append(pairs, orderPair{a: a, b: b, y: fmt.Sprintf("y%d_%d", a, b), m: int(latestA - earliestB)})
			}
		}
	}
	return pairs
}

// orderRows adds, for each pair of orderPairs, a row making its y 1 when b starts
// before a: Σ start·x(a) − Σ start·x(b) ≤ M·y, M the largest difference the
// candidates allow. It returns the y variables, whose sum is the number of
// inversions.
func (md *model) orderRows() []string {
	var ys []string
	for _, pr := range md.orderPairs() {
		a, b := pr.a, pr.b
		ts := []term{{-pr.m, pr.y}}
		base := md.cands[b][0].start
		for k, c := range md.cands[a] {
			if d := int(c.start - base); d != 0 {
				ts = append(ts, term{d, xname(a, k)})
			}
		}
		for k, c := range md.cands[b] {
			if d := int(c.start - base); d != 0 {
				ts = append(ts, term{-d, xname(b, k)})
			}
		}
		md.rows = append(md.rows, row{name: "ord_" + pr.y[1:], terms: ts, op: "<=", rhs: 0})
		ys = append(ys, pr.y)
	}
	return ys
}

// orderStart is the second-stage model's value of every y for the calendar start
// (the first stage's optimum), to be added to that optimum's other values as the
// starting solution cbc completes the search from: cbc fixes every variable a
// start leaves out at 0, which no y of an inverted pair may be.
func (md *model) orderStart(start map[string]civil.Day) map[string]float64 {
	ys := map[string]float64{}
	for _, pr := range md.orderPairs() {
		if start[md.p.Meetings[pr.b].ID] < start[md.p.Meetings[pr.a].ID] {
			ys[pr.y] = 1
		}
	}
	return ys
}

// writeOrder writes the second-stage model: the calendars whose trips and movement
// are at most best (big × trips + days moved, the first stage's optimum), with the
// fewest inversions of the draft order.
func (md *model) writeOrder(w io.Writer, best int64) error {
	obj := md.objective()
	md.rows = append(md.rows, row{name: "best", terms: obj, op: "<=", rhs: int(best)})
	ys := md.orderRows()
	md.extraObjective = make([]term, len(ys))
	for i, y := range ys {
		md.extraObjective[i] = term{1, y}
	}
	md.extraBinary = ys
	return md.write(w, true)
}
