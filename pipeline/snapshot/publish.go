package snapshot

import (
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
)

// Staging is a snapshot being written. Write files under Dir, then call Commit or
// Abort exactly once.
type Staging struct {
	root, id, dir string
	done          bool
}

// Begin creates a staging folder for snapshot id under root (created if missing) and
// removes the ".staging-*" entries left by earlier runs that died. The caller must
// hold the root's lock: without it, Begin would also remove the staging folder of a
// run in progress (see "One writer at a time" above).
func Begin(root, id string) (*Staging, error) {
	if err := os.MkdirAll(filepath.Join(root, SnapshotsDir), 0o755); err != nil {
		return nil, fmt.Errorf("publish: create output root: %w", err)
	}
	if err := removeStale(root); err != nil {
		return nil, err
	}
	dir, err := os.MkdirTemp(root, stagingPrefix+id+"-")
	if err != nil {
		return nil, fmt.Errorf("publish: create staging folder: %w", err)
	}
	if err := os.Chmod(dir, 0o755); err != nil { // MkdirTemp makes 0700
		return nil, fmt.Errorf("publish: %w", err)
	}
	return &Staging{root: root, id: id, dir: dir}, nil
}

// Dir is the folder to write the snapshot's files into.
func (s *Staging) Dir() string { return s.dir }

// Commit makes the staged folder the current snapshot and returns its final path.
// Files are synced to disk before the switch, so a crash right after Commit cannot
// publish empty files.
func (s *Staging) Commit() (string, error) {
	final, err := s.CommitAside()
	if err != nil {
		return "", err
	}
	tmpLink := filepath.Join(s.root, stagingPrefix+"link-"+s.id)
	os.Remove(tmpLink)
	if err := os.Symlink(filepath.Join(SnapshotsDir, s.id), tmpLink); err != nil {
		return "", fmt.Errorf("publish: create link: %w", err)
	}
	if err := os.Rename(tmpLink, filepath.Join(s.root, CurrentLink)); err != nil {
		os.Remove(tmpLink)
		return "", fmt.Errorf("publish: switch current: %w", err)
	}
	if err := syncDir(s.root); err != nil {
		return "", fmt.Errorf("publish: %w", err)
	}
	return final, nil
}

// CommitAside publishes the staged folder under snapshots/ like Commit, but
// leaves current where it is: for a snapshot rebuilt for an earlier day (a
// replay), which must not replace the latest one. It returns the final path.
func (s *Staging) CommitAside() (string, error) {
	if s.done {
		return "", ErrFinished
	}
	s.done = true
	if err := syncTree(s.dir); err != nil {
		os.RemoveAll(s.dir)
		return "", fmt.Errorf("publish: sync staged files: %w", err)
	}
	final := filepath.Join(s.root, SnapshotsDir, s.id)
	if err := os.Rename(s.dir, final); err != nil {
		os.RemoveAll(s.dir)
		return "", fmt.Errorf("publish: move snapshot into place: %w", err)
	}
	if err := syncDir(filepath.Join(s.root, SnapshotsDir)); err != nil {
		return "", fmt.Errorf("publish: %w", err)
	}
	return final, nil
}

// Abort discards the staging folder; the published snapshot is untouched. Safe to
// call after Commit (it then does nothing), so callers can defer it.
func (s *Staging) Abort() {
	if s.done {
		return
	}
	s.done = true
	os.RemoveAll(s.dir)
}

// Current returns the path of the published snapshot under root, resolved through
// the "current" link, or ErrNoSnapshot.
func Current(root string) (string, error) {
	target, err := os.Readlink(filepath.Join(root, CurrentLink))
	if err != nil {
		if os.IsNotExist(err) {
			return "", fmt.Errorf("%w under %s (run 'synergy run' first)", ErrNoSnapshot, root)
		}
		return "", fmt.Errorf("publish: read current link: %w", err)
	}
	if !filepath.IsAbs(target) {
		target = filepath.Join(root, target)
	}
	return target, nil
}

// Exists reports whether a snapshot with this id was already published.
func Exists(root, id string) bool {
	_, err := os.Stat(filepath.Join(root, SnapshotsDir, id))
	return err == nil
}

func removeStale(root string) error {
	entries, err := os.ReadDir(root)
	if err != nil {
		return fmt.Errorf("publish: read output root: %w", err)
	}
	for _, e := range entries {
		if strings.HasPrefix(e.Name(), stagingPrefix) {
			if err := os.RemoveAll(filepath.Join(root, e.Name())); err != nil {
				return fmt.Errorf("publish: remove stale staging folder: %w", err)
			}
		}
	}
	return nil
}

func syncTree(dir string) error {
	return filepath.WalkDir(dir, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() {
			return syncDir(path)
		}
		f, err := os.Open(path)
		if err != nil {
			return err
		}
		defer f.Close()
		return f.Sync()
	})
}

func syncDir(dir string) error {
	f, err := os.Open(dir)
	if err != nil {
		return err
	}
	defer f.Close()
	return f.Sync()
}
