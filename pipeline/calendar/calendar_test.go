package calendar

import (
	"context"
	"errors"
	"slices"
	"strings"
	"testing"
	"time"

	"synergy/pipeline/civil"
	"synergy/pipeline/ics"
)

// meetingRow is one row of meetingsQuery; empty fields are NULL.
type meetingRow struct {
	id, instrument, start, end, startPrecision, endPrecision, startText string
	city, country, venue, status, sources                               string
	mode                                                                string
}

func (r meetingRow) values() []any {
	v := func(s string) any {
		if s == "" {
			return nil
		}
		return s
	}
	return []any{
		r.id, r.instrument, r.instrument + " Convention", "MSP", r.id + "-code", "Meeting " + r.id,
		v(r.start), v(r.end), v(r.startPrecision), v(r.endPrecision), v(r.startText), nil,
		v(r.city), v(r.country), v(r.venue), v(r.status), v(r.sources), v(r.mode),
	}
}

// fake is a snapshot's tables as rows, read by a Query that picks them by the
// table the statement reads.
type fake struct {
	meetings []meetingRow
	themes   [][]any // meeting_id, theme
	pairs    [][]any // meeting_id_a, meeting_id_b, relation, dates_overlap, gap_working_days
	fail     string  // a table whose query fails
	missing  string  // a table not published
}

var errQuery = errors.New("query failed")

func (f fake) snapshot() Snapshot {
	query := func(_ context.Context, sql string) ([][]any, error) {
		if f.fail != "" && strings.Contains(sql, "from "+f.fail) {
			return nil, errQuery
		}
		switch {
		case strings.Contains(sql, "from meetings_enriched"):
			var rows [][]any
			for _, m := range f.meetings {
				rows = append(rows, m.values())
			}
			return rows, nil
		case strings.Contains(sql, "from meeting_theme_vectors"):
			return f.themes, nil
		case strings.Contains(sql, "from meeting_pairs"):
			return f.pairs, nil
		}
		return nil, errors.New("unexpected query " + sql)
	}
	return Snapshot{
		ID:        "S1",
		CreatedAt: time.Date(2026, 1, 2, 3, 4, 5, 0, time.UTC),
		Query:     query,
		Publishes: func(table string) bool { return table != f.missing },
	}
}

// twoMeetings are a held MSP in Geneva and a planned one online the next week;
// a third is dated to the month only.
var twoMeetings = fake{
	meetings: []meetingRow{
		{id: "A_1", instrument: "A", start: "2010-11-29", end: "2010-12-03", startPrecision: "day", endPrecision: "day",
			city: "Geneva", country: "Switzerland", venue: "Palais", status: "held", sources: "https://a.example/1 ; https://a.example/2"},
		{id: "B_1", instrument: "B", start: "2010-12-06", end: "2010-12-06", startPrecision: "day", endPrecision: "day",
			status: "planned", mode: "online"},
		{id: "C_1", instrument: "C", startPrecision: "month", endPrecision: "month", startText: "2011-05", status: "planned"},
	},
	themes: [][]any{{"A_1", "clearance"}, {"A_1", "victim_assistance"}},
	pairs:  [][]any{{"A_1", "B_1", "back_to_back", false, int64(1)}},
}

func TestBuild(t *testing.T) {
	cal, err := Build(t.Context(), twoMeetings.snapshot(), Options{Version: "v1"})
	if err != nil {
		t.Fatal(err)
	}
	if cal.ICS.ProdID != "-//synergy//calendar v1//EN" || !cal.ICS.Stamp.Equal(time.Date(2026, 1, 2, 3, 4, 5, 0, time.UTC)) {
		t.Errorf("PRODID %q stamp %v", cal.ICS.ProdID, cal.ICS.Stamp)
	}
	if len(cal.ICS.Events) != 2 {
		t.Fatalf("%d events, want 2", len(cal.ICS.Events))
	}
	a, b := cal.ICS.Events[0], cal.ICS.Events[1]
	tests := []struct{ name, got, want string }{
		{"UID", a.UID, "A_1@synergy"},
		{"summary", a.Summary, "A: Meeting A_1"},
		{"location", a.Location, "Geneva, Switzerland"},
		{"online location", b.Location, "online"},
		{"start", a.Start.Format(time.DateOnly), "2010-11-29"},
		{"exclusive end", a.End.Format(time.DateOnly), "2010-12-04"},
		{"status held", a.Status, "CONFIRMED"},
		{"status planned", b.Status, "TENTATIVE"},
		{"first source is the URL", a.URL, "https://a.example/1"},
		{"categories", strings.Join(a.Categories, ","), "A,MSP,clearance,victim_assistance"},
		{"categories without themes", strings.Join(b.Categories, ","), "B,MSP"},
		{"code", a.Props["X-SYNERGY-CODE"], "A_1-code"},
		{"description", a.Description, "Meeting A_1\n\nMeeting A_1 of the A Convention (A), body MSP.\n" +
			"Place: Palais, Geneva, Switzerland\nDates: 2010-11-29 to 2010-12-03. Status: held.\n" +
			"Themes (from meeting_theme_vectors): clearance, victim_assistance\n\n" +
			"Related meetings of other instruments (meeting_pairs):\n" +
			"- back_to_back with B_1 (B): Meeting B_1, 2010-12-06 to 2010-12-06; 1 working day between\n\n" +
			"Sources:\nhttps://a.example/1\nhttps://a.example/2\n\nsynergy snapshot S1"},
		{"description online, no themes", b.Description, "Meeting B_1\n\nMeeting B_1 of the B Convention (B), body MSP.\n" +
			"Place: online\nDates: 2010-12-06 to 2010-12-06. Status: planned.\n" +
			"Themes: none known (from meeting_theme_vectors)\n\n" +
			"Related meetings of other instruments (meeting_pairs):\n" +
			"- back_to_back with A_1 (A): Meeting A_1, 2010-11-29 to 2010-12-03, Geneva; 1 working day between\n\n" +
			"synergy snapshot S1"},
	}
	for _, tc := range tests {
		if tc.got != tc.want {
			t.Errorf("%s:\n got %q\nwant %q", tc.name, tc.got, tc.want)
		}
	}
	if want := []LeftOut{{"C_1", "Meeting C_1", "start known only to the month"}}; !slices.Equal(cal.LeftOut, want) {
		t.Errorf("left out %v, want %v", cal.LeftOut, want)
	}
}

