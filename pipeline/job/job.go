// Package job runs synergy's nightly pipeline end to end: read the sources manifest,
// ingest and validate every input, write raw Parquet, build the SQL models on the
// embedded DuckDB, run their data tests, and only then publish the snapshot
// atomically (package publish). A failure at any step leaves the published snapshot
// as it was.
//
// A run holds the output root's lock (<out>/.lock, package lock) from start to end,
// so two runs never write the same root; after publishing it prunes old snapshots
// (publish.Prune), and when it fails it records why in <out>/last-failure.json.
package job

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"log/slog"
	"os"
	"path/filepath"
	"runtime"
	"runtime/debug"
	"sort"
	"strings"
	"syscall"
	"time"

	"synergy/pipeline/civil"
	"synergy/pipeline/csvsrc"
	"synergy/pipeline/fetch"
	"synergy/pipeline/lock"
	"synergy/pipeline/models"
	"synergy/pipeline/parquetout"
	"synergy/pipeline/publish"
	"synergy/pipeline/record"
	"synergy/pipeline/sources"
	"synergy/pipeline/sourcestore"
	"synergy/pipeline/warehouse"
	sqlmodels "synergy/sql"
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
	// one and the first of each month (publish.Prune); 0 means publish.DefaultKeep.
	Keep   int
	Logger *slog.Logger
	// Progress, when set, is told as each step starts (step counts from 1 to Steps)
	// and once more with done=true when the run succeeded. For a terminal display;
	// logs go to Logger either way.
	Progress func(step int, name string, done bool)
}

// Steps are the run's steps, in order, as Progress reports them.
var Steps = []string{"read sources", "write raw Parquet", "build models and run data tests", "export marts", "publish"}

// TableInfo describes one published table.
type TableInfo struct {
	Name   string `json:"name"`
	Layer  string `json:"layer"` // raw or mart
	Path   string `json:"path"`  // relative to the snapshot folder
	Rows   int64  `json:"rows"`
	SHA256 string `json:"sha256"`
}

// CheckResult is one data test's outcome.
type CheckResult struct {
	Model       string `json:"model"`
	Check       string `json:"check"`
	FailingRows int64  `json:"failing_rows"`
}

// Manifest is manifest.json of a snapshot.
type Manifest struct {
	Snapshot      string            `json:"snapshot"`
	CreatedAt     string            `json:"created_at"`
	AsOf          string            `json:"as_of"`
	Versions      map[string]string `json:"versions"`
	Inputs        []Input           `json:"inputs"`
	Tables        []TableInfo       `json:"tables"`
	Rejects       RejectSummary     `json:"rejects"`
	Discrepancies int               `json:"discrepancies"`
	Checks        []CheckResult     `json:"checks"`
	TimingsMS     map[string]int64  `json:"timings_ms"`
	GuardCounts   map[string]int    `json:"guard_counts"`
	// Fingerprint digests the inputs, the SQL models, the code and the as-of day: a
	// run whose fingerprint equals the published one has nothing new to build.
	Fingerprint    string                    `json:"fingerprint,omitempty"`
	HistoryChanges map[string]map[string]int `json:"history_changes,omitempty"`
	HistoryNotes   []string                  `json:"history_notes,omitempty"`
}

// RejectSummary counts rejected rows by file.
type RejectSummary struct {
	Total  int            `json:"total"`
	ByFile map[string]int `json:"by_file"`
}

// Summary is what a finished run reports.
type Summary struct {
	Manifest
	SnapshotDir string
	// Skipped: the published snapshot already has this run's fingerprint, so nothing
	// was rebuilt; Manifest and SnapshotDir are the published snapshot's.
	Skipped bool
}

// LockFile is the lock, under the output root, that a run holds from start to end.
const LockFile = ".lock"

// LastFailureFile is the file, under the output root, where a failed run records
// why it failed (a [Failure]). A successful run leaves it in place: it is news only
// when it is newer than the current snapshot.
const LastFailureFile = "last-failure.json"

