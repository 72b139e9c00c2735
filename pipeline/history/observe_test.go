package history

import (
	"errors"
	"slices"
	"testing"

	"github.com/google/go-cmp/cmp"

	"synergy/pipeline/civil"
	"synergy/pipeline/rawtable"
)

var (
	day1 = civil.Date(2024, 1, 1)
	day2 = civil.Date(2024, 1, 2)
	day3 = civil.Date(2024, 1, 3)
	day4 = civil.Date(2024, 1, 4)
)

func spell(inst, state string, line int32, consent *civil.Day) rawtable.Participation {
	return rawtable.Participation{
		StateID: state, InstrumentID: inst, Spell: 1, StateNameInSource: state, ConsentDate: consent,
		SourceURL: "https://treaties.example/" + inst, Confidence: "source",
		SourceFile: "membership/" + inst + ".csv", SourceLine: line,
	}
}

func meeting(id, title string) rawtable.Meeting {
	return rawtable.Meeting{MeetingID: id, InstrumentID: "APMBC", Body: "MSP", Code: id, Title: title,
		StartPrecision: "day", EndPrecision: "day", Status: "held", SourceURL: "u", Confidence: "source",
		SourceFile: "meetings.csv", SourceLine: 2}
}

func content(t *testing.T, v any) (string, string) {
	t.Helper()
	return Canonical(v)
}

func observe(t *testing.T, prev []Observation, now []Current, run RunInfo) ([]Observation, []Note) {
	t.Helper()
	got, notes, err := Observe(prev, now, run)
	if err != nil {
		t.Fatalf("Observe(%s): %v", run.ID, err)
	}
	return got, notes
}

func both(entities ...string) map[string]bool {
	m := map[string]bool{}
	for _, e := range entities {
		m[e] = true
	}
	return m
}

