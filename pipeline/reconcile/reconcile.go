package reconcile

import (
	"cmp"
	"fmt"
	"regexp"
	"slices"
	"strings"

	"synergy/pipeline/civil"
	"synergy/pipeline/csvsrc"
	"synergy/pipeline/rawtable"
	"synergy/pipeline/untc"
)

// StateResolver maps a state's name as a source spells it to the state's id (ISO 3166-1
// alpha-3). ok is false for a name it does not know. *states.Resolver implements it.
type StateResolver interface {
	Resolve(name string) (stateID string, ok bool)
}

// Source is one instrument's decoded depositary status page and how to cite it.
type Source struct {
	// Page is the decoded page; a nil Page is treated as no page for the instrument.
	Page *untc.Page
	// File names the page in discrepancies and rejects, as the run names its inputs
	// ("untc/apmbc.html").
	File string
	// URL is the page's address. When "", it is built from Page.TreatyID
	// ("XXVI-5" → https://treaties.un.org/Pages/ViewDetails.aspx?src=TREATY&mtdsg_no=XXVI-5&chapter=26&clang=_en).
	URL string
	// Captured, when not zero, is the day this page was captured, in place of the
	// day Participation is given (pages fetched on different nights).
	Captured civil.Day
}

// Rules of a discrepancy (rawtable.SourceDiscrepancy.Rule).
const (
	// RuleDepositaryWins: the CSV and the page disagree (one may be empty) and the
	// page's value is published.
	RuleDepositaryWins = "depositary wins"
	// RuleLaterSourceWins: the CSV's date is after the capture day, so the page could not
	// know it; the CSV's value is published.
	RuleLaterSourceWins = "later dated source wins"
	// RuleOnlyInDepositary: the participant is on the page and not in the CSV; the page's
	// values are published as a new row.
	RuleOnlyInDepositary = "only in depositary"
	// RuleOnlyInCSV: the CSV row (or spell) is not on the page; the row is kept, its
	// dates after the capture day published, its earlier dates not.
	RuleOnlyInCSV = "only in csv"
)

// Reasons of the rejects Participation returns (rawtable.Reject.Reason; the field is
// "participant" for the first two).
const (
	// ReasonNotAState: the participant is a regional integration organization (the
	// European Union, party to the CRPD by formal confirmation), which has no state id.
	ReasonNotAState = "regional integration organization, not a state"
	// ReasonUnknownState starts the reason for a participant name the resolver does not
	// know.
	ReasonUnknownState = "does not resolve to a state"
	// ReasonDuplicate starts the reason for a second row of the same state on one page.
	ReasonDuplicate = "second row for the same state on the page"
	// ReasonPageRow starts the reason for a row the untc reader could not decode
	// (untc.Page.Rejects), followed by the reader's error.
	ReasonPageRow = "depositary row not read"
)

// NoteEndedUndated is appended to the confidence of a row whose consent date the page
// brackets (the participation has ended) when no end note gives the withdrawal's
// effective date and the CSV has none either.
const NoteEndedUndated = "participation ended at the depositary (bracketed), withdrawal date not found"

// regionalOrganizations are the participants that are not states, by lower-case name.
var regionalOrganizations = map[string]bool{
	"european union":              true,
	"european community":          true,
	"european economic community": true,
}

// The fields compared, in output order, with their CSV column names.
type fieldID int

const (
	fSignature fieldID = iota
	fConsent
	fKind
	fNotified
	fEffective
	nFields
)

var fieldNames = [nFields]string{
	"signature_date", "consent_date", "consent_type", "withdrawal_notified_date", "withdrawal_effective_date",
}

// Discrepancy fields outside the compared five, with their sort position.
const (
	fieldStateName = "state_name"            // first: which source has the participant
	fieldEIF       = "entry_into_force_date" // last: dropped with its consent date
)

func fieldOrder(name string) int {
	switch name {
	case fieldStateName:
		return -1
	case fieldEIF:
		return int(nFields)
	}
	return slices.Index(fieldNames[:], name)
}

// values holds the compared fields as text ("" = empty), dates as YYYY-MM-DD.
type values [nFields]string

