package cli

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"io"
	"io/fs"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"

	"synergy/pipeline/lock"
	"synergy/pipeline/snapshot"
)

// buildSynergy builds cmd/synergy into a temporary folder and returns its path.
func buildSynergy(t *testing.T) string {
	t.Helper()
	bin := filepath.Join(t.TempDir(), "synergy")
	cmd := exec.Command("go", "build", "-tags", "synergy_crashhook", "-o", bin, "../../cmd/synergy")
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}
	return bin
}

// binRun is how a process of the real binary ended.
type binRun struct {
	code           int
	killed         bool // ended by SIGKILL
	pid            int
	took           time.Duration
	stdout, stderr string
}

// startBinary starts bin with args and extra environment; wait collects it. With
// killAfter > 0 the process gets SIGKILL that long after it started.
func startBinary(t *testing.T, bin string, env []string, killAfter time.Duration, args ...string) (wait func() binRun) {
	t.Helper()
	return signalBinary(t, bin, env, syscall.SIGKILL, killAfter, args...)
}

// signalBinary is startBinary sending sig instead of SIGKILL after the delay.
func signalBinary(t *testing.T, bin string, env []string, sig syscall.Signal, after time.Duration, args ...string) (wait func() binRun) {
	t.Helper()
	var out, errb bytes.Buffer
	cmd := exec.Command(bin, args...)
	cmd.Env = append(os.Environ(), env...)
	cmd.Stdout, cmd.Stderr = &out, &errb
	start := time.Now()
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	var timer *time.Timer
	if after > 0 {
		timer = time.AfterFunc(after, func() { cmd.Process.Signal(sig) })
	}
	done := make(chan struct{})
	var r binRun
	go func() {
		defer close(done)
		cmd.Wait()
		r = binRun{code: cmd.ProcessState.ExitCode(), pid: cmd.Process.Pid, took: time.Since(start),
			stdout: out.String(), stderr: errb.String()}
		if ws, ok := cmd.ProcessState.Sys().(syscall.WaitStatus); ok && ws.Signaled() && ws.Signal() == syscall.SIGKILL {
			r.killed = true
		}
	}()
	return func() binRun {
		<-done
		if timer != nil {
			timer.Stop()
		}
		return r
	}
}

func runBinary(t *testing.T, bin string, env []string, killAfter time.Duration, args ...string) binRun {
	t.Helper()
	return startBinary(t, bin, env, killAfter, args...)()
}

// verifySnapshot checks that dir is one complete snapshot: its manifest names it,
// every table the manifest lists is there with the manifest's sha256, and the
// folder holds nothing else but manifest.json and views.sql.
func verifySnapshot(dir string) (*snapshot.Manifest, error) {
	data, err := os.ReadFile(filepath.Join(dir, "manifest.json"))
	if err != nil {
		return nil, err
	}
	var m snapshot.Manifest
	if err := json.Unmarshal(data, &m); err != nil {
		return nil, fmt.Errorf("manifest.json: %w", err)
	}
	if m.Snapshot != filepath.Base(dir) {
		return nil, fmt.Errorf("manifest.json names snapshot %s, the folder is %s", m.Snapshot, filepath.Base(dir))
	}
	if len(m.Tables) == 0 {
		return nil, fmt.Errorf("manifest.json lists no tables")
	}
	// The changes digest is written in the staging folder with the tables, before the
	// manifest, which does not list files that are not tables.
	expected := map[string]bool{"manifest.json": true, "views.sql": true,
		snapshot.ChangesJSONFile: true, snapshot.ChangesMarkdownFile: true}
	for _, tb := range m.Tables {
		expected[tb.Path] = true
		sum, err := sha256File(filepath.Join(dir, filepath.FromSlash(tb.Path)))
		if err != nil {
			return nil, err
		}
		if sum != tb.SHA256 {
			return nil, fmt.Errorf("%s: sha256 %s, manifest says %s", tb.Path, sum, tb.SHA256)
		}
	}
	found := 0
	err = filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		rel, _ := filepath.Rel(dir, p)
		if !expected[filepath.ToSlash(rel)] {
			return fmt.Errorf("%s is not in the manifest", rel)
		}
		found++
		return nil
	})
	if err != nil {
		return nil, err
	}
	if found != len(expected) {
		return nil, fmt.Errorf("%d files, want %d", found, len(expected))
	}
	return &m, nil
}

func sha256File(path string) (string, error) {
	f, err := os.Open(path)
	if err != nil {
		return "", err
	}
	defer f.Close()
	h := sha256.New()
	if _, err := io.Copy(h, f); err != nil {
		return "", err
	}
	return hex.EncodeToString(h.Sum(nil)), nil
}

