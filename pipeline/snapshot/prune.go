package snapshot

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"time"
)

// DefaultKeep is the number of newest snapshots Prune keeps unless told otherwise
// (synergy run --keep): a week of nightly runs.
const DefaultKeep = 7

// idTimeLayout is the UTC start time that begins every snapshot id
// ("20261127T011052.886Z-55e8a5a5"; see [ID]).
const idTimeLayout = "20060102T150405.000Z"

// Prune removes old snapshots under root and returns the ids it removed, oldest
// first. Call it only after Commit, so the new snapshot is already live. It keeps:
//
//   - the snapshot "current" points to, always;
//   - the keepLast newest snapshots (keepLast must be at least 1);
//   - the first snapshot of each calendar month (UTC), for every month;
//   - snapshots stamped later than now (the clock went back: their order against
//     the others is unknown);
//   - any folder under snapshots/ whose name does not start with a snapshot time
//     (not made by synergy).
//
// Snapshots are ordered by the UTC time their id starts with. Each removed snapshot
// is first renamed out of snapshots/ to ".staging-pruned-<id>" and then deleted, so
// a run killed during Prune leaves no half-deleted snapshot under snapshots/; the
// next Begin deletes the rest.
//
// With keepLast 1 the previous snapshot is removed right after the switch; a reader
// that resolved "current" just before it may then find files missing. Keep at
// least 2 when queries run during the nightly run. Prune returns an error wrapping
// ErrNoSnapshot when root has no current snapshot, and removes nothing then.
func Prune(root string, keepLast int, now time.Time) (removed []string, err error) {
	if keepLast < 1 {
		return nil, fmt.Errorf("publish: prune: keep %d snapshots: want at least 1", keepLast)
	}
	cur, err := Current(root)
	if err != nil {
		return nil, err
	}
	current := filepath.Base(cur)
	entries, err := os.ReadDir(filepath.Join(root, SnapshotsDir))
	if err != nil {
		return nil, fmt.Errorf("publish: prune: %w", err)
	}
	type snapshot struct {
		id string
		t  time.Time
	}
	var snaps []snapshot
	for _, e := range entries {
		if !e.IsDir() {
			continue
		}
		if t, ok := snapshotTime(e.Name()); ok {
			snaps = append(snaps, snapshot{e.Name(), t})
		}
	}
	sort.Slice(snaps, func(i, j int) bool {
		if !snaps[i].t.Equal(snaps[j].t) {
			return snaps[i].t.Before(snaps[j].t)
		}
		return snaps[i].id < snaps[j].id
	})

	keep := map[string]bool{current: true}
	for i := max(0, len(snaps)-keepLast); i < len(snaps); i++ {
		keep[snaps[i].id] = true
	}
	months := map[string]bool{}
	for _, s := range snaps {
		if m := s.t.Format("2006-01"); !months[m] {
			months[m] = true
			keep[s.id] = true
		}
		if s.t.After(now) {
			keep[s.id] = true
		}
	}

	var errs []error
	for _, s := range snaps {
		if keep[s.id] {
			continue
		}
		trash := filepath.Join(root, stagingPrefix+"pruned-"+s.id)
		if err := os.Rename(filepath.Join(root, SnapshotsDir, s.id), trash); err != nil {
			errs = append(errs, fmt.Errorf("publish: prune %s: %w", s.id, err))
			continue
		}
		removed = append(removed, s.id)
		if err := os.RemoveAll(trash); err != nil {
			errs = append(errs, fmt.Errorf("publish: prune %s: %w", s.id, err))
		}
	}
	return removed, errors.Join(errs...)
}

// snapshotTime is the UTC time a snapshot id starts with.
func snapshotTime(id string) (time.Time, bool) {
	stamp, _, _ := strings.Cut(id, "-")
	t, err := time.Parse(idTimeLayout, stamp)
	return t, err == nil
}

// WriteFile writes data to root/name atomically: into a temporary file under root,
// synced, then renamed over name, so a reader or a crash sees the old content or the
// new one, never a part. The temporary file is named ".staging-<name>-*", so one
// left by a killed run is removed by the next Begin. Like Begin, it assumes the
// caller holds the root's lock.
func WriteFile(root, name string, data []byte) error {
	f, err := os.CreateTemp(root, stagingPrefix+name+"-")
	if err != nil {
		return fmt.Errorf("publish: write %s: %w", name, err)
	}
	tmp := f.Name()
	_, err = f.Write(data)
	if err == nil {
		err = f.Chmod(0o644) // CreateTemp makes 0600
	}
	if err == nil {
		err = f.Sync()
	}
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err == nil {
		err = os.Rename(tmp, filepath.Join(root, name))
	}
	if err != nil {
		os.Remove(tmp)
		return fmt.Errorf("publish: write %s: %w", name, err)
	}
	if err := syncDir(root); err != nil {
		return fmt.Errorf("publish: write %s: %w", name, err)
	}
	return nil
}
