// Package lock keeps two synergy runs from writing the same output root at once.
//
// [Acquire] takes an exclusive flock(2) on a file (synergy uses <out>/.lock) without
// waiting: a second run gets an error matching [ErrLocked] that names the holder.
// The holder writes its pid, host and start time into the file for humans and for
// that message; the lock itself is the kernel's flock, not the file's content.
//
// # Stale locks
//
// The kernel drops a flock when its holder dies, however it dies (SIGKILL, OOM
// killer, power loss), so a lock can never be left held by a dead run: there is no
// timeout to wait out and nothing to delete by hand. [Lock.Release] empties the
// file, so a file that still names a holder when the next run acquires the lock was
// left by a run that died; Acquire reports it in [Lock.Stale] and the caller logs
// that it took the lock over.
//
// The file is never removed: removing a lock file lets two runs lock two different
// files (one that was unlinked, one created after it) and both proceed.
//
// flock works across processes on one machine and on local file systems. On NFS,
// Linux emulates it with byte-range locks; keep the output root on local storage
// or on a volume mounted by one machine at a time.
package lock

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"syscall"
	"time"
)

// Info is what the holder of a lock writes into the lock file.
type Info struct {
	PID     int       `json:"pid"`
	Host    string    `json:"host"`
	Started time.Time `json:"started"`
}

// Lock is a held lock. Release it exactly once; the kernel releases it anyway when
// the process exits.
type Lock struct {
	f    *os.File
	path string
	// Stale is what a holder that died without releasing left in the file, or nil
	// when the file was empty or new. Its PID is 0 when the content was unreadable
	// (the holder died while writing it).
	Stale *Info
}

// Acquire locks the file at path (created with mode 0644 if missing; its folder
// must exist) and records this process in it. It does not wait: if another process
// holds the lock it returns a [*LockedError], which matches [ErrLocked].
func Acquire(path string) (*Lock, error) {
	f, err := os.OpenFile(path, os.O_RDWR|os.O_CREATE, 0o644)
	if err != nil {
		return nil, fmt.Errorf("lock: %w", err)
	}
	if err := flock(f, syscall.LOCK_EX|syscall.LOCK_NB); err != nil {
		f.Close()
		if errors.Is(err, syscall.EWOULDBLOCK) {
			return nil, &LockedError{Path: path, Holder: holderOf(path)}
		}
		return nil, fmt.Errorf("lock: flock %s: %w", path, err)
	}
	prev, err := io.ReadAll(f)
	if err != nil {
		f.Close()
		return nil, fmt.Errorf("lock: read %s: %w", path, err)
	}
	l := &Lock{f: f, path: path}
	if len(bytes.TrimSpace(prev)) > 0 {
		l.Stale = &Info{}
		json.Unmarshal(prev, l.Stale) // unreadable: the holder died mid-write; PID stays 0
	}
	host, _ := os.Hostname()
	me, _ := json.Marshal(Info{PID: os.Getpid(), Host: host, Started: time.Now().UTC().Truncate(time.Millisecond)})
	if err := write(f, append(me, '\n')); err != nil {
		f.Close()
		return nil, fmt.Errorf("lock: record holder in %s: %w", path, err)
	}
	return l, nil
}

// Path is the lock file's path, as given to Acquire.
func (l *Lock) Path() string { return l.path }

// Release empties the lock file and releases the lock. Calling it again does
// nothing.
func (l *Lock) Release() error {
	if l.f == nil {
		return nil
	}
	f := l.f
	l.f = nil
	err := f.Truncate(0) // an empty file tells the next run that we finished cleanly
	if cerr := f.Close(); err == nil {
		err = cerr // closing the last descriptor drops the flock
	}
	if err != nil {
		return fmt.Errorf("lock: release %s: %w", l.path, err)
	}
	return nil
}

// ReadInfo reads what the current or last holder wrote into the lock file at path,
// without locking it. It returns nil and no error when the file is missing or
// empty (nobody holds it, or the last holder released it).
func ReadInfo(path string) (*Info, error) {
	data, err := os.ReadFile(path)
	if errors.Is(err, os.ErrNotExist) || (err == nil && len(bytes.TrimSpace(data)) == 0) {
		return nil, nil
	}
	if err != nil {
		return nil, fmt.Errorf("lock: %w", err)
	}
	var i Info
	if err := json.Unmarshal(data, &i); err != nil {
		return nil, fmt.Errorf("lock: read %s: %w", path, err)
	}
	return &i, nil
}

// Alive reports whether the process the record names is running: a process on this
// machine with that pid exists. A holder on another machine counts as alive, since
// this one cannot tell; a pid reused by another process since counts as alive too.
func (i *Info) Alive() bool {
	if i.PID <= 0 {
		return false
	}
	if host, _ := os.Hostname(); i.Host != host {
		return true
	}
	err := syscall.Kill(i.PID, 0)
	return err == nil || errors.Is(err, syscall.EPERM)
}

// holderOf reads the record of the process that holds the lock at path, for the
// error message. The holder writes it just after taking the lock, so for a moment
// the file may be empty or still name the holder before it, now dead: such a
// record is read again for up to 200ms. It returns nil if nothing better came.
func holderOf(path string) *Info {
	var info *Info
	for range 20 {
		if info, _ = ReadInfo(path); info != nil && info.Alive() {
			return info
		}
		time.Sleep(10 * time.Millisecond)
	}
	return info
}

func write(f *os.File, data []byte) error {
	if err := f.Truncate(0); err != nil {
		return err
	}
	_, err := f.WriteAt(data, 0)
	return err
}

// flock retries when a signal interrupts the call.
func flock(f *os.File, how int) error {
	for {
		err := syscall.Flock(int(f.Fd()), how)
		if !errors.Is(err, syscall.EINTR) {
			return err
		}
	}
}