// verifyOutput checks every snapshot under out and returns the current one's
// manifest and the ids of all snapshots.
func verifyOutput(t *testing.T, out string) (*snapshot.Manifest, map[string]bool) {
	t.Helper()
	cur, err := snapshot.Current(out)
	if err != nil {
		t.Fatalf("current: %v", err)
	}
	m, err := verifySnapshot(cur)
	if err != nil {
		t.Fatalf("current snapshot %s is not complete: %v", filepath.Base(cur), err)
	}
	ids := map[string]bool{}
	entries, err := os.ReadDir(filepath.Join(out, "snapshots"))
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range entries {
		ids[e.Name()] = true
		if _, err := verifySnapshot(filepath.Join(out, "snapshots", e.Name())); err != nil {
			t.Errorf("snapshots/%s is not complete: %v", e.Name(), err)
		}
	}
	return m, ids
}

func tableSHA(m *snapshot.Manifest, name string) string {
	for _, tb := range m.Tables {
		if tb.Name == name {
			return tb.SHA256
		}
	}
	return ""
}

// variantDatasets is a copy of the shipped datasets in which one meeting's title
// differs, so its snapshots differ from the shipped data's in bytes (raw meetings,
// meetings_enriched): a snapshot mixing the two would show.
func variantDatasets(t *testing.T) string {
	t.Helper()
	dir := copyDatasets(t)
	path := filepath.Join(dir, "meetings", "meetings_added.csv")
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	const from = ",Eighteenth Conference of the High Contracting Parties to Protocol V"
	if !bytes.Contains(data, []byte(from)) {
		t.Fatalf("%s no longer has the row the variant edits", path)
	}
	data = bytes.Replace(data, []byte(from), []byte(",Eighteenth Conference (crash-test variant) of the High Contracting Parties to Protocol V"), 1)
	if err := os.WriteFile(path, data, 0o644); err != nil {
		t.Fatal(err)
	}
	return dir
}

// crashPoint is where a run is killed: by the crash hook (SYNERGY_TEST_CRASH_AT,
// see crashhook_on.go), or by a SIGKILL the test sends after a delay.
type crashPoint struct {
	hook  string
	after time.Duration
}

func (p crashPoint) String() string {
	if p.hook != "" {
		return p.hook
	}
	return "kill after " + p.after.Round(time.Millisecond).String()
}

// crashPoints are 21 points spread over a run whose full length is full and whose
// build step takes build (the shortest seen so far: the fractions stay below 1 so
// that a run that is faster than that still gets killed): each step boundary,
// within ingest, at fractions of the build, inside the publish step and pruning,
// and three SIGKILLs from outside.
func crashPoints(full, build time.Duration) []crashPoint {
	ps := []crashPoint{{hook: "locked"}, {hook: "ingest"}, {hook: "ingest+50ms"}, {hook: "ingest+150ms"},
		{after: full / 50}, {hook: "write-raw"}, {hook: "build"}}
	for _, f := range []float64{0.05, 0.15, 0.3, 0.45, 0.6, 0.8} {
		ps = append(ps, crashPoint{hook: fmt.Sprintf("build+%dms", int(f*float64(build.Milliseconds())))})
	}
	return append(ps, crashPoint{after: full / 3}, crashPoint{after: full / 2},
		crashPoint{hook: "export"}, crashPoint{hook: "manifest"}, crashPoint{hook: "commit"},
		crashPoint{hook: "commit+2ms"}, crashPoint{hook: "prune"}, crashPoint{hook: "done"})
}

