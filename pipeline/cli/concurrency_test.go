package cli

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"

	"synergy/pipeline/lock"
	"synergy/pipeline/snapshot"
)

// A run that finds the output root locked does nothing: no staging folder, no
// failure record, and it names the holder.
func TestRunRefusesLockedOutput(t *testing.T) {
	out := t.TempDir()
	path := filepath.Join(out, snapshot.LockFile)
	held, err := lock.Acquire(path)
	if err != nil {
		t.Fatal(err)
	}
	defer held.Release()

	r := run(t, "", "run", "-q", "--datasets", datasets, "--out", out, "--as-of", asOf)
	want := fmt.Sprintf("synergy run: another synergy run (pid %d, started ", os.Getpid())
	if r.code != ExitLocked || !strings.HasPrefix(r.stderr, want) || !strings.Contains(r.stderr, ") holds "+path+"\n") {
		t.Fatalf("exit %d, stderr %q; want exit %d, %q… holds %s", r.code, r.stderr, ExitLocked, want, path)
	}
	entries, _ := os.ReadDir(out)
	if len(entries) != 1 {
		t.Errorf("the locked-out run left %d entries in --out, want only %s", len(entries), snapshot.LockFile)
	}
	if info, _ := lock.ReadInfo(path); info == nil || info.PID != os.Getpid() {
		t.Errorf("the locked-out run changed the holder's record: %+v", info)
	}
}

// Two runs started together on one output root: exactly one publishes, the other
// exits with ExitLocked, and current is a complete snapshot. (crash_test.go does
// the same with two processes of the real binary.)
func TestTwoRunsTogetherPublishOnce(t *testing.T) {
	out := t.TempDir()
	var wg sync.WaitGroup
	results := make([]result, 2)
	for i := range results {
		wg.Add(1)
		go func() {
			defer wg.Done()
			results[i] = run(t, "", "run", "-q", "--datasets", datasets, "--out", out, "--as-of", asOf)
		}()
	}
	wg.Wait()
	ok, locked := results[0], results[1]
	if ok.code == ExitLocked {
		ok, locked = locked, ok
	}
	if ok.code != ExitOK || locked.code != ExitLocked || !strings.Contains(locked.stderr, "another synergy run (pid ") {
		t.Fatalf("exits %d and %d, want %d and %d\n%s\n%s", ok.code, locked.code, ExitOK, ExitLocked, ok.stderr, locked.stderr)
	}
	if !strings.Contains(ok.stdout, "published snapshot") {
		t.Errorf("the run that went ahead did not publish: %q", ok.stdout)
	}
	entries, err := os.ReadDir(filepath.Join(out, "snapshots"))
	if err != nil || len(entries) != 1 {
		t.Fatalf("%d snapshots (%v), want exactly 1", len(entries), err)
	}
	cur, err := snapshot.Current(out)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := verifySnapshot(cur); err != nil {
		t.Errorf("current is not complete: %v", err)
	}
	if _, err := os.Stat(filepath.Join(out, snapshot.LastFailureFile)); !os.IsNotExist(err) {
		t.Errorf("being locked out was recorded as a failure: %v", err)
	}
}
