package ics

import (
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"synergy/pipeline/civil"
	"synergy/pipeline/rawtable"
)

func TestMeetings(t *testing.T) {
	asOf := civil.Date(2025, time.June, 1)
	day := func(y int, m time.Month, d int) *civil.Day { return civil.Ptr(civil.Date(y, m, d)) }
	// APMBC 10MSP as in datasets/meetings/meetings.csv: Geneva, 29 November to
	// 3 December 2010.
	const title10MSP = "Tenth Meeting of the States Parties to the Convention on the Prohibition of the Use, " +
		"Stockpiling, Production and Transfer of Anti-Personnel Mines and on Their Destruction"
	base := func(mod func(*Event)) Event {
		e := Event{
			Line: 4, UID: "uid-1", Summary: title10MSP,
			Location: "Geneva, Switzerland", URL: "https://example.org/10msp",
			Categories: []string{"Mine Action", "msp", "apmbc"}, AllDay: true,
			Start: time.Date(2010, 11, 29, 0, 0, 0, 0, time.UTC), End: time.Date(2010, 12, 4, 0, 0, 0, 0, time.UTC),
			StartText: "20101129", EndText: "20101204",
			FirstDay: civil.Date(2010, 11, 29), LastDay: civil.Date(2010, 12, 3),
		}
		if mod != nil {
			mod(&e)
		}
		return e
	}
	geneva := "Geneva"
	tests := []struct {
		name   string
		event  Event
		want   *rawtable.Meeting // nil: a reject
		field  string
		reason error
	}{
		{
			name:  "categories give instrument and body, case ignored",
			event: base(nil),
			want: &rawtable.Meeting{
				MeetingID: "APMBC_uid-1", InstrumentID: "APMBC", Body: "MSP", Code: "uid-1",
				Title: title10MSP, StartDate: day(2010, 11, 29), EndDate: day(2010, 12, 3),
				StartPrecision: "day", EndPrecision: "day", StartText: "20101129", EndText: "20101204",
				City: &geneva, Mode: rawtable.ModeInPerson, Status: "held", SourceURL: "https://example.org/10msp", Confidence: "source",
				SourceFile: "m.ics", SourceLine: 4,
			},
		},
		{
			name: "X-SYNERGY properties win over categories",
			event: base(func(e *Event) {
				e.Props = map[string]string{"X-SYNERGY-INSTRUMENT": "CCW-PV", "X-SYNERGY-BODY": "PV-Experts", "X-SYNERGY-CODE": "PV-2024"}
			}),
			want: &rawtable.Meeting{
				MeetingID: "CCW-PV_PV-2024", InstrumentID: "CCW-PV", Body: "PV-Experts", Code: "PV-2024",
				Title: title10MSP, StartDate: day(2010, 11, 29), EndDate: day(2010, 12, 3),
				StartPrecision: "day", EndPrecision: "day", StartText: "20101129", EndText: "20101204",
				City: &geneva, Mode: rawtable.ModeInPerson, Status: "held", SourceURL: "https://example.org/10msp", Confidence: "source",
				SourceFile: "m.ics", SourceLine: 4,
			},
		},
		{
			name:  "no instrument",
			event: base(func(e *Event) { e.Categories = []string{"MSP", "Mine Action"} }),
			field: "CATEGORIES", reason: ErrNoInstrument,
		},
		{
			name:  "no DTSTART",
			event: base(func(e *Event) { e.Start, e.End = time.Time{}, time.Time{} }),
			field: "DTSTART", reason: ErrNoStart,
		},
		{
			name:  "no code",
			event: base(func(e *Event) { e.UID = "" }),
			field: "UID", reason: ErrNoCode,
		},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			events := []Event{tc.event}
			before := slices.Clone(events)
			meetings, rejects := Meetings(events, "m.ics", asOf)
			if !cmp.Equal(events, before) {
				t.Error("Meetings modified its input")
			}
			if tc.want != nil {
				if len(rejects) != 0 || len(meetings) != 1 {
					t.Fatalf("got %d meetings, rejects %v; want one meeting", len(meetings), rejects)
				}
				if diff := cmp.Diff(*tc.want, meetings[0]); diff != "" {
					t.Errorf("meeting mismatch (-want +got):\n%s", diff)
				}
				return
			}
			if len(meetings) != 0 || len(rejects) != 1 {
				t.Fatalf("got meetings %v and %d rejects; want one reject", meetings, len(rejects))
			}
			r := rejects[0]
			if r.SourceFile != "m.ics" || r.Line != 4 || r.Field != tc.field || !strings.HasPrefix(r.Reason, tc.reason.Error()) {
				t.Errorf("reject %+v, want m.ics line 4 field %s reason %v", r, tc.field, tc.reason)
			}
		})
	}
}

