package report

import "fmt"

// plannedYear is one row of the mart plan_backtest: a past year planned again within
// four weeks of each meeting's real dates (synergy plan's default window).
type plannedYear struct {
	year                               int
	meetings, movable                  float64
	actual, planned, lower, moved, max float64
	optimal                            bool
	gap                                float64
}

// planned is the section "what planning within four weeks would have saved": per
// year of the history and for the period, the trips as held, as planned, the crude
// (city, half-year) bound, and how far the plan moved the meetings.
func (b *builder) planned(r *Report) error {
	rows, err := b.query("planned_backtest", b.p.To)
	if err != nil {
		return err
	}
	years := shapePlanned(rows)
	l, pl := b.l, b.p.label(b.l)
	sec := Section{ID: "rec8-planned", Level: 3, Title: l.T("plan.sec", pl)}
	if len(years) == 0 {
		sec.Blocks = append(sec.Blocks, &Para{l.T("plan.none", pl)})
	} else {
		t, sum := b.plannedTable(years)
		sec.Blocks = append(sec.Blocks, &Para{l.T("plan.p")}, t)
		if sum.actual > 0 {
			sec.Blocks = append(sec.Blocks, &Para{l.T("plan.sum", pl, l.Int(int64(sum.actual-sum.planned)),
				l.Int(int64(sum.actual)), l.Int(int64(sum.actual-sum.lower)))})
		}
	}
	sec.Blocks = append(sec.Blocks, b.prov([]string{"plan_backtest"}, srcRec8, nil))
	r.Sections = append(r.Sections, sec)
	return nil
}

func shapePlanned(x rows) []plannedYear {
	var out []plannedYear
	for i := 0; i < x.len(); i++ {
		out = append(out, plannedYear{year: x.int(i, "year"), meetings: x.num(i, "meetings"), movable: x.num(i, "movable"),
			actual: x.num(i, "trips_actual"), planned: x.num(i, "trips_planned"), lower: x.num(i, "trips_lower_bound"),
			moved: x.num(i, "moved_meetings"), max: x.num(i, "max_move_days"), optimal: x.val(i, "optimal") == true,
			gap: x.num(i, "gap")})
	}
	return out
}

// plannedTable lists the last Options.History years up to the period's end, the
// period's rows highlighted, and returns the period's sums.
func (b *builder) plannedTable(years []plannedYear) (*Table, plannedYear) {
	l := b.l
	t := &Table{ID: "rec8-planned-years", Header: []string{l.T("col.year"), l.T("col.meetings"), l.T("plan.col.actual"),
		l.T("plan.col.planned"), l.T("plan.col.saved"), l.T("rec8.col.fewest"), l.T("plan.col.moved"), l.T("plan.col.max"),
		l.T("plan.col.proof")}, Numeric: []bool{false, true, true, true, true, true, true, true, false}}
	var sum plannedYear
	for _, y := range years {
		in := b.p.contains(y.year)
		if in {
			sum.actual += y.actual
			sum.planned += y.planned
			sum.lower += y.lower
		}
		if y.year <= b.p.To-b.o.History && !in {
			continue
		}
		proof := l.T("plan.optimal")
		if !y.optimal {
			proof = l.T("plan.gap", l.Percent(y.gap, 1))
		}
		t.add(in, []string{fmt.Sprint(y.year), l.Int(int64(y.meetings)), l.Int(int64(y.actual)), l.Int(int64(y.planned)),
			l.Int(int64(y.actual - y.planned)), l.Int(int64(y.lower)), l.Int(int64(y.moved)), l.Int(int64(y.max)), proof})
	}
	return t, sum
}