// Three runs: run 1 adds, run 2 changes one spell and adds another (and moves a
// row in its file, which is no change), run 3 drops a spell while the meetings
// source comes back empty.
func TestObserveThreeRuns(t *testing.T) {
	consent := civil.Date(2002, 9, 11)
	a1 := spell("APMBC", "AFG", 2, nil)
	a2 := spell("APMBC", "AFG", 2, &consent)
	b := spell("APMBC", "ALB", 3, nil)
	bMoved := spell("APMBC", "ALB", 9, nil)
	c := spell("CCM", "AFG", 2, nil)
	m := meeting("APMBC_1MSP", "First Meeting")

	run1 := RunInfo{ID: "r1", AsOf: day1, Complete: both(EntityParticipation, EntityMeeting)}
	obs1, notes := observe(t, nil, append(FromParticipation([]rawtable.Participation{b, a1}), FromMeetings([]rawtable.Meeting{m})...), run1)
	if len(notes) != 0 {
		t.Errorf("run 1 notes = %v, want none", notes)
	}
	run2 := RunInfo{ID: "r2", AsOf: day2, Complete: both(EntityParticipation, EntityMeeting)}
	obs2, _ := observe(t, obs1, append(FromParticipation([]rawtable.Participation{a2, bMoved, c}), FromMeetings([]rawtable.Meeting{m})...), run2)
	run3 := RunInfo{ID: "r3", AsOf: day3, Complete: map[string]bool{EntityParticipation: true, EntityMeeting: false}}
	obs3, notes := observe(t, obs2, FromParticipation([]rawtable.Participation{c, a2}), run3)

	ja1, sa1 := content(t, a1)
	ja2, sa2 := content(t, a2)
	jb, sb := content(t, b)
	jc, sc := content(t, c)
	jm, sm := content(t, m)
	if _, s := content(t, bMoved); s != sb {
		t.Fatal("moving a row in its file changed its content")
	}
	want := []Observation{
		{Entity: "meeting", Key: "APMBC_1MSP", ContentSHA256: sm, ContentJSON: jm,
			FirstSeenRun: "r1", FirstSeenAt: day1, LastSeenRun: "r2", LastSeenAt: day2, Change: "added"},
		{Entity: "participation", Key: "APMBC/AFG/1", ContentSHA256: sa1, ContentJSON: ja1,
			FirstSeenRun: "r1", FirstSeenAt: day1, LastSeenRun: "r1", LastSeenAt: day1, EndedAt: civil.Ptr(day2), Change: "added"},
		{Entity: "participation", Key: "APMBC/AFG/1", ContentSHA256: sa2, ContentJSON: ja2,
			FirstSeenRun: "r2", FirstSeenAt: day2, LastSeenRun: "r3", LastSeenAt: day3, Change: "changed"},
		{Entity: "participation", Key: "APMBC/ALB/1", ContentSHA256: sb, ContentJSON: jb,
			FirstSeenRun: "r1", FirstSeenAt: day1, LastSeenRun: "r2", LastSeenAt: day2, EndedAt: civil.Ptr(day3), Change: "added"},
		{Entity: "participation", Key: "APMBC/ALB/1", ContentSHA256: sb, ContentJSON: jb,
			FirstSeenRun: "r3", FirstSeenAt: day3, LastSeenRun: "r3", LastSeenAt: day3, EndedAt: civil.Ptr(day3), Change: "removed"},
		{Entity: "participation", Key: "CCM/AFG/1", ContentSHA256: sc, ContentJSON: jc,
			FirstSeenRun: "r2", FirstSeenAt: day2, LastSeenRun: "r3", LastSeenAt: day3, Change: "added"},
	}
	if diff := cmp.Diff(want, obs3); diff != "" {
		t.Errorf("history after run 3 (-want +got):\n%s", diff)
	}
	wantNotes := []Note{{Entity: "meeting", Reason: "sources empty or missing", Open: 1}}
	if diff := cmp.Diff(wantNotes, notes); diff != "" {
		t.Errorf("run 3 notes (-want +got):\n%s", diff)
	}

	// What we knew on each day, and what changed since each run.
	keys := func(obs []Observation) []string {
		var out []string
		for _, o := range obs {
			out = append(out, o.Entity+" "+o.Key+" "+o.FirstSeenRun+" "+o.Change)
		}
		return out
	}
	known := []struct {
		day  civil.Day
		want []string
	}{
		{civil.Date(2023, 12, 31), nil},
		{day1, []string{"meeting APMBC_1MSP r1 added", "participation APMBC/AFG/1 r1 added", "participation APMBC/ALB/1 r1 added"}},
		{day2, []string{"meeting APMBC_1MSP r1 added", "participation APMBC/AFG/1 r2 changed", "participation APMBC/ALB/1 r1 added", "participation CCM/AFG/1 r2 added"}},
		{day3, []string{"meeting APMBC_1MSP r1 added", "participation APMBC/AFG/1 r2 changed", "participation CCM/AFG/1 r2 added"}},
		{day4, []string{"meeting APMBC_1MSP r1 added", "participation APMBC/AFG/1 r2 changed", "participation CCM/AFG/1 r2 added"}},
	}
	for _, k := range known {
		if diff := cmp.Diff(k.want, keys(KnownOn(obs3, k.day))); diff != "" {
			t.Errorf("KnownOn(%s) (-want +got):\n%s", k.day, diff)
		}
	}
	// The history as run 2 left it answers questions about day 2 the same way.
	if diff := cmp.Diff(keys(KnownOn(obs2, day2)), keys(KnownOn(obs3, day2))); diff != "" {
		t.Errorf("run 3 rewrote what was known on day 2 (-run2 +run3):\n%s", diff)
	}
	since := []struct {
		run  string
		want []string
	}{
		{"r1", []string{"participation APMBC/AFG/1 r2 changed", "participation APMBC/ALB/1 r3 removed", "participation CCM/AFG/1 r2 added"}},
		{"r2", []string{"participation APMBC/ALB/1 r3 removed"}},
		{"r3", nil},
	}
	for _, s := range since {
		if diff := cmp.Diff(s.want, keys(ChangedSince(obs3, s.run))); diff != "" {
			t.Errorf("ChangedSince(%s) (-want +got):\n%s", s.run, diff)
		}
	}
	if diff := cmp.Diff(map[string]map[string]int{"participation": {"removed": 1}}, CountChanges(obs3, "r3")); diff != "" {
		t.Errorf("CountChanges(r3) (-want +got):\n%s", diff)
	}
}

