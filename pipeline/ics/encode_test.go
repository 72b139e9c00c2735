package ics

import (
	"bytes"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/google/go-cmp/cmp"

	"synergy/pipeline/civil"
)

// encodeStamp is the DTSTAMP of the tests' calendars.
var encodeStamp = time.Date(2026, time.November, 27, 1, 22, 24, 0, time.UTC)

// allDay returns an all-day event from first to last, both included, as the
// calendar command builds them.
func allDay(uid string, first, last civil.Day) Event {
	return Event{UID: uid, AllDay: true, Start: first.Time(), End: (last + 1).Time()}
}

// encodeEvents are the golden file's events: the Tenth Meeting of the States
// Parties to the APMBC (Geneva, 29 November – 3 December 2010, as in
// datasets/meetings), a timed event, and values that need escaping and folding.
func encodeEvents() []Event {
	msp := allDay("APMBC_10MSP@synergy", civil.Date(2010, time.November, 29), civil.Date(2010, time.December, 3))
	msp.Summary = "Tenth Meeting of the States Parties to the Convention on the Prohibition of the Use, Stockpiling, Production and Transfer of Anti-Personnel Mines and on Their Destruction"
	msp.Location = "Geneva, Switzerland"
	msp.Description = "Instrument: APMBC\nBody: MSP\nThemes: clearance; victim_assistance\nPath: C:\\temp"
	msp.Categories = []string{"APMBC", "MSP", "clearance", "victim_assistance"}
	msp.Status = "CONFIRMED"
	msp.URL = "https://www.apminebanconvention.org/en/meetings/10msp/"
	msp.Props = map[string]string{"X-SYNERGY-INSTRUMENT": "APMBC", "X-SYNERGY-BODY": "MSP", "DTSTAMP": "ignored"}

	zurich, err := time.LoadLocation("Europe/Zurich")
	if err != nil {
		panic(err)
	}
	timed := Event{
		UID:      "CCW-PV_PV-18@synergy",
		Summary:  "Eighteenth Conference of the High Contracting Parties to Protocol V",
		Start:    time.Date(2024, time.November, 11, 10, 0, 0, 0, zurich),
		End:      time.Date(2024, time.November, 11, 18, 0, 0, 0, zurich),
		Status:   "tentative",
		Location: "Genève",
	}

	// Multi-byte text long enough to fold, so the golden file shows folds that
	// fall next to 2-, 3- and 4-byte sequences.
	unicode := allDay("unicode@synergy", civil.Date(2026, time.June, 1), civil.Date(2026, time.June, 1))
	unicode.Summary = strings.Repeat("Réunion/会议/🗓/", 9)
	unicode.Categories = []string{"A,B", " spaced ", "", "semi;colon"}
	unicode.Status = "CANCELLED"
	return []Event{msp, timed, unicode}
}

// view is the part of an event that survives an encode → decode round trip.
type view struct {
	UID, Summary, Description, Location, URL, Status string
	Categories                                       []string
	AllDay                                           bool
	Start, End                                       string
	FirstDay, LastDay                                civil.Day
	XProps                                           map[string]string
}

func viewOf(e Event) view {
	v := view{
		UID: e.UID, Summary: e.Summary, Description: e.Description, Location: e.Location,
		URL: e.URL, Status: e.Status, Categories: e.Categories, AllDay: e.AllDay,
		Start: e.Start.UTC().Format(time.RFC3339), End: e.End.UTC().Format(time.RFC3339),
		FirstDay: e.FirstDay, LastDay: e.LastDay,
	}
	for k, val := range e.Props {
		if strings.HasPrefix(k, "X-") {
			if v.XProps == nil {
				v.XProps = make(map[string]string)
			}
			v.XProps[k] = val
		}
	}
	return v
}

// encodeDecode encodes events and decodes the result, failing on any reject.
func encodeDecode(t testing.TB, events []Event) ([]byte, []Event) {
	t.Helper()
	var buf bytes.Buffer
	if err := NewEncoder(&buf).Encode(Calendar{ProdID: "-//synergy//test//EN", Stamp: encodeStamp, Events: events}); err != nil {
		t.Fatalf("Encode: %v", err)
	}
	dec := NewDecoder(bytes.NewReader(buf.Bytes()), "encoded.ics")
	got, err := dec.Decode()
	if err != nil {
		t.Fatalf("Decode of encoded calendar: %v\n%s", err, buf.Bytes())
	}
	if len(dec.Rejects()) > 0 {
		t.Fatalf("Decode rejected %v\n%s", dec.Rejects(), buf.Bytes())
	}
	return buf.Bytes(), got
}