func TestBuildYears(t *testing.T) {
	tests := []struct {
		name     string
		from, to int
		events   []string
		leftOut  []string
	}{
		{"no limit", 0, 0, []string{"A_1@synergy", "B_1@synergy"}, []string{"C_1"}},
		{"from 2011", 2011, 0, nil, []string{"C_1"}},
		{"to 2010", 0, 2010, []string{"A_1@synergy", "B_1@synergy"}, nil},
		{"2010 only", 2010, 2010, []string{"A_1@synergy", "B_1@synergy"}, nil},
		{"2012 on", 2012, 0, nil, nil},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			cal, err := Build(t.Context(), twoMeetings.snapshot(), Options{From: tc.from, To: tc.to})
			if err != nil {
				t.Fatal(err)
			}
			var events, left []string
			for _, e := range cal.ICS.Events {
				events = append(events, e.UID)
			}
			for _, l := range cal.LeftOut {
				left = append(left, l.MeetingID)
			}
			if !slices.Equal(events, tc.events) || !slices.Equal(left, tc.leftOut) {
				t.Errorf("events %v left out %v, want %v and %v", events, left, tc.events, tc.leftOut)
			}
		})
	}
}

func TestBuildErrors(t *testing.T) {
	unknown := twoMeetings
	unknown.pairs = [][]any{{"A_1", "Z_9", "clash", true, int64(0)}}
	short := twoMeetings
	short.themes = [][]any{{"A_1"}}
	tests := []struct {
		name string
		f    fake
		want error
		text string
	}{
		{"theme vectors not published", fake{missing: "meeting_theme_vectors"}, ErrNotPublished, "meeting_theme_vectors"},
		{"pairs not published", fake{missing: "meeting_pairs"}, ErrNotPublished, "meeting_pairs"},
		{"meetings query fails", fake{fail: "meetings_enriched"}, errQuery, "read meetings"},
		{"themes query fails", fake{fail: "meeting_theme_vectors"}, errQuery, "read meeting_theme_vectors"},
		{"pairs query fails", fake{fail: "meeting_pairs"}, errQuery, "read meeting_pairs"},
		{"pair of an unknown meeting", unknown, ErrUnknownMeeting, "A_1 or Z_9"},
		{"short row", short, nil, "1 columns, want 2"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			_, err := Build(t.Context(), tc.f.snapshot(), Options{})
			if err == nil || tc.want != nil && !errors.Is(err, tc.want) || !strings.Contains(err.Error(), tc.text) {
				t.Errorf("error %v, want %v mentioning %q", err, tc.want, tc.text)
			}
		})
	}
}

func TestDays(t *testing.T) {
	tests := []struct {
		name        string
		m           meeting
		first, last civil.Day
		reason      string
	}{
		{"one day", meeting{start: "2010-11-29", end: "2010-11-29", startPrecision: "day", endPrecision: "day"},
			civil.Date(2010, time.November, 29), civil.Date(2010, time.November, 29), ""},
		{"a week", meeting{start: "2010-11-29", end: "2010-12-03", startPrecision: "day", endPrecision: "day"},
			civil.Date(2010, time.November, 29), civil.Date(2010, time.December, 3), ""},
		{"start to the year", meeting{start: "2021-01-01", startPrecision: "year", endPrecision: "year"}, 0, 0, "start known only to the year"},
		{"end to the month", meeting{start: "2021-05-03", end: "2021-05-31", startPrecision: "day", endPrecision: "month"}, 0, 0, "end known only to the month"},
		{"start missing", meeting{end: "2021-05-31", endPrecision: "day"}, 0, 0, "start date missing"},
		{"end date empty", meeting{start: "2021-05-03", startPrecision: "day", endPrecision: "day"}, 0, 0, "end date missing"},
		{"unreadable", meeting{start: "2021-02-30", end: "2021-03-01", startPrecision: "day", endPrecision: "day"}, 0, 0, "start date unreadable: "},
		{"end before start", meeting{start: "2021-03-02", end: "2021-03-01", startPrecision: "day", endPrecision: "day"}, 0, 0, "end before start"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			first, last, reason := tc.m.days()
			if first != tc.first || last != tc.last || !strings.HasPrefix(reason, tc.reason) || (tc.reason == "") != (reason == "") {
				t.Errorf("days() = %v, %v, %q; want %v, %v, %q", first, last, reason, tc.first, tc.last, tc.reason)
			}
		})
	}
}

