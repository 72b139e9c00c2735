package snapshot

import (
	"errors"
	"os"
	"path/filepath"
	"testing"
)

func writeFile(t *testing.T, path, body string) {
	t.Helper()
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, []byte(body), 0o644); err != nil {
		t.Fatal(err)
	}
}

func readCurrent(t *testing.T, root, name string) string {
	t.Helper()
	b, err := os.ReadFile(filepath.Join(root, "current", name))
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

func TestCommitSwitchesCurrent(t *testing.T) {
	root := t.TempDir()
	if _, err := Current(root); !errors.Is(err, ErrNoSnapshot) {
		t.Fatalf("Current on empty root: %v, want ErrNoSnapshot", err)
	}
	for i, id := range []string{"a", "b"} {
		st, err := Begin(root, id)
		if err != nil {
			t.Fatal(err)
		}
		writeFile(t, filepath.Join(st.Dir(), "raw", "x.txt"), id)
		final, err := st.Commit()
		if err != nil {
			t.Fatal(err)
		}
		st.Abort() // no-op after Commit
		if got := readCurrent(t, root, "raw/x.txt"); got != id {
			t.Errorf("run %d: current has %q, want %q", i, got, id)
		}
		cur, err := Current(root)
		if err != nil || cur != final {
			t.Errorf("Current = %q, %v; want %q", cur, err, final)
		}
		info, err := os.Stat(final)
		if err != nil || info.Mode().Perm() != 0o755 {
			t.Errorf("snapshot folder mode = %v, %v; want 0755", info.Mode().Perm(), err)
		}
	}
	if !Exists(root, "a") || Exists(root, "zzz") {
		t.Error("Exists disagrees with the published snapshots")
	}
}

func TestAbortKeepsPreviousSnapshot(t *testing.T) {
	root := t.TempDir()
	st, _ := Begin(root, "good")
	writeFile(t, filepath.Join(st.Dir(), "t.txt"), "good")
	if _, err := st.Commit(); err != nil {
		t.Fatal(err)
	}
	bad, err := Begin(root, "bad")
	if err != nil {
		t.Fatal(err)
	}
	writeFile(t, filepath.Join(bad.Dir(), "t.txt"), "half")
	bad.Abort()
	if got := readCurrent(t, root, "t.txt"); got != "good" {
		t.Errorf("after abort current has %q, want good", got)
	}
	if _, err := os.Stat(bad.Dir()); !os.IsNotExist(err) {
		t.Errorf("staging folder still there after Abort: %v", err)
	}
	if _, err := bad.Commit(); !errors.Is(err, ErrFinished) {
		t.Errorf("Commit after Abort: %v, want ErrFinished", err)
	}
}

func TestBeginRemovesStagingOfDeadRuns(t *testing.T) {
	root := t.TempDir()
	dead, _ := Begin(root, "dead")
	writeFile(t, filepath.Join(dead.Dir(), "t.txt"), "x") // the process "dies" here
	if _, err := Begin(root, "next"); err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(dead.Dir()); !os.IsNotExist(err) {
		t.Errorf("dead run's staging folder survived: %v", err)
	}
}

// TestCommitAsideKeepsCurrent: a snapshot committed aside is complete under
// snapshots/ and current still names the one before.
func TestCommitAsideKeepsCurrent(t *testing.T) {
	root := t.TempDir()
	first, err := Begin(root, "a")
	if err != nil {
		t.Fatal(err)
	}
	if _, err := first.Commit(); err != nil {
		t.Fatal(err)
	}
	aside, err := Begin(root, "b")
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(aside.Dir(), "x"), []byte("x"), 0o644); err != nil {
		t.Fatal(err)
	}
	final, err := aside.CommitAside()
	if err != nil || final != filepath.Join(root, SnapshotsDir, "b") {
		t.Fatalf("CommitAside = %s, %v", final, err)
	}
	if _, err := os.Stat(filepath.Join(final, "x")); err != nil {
		t.Error(err)
	}
	if cur, err := Current(root); err != nil || filepath.Base(cur) != "a" {
		t.Errorf("current = %s, %v; want a", cur, err)
	}
}