func TestEncodeRoundTrip(t *testing.T) {
	events := encodeEvents()
	_, got := encodeDecode(t, events)
	if len(got) != len(events) {
		t.Fatalf("decoded %d events, want %d", len(got), len(events))
	}
	for i, e := range events {
		want := viewOf(e)
		// What the encoder documents as normalised: STATUS upper-cased, CATEGORIES
		// trimmed and emptied ones dropped, non-X props not written.
		want.Status = strings.ToUpper(want.Status)
		want.Categories = nil
		for _, c := range e.Categories {
			if c = strings.TrimSpace(c); c != "" {
				want.Categories = append(want.Categories, c)
			}
		}
		if e.AllDay {
			want.FirstDay, want.LastDay = civil.DayOf(e.Start), civil.DayOf(e.End)-1
		} else {
			want.FirstDay, want.LastDay = civil.DayOf(e.Start), civil.DayOf(e.End.In(e.Start.Location()))
		}
		gotView := viewOf(got[i])
		if diff := cmp.Diff(want, gotView); diff != "" {
			t.Errorf("event %d round trip (-want +got):\n%s", i, diff)
		}
		if got[i].Props["DTSTAMP"] != "20261127T012224Z" {
			t.Errorf("event %d DTSTAMP %q, want 20261127T012224Z", i, got[i].Props["DTSTAMP"])
		}
	}
	// The decoded events, encoded again, give the same events back.
	_, again := encodeDecode(t, got)
	for i := range got {
		if diff := cmp.Diff(viewOf(got[i]), viewOf(again[i])); diff != "" {
			t.Errorf("event %d second round trip (-want +got):\n%s", i, diff)
		}
	}
}

func TestEncodeGolden(t *testing.T) {
	var buf bytes.Buffer
	cal := Calendar{ProdID: "-//synergy//calendar//EN", Name: "synergy: treaty meetings", Stamp: encodeStamp, Events: encodeEvents()}
	if err := NewEncoder(&buf).Encode(cal); err != nil {
		t.Fatal(err)
	}
	path := filepath.Join("testdata", "encode", "want.ics")
	if *update {
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, buf.Bytes(), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run with -update?)\ngot:\n%s", err, buf.Bytes())
	}
	// Compared without CRs, so a checkout that rewrites line ends does not fail
	// here; TestEncodeLines checks the CRLFs.
	crlf := strings.NewReplacer("\r\n", "\n")
	if diff := cmp.Diff(crlf.Replace(string(want)), crlf.Replace(buf.String())); diff != "" {
		t.Errorf("%s mismatch (-want +got):\n%s", path, diff)
	}
}

// TestEncodeLines checks the physical form: CRLF everywhere, no line over 75 octets,
// no fold inside a UTF-8 sequence, and unfolding restores the content lines.
func TestEncodeLines(t *testing.T) {
	long := strings.Repeat("é", 100) + strings.Repeat("🗓", 40) + strings.Repeat("x", 200)
	e := allDay("fold@synergy", civil.Date(2026, time.January, 1), civil.Date(2026, time.January, 1))
	e.Summary, e.Description = long, long+"\n"+long
	out, got := encodeDecode(t, []Event{e})
	s := string(out)
	if !strings.HasSuffix(s, "\r\n") || strings.Count(s, "\n") != strings.Count(s, "\r\n") {
		t.Fatalf("not every line ends in CRLF:\n%q", s)
	}
	folds := 0
	for _, line := range strings.Split(strings.TrimSuffix(s, "\r\n"), "\r\n") {
		if len(line) > 75 {
			t.Errorf("line of %d octets: %q", len(line), line)
		}
		if !utf8.ValidString(line) {
			t.Errorf("fold inside a UTF-8 sequence: %q", line)
		}
		if strings.HasPrefix(line, " ") {
			folds++
		}
	}
	if folds < 10 {
		t.Errorf("%d folded lines, want at least 10", folds)
	}
	if got[0].Summary != long || got[0].Description != long+"\n"+long {
		t.Errorf("folded values do not decode back")
	}
}

