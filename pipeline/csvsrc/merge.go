package csvsrc

import (
	"cmp"
	"fmt"
	"slices"
	"strconv"
	"strings"

	"synergy/pipeline/civil"
	"synergy/pipeline/rawtable"
)

// Rules of a [Discrepancy]: how the merge settled a field.
const (
	// RuleFilled: the earlier row left the field empty and a later row filled it.
	RuleFilled = "filled"
	// RuleBaseKept: two rows disagree and the earlier row's value is kept
	// (participation, and meeting rows that are not updates).
	RuleBaseKept = "base kept"
	// RuleUpdateWins: an update row disagrees with the meeting and its value is used.
	RuleUpdateWins = "update wins"
	// RuleUpdateNoBase: an update row names no meeting; it is kept as a meeting.
	RuleUpdateNoBase = "update without base"
	// RuleDateOrder: after merging, a meeting's end date is before its start date; both
	// are kept as merged.
	RuleDateOrder = "end before start"
)

// SourcedValue is one row's value of a field, with where it came from.
type SourcedValue struct {
	Value      string `json:"value"`
	SourceFile string `json:"source_file"`
	Line       int32  `json:"line"`
	SourceURL  string `json:"source_url"`
}

// Discrepancy records how a merge settled one field of one participation spell or
// meeting that two rows both speak of: a later row filling an empty field
// ([RuleFilled]) or two rows disagreeing. Values lists the rows' values, earlier first;
// Used is the value in the merged record.
type Discrepancy struct {
	Key    string         `json:"key"`   // "<instrument>/<state>/<spell>" or the meeting id
	Field  string         `json:"field"` // column name, as in the CSV
	Values []SourcedValue `json:"values"`
	Used   string         `json:"used"`
	Rule   string         `json:"rule"`
}

// source describes one input row.
type source struct {
	file string
	line int32
	url  string
}

func (s source) value(v string) SourcedValue {
	return SourcedValue{Value: v, SourceFile: s.file, Line: s.line, SourceURL: s.url}
}

// field is one mergeable field of T: get returns its value as text ("" = empty), set
// copies it from src to dst.
type field[T any] struct {
	name string
	get  func(*T) string
	set  func(dst, src *T)
}

// entity is a merged record with the source of each field's value.
type entity[T any] struct {
	rec    T
	origin map[string]source
	ds     []Discrepancy // keyed once the entity's key is final
}

// mergeInto merges src (from row s) into e; updateWins says which value a
// disagreement keeps. It returns the discrepancies and whether any field changed.
func mergeInto[T any](key string, e *entity[T], src *T, s source, fields []field[T], updateWins bool) []Discrepancy {
	var ds []Discrepancy
	for _, f := range fields {
		nv := f.get(src)
		if nv == "" {
			continue
		}
		ov := f.get(&e.rec)
		switch {
		case ov == nv:
			continue
		case ov == "":
			f.set(&e.rec, src)
			ds = append(ds, Discrepancy{Key: key, Field: f.name, Values: []SourcedValue{e.origin[""].value(""), s.value(nv)}, Used: nv, Rule: RuleFilled})
			e.origin[f.name] = s
		case updateWins:
			ds = append(ds, Discrepancy{Key: key, Field: f.name, Values: []SourcedValue{originOf(e, f.name).value(ov), s.value(nv)}, Used: nv, Rule: RuleUpdateWins})
			f.set(&e.rec, src)
			e.origin[f.name] = s
		default:
			ds = append(ds, Discrepancy{Key: key, Field: f.name, Values: []SourcedValue{originOf(e, f.name).value(ov), s.value(nv)}, Used: ov, Rule: RuleBaseKept})
		}
	}
	return ds
}

// originOf returns the row that gave e's field name; "" holds the row that created e.
func originOf[T any](e *entity[T], name string) source {
	if s, ok := e.origin[name]; ok {
		return s
	}
	return e.origin[""]
}

// JoinProvenance appends add to a " ; "-separated list of sources unless it is
// already there; merged rows (here and in package reconcile) list every source so.
func JoinProvenance(list, add string) string {
	switch {
	case add == "" || list == add || slices.Contains(strings.Split(list, " ; "), add):
		return list
	case list == "":
		return add
	}
	return list + " ; " + add
}

