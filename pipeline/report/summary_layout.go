package report

import (
	"fmt"
	"time"
)

// summarySections lays out the one-page summary: its title and lead paragraph,
// then what happened, what could have been saved and what is coming, each a
// Lead section.
func (b *builder) summarySections(f summaryFacts) []Section {
	l, pl, s := b.l, b.p.label(b.l), b.o.Snapshot
	head := Section{ID: "summary", Level: 2, Lead: true, Title: l.T("sum.title", pl),
		Blocks: []Block{&Para{l.T("sum.lead", pl, dash(s.AsOf), s.Snapshot)}}}
	happened := Section{ID: "summary-period", Level: 3, Lead: true, Title: l.T("sum.happened", pl)}
	happened.Blocks = append(happened.Blocks, b.summaryTable(f), &Para{b.indexNote(f)})
	happened.Blocks = append(happened.Blocks, b.sharedBlocks(f)...)
	saved := Section{ID: "summary-saved", Level: 3, Lead: true, Title: l.T("sum.saved")}
	saved.Blocks = b.savedBlocks(f)
	coming := b.upcomingSection(f.window)
	coming.Blocks = append(coming.Blocks, b.prov([]string{"year_coherence", "state_year_burden", "meeting_pairs",
		"meetings_enriched"}, srcRec8, nil))
	return []Section{head, happened, saved, coming}
}

// summaryTable is the period's quantities beside the previous period's, absolute
// quantities first and the coherence index last, with what it rests on.
func (b *builder) summaryTable(f summaryFacts) *Table {
	l := b.l
	t := &Table{ID: "summary-figures", Header: []string{l.T("col.figure"), b.p.label(l), b.prev.label(l)},
		Numeric: []bool{false, true, true}}
	prev := func(v float64) string {
		if !f.hasPrev {
			return "—"
		}
		return l.Int(int64(v))
	}
	count := func(key string, cur, old float64) {
		t.Rows = append(t.Rows, []string{l.T(key), l.Int(int64(cur)), prev(old)})
	}
	var prevClear, prevVA yearRow
	if f.hasPrev {
		prevClear, _ = b.periodYears(b.prev, "clearance")
		prevVA, _ = b.periodYears(b.prev, "victim_assistance")
	}
	count("sum.row.meetings", f.all.meetings, f.prev.meetings)
	count("sum.row.clearance", f.clear.meetings, prevClear.meetings)
	count("sum.row.va", f.va.meetings, prevVA.meetings)
	count("sum.row.state_meetings", f.all.stateMeetings, f.prev.stateMeetings)
	count("sum.row.remote", f.all.remote, f.prev.remote)
	count("sum.row.trips", f.all.trips, f.prev.trips)
	count("sum.row.lower", f.all.lower, f.prev.lower)
	saveable := func(y yearRow) string {
		if y.trips == 0 {
			return l.Int(int64(y.saveable))
		}
		return l.Int(int64(y.saveable)) + " (" + l.Percent(ratio(y.saveable, y.trips), 1) + ")"
	}
	prevSaveable := "—"
	if f.hasPrev {
		prevSaveable = saveable(f.prev)
	}
	t.Rows = append(t.Rows, []string{l.T("sum.row.saveable"), saveable(f.all), prevSaveable})
	count("sum.row.b2b", f.all.b2b, f.prev.b2b)
	count("sum.row.clash", f.all.clash, f.prev.clash)
	count("sum.row.same_family", f.all.sameFamily, f.prev.sameFamily)
	t.Rows = append(t.Rows,
		[]string{l.T("sum.row.index_cross"), definedCrossIndex(l, f.all, f.base), definedCrossIndex(l, f.prev, f.prevBase)},
		[]string{l.T("sum.row.index"), definedIndex(l, f.all, f.base), definedIndex(l, f.prev, f.prevBase)},
		[]string{l.T("sum.row.index_base"), baseCell(l, f.base), baseCell(l, f.prevBase)})
	return t
}

// definedIndex formats the coherence index of y, a sum over a period, only where
// it is defined: some state-year had more meetings than its fewest possible trips.
// Elsewhere the index is 0/0 and the cell is an em dash.
func definedIndex(l Lang, y yearRow, base indexBase) string {
	if !indexDefined(y) || base.stateYears == 0 {
		return "—"
	}
	return l.Float(y.index, 2)
}

// definedCrossIndex is the share of the mergeable state-meetings merged across
// instrument families, where the index is defined.
func definedCrossIndex(l Lang, y yearRow, base indexBase) string {
	if !indexDefined(y) || base.stateYears == 0 {
		return "—"
	}
	return l.Float(y.indexCross, 2)
}

func baseCell(l Lang, base indexBase) string {
	if base.stateYears == 0 {
		return "—"
	}
	return l.T("sum.base", l.Int(int64(base.states)), l.Int(int64(base.stateMeetings)))
}

// indexNote says what the index rests on, or that there was nothing to measure.
func (b *builder) indexNote(f summaryFacts) string {
	l, pl := b.l, b.p.label(b.l)
	switch {
	case f.all.meetings == 0:
		return l.T("sum.no_meetings", pl)
	case definedIndex(l, f.all, f.base) == "—":
		return l.T("sum.index_none", pl)
	}
	return l.T("sum.index_note", pl, l.Int(int64(f.base.stateMeetings)), l.Int(int64(f.base.states)))
}

