package cli

import (
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// icalParser is Debian's python3-icalendar, an iCalendar parser independent of
// package ics (make test-deps installs it).
const icalParser = "/usr/bin/python3"

// parseFeed reads an .ics file with python3-icalendar: one map per VEVENT.
func parseFeed(t *testing.T, file string) map[string]map[string]string {
	t.Helper()
	if err := exec.Command(icalParser, "-c", "import icalendar").Run(); err != nil {
		t.Skip("python3-icalendar is not installed (make test-deps)")
	}
	script := `import sys, json, icalendar
cal = icalendar.Calendar.from_ical(open(sys.argv[1], 'rb').read())
out = {}
for e in cal.walk('VEVENT'):
    out[str(e['UID'])] = {k: (e[k].to_ical().decode() if hasattr(e[k], 'to_ical') else str(e[k]))
        for k in ('DTSTAMP', 'DTSTART', 'DTEND', 'SUMMARY', 'DESCRIPTION', 'STATUS', 'TRANSP', 'URL') if k in e}
json.dump(out, sys.stdout)`
	b, err := exec.Command(icalParser, "-c", script, file).Output()
	if err != nil {
		t.Fatalf("python3-icalendar refuses %s: %v", file, err)
	}
	var events map[string]map[string]string
	if err := json.Unmarshal(b, &events); err != nil {
		t.Fatal(err)
	}
	return events
}

// TestFeedIsStableAndSubscribable publishes the shipped data on two nights with
// unchanged inputs, then a night that moves one meeting, and reads each night's
// subscription feed with python3-icalendar: DTSTAMP and description change only
// for the meeting whose facts changed; projected meetings are TENTATIVE and say
// what they are projected from; SUMMARY is short; every event has TRANSP and a URL
// on the site.
func TestFeedIsStableAndSubscribable(t *testing.T) {
	if testing.Short() {
		t.Skip("runs the pipeline three times")
	}
	data, out := copyDatasets(t), t.TempDir()
	const site = "https://synergy.example.org/treaties"
	night := func(asOf string) map[string]map[string]string {
		t.Helper()
		if r := run(t, "", "run", "-q", "--datasets", data, "--out", out, "--as-of", asOf, "--plan-backtest=false"); r.code != ExitOK {
			t.Fatalf("synergy run: exit %d\n%s", r.code, r.stderr)
		}
		file := filepath.Join(t.TempDir(), "calendar.ics")
		if r := run(t, "", "calendar", "--feed", "--out", out, "--site-url", site, "--file", file); r.code != ExitOK {
			t.Fatalf("synergy calendar --feed: exit %d\n%s", r.code, r.stderr)
		}
		return parseFeed(t, file)
	}
	first := night("2026-03-01")
	second := night("2026-03-02")
	projected := 0
	for uid, e := range second {
		if e["TRANSP"] == "" || !strings.HasPrefix(e["URL"], site+"/meetings.html#") || len(e["SUMMARY"]) > 48 {
			t.Errorf("%s: TRANSP %q, URL %q, SUMMARY %q", uid, e["TRANSP"], e["URL"], e["SUMMARY"])
		}
		if strings.Contains(uid, "projected") {
			projected++
			if e["STATUS"] != "TENTATIVE" || !strings.Contains(e["DESCRIPTION"], "projected from the body's recurring pattern") {
				t.Errorf("%s: projected, STATUS %q, description %q", uid, e["STATUS"], e["DESCRIPTION"])
			}
		}
		if e["DTSTART"] > "20270902" || e["DTEND"] < "20260302" {
			t.Errorf("%s: %s to %s is outside the 18 months from 2026-03-02", uid, e["DTSTART"], e["DTEND"])
		}
		if was, ok := first[uid]; ok && (was["DTSTAMP"] != e["DTSTAMP"] || was["DESCRIPTION"] != e["DESCRIPTION"]) {
			t.Errorf("%s: unchanged inputs, but DTSTAMP %s → %s or its description changed", uid, was["DTSTAMP"], e["DTSTAMP"])
		}
	}
	if projected == 0 || second["CCW_7RC@synergy"] == nil {
		t.Fatalf("the feed lacks the projected meetings (%d) or the CCW's 7RC: %v", projected, second)
	}

	file := filepath.Join(data, "meetings", "meetings.csv")
	b, err := os.ReadFile(file)
	if err != nil {
		t.Fatal(err)
	}
	moved := strings.Replace(string(b), "(planned),2026-11-16,2026-11-20,", "(planned),2026-11-23,2026-11-27,", 1)
	if err := os.WriteFile(file, []byte(moved), 0o644); err != nil {
		t.Fatal(err)
	}
	third := night("2026-03-03")
	for uid, e := range third {
		was, ok := second[uid]
		switch {
		case uid == "CCW_7RC@synergy":
			if !strings.HasPrefix(e["DTSTAMP"], "20260303") || e["DTSTART"] != "20261123" {
				t.Errorf("moved 7RC: DTSTAMP %s, DTSTART %s; want the night it moved and its new start", e["DTSTAMP"], e["DTSTART"])
			}
		case ok && !strings.Contains(uid, "CCW") && was["DTSTAMP"] != e["DTSTAMP"]:
			t.Errorf("%s: DTSTAMP %s → %s, though only the 7RC moved", uid, was["DTSTAMP"], e["DTSTAMP"])
		}
	}
}