func strText(s *string) string {
	if s == nil {
		return ""
	}
	return *s
}

func boolText(b *bool) string {
	if b == nil {
		return ""
	}
	return strconv.FormatBool(*b)
}

var participationFields = []field[rawtable.Participation]{
	{"state_name", func(p *rawtable.Participation) string { return p.StateNameInSource },
		func(d, s *rawtable.Participation) { d.StateNameInSource = s.StateNameInSource }},
	{"signature_date", func(p *rawtable.Participation) string { return civil.Text(p.SignatureDate) },
		func(d, s *rawtable.Participation) { d.SignatureDate = s.SignatureDate }},
	{"consent_date", func(p *rawtable.Participation) string { return civil.Text(p.ConsentDate) },
		func(d, s *rawtable.Participation) { d.ConsentDate = s.ConsentDate }},
	{"consent_type", func(p *rawtable.Participation) string { return strText(p.ConsentKind) },
		func(d, s *rawtable.Participation) { d.ConsentKind = s.ConsentKind }},
	// The derived flag travels with the date it describes.
	{"entry_into_force_date", func(p *rawtable.Participation) string { return civil.Text(p.EntryIntoForceDate) },
		func(d, s *rawtable.Participation) {
			d.EntryIntoForceDate, d.EntryIntoForceDerived = s.EntryIntoForceDate, s.EntryIntoForceDerived
		}},
	{"withdrawal_notified_date", func(p *rawtable.Participation) string { return civil.Text(p.WithdrawalNotifiedDate) },
		func(d, s *rawtable.Participation) { d.WithdrawalNotifiedDate = s.WithdrawalNotifiedDate }},
	{"withdrawal_effective_date", func(p *rawtable.Participation) string { return civil.Text(p.WithdrawalEffectiveDate) },
		func(d, s *rawtable.Participation) { d.WithdrawalEffectiveDate = s.WithdrawalEffectiveDate }},
}

// MergeParticipation merges the rows of base and then more (e.g. the membership CSVs,
// then ccw_members_added.csv) into one record per spell of each (state, instrument).
//
// A row whose consent date is after the withdrawal_effective_date of a spell already
// held for its state and instrument (or whose withdrawal took effect before that
// spell's consent) is another spell; otherwise it merges into the latest spell it fits.
// Spells are numbered from 1 in order of consent date (a spell without one first).
// Merging fills fields the earlier row left empty; where both rows have different
// values the earlier is kept. Every fill and disagreement is returned as a
// [Discrepancy] naming both rows. The merged record keeps the first row's SourceFile
// and SourceLine; SourceURL and Confidence list each contributing row's, " ; "
// separated; WithdrawalStatus is recomputed.
//
// The result is sorted by instrument, state and spell; inputs are not modified.
func MergeParticipation(base, more []rawtable.Participation) ([]rawtable.Participation, []Discrepancy) {
	type key struct{ instrument, state string }
	spells := map[key][]*entity[rawtable.Participation]{}
	var order []key
	for _, p := range slices.Concat(base, more) {
		k := key{p.InstrumentID, p.StateID}
		s := source{p.SourceFile, p.SourceLine, p.SourceURL}
		into := pickSpell(spells[k], &p)
		if into == nil {
			if spells[k] == nil {
				order = append(order, k)
			}
			spells[k] = append(spells[k], &entity[rawtable.Participation]{rec: p, origin: map[string]source{"": s}})
			continue
		}
		into.ds = append(into.ds, mergeInto("", into, &p, s, participationFields, false)...)
		into.rec.SourceURL = JoinProvenance(into.rec.SourceURL, p.SourceURL)
		into.rec.Confidence = JoinProvenance(into.rec.Confidence, p.Confidence)
	}
	slices.SortFunc(order, func(a, b key) int {
		return cmp.Or(cmp.Compare(a.instrument, b.instrument), cmp.Compare(a.state, b.state))
	})
	var out []rawtable.Participation
	var ds []Discrepancy
	for _, k := range order {
		es := spells[k]
		slices.SortStableFunc(es, func(a, b *entity[rawtable.Participation]) int {
			return civil.Compare(a.rec.ConsentDate, b.rec.ConsentDate)
		})
		for i, e := range es {
			e.rec.Spell = int32(i + 1)
			e.rec.WithdrawalStatus = withdrawalStatus(e.rec)
			out = append(out, e.rec)
			for _, d := range e.ds {
				d.Key = fmt.Sprintf("%s/%s/%d", k.instrument, k.state, e.rec.Spell)
				ds = append(ds, d)
			}
		}
	}
	return out, ds
}

