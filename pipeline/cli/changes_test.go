package cli

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestChangesListsAMovedMeeting publishes the shipped data, moves the CCW's
// Seventh Review Conference by a week in a copy of the meetings file, publishes
// again, and reads the digest back from run, status and changes --since.
func TestChangesListsAMovedMeeting(t *testing.T) {
	if testing.Short() {
		t.Skip("runs the pipeline twice")
	}
	data, out := copyDatasets(t), t.TempDir()
	publish := func() result {
		r := run(t, "", "run", "-q", "--datasets", data, "--out", out, "--as-of", "2026-11-01", "--plan-backtest=false")
		if r.code != ExitOK {
			t.Fatalf("synergy run: exit %d\n%s", r.code, r.stderr)
		}
		return r
	}
	if r := publish(); !strings.Contains(r.stdout, "First snapshot") {
		t.Errorf("first run does not print its digest:\n%s", r.stdout)
	}
	file := filepath.Join(data, "meetings", "meetings.csv")
	b, err := os.ReadFile(file)
	if err != nil {
		t.Fatal(err)
	}
	moved := strings.Replace(string(b), "(planned),2026-11-16,2026-11-20,", "(planned),2026-11-23,2026-11-27,", 1)
	if moved == string(b) {
		t.Fatal("the 7RC row is not in meetings.csv")
	}
	if err := os.WriteFile(file, []byte(moved), 0o644); err != nil {
		t.Fatal(err)
	}
	want := "meeting_moved: CCW_7RC"
	if r := publish(); !strings.Contains(r.stdout, want) {
		t.Errorf("second run's output lacks %q:\n%s", want, r.stdout)
	}
	r := run(t, "", "status", "--out", out)
	if !strings.Contains(r.stdout, "changes       1 since") || !strings.Contains(r.stdout, want) {
		t.Errorf("status does not show the latest digest:\n%s", r.stdout)
	}
	r = run(t, "", "changes", "--out", out, "--since", "2026-11-01")
	if r.code != ExitOK || strings.Count(r.stdout, "# Changes in snapshot") != 2 {
		t.Fatalf("changes --since: exit %d, want both digests:\n%s%s", r.code, r.stdout, r.stderr)
	}
	line := ""
	for _, l := range strings.Split(r.stdout, "\n") {
		if strings.Contains(l, want) {
			line = l
		}
	}
	if !strings.Contains(line, "moved to 2026-11-23 to 2026-11-27") || !strings.Contains(line, "(was 2026-11-16 to 2026-11-20") ||
		!strings.Contains(line, "source: https://") {
		t.Errorf("the moved meeting's line does not say where from, where to and its source: %q", line)
	}
}
