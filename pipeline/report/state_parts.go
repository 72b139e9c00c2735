package report

import (
	"fmt"
	"strings"
)

// stateInstrument is one instrument × spell of a state's participation, as read;
// an instrument the state never took part in has empty dates.
type stateInstrument struct {
	id, name, signature, consent, kind, eif, notified, effective string
	derived                                                      any
	partyAtEnd, consentedAtEnd                                   bool
	file, url                                                    string
	line                                                         any
}

// stateObligation is one row of the obligations table for the state.
type stateObligation struct {
	instrument, article, theme, start, original, deadline string
	extensions                                            any
	status, statusDate, completed, confidence             string
	file, url                                             string
	line                                                  any
}

// stateMeeting is a meeting of one of the state's instruments in the period.
type stateMeeting struct {
	id, title, instrument, start, end, startText, endText, city, status string
	mode                                                                string
	inTrips, mergeable                                                  bool
	half                                                                int
	file, url                                                           string
	line                                                                any
}

// year is the meeting's year: of its start date, else of the text of a start
// known only to the month or year.
func (m stateMeeting) year() int {
	if m.start != "" {
		return yearOf(m.start)
	}
	return yearOf(m.startText)
}

// name is the meeting's title, or its id when it has none.
func (m stateMeeting) name() string {
	if m.title != "" {
		return m.title
	}
	return m.id
}

// stateYear is the state's row of state_year_burden for one year, as read.
type stateYear struct {
	year                                                                  int
	meetings, remote, trips, planned, lower, saveable, index, withoutCity any
}

func shapeStateInstruments(x rows) []stateInstrument {
	var out []stateInstrument
	for i := 0; i < x.len(); i++ {
		out = append(out, stateInstrument{id: x.str(i, "instrument_id"), name: x.str(i, "short_name"),
			signature: x.str(i, "signature_date"), consent: x.str(i, "consent_date"), kind: x.str(i, "consent_kind"),
			eif: x.str(i, "entry_into_force_date"), derived: x.val(i, "entry_into_force_derived"),
			notified: x.str(i, "withdrawal_notified_date"), effective: x.str(i, "withdrawal_effective_date"),
			partyAtEnd: x.val(i, "party_at_end") == true, consentedAtEnd: x.val(i, "consented_at_end") == true,
			file: x.str(i, "source_file"), line: x.val(i, "source_line"), url: x.str(i, "source_url")})
	}
	return out
}

func shapeStateObligations(x rows) []stateObligation {
	var out []stateObligation
	for i := 0; i < x.len(); i++ {
		out = append(out, stateObligation{instrument: x.str(i, "instrument_id"), article: x.str(i, "article"),
			theme: x.str(i, "theme"), start: x.str(i, "start_date"), original: x.str(i, "original_deadline"),
			deadline: x.str(i, "deadline"), extensions: x.val(i, "extensions_granted"), status: x.str(i, "status"),
			statusDate: x.str(i, "status_date"), completed: x.str(i, "completed_date"), confidence: x.str(i, "confidence"),
			file: x.str(i, "source_file"), line: x.val(i, "source_line"), url: x.str(i, "source_url")})
	}
	return out
}

func shapeStateMeetings(x rows) []stateMeeting {
	var out []stateMeeting
	for i := 0; i < x.len(); i++ {
		out = append(out, stateMeeting{id: x.str(i, "meeting_id"), title: x.str(i, "title"),
			instrument: x.str(i, "instrument_id"), start: x.str(i, "start_date"), end: x.str(i, "end_date"),
			startText: x.str(i, "start_text"), endText: x.str(i, "end_text"), city: x.str(i, "city"),
			status: x.str(i, "status"), mode: x.str(i, "mode"), inTrips: x.val(i, "in_trips") == true,
			mergeable: x.val(i, "mergeable") == true, half: x.int(i, "half_year"),
			file: x.str(i, "source_file"), line: x.val(i, "source_line"), url: x.str(i, "source_url")})
	}
	return out
}