// pickSpell returns the spell row p belongs to, or nil for a new spell: of the spells
// p can belong to, the one that began last on or before p's consent date, else the
// earliest; without a consent date, the latest.
func pickSpell(es []*entity[rawtable.Participation], p *rawtable.Participation) *entity[rawtable.Participation] {
	var best, first, last *entity[rawtable.Participation]
	for _, e := range es {
		if !sameSpell(&e.rec, p) {
			continue
		}
		if first == nil || civil.Compare(e.rec.ConsentDate, first.rec.ConsentDate) < 0 {
			first = e
		}
		if last == nil || civil.Compare(e.rec.ConsentDate, last.rec.ConsentDate) >= 0 {
			last = e
		}
		if p.ConsentDate != nil && e.rec.ConsentDate != nil && *e.rec.ConsentDate <= *p.ConsentDate &&
			(best == nil || *e.rec.ConsentDate >= *best.rec.ConsentDate) {
			best = e
		}
	}
	switch {
	case best != nil:
		return best
	case p.ConsentDate == nil:
		return last
	}
	return first
}

// sameSpell reports whether row p can belong to the spell e: neither consents after
// the other's withdrawal took effect.
func sameSpell(e, p *rawtable.Participation) bool {
	after := func(a, b *civil.Day) bool { return a != nil && b != nil && *a > *b }
	return !after(p.ConsentDate, e.WithdrawalEffectiveDate) && !after(e.ConsentDate, p.WithdrawalEffectiveDate)
}

var meetingFields = []field[rawtable.Meeting]{
	{"instrument", func(m *rawtable.Meeting) string { return m.InstrumentID },
		func(d, s *rawtable.Meeting) { d.InstrumentID = s.InstrumentID }},
	{"body", func(m *rawtable.Meeting) string { return m.Body },
		func(d, s *rawtable.Meeting) { d.Body = s.Body }},
	{"title", func(m *rawtable.Meeting) string { return m.Title },
		func(d, s *rawtable.Meeting) { d.Title = s.Title }},
	{"start_date", func(m *rawtable.Meeting) string { return m.StartText },
		func(d, s *rawtable.Meeting) {
			d.StartDate, d.StartPrecision, d.StartText = s.StartDate, s.StartPrecision, s.StartText
		}},
	{"end_date", func(m *rawtable.Meeting) string { return m.EndText },
		func(d, s *rawtable.Meeting) {
			d.EndDate, d.EndPrecision, d.EndText = s.EndDate, s.EndPrecision, s.EndText
		}},
	{"city", func(m *rawtable.Meeting) string { return strText(m.City) },
		func(d, s *rawtable.Meeting) { d.City = s.City }},
	// A mode no source states is no value to merge; Virtual follows the mode.
	{"mode", func(m *rawtable.Meeting) string {
		if !m.ModeStated {
			return ""
		}
		return m.Mode
	}, func(d, s *rawtable.Meeting) { d.Mode, d.ModeStated, d.Virtual = s.Mode, s.ModeStated, s.Virtual }},
	{"country", func(m *rawtable.Meeting) string { return strText(m.CountryID) },
		func(d, s *rawtable.Meeting) { d.CountryID = s.CountryID }},
	{"venue", func(m *rawtable.Meeting) string { return strText(m.Venue) },
		func(d, s *rawtable.Meeting) { d.Venue = s.Venue }},
	{"president", func(m *rawtable.Meeting) string { return strText(m.President) },
		func(d, s *rawtable.Meeting) { d.President = s.President }},
	{"status", func(m *rawtable.Meeting) string { return m.Status },
		func(d, s *rawtable.Meeting) { d.Status = s.Status }},
	{"agenda_clearance", func(m *rawtable.Meeting) string { return boolText(m.AgendaClearance) },
		func(d, s *rawtable.Meeting) { d.AgendaClearance = s.AgendaClearance }},
	{"agenda_victim_assistance", func(m *rawtable.Meeting) string { return boolText(m.AgendaVictimAssist) },
		func(d, s *rawtable.Meeting) { d.AgendaVictimAssist = s.AgendaVictimAssist }},
	{"agenda_stockpile", func(m *rawtable.Meeting) string { return boolText(m.AgendaStockpile) },
		func(d, s *rawtable.Meeting) { d.AgendaStockpile = s.AgendaStockpile }},
	{"agenda_cooperation", func(m *rawtable.Meeting) string { return boolText(m.AgendaCooperation) },
		func(d, s *rawtable.Meeting) { d.AgendaCooperation = s.AgendaCooperation }},
	{"agenda_transparency", func(m *rawtable.Meeting) string { return boolText(m.AgendaTransparency) },
		func(d, s *rawtable.Meeting) { d.AgendaTransparency = s.AgendaTransparency }},
}