func valuesOf(p *rawtable.Participation) values {
	var v values
	v[fSignature] = civil.Text(p.SignatureDate)
	v[fConsent] = civil.Text(p.ConsentDate)
	if p.ConsentKind != nil {
		v[fKind] = *p.ConsentKind
	}
	v[fNotified] = civil.Text(p.WithdrawalNotifiedDate)
	v[fEffective] = civil.Text(p.WithdrawalEffectiveDate)
	return v
}

// set stores value s of field f in p. s is "" or text that valuesOf produced.
func set(p *rawtable.Participation, f fieldID, s string) {
	if f == fKind {
		p.ConsentKind = nil
		if s != "" {
			k := s
			p.ConsentKind = &k
		}
		return
	}
	var d *civil.Day
	if s != "" {
		day, err := civil.ParseDay(s)
		if err != nil {
			panic(fmt.Sprintf("reconcile: date %q of field %s: %v", s, fieldNames[f], err))
		}
		d = &day
	}
	switch f {
	case fSignature:
		p.SignatureDate = d
	case fConsent:
		p.ConsentDate = d
	case fNotified:
		p.WithdrawalNotifiedDate = d
	case fEffective:
		p.WithdrawalEffectiveDate = d
	}
}

// governing returns the date that decides whether field f of v is later than the
// capture: the field's own date, or the consent date for the consent kind.
func governing(v values, f fieldID) string {
	if f == fKind {
		return v[fConsent]
	}
	return v[f]
}

// pageRow is what the page says of one participant.
type pageRow struct {
	name  string
	vals  values
	lines [nFields]int32 // where each value is printed: the row, or the end note
	// silent marks fields the page does not speak of: signatures on a page without a
	// signature column; withdrawal dates of a bracketed row whose note was not read.
	silent [nFields]bool
	ended  bool // the consent date is bracketed
}

// discrepancy is a rawtable.SourceDiscrepancy with its sort key.
type discrepancy struct {
	instrument, state string
	spell             int32
	seq               int // emission order within one key and field
	rawtable.SourceDiscrepancy
}

// run holds the state of one call of Participation.
type run struct {
	captured civil.Day
	states   StateResolver
	disc     []discrepancy
	rejects  []rawtable.Reject
}

// Participation reconciles the membership rows csv (after csvsrc.MergeParticipation)
// with the depositary pages (instrument id → page) captured on the day captured, by the
// rule in the package documentation. It returns the participation to publish, the
// discrepancies (entity "participation", key "<instrument>/<state>/<spell>", one row
// per source value; Used marks the published one) and the page rows refused: a
// participant states cannot resolve ([ReasonNotAState], [ReasonUnknownState]), a state
// printed twice ([ReasonDuplicate]), and the rows the untc reader rejected
// ([ReasonPageRow]).
//
// entry_into_force_date is NULL on added rows and on rows whose derived date no longer
// fits their consent date; the caller derives it afterwards by the instrument's rule.
// Neither csv nor the pages are modified. It panics if states is nil.
func Participation(csv []rawtable.Participation, pages map[string]Source, captured civil.Day, states StateResolver) (published []rawtable.Participation, disc []rawtable.SourceDiscrepancy, rejects []rawtable.Reject) {
	if states == nil {
		panic("reconcile: nil StateResolver")
	}
	r := &run{captured: captured, states: states}
	out := slices.Clone(csv)
	spells := spellsOf(out)
	for _, inst := range pageInstruments(pages) {
		src := pages[inst]
		r.captured = captured
		if src.Captured != 0 {
			r.captured = src.Captured
		}
		if src.URL == "" {
			src.URL = PageURL(src.Page.TreatyID)
		}
		var onPage map[string]int
		var matched map[int]bool
		out, onPage, matched = r.applyPage(out, spells, inst, src)
		r.markOnlyInCSV(out, spells, inst, src, onPage, matched)
	}
	return r.finish(out)
}

// spellKey names the spells of one state in one instrument.
type spellKey struct{ instrument, state string }

