package report

import "strings"

// quality writes the data quality section: rejected rows, unpaired meetings,
// disagreements between sources and what the data lack for the period.
func (b *builder) quality(r *Report) error {
	q, err := b.qualityFacts()
	if err != nil {
		return err
	}
	r.Sections = append(r.Sections, b.qualitySection(q))
	return nil
}

// qualityFacts is the model of the quality section. Counts shown are kept as read
// (nil for NULL).
type qualityFacts struct {
	rejects  []rejectGroup
	unpaired []unpairedMeeting // every unpaired meeting, of the period or not
	// from quality_discrepancies
	values, fields, updates any
	gaps                    dataGaps
}

// rejectGroup is the rejected rows of one file × field × reason.
type rejectGroup struct {
	file, lines, field, reason string
	n                          any
}

// unpairedMeeting is a meeting left out of the pairs; inPeriod says it is one of
// the period's.
type unpairedMeeting struct {
	id, title, instrument, body, status, start, end, reason string
	inPeriod                                                bool
}

// dataGaps is the row of quality_gaps.
type dataGaps struct {
	covered                 string
	pairs, withoutCity      any
	noObligations, noAgenda int
}

func (b *builder) qualityFacts() (qualityFacts, error) {
	var q qualityFacts
	rj, err := b.query("quality_rejects")
	if err != nil {
		return q, err
	}
	un, err := b.query("quality_unpaired", b.p.From, b.p.To)
	if err != nil {
		return q, err
	}
	dq, err := b.query("quality_discrepancies")
	if err != nil {
		return q, err
	}
	gp, err := b.query("quality_gaps", b.p.From, b.p.To)
	if err != nil {
		return q, err
	}
	for i := 0; i < rj.len(); i++ {
		q.rejects = append(q.rejects, rejectGroup{file: rj.str(i, "source_file"), lines: rj.str(i, "lines"),
			field: rj.str(i, "field"), reason: rj.str(i, "reason"), n: rj.val(i, "n")})
	}
	for i := 0; i < un.len(); i++ {
		q.unpaired = append(q.unpaired, unpairedMeeting{id: un.str(i, "meeting_id"), title: un.str(i, "title"), instrument: un.str(i, "instrument_id"),
			body: un.str(i, "body"), status: un.str(i, "status"), start: un.str(i, "start_text"), end: un.str(i, "end_text"),
			reason: un.str(i, "reason"), inPeriod: un.val(i, "in_period") == true})
	}
	q.values, q.fields, q.updates = dq.val(0, "n_values"), dq.val(0, "n_fields"), dq.val(0, "n_updates")
	q.gaps = dataGaps{covered: gp.str(0, "covered"), pairs: gp.val(0, "pairs"), withoutCity: gp.val(0, "without_city"),
		noObligations: gp.int(0, "no_obligations"), noAgenda: gp.int(0, "no_agenda")}
	return q, nil
}

// qualitySection lays out the quality section.
func (b *builder) qualitySection(q qualityFacts) Section {
	l := b.l
	sec := Section{ID: "quality", Level: 2, Title: l.T("sec.quality")}
	total := 0
	var files []string
	rt := &Table{ID: "quality-rejects", Header: []string{l.T("col.file"), l.T("col.line"), l.T("col.field"), l.T("col.reason"),
		l.T("col.count")}, Numeric: []bool{false, false, false, false, true}}
	for _, g := range q.rejects {
		total += intOf(g.n)
		files = append(files, g.file)
		rt.Rows = append(rt.Rows, []string{g.file, g.lines, g.field, g.reason, l.Count(g.n)})
	}
	sec.Blocks = append(sec.Blocks, &Para{l.T("p.rejects", l.Int(int64(total)))})
	if len(rt.Rows) > 0 {
		sec.Blocks = append(sec.Blocks, rt)
	}
	ut := &Table{ID: "quality-unpaired", Header: []string{l.T("col.meeting"), l.T("col.instrument"), l.T("col.body"),
		l.T("col.status"), l.T("col.start"), l.T("col.end"), l.T("col.reason")}}
	for _, m := range q.unpaired {
		if m.inPeriod {
			ut.Rows = append(ut.Rows, []string{titleOr(m.title, m.id), b.names.inst(m.instrument), b.names.body(m.instrument, m.body), l.status(m.status), dash(m.start), dash(m.end), m.reason})
		}
	}
	sec.Blocks = append(sec.Blocks, &Para{l.T("p.unpaired", l.Int(int64(len(q.unpaired))), l.Int(int64(len(ut.Rows))), b.p.label(l))})
	if len(ut.Rows) > 0 {
		sec.Blocks = append(sec.Blocks, ut)
	}
	sec.Blocks = append(sec.Blocks, &Para{l.T("p.discrepancies", l.Count(q.values), l.Count(q.fields), l.Count(q.updates))},
		&List{Items: b.gapItems(q.gaps)},
		b.prov([]string{"rejects", "meetings_unpaired", "source_discrepancies", "obligations", "instrument_pair_synergy", "state_year_burden"},
			[]string{"meetings", "obligations"}, files))
	return sec
}

// gapItems says what the data lack: obligations and agendas for some pairs, and
// cities for some meetings.
func (b *builder) gapItems(g dataGaps) []string {
	l := b.l
	var gaps []string
	if g.noObligations > 0 {
		covered := strings.Split(g.covered, ", ")
		gaps = append(gaps, l.T("p.gap_obligations", joinAnd(l, covered), l.Int(int64(g.noObligations)), l.Count(g.pairs), b.p.To))
	}
	if g.noAgenda > 0 {
		gaps = append(gaps, l.T("p.gap_agenda", l.Int(int64(g.noAgenda)), l.Count(g.pairs), b.p.To))
	}
	return append(gaps, l.T("p.gap_city", b.p.label(l), l.Count(g.withoutCity)))
}