// TestKilledRunsNeverCorruptCurrent SIGKILLs runs of the real binary at 21 points
// spread over ingest, build and publish (crashPoints). After each kill "current"
// must be a complete snapshot, the old one or the new one, never a mix, and the
// next normal run must succeed, taking the dead run's lock over. The points are
// shared between two chains, each on its own output root, that run side by side to
// halve the wall time; at the end two processes start together on one root.
func TestKilledRunsNeverCorruptCurrent(t *testing.T) {
	if testing.Short() {
		t.Skip("builds the binary and runs the pipeline about 45 times (2 to 4 minutes)")
	}
	begin := time.Now()
	bin := buildSynergy(t)
	t.Logf("go build: %s", time.Since(begin).Round(time.Millisecond))
	abs, err := filepath.Abs(datasets)
	if err != nil {
		t.Fatal(err)
	}
	variants := [2]string{abs, variantDatasets(t)}
	env := []string{"TMPDIR=" + t.TempDir()} // DuckDB temp folders of killed runs land here

	const chains = 2
	var kills [chains]int
	var outs [chains]string
	var sha [chains]map[int]string
	for c := range outs {
		outs[c] = t.TempDir() // the parent's: the last check below uses one
	}
	t.Run("chains", func(t *testing.T) {
		for c := range chains {
			t.Run(fmt.Sprintf("chain%d", c), func(t *testing.T) {
				t.Parallel()
				kills[c], sha[c] = crashChain(t, bin, env, variants, outs[c], c, chains)
			})
		}
	})
	if kills[0]+kills[1] < 20 {
		t.Errorf("%d runs were killed, want at least 20", kills[0]+kills[1])
	}
	if sha[0][0] == sha[0][1] {
		t.Error("the two dataset variants gave identical meetings: the mix check saw nothing")
	}
	if t.Failed() {
		return
	}

	// Two processes started together on one root: one publishes, one is locked out.
	out := outs[0]
	args := []string{"run", "-q", "--datasets", variants[0], "--out", out, "--as-of", asOf}
	_, known := verifyOutput(t, out)
	waitA := startBinary(t, bin, env, 0, args...)
	waitB := startBinary(t, bin, env, 0, args...)
	a, b := waitA(), waitB()
	if a.code == ExitLocked {
		a, b = b, a
	}
	if a.code != ExitOK || b.code != ExitLocked || !strings.Contains(b.stderr, fmt.Sprintf("another synergy run (pid %d, started ", a.pid)) {
		t.Errorf("two processes together: exits %d and %d, want 0 and %d naming the holder\n%s", a.code, b.code, ExitLocked, b.stderr)
	}
	cur, ids := verifyOutput(t, out)
	newIDs := 0
	for id := range ids {
		if !known[id] {
			newIDs++
		}
	}
	if known[cur.Snapshot] || newIDs != 1 {
		t.Errorf("two processes together: %d new snapshots, current %s; want exactly one, current", newIDs, cur.Snapshot)
	}
	// Every killed run left its DuckDB folder; the runs after them removed them all.
	tmp := strings.TrimPrefix(env[0], "TMPDIR=")
	if left, _ := filepath.Glob(filepath.Join(tmp, "synergy-duckdb-*")); len(left) > 0 {
		t.Errorf("DuckDB folders of killed runs left under TMPDIR: %v", left)
	}
	t.Logf("total %s", time.Since(begin).Round(time.Second))
}

// crashChain publishes a first snapshot under out, then for every chains-th crash
// point from the chain-th: kills a run there, checks current, and runs the next
// normal run. It returns the number of runs killed and each dataset variant's
// sha256 of the raw meetings table.
func crashChain(t *testing.T, bin string, env []string, variants [2]string, out string, chain, chains int) (int, map[int]string) {
	const keep = 2 // every normal run prunes, so kills also land in Prune
	args := func(v int) []string {
		return []string{"run", "-q", "--log-format", "json", "--datasets", variants[v], "--out", out,
			"--as-of", asOf, "--keep", strconv.Itoa(keep)}
	}
	first := runBinary(t, bin, env, 0, args(0)...)
	if first.code != ExitOK {
		t.Fatalf("first run: exit %d\n%s", first.code, first.stderr)
	}
	cur, _ := verifyOutput(t, out)
	full, build := first.took, time.Duration(cur.TimingsMS["build"])*time.Millisecond
	t.Logf("a full run takes %s (build %s)", full.Round(time.Millisecond), build)
	meetingsSHA := map[int]string{0: tableSHA(cur, "meetings")}
	curVariant := 0

	kills := 0
	for i := range len(crashPoints(full, build)) {
		if i%chains != chain {
			continue
		}
		p := crashPoints(full, build)[i] // scaled to the fastest run so far
		var hookEnv []string
		if p.hook != "" {
			hookEnv = []string{"SYNERGY_TEST_CRASH_AT=" + p.hook}
		}
		v := 1 - curVariant // the killed run would publish data that differs from current
		before, known := verifyOutput(t, out)

		r := runBinary(t, bin, append(env, hookEnv...), p.after, args(v)...)
		if r.killed {
			kills++
		} else if r.code != ExitOK { // finished before the kill: the machine got faster
			t.Errorf("%02d %s: the run was not killed and failed: exit %d\n%s", i, p, r.code, r.stderr)
		}

		// current is complete, and it is the old snapshot or a new one.
		after, _ := verifyOutput(t, out)
		state := "old"
		switch {
		case after.Snapshot == before.Snapshot:
		case known[after.Snapshot]:
			t.Errorf("%02d %s: current went back to the older snapshot %s", i, p, after.Snapshot)
		default:
			state = "new"
			if want, ok := meetingsSHA[v]; ok && tableSHA(after, "meetings") != want {
				t.Errorf("%02d %s: the new snapshot's meetings are not the killed run's data", i, p)
			}
		}

		// The next normal run succeeds and says it took the dead run's lock over.
		holder, _ := lock.ReadInfo(filepath.Join(out, snapshot.LockFile))
		next := runBinary(t, bin, env, 0, args(v)...)
		if next.code != ExitOK {
			t.Fatalf("%02d %s: the next run failed: exit %d\n%s", i, p, next.code, next.stderr)
		}
		if holder != nil && !strings.Contains(next.stderr, fmt.Sprintf("stale lock from pid %d (not running) taken over", holder.PID)) {
			t.Errorf("%02d %s: the next run did not report taking over pid %d's lock:\n%s", i, p, holder.PID, next.stderr)
		}
		cur, ids := verifyOutput(t, out)
		full = min(full, next.took)
		build = min(build, time.Duration(cur.TimingsMS["build"])*time.Millisecond)
		if want, ok := meetingsSHA[v]; ok && tableSHA(cur, "meetings") != want {
			t.Errorf("%02d %s: the next run published other meetings than the same inputs did before", i, p)
		}
		meetingsSHA[v] = tableSHA(cur, "meetings")
		curVariant = v
		if len(ids) > keep+2 { // the newest keep, and the first of the month (two months near midnight)
			t.Errorf("%02d %s: %d snapshots after pruning to %d", i, p, len(ids), keep)
		}
		entries, _ := os.ReadDir(out)
		for _, e := range entries {
			if strings.HasPrefix(e.Name(), ".staging-") {
				t.Errorf("%02d %s: %s left after the next run", i, p, e.Name())
			}
		}
		t.Logf("%02d %-16s killed=%v after %5dms, current %s; next run %5dms", i, p, r.killed,
			r.took.Milliseconds(), state, next.took.Milliseconds())
	}
	return kills, meetingsSHA
}

