package ics

import (
	"errors"
	"io"
	"strings"
	"testing"
	"testing/iotest"
	"time"

	"github.com/google/go-cmp/cmp"

	"synergy/pipeline/civil"
)

// cal wraps VEVENT lines (joined with LF) in a calendar.
func cal(lines ...string) string {
	return "BEGIN:VCALENDAR\nVERSION:2.0\nPRODID:-//test//EN\nBEGIN:VEVENT\n" +
		strings.Join(lines, "\n") + "\nEND:VEVENT\nEND:VCALENDAR\n"
}

func decodeOne(t *testing.T, input string) (Event, []*ParseError) {
	t.Helper()
	d := NewDecoder(strings.NewReader(input), "t.ics")
	events, err := d.Decode()
	if err != nil {
		t.Fatalf("Decode: %v", err)
	}
	if len(events)+len(d.Rejects()) != 1 {
		t.Fatalf("got %d events and %d rejects, want one of either", len(events), len(d.Rejects()))
	}
	if len(events) == 1 {
		return events[0], d.Rejects()
	}
	return Event{}, d.Rejects()
}

func mustZone(t *testing.T, name string) *time.Location {
	t.Helper()
	loc, err := time.LoadLocation(name)
	if err != nil {
		t.Fatal(err)
	}
	return loc
}