// Failure is the content of [LastFailureFile].
type Failure struct {
	Time     time.Time `json:"time"`               // when the run failed
	Started  time.Time `json:"started"`            // when the run started
	Snapshot string    `json:"snapshot,omitempty"` // the snapshot id it attempted; empty if it failed before ingest ended
	Error    string    `json:"error"`
	// ExitKind classifies the error: "data_tests", "rejects", "shrunk",
	// "interrupted" (cancelled, e.g. SIGTERM) or "failure" (anything else).
	ExitKind string `json:"exit_kind"`
}

// ReadLastFailure reads [LastFailureFile] under outDir; it returns nil and no error
// when no run has failed there.
func ReadLastFailure(outDir string) (*Failure, error) {
	data, err := os.ReadFile(filepath.Join(outDir, LastFailureFile))
	if errors.Is(err, os.ErrNotExist) {
		return nil, nil
	}
	if err != nil {
		return nil, err
	}
	var f Failure
	if err := json.Unmarshal(data, &f); err != nil {
		return nil, fmt.Errorf("read %s: %w", LastFailureFile, err)
	}
	return &f, nil
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

// Run executes the pipeline. On success the new snapshot is live under cfg.OutDir
// and old snapshots are pruned. It first takes the lock <OutDir>/.lock: if another
// run holds it, Run returns an error matching lock.ErrLocked and touches nothing.
// Any other failure is recorded in [LastFailureFile].
func Run(ctx context.Context, cfg Config) (*Summary, error) {
	log := cfg.Logger
	if log == nil {
		log = slog.New(slog.DiscardHandler)
	}
	started := time.Now()
	if err := os.MkdirAll(cfg.OutDir, 0o755); err != nil {
		return nil, fmt.Errorf("create output root: %w", err)
	}
	lk, err := lock.Acquire(filepath.Join(cfg.OutDir, LockFile))
	if err != nil {
		return nil, err
	}
	defer lk.Release()
	if s := lk.Stale; s != nil {
		log.Warn(fmt.Sprintf("stale lock from pid %d (not running) taken over", s.PID),
			"lock", lk.Path(), "pid", s.PID, "host", s.Host, "started", s.Started)
	}
	at := &attempt{crash: crashHook()}
	at.crash("locked")

	sum, err := run(ctx, cfg, at)
	if err != nil {
		f := Failure{Time: time.Now().UTC(), Started: started.UTC(), Snapshot: at.id, Error: err.Error(), ExitKind: exitKind(err)}
		data, _ := json.MarshalIndent(f, "", "  ")
		if werr := publish.WriteFile(cfg.OutDir, LastFailureFile, append(data, '\n')); werr != nil {
			log.Error("record last failure", "err", werr)
		}
		return nil, err
	}

	at.crash("prune")
	keep := cfg.Keep
	if keep == 0 {
		keep = publish.DefaultKeep
	}
	removed, err := publish.Prune(cfg.OutDir, keep, time.Now())
	if err != nil { // the new snapshot is live: a prune failure does not fail the run
		log.Warn("prune old snapshots", "err", err, "removed", removed)
	} else if len(removed) > 0 {
		log.Info("pruned", "snapshots", removed, "keep", keep)
	}
	at.crash("done")
	return sum, nil
}

// attempt is what Run shares with run: the snapshot id once known, and the crash
// hook.
type attempt struct {
	id    string
	crash func(point string)
}

// crashHook returns the test hook SYNERGY_TEST_CRASH_AT=<point>[+<delay>] (delay
// as time.ParseDuration reads it): when the run reaches point it SIGKILLs itself,
// at once or delay later, wherever the run then is. Points, in order: locked,
// ingest, write-raw, build, export, manifest, commit, prune, done. The crash test
// (pipeline/cli/crash_test.go) uses it; when the variable is unset, as in
// production, the hook does nothing.
func crashHook() func(point string) {
	spec := os.Getenv("SYNERGY_TEST_CRASH_AT")
	if spec == "" {
		return func(string) {}
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

// run is the pipeline proper; Run holds the lock around it.
func run(ctx context.Context, cfg Config, at *attempt) (*Summary, error) {
	log := cfg.Logger
	if log == nil {
		log = slog.New(slog.DiscardHandler)
	}
	started := time.Now()
	progress := cfg.Progress
	if progress == nil {
		progress = func(int, string, bool) {}
	}
	step := func(i int) { progress(i, Steps[i-1], false) }
	timings := map[string]int64{}
	lap := func(name string, since time.Time) { timings[name] = time.Since(since).Milliseconds() }

	store, err := sourcestore.Open(filepath.Join(cfg.OutDir, SourcesDir))
	if err != nil {
		return nil, err
	}
	if cfg.Replay {
		dir, err := materialize(store, cfg.AsOf)
		if err != nil {
			return nil, err
		}
		defer os.RemoveAll(dir)
		log.Info("replaying kept inputs", "as_of", cfg.AsOf.String())
		cfg.DatasetsDir = dir
	}

	manifestPath := filepath.Join(cfg.DatasetsDir, "sources.json")
	mf, err := os.Open(manifestPath)
	if err != nil {
		return nil, fmt.Errorf("open sources manifest: %w", err)
	}
	m, err := sources.Parse(mf, manifestPath)
	mf.Close()
	if err != nil {
		return nil, err
	}

	remote, err := remoteFiles(ctx, cfg, m, store)
	if err != nil {
		return nil, err
	}
	manIn, err := checksum(cfg.DatasetsDir, manifestPath)
	if err != nil {
		return nil, err
	}
	inputs, err := listInputs(cfg.DatasetsDir, m, remote)
	if err != nil {
		return nil, err
	}
	fp, err := fingerprint(cfg, manIn, inputs)
	if err != nil {
		return nil, err
	}
	prev, prevDir, err := readPublished(cfg.OutDir)
	if err != nil {
		return nil, err
	}
	if prev != nil && prev.Fingerprint == fp && !cfg.Force {
		log.Info("up to date: inputs, code and as-of day equal the published snapshot's; nothing rebuilt (--force rebuilds)",
			"snapshot", prev.Snapshot)
		return &Summary{Manifest: *prev, SnapshotDir: prevDir, Skipped: true}, nil
	}

	t0 := time.Now()
	step(1)
	at.crash("ingest")
	log.Info("ingest", "datasets", cfg.DatasetsDir, "sources", len(m.Sources))
	raw, err := ingest(cfg.DatasetsDir, m, cfg.AsOf, remote, inputs)
	if err != nil {
		return nil, fmt.Errorf("ingest: %w", err)
	}
	lap("ingest", t0)
	rejects := RejectSummary{Total: len(raw.Rejects), ByFile: map[string]int{}}
	for _, r := range raw.Rejects {
		rejects.ByFile[r.SourceFile]++
	}
	log.Info("ingested", "participation", len(raw.Participation), "meetings", len(raw.Meetings),
		"agenda_items", len(raw.AgendaItems), "rejects", rejects.Total)
	if cfg.Strict && rejects.Total > 0 {
		return nil, fmt.Errorf("%w: %d (first: %s:%d %s: %s)", ErrRejects, rejects.Total,
			raw.Rejects[0].SourceFile, raw.Rejects[0].Line, raw.Rejects[0].Field, raw.Rejects[0].Reason)
	}

	guards := guardCounts(raw)
	if !cfg.AllowShrink {
		if err := checkShrink(cfg.OutDir, guards); err != nil {
			return nil, err
		}
	}

	id := snapshotID(started, raw.Inputs)
	at.id = id
	stage, err := publish.Begin(cfg.OutDir, id)
	if err != nil {
		return nil, err
	}
	defer stage.Abort() // no-op once committed

	t0 = time.Now()
	step(2)
	at.crash("write-raw")
	tables, err := writeRaw(stage.Dir(), raw)
	if err != nil {
		return nil, err
	}
	lap("write_raw", t0)

	t0 = time.Now()
	hist, err := observeHistory(stage.Dir(), prevDir, raw, id, cfg.AsOf, log)
	if err != nil {
		return nil, err
	}
	historyTime := time.Since(t0)
	// observeHistory dropped the rows (the build reads them from raw Parquet); give
	// the memory back before DuckDB takes its share (docs/performance.md).
	debug.FreeOSMemory()

	t0 = time.Now()
	step(3)
	at.crash("build")
	tmp, err := os.MkdirTemp("", "synergy-duckdb-")
	if err != nil {
		return nil, err
	}
	defer os.RemoveAll(tmp)
	db, err := warehouse.Open(ctx, warehouse.Options{Threads: cfg.Threads, MemoryLimit: cfg.MemoryLimit, SpillLimit: cfg.SpillLimit, TempDir: tmp})
	if err != nil {
		return nil, err
	}
	defer db.Close()
	duckVersion, err := db.Version(ctx)
	if err != nil {
		return nil, err
	}
	mods, err := models.Load(sqlmodels.FS)
	if err != nil {
		return nil, err
	}
	rawPaths := map[string]string{}
	for _, t := range tables {
		rawPaths[t.Name] = filepath.Join(stage.Dir(), filepath.FromSlash(t.Path))
	}
	res, runErr := models.Run(ctx, db, mods, rawPaths, log)
	lap("build", t0)
	var checks []CheckResult
	for _, c := range res {
		checks = append(checks, CheckResult{Model: c.Model, Check: c.Name, FailingRows: c.FailingRows})
	}
	if runErr != nil {
		if errors.Is(runErr, models.ErrCheckFailed) {
			return nil, fmt.Errorf("%w; nothing published: %v", ErrDataTests, runErr)
		}
		return nil, fmt.Errorf("build models: %w", runErr)
	}

	t0 = time.Now()
	step(4)
	at.crash("export")
	martDir := filepath.Join(stage.Dir(), "marts")
	if err := os.MkdirAll(martDir, 0o755); err != nil {
		return nil, err
	}
	counts, err := models.Export(ctx, db, mods.Layer(models.LayerMarts), martDir)
	if err != nil {
		return nil, fmt.Errorf("export marts: %w", err)
	}
	names := make([]string, 0, len(counts))
	for name := range counts {
		names = append(names, name)
	}
	sort.Strings(names)
	for _, name := range names {
		rel := "marts/" + name + ".parquet"
		sum, err := fileSHA256(filepath.Join(stage.Dir(), rel))
		if err != nil {
			return nil, err
		}
		tables = append(tables, TableInfo{Name: name, Layer: "mart", Path: rel, Rows: counts[name], SHA256: sum})
	}
	lap("export", t0)

	t0 = time.Now()
	if err := recordTestHistory(stage.Dir(), hist, res, id, started); err != nil {
		return nil, err
	}
	tables = append(tables, hist.tables...)
	if err := writeViews(stage.Dir(), tables); err != nil {
		return nil, err
	}
	timings["history"] = (historyTime + time.Since(t0)).Milliseconds()

	man := Manifest{
		Snapshot:  id,
		CreatedAt: started.UTC().Format(time.RFC3339),
		AsOf:      cfg.AsOf.String(),
		Versions: map[string]string{
			"synergy": cfg.Version, "duckdb": duckVersion, "go": runtime.Version(),
		},
		Inputs: raw.Inputs, Tables: tables, Rejects: rejects,
		Discrepancies: countConflicts(raw.Discrepancies), Checks: checks, TimingsMS: timings,
		GuardCounts: guards, Fingerprint: fp,
		HistoryChanges: hist.changes, HistoryNotes: hist.notes,
	}
	if cfg.CodeVersion != "" {
		man.Versions["code"] = cfg.CodeVersion
	}
	timings["total_before_publish"] = time.Since(started).Milliseconds()
	at.crash("manifest")
	if err := writeJSON(filepath.Join(stage.Dir(), "manifest.json"), man); err != nil {
		return nil, err
	}
	if !cfg.Replay {
		local := []Input{manIn}
		for _, in := range raw.Inputs {
			if !in.Remote {
				local = append(local, in)
			}
		}
		if err := keepInputs(store, cfg, local); err != nil {
			return nil, fmt.Errorf("keep inputs for replay: %w", err)
		}
	}
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	step(5)
	at.crash("commit")
	final, err := stage.Commit()
	if err != nil {
		return nil, err
	}
	log.Info("published", "snapshot", id, "dir", final)
	progress(len(Steps), "published", true)
	return &Summary{Manifest: man, SnapshotDir: final}, nil
}

// countConflicts counts the fields on which sources disagreed (not mere fills).
func countConflicts(rows []record.SourceDiscrepancy) int {
	seen := map[string]bool{}
	for _, r := range rows {
		if r.Rule != csvsrc.RuleFilled {
			seen[r.Entity+"\x00"+r.EntityKey+"\x00"+r.Field] = true
		}
	}
	return len(seen)
}

// snapshotID names a snapshot by its start time and a digest of its inputs, so two
// runs are told apart and the same inputs are recognisable.
func snapshotID(t time.Time, inputs []Input) string {
	h := sha256.New()
	for _, in := range inputs {
		fmt.Fprintf(h, "%s %s\n", in.File, in.SHA256)
	}
	return t.UTC().Format("20060102T150405.000Z") + "-" + hex.EncodeToString(h.Sum(nil))[:8]
}

func writeRaw(dir string, raw *Raw) ([]TableInfo, error) {
	if err := os.MkdirAll(filepath.Join(dir, "raw"), 0o755); err != nil {
		return nil, err
	}
	var out []TableInfo
	add := func(name string, rows int, write func(f *os.File) error) error {
		rel := "raw/" + name + ".parquet"
		path := filepath.Join(dir, rel)
		f, err := os.Create(path)
		if err != nil {
			return err
		}
		if err := write(f); err != nil {
			f.Close()
			return fmt.Errorf("write %s: %w", rel, err)
		}
		if err := f.Close(); err != nil {
			return err
		}
		sum, err := fileSHA256(path)
		if err != nil {
			return err
		}
		out = append(out, TableInfo{Name: name, Layer: "raw", Path: rel, Rows: int64(rows), SHA256: sum})
		return nil
	}
	steps := []struct {
		name  string
		rows  int
		write func(f *os.File) error
	}{
		{"instruments", len(raw.Instruments), func(f *os.File) error { return parquetout.Write(f, raw.Instruments) }},
		{"instrument_articles", len(raw.Articles), func(f *os.File) error { return parquetout.Write(f, raw.Articles) }},
		{"standing_agendas", len(raw.StandingAgendas), func(f *os.File) error { return parquetout.Write(f, raw.StandingAgendas) }},
		{"states", len(raw.States), func(f *os.File) error { return parquetout.Write(f, raw.States) }},
		{"state_names", len(raw.StateNames), func(f *os.File) error { return parquetout.Write(f, raw.StateNames) }},
		{"participation", len(raw.Participation), func(f *os.File) error { return parquetout.Write(f, raw.Participation) }},
		{"meetings", len(raw.Meetings), func(f *os.File) error { return parquetout.Write(f, raw.Meetings) }},
		{"agenda_items", len(raw.AgendaItems), func(f *os.File) error { return parquetout.Write(f, raw.AgendaItems) }},
		{"themes", len(raw.Themes), func(f *os.File) error { return parquetout.Write(f, raw.Themes) }},
		{"agenda_item_themes", len(raw.ItemThemes), func(f *os.File) error { return parquetout.Write(f, raw.ItemThemes) }},
		{"obligations", len(raw.Obligations), func(f *os.File) error { return parquetout.Write(f, raw.Obligations) }},
		{"rejects", len(raw.Rejects), func(f *os.File) error { return parquetout.Write(f, raw.Rejects) }},
		{"source_discrepancies", len(raw.Discrepancies), func(f *os.File) error { return parquetout.Write(f, raw.Discrepancies) }},
	}
	for _, s := range steps {
		if err := add(s.name, s.rows, s.write); err != nil {
			return nil, err
		}
	}
	return out, nil
}

// writeViews writes views.sql: `.read views.sql` in any DuckDB client started in the
// snapshot folder makes every table queryable by name. Paths are relative so a
// copied or moved snapshot still works.
func writeViews(dir string, tables []TableInfo) error {
	var b strings.Builder
	b.WriteString("-- synergy snapshot views: run `.read views.sql` from this folder.\n")
	for _, t := range tables {
		fmt.Fprintf(&b, "create or replace view %s as select * from read_parquet('%s');\n", t.Name, t.Path)
	}
	return os.WriteFile(filepath.Join(dir, "views.sql"), []byte(b.String()), 0o644)
}

func writeJSON(path string, v any) error {
	data, err := json.MarshalIndent(v, "", "  ")
	if err != nil {
		return err
	}
	return os.WriteFile(path, append(data, '\n'), 0o644)
}

func fileSHA256(path string) (string, error) {
	in, err := checksum(filepath.Dir(path), path)
	return in.SHA256, err
}
