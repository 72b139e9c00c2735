package report

import (
	"fmt"
	"slices"
	"strings"
)

// timelineMeeting is one bar of the Rec 8 timeline.
type timelineMeeting struct {
	ID, Instrument, Body, Code string
	Start, End                 string // YYYY-MM-DD
	City, Status               string
}

// timelinePair is a clash or back-to-back pair drawn on the timeline.
type timelinePair struct {
	A, B       string // meeting ids
	Relation   string
	SameFamily bool
}

func (b *builder) rec8(r *Report) error {
	l := b.l
	pl := b.p.label(l)
	r.Sections = append(r.Sections, Section{ID: "rec8", Level: 2, Title: l.T("sec.rec8")})

	// Timeline.
	ms, err := b.query("rec8 meetings", `
		with ids as (
			select distinct unnest(meeting_ids) as meeting_id
			from state_year_burden where year between $1 and $2
		)
		select m.meeting_id, m.instrument_id, m.body, m.code, m.start_date, m.end_date,
			m.city, m.status, m.source_file, m.source_line, m.source_url
		from meetings_enriched as m
		inner join ids using (meeting_id)
		order by m.start_date, m.meeting_id`, b.p.From, b.p.To)
	if err != nil {
		return err
	}
	ps, err := b.query("rec8 marked pairs", `
		select meeting_id_a, meeting_id_b, instrument_a, instrument_b, relation, same_family,
			gap_working_days, shared_parties, jaccard, shared_themes, coherence, clash_cost
		from meeting_pairs
		where year(start_a) between $1 and $2
			and relation in ('clash', 'back_to_back')
			and (both_clearance or both_victim_assistance)
		order by start_a, meeting_id_a, meeting_id_b`, b.p.From, b.p.To)
	if err != nil {
		return err
	}
	var meetings []timelineMeeting
	shown := map[string]bool{}
	var files []string
	data := &Table{ID: "rec8-timeline-data", Header: []string{l.T("col.meeting"), l.T("col.instrument"), l.T("col.body"),
		l.T("col.start"), l.T("col.end"), l.T("col.city"), l.T("col.status"), l.T("col.source"), l.T("col.source_url")}}
	for i := 0; i < ms.len(); i++ {
		m := timelineMeeting{ID: ms.str(i, "meeting_id"), Instrument: ms.str(i, "instrument_id"), Body: ms.str(i, "body"),
			Code: ms.str(i, "code"), Start: ms.str(i, "start_date"), End: ms.str(i, "end_date"), City: ms.str(i, "city"),
			Status: ms.str(i, "status")}
		meetings = append(meetings, m)
		shown[m.ID] = true
		files = append(files, ms.str(i, "source_file"))
		data.Rows = append(data.Rows, []string{m.ID, m.Instrument, m.Body, m.Start, m.End, dash(m.City),
			b.statusLabel(m.Status), srcLine(ms.str(i, "source_file"), ms.val(i, "source_line")), dash(ms.str(i, "source_url"))})
	}
	var pairs []timelinePair
	pairTable := &Table{ID: "rec8-marked-pairs", Header: []string{l.T("col.pair"), l.T("col.relation"), l.T("col.same_family"),
		l.T("col.gap"), l.T("col.shared_parties"), l.T("col.jaccard"), l.T("col.shared_themes"), l.T("col.coherence"), l.T("col.clash_cost")},
		Numeric: []bool{false, false, false, true, true, true, false, true, true}}
	for i := 0; i < ps.len(); i++ {
		a, c := ps.str(i, "meeting_id_a"), ps.str(i, "meeting_id_b")
		if !shown[a] || !shown[c] {
			continue
		}
		p := timelinePair{A: a, B: c, Relation: ps.str(i, "relation"), SameFamily: ps.val(i, "same_family") == true}
		pairs = append(pairs, p)
		var themes []string
		for _, t := range ps.list(i, "shared_themes") {
			themes = append(themes, l.Theme(t))
		}
		pairTable.Rows = append(pairTable.Rows, []string{l.T("fmt.pair", a, c), l.Relation(p.Relation), l.Bool(ps.val(i, "same_family")),
			l.Count(ps.val(i, "gap_working_days")), l.Count(ps.val(i, "shared_parties")), l.Ratio(ps.val(i, "jaccard")),
			dash(strings.Join(themes, ", ")), l.Ratio(ps.val(i, "coherence")), l.Ratio(ps.val(i, "clash_cost"))})
	}
	sec := Section{ID: "rec8-timeline", Level: 3, Title: l.T("sec.rec8.timeline", pl)}
	if len(meetings) == 0 {
		sec.Blocks = append(sec.Blocks, &Para{l.T("p.no_meetings", pl)})
	} else {
		svg, err := timelineChart(l, b.p, meetings, pairs)
		if err != nil {
			return &ChartError{Chart: "timeline", Err: err}
		}
		sec.Blocks = append(sec.Blocks, &Para{l.T("p.timeline")},
			&Figure{ID: "fig-timeline", Caption: l.T("fig.timeline", pl), SVG: svg, Data: data})
		if len(pairTable.Rows) == 0 {
			sec.Blocks = append(sec.Blocks, &Para{l.T("p.no_marked_pairs", pl)})
		} else {
			sec.Blocks = append(sec.Blocks, pairTable)
		}
	}
	sec.Blocks = append(sec.Blocks, b.prov([]string{"state_year_burden", "meetings_enriched", "meeting_pairs"},
		[]string{"meetings", "membership", "depositary", "agendas", "standing_agendas"}, files))
	r.Sections = append(r.Sections, sec)

	// Coherence by year.
	sec = Section{ID: "rec8-years", Level: 3, Title: l.T("sec.rec8.years", pl)}
	var years []int
	for y := range b.years {
		years = append(years, y)
	}
	slices.Sort(years)
	var series []coherencePoint
	for _, y := range years {
		all := b.years[y]["any"]
		series = append(series, coherencePoint{Year: y, Any: all.index, Clearance: b.years[y]["clearance"].index,
			VA: b.years[y]["victim_assistance"].index, Share: all.share})
	}
	cal := &Table{ID: "rec8-years-calendar", Header: []string{l.T("col.year"), l.T("col.meetings"), l.T("col.pairs"), l.T("col.clash"),
		l.T("col.concurrent"), l.T("col.b2b"), l.T("col.window"), l.T("col.separate"), l.T("col.same_family_pairs"),
		l.T("col.share_b2b"), l.T("col.clash_shared")}, Numeric: []bool{false, true, true, true, true, true, true, true, true, true, true}}
	del := &Table{ID: "rec8-years-delegations", Header: []string{l.T("col.year"), l.T("col.state_meetings"), l.T("col.trips"),
		l.T("col.lower_bound"), l.T("col.saveable"), l.T("col.coh_index"), l.T("col.coh_clear"), l.T("col.coh_va")},
		Numeric: []bool{false, true, true, true, true, true, true, true}}
	calRow := func(label string, y yearRow) []string {
		return []string{label, l.Int(int64(y.meetings)), l.Int(int64(y.pairs)), l.Int(int64(y.clash)), l.Int(int64(y.concurrent)),
			l.Int(int64(y.b2b)), l.Int(int64(y.window)), l.Int(int64(y.separate)), l.Int(int64(y.sameFamily)),
			l.Ratio(y.share), l.Int(int64(y.clashShared))}
	}
	delRow := func(label string, all, clear, va yearRow) []string {
		return []string{label, l.Int(int64(all.stateMeetings)), l.Int(int64(all.trips)), l.Int(int64(all.lower)),
			l.Int(int64(all.saveable)), l.Ratio(all.index), l.Ratio(clear.index), l.Ratio(va.index)}
	}
	first := b.p.To - b.o.History + 1
	for _, y := range years {
		if y < first {
			continue
		}
		label := fmt.Sprint(y)
		cal.add(b.p.contains(y), calRow(label, b.years[y]["any"]))
		del.add(b.p.contains(y), delRow(label, b.years[y]["any"], b.years[y]["clearance"], b.years[y]["victim_assistance"]))
	}
	if b.p.From != b.p.To {
		all, _ := b.periodYears(b.p, "any")
		clear, _ := b.periodYears(b.p, "clearance")
		va, _ := b.periodYears(b.p, "victim_assistance")
		cal.add(true, calRow(pl, all))
		del.add(true, delRow(pl, all, clear, va))
	}
	if len(series) > 0 {
		svg, err := coherenceChart(l, b.p, series)
		if err != nil {
			return &ChartError{Chart: "coherence", Err: err}
		}
		sec.Blocks = append(sec.Blocks, &Para{l.T("p.years")},
			&Figure{ID: "fig-coherence", Caption: l.T("fig.coherence"), SVG: svg, Data: del}, cal)
	} else {
		sec.Blocks = append(sec.Blocks, &Para{l.T("p.no_meetings", pl)})
	}
	sec.Blocks = append(sec.Blocks, b.prov([]string{"year_coherence"}, srcRec8, nil))
	r.Sections = append(r.Sections, sec)

	// States.
	sec = Section{ID: "rec8-states", Level: 3, Title: l.T("sec.rec8.states", pl)}
	st, err := b.query("rec8 states", `
		with per_state as (
			select b.state_id, any_value(s.name) as name,
				sum(b.meetings) as meetings,
				sum(b.clearance_meetings) as clearance_meetings,
				sum(b.victim_assistance_meetings) as victim_assistance_meetings,
				sum(b.trips) as trips,
				sum(b.trips_lower_bound) as trips_lower_bound,
				sum(b.trips_saveable) as trips_saveable,
				list_sort(list_distinct(flatten(list(b.mergeable_meetings)))) as mergeable_meetings
			from state_year_burden as b
			left join states as s using (state_id)
			where b.year between $1 and $2
			group by b.state_id
		)
		select *,
			case when meetings = trips_lower_bound then 1.0
				else (meetings - trips) / (meetings - trips_lower_bound) end as coherence_index,
			count(*) filter (where trips_saveable > 0) over () as states_saving
		from per_state
		order by trips desc, trips_saveable desc, meetings desc, state_id`, b.p.From, b.p.To)
	if err != nil {
		return err
	}
	all, _ := b.periodYears(b.p, "any")
	if st.len() == 0 {
		sec.Blocks = append(sec.Blocks, &Para{l.T("p.no_meetings", pl)})
	} else {
		n := min(b.o.TopStates, st.len())
		sec.Blocks = append(sec.Blocks, &Para{l.T("p.states", l.Count(st.val(0, "states_saving")), n)})
		t := &Table{ID: "rec8-states", Header: []string{l.T("col.state"), l.T("col.meetings"), l.T("col.clearance"), l.T("col.va"),
			l.T("col.trips"), l.T("col.lower_bound"), l.T("col.saveable"), l.T("col.coh_index"), l.T("col.mergeable")},
			Numeric: []bool{false, true, true, true, true, true, true, true, false}}
		for i := 0; i < n; i++ {
			t.Rows = append(t.Rows, []string{fmt.Sprintf("%s (%s)", st.str(i, "name"), st.str(i, "state_id")),
				l.Count(st.val(i, "meetings")), l.Count(st.val(i, "clearance_meetings")), l.Count(st.val(i, "victim_assistance_meetings")),
				l.Count(st.val(i, "trips")), l.Count(st.val(i, "trips_lower_bound")), l.Count(st.val(i, "trips_saveable")),
				l.Ratio(st.val(i, "coherence_index")), dash(strings.Join(st.list(i, "mergeable_meetings"), ", "))})
		}
		sec.Blocks = append(sec.Blocks, t)
		share := 0.0
		if all.trips > 0 {
			share = all.saveable / all.trips
		}
		sec.Blocks = append(sec.Blocks, &Para{l.T("p.saved", pl, l.Int(int64(all.saveable))+" ("+l.Percent(share, 1)+")",
			l.Int(int64(all.trips)), l.Int(int64(all.lower)))})
		mm, err := b.query("rec8 mergeable", `
			with m as (
				select unnest(mergeable_meetings) as meeting_id, state_id
				from state_year_burden where year between $1 and $2
			)
			select m.meeting_id, e.instrument_id, e.start_date, e.city,
				count(distinct m.state_id) as states
			from m
			left join meetings_enriched as e using (meeting_id)
			group by all
			order by states desc, e.start_date, m.meeting_id`, b.p.From, b.p.To)
		if err != nil {
			return err
		}
		mt := &Table{ID: "rec8-mergeable", Header: []string{l.T("col.meeting"), l.T("col.instrument"), l.T("col.start"),
			l.T("col.city"), l.T("col.states")}, Numeric: []bool{false, false, false, false, true}}
		for i := 0; i < mm.len(); i++ {
			mt.Rows = append(mt.Rows, []string{mm.str(i, "meeting_id"), mm.str(i, "instrument_id"), mm.str(i, "start_date"),
				dash(mm.str(i, "city")), l.Count(mm.val(i, "states"))})
		}
		if len(mt.Rows) > 0 {
			sec.Blocks = append(sec.Blocks, mt)
		}
	}
	sec.Blocks = append(sec.Blocks, b.prov([]string{"state_year_burden", "states", "meetings_enriched", "year_coherence"}, append([]string{"states"}, srcRec8...), nil))
	r.Sections = append(r.Sections, sec)

	// Key figures.
	clear, _ := b.periodYears(b.p, "clearance")
	va, _ := b.periodYears(b.p, "victim_assistance")
	r.Key = append(r.Key,
		l.T("head.meetings", pl, l.Int(int64(all.meetings)), l.Int(int64(clear.meetings)), l.Int(int64(va.meetings))),
		l.T("head.pairs", l.Int(int64(all.pairs)), l.Int(int64(all.clash)), l.Int(int64(all.b2b)), l.Int(int64(all.sameFamily))),
		l.T("head.trips", l.Int(int64(all.stateMeetings)), l.Int(int64(all.trips)), l.Int(int64(all.lower)),
			l.Int(int64(all.saveable)), l.Percent(ratio(all.saveable, all.trips), 1), l.Ratio(all.index)))
	return nil
}

func ratio(a, b float64) float64 {
	if b == 0 {
		return 0
	}
	return a / b
}

func dash(s string) string {
	if s == "" {
		return "—"
	}
	return s
}