func TestDecodeTimes(t *testing.T) {
	zurich := mustZone(t, "Europe/Zurich")
	newYork := mustZone(t, "America/New_York")
	tests := []struct {
		name        string
		lines       []string
		allDay      bool
		start, end  time.Time
		first, last civil.Day
		startZone   string
	}{
		{
			name:  "TZID Zurich 09:00-18:00 one day",
			lines: []string{"DTSTART;TZID=Europe/Zurich:20241111T090000", "DTEND;TZID=Europe/Zurich:20241111T180000"},
			start: time.Date(2024, 11, 11, 9, 0, 0, 0, zurich),
			end:   time.Date(2024, 11, 11, 18, 0, 0, 0, zurich),
			first: civil.Date(2024, 11, 11), last: civil.Date(2024, 11, 11),
			startZone: "Europe/Zurich",
		},
		{
			name:  "global TZID prefix and quoted value",
			lines: []string{`DTSTART;TZID="/Europe/Zurich":20240618T100000`, "DURATION:PT8H"},
			start: time.Date(2024, 6, 18, 10, 0, 0, 0, zurich),
			end:   time.Date(2024, 6, 18, 18, 0, 0, 0, zurich),
			first: civil.Date(2024, 6, 18), last: civil.Date(2024, 6, 18),
			startZone: "Europe/Zurich",
		},
		{
			name:  "UTC",
			lines: []string{"DTSTART:20240819T080000Z", "DTEND:20240822T160000Z"},
			start: time.Date(2024, 8, 19, 8, 0, 0, 0, time.UTC),
			end:   time.Date(2024, 8, 22, 16, 0, 0, 0, time.UTC),
			first: civil.Date(2024, 8, 19), last: civil.Date(2024, 8, 22),
			startZone: "UTC",
		},
		{
			name:  "floating is wall clock in UTC",
			lines: []string{"DTSTART:20240101T090000", "DTEND:20240101T170000"},
			start: time.Date(2024, 1, 1, 9, 0, 0, 0, time.UTC),
			end:   time.Date(2024, 1, 1, 17, 0, 0, 0, time.UTC),
			first: civil.Date(2024, 1, 1), last: civil.Date(2024, 1, 1),
			startZone: "UTC",
		},
		{
			name:  "timed ending at midnight keeps LastDay on the day before",
			lines: []string{"DTSTART;TZID=Europe/Zurich:20240513T100000", "DTEND;TZID=Europe/Zurich:20240515T000000"},
			start: time.Date(2024, 5, 13, 10, 0, 0, 0, zurich),
			end:   time.Date(2024, 5, 15, 0, 0, 0, 0, zurich),
			first: civil.Date(2024, 5, 13), last: civil.Date(2024, 5, 14),
			startZone: "Europe/Zurich",
		},
		{
			name: "DTEND in another zone is read in the start's zone",
			// 18:00 New York on 13 June is 00:00 Zurich on 14 June: LastDay 13 June.
			lines: []string{"DTSTART;TZID=Europe/Zurich:20240611T100000", "DTEND;TZID=America/New_York:20240613T180000"},
			start: time.Date(2024, 6, 11, 10, 0, 0, 0, zurich),
			end:   time.Date(2024, 6, 13, 18, 0, 0, 0, newYork),
			first: civil.Date(2024, 6, 11), last: civil.Date(2024, 6, 13),
			startZone: "Europe/Zurich",
		},
		{
			name:  "timed without DTEND is an instant",
			lines: []string{"DTSTART:20240101T090000Z"},
			start: time.Date(2024, 1, 1, 9, 0, 0, 0, time.UTC),
			end:   time.Date(2024, 1, 1, 9, 0, 0, 0, time.UTC),
			first: civil.Date(2024, 1, 1), last: civil.Date(2024, 1, 1),
			startZone: "UTC",
		},
		{
			name: "all-day Mon-Fri has exclusive DTEND on Saturday",
			// APMBC 10MSP, Geneva, Monday 29 November to Friday 3 December 2010.
			lines:  []string{"DTSTART;VALUE=DATE:20101129", "DTEND;VALUE=DATE:20101204"},
			allDay: true,
			start:  time.Date(2010, 11, 29, 0, 0, 0, 0, time.UTC),
			end:    time.Date(2010, 12, 4, 0, 0, 0, 0, time.UTC),
			first:  civil.Date(2010, 11, 29), last: civil.Date(2010, 12, 3),
			startZone: "UTC",
		},
		{
			name:   "all-day without DTEND lasts one day",
			lines:  []string{"DTSTART;VALUE=DATE:20241112"},
			allDay: true,
			start:  time.Date(2024, 11, 12, 0, 0, 0, 0, time.UTC),
			end:    time.Date(2024, 11, 13, 0, 0, 0, 0, time.UTC),
			first:  civil.Date(2024, 11, 12), last: civil.Date(2024, 11, 12),
			startZone: "UTC",
		},
		{
			name:   "all-day without VALUE=DATE",
			lines:  []string{"DTSTART:20241112", "DURATION:P5D"},
			allDay: true,
			start:  time.Date(2024, 11, 12, 0, 0, 0, 0, time.UTC),
			end:    time.Date(2024, 11, 17, 0, 0, 0, 0, time.UTC),
			first:  civil.Date(2024, 11, 12), last: civil.Date(2024, 11, 16),
			startZone: "UTC",
		},
		{
			name:   "all-day with DTEND equal to DTSTART is one day",
			lines:  []string{"DTSTART;VALUE=DATE:20241112", "DTEND;VALUE=DATE:20241112"},
			allDay: true,
			start:  time.Date(2024, 11, 12, 0, 0, 0, 0, time.UTC),
			end:    time.Date(2024, 11, 12, 0, 0, 0, 0, time.UTC),
			first:  civil.Date(2024, 11, 12), last: civil.Date(2024, 11, 12),
			startZone: "UTC",
		},
		{
			name:  "Outlook Windows zone name",
			lines: []string{`DTSTART;TZID="W. Europe Standard Time":20240701T090000`},
			start: time.Date(2024, 7, 1, 9, 0, 0, 0, mustZone(t, "Europe/Berlin")),
			end:   time.Date(2024, 7, 1, 9, 0, 0, 0, mustZone(t, "Europe/Berlin")),
			first: civil.Date(2024, 7, 1), last: civil.Date(2024, 7, 1),
			startZone: "Europe/Berlin",
		},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			e, rejects := decodeOne(t, cal(append([]string{"UID:x"}, tc.lines...)...))
			if len(rejects) > 0 {
				t.Fatalf("rejected: %v", rejects[0])
			}
			if e.AllDay != tc.allDay {
				t.Errorf("AllDay = %v, want %v", e.AllDay, tc.allDay)
			}
			if !e.Start.Equal(tc.start) || !e.End.Equal(tc.end) {
				t.Errorf("Start, End = %v, %v; want %v, %v", e.Start, e.End, tc.start, tc.end)
			}
			if got := e.Start.Location().String(); got != tc.startZone {
				t.Errorf("Start zone = %s, want %s", got, tc.startZone)
			}
			if e.FirstDay != tc.first || e.LastDay != tc.last {
				t.Errorf("FirstDay, LastDay = %v, %v; want %v, %v", e.FirstDay, e.LastDay, tc.first, tc.last)
			}
		})
	}
}

