package snapshot

import (
	"errors"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
)

// makeRoot lays out an output root with the given snapshot folders and "current"
// pointing at current (if not empty).
func makeRoot(t *testing.T, ids []string, current string) string {
	t.Helper()
	root := t.TempDir()
	for _, id := range ids {
		writeFile(t, filepath.Join(root, SnapshotsDir, id, "manifest.json"), id)
	}
	if current != "" {
		if err := os.Symlink(filepath.Join(SnapshotsDir, current), filepath.Join(root, CurrentLink)); err != nil {
			t.Fatal(err)
		}
	}
	return root
}

func listSnapshots(t *testing.T, root string) []string {
	t.Helper()
	entries, err := os.ReadDir(filepath.Join(root, SnapshotsDir))
	if err != nil {
		t.Fatal(err)
	}
	var ids []string
	for _, e := range entries {
		ids = append(ids, e.Name())
	}
	sort.Strings(ids)
	return ids
}

// id makes a snapshot id from a UTC time "2006-01-02 15:04".
func id(t *testing.T, when string) string {
	t.Helper()
	ts, err := time.Parse("2006-01-02 15:04", when)
	if err != nil {
		t.Fatal(err)
	}
	return ts.Format(idTimeLayout) + "-55e8a5a5"
}

func TestPrune(t *testing.T) {
	now, _ := time.Parse(time.RFC3339, "2026-11-27T03:00:00Z")
	var (
		sep15 = id(t, "2026-09-15 02:00") // first of September
		sep20 = id(t, "2026-09-20 02:00")
		oct01 = id(t, "2026-10-01 02:00") // first of October
		oct02 = id(t, "2026-10-02 02:00")
		nov01 = id(t, "2026-11-01 02:00") // first of November
		nov24 = id(t, "2026-11-24 02:00")
		nov25 = id(t, "2026-11-25 02:00")
		nov26 = id(t, "2026-11-26 02:00")
		nov27 = id(t, "2026-11-27 02:00")
		// After now (the clock went back): dec02 is December's first, dec04 the
		// newest, and dec03 is kept only for being stamped after now.
		dec02 = id(t, "2026-12-02 02:00")
		dec03 = id(t, "2026-12-03 02:00")
		dec04 = id(t, "2026-12-04 02:00")
	)
	all := []string{sep15, sep20, oct01, oct02, nov01, nov24, nov25, nov26, nov27}
	cases := []struct {
		name        string
		ids         []string
		current     string
		keep        int
		wantRemoved []string
	}{
		{"newest, monthly firsts and current", all, nov27, 3,
			[]string{sep20, oct02, nov24}},
		{"keep 1: current and monthly firsts", all, nov27, 1,
			[]string{sep20, oct02, nov24, nov25, nov26}},
		{"current older than the newest (rolled back by hand)", all, sep20, 2,
			[]string{oct02, nov24, nov25}},
		{"more to keep than there are", all, nov27, 20, nil},
		{"stamped after now", append([]string{dec02, dec03, dec04}, all...), nov27, 1,
			[]string{sep20, oct02, nov24, nov25, nov26}},
		{"folders not made by synergy", append([]string{"notes", "a"}, all...), nov27, 1,
			[]string{sep20, oct02, nov24, nov25, nov26}},
		// A month's first snapshot is the earliest in that month, whatever its day.
		{"first of month by time", []string{id(t, "2026-10-31 23:59"), id(t, "2026-11-30 23:59"), id(t, "2026-11-30 00:01")},
			id(t, "2026-11-30 23:59"), 1, nil},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			root := makeRoot(t, tc.ids, tc.current)
			removed, err := Prune(root, tc.keep, now)
			if err != nil {
				t.Fatal(err)
			}
			if diff := cmp.Diff(tc.wantRemoved, removed); diff != "" {
				t.Errorf("removed (-want +got):\n%s", diff)
			}
			var want []string
			for _, id := range tc.ids {
				if !contains(tc.wantRemoved, id) {
					want = append(want, id)
				}
			}
			sort.Strings(want)
			if diff := cmp.Diff(want, listSnapshots(t, root)); diff != "" {
				t.Errorf("snapshots left (-want +got):\n%s", diff)
			}
			if cur, err := Current(root); err != nil || filepath.Base(cur) != tc.current {
				t.Errorf("current = %q, %v; want %s", cur, err, tc.current)
			}
			entries, _ := os.ReadDir(root)
			for _, e := range entries {
				if strings.HasPrefix(e.Name(), stagingPrefix) {
					t.Errorf("%s left behind", e.Name())
				}
			}
		})
	}
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

func TestPruneRefuses(t *testing.T) {
	now := time.Now()
	root := makeRoot(t, []string{id(t, "2026-11-01 02:00"), id(t, "2026-11-02 02:00")}, "")
	if removed, err := Prune(root, 1, now); !errors.Is(err, ErrNoSnapshot) || removed != nil {
		t.Errorf("no current: removed %v, err %v; want nothing removed and ErrNoSnapshot", removed, err)
	}
	if _, err := Prune(root, 0, now); err == nil || !strings.Contains(err.Error(), "at least 1") {
		t.Errorf("keep 0: %v, want an error", err)
	}
	if got := listSnapshots(t, root); len(got) != 2 {
		t.Errorf("snapshots after refused prunes: %v", got)
	}
}

// A run killed while Prune deletes a snapshot leaves ".staging-pruned-<id>", never
// a half-deleted folder under snapshots/; the next Begin removes it.
func TestBeginRemovesInterruptedPrune(t *testing.T) {
	old, cur := id(t, "2026-11-01 02:00"), id(t, "2026-11-02 02:00")
	root := makeRoot(t, []string{cur}, cur)
	trash := filepath.Join(root, ".staging-pruned-"+old)
	writeFile(t, filepath.Join(trash, "marts", "x.parquet"), "half deleted")
	st, err := Begin(root, "next")
	if err != nil {
		t.Fatal(err)
	}
	st.Abort()
	if _, err := os.Stat(trash); !os.IsNotExist(err) {
		t.Errorf("interrupted prune's folder survived Begin: %v", err)
	}
}

func TestWriteFileReplacesAtomically(t *testing.T) {
	root := t.TempDir()
	for _, body := range []string{"first\n", "second\n"} {
		if err := WriteFile(root, "last-failure.json", []byte(body)); err != nil {
			t.Fatal(err)
		}
		path := filepath.Join(root, "last-failure.json")
		got, err := os.ReadFile(path)
		if err != nil || string(got) != body {
			t.Errorf("content %q, %v; want %q", got, err, body)
		}
		if info, _ := os.Stat(path); info.Mode().Perm() != 0o644 {
			t.Errorf("mode %v, want 0644", info.Mode().Perm())
		}
	}
	entries, _ := os.ReadDir(root)
	if len(entries) != 1 {
		t.Errorf("root holds %d entries, want only the file (no temporary left)", len(entries))
	}
	if err := WriteFile(filepath.Join(root, "missing"), "x", nil); err == nil {
		t.Error("WriteFile into a missing folder succeeded")
	}
}
