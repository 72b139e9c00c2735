package cli

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestCheckStatesFromManifest: check finds the state tables where the sources
// manifest in --datasets puts them, not by a fixed name.
func TestCheckStatesFromManifest(t *testing.T) {
	dir := t.TempDir()
	copyFile(t, filepath.Join(datasets, "states.csv"), filepath.Join(dir, "tables", "iso.csv"))
	copyFile(t, filepath.Join(datasets, "state_names.csv"), filepath.Join(dir, "tables", "spellings.csv"))
	manifest := `{"sources": [
{"name": "s", "path": "tables/iso.csv", "format": "states", "feeds": ["states"]},
{"name": "n", "path": "tables/spellings.csv", "format": "state_names", "feeds": ["state_names"]}]}`
	if err := os.WriteFile(filepath.Join(dir, "sources.json"), []byte(manifest), 0o644); err != nil {
		t.Fatal(err)
	}
	r := run(t, "", "check", "--datasets", dir, filepath.Join(datasets, "membership", "crpd.csv"))
	if r.code != ExitOK || !strings.Contains(r.stderr, "(membership): 195 records, 1 rejects") {
		t.Errorf("exit %d, stderr %q", r.code, r.stderr)
	}
	if r := run(t, "", "check", "--datasets", t.TempDir(), filepath.Join(datasets, "membership", "crpd.csv")); r.code != ExitFailure || !strings.Contains(r.stderr, "sources.json") {
		t.Errorf("no manifest: exit %d, stderr %q", r.code, r.stderr)
	}
}

// TestCheckAsOf: --as-of decides whether a calendar's meeting is held or planned.
func TestCheckAsOf(t *testing.T) {
	feed := filepath.Join(t.TempDir(), "feed.ics")
	const ics = "BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\nUID:22msp@example.org\r\nX-SYNERGY-CODE:22MSP\r\n" +
		"CATEGORIES:APMBC,MSP\r\nSUMMARY:Twenty-second Meeting\r\nDTSTART;VALUE=DATE:20241125\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n"
	if err := os.WriteFile(feed, []byte(ics), 0o644); err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct{ asOf, want string }{
		{"2024-11-01", `"Status":"planned"`},
		{"2025-01-01", `"Status":"held"`},
	} {
		r := run(t, "", "check", "--as-of", tc.asOf, feed)
		if r.code != ExitOK || !strings.Contains(r.stdout, tc.want) {
			t.Errorf("--as-of %s: exit %d, stdout %q; want %s", tc.asOf, r.code, r.stdout, tc.want)
		}
	}
	if r := run(t, "", "check", "--as-of", "2024-02-30", feed); r.code != ExitUsage {
		t.Errorf("bad --as-of: exit %d, want usage", r.code)
	}
}

func copyFile(t *testing.T, from, to string) {
	t.Helper()
	b, err := os.ReadFile(from)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.MkdirAll(filepath.Dir(to), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(to, b, 0o644); err != nil {
		t.Fatal(err)
	}
}