func TestDecodeText(t *testing.T) {
	input := "\ufeffBEGIN:VCALENDAR\r\nVERSION:2.0\r\nBEGIN:VEVENT\r\n" +
		"UID:a\r\n" +
		"SUMMARY:Meeting of the High Contracting Parties\\, Geneva\\; day \r\n 1\r\n" +
		"DESCRIPTION:a\\\\b\\nc\\Nd\\,e\\;f\\xg\r\n" +
		"CATEGORIES:CCW,MHCP\r\n" +
		"CATEGORIES:Weapons\\, conventional\r\n\t,Geneva\r\n" +
		"STATUS:tentative\r\n" +
		"URL:https://example.org/a\\b\r\n" +
		"X-SYNERGY-INSTRUMENT:CCW\r\n" +
		"x-note;LANGUAGE=en:first\\, note\r\n" +
		"X-NOTE:second\r\n" +
		"END:VEVENT\r\nEND:VCALENDAR\r\n"
	e, rejects := decodeOne(t, input)
	if len(rejects) > 0 {
		t.Fatalf("rejected: %v", rejects[0])
	}
	want := Event{
		Line:        3,
		UID:         "a",
		Summary:     "Meeting of the High Contracting Parties, Geneva; day 1",
		Description: "a\\b\nc\nd,e;f\\xg",
		URL:         "https://example.org/a\\b",
		Status:      "TENTATIVE",
		Categories:  []string{"CCW", "MHCP", "Weapons, conventional", "Geneva"},
		Props:       map[string]string{"X-SYNERGY-INSTRUMENT": "CCW", "X-NOTE": "first, note"},
	}
	if diff := cmp.Diff(want, e); diff != "" {
		t.Errorf("event mismatch (-want +got):\n%s", diff)
	}
}

