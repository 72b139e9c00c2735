package report

import (
	"fmt"
	"slices"
	"strings"
)

// rec8 writes the chapter on Recommendation 8, a coherent calendar: the timeline,
// coherence by year and the states grouped by what a coherent calendar saves them,
// then its key figures.
func (b *builder) rec8(r *Report) error {
	r.Sections = append(r.Sections, Section{ID: "rec8", Level: 2, Title: b.l.T("sec.rec8")})
	tl, err := b.rec8Timeline()
	if err != nil {
		return err
	}
	timelineSec, err := b.timelineSection(tl)
	if err != nil {
		return err
	}
	years, err := b.rec8Years()
	if err != nil {
		return err
	}
	states, err := b.rec8States()
	if err != nil {
		return err
	}
	r.Sections = append(r.Sections, timelineSec, years, states)
	r.Key = append(r.Key, b.rec8Key(tl)...)
	return nil
}

// timelineMeeting is one bar of the Rec 8 timeline and a row of its table.
type timelineMeeting struct {
	ID, Instrument, Body, Code string
	Title                      string // the meeting's name, which the tables show
	Start, End                 string // YYYY-MM-DD
	City, Status               string
	source                     meetingSource
}

// meetingSource is where a timeline meeting's row came from; line is as read, nil
// for NULL.
type meetingSource struct {
	file string
	line any
	url  string
}

// timelinePair is a pair of timeline meetings: a clash or back-to-back pair drawn on
// the timeline and a row of the marked-pairs table, or a pair sharing a trip.
type timelinePair struct {
	A, B       string // meeting ids
	Relation   string
	SameFamily bool
	figures    pairFigures
}

// pairFigures are the figures the marked-pairs table shows for a pair, as read
// (nil for NULL).
type pairFigures struct {
	sameFamily, gap, sharedParties, jaccard, coherence, clashCost any
	themes                                                        []string
}

// timeline is the model of the Rec 8 timeline section.
type timeline struct {
	meetings []timelineMeeting
	pairs    []timelinePair // marked (clash or back to back), both meetings on the timeline
	trips    []timelinePair // sharing a trip (same city, at most 2 working days apart), both on the timeline
	names    map[string]string
}

// name returns the title of the timeline meeting id, or id when it has none.
func (tl timeline) name(id string) string {
	if n := tl.names[id]; n != "" {
		return n
	}
	return id
}

// rec8Timeline reads the period's Rec 8 meetings, the clash and back-to-back pairs
// between them and the pairs that share a trip.
func (b *builder) rec8Timeline() (timeline, error) {
	ms, err := b.query("rec8_timeline_meetings", b.p.From, b.p.To)
	if err != nil {
		return timeline{}, err
	}
	ps, err := b.query("rec8_timeline_pairs", b.p.From, b.p.To)
	if err != nil {
		return timeline{}, err
	}
	return shapeTimeline(ms, ps), nil
}

// shapeTimeline turns the rows of the timeline queries into the section's model; a
// pair is kept only when both its meetings are on the timeline.
func shapeTimeline(ms, ps rows) timeline {
	tl := timeline{names: map[string]string{}}
	shown := map[string]bool{}
	for i := 0; i < ms.len(); i++ {
		m := timelineMeeting{ID: ms.str(i, "meeting_id"), Instrument: ms.str(i, "instrument_id"), Body: ms.str(i, "body"),
			Title: ms.str(i, "title"),
			Code:  ms.str(i, "code"), Start: ms.str(i, "start_date"), End: ms.str(i, "end_date"), City: ms.str(i, "city"),
			Status: ms.str(i, "status"), source: meetingSource{file: ms.str(i, "source_file"),
				line: ms.val(i, "source_line"), url: ms.str(i, "source_url")}}
		tl.meetings = append(tl.meetings, m)
		tl.names[m.ID] = m.Title
		shown[m.ID] = true
	}
	for i := 0; i < ps.len(); i++ {
		a, c := ps.str(i, "meeting_id_a"), ps.str(i, "meeting_id_b")
		if !shown[a] || !shown[c] {
			continue
		}
		p := timelinePair{A: a, B: c, Relation: ps.str(i, "relation"),
			SameFamily: ps.val(i, "same_family") == true, figures: pairFigures{sameFamily: ps.val(i, "same_family"),
				gap: ps.val(i, "gap_working_days"), sharedParties: ps.val(i, "shared_parties"), jaccard: ps.val(i, "jaccard"),
				coherence: ps.val(i, "coherence"), clashCost: ps.val(i, "clash_cost"), themes: ps.list(i, "shared_themes")}}
		if ps.val(i, "marked") == true {
			tl.pairs = append(tl.pairs, p)
		}
		if ps.val(i, "shares_trip") == true {
			tl.trips = append(tl.trips, p)
		}
	}
	return tl
}