// sharedBlocks lists the meetings delegations could attend in one trip, the
// same-family ones marked, and says when none joined instruments of two families.
func (b *builder) sharedBlocks(f summaryFacts) []Block {
	l, pl := b.l, b.p.label(b.l)
	switch {
	case f.all.meetings == 0:
		return nil
	case len(f.shared) == 0:
		return []Block{&Para{l.T("sum.shared.none", pl)}}
	}
	items, across := []string{}, 0
	for _, s := range f.shared {
		kind := l.T("sum.across")
		if s.sameFamily {
			kind = l.T("sum.within", s.family)
		} else {
			across++
		}
		items = append(items, l.T("sum.shared.item", s.a.title, dateRange(l, s.a.start, s.a.end), s.b.title,
			dateRange(l, s.b.start, s.b.end), dash(s.a.city), l.Count(s.sharedParties), kind))
	}
	out := []Block{&Para{l.T("sum.shared.intro")}, &List{Items: capItems(l, items)}}
	if across == 0 {
		out = append(out, &Para{l.T("sum.shared.only_family", pl)})
	}
	return out
}

// savedBlocks says how many trips could have been saved and where: the cities and
// half-years whose meetings some states attended in separate trips.
func (b *builder) savedBlocks(f summaryFacts) []Block {
	l, pl := b.l, b.p.label(b.l)
	switch {
	case f.all.meetings == 0:
		return []Block{&Para{l.T("sum.saved.no_meetings", pl)}}
	case f.all.saveable == 0 || len(f.places) == 0:
		return []Block{&Para{l.T("sum.saved.none", pl)}}
	}
	var items []string
	for _, p := range f.places {
		var ms []string
		for _, m := range p.meetings {
			ms = append(ms, fmt.Sprintf("%s (%s)", m.title, dateRange(l, m.start, m.end)))
		}
		items = append(items, l.T("sum.saved.place", dash(p.city), l.T(fmt.Sprintf("sum.half%d", p.half), p.year),
			joinAnd(l, ms), l.Int(int64(p.states))))
	}
	return []Block{&Para{l.T("sum.saved.intro", l.Int(int64(f.all.saveable)), l.Int(int64(f.all.trips)),
		l.Percent(ratio(f.all.saveable, f.all.trips), 1))}, &List{Items: capItems(l, items)}}
}

// upcomingSection is what the twelve months after the as-of date hold: the pairs
// that risk a clash or miss a back-to-back opportunity, the meetings dated in the
// window, and the planned meetings not yet dated to the day.
func (b *builder) upcomingSection(w upcomingWindow) Section {
	l := b.l
	if !w.known {
		return Section{ID: "summary-upcoming", Level: 3, Lead: true, Title: l.T("sum.upcoming.untimed"),
			Blocks: []Block{&Para{l.T("sum.up.no_asof")}}}
	}
	first := w.from
	if d, err := time.Parse(time.DateOnly, w.from); err == nil {
		first = d.AddDate(0, 0, 1).Format(time.DateOnly)
	}
	sec := Section{ID: "summary-upcoming", Level: 3, Lead: true,
		Title:  l.T("sum.upcoming", day1(l, first), day1(l, w.until)),
		Blocks: []Block{&Para{l.T("sum.upcoming.intro", day1(l, w.from))}}}
	switch {
	case len(w.pairs) > 0:
		var items []string
		for _, p := range w.pairs {
			items = append(items, upcomingItem(l, p))
		}
		sec.Blocks = append(sec.Blocks, &List{Items: capItems(l, items)})
	case len(w.dated) == 0:
		sec.Blocks = append(sec.Blocks, &Para{l.T("sum.up.none_dated")})
	default:
		sec.Blocks = append(sec.Blocks, &Para{l.T("sum.up.none", upcomingGapMax, len(w.dated))})
	}
	if len(w.dated) > 0 {
		sec.Blocks = append(sec.Blocks, &Para{l.T("sum.up.dated")}, &List{Items: capItems(l, meetingItems(l, w.dated, false))})
	}
	if len(w.undated) > 0 {
		sec.Blocks = append(sec.Blocks, &Para{l.T("sum.up.undated")}, &List{Items: capItems(l, meetingItems(l, w.undated, true))})
	}
	return sec
}

// upcomingItem says what a coming pair risks or misses.
func upcomingItem(l Lang, p upcomingPair) string {
	a, c := dateRange(l, p.a.start, p.a.end), dateRange(l, p.b.start, p.b.end)
	var s string
	switch p.relation {
	case "clash":
		s = l.T("sum.up.clash", p.a.title, a, dash(p.a.city), p.b.title, c, dash(p.b.city), l.Count(p.parties))
	case "concurrent":
		s = l.T("sum.up.concurrent", p.a.title, a, p.b.title, c, dash(p.a.city), l.Count(p.parties))
	default:
		s = l.T("sum.up.window", p.a.title, a, p.b.title, c, dash(p.a.city), l.Count(p.gap), l.Count(p.parties))
	}
	if p.sameFamily {
		s += " " + l.T("sum.up.same_family", p.family)
	}
	return s
}

// meetingItems lists meetings by title, dates (as the source gave them when not
// known to the day), city and status.
func meetingItems(l Lang, ms []summaryMeeting, undated bool) []string {
	var out []string
	for _, m := range ms {
		when := dateRange(l, m.start, m.end)
		if undated {
			when = dash(m.startText)
		}
		if m.city == "" {
			out = append(out, l.T("sum.up.meeting_nocity", m.title, when, l.status(m.status)))
		} else {
			out = append(out, l.T("sum.up.meeting", m.title, when, m.city, l.status(m.status)))
		}
	}
	return out
}

// capItems keeps the first summaryItems items of a list and says how many more the
// detail holds, so the summary stays on one page.
func capItems(l Lang, items []string) []string {
	if len(items) <= summaryItems {
		return items
	}
	return append(items[:summaryItems:summaryItems], l.T("sum.more", len(items)-summaryItems))
}