// A key removed and seen again opens a new "added" version; earlier versions stay.
func TestObserveReaddedAfterRemoval(t *testing.T) {
	p := spell("APMBC", "AFG", 2, nil)
	q := spell("APMBC", "ALB", 3, nil)
	complete := both(EntityParticipation)
	obs, _ := observe(t, nil, FromParticipation([]rawtable.Participation{p, q}), RunInfo{ID: "r1", AsOf: day1, Complete: complete})
	obs, _ = observe(t, obs, FromParticipation([]rawtable.Participation{q}), RunInfo{ID: "r2", AsOf: day2, Complete: complete})
	obs, _ = observe(t, obs, FromParticipation([]rawtable.Participation{p, q}), RunInfo{ID: "r3", AsOf: day3, Complete: complete})
	var got []string
	for _, o := range obs {
		if o.Key == "APMBC/AFG/1" {
			got = append(got, o.FirstSeenRun+" "+o.Change+" "+civil.Text(o.EndedAt))
		}
	}
	want := []string{"r1 added 2024-01-02", "r2 removed 2024-01-02", "r3 added "}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("versions of APMBC/AFG/1 (-want +got):\n%s", diff)
	}
	if n := len(KnownOn(obs, day2)); n != 1 {
		t.Errorf("KnownOn(day 2) has %d rows, want 1 (ALB only)", n)
	}
}

// Two runs on one as-of day: the later run's version is what was known that day.
func TestObserveSameDay(t *testing.T) {
	consent := civil.Date(2002, 9, 11)
	complete := both(EntityParticipation)
	obs, _ := observe(t, nil, FromParticipation([]rawtable.Participation{spell("APMBC", "AFG", 2, nil)}), RunInfo{ID: "r1", AsOf: day1, Complete: complete})
	obs, _ = observe(t, obs, FromParticipation([]rawtable.Participation{spell("APMBC", "AFG", 2, &consent)}), RunInfo{ID: "r2", AsOf: day1, Complete: complete})
	k := KnownOn(obs, day1)
	if len(k) != 1 || k[0].FirstSeenRun != "r2" {
		t.Errorf("KnownOn(day 1) = %+v, want the r2 version only", k)
	}
}

// A source that comes back empty, missing, or unreported never ends a version.
func TestObserveEmptySourceProtection(t *testing.T) {
	p := spell("APMBC", "AFG", 2, nil)
	q := spell("APMBC", "ALB", 3, nil)
	m := meeting("APMBC_1MSP", "First Meeting")
	start := append(FromParticipation([]rawtable.Participation{p, q}), FromMeetings([]rawtable.Meeting{m})...)
	prev, _ := observe(t, nil, start, RunInfo{ID: "r1", AsOf: day1, Complete: both(EntityParticipation, EntityMeeting)})

	tests := []struct {
		name     string
		now      []Current
		complete map[string]bool
		note     Note
	}{
		{"empty and marked incomplete", nil,
			map[string]bool{EntityParticipation: false, EntityMeeting: true},
			Note{Entity: EntityParticipation, Reason: "sources empty or missing", Open: 2}},
		{"empty but marked complete", nil,
			both(EntityParticipation, EntityMeeting),
			Note{Entity: EntityParticipation, Reason: "marked complete but no current records", Open: 2}},
		{"not reported", nil,
			both(EntityMeeting),
			Note{Entity: EntityParticipation, Reason: "completeness not reported", Open: 2}},
		{"partial rows of an incomplete source are not recorded", FromParticipation([]rawtable.Participation{q}),
			map[string]bool{EntityParticipation: false, EntityMeeting: true},
			Note{Entity: EntityParticipation, Reason: "sources empty or missing", Open: 2, Ignored: 1}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			now := append(slices.Clone(tc.now), FromMeetings([]rawtable.Meeting{m})...)
			got, notes := observe(t, prev, now, RunInfo{ID: "r2", AsOf: day2, Complete: tc.complete})
			var wantP, gotP []Observation
			for _, o := range prev {
				if o.Entity == EntityParticipation {
					wantP = append(wantP, o)
				}
			}
			for _, o := range got {
				if o.Entity == EntityParticipation {
					gotP = append(gotP, o)
				}
			}
			if diff := cmp.Diff(wantP, gotP); diff != "" {
				t.Errorf("participation rows not carried forward unchanged (-want +got):\n%s", diff)
			}
			if diff := cmp.Diff([]Note{tc.note}, notes); diff != "" {
				t.Errorf("notes (-want +got):\n%s", diff)
			}
			// The complete entity is still observed.
			for _, o := range got {
				if o.Entity == EntityMeeting && o.LastSeenRun != "r2" {
					t.Errorf("meeting row not observed by r2: %+v", o)
				}
			}
		})
	}
}

