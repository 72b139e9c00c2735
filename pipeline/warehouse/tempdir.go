package warehouse

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"synergy/pipeline/lock"
)

// TempPrefix begins the name of every scratch folder [Open] creates under
// os.TempDir. Each holds ownerLock, locked by the process that uses it for as
// long as the database is open, so that [RemoveStaleTemp] can tell a folder left
// by a killed process (its spill files can be gigabytes) from one in use.
const TempPrefix = "synergy-duckdb-"

const ownerLock = ".owner.lock"

// newTempDir creates a scratch folder under os.TempDir and locks it as this
// process's.
func newTempDir() (string, *lock.Lock, error) {
	dir, err := os.MkdirTemp("", TempPrefix)
	if err != nil {
		return "", nil, err
	}
	lk, err := lock.Acquire(filepath.Join(dir, ownerLock))
	if err != nil {
		os.RemoveAll(dir)
		return "", nil, err
	}
	return dir, lk, nil
}

// RemoveStaleTemp removes the scratch folders under os.TempDir whose owner died
// without removing them (a SIGKILL, an out-of-memory kill): those whose owner
// lock records a process but is no longer held. Folders in use, folders whose
// owner has not yet written its lock, and folders without one (made by other
// programs or older versions) are left alone. It returns the folders removed.
func RemoveStaleTemp() ([]string, error) {
	entries, err := os.ReadDir(os.TempDir())
	if err != nil {
		return nil, fmt.Errorf("stale temporary folders: %w", err)
	}
	var removed []string
	var errs []error
	for _, e := range entries {
		if !e.IsDir() || !strings.HasPrefix(e.Name(), TempPrefix) {
			continue
		}
		dir := filepath.Join(os.TempDir(), e.Name())
		path := filepath.Join(dir, ownerLock)
		if info, err := lock.ReadInfo(path); err != nil || info == nil {
			continue // no owner recorded yet, or not ours
		}
		lk, err := lock.Acquire(path)
		if err != nil {
			continue // held: its owner is alive
		}
		stale := lk.Stale != nil
		if stale {
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