// spellsOf indexes rows by instrument and state, each list in spell order.
func spellsOf(rows []rawtable.Participation) map[spellKey][]int {
	spells := map[spellKey][]int{}
	for i, p := range rows {
		k := spellKey{p.InstrumentID, p.StateID}
		spells[k] = append(spells[k], i)
	}
	for _, idx := range spells {
		slices.SortStableFunc(idx, func(a, b int) int { return cmp.Compare(rows[a].Spell, rows[b].Spell) })
	}
	return spells
}

// pageInstruments returns the instruments that have a page, sorted.
func pageInstruments(pages map[string]Source) []string {
	instruments := make([]string, 0, len(pages))
	for id, src := range pages {
		if src.Page != nil {
			instruments = append(instruments, id)
		}
	}
	slices.Sort(instruments)
	return instruments
}

// applyPage merges the rows of inst's page into out, adding the states out lacks. It
// returns out, the spell each state on the page matched (an index into out, or -1
// when added) and the set of matched indexes.
func (r *run) applyPage(out []rawtable.Participation, spells map[spellKey][]int, inst string, src Source) ([]rawtable.Participation, map[string]int, map[int]bool) {
	matched := map[int]bool{}
	onPage := map[string]int{}
	for _, pe := range src.Page.Rejects {
		r.rejectPageRow(src, pe)
	}
	for _, pr := range r.pageRows(src) {
		id, ok := r.resolve(src, pr)
		if !ok {
			continue
		}
		if _, dup := onPage[id]; dup {
			r.rejects = append(r.rejects, rawtable.Reject{SourceFile: src.File, Line: pr.lines[fConsent], Field: "participant",
				Reason: fmt.Sprintf("%s: %s", ReasonDuplicate, id), Raw: pr.name})
			continue
		}
		idx := spells[spellKey{inst, id}]
		if len(idx) == 0 {
			out = append(out, r.added(inst, id, pr, src))
			onPage[id] = -1
			continue
		}
		j := r.pickSpell(out, idx)
		onPage[id] = j
		matched[j] = true
		r.merge(&out[j], pr, src)
	}
	return out, onPage, matched
}

// markOnlyInCSV marks the CSV rows of inst the page does not speak of: every spell
// of a state not on the page, and the spells after the one matched.
func (r *run) markOnlyInCSV(out []rawtable.Participation, spells map[spellKey][]int, inst string, src Source, onPage map[string]int, matched map[int]bool) {
	for k, idx := range spells {
		if k.instrument != inst {
			continue
		}
		j, seen := onPage[k.state]
		if !seen {
			j = -2 // matches no row: every spell is after
		}
		after := !seen
		for _, i := range idx {
			if i == j {
				after = true
				continue
			}
			if after && !matched[i] {
				r.onlyInCSV(&out[i], src)
			}
		}
	}
}

// finish sorts the published rows, the discrepancies and the rejects.
func (r *run) finish(out []rawtable.Participation) ([]rawtable.Participation, []rawtable.SourceDiscrepancy, []rawtable.Reject) {
	slices.SortStableFunc(out, func(a, b rawtable.Participation) int {
		return cmp.Or(cmp.Compare(a.InstrumentID, b.InstrumentID), cmp.Compare(a.StateID, b.StateID), cmp.Compare(a.Spell, b.Spell))
	})
	slices.SortStableFunc(r.disc, func(a, b discrepancy) int {
		return cmp.Or(cmp.Compare(a.instrument, b.instrument), cmp.Compare(a.state, b.state), cmp.Compare(a.spell, b.spell),
			cmp.Compare(fieldOrder(a.Field), fieldOrder(b.Field)), cmp.Compare(a.seq, b.seq))
	})
	var disc []rawtable.SourceDiscrepancy
	for _, d := range r.disc {
		disc = append(disc, d.SourceDiscrepancy)
	}
	slices.SortStableFunc(r.rejects, func(a, b rawtable.Reject) int {
		return cmp.Or(cmp.Compare(a.SourceFile, b.SourceFile), cmp.Compare(a.Line, b.Line), cmp.Compare(a.Field, b.Field))
	})
	return out, disc, r.rejects
}