// timelineSection draws the timeline and lays out its section.
func (b *builder) timelineSection(tl timeline) (Section, error) {
	l, pl := b.l, b.p.label(b.l)
	sec := Section{ID: "rec8-timeline", Level: 3, Title: l.T("sec.rec8.timeline", pl)}
	if len(tl.meetings) == 0 {
		sec.Blocks = append(sec.Blocks, &Para{l.T("p.no_meetings", pl)})
	} else {
		svg, err := timelineChart(l, b.p, tl.meetings, tl.pairs)
		if err != nil {
			return Section{}, &ChartError{Chart: "timeline", Err: err}
		}
		sec.Blocks = append(sec.Blocks, &Para{l.T("p.timeline")},
			&Figure{ID: "fig-timeline", Caption: l.T("fig.timeline", pl), SVG: svg, Data: timelineTable(l, b.names, tl)})
		if len(tl.pairs) == 0 {
			sec.Blocks = append(sec.Blocks, &Para{l.T("p.no_marked_pairs", pl)})
		} else {
			sec.Blocks = append(sec.Blocks, markedPairsTable(l, tl))
		}
	}
	var files []string
	for _, m := range tl.meetings {
		files = append(files, m.source.file)
	}
	sec.Blocks = append(sec.Blocks, b.prov([]string{"state_year_burden", "meetings_enriched", "meeting_pairs"},
		[]string{"meetings", "membership", "depositary", "agendas", "standing_agendas"}, files))
	return sec, nil
}

// timelineTable is the table of the meetings the timeline plots.
func timelineTable(l Lang, n names, tl timeline) *Table {
	t := &Table{ID: "rec8-timeline-data", Header: []string{l.T("col.meeting"), l.T("col.instrument"), l.T("col.body"),
		l.T("col.start"), l.T("col.end"), l.T("col.city"), l.T("col.status"), l.T("col.source"), l.T("col.source_url")}}
	for _, m := range tl.meetings {
		t.Rows = append(t.Rows, []string{tl.name(m.ID), n.inst(m.Instrument), n.body(m.Instrument, m.Body), m.Start, m.End, dash(m.City),
			l.status(m.Status), srcLine(m.source.file, m.source.line), dash(m.source.url)})
	}
	return t
}

// markedPairsTable is the table of the pairs the timeline marks.
func markedPairsTable(l Lang, tl timeline) *Table {
	t := &Table{ID: "rec8-marked-pairs", Header: []string{l.T("rec8.col.meeting_a"), l.T("rec8.col.meeting_b"), l.T("col.relation"),
		l.T("col.same_family"), l.T("col.gap"), l.T("col.shared_parties"), l.T("col.jaccard"), l.T("col.shared_themes"),
		l.T("col.coherence"), l.T("col.clash_cost")},
		Numeric: []bool{false, false, false, false, true, true, true, false, true, true}}
	for _, p := range tl.pairs {
		f := p.figures
		var themes []string
		for _, th := range f.themes {
			themes = append(themes, l.Theme(th))
		}
		t.Rows = append(t.Rows, []string{tl.name(p.A), tl.name(p.B), l.Relation(p.Relation), l.Bool(f.sameFamily),
			l.Count(f.gap), l.Count(f.sharedParties), l.Ratio(f.jaccard),
			dash(strings.Join(themes, ", ")), l.Ratio(f.coherence), l.Ratio(f.clashCost)})
	}
	return t
}