func shapeStateYears(x rows) []stateYear {
	var out []stateYear
	for i := 0; i < x.len(); i++ {
		out = append(out, stateYear{year: x.int(i, "year"), meetings: x.val(i, "meetings"), remote: x.val(i, "remote_meetings"),
			trips: x.val(i, "trips"), planned: x.val(i, "trips_planned"), lower: x.val(i, "trips_lower_bound"), saveable: x.val(i, "trips_saveable"),
			index: x.val(i, "coherence_index"), withoutCity: x.val(i, "meetings_without_city")})
	}
	return out
}

// standing returns the key of an instrument's standing for the state on 31
// December of year y: party, consented (not yet in force), withdrawn, signatory or
// not party.
func (in stateInstrument) standing(y int) string {
	switch {
	case in.partyAtEnd:
		return "state.standing.party"
	case in.consentedAtEnd:
		return "state.standing.consented"
	case in.effective != "" && yearOf(in.effective) <= y:
		return "state.standing.withdrawn"
	case in.signature != "":
		return "state.standing.signatory"
	}
	return "state.standing.none"
}

// instrumentsSection is the table of the state's participation in every instrument.
func (v *stateView) instrumentsSection(b *builder) Section {
	l, y := b.l, b.p.To
	sec := Section{ID: "state-instruments", Level: 2, Title: l.T("state.sec.instruments")}
	t := &Table{ID: "state-participation", Header: []string{l.T("col.instrument"), l.T("state.col.standing", y),
		l.T("state.col.signature"), l.T("col.consent"), l.T("col.consent_kind"), l.T("col.eif"), l.T("col.derived"),
		l.T("col.notified"), l.T("col.effective"), l.T("col.source")}}
	var files []string
	for _, in := range v.instruments {
		derived := "—"
		if in.eif != "" {
			derived = l.Bool(in.derived)
		}
		t.Rows = append(t.Rows, []string{fmt.Sprintf("%s (%s)", b.names.instName(in.id, in.name), b.names.inst(in.id)), l.T(in.standing(y)), dash(in.signature),
			dash(in.consent), dash(in.kind), dash(in.eif), derived, dash(in.notified), dash(in.effective), srcLine(in.file, in.line)})
		files = append(files, in.file)
	}
	sec.Blocks = append(sec.Blocks, &Para{l.T("state.p.instruments", y)}, t,
		b.prov([]string{"participation", "instruments"}, srcParty, files))
	return sec
}

// obligationsSection is the table of the state's obligations with their deadlines.
func (v *stateView) obligationsSection(b *builder) Section {
	l := b.l
	sec := Section{ID: "state-obligations", Level: 2, Title: l.T("state.sec.obligations")}
	if len(v.obligations) == 0 {
		sec.Blocks = append(sec.Blocks, &Para{l.T("state.p.no_obligations", v.name)})
	} else {
		t := &Table{ID: "state-obligation-rows", Header: []string{l.T("col.instrument"), l.T("col.article"), l.T("col.theme"),
			l.T("state.col.since"), l.T("state.col.original_deadline"), l.T("state.col.deadline"), l.T("state.col.extensions"),
			l.T("col.status"), l.T("state.col.completed"), l.T("state.col.confidence"), l.T("col.source")},
			Numeric: []bool{false, false, false, false, false, false, true}}
		for _, o := range v.obligations {
			status := l.label("state.obl.", o.status)
			if o.statusDate != "" {
				status = l.T("state.fmt.status", status, o.statusDate)
			}
			t.Rows = append(t.Rows, []string{b.names.inst(o.instrument), o.article, l.Theme(o.theme), dash(o.start), dash(o.original),
				dash(o.deadline), l.Count(o.extensions), status, dash(o.completed), l.label("state.conf.", o.confidence),
				srcLine(o.file, o.line) + urlsAfter(o.url)})
		}
		sec.Blocks = append(sec.Blocks, &Para{l.T("state.p.obligations")}, t)
	}
	sec.Blocks = append(sec.Blocks, b.prov([]string{"obligations"}, []string{"obligations"}, nil))
	return sec
}