// MergeMeetings merges meetings from base and then more (e.g. meetings.csv, then
// meetings_added.csv) into one record per MeetingID, and then applies updates in order.
//
// A later plain row for a meeting already seen fills the fields the earlier left empty
// and keeps the earlier value where both differ ([RuleBaseKept]). An update's non-empty
// fields replace the meeting's ([RuleUpdateWins]): updates are corrections. Every fill
// and disagreement is returned as a [Discrepancy]. An update for a meeting no row gives
// is kept as a meeting, with a [RuleUpdateNoBase] discrepancy; a merged meeting whose
// end falls before its start is kept, with a [RuleDateOrder] discrepancy.
//
// A mode no row states (ModeStated false) is no value: a row that states one fills
// it, and two stated modes that differ are a disagreement like any other field's.
//
// The merged record keeps the first row's SourceFile and SourceLine; SourceURL and
// Confidence list each contributing row's, " ; " separated. The result is sorted by
// MeetingID; inputs are not modified. Statuses are as the rows give them: the caller
// settles them against its as-of day (rawtable.Meeting.SettleStatus).
func MergeMeetings(base, more []rawtable.Meeting, updates []Update) ([]rawtable.Meeting, []Discrepancy) {
	byID := map[string]*entity[rawtable.Meeting]{}
	var order []string
	add := func(m rawtable.Meeting, s source) *entity[rawtable.Meeting] {
		e := &entity[rawtable.Meeting]{rec: m, origin: map[string]source{"": s}}
		byID[m.MeetingID] = e
		order = append(order, m.MeetingID)
		return e
	}
	merge := func(m rawtable.Meeting, updateWins bool) {
		s := source{m.SourceFile, m.SourceLine, m.SourceURL}
		e, ok := byID[m.MeetingID]
		if !ok {
			e = add(m, s)
			if updateWins {
				e.ds = append(e.ds, Discrepancy{Key: m.MeetingID, Field: "meeting_id", Values: []SourcedValue{s.value(m.MeetingID)}, Used: m.MeetingID, Rule: RuleUpdateNoBase})
			}
			return
		}
		e.ds = append(e.ds, mergeInto(m.MeetingID, e, &m, s, meetingFields, updateWins)...)
		e.rec.SourceURL = JoinProvenance(e.rec.SourceURL, m.SourceURL)
		e.rec.Confidence = JoinProvenance(e.rec.Confidence, m.Confidence)
	}
	for _, m := range slices.Concat(base, more) {
		merge(m, false)
	}
	for _, u := range updates {
		merge(u.Meeting, true)
	}
	slices.Sort(order)
	out := make([]rawtable.Meeting, 0, len(order))
	var ds []Discrepancy
	for _, id := range order {
		e := byID[id]
		m := e.rec
		if s, en := m.StartText, m.EndText; s != "" && en != "" {
			sp, err1 := civil.ParsePartial(s)
			ep, err2 := civil.ParsePartial(en)
			if err1 == nil && err2 == nil && ep.Last < sp.First {
				e.ds = append(e.ds, Discrepancy{Key: id, Field: "end_date", Values: []SourcedValue{
					originOf(e, "start_date").value(s), originOf(e, "end_date").value(en)}, Used: en, Rule: RuleDateOrder})
			}
		}
		out = append(out, m)
		ds = append(ds, e.ds...)
	}
	return out, ds
}
