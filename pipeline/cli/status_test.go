package cli

import (
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"synergy/pipeline/history"
	"synergy/pipeline/snapshot"
)

func statusJSON(t *testing.T, args ...string) (status, result) {
	t.Helper()
	r := run(t, "", append([]string{"status", "--format", "json"}, args...)...)
	var st status
	if err := json.Unmarshal([]byte(r.stdout), &st); err != nil {
		t.Fatalf("status --format json: %v\n%s%s", err, r.stdout, r.stderr)
	}
	return st, r
}

func TestStatusWithoutSnapshot(t *testing.T) {
	out := t.TempDir()
	r := run(t, "", "status", "--out", out)
	if r.code != ExitFailure || !strings.Contains(r.stdout, "no published snapshot under "+out) {
		t.Errorf("text: exit %d, %q", r.code, r.stdout)
	}
	st, r := statusJSON(t, "--out", out)
	if r.code != ExitFailure || st.Healthy || st.Snapshot != nil {
		t.Errorf("json: exit %d, %+v", r.code, st)
	}
	for _, args := range [][]string{{"--format", "xml"}, {"extra"}, {"--nope"}} {
		if r := run(t, "", append([]string{"status", "--out", out}, args...)...); r.code != ExitUsage {
			t.Errorf("status %v: exit %d, want %d", args, r.code, ExitUsage)
		}
	}
}

func TestStatusReportsSnapshotFailuresAndKilledRuns(t *testing.T) {
	out := publishOnce(t)
	m := readManifest(t, out)
	failed := 0
	for _, c := range m.Checks {
		if c.FailingRows > 0 {
			failed++
		}
	}

	r := run(t, "", "status", "--out", out)
	for _, want := range []string{
		"synergy status: healthy",
		"snapshot      " + m.Snapshot,
		fmt.Sprintf("inputs        %d files, %d rejected rows", len(m.Inputs), m.Rejects.Total),
		fmt.Sprintf("data tests    %d passed, %d failed", len(m.Checks)-failed, failed),
		"last failure  none since this snapshot",
	} {
		if !strings.Contains(r.stdout, want) {
			t.Errorf("status text lacks %q:\n%s", want, r.stdout)
		}
	}
	if r.code != ExitOK {
		t.Errorf("healthy snapshot: exit %d", r.code)
	}
	st, _ := statusJSON(t, "--out", out)
	s := st.Snapshot
	if !st.Healthy || s == nil || s.ID != m.Snapshot || s.Inputs != len(m.Inputs) || len(s.Tables) != len(m.Tables) ||
		s.TestsPassed+len(s.TestsFailed) != len(m.Checks) || s.CreatedAt.Format(time.RFC3339) != m.CreatedAt || s.Kept != 1 {
		t.Errorf("status json %+v disagrees with the manifest", st)
	}
	for i, tb := range m.Tables {
		if s != nil && (s.Tables[i].Name != tb.Name || s.Tables[i].Rows != tb.Rows) {
			t.Errorf("table %d: %+v, manifest %s %d rows", i, s.Tables[i], tb.Name, tb.Rows)
		}
	}

	// A failed run is recorded, and status shows it with its exit code.
	if r := run(t, "", "run", "-q", "--force", "--strict", "--datasets", datasets, "--out", out, "--as-of", asOf); r.code != ExitRejects {
		t.Fatalf("strict run: exit %d, %s", r.code, r.stderr)
	}
	st, r = statusJSON(t, "--out", out)
	f := st.LastFailure
	if r.code != ExitFailure || st.Healthy || f == nil || f.ExitKind != "rejects" || f.ExitCode != ExitRejects ||
		!strings.Contains(f.Error, "rejected") || f.Time.Before(f.Started) {
		t.Errorf("after a failed run: exit %d, %+v, failure %+v", r.code, st, f)
	}
	if r := run(t, "", "status", "--out", out); !strings.Contains(r.stdout, "last failure  ") || !strings.Contains(r.stdout, "rejects (exit 4)") {
		t.Errorf("text after a failed run:\n%s", r.stdout)
	}

	// A failure older than the snapshot (a later run succeeded) is not news.
	old := snapshot.Failure{Time: f.Time.Add(-24 * time.Hour), Error: "old", ExitKind: "failure"}
	data, _ := json.Marshal(old)
	os.WriteFile(filepath.Join(out, snapshot.LastFailureFile), data, 0o644)
	if st, r := statusJSON(t, "--out", out); r.code != ExitOK || st.LastFailure != nil {
		t.Errorf("failure older than the snapshot: exit %d, %+v", r.code, st.LastFailure)
	}

	// A run killed after the snapshot (it could not record a failure) is reported;
	// a live holder is a run in progress.
	dead := exec.Command("true")
	if err := dead.Run(); err != nil {
		t.Fatal(err)
	}
	host, _ := os.Hostname()
	writeLock := func(pid int) {
		rec := fmt.Sprintf(`{"pid":%d,"host":%q,"started":%q}`, pid, host, time.Now().UTC().Format(time.RFC3339Nano))
		os.WriteFile(filepath.Join(out, snapshot.LockFile), []byte(rec), 0o644)
	}
	writeLock(dead.Process.Pid)
	st, r = statusJSON(t, "--out", out)
	if r.code != ExitFailure || st.Killed == nil || st.Killed.PID != dead.Process.Pid {
		t.Errorf("killed run: exit %d, %+v", r.code, st)
	}
	writeLock(os.Getpid())
	st, r = statusJSON(t, "--out", out)
	if r.code != ExitOK || st.Running == nil || st.Killed != nil {
		t.Errorf("run in progress: exit %d, %+v", r.code, st)
	}
	os.WriteFile(filepath.Join(out, snapshot.LockFile), nil, 0o644)

	if r := run(t, "", "status", "--out", out, "--max-age", "1ns"); r.code != ExitFailure || !strings.Contains(r.stdout, "more than --max-age 1ns") {
		t.Errorf("--max-age: exit %d\n%s", r.code, r.stdout)
	}
}