func TestObserveErrors(t *testing.T) {
	p := spell("APMBC", "AFG", 2, nil)
	complete := both(EntityParticipation)
	prev, _ := observe(t, nil, FromParticipation([]rawtable.Participation{p}), RunInfo{ID: "r2", AsOf: day2, Complete: complete})
	twoOpen := append(slices.Clone(prev), prev[0])
	tests := []struct {
		name string
		prev []Observation
		now  []Current
		run  RunInfo
		want error
	}{
		{"duplicate key", nil, FromParticipation([]rawtable.Participation{p, p}), RunInfo{ID: "r1", AsOf: day1, Complete: complete}, ErrDuplicateKey},
		{"same run again", prev, nil, RunInfo{ID: "r2", AsOf: day2}, ErrRunOrder},
		{"earlier run id", prev, nil, RunInfo{ID: "r1", AsOf: day3}, ErrRunOrder},
		{"earlier as-of", prev, nil, RunInfo{ID: "r3", AsOf: day1}, ErrRunOrder},
		{"two open versions", twoOpen, nil, RunInfo{ID: "r3", AsOf: day3}, ErrCorrupt},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			_, _, err := Observe(tc.prev, tc.now, tc.run)
			if !errors.Is(err, tc.want) {
				t.Fatalf("Observe = %v, want %v", err, tc.want)
			}
		})
	}
}

func TestObserveLeavesInputsAlone(t *testing.T) {
	complete := both(EntityParticipation)
	prev, _ := observe(t, nil, FromParticipation([]rawtable.Participation{spell("APMBC", "AFG", 2, nil), spell("APMBC", "ALB", 3, nil)}),
		RunInfo{ID: "r1", AsOf: day1, Complete: complete})
	now := FromParticipation([]rawtable.Participation{spell("APMBC", "AFG", 2, civil.Ptr(day1))})
	prevCopy, nowCopy := slices.Clone(prev), slices.Clone(now)
	a, _ := observe(t, prev, now, RunInfo{ID: "r2", AsOf: day2, Complete: complete})
	if diff := cmp.Diff(prevCopy, prev); diff != "" {
		t.Errorf("prev modified (-before +after):\n%s", diff)
	}
	if diff := cmp.Diff(nowCopy, now); diff != "" {
		t.Errorf("now modified (-before +after):\n%s", diff)
	}
	// Deterministic: input order does not matter.
	slices.Reverse(prev)
	b, _ := observe(t, prev, now, RunInfo{ID: "r2", AsOf: day2, Complete: complete})
	if diff := cmp.Diff(a, b); diff != "" {
		t.Errorf("output depends on input order (-a +b):\n%s", diff)
	}
}

func TestObservePanicsOnEmptyRunID(t *testing.T) {
	defer func() {
		if recover() == nil {
			t.Error("Observe with an empty run ID did not panic")
		}
	}()
	Observe(nil, nil, RunInfo{})
}
