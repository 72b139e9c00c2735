package csvsrc

import (
	"errors"
	"io"
	"strings"

	"synergy/pipeline/civil"
	"synergy/pipeline/rawtable"
	"synergy/pipeline/treaty"
)

// StateResolver maps a state's name as a source spells it, or its ISO 3166-1 alpha-3
// code, to the state's id (the alpha-3 code). ok is false for a name it does not know.
type StateResolver interface {
	Resolve(name string) (stateID string, ok bool)
}

// Columns of the membership CSVs, in their usual order; the readers find them by name.
var participationColumns = []string{
	"instrument", "state_name", "iso3", "signature_date", "consent_date", "consent_type",
	"entry_into_force_date", "withdrawal_notified_date", "withdrawal_effective_date",
	"source_url", "confidence",
}

// Consent kinds, the values of rawtable.Participation.ConsentKind.
const (
	ConsentRatification       = "ratification"
	ConsentAccession          = "accession"
	ConsentSuccession         = "succession"
	ConsentAcceptance         = "acceptance"
	ConsentApproval           = "approval"
	ConsentToBeBound          = "consent_to_be_bound" // CCW protocols: notification of consent to be bound
	ConsentFormalConfirmation = "formal_confirmation" // by an international organisation (CRPD Art. 43)
)

// consentKinds maps the consent_type texts of the reference files to consent kinds.
var consentKinds = map[string]string{
	"ratification":                       ConsentRatification,
	"accession":                          ConsentAccession,
	"succession":                         ConsentSuccession,
	"acceptance":                         ConsentAcceptance,
	"approval":                           ConsentApproval,
	"consent to be bound (notification)": ConsentToBeBound,
	"consent to be bound":                ConsentToBeBound,
	"notification":                       ConsentToBeBound,
	"formal confirmation":                ConsentFormalConfirmation,
	ConsentToBeBound:                     ConsentToBeBound,
	ConsentFormalConfirmation:            ConsentFormalConfirmation,
}

// Withdrawal statuses, the values of rawtable.Participation.WithdrawalStatus.
const (
	WithdrawalNotified  = "notified"
	WithdrawalEffective = "effective"
)

// NoteConsentKindMissing is appended to Confidence when a row gives a consent date
// but no consent_type.
const NoteConsentKindMissing = "consent_type not given in source"

// ReadParticipation reads a membership CSV (columns instrument, state_name, iso3,
// signature_date, consent_date, consent_type, entry_into_force_date,
// withdrawal_notified_date, withdrawal_effective_date, source_url, confidence, found by
// name; other columns are ignored). file names the input in rows and errors.
//
// Each data row becomes one rawtable.Participation with Spell 1 (see
// [MergeParticipation]) or one rawtable.Reject; a bad row never stops the others. A row
// is rejected when its instrument is unknown, its state does not resolve, its iso3
// contradicts state_name, a date is not a possible YYYY-MM-DD date, consent_type is
// not a known kind, withdrawal takes effect before it was notified, or it repeats an
// earlier row exactly ("duplicate of line N"). A row without consent_date is kept (a
// signatory, or a participant whose date is unknown); a row with a consent date but no
// consent_type is kept with ConsentKind nil and [NoteConsentKindMissing] appended to
// Confidence.
//
// State: state_name is resolved with states; if it does not resolve, a non-empty iso3
// that states resolves is used instead. EntryIntoForceDerived is true when confidence
// contains "eif computed". WithdrawalStatus is "effective" when
// withdrawal_effective_date is set, "notified" when only the notification is, else nil.
//
// A UTF-8 byte-order mark and CRLF line ends are accepted. The error is non-nil only
// for a file that cannot be read as a whole: a *[ParseError] for a missing column or
// malformed CSV (then no rows are returned), or the reader's own error.
func ReadParticipation(r io.Reader, file string, states StateResolver) ([]rawtable.Participation, []rawtable.Reject, error) {
	t, err := newTable(r, file, participationColumns)
	if err != nil {
		return nil, nil, err
	}
	var rows []rawtable.Participation
	var rejects []rawtable.Reject
	for {
		rw, err := t.next()
		if errors.Is(err, io.EOF) {
			return rows, rejects, nil
		}
		if err != nil {
			return nil, nil, err
		}
		if rej := t.check(rw); rej != nil {
			rejects = append(rejects, *rej)
			continue
		}
		p, errs := parseParticipation(t, rw, states)
		if len(errs) > 0 {
			rejects = append(rejects, *t.reject(rw, errs...))
			continue
		}
		rows = append(rows, p)
	}
}

