package report

import (
	"fmt"
	"slices"
)

// tripsSection is the state's trips by year, with a total row for a range of
// years, and the meetings a coherent calendar could have merged.
func (v *stateView) tripsSection(b *builder) Section {
	l, pl := b.l, b.p.label(b.l)
	sec := Section{ID: "state-trips", Level: 2, Title: l.T("state.sec.trips", pl)}
	if len(v.years) == 0 {
		sec.Blocks = append(sec.Blocks, &Para{l.T("state.p.no_trips", v.name, pl)})
	} else {
		t := &Table{ID: "state-trips-by-year", Header: []string{l.T("col.year"), l.T("col.meetings"), l.T("col.trips"),
			l.T("rec8.col.fewest"), l.T("col.saveable"), l.T("col.coh_index"), l.T("state.col.without_city")},
			Numeric: []bool{false, true, true, true, true, true, true}}
		var sum [5]float64
		var remote float64
		for _, y := range v.years {
			index := "—" // nothing could be gained: the mart leaves the index NULL
			if y.index != nil {
				index = l.Ratio(y.index)
			}
			t.add(false, []string{fmt.Sprint(y.year), l.Count(y.meetings), l.Count(y.trips), l.Count(y.lower),
				l.Count(y.saveable), index, l.Count(y.withoutCity)})
			for i, f := range []any{y.meetings, y.trips, y.lower, y.saveable, y.withoutCity} {
				sum[i] += num(f)
			}
			remote += num(y.remote)
		}
		if b.p.From != b.p.To {
			t.add(true, []string{pl, l.Int(int64(sum[0])), l.Int(int64(sum[1])), l.Int(int64(sum[2])),
				l.Int(int64(sum[3])), sumIndex(l, sum[0]-remote, sum[1], sum[2]), l.Int(int64(sum[4]))})
		}
		sec.Blocks = append(sec.Blocks, &Para{l.T("state.p.trips")}, t)
		if groups := v.mergeGroups(); len(groups) > 0 {
			mt := &Table{ID: "state-mergeable", Header: []string{l.T("col.year"), l.T("state.col.half"), l.T("col.city"),
				l.T("col.meetings")}}
			for _, g := range groups {
				mt.Rows = append(mt.Rows, []string{fmt.Sprint(g.year), l.T(fmt.Sprintf("state.half.%d", g.half)),
					dash(g.city), g.text(l)})
			}
			sec.Blocks = append(sec.Blocks, &Para{l.T("state.p.merge")}, mt)
		} else {
			sec.Blocks = append(sec.Blocks, &Para{l.T("state.p.no_merge", pl)})
		}
	}
	sec.Blocks = append(sec.Blocks, b.prov([]string{"state_year_burden", "meetings_enriched"}, srcRec8, nil))
	return sec
}

// sumIndex is the coherence index of summed meetings travelled to (remote ones left
// out), trips and lower bound, or an em dash where nothing could have been merged.
func sumIndex(l Lang, meetings, trips, lower float64) string {
	if meetings <= lower {
		return "—"
	}
	return l.Float((meetings-trips)/(meetings-lower), 2)
}

// peersSection compares the state with the states party to the same instruments,
// grouped by profile, the state's own row highlighted.
func (v *stateView) peersSection(b *builder) Section {
	l, pl := b.l, b.p.label(b.l)
	sec := Section{ID: "state-peers", Level: 2, Title: l.T("state.sec.peers")}
	if len(v.peers) == 0 {
		sec.Blocks = append(sec.Blocks, &Para{l.T("state.p.no_peers", v.name, b.p.To)})
	} else {
		t := profilesTable(l, b.names, "state-peer-profiles", v.peers)
		t.Highlight = slices.Clone(v.peerOwn) // the state's own profile, not a period

		sec.Blocks = append(sec.Blocks, &Para{l.T("state.p.peers", v.name, b.p.To, joinAnd(l, b.names.insts(v.peerSet)),
			l.Int(int64(v.peerCount())), pl)}, t)
	}
	sec.Blocks = append(sec.Blocks, b.prov([]string{"participation", "state_year_burden", "states"},
		append([]string{"states"}, srcRec8...), nil))
	return sec
}

