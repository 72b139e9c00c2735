package job

import (
	"context"
	"errors"
	"log/slog"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"synergy/pipeline/snapshot"
)

// cancelOnCheck is a log handler that cancels the run's context when the first
// data test has been logged: the remaining checks then run on a cancelled
// context, as when SIGTERM arrives during the data tests.
type cancelOnCheck struct {
	slog.Handler
	cancel context.CancelFunc
}

func (cancelOnCheck) Enabled(context.Context, slog.Level) bool { return true }

func (h cancelOnCheck) Handle(ctx context.Context, r slog.Record) error {
	if r.Message == "check" {
		h.cancel()
	}
	return nil
}

// TestInterruptDuringDataTestsIsNoDataTestFailure: a run stopped while its data
// tests run ends interrupted, not with failed data tests, and its error does not
// carry every cancelled check.
func TestInterruptDuringDataTestsIsNoDataTestFailure(t *testing.T) {
	ctx, cancel := context.WithCancel(t.Context())
	defer cancel()
	cfg := realConfig(t)
	cfg.NoPlanBacktest = true
	cfg.Logger = slog.New(cancelOnCheck{Handler: slog.DiscardHandler, cancel: cancel})
	_, err := Run(ctx, cfg)
	if !errors.Is(err, ErrInterrupted) || errors.Is(err, ErrDataTests) {
		t.Fatalf("run cancelled during the data tests: %v", err)
	}
	if len(err.Error()) > 200 || strings.Contains(err.Error(), "check") {
		t.Errorf("the error carries the cancelled checks (%d bytes): %.300s", len(err.Error()), err)
	}
	f, rerr := snapshot.ReadLastFailure(cfg.OutDir)
	if rerr != nil || f == nil || f.ExitKind != "interrupted" {
		t.Fatalf("last failure %+v, %v", f, rerr)
	}
	if _, err := os.Lstat(filepath.Join(cfg.OutDir, snapshot.CurrentLink)); !os.IsNotExist(err) {
		t.Errorf("an interrupted first run left %s: %v", snapshot.CurrentLink, err)
	}
}
