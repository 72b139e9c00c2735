package ics

import (
	"bytes"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"encoding/csv"

	"synergy/pipeline/civil"
)

// vtimezoneOf decodes the VTIMEZONE components of an .ics text and returns the
// zone the one named tzid defines.
func vtimezoneOf(t *testing.T, text, tzid string) *time.Location {
	t.Helper()
	text += "BEGIN:VEVENT\r\nUID:x\r\nDTSTART;TZID=\"" + tzid + "\":20240101T120000\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n"
	d := NewDecoder(strings.NewReader(text), "tz.ics")
	events, err := d.Decode()
	if err != nil || len(events) != 1 {
		t.Fatalf("decode: %v, %d events, rejects %v", err, len(events), d.Rejects())
	}
	loc := events[0].Start.Location()
	if loc.String() != tzid {
		t.Fatalf("zone %q, want the VTIMEZONE %q", loc, tzid)
	}
	return loc
}

// TestVTimezoneAgreesWithTZDatabase: the zones Outlook defines in VTIMEZONE
// components give, at every hour from 2008 to 2040, the offset the IANA database
// gives for the zone they describe (Europe/Berlin: last Sunday of March and of
// October; America/New_York: second Sunday of March, first of November, since 2007).
func TestVTimezoneAgreesWithTZDatabase(t *testing.T) {
	outlook, err := os.ReadFile(filepath.Join("testdata", "vtimezone_outlook", "input.ics"))
	if err != nil {
		t.Fatal(err)
	}
	header := string(outlook[:bytes.Index(outlook, []byte("BEGIN:VEVENT"))])
	custom, err := os.ReadFile(filepath.Join("testdata", "vtimezone_custom", "input.ics"))
	if err != nil {
		t.Fatal(err)
	}
	eastern := "BEGIN:VCALENDAR\r\n" + string(custom[bytes.LastIndex(custom, []byte("BEGIN:VTIMEZONE")):bytes.Index(custom, []byte("END:VCALENDAR"))])
	for _, tc := range []struct{ text, tzid, iana string }{
		{header, "W. Europe Standard Time", "Europe/Berlin"},
		{eastern, "(UTC-05:00) Eastern Time (US & Canada)", "America/New_York"},
	} {
		loc := vtimezoneOf(t, tc.text, tc.tzid)
		ref, err := time.LoadLocation(tc.iana)
		if err != nil {
			t.Fatal(err)
		}
		for at := time.Date(2008, 1, 1, 0, 0, 0, 0, time.UTC); at.Year() < 2041; at = at.Add(time.Hour) {
			_, got := at.In(loc).Zone()
			_, want := at.In(ref).Zone()
			if got != want {
				t.Fatalf("%s at %s: offset %d, %s gives %d", tc.tzid, at, got, tc.iana, want)
			}
		}
		// Wall clock to instant, also on the days of change.
		for _, wall := range []string{"2025-03-30T01:30", "2025-03-30T03:30", "2025-10-26T01:30", "2025-11-02T00:30", "2025-03-09T03:30"} {
			w, _ := time.Parse("2006-01-02T15:04", wall)
			a := time.Date(w.Year(), w.Month(), w.Day(), w.Hour(), w.Minute(), 0, 0, loc)
			b := time.Date(w.Year(), w.Month(), w.Day(), w.Hour(), w.Minute(), 0, 0, ref)
			if !a.Equal(b) {
				t.Errorf("%s %s: %s, %s gives %s", tc.tzid, wall, a, tc.iana, b)
			}
		}
	}
}

// TestVTimezoneBrokenFallsBack: a VTIMEZONE that cannot be read gives way to the
// IANA or Windows name; with an unknown name the event is rejected, the VTIMEZONE's
// problem given as the reason.
func TestVTimezoneBrokenFallsBack(t *testing.T) {
	broken := func(tzid string) string {
		return "BEGIN:VCALENDAR\r\nBEGIN:VTIMEZONE\r\nTZID:" + tzid + "\r\nBEGIN:STANDARD\r\nDTSTART:16010101T000000\r\n" +
			"TZOFFSETTO:+0100\r\nEND:STANDARD\r\nEND:VTIMEZONE\r\nBEGIN:VEVENT\r\nUID:a\r\nDTSTART;TZID=\"" + tzid +
			"\":20240701T120000\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n"
	}
	d := NewDecoder(strings.NewReader(broken("Europe/Vienna")), "b.ics")
	events, err := d.Decode()
	if err != nil || len(events) != 1 || events[0].Start.Location().String() != "Europe/Vienna" {
		t.Errorf("named zone: %v %v %v", err, events, d.Rejects())
	}
	d = NewDecoder(strings.NewReader(broken("Mars Time")), "b.ics")
	if events, err := d.Decode(); err != nil || len(events) != 0 || len(d.Rejects()) != 1 ||
		!errors.Is(d.Rejects()[0], ErrUnknownTZ) || !strings.Contains(d.Rejects()[0].Error(), "TZOFFSETFROM") {
		t.Errorf("unknown zone: %v %v %v", err, events, d.Rejects())
	}
}