// TestDecodeRejects checks row-level problems: the event is left out, reported with
// the line and property at fault, and the next event is still decoded.
func TestDecodeRejects(t *testing.T) {
	tests := []struct {
		name  string
		lines []string
		line  int
		field string
		want  error
	}{
		{"unknown TZID", []string{"DTSTART;TZID=Europe/Atlantis:20240101T090000"}, 7, "DTSTART", ErrUnknownTZ},
		{"Local TZID", []string{"DTSTART;TZID=Local:20240101T090000"}, 7, "DTSTART", ErrUnknownTZ},
		{"empty TZID", []string{"DTSTART;TZID=:20240101T090000"}, 7, "DTSTART", ErrUnknownTZ},
		{"two TZIDs", []string{"DTSTART;TZID=UTC,Europe/Zurich:20240101T090000"}, 7, "DTSTART", ErrUnknownTZ},
		{"Feb 30", []string{"DTSTART;VALUE=DATE:20240230"}, 7, "DTSTART", ErrBadDate},
		{"hour 25", []string{"DTSTART:20240101T250000Z"}, 7, "DTSTART", ErrBadDate},
		{"ISO dashes", []string{"DTSTART:2024-01-01"}, 7, "DTSTART", ErrBadDate},
		{"VALUE=DATE with time", []string{"DTSTART;VALUE=DATE:20240101T090000"}, 7, "DTSTART", ErrBadDate},
		{"VALUE=PERIOD", []string{"DTSTART;VALUE=PERIOD:20240101T090000Z/PT1H"}, 7, "DTSTART", ErrBadDate},
		{"bad DTEND", []string{"DTSTART:20240101T090000Z", "DTEND:tomorrow"}, 8, "DTEND", ErrBadDate},
		{"DATE start, DATE-TIME end", []string{"DTSTART;VALUE=DATE:20240101", "DTEND:20240102T090000Z"}, 8, "DTEND", ErrBadDate},
		{"end before start", []string{"DTSTART:20240105T090000Z", "DTEND:20240104T090000Z"}, 8, "DTEND", ErrEndBeforeStart},
		{"all-day end before start", []string{"DTSTART;VALUE=DATE:20240105", "DTEND;VALUE=DATE:20240104"}, 8, "DTEND", ErrEndBeforeStart},
		{"bad duration", []string{"DTSTART:20240105T090000Z", "DURATION:5 days"}, 8, "DURATION", ErrBadDuration},
		{"negative duration", []string{"DTSTART:20240105T090000Z", "DURATION:-P1D"}, 8, "DURATION", ErrBadDuration},
		{"DURATION and DTEND", []string{"DTSTART:20240105T090000Z", "DTEND:20240106T090000Z", "DURATION:P1D"}, 9, "DURATION", ErrBadDuration},
		{"bad status", []string{"DTSTART;VALUE=DATE:20240101", "STATUS:POSTPONED"}, 8, "STATUS", ErrBadStatus},
		{"two DTSTART", []string{"DTSTART;VALUE=DATE:20240101", "DTSTART;VALUE=DATE:20240102"}, 8, "DTSTART", ErrDuplicate},
		{"no colon", []string{"SUMMARY Geneva"}, 7, "", ErrSyntax},
		{"no name", []string{":value"}, 7, "", ErrSyntax},
		{"param without =", []string{"DTSTART;TZID:20240101"}, 7, "", ErrSyntax},
		{"unterminated quote", []string{`DTSTART;TZID="Europe/Zurich:20240101`}, 7, "", ErrSyntax},
		{"stray quote", []string{`DTSTART;TZID=Eu"rope:20240101`}, 7, "", ErrSyntax},
		{"param at end of line", []string{"DTSTART;TZID=x"}, 7, "", ErrSyntax},
		{"BEGIN without name", []string{"BEGIN:"}, 7, "BEGIN", ErrSyntax},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			input := strings.TrimSuffix(cal(append([]string{"UID:bad", "SUMMARY:bad"}, tc.lines...)...), "END:VCALENDAR\n") +
				"BEGIN:VEVENT\nUID:good\nDTSTART;VALUE=DATE:20240101\nEND:VEVENT\nEND:VCALENDAR\n"
			d := NewDecoder(strings.NewReader(input), "t.ics")
			events, err := d.Decode()
			if err != nil {
				t.Fatalf("Decode: %v", err)
			}
			if len(events) != 1 || events[0].UID != "good" {
				t.Errorf("events = %+v, want only the good one", events)
			}
			if len(d.Rejects()) != 1 {
				t.Fatalf("got %d rejects, want 1: %v", len(d.Rejects()), d.Rejects())
			}
			pe := d.Rejects()[0]
			if !errors.Is(pe, tc.want) {
				t.Errorf("reject %v is not %v", pe, tc.want)
			}
			if pe.File != "t.ics" || pe.Line != tc.line || pe.Field != tc.field {
				t.Errorf("reject at %s:%d field %q, want t.ics:%d field %q", pe.File, pe.Line, pe.Field, tc.line, tc.field)
			}
			if pe.Raw == "" {
				t.Errorf("reject %v has no raw line", pe)
			}
		})
	}
}

// TestDecodeStructure checks inputs that make Decode fail as a whole.
func TestDecodeStructure(t *testing.T) {
	tests := []struct {
		name  string
		input string
		line  int
		want  error
	}{
		{"empty", "", 1, ErrNoCalendar},
		{"only blank lines", "\n\r\n\n", 1, ErrNoCalendar},
		{"BOM only", "\ufeff", 1, ErrNoCalendar},
		{"HTML", "<html>\n<body>sign in</body>\n</html>\n", 1, ErrNoCalendar},
		{"starts with VEVENT", "BEGIN:VEVENT\nEND:VEVENT\n", 1, ErrNoCalendar},
		{"content after calendar", "BEGIN:VCALENDAR\nEND:VCALENDAR\nX-TRAILER:1\n", 3, ErrNoCalendar},
		{"unterminated calendar", "BEGIN:VCALENDAR\nVERSION:2.0\n", 1, ErrUnterminated},
		{"unterminated event", "BEGIN:VCALENDAR\nBEGIN:VEVENT\nUID:a\n", 2, ErrUnterminated},
		{"unterminated VTIMEZONE", "BEGIN:VCALENDAR\nBEGIN:VTIMEZONE\nTZID:X\nEND:VCALENDAR\n", 2, ErrUnterminated},
		{"calendar inside calendar", "BEGIN:VCALENDAR\nBEGIN:VCALENDAR\nEND:VCALENDAR\nEND:VCALENDAR\n", 1, ErrUnterminated},
		{"END of other component", "BEGIN:VCALENDAR\nBEGIN:VEVENT\nEND:VTODO\nEND:VCALENDAR\n", 3, ErrUnexpectedEnd},
		{"line too long", "BEGIN:VCALENDAR\nX:" + strings.Repeat("a", maxLine+1) + "\nEND:VCALENDAR\n", 2, ErrLineTooLong},
		{"folded line too long", "BEGIN:VCALENDAR\nX:a\n" + strings.Repeat(" "+strings.Repeat("a", 1000)+"\n", maxLine/1000+1) + "END:VCALENDAR\n", 2, ErrLineTooLong},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			events, err := NewDecoder(strings.NewReader(tc.input), "t.ics").Decode()
			if !errors.Is(err, tc.want) {
				t.Fatalf("Decode error = %v, want %v", err, tc.want)
			}
			if events != nil {
				t.Errorf("events = %v, want none on failure", events)
			}
			var pe *ParseError
			if !errors.As(err, &pe) || pe.File != "t.ics" || pe.Line != tc.line {
				t.Errorf("error %v: want *ParseError at t.ics:%d", err, tc.line)
			}
		})
	}
}