// rec8Years is coherence by year: the chart over every year year_coherence holds
// up to the period's end, and the calendar and delegation tables over the last
// Options.History years, with a total row for a range of years.
func (b *builder) rec8Years() (Section, error) {
	l, pl := b.l, b.p.label(b.l)
	sec := Section{ID: "rec8-years", Level: 3, Title: l.T("sec.rec8.years", pl)}
	years := make([]int, 0, len(b.years))
	for y := range b.years {
		years = append(years, y)
	}
	slices.Sort(years)
	if len(years) == 0 {
		sec.Blocks = append(sec.Blocks, &Para{l.T("p.no_meetings", pl)}, b.prov([]string{"year_coherence"}, srcRec8, nil))
		return sec, nil
	}
	trips, err := tripsChart(l, b.p, tripsSeries(b.years, years))
	if err != nil {
		return Section{}, &ChartError{Chart: "trips", Err: err}
	}
	svg, err := coherenceChart(l, b.p, coherenceSeries(b.years, years))
	if err != nil {
		return Section{}, &ChartError{Chart: "coherence", Err: err}
	}
	cal, del := b.yearTables(years)
	sec.Blocks = append(sec.Blocks, &Para{l.T("rec8.p.years")},
		&Figure{ID: "fig-trips", Caption: l.T("fig.trips"), SVG: trips},
		&Figure{ID: "fig-coherence", Caption: l.T("fig.coherence"), SVG: svg, Data: del}, cal,
		b.prov([]string{"year_coherence"}, srcRec8, nil))
	return sec, nil
}

// coherenceSeries is the coherence chart's points, one per year.
func coherenceSeries(byYear map[int]map[string]yearRow, years []int) []coherencePoint {
	var series []coherencePoint
	for _, y := range years {
		all := byYear[y]["any"]
		series = append(series, coherencePoint{Year: y, Any: all.index, Clearance: byYear[y]["clearance"].index,
			VA: byYear[y]["victim_assistance"].index, Share: all.share})
	}
	return series
}

// yearTables are the calendar and delegation tables of the last Options.History
// years, the period's rows highlighted, with a total row for a range of years.
func (b *builder) yearTables(years []int) (cal, del *Table) {
	l := b.l
	cal = &Table{ID: "rec8-years-calendar", Header: []string{l.T("col.year"), l.T("col.meetings"), l.T("col.pairs"), l.T("col.clash"),
		l.T("col.concurrent"), l.T("col.b2b"), l.T("col.window"), l.T("col.separate"), l.T("col.same_family_pairs"),
		l.T("col.share_b2b"), l.T("col.clash_shared")}, Numeric: []bool{false, true, true, true, true, true, true, true, true, true, true}}
	del = &Table{ID: "rec8-years-delegations", Header: []string{l.T("col.year"), l.T("col.state_meetings"), l.T("col.trips"),
		l.T("col.lower_bound"), l.T("col.saveable"), l.T("col.coh_index"), l.T("col.coh_clear"), l.T("col.coh_va")},
		Numeric: []bool{false, true, true, true, true, true, true, true}}
	first := b.p.To - b.o.History + 1
	for _, y := range years {
		if y < first {
			continue
		}
		label, themes := fmt.Sprint(y), b.years[y]
		cal.add(b.p.contains(y), calendarRow(l, label, themes["any"]))
		del.add(b.p.contains(y), delegationRow(l, label, themes["any"], themes["clearance"], themes["victim_assistance"]))
	}
	if b.p.From != b.p.To {
		all, _ := b.periodYears(b.p, "any")
		clear, _ := b.periodYears(b.p, "clearance")
		va, _ := b.periodYears(b.p, "victim_assistance")
		cal.add(true, calendarRow(l, b.p.label(l), all))
		del.add(true, delegationRow(l, b.p.label(l), all, clear, va))
	}
	return cal, del
}

func calendarRow(l Lang, label string, y yearRow) []string {
	return []string{label, l.Int(int64(y.meetings)), l.Int(int64(y.pairs)), l.Int(int64(y.clash)), l.Int(int64(y.concurrent)),
		l.Int(int64(y.b2b)), l.Int(int64(y.window)), l.Int(int64(y.separate)), l.Int(int64(y.sameFamily)),
		l.Ratio(y.share), l.Int(int64(y.clashShared))}
}

func delegationRow(l Lang, label string, all, clear, va yearRow) []string {
	return []string{label, l.Int(int64(all.stateMeetings)), l.Int(int64(all.trips)), l.Int(int64(all.lower)),
		l.Int(int64(all.saveable)), indexText(l, all), indexText(l, clear), indexText(l, va)}
}

// indexText is a year's coherence index, or an em dash where it is not defined:
// where state-meetings equal the lower bound there was nothing a calendar could
// merge, so there is nothing to measure (not a perfect score).
func indexText(l Lang, y yearRow) string {
	if !indexDefined(y) {
		return "—"
	}
	return l.Ratio(y.index)
}

