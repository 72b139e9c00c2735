// Package job runs synergy's nightly pipeline end to end: read the sources manifest,
// ingest and validate every input, write raw Parquet, build the SQL models on the
// embedded DuckDB, run their data tests, and only then publish the snapshot
// atomically (package snapshot). A failure at any step leaves the published snapshot
// as it was.
//
// A run holds the output root's lock (package lock) from start to end, so two runs
// never write the same root; after publishing it prunes old snapshots
// (snapshot.Prune), and when it fails it records why (snapshot.WriteLastFailure).
package job

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"os"
	"path/filepath"
	"time"

	"synergy/pipeline/civil"
	"synergy/pipeline/lock"
	"synergy/pipeline/plan"
	"synergy/pipeline/snapshot"
	"synergy/pipeline/sources/archive"
	"synergy/pipeline/sources/fetch"
	"synergy/pipeline/warehouse"
)

// Errors a run can end with; the CLI maps them to exit codes.
var (
	// ErrRejects: --strict was set and some input rows were rejected.
	ErrRejects = errors.New("input rows were rejected")
	// ErrDataTests: a model's data test failed; nothing was published.
	ErrDataTests = errors.New("data tests failed")
	// ErrEarlierAsOf: a run (not a replay) was asked for an as-of day before the
	// published snapshot's; its history cannot be written backwards
	// (docs/history.md), so it does nothing.
	ErrEarlierAsOf = errors.New("as-of day earlier than the published snapshot's")
	// ErrInterrupted: the run was asked to stop (SIGINT, SIGTERM) and did; nothing
	// was published. It wins over every other error: checks that fail because
	// their queries were cancelled are not data test failures.
	ErrInterrupted = errors.New("interrupted")
)

// Config says what a run reads and where it publishes.
type Config struct {
	DatasetsDir string // folder holding sources.json
	SourcesFile string // the manifest's name in DatasetsDir; "" is sources.json
	OutDir      string // output root; snapshots/ and current live here
	Strict      bool   // any rejected row fails the run
	AllowShrink bool   // publish even if inputs shrank by more than MaxShrink
	// ShrinkWindow is how many of the latest published snapshots the shrink guard
	// takes the largest count from; 0 means DefaultShrinkWindow.
	ShrinkWindow int
	Force        bool // rebuild even if inputs, code and as-of equal the published snapshot's
	// Replay rebuilds the outputs as of AsOf from the inputs kept under
	// <OutDir>/sources (the last run on or before that day, and URL sources as
	// fetched by then) instead of reading DatasetsDir or fetching.
	Replay bool
	// SetCurrent makes a replay's snapshot the current one; without it a replay
	// publishes under snapshots/ and current stays on the latest run's.
	SetCurrent  bool
	Offline     bool           // use the latest kept version of URL sources instead of fetching
	Fetcher     *fetch.Fetcher // for URL sources; nil when the manifest has none
	CodeVersion string         // identifies the program's code, for the run fingerprint
	Threads     int
	MemoryLimit string
	SpillLimit  string    // DuckDB's max_temp_directory_size; "" is warehouse.DefaultSpillLimit
	AsOf        civil.Day // the run's date: decides which announced meetings are past
	Version     string
	// Keep is how many of the newest snapshots survive pruning, besides the current
	// one and the first of each month (snapshot.Prune); 0 means snapshot.DefaultKeep.
	Keep   int
	Logger *slog.Logger
	// Progress, when set, is told as each step starts (step counts from 1 to Steps)
	// and once more with done=true when the run succeeded. For a terminal display;
	// logs go to Logger either way.
	Progress func(step int, name string, done bool)
	// NoPlanBacktest skips planning the past years (no cbc needed): plan_backtest
	// is published empty and state_year_burden.trips_planned NULL. For benchmarks on
	// generated data, whose years the planner would take long to prove.
	NoPlanBacktest bool
	// Crash, when set, is called at each named point of the run (locked, ingest,
	// write-raw, build, plan-backtest, export, manifest, commit, prune, done); the crash test uses it
	// to kill the process there.
	Crash func(point string)
}

func (c Config) sourcesFile() string {
	if c.SourcesFile == "" {
		return "sources.json"
	}
	return c.SourcesFile
}