func TestAge(t *testing.T) {
	cases := []struct {
		d    time.Duration
		want string
	}{
		{45 * time.Second, "45s"},
		{12*time.Minute + 30*time.Second, "12m"},
		{3*time.Hour + 5*time.Minute, "3h05m"},
		{47 * time.Hour, "47h00m"},
		{52 * time.Hour, "2d4h"},
	}
	for _, c := range cases {
		if got := age(c.d); got != c.want {
			t.Errorf("age(%s) = %q, want %q", c.d, got, c.want)
		}
	}
}

// TestPublishedSnapshotIsImmutable: a reading command cannot write into the
// published snapshot (COPY over a mart, several statements in one query), and
// a file changed by other means is found by verify and status, and the next
// run refuses to carry its history forward.
func TestPublishedSnapshotIsImmutable(t *testing.T) {
	out := publishOnce(t)
	cur, err := snapshot.Current(out)
	if err != nil {
		t.Fatal(err)
	}
	mart := filepath.Join(cur, "marts", "party_counts.parquet")
	before := string(must(os.ReadFile(mart)))
	for _, q := range []string{
		"COPY (select 1 as x) TO '" + mart + "' (FORMAT parquet)",
		"COPY (select 1 as x) TO '" + filepath.Join(cur, "marts", "new.parquet") + "' (FORMAT parquet)",
		"select 1; COPY (select 1 as x) TO '" + mart + "' (FORMAT parquet)",
		"select 1 as a; select 2 as b",
		"SET autoinstall_known_extensions = true",
		"INSTALL fts",
		"ATTACH '" + filepath.Join(cur, "x.db") + "'",
	} {
		if r := run(t, "", "query", "--out", out, q); r.code == ExitOK {
			t.Errorf("query %q: exit 0\n%s", q, r.stdout)
		}
	}
	// The prompt: settings that would let DuckDB reach the network are refused,
	// and so is writing a file anywhere.
	elsewhere := filepath.Join(t.TempDir(), "x.csv")
	r := run(t, "SET autoinstall_known_extensions = true;\nset custom_extension_repository = 'http://example.org';\n"+
		"copy (select 1 as x) to '"+elsewhere+"';\nCOPY (select 1 as x) TO '"+mart+"' (FORMAT parquet);\n", "sql", "--out", out)
	if n := strings.Count(r.stderr, "statements are not allowed"); n != 3 {
		t.Errorf("sql prompt: %d statements refused, want 3 (two SET, one COPY over the snapshot):\n%s", n, r.stderr)
	}
	if _, err := os.Stat(elsewhere); !os.IsNotExist(err) {
		t.Errorf("the sql prompt wrote %s: %v", elsewhere, err)
	}
	if string(must(os.ReadFile(mart))) != before {
		t.Fatal("a query overwrote a published mart")
	}
	if r := run(t, "", "verify", "--out", out); r.code != ExitOK {
		t.Fatalf("verify of an untouched snapshot: exit %d\n%s%s", r.code, r.stdout, r.stderr)
	}
	if r := run(t, "", "status", "--out", out); r.code != ExitOK {
		t.Fatalf("status of an untouched snapshot: exit %d\n%s", r.code, r.stdout)
	}

	// Damage by other means: a history file rewritten, a file added.
	hist := filepath.Join(cur, filepath.FromSlash(history.ObservationsPath))
	if err := os.WriteFile(hist, []byte("PAR1 not the published bytes"), 0o644); err != nil {
		t.Fatal(err)
	}
	r = run(t, "", "verify", "--out", out)
	if r.code != ExitFailure || !strings.Contains(r.stdout, history.ObservationsPath+": sha256") {
		t.Errorf("verify of a damaged snapshot: exit %d\n%s%s", r.code, r.stdout, r.stderr)
	}
	r = run(t, "", "status", "--out", out)
	if r.code != ExitFailure || !strings.Contains(r.stdout, "differs from its manifest") {
		t.Errorf("status of a damaged snapshot: exit %d\n%s", r.code, r.stdout)
	}
	r = run(t, "", "run", "-q", "--force", "--datasets", datasets, "--out", out, "--as-of", asOf)
	if r.code != ExitFailure || !strings.Contains(r.stderr, "history is not carried forward") {
		t.Errorf("run on a damaged snapshot: exit %d\n%s", r.code, r.stderr)
	}
	if now, _ := snapshot.Current(out); now != cur {
		t.Errorf("the run published %s on top of a damaged snapshot", now)
	}
}