// peerCount is how many states share the state's set of instruments, itself
// included.
func (v *stateView) peerCount() int {
	n := 0
	for _, p := range v.peers {
		n += intOf(p.states)
	}
	return n
}

// key is the view's key figures: the state's standing in each instrument, its
// meetings and trips, the meetings that could have been merged, its next
// obligation deadline and how it compares with its peers.
func (v *stateView) key(b *builder) []string {
	l, pl, y := b.l, b.p.label(b.l), b.p.To
	var party, consented, other []string
	for _, in := range v.instruments {
		switch {
		case in.partyAtEnd:
			party = append(party, in.id)
		case in.consentedAtEnd:
			consented = append(consented, in.id)
		default:
			other = append(other, in.id)
		}
	}
	key := []string{l.T("state.head.instruments", y, v.name, orNone(l, b.names.insts(party)), orNone(l, b.names.insts(consented)), orNone(l, b.names.insts(other)))}
	counted, trips, lower, saveable := 0, 0.0, 0.0, 0.0
	for _, m := range v.meetings {
		if m.inTrips {
			counted++
		}
	}
	planned, plannedYears := 0.0, 0
	for _, yr := range v.years {
		trips, lower, saveable = trips+num(yr.trips), lower+num(yr.lower), saveable+num(yr.saveable)
		if yr.planned != nil {
			planned += num(yr.planned)
			plannedYears++
		}
	}
	key = append(key, l.T("state.head.meetings", pl, l.Int(int64(len(v.meetings))), l.Int(int64(counted))),
		l.T("state.head.trips", l.Int(int64(trips)), l.Int(int64(lower)), l.Int(int64(saveable))))
	if plannedYears == len(v.years) && plannedYears > 0 {
		key = append(key, l.T("state.head.planned", l.Int(int64(trips-planned)), l.Int(int64(trips))))
	}
	key = append(key, mergeKey(l, v.mergeGroups())...)
	if o, ok := v.nextDeadline(); ok {
		key = append(key, l.T("state.head.deadline", o.deadline, b.names.inst(o.instrument), o.article, l.Theme(o.theme),
			l.label("state.conf.", o.confidence)))
	}
	if len(v.peers) > 0 {
		lo, hi := num(v.peers[len(v.peers)-1].saveable), num(v.peers[0].saveable)
		key = append(key, l.T("state.head.peers", l.Int(int64(v.peerCount())), l.Int(int64(lo)), l.Int(int64(hi)),
			v.name, l.Int(int64(saveable))))
	}
	return key
}

// mergeKey is the key figures on the meetings that could have been merged: one
// line per city and half-year naming them, or, beyond two such groups, one line
// counting them (the table lists them).
func mergeKey(l Lang, groups []mergeGroup) []string {
	if len(groups) > 2 {
		n := 0
		for _, g := range groups {
			n += len(g.meetings)
		}
		return []string{l.T("state.head.merge_many", l.Int(int64(n)), l.Int(int64(len(groups))))}
	}
	var out []string
	for _, g := range groups {
		out = append(out, l.T("state.head.merge", dash(g.city), l.T(fmt.Sprintf("state.half.%d", g.half)), g.year, g.text(l)))
	}
	return out
}

// nextDeadline is the state's open obligation (ongoing or overdue) with the
// earliest current deadline; ok is false when none has one.
func (v *stateView) nextDeadline() (stateObligation, bool) {
	for _, o := range v.obligations { // earliest deadline first
		if o.deadline != "" && (o.status == "ongoing" || o.status == "overdue") {
			return o, true
		}
	}
	return stateObligation{}, false
}

// orNone joins ids as "a, b and c", or says none.
func orNone(l Lang, ids []string) string {
	if len(ids) == 0 {
		return l.T("state.none")
	}
	return joinAnd(l, ids)
}
