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
	"synergy/pipeline/snapshot"
	"synergy/pipeline/sources/fetch"
)

// Errors a run can end with; the CLI maps them to exit codes.
var (
	// ErrRejects: --strict was set and some input rows were rejected.
	ErrRejects = errors.New("input rows were rejected")
	// ErrDataTests: a model's data test failed; nothing was published.
	ErrDataTests = errors.New("data tests failed")
)

// Config says what a run reads and where it publishes.
type Config struct {
	DatasetsDir string // folder holding sources.json
	SourcesFile string // the manifest's name in DatasetsDir; "" is sources.json
	OutDir      string // output root; snapshots/ and current live here
	Strict      bool   // any rejected row fails the run
	AllowShrink bool   // publish even if inputs shrank by more than MaxShrink
	Force       bool   // rebuild even if inputs, code and as-of equal the published snapshot's
	// Replay rebuilds the outputs as of AsOf from the inputs kept under
	// <OutDir>/sources (the last run on or before that day, and URL sources as
	// fetched by then) instead of reading DatasetsDir or fetching.
	Replay      bool
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

	sum, err := r.run(ctx)
	if err != nil {
		r.recordFailure(err)
		return nil, err
	}
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
	if prev := in.published; prev != nil && prev.Manifest.Fingerprint == in.fingerprint && !r.cfg.Force {
		r.log.Info("up to date: inputs, code and as-of day equal the published snapshot's; nothing rebuilt (--force rebuilds)",
			"snapshot", prev.Manifest.Snapshot)
		return &Summary{Manifest: prev.Manifest, SnapshotDir: prev.Dir, Skipped: true}, nil
	}
	if err := r.ingest(in); err != nil {
		return nil, err
	}
	stage, err := snapshot.Begin(r.cfg.OutDir, r.id)
	if err != nil {
		return nil, err
	}
	defer stage.Abort() // no-op once committed
	if err := r.writeRaw(stage.Dir(), in); err != nil {
		return nil, err
	}
	wh, err := r.openWarehouse(ctx)
	if err != nil {
		return nil, err
	}
	defer wh.close()
	if err := r.build(ctx, wh, stage.Dir()); err != nil {
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

// exitKind is a Failure's ExitKind for err.
func exitKind(err error) string {
	switch {
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
