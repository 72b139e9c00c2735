package report

import "fmt"

// changes writes the chapter comparing the period with the previous one: parties
// at the end of each, the Rec 8 figures, new parties, withdrawals, and the
// meetings whose data changed or that moved, then its key figure.
func (b *builder) changes(r *Report) error {
	l := b.l
	r.Sections = append(r.Sections, Section{ID: "changes", Level: 2, Title: l.T("sec.changes", b.prev.label(l))})
	counts, err := b.partyCounts()
	if err != nil {
		return err
	}
	joined, err := b.newParties()
	if err != nil {
		return err
	}
	left, err := b.withdrawals()
	if err != nil {
		return err
	}
	updates, err := b.meetingUpdates()
	if err != nil {
		return err
	}
	changed, err := b.changedMeetings(movedMeetings(updates))
	if err != nil {
		return err
	}
	r.Sections = append(r.Sections, b.countsSection(counts), b.figuresSection(), b.newPartiesSection(joined),
		b.withdrawalsSection(left), b.updatesSection(updates), b.changedSection(changed))
	effective, notified := b.countWithdrawals(left)
	r.Key = append(r.Key, l.T("head.changes", b.prev.label(l), l.Int(int64(len(joined))), l.Int(int64(effective)),
		l.Int(int64(notified))))
	return nil
}

// partyCount is an instrument's parties in force at the end of the previous
// period and of this one, as read (nil when there is no count).
type partyCount struct {
	instrument    string
	before, after any
}

func (b *builder) partyCounts() ([]partyCount, error) {
	pc, err := b.query("changes_party_counts", b.prev.To, b.p.To)
	if err != nil {
		return nil, err
	}
	var out []partyCount
	for i := 0; i < pc.len(); i++ {
		out = append(out, partyCount{instrument: pc.str(i, "instrument_id"), before: pc.val(i, "before"), after: pc.val(i, "after")})
	}
	return out, nil
}

// countsSection is the parties of each instrument at the end of each period.
func (b *builder) countsSection(counts []partyCount) Section {
	l := b.l
	sec := Section{ID: "changes-counts", Level: 3, Title: l.T("sec.changes.counts")}
	t := &Table{ID: "changes-counts-table", Header: []string{l.T("col.instrument"), l.T("col.in_force", b.prev.To),
		l.T("col.in_force", b.p.To), l.T("col.change")}, Numeric: []bool{false, true, true, true}}
	for _, c := range counts {
		change := "—"
		if bf, ok := toFloat(c.before); ok {
			if af, ok := toFloat(c.after); ok {
				change = signed(l, int64(af-bf))
			}
		}
		t.Rows = append(t.Rows, []string{b.names.inst(c.instrument), l.Count(c.before), l.Count(c.after), change})
	}
	sec.Blocks = append(sec.Blocks, t, b.prov([]string{"party_counts"}, srcParty, nil))
	return sec
}

// figuresSection is the Rec 8 figures of the previous period against this one's.
func (b *builder) figuresSection() Section {
	l := b.l
	sec := Section{ID: "changes-figures", Level: 3, Title: l.T("sec.changes.figures")}
	before, _ := b.periodYears(b.prev, "any")
	after, _ := b.periodYears(b.p, "any")
	t := &Table{ID: "changes-figures-table", Header: []string{l.T("col.figure"), b.prev.label(l), b.p.label(l), l.T("col.change")},
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
		t.Rows = append(t.Rows, []string{l.T(c.key), l.Int(int64(c.b4)), l.Int(int64(c.af)), signed(l, int64(c.af-c.b4))})
	}
	// The index is compared only where both periods have one (indexText: "—" where
	// nothing could be gained).
	d := "—"
	if indexDefined(before) && indexDefined(after) {
		d = l.Float(after.index-before.index, 2)
		if after.index-before.index >= 0.005 {
			d = "+" + d
		}
	}
	t.Rows = append(t.Rows, []string{l.T("kf.index"), indexText(l, before), indexText(l, after), d})
	sec.Blocks = append(sec.Blocks, t, b.prov([]string{"year_coherence"}, srcRec8, nil))
	return sec
}

// newParty is a participation spell that began (consent or entry into force) in
// the period.
type newParty struct {
	state, name, instrument, consent, consentKind, entryIntoForce string
	derived                                                       any
	file                                                          string
	line                                                          any
}