func TestMeetingsStatusCityVirtual(t *testing.T) {
	asOf := civil.Date(2025, time.June, 1)
	tests := []struct {
		status   string
		last     civil.Day
		location string
		want     string
		city     string // "" for nil
		mode     string // "" for in_person, not stated
	}{
		{"CANCELLED", civil.Date(2020, 3, 27), "Geneva", "cancelled", "Geneva", ""},
		{"TENTATIVE", civil.Date(2020, 3, 27), "Geneva", "unconfirmed", "Geneva", ""}, // ended, never confirmed
		{"TENTATIVE", civil.Date(2025, 6, 2), "Geneva", "planned", "Geneva", ""},
		{"", civil.Date(2021, 9, 21), "Geneva (hybrid)", "held", "Geneva", rawtable.ModeHybrid},
		{"CONFIRMED", civil.Date(2025, 5, 31), "Geneva, Switzerland", "held", "Geneva", ""},
		{"", civil.Date(2025, 6, 1), "Geneva", "planned", "Geneva", ""}, // ends on asOf: not yet held
		{"", civil.Date(2026, 11, 20), "", "planned", "", ""},
		{"", civil.Date(2020, 11, 20), "Virtual meeting (Zoom)", "held", "", rawtable.ModeOnline},
		{"", civil.Date(2020, 11, 20), "Geneva, Palais des Nations / online", "held", "Geneva", rawtable.ModeOnline},
		{"", civil.Date(2020, 11, 20), "ONLINE", "held", "", rawtable.ModeOnline},
		{"", civil.Date(2020, 8, 21), "Geneva (written procedure)", "held", "Geneva", rawtable.ModeWrittenProcedure},
	}
	for _, tc := range tests {
		e := Event{Line: 1, UID: "u", Categories: []string{"CCM"}, Status: tc.status, Location: tc.location,
			Start: tc.last.Time(), FirstDay: tc.last, LastDay: tc.last}
		ms, rs := Meetings([]Event{e}, "m.ics", asOf)
		if len(ms) != 1 {
			t.Fatalf("%+v: rejected %v", tc, rs)
		}
		m := ms[0]
		city := ""
		if m.City != nil {
			city = *m.City
		}
		mode := tc.mode
		if mode == "" {
			mode = rawtable.ModeInPerson
		}
		if m.Status != tc.want || city != tc.city || m.Mode != mode || m.ModeStated != (tc.mode != "") ||
			m.Virtual != (mode == rawtable.ModeOnline) {
			t.Errorf("status %q last %v location %q: got status %q city %q mode %s (stated %v) virtual %v; want %q %q %s",
				tc.status, tc.last, tc.location, m.Status, city, m.Mode, m.ModeStated, m.Virtual, tc.want, tc.city, mode)
		}
	}
}

func TestMeetingsDuplicateID(t *testing.T) {
	e := Event{Line: 4, UID: "u", Categories: []string{"CCM"}, Start: time.Unix(0, 0).UTC()}
	e2 := e
	e2.Line = 20
	ms, rs := Meetings([]Event{e, e2}, "m.ics", 0)
	if len(ms) != 1 || len(rs) != 1 {
		t.Fatalf("got %d meetings, %d rejects; want 1 and 1", len(ms), len(rs))
	}
	if rs[0].Line != 20 || !strings.Contains(rs[0].Reason, "first at line 4") ||
		!strings.HasPrefix(rs[0].Reason, ErrDuplicateMeeting.Error()) {
		t.Errorf("reject %+v", rs[0])
	}
}

func TestMeetingsEmpty(t *testing.T) {
	ms, rs := Meetings(nil, "m.ics", 0)
	if ms != nil || rs != nil {
		t.Errorf("Meetings(nil) = %v, %v; want nil, nil", ms, rs)
	}
}