// reservationRe matches a note about withdrawing a reservation, declaration or
// objection, which is not a withdrawal from the treaty.
var reservationRe = regexp.MustCompile(`(?i)\bwithdraw (?:the following |its |the |a |an |this |that )?(?:[a-z]+ )?(?:reservations?|declarations?|objections?)\b`)

// pageRows reads the page's participants with their withdrawals.
func (r *run) pageRows(src Source) []pageRow {
	p := src.Page
	hasSignatures := p.DeclaredSignatories != nil
	for _, pt := range p.Participants {
		if pt.Signature != nil {
			hasSignatures = true
		}
	}
	noteLine := map[string]int32{}
	for _, fn := range p.Footnotes {
		noteLine[fn.Ref] = int32(fn.Line)
	}
	// Withdrawals by state; a later note for the same state replaces an earlier one.
	type wd struct {
		w    untc.Withdrawal
		line int32
	}
	withdrawals := map[string]wd{}
	for _, w := range p.Withdrawals() {
		if reservationRe.MatchString(w.Text) {
			continue
		}
		id, ok := r.states.Resolve(w.Name)
		if w.Name == "" || !ok {
			continue
		}
		withdrawals[id] = wd{w, noteLine[w.FootnoteRef]}
	}
	rows := make([]pageRow, 0, len(p.Participants))
	for _, pt := range p.Participants {
		pr := pageRow{name: pt.Name, ended: pt.ConsentBracketed}
		line := int32(pt.Line)
		for f := range pr.lines {
			pr.lines[f] = line
		}
		pr.vals[fSignature] = civil.Text(pt.Signature)
		pr.silent[fSignature] = !hasSignatures
		pr.vals[fConsent] = civil.Text(pt.Consent)
		pr.vals[fKind] = string(pt.ConsentKind)
		if id, ok := r.states.Resolve(pt.Name); ok {
			if w, ok := withdrawals[id]; ok && (pt.ConsentBracketed || w.w.Effective != nil) {
				pr.vals[fNotified], pr.vals[fEffective] = civil.Text(w.w.Notified), civil.Text(w.w.Effective)
				pr.lines[fNotified], pr.lines[fEffective] = w.line, w.line
			} else if pt.ConsentBracketed {
				// Ended, but no note gives the dates: the page is silent on them.
				pr.silent[fNotified], pr.silent[fEffective] = true, true
			}
		}
		rows = append(rows, pr)
	}
	return rows
}

// resolve returns the state id of a page row, or records a reject.
func (r *run) resolve(src Source, pr pageRow) (string, bool) {
	if id, ok := r.states.Resolve(pr.name); ok {
		return id, true
	}
	reason := fmt.Sprintf("%s: %q", ReasonUnknownState, pr.name)
	if regionalOrganizations[strings.ToLower(strings.TrimSpace(pr.name))] || pr.vals[fKind] == csvsrc.ConsentFormalConfirmation {
		reason = ReasonNotAState
	}
	r.rejects = append(r.rejects, rawtable.Reject{SourceFile: src.File, Line: pr.lines[fConsent], Field: "participant", Reason: reason, Raw: pr.name})
	return "", false
}

func (r *run) rejectPageRow(src Source, pe *untc.ParseError) {
	file := src.File
	if file == "" {
		file = pe.File
	}
	rej := rawtable.RejectOf(pe)
	rej.SourceFile, rej.Reason = file, ReasonPageRow+": "+rej.Reason
	r.rejects = append(r.rejects, rej)
}

// pickSpell returns the spell the page row speaks of: the latest whose consent date is
// not after the capture (a spell without one counts), else the first.
func (r *run) pickSpell(out []rawtable.Participation, idx []int) int {
	pick := -1
	for _, i := range idx {
		if c := out[i].ConsentDate; c == nil || *c <= r.captured {
			if pick < 0 || civil.Compare(out[i].ConsentDate, out[pick].ConsentDate) >= 0 {
				pick = i
			}
		}
	}
	if pick < 0 {
		return idx[0]
	}
	return pick
}