func (b *builder) newParties() ([]newParty, error) {
	np, err := b.query("changes_new_parties", b.p.From, b.p.To)
	if err != nil {
		return nil, err
	}
	var out []newParty
	for i := 0; i < np.len(); i++ {
		out = append(out, newParty{state: np.str(i, "state_id"), name: np.str(i, "name"), instrument: np.str(i, "instrument_id"),
			consent: np.str(i, "consent_date"), consentKind: np.str(i, "consent_kind"),
			entryIntoForce: np.str(i, "entry_into_force_date"), derived: np.val(i, "entry_into_force_derived"),
			file: np.str(i, "source_file"), line: np.val(i, "source_line")})
	}
	return out, nil
}

func (b *builder) newPartiesSection(joined []newParty) Section {
	l, pl := b.l, b.p.label(b.l)
	sec := Section{ID: "changes-new", Level: 3, Title: l.T("sec.changes.new")}
	var files []string
	if len(joined) == 0 {
		sec.Blocks = append(sec.Blocks, &Para{l.T("p.none", pl)})
	} else {
		t := &Table{ID: "changes-new-table", Header: []string{l.T("col.state"), l.T("col.instrument"), l.T("col.consent"),
			l.T("col.consent_kind"), l.T("col.eif"), l.T("col.derived"), l.T("col.source")}}
		for _, p := range joined {
			t.Rows = append(t.Rows, []string{fmt.Sprintf("%s (%s)", b.names.state(p.state, p.name), p.state), b.names.inst(p.instrument), dash(p.consent),
				dash(p.consentKind), dash(p.entryIntoForce), l.Bool(p.derived), srcLine(p.file, p.line)})
			files = append(files, p.file)
		}
		sec.Blocks = append(sec.Blocks, &Para{l.T("p.new", pl)}, t)
	}
	sec.Blocks = append(sec.Blocks, b.prov([]string{"participation", "states"}, []string{"membership", "depositary", "states"}, files))
	return sec
}

// withdrawal is a participation spell whose withdrawal was notified or took effect
// in the period; effective says it took effect in it.
type withdrawal struct {
	state, name, instrument, notified, effectiveDate, status string
	effective                                                bool
	file                                                     string
	line                                                     any
}

func (b *builder) withdrawals() ([]withdrawal, error) {
	wd, err := b.query("changes_withdrawals", b.p.From, b.p.To)
	if err != nil {
		return nil, err
	}
	var out []withdrawal
	for i := 0; i < wd.len(); i++ {
		out = append(out, withdrawal{state: wd.str(i, "state_id"), name: wd.str(i, "name"), instrument: wd.str(i, "instrument_id"),
			notified: wd.str(i, "withdrawal_notified_date"), effectiveDate: wd.str(i, "withdrawal_effective_date"),
			status: wd.str(i, "withdrawal_status"), effective: wd.val(i, "effective_in_period") == true,
			file: wd.str(i, "source_file"), line: wd.val(i, "source_line")})
	}
	return out, nil
}

// countWithdrawals returns how many withdrawals took effect in the period and how
// many were notified in it.
func (b *builder) countWithdrawals(left []withdrawal) (effective, notified int) {
	for _, w := range left {
		if w.effective {
			effective++
		}
		if b.p.contains(yearOf(w.notified)) {
			notified++
		}
	}
	return effective, notified
}

func (b *builder) withdrawalsSection(left []withdrawal) Section {
	l, pl := b.l, b.p.label(b.l)
	sec := Section{ID: "changes-withdrawals", Level: 3, Title: l.T("sec.changes.withdrawals")}
	var files []string
	if len(left) == 0 {
		sec.Blocks = append(sec.Blocks, &Para{l.T("p.none", pl)})
	} else {
		t := &Table{ID: "changes-withdrawals-table", Header: []string{l.T("col.state"), l.T("col.instrument"), l.T("col.notified"),
			l.T("col.effective"), l.T("col.status"), l.T("col.source")}}
		for _, w := range left {
			t.add(w.effective, []string{fmt.Sprintf("%s (%s)", b.names.state(w.state, w.name), w.state), b.names.inst(w.instrument), dash(w.notified),
				dash(w.effectiveDate), dash(w.status), srcLine(w.file, w.line)})
			files = append(files, w.file)
		}
		sec.Blocks = append(sec.Blocks, &Para{l.T("p.withdrawals", pl, pl)}, t)
	}
	sec.Blocks = append(sec.Blocks, b.prov([]string{"participation"}, []string{"membership", "depositary"}, files))
	return sec
}

// fieldUpdate is a field of one of the period's meetings that a later source
// updated.
type fieldUpdate struct {
	meeting, field, before, after, sources string
}

