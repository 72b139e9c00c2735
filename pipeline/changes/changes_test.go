package changes

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	gocmp "github.com/google/go-cmp/cmp"

	"synergy/pipeline/civil"
	"synergy/pipeline/history"
	"synergy/pipeline/rawtable"
)

func str(s string) *string { return &s }

// observe records two runs in the history (package history's own Observe) and
// returns the observations after the second.
func observe(t *testing.T, before, after []history.Current, day1, day2 civil.Day) []history.Observation {
	t.Helper()
	complete := map[string]bool{history.EntityMeeting: true, history.EntityParticipation: true, history.EntityObligation: true}
	obs, _, err := history.Observe(nil, before, history.RunInfo{ID: "run1", AsOf: day1, Complete: complete})
	if err != nil {
		t.Fatal(err)
	}
	obs, _, err = history.Observe(obs, after, history.RunInfo{ID: "run2", AsOf: day2, Complete: complete})
	if err != nil {
		t.Fatal(err)
	}
	return obs
}

func meeting(id, start, end, status string) rawtable.Meeting {
	m := rawtable.Meeting{MeetingID: id, InstrumentID: "CCM", Body: "MSP", Title: id + " title", Status: status,
		StartPrecision: "day", EndPrecision: "day", City: str("Geneva"), SourceURL: "https://example.org/" + id, Confidence: "high"}
	if start != "" {
		d, _ := civil.ParseDay(start)
		m.StartDate = &d
	} else {
		m.StartPrecision, m.StartText = "year", "2027"
	}
	if end != "" {
		d, _ := civil.ParseDay(end)
		m.EndDate = &d
	}
	return m
}

// TestDiffMeetingsObligationsParticipation checks each kind of line on records
// changed between two runs, and that a change of notes alone is no line.
func TestDiffMeetingsObligationsParticipation(t *testing.T) {
	day1, day2 := civil.Date(2026, 3, 1), civil.Date(2026, 3, 10)
	moved, dated, cancelled, same := meeting("M1", "2026-09-01", "2026-09-04", "planned"), meeting("M2", "", "", "planned"),
		meeting("M3", "2026-10-01", "2026-10-02", "planned"), meeting("M4", "2026-11-01", "2026-11-02", "planned")
	moved2, dated2, cancelled2, same2 := moved, meeting("M2", "2027-05-03", "2027-05-05", "planned"), cancelled, same
	moved2.StartDate, moved2.EndDate = civil.Ptr(civil.Date(2026, 9, 8)), civil.Ptr(civil.Date(2026, 9, 11))
	cancelled2.Status = "cancelled"
	same2.Confidence = "high; checked again" // notes only
	ob := rawtable.Obligation{StateID: "AGO", InstrumentID: "APMBC", Article: "5", Theme: "clearance",
		Deadline: civil.Ptr(civil.Date(2025, 12, 31)), Status: "extended", SourceURL: "https://example.org/ob"}
	ob2 := ob
	ob2.Deadline = civil.Ptr(civil.Date(2028, 12, 31))
	inForce := rawtable.Participation{StateID: "TON", InstrumentID: "APMBC", Spell: 1, StateNameInSource: "Tonga",
		ConsentDate: civil.Ptr(civil.Date(2025, 6, 25)), EntryIntoForceDate: civil.Ptr(civil.Date(2026, 3, 5)), SourceURL: "https://example.org/p"}
	signed := rawtable.Participation{StateID: "XYZ", InstrumentID: "ATT", Spell: 1, StateNameInSource: "Xyz", SourceURL: "https://example.org/q"}
	signed2 := signed
	signed2.SignatureDate = civil.Ptr(civil.Date(2026, 3, 9))

	before := append(history.FromMeetings([]rawtable.Meeting{moved, dated, cancelled, same}), history.FromObligations([]rawtable.Obligation{ob})...)
	before = append(before, history.FromParticipation([]rawtable.Participation{inForce, signed})...)
	after := append(history.FromMeetings([]rawtable.Meeting{moved2, dated2, cancelled2, same2, meeting("M5", "2026-12-01", "2026-12-01", "planned")}),
		history.FromObligations([]rawtable.Obligation{ob2})...)
	after = append(after, history.FromParticipation([]rawtable.Participation{inForce, signed2})...)
	obs := observe(t, before, after, day1, day2)

	d := Diff(Run{ID: "run2", PreviousID: "run1", AsOf: day2, PreviousAsOf: day1}, obs, nil, nil, nil)
	got := map[string]Change{}
	for _, c := range d.Changes {
		got[c.Kind+" "+c.Key] = c
	}
	want := map[string]string{
		KindMeetingMoved + " M1":                   "moved to 2026-09-08 to 2026-09-11 in Geneva (was 2026-09-01 to 2026-09-04 in Geneva)",
		KindMeetingDated + " M2":                   "now dated 2027-05-03 to 2027-05-05",
		KindMeetingCancelled + " M3":               "cancelled (was planned)",
		KindMeetingAdded + " M5":                   "2026-12-01 in Geneva, planned",
		KindObligation + " APMBC/AGO/5/clearance/": "deadline 2028-12-31 (was 2025-12-31)",
		KindEntryIntoForce + " APMBC/TON/1":        "in force for it from 2026-03-05",
		KindSignature + " ATT/XYZ/1":               "signature 2026-03-09",
	}
	for k, text := range want {
		c, ok := got[k]
		if !ok || !strings.Contains(c.Text, text) || c.Source == "" {
			t.Errorf("%s: got %+v, want text with %q and a source", k, c, text)
		}
	}
	if len(d.Changes) != len(want) {
		t.Errorf("%d changes, want %d:\n%s", len(d.Changes), len(want), Markdown(d))
	}
	if first := Diff(Run{ID: "run1", AsOf: day1}, obs, nil, nil, nil); len(first.Changes) != 0 {
		t.Errorf("a first run lists %d changes", len(first.Changes))
	}
}

