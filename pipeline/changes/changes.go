package changes

import (
	"cmp"
	"encoding/json"
	"slices"

	"synergy/pipeline/civil"
	"synergy/pipeline/history"
	"synergy/pipeline/rawtable"
)

// Kinds of change ([Change].Kind).
const (
	KindSignature           = "signature"
	KindConsent             = "consent"
	KindEntryIntoForce      = "entry_into_force"
	KindWithdrawal          = "withdrawal_notified"
	KindWithdrawalEffective = "withdrawal_effective"
	KindParticipationEnded  = "participation_removed"
	KindMeetingAdded        = "meeting_added"
	KindMeetingMoved        = "meeting_moved"
	KindMeetingDated        = "meeting_dated"
	KindMeetingCancelled    = "meeting_cancelled"
	KindMeetingPostponed    = "meeting_postponed"
	KindMeetingHeld         = "meeting_held"
	KindMeetingChanged      = "meeting_changed"
	KindMeetingRemoved      = "meeting_removed"
	KindObligation          = "obligation_changed"
	KindDisagreement        = "sources_disagree"
	KindSourceFailed        = "source_failed"
)

// Change is one line of the digest.
type Change struct {
	Kind   string `json:"kind"`
	Entity string `json:"entity"` // participation, meeting, obligation, source_discrepancy, source
	Key    string `json:"key"`    // the record's key in its entity (history keys)
	Date   string `json:"date,omitempty"`
	Text   string `json:"text"`   // one line, for people
	Source string `json:"source"` // the source the fact comes from: URL(s) or file
}

// SourceFailure is a URL source a run read from its last good version.
type SourceFailure struct {
	Source string `json:"source"`
	URL    string `json:"url"`
	Error  string `json:"error"`
	Kept   string `json:"kept_version_seen_at"`
}

// Digest is the changes of one snapshot against the previous one.
type Digest struct {
	Snapshot     string   `json:"snapshot"`
	AsOf         string   `json:"as_of"`
	Previous     string   `json:"previous_snapshot,omitempty"` // "" on a first run
	PreviousAsOf string   `json:"previous_as_of,omitempty"`
	Changes      []Change `json:"changes"`
	HistoryNotes []string `json:"history_notes,omitempty"` // entities the history carried forward
}

// Run names the two snapshots compared.
type Run struct {
	ID, PreviousID string
	AsOf           civil.Day
	PreviousAsOf   civil.Day // 0 on a first run
}

// Diff computes the digest of run from the history's observations after the run
// (which hold the previous versions too), the source discrepancies of the previous
// and the new snapshot, and the sources that failed. On a first run (no previous
// snapshot) the digest lists only failures.
func Diff(run Run, obs []history.Observation, prevDisc, newDisc []rawtable.SourceDiscrepancy, failed []SourceFailure) Digest {
	d := newDigest(run, failed)
	if run.PreviousID == "" {
		return d
	}
	for i, o := range obs {
		var prev *history.Observation
		if i > 0 && sameRecord(obs[i-1], o) {
			prev = &obs[i-1]
		}
		d.Changes = append(d.Changes, observationChanges(run, o, prev)...)
	}
	return finishDigest(d, prevDisc, newDisc)
}

// newDigest starts run's digest with the sources that failed.
func newDigest(run Run, failed []SourceFailure) Digest {
	d := Digest{Snapshot: run.ID, AsOf: run.AsOf.String(), Previous: run.PreviousID, Changes: []Change{}}
	for _, f := range failed {
		d.Changes = append(d.Changes, Change{Kind: KindSourceFailed, Entity: "source", Key: f.Source, Source: f.URL,
			Text: "source " + f.Source + " not read (" + f.Error + "); its version seen " + f.Kept + " was used"})
	}
	if run.PreviousID != "" {
		d.PreviousAsOf = run.PreviousAsOf.String()
	}
	return d
}

// sameRecord reports whether a and b are versions of one record; the history
// holds a record's versions next to each other.
func sameRecord(a, b history.Observation) bool { return a.Entity == b.Entity && a.Key == b.Key }

// observationChanges describes observation o of the history after run: a version
// that began in run (prev is the version before it of the same record, if any), or
// a current participation whose dates run's as-of day passed.
func observationChanges(run Run, o history.Observation, prev *history.Observation) []Change {
	if o.FirstSeenRun == run.ID {
		return recordChanges(o, prev)
	}
	if o.EndedAt == nil && o.Entity == history.EntityParticipation {
		return datesPassed(o, run)
	}
	return nil
}

// finishDigest adds the new disagreements between sources and sorts d.
func finishDigest(d Digest, prevDisc, newDisc []rawtable.SourceDiscrepancy) Digest {
	d.Changes = append(d.Changes, newDisagreements(prevDisc, newDisc)...)
	slices.SortStableFunc(d.Changes, func(a, b Change) int {
		return cmp.Or(cmp.Compare(order(a.Kind), order(b.Kind)), cmp.Compare(a.Key, b.Key))
	})
	return d
}

// order sorts the digest: sources first, then participation, meetings, obligations.
func order(kind string) int {
	for i, k := range []string{KindSourceFailed, KindConsent, KindSignature, KindEntryIntoForce, KindWithdrawal,
		KindWithdrawalEffective, KindParticipationEnded, KindMeetingAdded, KindMeetingDated, KindMeetingMoved,
		KindMeetingPostponed, KindMeetingCancelled, KindMeetingHeld, KindMeetingChanged, KindMeetingRemoved,
		KindObligation, KindDisagreement} {
		if k == kind {
			return i
		}
	}
	return 99
}

// recordChanges describes a version o that began in this run; prev is the version
// before it of the same record, if any.
func recordChanges(o history.Observation, prev *history.Observation) []Change {
	now := content(o.ContentJSON)
	var before record
	if prev != nil && o.Change != history.ChangeAdded {
		before = content(prev.ContentJSON)
	}
	switch o.Entity {
	case history.EntityParticipation:
		return participationChanges(o, before, now)
	case history.EntityMeeting:
		return meetingChanges(o, before, now)
	case history.EntityObligation:
		return obligationChanges(o, before, now)
	}
	return nil
}

// record is a record's canonical content: parquet column name → value.
type record map[string]any

func content(js string) record {
	var r record
	if err := json.Unmarshal([]byte(js), &r); err != nil {
		return record{}
	}
	return r
}

// str is the field's value as text ("" for null).
func (r record) str(field string) string {
	switch v := r[field].(type) {
	case nil:
		return ""
	case string:
		return v
	default:
		b, _ := json.Marshal(v)
		return string(b)
	}
}

// differ lists the fields whose values differ between a and b.
func differ(a, b record, fields ...string) []string {
	var out []string
	for _, f := range fields {
		if a.str(f) != b.str(f) {
			out = append(out, f)
		}
	}
	return out
}