// TestTerminatedRunsExitInterrupted sends SIGTERM to runs of the real binary at
// random moments over a run's length: each must end with exit 1 (interrupted,
// never 3 for data tests whose queries were cancelled), leave current as it was
// and leave neither a staging folder nor a DuckDB temporary folder behind; the
// first of them also removes what a run killed before it left. A run
// that finished before the signal must have published a complete snapshot.
func TestTerminatedRunsExitInterrupted(t *testing.T) {
	if testing.Short() {
		t.Skip("builds the binary and runs the pipeline about 10 times")
	}
	bin := buildSynergy(t)
	tmp := t.TempDir()
	env := []string{"TMPDIR=" + tmp}
	out := t.TempDir()
	args := []string{"run", "-q", "--force", "--datasets", datasets, "--out", out, "--as-of", asOf}
	first := runBinary(t, bin, env, 0, args...)
	if first.code != ExitOK {
		t.Fatalf("first run: exit %d\n%s", first.code, first.stderr)
	}
	// A run killed halfway leaves its DuckDB folder; the next run removes it.
	if r := runBinary(t, bin, env, first.took/2, args...); !r.killed {
		t.Errorf("the run to kill halfway ended first: exit %d", r.code)
	}
	// Its folders (DuckDB's, and the planner's when it was solving) are removed by
	// the next run, like those of every run killed below.
	if entries, _ := os.ReadDir(tmp); len(entries) == 0 {
		t.Error("the killed run left no temporary folder: the check below sees nothing")
	}
	seed := time.Now().UnixNano()
	rng := rand.New(rand.NewPCG(uint64(seed), 0))
	t.Logf("a full run takes %s; seed %d", first.took.Round(time.Millisecond), seed)
	terminated := 0
	for i := range 8 {
		after := time.Duration((0.05 + 0.85*rng.Float64()) * float64(first.took))
		before, _ := verifyOutput(t, out)
		r := signalBinary(t, bin, env, syscall.SIGTERM, after, args...)()
		cur, _ := verifyOutput(t, out)
		switch r.code {
		case ExitFailure:
			terminated++
			if cur.Snapshot != before.Snapshot {
				t.Errorf("%d: SIGTERM after %s: exit 1 but current moved to %s", i, after, cur.Snapshot)
			}
			if !strings.Contains(r.stderr, "interrupted") {
				t.Errorf("%d: SIGTERM after %s: stderr does not say interrupted:\n%.2000s", i, after, r.stderr)
			}
		case ExitOK: // finished before the signal
		default:
			t.Errorf("%d: SIGTERM after %s: exit %d, want 1\n%.2000s", i, after, r.code, r.stderr)
		}
		for _, dir := range []string{tmp, out} {
			entries, _ := os.ReadDir(dir)
			for _, e := range entries {
				if strings.HasPrefix(e.Name(), "synergy-") || strings.HasPrefix(e.Name(), ".staging-") {
					t.Errorf("%d: SIGTERM after %s (exit %d): %s left behind", i, after, r.code, filepath.Join(dir, e.Name()))
				}
			}
		}
		t.Logf("%d: SIGTERM after %5dms: exit %d in %5dms", i, after.Milliseconds(), r.code, r.took.Milliseconds())
	}
	if terminated < 4 {
		t.Errorf("only %d of 8 runs were stopped by SIGTERM", terminated)
	}
}
