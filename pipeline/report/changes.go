package report

import (
	"fmt"
	"strings"
)

// meetingYear is the SQL expression of a meeting's year in meetings_enriched: the
// start date's, else the year its start_text gives (dates known only to the month
// or year still belong to a year).
const meetingYear = `coalesce(year(start_date), try_cast(left(start_text, 4) as integer))`

func (b *builder) changes(r *Report) error {
	l := b.l
	pl, prevl := b.p.label(l), b.prev.label(l)
	r.Sections = append(r.Sections, Section{ID: "changes", Level: 2, Title: l.T("sec.changes", prevl)})

	// Parties at the end of each period.
	sec := Section{ID: "changes-counts", Level: 3, Title: l.T("sec.changes.counts")}
	pc, err := b.query("party counts", `
		select instrument_id,
			max(in_force) filter (where count_date = make_date($1, 12, 31)) as before,
			max(in_force) filter (where count_date = make_date($2, 12, 31)) as after
		from party_counts
		where date_kind = 'year_end'
		group by instrument_id
		order by instrument_id`, b.prev.To, b.p.To)
	if err != nil {
		return err
	}
	ct := &Table{ID: "changes-counts", Header: []string{l.T("col.instrument"), l.T("col.in_force", b.prev.To),
		l.T("col.in_force", b.p.To), l.T("col.change")}, Numeric: []bool{false, true, true, true}}
	for i := 0; i < pc.len(); i++ {
		before, after := pc.val(i, "before"), pc.val(i, "after")
		change := "—"
		if bf, ok := toFloat(before); ok {
			if af, ok := toFloat(after); ok {
				change = signed(l, int64(af-bf))
			}
		}
		ct.Rows = append(ct.Rows, []string{pc.str(i, "instrument_id"), l.Count(before), l.Count(after), change})
	}
	sec.Blocks = append(sec.Blocks, ct, b.prov([]string{"party_counts"}, srcParty, nil))
	r.Sections = append(r.Sections, sec)

	// Rec 8 figures, previous period against this one.
	sec = Section{ID: "changes-figures", Level: 3, Title: l.T("sec.changes.figures")}
	before, _ := b.periodYears(b.prev, "any")
	after, _ := b.periodYears(b.p, "any")
	ft := &Table{ID: "changes-figures", Header: []string{l.T("col.figure"), prevl, pl, l.T("col.change")},
		Numeric: []bool{false, true, true, true}}
	counts := []struct {
		key    string
		b4, af float64
	}{
		{"kf.meetings", before.meetings, after.meetings},
		{"kf.pairs", before.pairs, after.pairs},
		{"kf.clash", before.clash, after.clash},
		{"kf.b2b", before.b2b, after.b2b},
		{"kf.trips", before.trips, after.trips},
		{"kf.saveable", before.saveable, after.saveable},
	}
	for _, c := range counts {
		ft.Rows = append(ft.Rows, []string{l.T(c.key), l.Int(int64(c.b4)), l.Int(int64(c.af)), signed(l, int64(c.af-c.b4))})
	}
	d := l.Float(after.index-before.index, 2)
	if after.index-before.index >= 0.005 {
		d = "+" + d
	}
	ft.Rows = append(ft.Rows, []string{l.T("kf.index"), l.Float(before.index, 2), l.Float(after.index, 2), d})
	sec.Blocks = append(sec.Blocks, ft, b.prov([]string{"year_coherence"}, srcRec8, nil))
	r.Sections = append(r.Sections, sec)

	// New parties.
	sec = Section{ID: "changes-new", Level: 3, Title: l.T("sec.changes.new")}
	np, err := b.query("new parties", `
		select p.state_id, s.name, p.instrument_id, p.spell, p.consent_date, p.consent_kind,
			p.entry_into_force_date, p.entry_into_force_derived, p.source_file, p.source_line
		from participation as p
		left join states as s using (state_id)
		where year(p.consent_date) between $1 and $2
			or year(p.entry_into_force_date) between $1 and $2
		order by p.instrument_id, coalesce(p.entry_into_force_date, p.consent_date), p.state_id`, b.p.From, b.p.To)
	if err != nil {
		return err
	}
	var files []string
	if np.len() == 0 {
		sec.Blocks = append(sec.Blocks, &Para{l.T("p.none", pl)})
	} else {
		t := &Table{ID: "changes-new", Header: []string{l.T("col.state"), l.T("col.instrument"), l.T("col.consent"),
			l.T("col.consent_kind"), l.T("col.eif"), l.T("col.derived"), l.T("col.source")}}
		for i := 0; i < np.len(); i++ {
			t.Rows = append(t.Rows, []string{fmt.Sprintf("%s (%s)", np.str(i, "name"), np.str(i, "state_id")), np.str(i, "instrument_id"),
				dash(np.str(i, "consent_date")), dash(np.str(i, "consent_kind")), dash(np.str(i, "entry_into_force_date")),
				l.Bool(np.val(i, "entry_into_force_derived")), srcLine(np.str(i, "source_file"), np.val(i, "source_line"))})
			files = append(files, np.str(i, "source_file"))
		}
		sec.Blocks = append(sec.Blocks, &Para{l.T("p.new", pl)}, t)
	}
	sec.Blocks = append(sec.Blocks, b.prov([]string{"participation", "states"}, []string{"membership", "depositary", "states"}, files))
	r.Sections = append(r.Sections, sec)

	// Withdrawals.
	sec = Section{ID: "changes-withdrawals", Level: 3, Title: l.T("sec.changes.withdrawals")}
	wd, err := b.query("withdrawals", `
		select p.state_id, s.name, p.instrument_id, p.withdrawal_notified_date,
			p.withdrawal_effective_date, p.withdrawal_status, p.source_file, p.source_line,
			coalesce(year(p.withdrawal_effective_date) between $1 and $2, false) as effective_in_period
		from participation as p
		left join states as s using (state_id)
		where year(p.withdrawal_effective_date) between $1 and $2
			or year(p.withdrawal_notified_date) between $1 and $2
		order by p.withdrawal_effective_date, p.instrument_id, p.state_id`, b.p.From, b.p.To)
	if err != nil {
		return err
	}
	effective, notified := 0, 0
	files = nil
	if wd.len() == 0 {
		sec.Blocks = append(sec.Blocks, &Para{l.T("p.none", pl)})
	} else {
		t := &Table{ID: "changes-withdrawals", Header: []string{l.T("col.state"), l.T("col.instrument"), l.T("col.notified"),
			l.T("col.effective"), l.T("col.status"), l.T("col.source")}}
		for i := 0; i < wd.len(); i++ {
			if wd.val(i, "effective_in_period") == true {
				effective++
			}
			if b.p.contains(yearOf(wd.str(i, "withdrawal_notified_date"))) {
				notified++
			}
			t.add(wd.val(i, "effective_in_period") == true, []string{fmt.Sprintf("%s (%s)", wd.str(i, "name"), wd.str(i, "state_id")),
				wd.str(i, "instrument_id"), dash(wd.str(i, "withdrawal_notified_date")), dash(wd.str(i, "withdrawal_effective_date")),
				dash(wd.str(i, "withdrawal_status")), srcLine(wd.str(i, "source_file"), wd.val(i, "source_line"))})
			files = append(files, wd.str(i, "source_file"))
		}
		sec.Blocks = append(sec.Blocks, &Para{l.T("p.withdrawals", pl, pl)}, t)
	}
	sec.Blocks = append(sec.Blocks, b.prov([]string{"participation"}, []string{"membership", "depositary"}, files))
	r.Sections = append(r.Sections, sec)
	r.Key = append(r.Key, l.T("head.changes", prevl, l.Int(int64(np.len())), l.Int(int64(effective)), l.Int(int64(notified))))

	// Meetings whose data changed.
	sec = Section{ID: "changes-updated", Level: 3, Title: l.T("sec.changes.updated")}
	up, err := b.query("updated meetings", `
		with m as (
			select meeting_id from meetings_enriched
			where `+meetingYear+` between $1 and $2
		)
		select d.entity_key, d.field,
			string_agg(d.value, ' ; ' order by d.source_file, d.source_line) filter (where not d.used) as before,
			any_value(d.used_value) as after,
			string_agg(d.source_file || ':' || d.source_line, ' ; ' order by d.source_file, d.source_line) as sources
		from source_discrepancies as d
		inner join m on m.meeting_id = d.entity_key
		where d.entity = 'meeting' and d.rule = 'update wins'
		group by d.entity_key, d.field
		order by d.entity_key, d.field`, b.p.From, b.p.To)
	if err != nil {
		return err
	}
	moved := map[string]bool{}
	if up.len() == 0 {
		sec.Blocks = append(sec.Blocks, &Para{l.T("p.updated", pl)}, &Para{l.T("p.none", pl)})
	} else {
		t := &Table{ID: "changes-updated", Header: []string{l.T("col.meeting"), l.T("col.field"), l.T("col.before"),
			l.T("col.after"), l.T("col.source")}}
		for i := 0; i < up.len(); i++ {
			t.Rows = append(t.Rows, []string{up.str(i, "entity_key"), up.str(i, "field"), dash(up.str(i, "before")),
				dash(up.str(i, "after")), up.str(i, "sources")})
			switch up.str(i, "field") {
			case "start_date", "end_date", "start", "end", "city":
				moved[up.str(i, "entity_key")] = true
			}
		}
		sec.Blocks = append(sec.Blocks, &Para{l.T("p.updated", pl)}, t)
	}
	sec.Blocks = append(sec.Blocks, b.prov([]string{"source_discrepancies", "meetings_enriched"}, []string{"meetings"}, nil))
	r.Sections = append(r.Sections, sec)

	// Meetings moved, postponed or cancelled.
	sec = Section{ID: "changes-status", Level: 3, Title: l.T("sec.changes.status")}
	sm, err := b.query("meeting status", `
		select meeting_id, instrument_id, body, status, start_text, end_text, city,
			source_file, source_line
		from meetings_enriched
		where `+meetingYear+` between $1 and $2
		order by `+meetingYear+`, start_text, meeting_id`, b.p.From, b.p.To)
	if err != nil {
		return err
	}
	t := &Table{ID: "changes-status", Header: []string{l.T("col.meeting"), l.T("col.instrument"), l.T("col.body"),
		l.T("col.status"), l.T("col.start"), l.T("col.end"), l.T("col.city"), l.T("col.source")}}
	files = nil
	for i := 0; i < sm.len(); i++ {
		id, status := sm.str(i, "meeting_id"), sm.str(i, "status")
		if status != "postponed" && status != "cancelled" && !moved[id] {
			continue
		}
		t.Rows = append(t.Rows, []string{id, sm.str(i, "instrument_id"), sm.str(i, "body"), b.statusLabel(status),
			dash(sm.str(i, "start_text")), dash(sm.str(i, "end_text")), dash(sm.str(i, "city")),
			srcLine(sm.str(i, "source_file"), sm.val(i, "source_line"))})
		files = append(files, sm.str(i, "source_file"))
	}
	sec.Blocks = append(sec.Blocks, &Para{l.T("p.status", pl)})
	if len(t.Rows) == 0 {
		sec.Blocks = append(sec.Blocks, &Para{l.T("p.none", pl)})
	} else {
		sec.Blocks = append(sec.Blocks, t)
	}
	sec.Blocks = append(sec.Blocks, b.prov([]string{"meetings_enriched", "source_discrepancies"}, []string{"meetings"}, files))
	r.Sections = append(r.Sections, sec)
	return nil
}