// TestRRuleDates checks rules against what they mean, day by day over years:
// every date given has the rule's weekday and place in its month, and no date
// that has them is missed.
func TestRRuleDates(t *testing.T) {
	start, last := civil.Date(2020, time.January, 1), civil.Date(2030, time.December, 31)
	tests := []struct {
		rule string
		want func(civil.Day) bool
	}{
		{"FREQ=MONTHLY;BYDAY=2WE", func(d civil.Day) bool {
			return d.Weekday() == time.Wednesday && d.Time().Day() >= 8 && d.Time().Day() <= 14
		}},
		{"FREQ=YEARLY;BYMONTH=3,10;BYDAY=-1SU", func(d civil.Day) bool {
			m := d.Time().Month()
			return (m == time.March || m == time.October) && d.Weekday() == time.Sunday && (d+7).Time().Month() != m
		}},
		{"FREQ=MONTHLY;BYMONTHDAY=-1", func(d civil.Day) bool { return (d + 1).Time().Day() == 1 }},
		{"FREQ=WEEKLY;INTERVAL=2;BYDAY=MO,FR", func(d civil.Day) bool {
			// Weeks starting Monday; 2019-12-30 is the Monday of the start's week.
			weeks := int(d-civil.Date(2019, time.December, 30)) / 7
			return weeks%2 == 0 && (d.Weekday() == time.Monday || d.Weekday() == time.Friday)
		}},
		{"FREQ=DAILY;INTERVAL=3;BYMONTH=2", func(d civil.Day) bool {
			return int(d-start)%3 == 0 && d.Time().Month() == time.February
		}},
		{"FREQ=YEARLY", func(d civil.Day) bool { return d.Time().Month() == time.January && d.Time().Day() == 1 }},
		{"FREQ=MONTHLY;BYMONTHDAY=13;BYDAY=FR", func(d civil.Day) bool {
			return d.Time().Day() == 13 && d.Weekday() == time.Friday
		}},
	}
	for _, tc := range tests {
		r, err := parseRRule(tc.rule)
		if err != nil {
			t.Fatalf("%s: %v", tc.rule, err)
		}
		var got []civil.Day
		r.each(start, start, last, func(d civil.Day) bool { got = append(got, d); return true })
		var want []civil.Day
		for d := start; d <= last; d++ {
			if tc.want(d) {
				want = append(want, d)
			}
		}
		if len(got) != len(want) {
			t.Errorf("%s: %d dates, want %d", tc.rule, len(got), len(want))
			continue
		}
		for i := range got {
			if got[i] != want[i] {
				t.Errorf("%s: date %d is %s, want %s", tc.rule, i, got[i], want[i])
				break
			}
		}
	}
}

// TestRRuleRejects: rule parts outside the supported subset, and malformed ones,
// are refused with the part named.
func TestRRuleRejects(t *testing.T) {
	for rule, want := range map[string]string{
		"FREQ=MONTHLY;BYSETPOS=-1":      "BYSETPOS is not supported",
		"FREQ=SECONDLY":                 "FREQ=SECONDLY is not supported",
		"FREQ=YEARLY;BYWEEKNO=20":       "BYWEEKNO is not supported",
		"BYDAY=MO":                      "no FREQ",
		"FREQ=DAILY;COUNT=2;UNTIL=2025": "both COUNT and UNTIL",
		"FREQ=WEEKLY;BYDAY=2MO":         "ordinal",
		"FREQ=DAILY;INTERVAL=0":         "INTERVAL=0",
		"FREQ=DAILY;FREQ=DAILY":         "FREQ repeated",
		"FREQ=MONTHLY;BYMONTHDAY=32":    "BYMONTHDAY=32",
		"FREQ=WEEKLY;BYMONTHDAY=1":      "BYMONTHDAY with FREQ=WEEKLY",
	} {
		_, err := parseRRule(rule)
		if !errors.Is(err, ErrBadRecurrence) || !strings.Contains(err.Error(), want) {
			t.Errorf("%s: %v, want %q", rule, err, want)
		}
	}
}

// TestRecurrenceWindow: occurrences outside the decoder's window are left out.
func TestRecurrenceWindow(t *testing.T) {
	text := cal("UID:w", "X-SYNERGY-INSTRUMENT:CCW", "DTSTART;VALUE=DATE:20200106", "RRULE:FREQ=YEARLY;COUNT=10")
	d := NewDecoder(strings.NewReader(text), "w.ics")
	d.Window(civil.Date(2022, time.January, 1), civil.Date(2024, time.December, 31))
	events, err := d.Decode()
	if err != nil || len(events) != 3 || events[0].FirstDay != civil.Date(2022, time.January, 6) {
		t.Errorf("%v %d events %v, want 2022, 2023, 2024", err, len(events), d.Rejects())
	}
}

// TestVenueCitiesCoverDataset: every city of the shipped meeting lists is a venue
// city, so cityOf recognises it in a multi-line LOCATION.
func TestVenueCitiesCoverDataset(t *testing.T) {
	files, err := filepath.Glob(filepath.Join("..", "..", "datasets", "meetings", "*.csv"))
	if err != nil || len(files) == 0 {
		t.Fatalf("no meeting lists: %v", err)
	}
	for _, f := range files {
		b, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		rows, err := csv.NewReader(bytes.NewReader(b)).ReadAll()
		if err != nil {
			t.Fatal(err)
		}
		col := -1
		for i, h := range rows[0] {
			if h == "city" {
				col = i
			}
		}
		for _, r := range rows[1:] {
			city := r[col]
			if m := noteRE.FindString(city); strings.Contains(m, "planned:") {
				city = strings.Trim(strings.TrimSpace(strings.SplitN(m, ":", 2)[1]), " )")
			}
			city = strings.TrimSpace(noteRE.ReplaceAllString(city, ""))
			if city == "" || isVirtual(city) {
				continue
			}
			got, err := cityOf("Conference centre\n" + city + "\nCountry")
			if err != nil || got != city {
				t.Errorf("%s: city %q read as %q, %v", filepath.Base(f), city, got, err)
			}
		}
	}
}
