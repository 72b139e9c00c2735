package plan

import (
	"context"
	"errors"
	"maps"

	"synergy/pipeline/civil"
)

// pcBrute is an exhaustive Solver for small problems: it tries every start (a
// working day of the window, not blocked) and city of every movable meeting,
// keeps the calendars Verify accepts, and returns one with the fewest trips,
// then the least movement. It stands in for the real solver in these tests.
type pcBrute struct{}

func (pcBrute) Solve(ctx context.Context, p *Problem) (*Solution, error) {
	type choice struct {
		day  civil.Day
		city string
	}
	options := make([][]choice, len(p.Meetings))
	for i, m := range p.Meetings {
		if m.Fixed {
			options[i] = []choice{{m.DraftStart, m.Cities[0]}}
			continue
		}
		for d := m.Earliest; d <= m.Latest; d++ {
			if isWorkingDay(d) && !p.Blocked[d] {
				for _, c := range m.Cities {
					options[i] = append(options[i], choice{d, c})
				}
			}
		}
	}
	start := make(map[string]civil.Day)
	city := make(map[string]string)
	var best *Solution
	bestMove := 0
	var walk func(i int)
	walk = func(i int) {
		if i == len(p.Meetings) {
			t, err := Verify(p, start, city)
			if err != nil {
				return
			}
			move := 0
			for _, m := range p.Meetings {
				move += pcAbs(int(start[m.ID] - m.DraftStart))
			}
			if best == nil || t.Trips < best.Trips || t.Trips == best.Trips && move < bestMove {
				best = &Solution{Start: maps.Clone(start), City: maps.Clone(city), Trips: t.Trips, Optimal: true, Solver: "brute force (test)"}
				bestMove = move
			}
			return
		}
		for _, c := range options[i] {
			start[p.Meetings[i].ID], city[p.Meetings[i].ID] = c.day, c.city
			walk(i + 1)
		}
	}
	walk(0)
	if best == nil {
		return nil, errors.New("infeasible")
	}
	best.LowerBound = Count(p, nil, nil).LowerBound
	return best, nil
}