// indexDefined reports whether y's coherence index is defined: some state-meeting
// could have been merged into another trip.
func indexDefined(y yearRow) bool { return y.travelled() > y.lower }

// stateProfile is a group of states with the same Rec 8 figures summed over the
// period, as read (nil for NULL).
type stateProfile struct {
	meetings, remote, trips, lower, saveable, states any
	names, ids                                       []string
}

// mergeableMeeting is a meeting some states could have merged with another.
type mergeableMeeting struct {
	id, title, instrument, start, city string
	states                             any
}

// stateTotals is how many states had Rec 8 meetings in the period and how many of
// them could save a trip (nil without rows).
type stateTotals struct{ saving, total any }

// rec8States is the states grouped by what a coherent calendar would have saved
// them, and the meetings it would have merged.
func (b *builder) rec8States() (Section, error) {
	st, err := b.query("rec8_states", b.p.From, b.p.To)
	if err != nil {
		return Section{}, err
	}
	var mm rows
	if st.len() > 0 {
		if mm, err = b.query("rec8_states_mergeable", b.p.From, b.p.To); err != nil {
			return Section{}, err
		}
	}
	var totals stateTotals
	if st.len() > 0 {
		totals = stateTotals{saving: st.val(0, "states_saving"), total: st.val(0, "states_total")}
	}
	return b.statesSection(shapeProfiles(st), totals, shapeMergeable(mm)), nil
}

// shapeProfiles returns the rows of rec8_states (or state_peers, which has the
// same columns) as profiles, in the query's order (most trips saveable first).
func shapeProfiles(st rows) []stateProfile {
	var out []stateProfile
	for i := 0; i < st.len(); i++ {
		out = append(out, stateProfile{meetings: st.val(i, "meetings"), remote: st.val(i, "remote_meetings"),
			trips: st.val(i, "trips"),
			lower: st.val(i, "trips_lower_bound"), saveable: st.val(i, "trips_saveable"), states: st.val(i, "states"),
			names: st.list(i, "names"), ids: st.list(i, "state_ids")})
	}
	return out
}

// shapeMergeable turns the rows of rec8_states_mergeable into mergeable meetings.
func shapeMergeable(mm rows) []mergeableMeeting {
	var out []mergeableMeeting
	for i := 0; i < mm.len(); i++ {
		out = append(out, mergeableMeeting{id: mm.str(i, "meeting_id"), title: mm.str(i, "title"),
			instrument: mm.str(i, "instrument_id"), start: mm.str(i, "start_date"), city: mm.str(i, "city"),
			states: mm.val(i, "states")})
	}
	return out
}

// statesSection lays out the states section: the first Options.TopStates profiles,
// a sentence for the rest, what a coherent calendar saves and the meetings it
// merges.
func (b *builder) statesSection(profiles []stateProfile, totals stateTotals, mergeable []mergeableMeeting) Section {
	l, pl := b.l, b.p.label(b.l)
	sec := Section{ID: "rec8-states", Level: 3, Title: l.T("rec8.sec.states", pl)}
	if len(profiles) == 0 {
		sec.Blocks = append(sec.Blocks, &Para{l.T("p.no_meetings", pl)})
	} else {
		shown := profiles[:min(len(profiles), b.o.TopStates)]
		sec.Blocks = append(sec.Blocks, &Para{l.T("rec8.p.states", l.Count(totals.saving), l.Count(totals.total), pl)},
			profilesTable(l, b.names, "rec8-state-profiles", shown))
		if rest := profiles[len(shown):]; len(rest) > 0 {
			n := 0.0
			for _, p := range rest {
				n += num(p.states)
			}
			sec.Blocks = append(sec.Blocks, &Para{l.T("rec8.p.states_more", len(rest), l.Int(int64(n)))})
		}
		all, _ := b.periodYears(b.p, "any")
		sec.Blocks = append(sec.Blocks, &Para{l.T("p.saved", pl, l.Int(int64(all.saveable))+" ("+l.Percent(ratio(all.saveable, all.trips), 1)+")",
			l.Int(int64(all.trips)), l.Int(int64(all.lower)))})
		if len(mergeable) > 0 {
			sec.Blocks = append(sec.Blocks, mergeableTable(l, b.names, mergeable))
		}
	}
	sec.Blocks = append(sec.Blocks, b.prov([]string{"state_year_burden", "states", "meetings_enriched", "year_coherence"},
		append([]string{"states"}, srcRec8...), nil))
	return sec
}

