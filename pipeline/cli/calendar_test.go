package cli

import (
	"bytes"
	"encoding/json"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"synergy/pipeline/calendar"
	"synergy/pipeline/civil"
	"synergy/pipeline/ics"
	"synergy/pipeline/snapshot"
)

// runDirect runs one command's function, registered in commands() or not.
func runDirect(t *testing.T, cmd func(env, []string) int, stdin string, args ...string) result {
	t.Helper()
	var out, errb bytes.Buffer
	code := cmd(env{ctx: t.Context(), stdin: strings.NewReader(stdin), stdout: &out, stderr: &errb}, args)
	return result{code, out.String(), errb.String()}
}

// decodeCalendar decodes an .ics text, failing on any error or rejected event.
func decodeCalendar(t *testing.T, text string) []ics.Event {
	t.Helper()
	dec := ics.NewDecoder(strings.NewReader(text), "synergy.ics")
	events, err := dec.Decode()
	if err != nil {
		t.Fatalf("decode calendar: %v", err)
	}
	if len(dec.Rejects()) > 0 {
		t.Fatalf("decode calendar: rejects %v", dec.Rejects())
	}
	return events
}

func TestCalendarCmd(t *testing.T) {
	out := publishOnce(t)
	r := runDirect(t, calendarCmd, "", "--out", out)
	if r.code != ExitOK {
		t.Fatalf("synergy calendar: exit %d\n%s", r.code, r.stderr)
	}
	events := decodeCalendar(t, r.stdout)
	byUID := make(map[string]ics.Event, len(events))
	for _, e := range events {
		if _, dup := byUID[e.UID]; dup {
			t.Errorf("UID %s twice", e.UID)
		}
		byUID[e.UID] = e
	}

	t.Run("one event per meeting dated to the day", func(t *testing.T) {
		want := queryInt(t, out, `select count(*) from meetings_enriched
			where start_precision = 'day' and end_precision = 'day'`)
		if len(events) != want || want < 100 {
			t.Errorf("%d events, want %d (meetings with both dates known to the day)", len(events), want)
		}
	})

	t.Run("APMBC_10MSP", func(t *testing.T) {
		// Geneva, 29 November – 3 December 2010 (datasets/meetings): DTEND is exclusive.
		e, ok := byUID["APMBC_10MSP@synergy"]
		if !ok {
			t.Fatal("no event APMBC_10MSP@synergy")
		}
		if !e.AllDay || e.StartText != "20101129" || e.EndText != "20101204" {
			t.Errorf("all-day %v DTSTART %s DTEND %s, want all-day 20101129 / 20101204", e.AllDay, e.StartText, e.EndText)
		}
		if e.FirstDay != civil.Date(2010, time.November, 29) || e.LastDay != civil.Date(2010, time.December, 3) {
			t.Errorf("days %v..%v", e.FirstDay, e.LastDay)
		}
		if e.Status != "CONFIRMED" || !strings.HasPrefix(e.Location, "Geneva") {
			t.Errorf("status %q location %q, want CONFIRMED in Geneva", e.Status, e.Location)
		}
		cats := strings.Join(e.Categories, ",")
		for _, want := range []string{"APMBC", "MSP", "clearance", "victim_assistance"} {
			if !strings.Contains(","+cats+",", ","+want+",") {
				t.Errorf("CATEGORIES %s lack %s", cats, want)
			}
		}
		if e.Props["X-SYNERGY-MEETING-ID"] != "APMBC_10MSP" {
			t.Errorf("X-SYNERGY-MEETING-ID %q", e.Props["X-SYNERGY-MEETING-ID"])
		}
	})

	t.Run("back_to_back pair in both descriptions", func(t *testing.T) {
		// CCW Amended Protocol II's tenth conference (12 November 2008) and the CCW
		// Meeting of the High Contracting Parties (13-14 November 2008), Geneva.
		a, b := "CCW_APII-10", "CCW_MHCP-2008"
		if rel := query(t, out, "select relation from meeting_pairs where meeting_id_a = '"+a+"' and meeting_id_b = '"+b+"'"); len(rel) != 1 || rel[0]["relation"] != "back_to_back" {
			t.Fatalf("meeting_pairs %s/%s: %v, want back_to_back", a, b, rel)
		}
		for _, pair := range [][2]string{{a, b}, {b, a}} {
			desc := byUID[pair[0]+"@synergy"].Description
			if !strings.Contains(desc, "- back_to_back with "+pair[1]+" (") {
				t.Errorf("%s description does not name %s as back_to_back:\n%s", pair[0], pair[1], desc)
			}
		}
		if d := byUID[b+"@synergy"].Description; !strings.Contains(d, "2008-11-12 to 2008-11-12, Geneva; 0 working days between") {
			t.Errorf("%s description lacks %s's dates:\n%s", b, a, d)
		}
	})

	t.Run("stamp is the snapshot's creation time", func(t *testing.T) {
		man := manifestOf(t, out)
		created, err := time.Parse(time.RFC3339, man.CreatedAt)
		if err != nil {
			t.Fatal(err)
		}
		for _, e := range events {
			if e.Props["DTSTAMP"] != created.UTC().Format("20060102T150405Z") {
				t.Fatalf("%s DTSTAMP %s, manifest created_at %s", e.UID, e.Props["DTSTAMP"], man.CreatedAt)
			}
		}
	})

	t.Run("meetings left out are listed with the reason", func(t *testing.T) {
		rows := query(t, out, `select meeting_id from meetings_enriched
			where not (start_precision = 'day' and end_precision = 'day') order by 1`)
		if len(rows) == 0 {
			t.Fatal("no meeting with dates not known to the day: the test checks nothing")
		}
		if !strings.Contains(r.stderr, "meetings left out, their dates not known to the day") {
			t.Errorf("stderr:\n%s", r.stderr)
		}
		for _, row := range rows {
			id := row["meeting_id"].(string)
			if !strings.Contains(r.stderr, "  "+id+" ") {
				t.Errorf("%s not listed on stderr", id)
			}
		}
		// CCW_APII-23 (2021) is dated to the year only.
		if !strings.Contains(r.stderr, "CCW_APII-23          start known only to the year") {
			t.Errorf("stderr lacks CCW_APII-23's reason:\n%s", r.stderr)
		}
	})

	t.Run("same snapshot, same bytes; --file writes the same", func(t *testing.T) {
		again := runDirect(t, calendarCmd, "", "--out", out)
		if again.stdout != r.stdout {
			t.Error("two calendars of the same snapshot differ")
		}
		path := filepath.Join(t.TempDir(), "synergy.ics")
		f := runDirect(t, calendarCmd, "", "--out", out, "--file", path)
		if f.code != ExitOK || f.stdout != "" {
			t.Fatalf("--file: exit %d, stdout %q\n%s", f.code, f.stdout, f.stderr)
		}
		got, err := os.ReadFile(path)
		if err != nil {
			t.Fatal(err)
		}
		if string(got) != r.stdout {
			t.Error("--file content differs from standard output's")
		}
	})

	t.Run("--from --to", func(t *testing.T) {
		y := runDirect(t, calendarCmd, "", "--out", out, "--from", "2008", "--to", "2010")
		if y.code != ExitOK {
			t.Fatalf("exit %d\n%s", y.code, y.stderr)
		}
		got := decodeCalendar(t, y.stdout)
		want := queryInt(t, out, `select count(*) from meetings_enriched
			where start_precision = 'day' and end_precision = 'day' and year(start_date) between 2008 and 2010`)
		if len(got) != want || want == 0 {
			t.Errorf("%d events, want %d", len(got), want)
		}
		for _, e := range got {
			if y := e.FirstDay.Year(); y < 2008 || y > 2010 {
				t.Errorf("%s starts in %d", e.UID, y)
			}
		}
		if strings.Contains(y.stderr, "CCW_APII-23 ") || !strings.Contains(y.stderr, "APMBC_IM-2010 ") {
			t.Errorf("left-out list not limited to 2008-2010 (APMBC_IM-2010 is June 2010, CCW_APII-23 2021):\n%s", y.stderr)
		}
	})

	t.Run("themes come from the published theme vectors", func(t *testing.T) {
		e := env{ctx: t.Context(), stdout: io.Discard, stderr: io.Discard}
		snap, err := openSnapshot(e, out)
		if err != nil {
			t.Fatal(err)
		}
		defer snap.Close()
		var want []string
		for _, r := range query(t, out, `select theme from meeting_theme_vectors
			where meeting_id = 'APMBC_10MSP' and in_vector order by theme`) {
			want = append(want, r["theme"].(string))
		}
		if len(want) == 0 || !slices.Contains(want, "clearance") || !slices.Contains(want, "victim_assistance") {
			t.Fatalf("10MSP theme vector %v: want clearance and victim assistance at least", want)
		}
		cs, err := calendarSnapshot(snap)
		if err != nil {
			t.Fatal(err)
		}
		cal, err := calendar.Build(t.Context(), cs, calendar.Options{From: 2010, To: 2010})
		if err != nil {
			t.Fatal(err)
		}
		for _, ev := range cal.ICS.Events {
			if ev.UID != "APMBC_10MSP@synergy" {
				continue
			}
			if got, w := strings.Join(ev.Categories, ","), "APMBC,MSP,"+strings.Join(want, ","); got != w {
				t.Errorf("CATEGORIES %s, want %s", got, w)
			}
			if !strings.Contains(ev.Description, "Themes (from meeting_theme_vectors): "+strings.Join(want, ", ")) {
				t.Errorf("description does not name the themes' source:\n%s", ev.Description)
			}
			return
		}
		t.Error("no APMBC_10MSP event")
	})

	t.Run("refuses to write into a snapshot", func(t *testing.T) {
		w := runDirect(t, calendarCmd, "", "--out", out, "--file", filepath.Join(out, "current", "synergy.ics"))
		if w.code != ExitUsage || !strings.Contains(w.stderr, "never modified") {
			t.Errorf("exit %d, stderr %s", w.code, w.stderr)
		}
	})
}

func TestCalendarCmdErrors(t *testing.T) {
	tests := []struct {
		name string
		args []string
		code int
		want string
	}{
		{"years reversed", []string{"--from", "2012", "--to", "2010"}, ExitUsage, "not a range of years"},
		{"argument", []string{"x"}, ExitUsage, "unexpected arguments"},
		{"no snapshot", []string{"--out", "testdata-none"}, ExitFailure, "run 'synergy run' first"},
		{"help", []string{"-h"}, ExitOK, "Usage: synergy calendar"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			r := runDirect(t, calendarCmd, "", append([]string{"--out", t.TempDir()}, tc.args...)...)
			if r.code != tc.code || !strings.Contains(r.stderr, tc.want) {
				t.Errorf("exit %d, want %d; stderr:\n%s", r.code, tc.code, r.stderr)
			}
		})
	}
}

func manifestOf(t *testing.T, out string) snapshot.Manifest {
	t.Helper()
	data, err := os.ReadFile(filepath.Join(out, "current", "manifest.json"))
	if err != nil {
		t.Fatal(err)
	}
	var man snapshot.Manifest
	if err := json.Unmarshal(data, &man); err != nil {
		t.Fatal(err)
	}
	return man
}