func TestEncodeErrors(t *testing.T) {
	ok := allDay("ok@synergy", civil.Date(2026, time.January, 1), civil.Date(2026, time.January, 2))
	with := func(f func(e *Event)) Calendar {
		e := ok
		f(&e)
		return Calendar{ProdID: "-//t//EN", Stamp: encodeStamp, Events: []Event{ok, e}}
	}
	tests := []struct {
		name string
		cal  Calendar
		want string // in the message
	}{
		{"no prodid", Calendar{Stamp: encodeStamp}, "PRODID"},
		{"no stamp", Calendar{ProdID: "p"}, "DTSTAMP"},
		{"no uid", with(func(e *Event) { e.UID = " " }), `event 1 (UID " "): cannot encode: UID is empty`},
		{"no start", with(func(e *Event) { e.AllDay, e.Start = false, time.Time{} }), "no DTSTART"},
		{"all-day end not after start", with(func(e *Event) { e.End = e.Start }), "not after DTSTART"},
		{"timed end before start", with(func(e *Event) {
			e.AllDay, e.End = false, e.Start.Add(-time.Hour)
		}), "before DTSTART"},
		{"bad status", with(func(e *Event) { e.Status = "DONE" }), `STATUS "DONE"`},
		{"carriage return", with(func(e *Event) { e.Description = "a\r\nb" }), "DESCRIPTION: control character U+000D"},
		{"invalid utf-8", with(func(e *Event) { e.Summary = "\xff" }), "SUMMARY: invalid UTF-8"},
		{"control in category", with(func(e *Event) { e.Categories = []string{"a\x00"} }), "CATEGORIES"},
		{"newline in url", with(func(e *Event) { e.URL = "https://a\nb" }), "URL"},
		{"javascript url", with(func(e *Event) { e.URL = "javascript:alert(1)" }), "URL: not an http or https URL"},
		{"url with a space", with(func(e *Event) { e.URL = "https://example.org/a b" }), "spaces"},
		{"url without scheme", with(func(e *Event) { e.URL = "www.example.org/x" }), "not an http or https URL"},
		{"url without host", with(func(e *Event) { e.URL = "https:///x" }), "not an http or https URL"},
		{"bad x-name", with(func(e *Event) { e.Props = map[string]string{"X-A B": "v"} }), `"X-A B"`},
		{"x-names differ in case", with(func(e *Event) {
			e.Props = map[string]string{"X-a": "1", "X-A": "2"}
		}), "differ only in case"},
		{"year 10000", with(func(e *Event) {
			e.Start = time.Date(10000, 1, 1, 0, 0, 0, 0, time.UTC)
			e.End = time.Time{}
		}), "outside years"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			var buf bytes.Buffer
			err := NewEncoder(&buf).Encode(tc.cal)
			if !errors.Is(err, ErrUnencodable) {
				t.Fatalf("Encode error %v, want ErrUnencodable", err)
			}
			if !strings.Contains(err.Error(), tc.want) {
				t.Errorf("error %q does not contain %q", err, tc.want)
			}
			if buf.Len() > 0 {
				t.Errorf("Encode wrote %d bytes before failing", buf.Len())
			}
		})
	}
}

// encodable is the test's own statement of what TEXT may hold: valid UTF-8 without
// ASCII control characters other than tab and line feed.
func encodable(s string) bool {
	if !utf8.ValidString(s) {
		return false
	}
	for i := 0; i < len(s); i++ {
		if c := s[i]; (c < 0x20 && c != '\t' && c != '\n') || c == 0x7f {
			return false
		}
	}
	return true
}