func TestStartYear(t *testing.T) {
	tests := []struct {
		name  string
		m     meeting
		year  int
		known bool
	}{
		{"start date", meeting{start: "2010-11-29"}, 2010, true},
		{"start text to the month", meeting{startText: "2011-05"}, 2011, true},
		{"start text to the year", meeting{startText: "2021"}, 2021, true},
		{"nothing", meeting{}, 0, false},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if year, known := tc.m.startYear(); year != tc.year || known != tc.known {
				t.Errorf("startYear() = %d, %v; want %d, %v", year, known, tc.year, tc.known)
			}
		})
	}
}

func TestEventStatus(t *testing.T) {
	for status, want := range map[string]string{
		"held": "CONFIRMED", "planned": "TENTATIVE", "unconfirmed": "TENTATIVE", "cancelled": "CANCELLED", "postponed": "CANCELLED", "": "", "other": "",
	} {
		if got := eventStatus(status); got != want {
			t.Errorf("eventStatus(%q) = %q, want %q", status, got, want)
		}
	}
}

func TestLocation(t *testing.T) {
	tests := []struct {
		name string
		m    meeting
		want string
	}{
		{"city and country", meeting{city: "Geneva", country: "Switzerland"}, "Geneva, Switzerland"},
		{"country without city", meeting{country: "Switzerland"}, ""},
		{"in person", meeting{city: "Geneva", country: "Switzerland", mode: "in_person"}, "Geneva, Switzerland"},
		{"online", meeting{mode: "online"}, "online"},
		{"hybrid", meeting{city: "Vienna", country: "Austria", mode: "hybrid"}, "Vienna, Austria, hybrid"},
		{"written procedure", meeting{city: "Geneva", country: "Switzerland", mode: "written_procedure"},
			"Geneva, Switzerland, by written procedure"},
	}
	for _, tc := range tests {
		if got := tc.m.location(); got != tc.want {
			t.Errorf("%s: location() = %q, want %q", tc.name, got, tc.want)
		}
	}
}

func TestPairDetail(t *testing.T) {
	tests := []struct {
		overlap bool
		gap     int64
		want    string
	}{
		{true, 0, "dates overlap"},
		{false, 0, "0 working days between"},
		{false, 1, "1 working day between"},
		{false, 4, "4 working days between"},
	}
	for _, tc := range tests {
		if got := pairDetail(tc.overlap, tc.gap); got != tc.want {
			t.Errorf("pairDetail(%v, %d) = %q, want %q", tc.overlap, tc.gap, got, tc.want)
		}
	}
}

func TestCleanText(t *testing.T) {
	if got := cleanText("a\r\nb\rc\x00d\te\xff\x7f"); got != "a\nb\nc d\te\uFFFD " {
		t.Errorf("cleanText = %q", got)
	}
}

func TestWriteLeftOut(t *testing.T) {
	var b strings.Builder
	cal := &Calendar{LeftOut: []LeftOut{{"CCW_APII-23", "Conference", "start known only to the year"}}}
	if err := cal.WriteLeftOut(&b); err != nil {
		t.Fatal(err)
	}
	want := "1 meetings left out, their dates not known to the day:\n  CCW_APII-23          start known only to the year (Conference)\n"
	if b.String() != want {
		t.Errorf("got %q, want %q", b.String(), want)
	}
	b.Reset()
	if err := (&Calendar{}).WriteLeftOut(&b); err != nil || b.Len() != 0 {
		t.Errorf("none left out: wrote %q, %v", b.String(), err)
	}
}

func TestWriteDecodes(t *testing.T) {
	cal, err := Build(t.Context(), twoMeetings.snapshot(), Options{Version: "v1"})
	if err != nil {
		t.Fatal(err)
	}
	var b strings.Builder
	if err := cal.Write(&b); err != nil {
		t.Fatal(err)
	}
	dec := ics.NewDecoder(strings.NewReader(b.String()), "calendar.ics")
	events, err := dec.Decode()
	if err != nil || len(dec.Rejects()) > 0 {
		t.Fatalf("decode: %v, rejects %v", err, dec.Rejects())
	}
	if len(events) != 2 || events[0].Description != cal.ICS.Events[0].Description {
		t.Errorf("decoded %d events; first description %q", len(events), events[0].Description)
	}
}