func TestDecodeReadError(t *testing.T) {
	boom := errors.New("disk on fire")
	r := io.MultiReader(strings.NewReader("BEGIN:VCALENDAR\nVERSION:2.0\n"), iotest.ErrReader(boom))
	_, err := NewDecoder(r, "t.ics").Decode()
	if !errors.Is(err, boom) {
		t.Fatalf("Decode error = %v, want it to wrap %v", err, boom)
	}
}

func TestDecodeSkipsNested(t *testing.T) {
	input := "BEGIN:VCALENDAR\nBEGIN:VTIMEZONE\nTZID:Europe/Zurich\nBEGIN:STANDARD\n" +
		"DTSTART:19701025T030000\nTZOFFSETFROM:+0200\nTZOFFSETTO:+0100\nEND:STANDARD\nEND:VTIMEZONE\n" +
		"BEGIN:VEVENT\nUID:a\nDTSTART;VALUE=DATE:20240101\nBEGIN:VALARM\nDTSTART:bogus\nUID:alarm\n" +
		"END:VALARM\nEND:VEVENT\nBEGIN:VTODO\nUID:todo\nEND:VTODO\nEND:VCALENDAR\n"
	e, rejects := decodeOne(t, input)
	if len(rejects) > 0 {
		t.Fatalf("rejected: %v", rejects[0])
	}
	if e.UID != "a" || e.Line != 10 {
		t.Errorf("got UID %q at line %d, want a at 10", e.UID, e.Line)
	}
}

func TestSplitTextList(t *testing.T) {
	tests := []struct {
		in   string
		want []string
	}{
		{"", nil},
		{"A", []string{"A"}},
		{"A,B , C", []string{"A", "B", "C"}},
		{`A\,B,C`, []string{"A,B", "C"}},
		{`A,,B,`, []string{"A", "B"}},
		{`A\`, []string{`A\`}},
		{`A\\,B`, []string{`A\`, "B"}},
	}
	for _, tc := range tests {
		if got := splitTextList(tc.in); !cmp.Equal(got, tc.want) {
			t.Errorf("splitTextList(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
}

func TestAddDuration(t *testing.T) {
	t0 := time.Date(2024, 3, 30, 12, 0, 0, 0, mustZone(t, "Europe/Zurich"))
	tests := []struct {
		in   string
		want time.Time
	}{
		{"P1D", t0.AddDate(0, 0, 1)}, // nominal: 12:00 next day across the DST change
		{"+P1W", t0.AddDate(0, 0, 7)},
		{"PT1H30M", t0.Add(90 * time.Minute)},
		{"P1DT2H", t0.AddDate(0, 0, 1).Add(2 * time.Hour)},
		{"PT15S", t0.Add(15 * time.Second)},
	}
	for _, tc := range tests {
		got, err := addDuration(t0, tc.in)
		if err != nil || !got.Equal(tc.want) {
			t.Errorf("addDuration(%q) = %v, %v; want %v", tc.in, got, err, tc.want)
		}
	}
	for _, bad := range []string{"", "P", "PT", "1D", "P1H", "PT1D", "P1DT", "PTT1H", "P99999999D", "P1", "-PT1H"} {
		if _, err := addDuration(t0, bad); !errors.Is(err, ErrBadDuration) {
			t.Errorf("addDuration(%q) error = %v, want ErrBadDuration", bad, err)
		}
	}
}