func (b *builder) meetingUpdates() ([]fieldUpdate, error) {
	up, err := b.query("changes_updated_meetings", b.p.From, b.p.To)
	if err != nil {
		return nil, err
	}
	var out []fieldUpdate
	for i := 0; i < up.len(); i++ {
		out = append(out, fieldUpdate{meeting: up.str(i, "entity_key"), field: up.str(i, "field"), before: up.str(i, "before"),
			after: up.str(i, "after"), sources: up.str(i, "sources")})
	}
	return out, nil
}

// movedMeetings returns the meetings whose dates or city an update changed.
func movedMeetings(updates []fieldUpdate) map[string]bool {
	moved := map[string]bool{}
	for _, u := range updates {
		switch u.field {
		case "start_date", "end_date", "start", "end", "city":
			moved[u.meeting] = true
		}
	}
	return moved
}

func (b *builder) updatesSection(updates []fieldUpdate) Section {
	l, pl := b.l, b.p.label(b.l)
	sec := Section{ID: "changes-updated", Level: 3, Title: l.T("sec.changes.updated")}
	if len(updates) == 0 {
		sec.Blocks = append(sec.Blocks, &Para{l.T("p.updated", pl)}, &Para{l.T("p.none", pl)})
	} else {
		t := &Table{ID: "changes-updated", Header: []string{l.T("col.meeting"), l.T("col.field"), l.T("col.before"),
			l.T("col.after"), l.T("col.source")}}
		for _, u := range updates {
			t.Rows = append(t.Rows, []string{u.meeting, u.field, dash(u.before), dash(u.after), u.sources})
		}
		sec.Blocks = append(sec.Blocks, &Para{l.T("p.updated", pl)}, t)
	}
	sec.Blocks = append(sec.Blocks, b.prov([]string{"source_discrepancies", "meetings_enriched"}, []string{"meetings"}, nil))
	return sec
}

// changedMeeting is one of the period's meetings that was moved, postponed or
// cancelled.
type changedMeeting struct {
	id, title, instrument, body, status, start, end, city, file string
	line                                                        any
}

// changedMeetings returns the period's meetings postponed or cancelled, or in
// moved.
func (b *builder) changedMeetings(moved map[string]bool) ([]changedMeeting, error) {
	sm, err := b.query("changes_meeting_status", b.p.From, b.p.To)
	if err != nil {
		return nil, err
	}
	var out []changedMeeting
	for i := 0; i < sm.len(); i++ {
		id, status := sm.str(i, "meeting_id"), sm.str(i, "status")
		if status != "postponed" && status != "cancelled" && !moved[id] {
			continue
		}
		out = append(out, changedMeeting{id: id, title: sm.str(i, "title"), instrument: sm.str(i, "instrument_id"), body: sm.str(i, "body"), status: status,
			start: sm.str(i, "start_text"), end: sm.str(i, "end_text"), city: sm.str(i, "city"),
			file: sm.str(i, "source_file"), line: sm.val(i, "source_line")})
	}
	return out, nil
}

func (b *builder) changedSection(changed []changedMeeting) Section {
	l, pl := b.l, b.p.label(b.l)
	sec := Section{ID: "changes-status", Level: 3, Title: l.T("sec.changes.status")}
	t := &Table{ID: "changes-status", Header: []string{l.T("col.meeting"), l.T("col.instrument"), l.T("col.body"),
		l.T("col.status"), l.T("col.start"), l.T("col.end"), l.T("col.city"), l.T("col.source")}}
	var files []string
	for _, m := range changed {
		t.Rows = append(t.Rows, []string{titleOr(m.title, m.id), b.names.inst(m.instrument), b.names.body(m.instrument, m.body), l.status(m.status), dash(m.start), dash(m.end),
			dash(m.city), srcLine(m.file, m.line)})
		files = append(files, m.file)
	}
	sec.Blocks = append(sec.Blocks, &Para{l.T("p.status", pl)})
	if len(t.Rows) == 0 {
		sec.Blocks = append(sec.Blocks, &Para{l.T("p.none", pl)})
	} else {
		sec.Blocks = append(sec.Blocks, t)
	}
	sec.Blocks = append(sec.Blocks, b.prov([]string{"meetings_enriched", "source_discrepancies"}, []string{"meetings"}, files))
	return sec
}

func signed(l Lang, n int64) string {
	if n > 0 {
		return "+" + l.Int(n)
	}
	return l.Int(n)
}
