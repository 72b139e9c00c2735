package ics

import (
	"bytes"
	"encoding/json"
	"errors"
	"flag"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"synergy/pipeline/civil"
	"synergy/pipeline/rawtable"
)

var update = flag.Bool("update", false, "rewrite testdata/*/want.json and want_err.txt")

// goldenAsOf is the asOf day of the golden Meetings output: meetings ending before it
// are held, later ones planned.
var goldenAsOf = civil.Date(2025, time.June, 1)

// golden is what want.json holds: the decoder's and the mapper's output in a form a
// reviewer can read (dates as text, zones by name).
type golden struct {
	Events         []goldenEvent     `json:"events"`
	Rejects        []string          `json:"rejects"`
	Meetings       []goldenMeeting   `json:"meetings"`
	MeetingRejects []rawtable.Reject `json:"meeting_rejects"`
}

type goldenEvent struct {
	Line        int               `json:"line"`
	UID         string            `json:"uid"`
	Summary     string            `json:"summary"`
	Description string            `json:"description,omitempty"`
	Location    string            `json:"location,omitempty"`
	URL         string            `json:"url,omitempty"`
	Status      string            `json:"status,omitempty"`
	Categories  []string          `json:"categories,omitempty"`
	AllDay      bool              `json:"all_day"`
	Start       string            `json:"start"`
	End         string            `json:"end"`
	StartText   string            `json:"start_text,omitempty"`
	EndText     string            `json:"end_text,omitempty"`
	FirstDay    string            `json:"first_day,omitempty"`
	LastDay     string            `json:"last_day,omitempty"`
	Recurrence  string            `json:"recurrence_id,omitempty"`
	Occurrence  string            `json:"occurrence_day,omitempty"`
	Props       map[string]string `json:"props,omitempty"`
}

type goldenMeeting struct {
	MeetingID    string `json:"meeting_id"`
	InstrumentID string `json:"instrument_id"`
	Body         string `json:"body"`
	Code         string `json:"code"`
	Title        string `json:"title"`
	StartDate    string `json:"start_date"`
	EndDate      string `json:"end_date"`
	Precision    string `json:"precision"`
	StartText    string `json:"start_text"`
	EndText      string `json:"end_text"`
	City         string `json:"city"`
	Virtual      bool   `json:"virtual"`
	Status       string `json:"status"`
	SourceURL    string `json:"source_url"`
	Confidence   string `json:"confidence"`
	SourceFile   string `json:"source_file"`
	SourceLine   int32  `json:"source_line"`
}

// timeText formats t with its zone's name, so a golden file shows which zone a
// TZID resolved to.
func timeText(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return t.Format(time.RFC3339) + " " + t.Location().String()
}

func toGolden(events []Event, rejects []*ParseError, file string) golden {
	g := golden{Events: []goldenEvent{}, Rejects: []string{}}
	for _, e := range events {
		first, last := e.FirstDay.String(), e.LastDay.String()
		if e.Start.IsZero() {
			first, last = "", "" // no DTSTART: the days are meaningless
		}
		occurrence := ""
		if e.RecurrenceID != "" {
			occurrence = e.OccurrenceDay.String()
		}
		g.Events = append(g.Events, goldenEvent{
			Line: e.Line, UID: e.UID, Summary: e.Summary, Description: e.Description,
			Location: e.Location, URL: e.URL, Status: e.Status, Categories: e.Categories,
			AllDay: e.AllDay, Start: timeText(e.Start), End: timeText(e.End),
			StartText: e.StartText, EndText: e.EndText,
			FirstDay: first, LastDay: last, Props: e.Props,
			Recurrence: e.RecurrenceID, Occurrence: occurrence,
		})
	}
	for _, r := range rejects {
		g.Rejects = append(g.Rejects, r.Error())
	}
	meetings, mrejects := Meetings(events, file, goldenAsOf)
	g.Meetings = []goldenMeeting{}
	for _, m := range meetings {
		gm := goldenMeeting{
			MeetingID: m.MeetingID, InstrumentID: m.InstrumentID, Body: m.Body, Code: m.Code,
			Title: m.Title, StartDate: civil.Text(m.StartDate), EndDate: civil.Text(m.EndDate),
			Precision: m.StartPrecision + "/" + m.EndPrecision, StartText: m.StartText,
			EndText: m.EndText, Virtual: m.Virtual, Status: m.Status, SourceURL: m.SourceURL,
			Confidence: m.Confidence, SourceFile: m.SourceFile, SourceLine: m.SourceLine,
		}
		if m.City != nil {
			gm.City = *m.City
		}
		g.Meetings = append(g.Meetings, gm)
	}
	g.MeetingRejects = append([]rawtable.Reject{}, mrejects...)
	return g
}

// goldenCases lists the case directories under testdata, sorted.
func goldenCases(t testing.TB) []string {
	t.Helper()
	dirs, err := filepath.Glob(filepath.Join("testdata", "*", "input.ics"))
	if err != nil {
		t.Fatal(err)
	}
	for i, d := range dirs {
		dirs[i] = filepath.Dir(d)
	}
	sort.Strings(dirs)
	if len(dirs) == 0 {
		t.Fatal("no golden cases under testdata")
	}
	return dirs
}

// TestGolden decodes testdata/<case>/input.ics and compares the result with
// want.json, or the error with want_err.txt. Run with -update to rewrite them.
func TestGolden(t *testing.T) {
	for _, dir := range goldenCases(t) {
		t.Run(filepath.Base(dir), func(t *testing.T) {
			input, err := os.ReadFile(filepath.Join(dir, "input.ics"))
			if err != nil {
				t.Fatal(err)
			}
			wantJSON, wantErr := filepath.Join(dir, "want.json"), filepath.Join(dir, "want_err.txt")
			dec := NewDecoder(bytes.NewReader(input), "input.ics")
			events, err := dec.Decode()

			var path, got string
			if err != nil {
				var pe *ParseError
				if !errors.As(err, &pe) {
					t.Fatalf("Decode error %v is not a *ParseError", err)
				}
				path, got = wantErr, err.Error()+"\n"
			} else {
				b, merr := json.MarshalIndent(toGolden(events, dec.Rejects(), "input.ics"), "", "  ")
				if merr != nil {
					t.Fatal(merr)
				}
				path, got = wantJSON, string(b)+"\n"
			}
			if *update {
				os.Remove(wantJSON)
				os.Remove(wantErr)
				if err := os.WriteFile(path, []byte(got), 0o644); err != nil {
					t.Fatal(err)
				}
				return
			}
			want, rerr := os.ReadFile(path)
			if rerr != nil {
				t.Fatalf("Decode gave %s, but reading it: %v (run with -update?)\ngot:\n%s",
					filepath.Base(path), rerr, got)
			}
			if diff := cmp.Diff(strings.ReplaceAll(string(want), "\r\n", "\n"), got); diff != "" {
				t.Errorf("%s mismatch (-want +got):\n%s", path, diff)
			}
		})
	}
}