// note records one source value of a field of p.
func (r *run) note(p *rawtable.Participation, seq int, field, value, used, rule, file string, line int32, url string) {
	r.disc = append(r.disc, discrepancy{
		instrument: p.InstrumentID, state: p.StateID, spell: p.Spell, seq: seq,
		SourceDiscrepancy: rawtable.SourceDiscrepancy{
			Entity: "participation", EntityKey: fmt.Sprintf("%s/%s/%d", p.InstrumentID, p.StateID, p.Spell),
			Field: field, Value: value, Used: value == used, UsedValue: used, Rule: rule,
			SourceFile: file, SourceLine: line, SourceURL: url,
		},
	})
}

// later reports whether the text date s is after the capture day.
func (r *run) later(s string) bool {
	if s == "" {
		return false
	}
	d, err := civil.ParseDay(s)
	return err == nil && d > r.captured
}

func (r *run) capturedNote() string {
	return "depositary page captured " + r.captured.String()
}

// merge applies the page row pr to the CSV row p.
func (r *run) merge(p *rawtable.Participation, pr pageRow, src Source) {
	csv := valuesOf(p)
	csvFile, csvLine, csvURL := p.SourceFile, p.SourceLine, p.SourceURL
	var taken []string
	for f := range nFields {
		cv, pv := csv[f], pr.vals[f]
		if pr.silent[f] || cv == pv {
			continue
		}
		rule, used := RuleDepositaryWins, pv
		if r.later(governing(csv, f)) {
			rule, used = RuleLaterSourceWins, cv
		} else {
			set(p, f, pv)
			taken = append(taken, fieldNames[f])
		}
		r.note(p, 0, fieldNames[f], cv, used, rule, csvFile, csvLine, csvURL)
		r.note(p, 1, fieldNames[f], pv, used, rule, src.File, pr.lines[f], src.URL)
	}
	r.noteUndated(p, pr)
	if csv[fNotified] != "" && csv[fNotified] == pr.vals[fNotified] && strings.Contains(p.Confidence, "withdrawal_notified computed") {
		p.Confidence = joinNote(p.Confidence, "withdrawal_notified_date confirmed by the "+r.capturedNote())
		p.SourceURL = csvsrc.JoinProvenance(p.SourceURL, src.URL)
	}
	if len(taken) == 0 {
		return
	}
	p.SourceURL = csvsrc.JoinProvenance(p.SourceURL, src.URL)
	p.Confidence = joinNote(p.Confidence, strings.Join(taken, ", ")+" from the "+r.capturedNote())
	if civil.Text(p.ConsentDate) != csv[fConsent] && p.EntryIntoForceDate != nil {
		switch {
		case p.ConsentDate == nil:
			r.dropEIF(p, src, RuleDepositaryWins, csvFile, csvLine, csvURL)
		case p.EntryIntoForceDerived:
			p.EntryIntoForceDate, p.EntryIntoForceDerived = nil, false
			p.Confidence = joinNote(p.Confidence, "entry_into_force_date to be derived again from the depositary's consent date")
		}
	}
	p.WithdrawalStatus = withdrawalStatus(p)
}

// dropEIF removes p's entry-into-force date, whose consent date is no longer published.
func (r *run) dropEIF(p *rawtable.Participation, src Source, rule, csvFile string, csvLine int32, csvURL string) {
	r.note(p, 0, fieldEIF, civil.Text(p.EntryIntoForceDate), "", rule, csvFile, csvLine, csvURL)
	r.note(p, 1, fieldEIF, "", "", rule, src.File, 0, src.URL)
	p.EntryIntoForceDate, p.EntryIntoForceDerived = nil, false
}

// added returns the row for a participant that only the page lists.
func (r *run) added(inst, id string, pr pageRow, src Source) rawtable.Participation {
	p := rawtable.Participation{
		StateID: id, InstrumentID: inst, Spell: 1, StateNameInSource: pr.name,
		SourceURL: src.URL, Confidence: "source: " + r.capturedNote(),
		SourceFile: src.File, SourceLine: pr.lines[fConsent],
	}
	r.note(&p, 1, fieldStateName, pr.name, pr.name, RuleOnlyInDepositary, src.File, pr.lines[fConsent], src.URL)
	for f := range nFields {
		if v := pr.vals[f]; v != "" && !pr.silent[f] {
			set(&p, f, v)
			r.note(&p, 1, fieldNames[f], v, v, RuleOnlyInDepositary, src.File, pr.lines[f], src.URL)
		}
	}
	r.noteUndated(&p, pr)
	p.WithdrawalStatus = withdrawalStatus(&p)
	return p
}