func signed(l Lang, n int64) string {
	if n > 0 {
		return "+" + l.Int(n)
	}
	return l.Int(n)
}

func (b *builder) quality(r *Report) error {
	l := b.l
	pl := b.p.label(l)
	sec := Section{ID: "quality", Level: 2, Title: l.T("sec.quality")}

	rj, err := b.query("rejects", `
		select source_file, field, reason, count(*) as n, string_agg(cast(line as varchar), ', ' order by line) as lines
		from rejects
		group by all
		order by source_file, field, reason`)
	if err != nil {
		return err
	}
	total := 0
	var files []string
	rt := &Table{ID: "quality-rejects", Header: []string{l.T("col.file"), l.T("col.line"), l.T("col.field"), l.T("col.reason"),
		l.T("col.count")}, Numeric: []bool{false, false, false, false, true}}
	for i := 0; i < rj.len(); i++ {
		total += rj.int(i, "n")
		files = append(files, rj.str(i, "source_file"))
		rt.Rows = append(rt.Rows, []string{rj.str(i, "source_file"), rj.str(i, "lines"), rj.str(i, "field"), rj.str(i, "reason"),
			l.Count(rj.val(i, "n"))})
	}
	sec.Blocks = append(sec.Blocks, &Para{l.T("p.rejects", l.Int(int64(total)))})
	if len(rt.Rows) > 0 {
		sec.Blocks = append(sec.Blocks, rt)
	}

	un, err := b.query("unpaired", `
		select meeting_id, instrument_id, body, status, start_text, end_text, city, reason,
			try_cast(left(start_text, 4) as integer) between $1 and $2 as in_period
		from meetings_unpaired
		order by start_text, meeting_id`, b.p.From, b.p.To)
	if err != nil {
		return err
	}
	ut := &Table{ID: "quality-unpaired", Header: []string{l.T("col.meeting"), l.T("col.instrument"), l.T("col.body"),
		l.T("col.status"), l.T("col.start"), l.T("col.end"), l.T("col.reason")}}
	for i := 0; i < un.len(); i++ {
		if un.val(i, "in_period") != true {
			continue
		}
		ut.Rows = append(ut.Rows, []string{un.str(i, "meeting_id"), un.str(i, "instrument_id"), un.str(i, "body"),
			b.statusLabel(un.str(i, "status")), dash(un.str(i, "start_text")), dash(un.str(i, "end_text")), un.str(i, "reason")})
	}
	sec.Blocks = append(sec.Blocks, &Para{l.T("p.unpaired", l.Int(int64(un.len())), l.Int(int64(len(ut.Rows))), pl)})
	if len(ut.Rows) > 0 {
		sec.Blocks = append(sec.Blocks, ut)
	}

	dq, err := b.query("discrepancies", `
		select count(*) as n_values,
			count(distinct (entity, entity_key, field)) as n_fields,
			count(distinct (entity, entity_key, field)) filter (where rule = 'update wins') as n_updates
		from source_discrepancies
		where rule <> 'filled'`)
	if err != nil {
		return err
	}
	sec.Blocks = append(sec.Blocks, &Para{l.T("p.discrepancies", l.Count(dq.val(0, "n_values")), l.Count(dq.val(0, "n_fields")),
		l.Count(dq.val(0, "n_updates")))})

	gp, err := b.query("gaps", `
		select
			(select string_agg(distinct instrument_id, ', ' order by instrument_id) from obligations where confidence in ('high', 'medium')) as covered,
			(select count(*) from instrument_pair_synergy where year = $2) as pairs,
			(select count(*) from instrument_pair_synergy where year = $2 and obligation_share is null) as no_obligations,
			(select count(*) from instrument_pair_synergy where year = $2 and agenda_theme_cosine is null) as no_agenda,
			(select coalesce(sum(meetings_without_city), 0) from state_year_burden where year between $1 and $2) as without_city`,
		b.p.From, b.p.To)
	if err != nil {
		return err
	}
	var gaps []string
	if n := gp.int(0, "no_obligations"); n > 0 {
		covered := strings.Split(gp.str(0, "covered"), ", ")
		gaps = append(gaps, l.T("p.gap_obligations", joinAnd(l, covered), l.Int(int64(n)), l.Count(gp.val(0, "pairs")), b.p.To))
	}
	if n := gp.int(0, "no_agenda"); n > 0 {
		gaps = append(gaps, l.T("p.gap_agenda", l.Int(int64(n)), l.Count(gp.val(0, "pairs")), b.p.To))
	}
	gaps = append(gaps, l.T("p.gap_city", pl, l.Count(gp.val(0, "without_city"))))
	sec.Blocks = append(sec.Blocks, &List{Items: gaps},
		b.prov([]string{"rejects", "meetings_unpaired", "source_discrepancies", "obligations", "instrument_pair_synergy", "state_year_burden"},
			[]string{"meetings", "obligations"}, files))
	r.Sections = append(r.Sections, sec)
	return nil
}

