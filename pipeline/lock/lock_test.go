package lock

import (
	"bufio"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"
)

// helperEnv makes the test binary a lock holder (see TestMain): it acquires the
// lock named by the variable, prints "locked" and waits to be killed.
const helperEnv = "SYNERGY_LOCK_TEST_HOLD"

func TestMain(m *testing.M) {
	if path := os.Getenv(helperEnv); path != "" {
		if _, err := Acquire(path); err != nil {
			fmt.Println(err)
			os.Exit(1)
		}
		fmt.Println("locked")
		time.Sleep(time.Minute)
		os.Exit(0)
	}
	os.Exit(m.Run())
}

func TestAcquireExcludesSecondHolder(t *testing.T) {
	path := filepath.Join(t.TempDir(), ".lock")
	first, err := Acquire(path)
	if err != nil {
		t.Fatal(err)
	}
	if first.Stale != nil {
		t.Errorf("new lock file reported stale holder %+v", first.Stale)
	}
	_, err = Acquire(path)
	var le *LockedError
	if !errors.Is(err, ErrLocked) || !errors.As(err, &le) {
		t.Fatalf("second Acquire: %v, want a *LockedError matching ErrLocked", err)
	}
	if le.Holder == nil || le.Holder.PID != os.Getpid() || le.Holder.Started.IsZero() {
		t.Errorf("holder = %+v, want this process with its start time", le.Holder)
	}
	want := fmt.Sprintf("another synergy run (pid %d, started ", os.Getpid())
	if msg := err.Error(); !strings.HasPrefix(msg, want) || !strings.HasSuffix(msg, ") holds "+path) {
		t.Errorf("message %q, want %q… holds %s", msg, want, path)
	}

	if err := first.Release(); err != nil {
		t.Fatal(err)
	}
	if err := first.Release(); err != nil {
		t.Errorf("second Release: %v", err)
	}
	if info, err := ReadInfo(path); info != nil || err != nil {
		t.Errorf("after Release ReadInfo = %+v, %v; want an empty file", info, err)
	}
	again, err := Acquire(path)
	if err != nil {
		t.Fatalf("Acquire after Release: %v", err)
	}
	defer again.Release()
	if again.Stale != nil {
		t.Errorf("lock released cleanly, yet Stale = %+v", again.Stale)
	}
}

// A holder killed with SIGKILL cannot release: the kernel drops its flock, and the
// next Acquire takes the lock over and reports the dead holder's pid.
func TestAcquireTakesOverLockOfKilledProcess(t *testing.T) {
	path := filepath.Join(t.TempDir(), ".lock")
	cmd := exec.Command(os.Args[0], "-test.run=^$")
	cmd.Env = append(os.Environ(), helperEnv+"="+path)
	stdout, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { cmd.Process.Kill(); cmd.Wait() })
	line, err := bufio.NewReader(stdout).ReadString('\n')
	if err != nil || line != "locked\n" {
		t.Fatalf("helper said %q, %v", line, err)
	}
	child := cmd.Process.Pid

	_, err = Acquire(path)
	var le *LockedError
	if !errors.As(err, &le) || le.Holder == nil || le.Holder.PID != child {
		t.Fatalf("Acquire while the helper holds it: %v, want ErrLocked naming pid %d", err, child)
	}

	if err := cmd.Process.Signal(syscall.SIGKILL); err != nil {
		t.Fatal(err)
	}
	cmd.Wait()
	l, err := Acquire(path)
	if err != nil {
		t.Fatalf("Acquire after the holder was killed: %v", err)
	}
	defer l.Release()
	if l.Stale == nil || l.Stale.PID != child {
		t.Errorf("Stale = %+v, want the killed helper's pid %d", l.Stale, child)
	}
	if info, _ := ReadInfo(path); info == nil || info.PID != os.Getpid() {
		t.Errorf("lock file now names %+v, want this process", info)
	}
}

func TestAcquireStaleContent(t *testing.T) {
	cases := []struct {
		name, content string
		wantPID       int
	}{
		{"holder record", `{"pid":4242,"host":"h","started":"2026-11-27T01:10:52Z"}` + "\n", 4242},
		{"torn write", `{"pid":42`, 0}, // the holder died while writing: stale, pid unknown
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			path := filepath.Join(t.TempDir(), ".lock")
			if err := os.WriteFile(path, []byte(tc.content), 0o644); err != nil {
				t.Fatal(err)
			}
			l, err := Acquire(path)
			if err != nil {
				t.Fatal(err)
			}
			defer l.Release()
			if l.Stale == nil || l.Stale.PID != tc.wantPID {
				t.Errorf("Stale = %+v, want pid %d", l.Stale, tc.wantPID)
			}
		})
	}
}

func TestAcquireErrors(t *testing.T) {
	_, err := Acquire(filepath.Join(t.TempDir(), "missing", ".lock"))
	if err == nil || errors.Is(err, ErrLocked) || !errors.Is(err, os.ErrNotExist) {
		t.Errorf("lock in a missing folder: %v, want a not-exist error that is not ErrLocked", err)
	}
	if info, err := ReadInfo(filepath.Join(t.TempDir(), "none")); info != nil || err != nil {
		t.Errorf("ReadInfo of a missing file = %+v, %v; want nil, nil", info, err)
	}
}

// Just after a holder takes the lock, the file may still be empty or name the dead
// holder before it: the refused run waits briefly for the live holder's record.
func TestHolderOfWaitsForTheLiveRecord(t *testing.T) {
	path := filepath.Join(t.TempDir(), ".lock")
	dead := exec.Command(os.Args[0], "-test.run=^$")
	if err := dead.Run(); err != nil {
		t.Fatal(err)
	}
	host, _ := os.Hostname()
	record := func(pid int) []byte {
		return []byte(fmt.Sprintf(`{"pid":%d,"host":%q,"started":"2026-11-27T01:10:52Z"}`, pid, host))
	}
	if err := os.WriteFile(path, record(dead.Process.Pid), 0o644); err != nil {
		t.Fatal(err)
	}
	done := make(chan struct{})
	go func() {
		defer close(done)
		time.Sleep(30 * time.Millisecond)
		os.WriteFile(path, record(os.Getpid()), 0o644)
	}()
	if got := holderOf(path); got == nil || got.PID != os.Getpid() {
		t.Errorf("holderOf = %+v, want the live holder %d", got, os.Getpid())
	}
	<-done
	if (&Info{PID: dead.Process.Pid, Host: host}).Alive() || !(&Info{PID: os.Getpid(), Host: host}).Alive() ||
		!(&Info{PID: 1, Host: "elsewhere"}).Alive() || (&Info{}).Alive() {
		t.Error("Alive disagrees with the processes")
	}
}

func TestLockedErrorWithoutHolder(t *testing.T) {
	err := &LockedError{Path: "out/.lock"}
	if got, want := err.Error(), "another synergy run holds out/.lock (it has not recorded its pid yet)"; got != want {
		t.Errorf("got %q, want %q", got, want)
	}
}