// FuzzEncode encodes arbitrary text fields and checks that Decoder gets them back
// exactly, or that Encode refuses them with ErrUnencodable when they hold what TEXT
// cannot carry.
func FuzzEncode(f *testing.F) {
	for _, e := range encodeEvents() {
		cat := ""
		if len(e.Categories) > 0 {
			cat = e.Categories[0]
		}
		f.Add(e.UID, e.Summary, e.Description, e.Location, cat, e.Props["X-SYNERGY-BODY"], e.URL, e.AllDay, int32(e.FirstDay), uint8(3), uint8(0))
	}
	f.Add("a", `\\;,\n`, "line\nbreak\\n", "\t", `A\,B`, "x:y;z", "https://x/?a=b;c,d", true, int32(0), uint8(0), uint8(1))
	f.Add("u", "\r\n", "", "", "", "", "", false, int32(100), uint8(1), uint8(2))
	statuses := []string{"", "CONFIRMED", "tentative", "Cancelled"}
	f.Fuzz(func(t *testing.T, uid, summary, description, location, category, xvalue, url string,
		isAllDay bool, day int32, length, status uint8) {
		day %= 2_000_000 // keep within years 0000-9999 around 1970
		e := Event{
			UID: uid, Summary: summary, Description: description, Location: location,
			Categories: []string{category, "fixed"}, URL: url,
			Status: statuses[int(status)%len(statuses)],
			Props:  map[string]string{"X-FUZZ": xvalue},
			AllDay: isAllDay,
		}
		if isAllDay {
			e.Start, e.End = civil.Day(day).Time(), civil.Day(day+1+int32(length%30)).Time()
		} else {
			e.Start = time.Unix(int64(day)*3600, 0)
			e.End = e.Start.Add(time.Duration(length) * time.Minute)
		}
		u := strings.TrimSpace(url)
		valid := strings.TrimSpace(uid) != "" && encodable(summary) && encodable(description) &&
			encodable(location) && encodable(strings.TrimSpace(category)) && encodable(xvalue) &&
			encodable(uid) && (u == "" || encodable(u) && !strings.ContainsAny(u, "\t\n") && checkURL(u) == nil) &&
			e.Start.Year() >= 0 && e.End.Year() <= 9999
		var buf bytes.Buffer
		err := NewEncoder(&buf).Encode(Calendar{ProdID: "-//fuzz//EN", Stamp: encodeStamp, Events: []Event{e}})
		if !valid {
			if !errors.Is(err, ErrUnencodable) || buf.Len() > 0 {
				t.Fatalf("Encode of unencodable text: error %v, %d bytes written", err, buf.Len())
			}
			return
		}
		if err != nil {
			t.Fatalf("Encode: %v", err)
		}
		dec := NewDecoder(bytes.NewReader(buf.Bytes()), "fuzz.ics")
		got, err := dec.Decode()
		if err != nil || len(got) != 1 || len(dec.Rejects()) > 0 {
			t.Fatalf("Decode: %v, %d events, rejects %v\n%q", err, len(got), dec.Rejects(), buf.Bytes())
		}
		want := []string{"fixed"}
		if c := strings.TrimSpace(category); c != "" {
			want = []string{c, "fixed"}
		}
		g := got[0]
		checks := []struct {
			field     string
			got, want any
		}{
			{"UID", g.UID, uid}, {"SUMMARY", g.Summary, summary},
			{"DESCRIPTION", g.Description, description}, {"LOCATION", g.Location, location},
			{"URL", g.URL, strings.TrimSpace(url)}, {"STATUS", g.Status, strings.ToUpper(e.Status)},
			{"CATEGORIES", fmt.Sprint(g.Categories), fmt.Sprint(want)},
			{"X-FUZZ", g.Props["X-FUZZ"], xvalue}, {"AllDay", g.AllDay, isAllDay},
			{"Start", g.Start.Equal(e.Start), true}, {"End", g.End.Equal(e.End), true},
		}
		for _, c := range checks {
			if c.got != c.want {
				t.Errorf("%s: got %q, want %q\n%q", c.field, c.got, c.want, buf.Bytes())
			}
		}
	})
}

func ExampleEncoder_Encode() {
	cal := Calendar{
		ProdID: "-//synergy//calendar//EN",
		Stamp:  time.Date(2026, time.November, 27, 1, 22, 24, 0, time.UTC),
		Events: []Event{{
			UID:        "APMBC_10MSP@synergy",
			Summary:    "Tenth Meeting of the States Parties to the APMBC",
			Location:   "Geneva, Switzerland",
			Categories: []string{"APMBC", "MSP"},
			Status:     "CONFIRMED",
			AllDay:     true,
			// 29 November to 3 December 2010: DTEND is the day after the last.
			Start: civil.Date(2010, time.November, 29).Time(),
			End:   civil.Date(2010, time.December, 4).Time(),
		}},
	}
	var buf bytes.Buffer
	if err := NewEncoder(&buf).Encode(cal); err != nil {
		fmt.Println(err)
		return
	}
	// Lines end in CRLF; shown here without the CR.
	fmt.Print(strings.ReplaceAll(buf.String(), "\r\n", "\n"))
	// Output:
	// BEGIN:VCALENDAR
	// VERSION:2.0
	// PRODID:-//synergy//calendar//EN
	// CALSCALE:GREGORIAN
	// BEGIN:VEVENT
	// UID:APMBC_10MSP@synergy
	// DTSTAMP:20261127T012224Z
	// DTSTART;VALUE=DATE:20101129
	// DTEND;VALUE=DATE:20101204
	// SUMMARY:Tenth Meeting of the States Parties to the APMBC
	// LOCATION:Geneva\, Switzerland
	// CATEGORIES:APMBC,MSP
	// STATUS:CONFIRMED
	// END:VEVENT
	// END:VCALENDAR
}
