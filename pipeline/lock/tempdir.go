package lock

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
)

// ownerFile is the lock inside a folder made by [TempDir].
const ownerFile = ".owner.lock"

// TempDir creates a folder under os.TempDir named prefix plus a random suffix and
// locks it as this process's for as long as the returned lock is held: release
// it after removing the folder. A process that dies first leaves the folder
// (scratch files can be gigabytes) with a lock nobody holds, which
// [RemoveAbandoned] recognises.
func TempDir(prefix string) (string, *Lock, error) {
	dir, err := os.MkdirTemp("", prefix)
	if err != nil {
		return "", nil, err
	}
	lk, err := Acquire(filepath.Join(dir, ownerFile))
	if err != nil {
		os.RemoveAll(dir)
		return "", nil, err
	}
	return dir, lk, nil
}

// RemoveAbandoned removes the folders under os.TempDir whose names start with
// prefix and whose owner died without removing them: their owner lock records a
// process but is no longer held. Folders in use, folders whose owner has not yet
// written its lock, and folders without one (made by other programs or older
// versions) are left alone. It returns the folders removed.
func RemoveAbandoned(prefix string) ([]string, error) {
	entries, err := os.ReadDir(os.TempDir())
	if err != nil {
		return nil, fmt.Errorf("abandoned temporary folders: %w", err)
	}
	var removed []string
	var errs []error
	for _, e := range entries {
		if !e.IsDir() || !strings.HasPrefix(e.Name(), prefix) {
			continue
		}
		dir := filepath.Join(os.TempDir(), e.Name())
		path := filepath.Join(dir, ownerFile)
		if info, err := ReadInfo(path); err != nil || info == nil {
			continue // no owner recorded yet, or not ours
		}
		lk, err := Acquire(path)
		if err != nil {
			continue // held: its owner is alive
		}
		if lk.Stale != nil {
			if err := os.RemoveAll(dir); err != nil {
				errs = append(errs, err)
			} else {
				removed = append(removed, dir)
			}
		}
		lk.Release()
	}
	return removed, errors.Join(errs...)
}