// Steps are the run's steps, in order, as Progress reports them.
var Steps = []string{"read sources", "write raw Parquet", "build models and run data tests", "plan backtest", "export marts", "publish"}

// Summary is what a finished run reports.
type Summary struct {
	snapshot.Manifest
	SnapshotDir string
	// Skipped: the published snapshot already has this run's fingerprint, so nothing
	// was rebuilt; Manifest and SnapshotDir are the published snapshot's.
	Skipped bool
	// Aside: the snapshot was published under snapshots/ without becoming the
	// current one (a replay without Config.SetCurrent).
	Aside bool
}

// Run executes the pipeline. On success the new snapshot is live under cfg.OutDir
// and old snapshots are pruned. It first takes the lock <OutDir>/.lock: if another
// run holds it, Run returns an error matching lock.ErrLocked and touches nothing.
// Any other failure is recorded as the root's last failure.
func Run(ctx context.Context, cfg Config) (*Summary, error) {
	r := newRun(cfg)
	if err := os.MkdirAll(cfg.OutDir, 0o755); err != nil {
		return nil, fmt.Errorf("create output root: %w", err)
	}
	lk, err := lock.Acquire(filepath.Join(cfg.OutDir, snapshot.LockFile))
	if err != nil {
		return nil, err
	}
	defer lk.Release()
	if s := lk.Stale; s != nil {
		r.log.Warn(fmt.Sprintf("stale lock from pid %d (not running) taken over", s.PID),
			"lock", lk.Path(), "pid", s.PID, "host", s.Host, "started", s.Started)
	}
	r.crash("locked")
	r.removeAbandoned()

	sum, err := r.run(ctx)
	if err != nil {
		err = interrupted(ctx, err)
		if errors.Is(err, ErrEarlierAsOf) {
			return nil, err // refused before anything was done: not a failure of the root
		}
		r.recordFailure(err)
		r.recordOutcome(archive.OutcomeFailed)
		return nil, err
	}
	r.recordOutcome(archive.OutcomePublished)
	r.crash("prune")
	r.prune()
	r.crash("done")
	return sum, nil
}

// run is the pipeline proper, one method per step; Run holds the lock around it.
func (r *runState) run(ctx context.Context) (*Summary, error) {
	in, err := r.readSources(ctx)
	if err != nil {
		return nil, err
	}
	defer in.cleanup()
	if err := r.checkAsOf(in.published); err != nil {
		return nil, err
	}
	if err := verifyPublished(in.published); err != nil {
		return nil, err
	}
	if prev := in.published; prev != nil && prev.Manifest.Fingerprint == in.fingerprint && !r.cfg.Force {
		r.log.Info("up to date: inputs, code and as-of day equal the published snapshot's; nothing rebuilt (--force rebuilds)",
			"snapshot", prev.Manifest.Snapshot)
		return &Summary{Manifest: prev.Manifest, SnapshotDir: prev.Dir, Skipped: true}, nil
	}
	if err := r.ingest(in); err != nil {
		return nil, err
	}
	if err := r.startKeeping(in); err != nil {
		return nil, err
	}
	defer func() { _ = r.waitKeeping() }() // on every path; its error is keepInputs's below
	stage, err := snapshot.Begin(r.cfg.OutDir, r.id)
	if err != nil {
		return nil, err
	}
	defer stage.Abort() // no-op once committed
	if err := r.writeRaw(ctx, stage.Dir(), in); err != nil {
		return nil, err
	}
	wh, err := r.openWarehouse(ctx)
	if err != nil {
		return nil, err
	}
	defer wh.close()
	if err := r.build(ctx, wh, stage.Dir(), in.published); err != nil {
		return nil, err
	}
	if err := r.planBacktest(ctx, wh, stage.Dir()); err != nil {
		return nil, err
	}
	if err := r.export(ctx, wh, stage.Dir()); err != nil {
		return nil, err
	}
	man, err := r.writeManifest(stage.Dir(), in, wh.version)
	if err != nil {
		return nil, err
	}
	if err := r.keepInputs(in); err != nil {
		return nil, err
	}
	return r.publish(ctx, stage, man)
}