// noteUndated notes in p's confidence a participation the page shows as ended when no
// withdrawal date is published for it: the row still counts as a party.
func (r *run) noteUndated(p *rawtable.Participation, pr pageRow) {
	if pr.ended && p.WithdrawalEffectiveDate == nil {
		p.Confidence = joinNote(p.Confidence, NoteEndedUndated+" ("+r.capturedNote()+")")
	}
}

// onlyInCSV settles a CSV row the page does not list: dates after the capture are
// kept, earlier ones are not published.
func (r *run) onlyInCSV(p *rawtable.Participation, src Source) {
	csv := valuesOf(p)
	file, line, url := p.SourceFile, p.SourceLine, p.SourceURL
	r.note(p, 0, fieldStateName, p.StateNameInSource, p.StateNameInSource, RuleOnlyInCSV, file, line, url)
	r.note(p, 1, fieldStateName, "", p.StateNameInSource, RuleOnlyInCSV, src.File, 0, src.URL)
	var dropped []string
	for f := range nFields {
		cv := csv[f]
		if cv == "" || (f == fSignature && src.Page.DeclaredSignatories == nil && !pageHasSignatures(src.Page)) {
			continue
		}
		used := cv
		if !r.later(governing(csv, f)) {
			used = ""
			set(p, f, "")
			dropped = append(dropped, fieldNames[f])
		}
		r.note(p, 0, fieldNames[f], cv, used, RuleOnlyInCSV, file, line, url)
		r.note(p, 1, fieldNames[f], "", used, RuleOnlyInCSV, src.File, 0, src.URL)
	}
	if p.ConsentDate == nil && p.EntryIntoForceDate != nil {
		r.dropEIF(p, src, RuleOnlyInCSV, file, line, url)
		dropped = append(dropped, fieldEIF)
	}
	note := "not on the " + r.capturedNote()
	if len(dropped) > 0 {
		note += "; not published: " + strings.Join(dropped, ", ")
	}
	p.Confidence = joinNote(p.Confidence, note)
	p.WithdrawalStatus = withdrawalStatus(p)
}

func pageHasSignatures(p *untc.Page) bool {
	return slices.ContainsFunc(p.Participants, func(pt untc.Participant) bool { return pt.Signature != nil })
}

// PageURL returns the UN Treaty Collection address of the status page of the treaty
// with the depositary reference id ("XXVI-2-b", "IV-15"), or "" if id does not start
// with a Roman chapter number and a dash.
func PageURL(id string) string {
	roman, _, ok := strings.Cut(id, "-")
	chapter := romanToInt(roman)
	if !ok || chapter == 0 {
		return ""
	}
	return fmt.Sprintf("https://treaties.un.org/Pages/ViewDetails.aspx?src=TREATY&mtdsg_no=%s&chapter=%d&clang=_en", id, chapter)
}

// romanToInt returns the value of a Roman numeral of I, V, X, L and C, or 0.
func romanToInt(s string) int {
	val := map[byte]int{'I': 1, 'V': 5, 'X': 10, 'L': 50, 'C': 100}
	n := 0
	for i := 0; i < len(s); i++ {
		v, ok := val[s[i]]
		if !ok {
			return 0
		}
		if i+1 < len(s) && val[s[i+1]] > v {
			n -= v
		} else {
			n += v
		}
	}
	return n
}

func withdrawalStatus(p *rawtable.Participation) *string {
	var s string
	switch {
	case p.WithdrawalEffectiveDate != nil:
		s = csvsrc.WithdrawalEffective
	case p.WithdrawalNotifiedDate != nil:
		s = csvsrc.WithdrawalNotified
	default:
		return nil
	}
	return &s
}

// joinNote appends a note to a "; "-separated confidence text.
func joinNote(s, note string) string {
	if s == "" {
		return note
	}
	return s + "; " + note
}