// urlsAfter is " — " and the source URLs, or nothing without them, to follow a
// file:line citation in one cell.
func urlsAfter(url string) string {
	if url == "" {
		return ""
	}
	return " — " + url
}

// label returns the catalogue's text for prefix+id, or id itself when it has none
// (a value the catalogue does not know yet is shown as the data give it).
func (l Lang) label(prefix, id string) string {
	if id == "" {
		return "—"
	}
	if _, ok := message(prefix + id); ok {
		return l.T(prefix + id)
	}
	return id
}

// meetingsSection is the table of the meetings of the state's instruments in the
// period.
func (v *stateView) meetingsSection(b *builder) Section {
	l, pl := b.l, b.p.label(b.l)
	sec := Section{ID: "state-meetings", Level: 2, Title: l.T("state.sec.meetings", pl)}
	if len(v.meetings) == 0 {
		sec.Blocks = append(sec.Blocks, &Para{l.T("state.p.no_meetings", pl)})
	} else {
		t := &Table{ID: "state-meeting-list", Header: []string{l.T("col.meeting"), l.T("col.instrument"), l.T("col.start"),
			l.T("col.end"), l.T("col.city"), l.T("col.mode"), l.T("col.status"), l.T("state.col.in_trips"),
			l.T("state.col.mergeable"), l.T("col.source"), l.T("col.source_url")}}
		for _, m := range v.meetings {
			start, end := m.start, m.end
			if start == "" {
				start, end = m.startText, m.endText
			}
			mergeable := "—"
			if m.inTrips {
				mergeable = l.Bool(m.mergeable)
			}
			t.Rows = append(t.Rows, []string{m.name(), b.names.inst(m.instrument), dash(start), dash(end), dash(m.city), l.mode(m.mode),
				l.status(m.status), l.Bool(m.inTrips), mergeable, srcLine(m.file, m.line), dash(m.url)})
		}
		sec.Blocks = append(sec.Blocks, &Para{l.T("state.p.meetings", v.name)}, t)
	}
	var files []string
	for _, m := range v.meetings {
		files = append(files, m.file)
	}
	sec.Blocks = append(sec.Blocks, b.prov([]string{"meetings_enriched", "participation", "state_year_burden"},
		[]string{"meetings", "membership", "depositary"}, files))
	return sec
}

// mergeGroup is the meetings of one city and half-year a coherent calendar could
// have merged into one trip.
type mergeGroup struct {
	year, half int
	city       string
	meetings   []stateMeeting
}

// mergeGroups groups the state's mergeable meetings by year, half-year and city,
// in the order of their first meeting.
func (v *stateView) mergeGroups() []mergeGroup {
	var out []mergeGroup
	at := map[string]int{}
	for _, m := range v.meetings {
		if !m.mergeable {
			continue
		}
		k := fmt.Sprintf("%d/%d/%s", m.year(), m.half, m.city)
		i, ok := at[k]
		if !ok {
			i = len(out)
			at[k] = i
			out = append(out, mergeGroup{year: m.year(), half: m.half, city: m.city})
		}
		out[i].meetings = append(out[i].meetings, m)
	}
	return out
}

// text is the group's meetings with their start dates, joined with the
// language's semicolon (French puts a narrow no-break space before it).
func (g mergeGroup) text(l Lang) string {
	var parts []string
	for _, m := range g.meetings {
		parts = append(parts, fmt.Sprintf("%s (%s)", m.name(), m.start))
	}
	sep := "; "
	if l == French {
		sep = "\u202f; "
	}
	return strings.Join(parts, sep)
}