func (b *builder) sources(r *Report) error {
	l := b.l
	s := b.o.Snapshot
	sec := Section{ID: "sources", Level: 2, Title: l.T("sec.sources")}
	sec.Blocks = append(sec.Blocks, &Para{l.T("front.snapshot", s.ID, s.CreatedAt, s.AsOf, b.p.label(l), b.prev.label(l))})
	if len(s.Versions) > 0 {
		var vs []string
		for _, k := range sortedKeys(s.Versions) {
			vs = append(vs, k+" "+s.Versions[k])
		}
		sec.Blocks = append(sec.Blocks, &Para{l.T("p.versions", strings.Join(vs, ", "))})
	}
	t := &Table{ID: "sources-inputs", Header: []string{l.T("col.input"), l.T("col.file"), l.T("col.format"), l.T("col.bytes"),
		l.T("col.sha256")}, Numeric: []bool{false, false, false, true, false}}
	for _, in := range s.Inputs {
		sum := in.SHA256
		if len(sum) > 12 {
			sum = sum[:12]
		}
		t.Rows = append(t.Rows, []string{in.Source, in.File, in.Format, l.Int(in.Bytes), sum})
	}
	sec.Blocks = append(sec.Blocks, &Para{l.T("p.sources")}, t)
	r.Sections = append(r.Sections, sec)
	return nil
}