func parseParticipation(t *table, rw row, states StateResolver) (rawtable.Participation, []*fieldError) {
	var errs []*fieldError
	p := rawtable.Participation{
		Spell:             1,
		StateNameInSource: t.get(rw, "state_name"),
		SourceURL:         t.get(rw, "source_url"),
		Confidence:        t.get(rw, "confidence"),
		SourceFile:        t.file,
		SourceLine:        int32(rw.Line),
	}
	if p.SourceURL == "" {
		errs = append(errs, errNoSource())
	}
	instr := t.get(rw, "instrument")
	if id, ok := treaty.ID(instr); ok {
		p.InstrumentID = id
	} else {
		errs = append(errs, fieldErr("instrument", ErrUnknownInstrument, "%q", instr))
	}
	id, ferr := resolveState(states, p.StateNameInSource, t.get(rw, "iso3"))
	if ferr != nil {
		errs = append(errs, ferr)
	}
	p.StateID = id

	date := func(field string) *civil.Day {
		s := t.get(rw, field)
		if s == "" {
			return nil
		}
		d, err := civil.ParseDay(s)
		if err != nil || len(s) != len("2006-01-02") {
			errs = append(errs, fieldErr(field, ErrBadDate, "%q is not a date YYYY-MM-DD", s))
			return nil
		}
		return &d
	}
	p.SignatureDate = date("signature_date")
	p.ConsentDate = date("consent_date")
	p.EntryIntoForceDate = date("entry_into_force_date")
	p.WithdrawalNotifiedDate = date("withdrawal_notified_date")
	p.WithdrawalEffectiveDate = date("withdrawal_effective_date")

	switch ct := t.get(rw, "consent_type"); {
	case ct != "":
		if k, ok := consentKinds[strings.ToLower(ct)]; ok {
			p.ConsentKind = &k
		} else {
			errs = append(errs, fieldErr("consent_type", ErrBadConsentType, "%q", ct))
		}
	case t.get(rw, "consent_date") != "":
		p.Confidence = appendNote(p.Confidence, NoteConsentKindMissing)
	}
	if n, e := p.WithdrawalNotifiedDate, p.WithdrawalEffectiveDate; n != nil && e != nil && *e < *n {
		errs = append(errs, fieldErr("withdrawal_effective_date", ErrDateOrder, "effective %s before notified %s", e, n))
	}
	p.EntryIntoForceDerived = eifDerived(p.Confidence)
	p.WithdrawalStatus = withdrawalStatus(p)
	return p, errs
}

// resolveState returns the state id for a row's state_name and iso3 columns.
func resolveState(states StateResolver, name, iso3 string) (string, *fieldError) {
	if id, ok := states.Resolve(name); ok && name != "" {
		if iso3 != "" && !strings.EqualFold(iso3, id) {
			return "", fieldErr("iso3", ErrStateMismatch, "state_name %q is %s, iso3 says %s", name, id, iso3)
		}
		return id, nil
	}
	if iso3 != "" {
		if id, ok := states.Resolve(iso3); ok {
			return id, nil
		}
		return "", fieldErr("state_name", ErrUnknownState, "neither %q nor iso3 %q resolves", name, iso3)
	}
	return "", fieldErr("state_name", ErrUnknownState, "%q (iso3 empty)", name)
}

func eifDerived(confidence string) bool {
	return strings.Contains(strings.ToLower(confidence), "eif computed")
}

func withdrawalStatus(p rawtable.Participation) *string {
	var s string
	switch {
	case p.WithdrawalEffectiveDate != nil:
		s = WithdrawalEffective
	case p.WithdrawalNotifiedDate != nil:
		s = WithdrawalNotified
	default:
		return nil
	}
	return &s
}

func appendNote(s, note string) string {
	if s == "" {
		return note
	}
	return s + "; " + note
}