// profilesTable ranks the profiles by trips saveable; each row lists its states by
// name, with their codes.
func profilesTable(l Lang, nm names, id string, profiles []stateProfile) *Table {
	t := &Table{ID: id, Header: []string{l.T("col.rank"), l.T("col.saveable"), l.T("col.trips"),
		l.T("rec8.col.fewest"), l.T("col.meetings"), l.T("col.coh_index"), l.T("rec8.col.n_states"), l.T("col.states")},
		Numeric: []bool{true, true, true, true, true, true, true, false}}
	for i, p := range profiles {
		var names []string
		for j, n := range p.names {
			if j < len(p.ids) && p.ids[j] != n {
				n = fmt.Sprintf("%s (%s)", nm.state(p.ids[j], n), p.ids[j])
			}
			names = append(names, n)
		}
		index := "—"
		// Remote meetings are no journey: neither trips nor mergeable.
		if m, lo := num(p.meetings)-num(p.remote), num(p.lower); m > lo {
			index = l.Float((m-num(p.trips))/(m-lo), 2)
		}
		t.Rows = append(t.Rows, []string{fmt.Sprint(i + 1), l.Count(p.saveable), l.Count(p.trips), l.Count(p.lower),
			l.Count(p.meetings), index, l.Count(p.states), strings.Join(names, ", ")})
	}
	return t
}

func mergeableTable(l Lang, n names, ms []mergeableMeeting) *Table {
	t := &Table{ID: "rec8-mergeable", Header: []string{l.T("col.meeting"), l.T("col.instrument"), l.T("col.start"),
		l.T("col.city"), l.T("col.states")}, Numeric: []bool{false, false, false, false, true}}
	for _, m := range ms {
		name := m.title
		if name == "" {
			name = m.id
		}
		t.Rows = append(t.Rows, []string{name, n.inst(m.instrument), m.start, dash(m.city), l.Count(m.states)})
	}
	return t
}

// rec8Key is the chapter's key figures, summed over the period: the meetings and
// pairs, then the delegation trips taken, the fewest possible and the trips
// saveable; the coherence index only where it is defined, with the state-meetings
// behind it; and the pairs of meetings that shared a trip, the CCW family's apart
// from those across families.
func (b *builder) rec8Key(tl timeline) []string {
	l, pl := b.l, b.p.label(b.l)
	all, _ := b.periodYears(b.p, "any")
	clear, _ := b.periodYears(b.p, "clearance")
	va, _ := b.periodYears(b.p, "victim_assistance")
	key := []string{
		l.T("head.meetings", pl, l.Int(int64(all.meetings)), l.Int(int64(clear.meetings)), l.Int(int64(va.meetings))),
		l.T("head.pairs", l.Int(int64(all.pairs)), l.Int(int64(all.clash)), l.Int(int64(all.b2b)), l.Int(int64(all.sameFamily))),
		l.T("rec8.head.trips", pl, l.Int(int64(all.trips)), l.Int(int64(all.stateMeetings)), l.Int(int64(all.lower)),
			l.Int(int64(all.saveable)), l.Percent(ratio(all.saveable, all.trips), 1)),
	}
	if all.remote > 0 {
		key = append(key, l.T("rec8.head.remote", l.Int(int64(all.remote))))
	}
	if !indexDefined(all) {
		return append(key, l.T("rec8.head.no_index", pl))
	}
	key = append(key, l.T("rec8.head.index", l.Ratio(all.index), l.Int(int64(all.travelled()-all.trips)),
		l.Int(int64(all.travelled()-all.lower)), l.Int(int64(all.stateMeetings))))
	var cross, same, crossStates, sameStates int
	for _, p := range tl.trips {
		if p.SameFamily {
			same++
			sameStates += intOf(p.figures.sharedParties)
		} else {
			cross++
			crossStates += intOf(p.figures.sharedParties)
		}
	}
	line := l.T("rec8.head.shared_trips", l.Int(int64(cross)), l.Int(int64(crossStates)), l.Int(int64(same)), l.Int(int64(sameStates)))
	// With no cross-family pair sharing a trip, every merged meeting is one of a
	// single family's: the index measures that family's week, not coherence across
	// instruments.
	if cross == 0 && all.travelled() > all.trips {
		line += " " + l.T("rec8.head.same_family_only")
	}
	return append(key, line)
}
