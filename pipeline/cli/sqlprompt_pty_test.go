//go:build linux

package cli

import (
	"fmt"
	"os"
	"os/exec"
	"strings"
	"syscall"
	"testing"
	"time"

	"golang.org/x/sys/unix"
)

// openPTY opens a pseudo-terminal of 40×120 and returns its two ends.
func openPTY(t *testing.T) (master, tty *os.File) {
	t.Helper()
	master, err := os.OpenFile("/dev/ptmx", os.O_RDWR, 0)
	if err != nil {
		t.Skipf("no pseudo-terminals: %v", err)
	}
	t.Cleanup(func() { master.Close() })
	fd := int(master.Fd())
	if err := unix.IoctlSetPointerInt(fd, unix.TIOCSPTLCK, 0); err != nil {
		t.Fatal(err)
	}
	n, err := unix.IoctlGetUint32(fd, unix.TIOCGPTN)
	if err != nil {
		t.Fatal(err)
	}
	if err := unix.IoctlSetWinsize(fd, unix.TIOCSWINSZ, &unix.Winsize{Row: 40, Col: 120}); err != nil {
		t.Fatal(err)
	}
	tty, err = os.OpenFile(fmt.Sprintf("/dev/pts/%d", n), os.O_RDWR|syscall.O_NOCTTY, 0)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { tty.Close() })
	return master, tty
}

// TestSQLCtrlCAtTerminal: the real binary at a terminal. Ctrl-C typed while a
// statement runs (the terminal sends SIGINT) stops that statement and the prompt
// comes back; Tab completes a table name; Ctrl-D at the prompt ends the session,
// exit 0.
func TestSQLCtrlCAtTerminal(t *testing.T) {
	if testing.Short() {
		t.Skip("builds the binary")
	}
	out := publishOnce(t)
	bin := buildSynergy(t)
	master, tty := openPTY(t)
	cmd := exec.Command(bin, "sql", "--out", out)
	cmd.Stdin, cmd.Stdout, cmd.Stderr = tty, tty, tty
	cmd.Env = append(os.Environ(), "XDG_CACHE_HOME="+t.TempDir())
	cmd.SysProcAttr = &syscall.SysProcAttr{Setsid: true, Setctty: true, Ctty: 0}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	tty.Close()
	safety := time.AfterFunc(2*time.Minute, func() { cmd.Process.Kill() })
	defer safety.Stop()
	var screen lockedBuffer
	go func() {
		b := make([]byte, 4096)
		for {
			n, err := master.Read(b)
			screen.Write(b[:n])
			if err != nil {
				return
			}
		}
	}()
	// waitFor waits until the screen shows s after the first `after` bytes.
	waitFor := func(after int, s string) int {
		t.Helper()
		for deadline := time.Now().Add(time.Minute); time.Now().Before(deadline); time.Sleep(20 * time.Millisecond) {
			if got := screen.String(); len(got) >= after {
				if i := strings.Index(got[after:], s); i >= 0 {
					return after + i + len(s)
				}
			}
		}
		t.Fatalf("the terminal never showed %q; it shows:\n%s", s, screen.String())
		return 0
	}
	at := waitFor(0, "synergy> ")
	master.WriteString("select sum(i * i) from range(100000000000) t(i);\r")
	at = waitFor(at, "t(i);\r\n")
	time.Sleep(500 * time.Millisecond) // the statement is running
	master.WriteString("\x03")
	at = waitFor(at, "Error: interrupted")
	master.WriteString("select count(*) as n from meetings_enr\t;\r")
	at = waitFor(at, "meetings_enriched;")
	waitFor(at, "(1 rows)")
	master.WriteString("\x04")
	err := cmd.Wait()
	if code := cmd.ProcessState.ExitCode(); code != ExitOK {
		t.Errorf("exit %d (%v); the terminal shows:\n%s", code, err, screen.String())
	}
}