// checkAsOf refuses a run whose as-of day is before the published snapshot's,
// unless it is a replay, which publishes aside (docs/history.md, "Time").
func (r *runState) checkAsOf(published *snapshot.Snapshot) error {
	if published == nil || r.cfg.Replay {
		return nil
	}
	if prev := published.Manifest.AsOf; prev > r.cfg.AsOf.String() {
		return fmt.Errorf("%w: --as-of %s, published %s (snapshot %s); history cannot be written backwards: "+
			"`synergy run --replay --as-of %s` rebuilds that day aside from the kept inputs", ErrEarlierAsOf, r.cfg.AsOf, prev, published.Manifest.Snapshot, r.cfg.AsOf)
	}
	return nil
}

// verifyPublished checks the history tables of the published snapshot against
// its manifest before the run carries them forward: a history file changed
// after publishing would otherwise be taken as the record (snapshot.Verify).
func verifyPublished(published *snapshot.Snapshot) error {
	if published == nil {
		return nil
	}
	if err := published.Verify(snapshot.LayerHistory); err != nil {
		return fmt.Errorf("%w; its history is not carried forward: restore the snapshot (`synergy verify` lists the files) and run again", err)
	}
	return nil
}

// interrupted is err, or ErrInterrupted with ctx's cause when ctx was cancelled:
// the cancelled queries' errors (tens of kilobytes of failed checks) are dropped.
func interrupted(ctx context.Context, err error) error {
	if ctx.Err() == nil || errors.Is(err, lock.ErrLocked) {
		return err
	}
	return fmt.Errorf("%w: %w; nothing published", ErrInterrupted, context.Cause(ctx))
}

// exitKind is a Failure's ExitKind for err.
func exitKind(err error) string {
	switch {
	case errors.Is(err, ErrInterrupted):
		return "interrupted"
	case errors.Is(err, ErrDataTests):
		return "data_tests"
	case errors.Is(err, ErrRejects):
		return "rejects"
	case errors.Is(err, ErrShrunk):
		return "shrunk"
	case errors.Is(err, context.Canceled), errors.Is(err, context.DeadlineExceeded):
		return "interrupted"
	}
	return "failure"
}

// recordFailure writes the root's last failure; a write error is only logged, the
// run's own error being the news.
func (r *runState) recordFailure(err error) {
	f := snapshot.Failure{Time: time.Now().UTC(), Started: r.started.UTC(), Snapshot: r.id,
		Error: err.Error(), ExitKind: exitKind(err)}
	if werr := snapshot.WriteLastFailure(r.cfg.OutDir, f); werr != nil {
		r.log.Error("record last failure", "err", werr)
	}
}

// removeAbandoned removes the temporary folders that killed runs left: DuckDB's
// (spill files), replays' inputs and the planner's. A failure only warns.
func (r *runState) removeAbandoned() {
	removed, err := warehouse.RemoveStaleTemp()
	more, err2 := lock.RemoveAbandoned(ReplayPrefix)
	removed = append(removed, more...)
	more, err3 := lock.RemoveAbandoned(plan.TempPrefix)
	removed = append(removed, more...)
	if err := errors.Join(err, err2, err3); err != nil {
		r.log.Warn("remove temporary folders of dead runs", "err", err, "removed", removed)
	} else if len(removed) > 0 {
		r.log.Info("removed temporary folders of dead runs", "folders", removed)
	}
}

// recordOutcome marks what this run kept in the sources store as published or
// not, for replay and --offline, which use only published versions. A replay
// keeps nothing. A write error only warns: the snapshot is what it is.
func (r *runState) recordOutcome(outcome string) {
	if r.store == nil || r.cfg.Replay {
		return
	}
	if err := r.store.RecordOutcome(r.runName, outcome, time.Now()); err != nil {
		r.log.Warn("record the run's outcome in the sources store", "err", err)
	}
}

// prune removes old snapshots; the new one is live, so a failure only warns.
func (r *runState) prune() {
	keep := r.cfg.Keep
	if keep == 0 {
		keep = snapshot.DefaultKeep
	}
	removed, err := snapshot.Prune(r.cfg.OutDir, keep, time.Now())
	if err != nil {
		r.log.Warn("prune old snapshots", "err", err, "removed", removed)
	} else if len(removed) > 0 {
		r.log.Info("pruned", "snapshots", removed, "keep", keep)
	}
}
