//go:build synergy_crashhook

package cli

import (
	"os"
	"strings"
	"syscall"
	"time"
)

// crashHook, in a binary built with -tags synergy_crashhook for the crash test
// (crash_test.go), reads SYNERGY_TEST_CRASH_AT=<point>[+<delay>] (delay as
// time.ParseDuration reads it): when the run reaches point it SIGKILLs itself, at
// once or delay later, wherever the run then is. Points are job.Config.Crash's.
func crashHook() func(point string) {
	spec := os.Getenv("SYNERGY_TEST_CRASH_AT")
	if spec == "" {
		return nil
	}
	at, after, _ := strings.Cut(spec, "+")
	delay, _ := time.ParseDuration(after)
	return func(point string) {
		if point != at {
			return
		}
		kill := func() { syscall.Kill(os.Getpid(), syscall.SIGKILL) }
		if delay <= 0 {
			kill()
			return
		}
		time.AfterFunc(delay, kill)
	}
}