// TestNewDisagreements lists a field whose sources disagree now and not before;
// a value only one source gives is no disagreement.
func TestNewDisagreements(t *testing.T) {
	row := func(key, value, file string) rawtable.SourceDiscrepancy {
		return rawtable.SourceDiscrepancy{Entity: "participation", EntityKey: key, Field: "consent_date", Value: value,
			Rule: "depositary_wins", SourceFile: file, SourceURL: "https://example.org/" + file, Used: file == "untc"}
	}
	prev := []rawtable.SourceDiscrepancy{row("CCM/AAA/1", "2010-01-01", "csv"), row("CCM/AAA/1", "2010-01-02", "untc")}
	now := append(prev, row("CCM/BBB/1", "2011-05-05", "csv"), row("CCM/BBB/1", "2011-05-06", "untc"),
		row("CCM/CCC/1", "", "csv"), row("CCM/CCC/1", "2012-01-01", "untc"))
	cs := newDisagreements(prev, now)
	if len(cs) != 1 || cs[0].Key != "CCM/BBB/1/consent_date" || !strings.Contains(cs[0].Source, "https://example.org/csv") ||
		!strings.Contains(cs[0].Text, "published 2011-05-06") {
		t.Errorf("new disagreements: %+v, want CCM/BBB/1 consent_date only, with both sources", cs)
	}
}

// TestFromSnapshotsEqualsDiff: the digest read from the history file in batches
// (of 1 and 2 rows, so that every record's versions straddle a batch) equals
// Diff over the same observations held whole, and a first run reads nothing.
func TestFromSnapshotsEqualsDiff(t *testing.T) {
	day1, day2 := civil.Date(2026, 3, 1), civil.Date(2026, 3, 10)
	a, b := meeting("M1", "2026-09-01", "2026-09-04", "planned"), meeting("M2", "", "", "planned")
	a2, b2 := a, meeting("M2", "2027-05-03", "2027-05-05", "planned")
	a2.StartDate = civil.Ptr(civil.Date(2026, 9, 8))
	inForce := rawtable.Participation{StateID: "TON", InstrumentID: "APMBC", Spell: 1, StateNameInSource: "Tonga",
		ConsentDate: civil.Ptr(civil.Date(2025, 6, 25)), EntryIntoForceDate: civil.Ptr(civil.Date(2026, 3, 5)), SourceURL: "https://example.org/p"}
	before := append(history.FromMeetings([]rawtable.Meeting{a, b}), history.FromParticipation([]rawtable.Participation{inForce})...)
	after := append(history.FromMeetings([]rawtable.Meeting{a2, b2, meeting("M3", "2026-12-01", "2026-12-01", "planned")}),
		history.FromParticipation([]rawtable.Participation{inForce})...)
	obs := observe(t, before, after, day1, day2)

	dir := t.TempDir()
	path := filepath.Join(dir, filepath.FromSlash(history.ObservationsPath))
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		t.Fatal(err)
	}
	f, err := os.Create(path)
	if err != nil {
		t.Fatal(err)
	}
	if err := history.WriteObservations(f, obs); err != nil {
		t.Fatal(err)
	}
	if err := f.Close(); err != nil {
		t.Fatal(err)
	}
	run := Run{ID: "run2", PreviousID: "run1", AsOf: day2, PreviousAsOf: day1}
	want := Diff(run, obs, nil, nil, nil)
	if len(want.Changes) < 4 {
		t.Fatalf("the fixture gives %d changes, want at least 4:\n%s", len(want.Changes), Markdown(want))
	}
	for _, batch := range []int{1, 2, observationBatch} {
		got, err := fromSnapshots(dir, "", run, nil, batch)
		if err != nil {
			t.Fatalf("batch %d: %v", batch, err)
		}
		if diff := gocmp.Diff(want, got); diff != "" {
			t.Errorf("batch %d: digest (-whole +batched):\n%s", batch, diff)
		}
	}
	if err := os.Remove(path); err != nil {
		t.Fatal(err)
	}
	first, err := FromSnapshots(dir, "", Run{ID: "run1", AsOf: day1}, nil)
	if err != nil || len(first.Changes) != 0 {
		t.Errorf("first run: %d changes, %v", len(first.Changes), err)
	}
}
