package lock

import (
	"errors"
	"fmt"
	"os"
	"time"
)

// ErrLocked means another process holds the lock. Acquire returns it wrapped in a
// [*LockedError] that names the holder; match it with errors.Is.
var ErrLocked = errors.New("lock: held by another run")

// LockedError is returned by [Acquire] when another process holds the lock.
type LockedError struct {
	Path   string // the lock file
	Holder *Info  // what the holder wrote into the file; nil if it has not written it yet
}

// Error names the holder, for example
// "another synergy run (pid 1234, started 2026-11-27T01:10:52Z) holds out/.lock".
func (e *LockedError) Error() string {
	if e.Holder == nil {
		return fmt.Sprintf("another synergy run holds %s (it has not recorded its pid yet)", e.Path)
	}
	return fmt.Sprintf("another synergy run (%s) holds %s", e.Holder.describe(), e.Path)
}

// Unwrap returns [ErrLocked].
func (e *LockedError) Unwrap() error { return ErrLocked }

// describe is "pid 1234, started 2026-11-27T01:10:52Z", with " on <host>" after the
// pid when the holder runs on another machine.
func (i *Info) describe() string {
	s := fmt.Sprintf("pid %d", i.PID)
	if host, _ := os.Hostname(); i.Host != "" && i.Host != host {
		s += " on " + i.Host
	}
	if !i.Started.IsZero() {
		s += ", started " + i.Started.UTC().Format(time.RFC3339)
	}
	return s
}
