package job

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"os"
	"path/filepath"
	"runtime"
	"runtime/debug"
	"sort"
	"time"

	"synergy/pipeline/changes"
	"synergy/pipeline/csvsrc"
	"synergy/pipeline/models"
	"synergy/pipeline/rawtable"
	"synergy/pipeline/snapshot"
	"synergy/pipeline/sources"
	"synergy/pipeline/sources/archive"
	"synergy/pipeline/warehouse"
	sqlmodels "synergy/sql"
)

// runState is what the steps of one run hand on to each other.
type runState struct {
	cfg      Config
	log      *slog.Logger
	progress func(step int, name string, done bool)
	crash    func(point string)
	started  time.Time
	timings  map[string]int64

	id       string // the snapshot's id, once the inputs are read
	raw      *Raw
	rejects  snapshot.RejectSummary
	guards   map[string]int
	tables   []snapshot.Table
	hist     *historyResult
	checks   []models.CheckResult
	mods     *models.Project
	after    *models.Project // the models built after the plan backtest
	plan     *buildPlan      // full or incremental (incremental.go)
	rawPaths models.RawTables
	// sameMarts are the marts an incremental build left exactly as published:
	// the export links the published file instead of writing it again.
	sameMarts map[string]bool
	// store keeps the fetched sources and inputs; the versions this run keeps
	// carry runName, and its outcome is recorded there at the end.
	store   *archive.Store
	runName string
	keeping *blobCopy // inputs being copied into store beside the build (keep.go)
}

func newRun(cfg Config) *runState {
	r := &runState{cfg: cfg, log: cfg.Logger, progress: cfg.Progress, crash: cfg.Crash,
		started: time.Now(), timings: map[string]int64{}}
	r.runName = fmt.Sprintf("%s-%d", r.started.UTC().Format("20060102T150405.000Z"), os.Getpid())
	if r.log == nil {
		r.log = slog.New(slog.DiscardHandler)
	}
	if r.progress == nil {
		r.progress = func(int, string, bool) {}
	}
	if r.crash == nil {
		r.crash = func(string) {}
	}
	return r
}

// step announces step i (from 1) of Steps.
func (r *runState) step(i int) { r.progress(i, Steps[i-1], false) }

// lap records the time a stage took since t0.
func (r *runState) lap(name string, t0 time.Time) { r.timings[name] = time.Since(t0).Milliseconds() }

// sourcesRead is what a run reads before it ingests: where the inputs are, which
// files they are, and what is published already.
type sourcesRead struct {
	datasetsDir string // cfg.DatasetsDir, or the replayed inputs' temporary folder
	manifest    *sources.Manifest
	manifestIn  Input                   // sources.json itself, checksummed
	remote      map[string]string       // stored file per URL source
	failed      []changes.SourceFailure // URL sources read from their last good version
	inputs      []Input
	files       map[string][]string // each source's files, by source name
	fingerprint string
	published   *snapshot.Snapshot // nil on a first run
	store       *archive.Store
	cleanup     func()
}

// readSources opens the kept-sources store, finds the inputs (the datasets folder,
// or the versions kept as of the as-of day when replaying), fetches URL sources,
// checksums every file and fingerprints the run.
func (r *runState) readSources(ctx context.Context) (*sourcesRead, error) {
	in := &sourcesRead{datasetsDir: r.cfg.DatasetsDir, cleanup: func() {}}
	var err error
	if in.store, err = archive.Open(filepath.Join(r.cfg.OutDir, snapshot.SourcesDir)); err != nil {
		return nil, err
	}
	in.store.Run, r.store = r.runName, in.store
	if r.cfg.Replay {
		dir, cleanup, err := materialize(in.store, r.cfg.AsOf)
		if err != nil {
			return nil, err
		}
		in.datasetsDir, in.cleanup = dir, cleanup
		r.log.Info("replaying kept inputs", "as_of", r.cfg.AsOf.String())
	}
	if err := r.listSources(ctx, in); err != nil {
		in.cleanup()
		return nil, err
	}
	return in, nil
}

// listSources parses sources.json, brings the URL sources and checksums every input.
func (r *runState) listSources(ctx context.Context, in *sourcesRead) error {
	path := filepath.Join(in.datasetsDir, r.cfg.sourcesFile())
	f, err := os.Open(path)
	if err != nil {
		return fmt.Errorf("open sources manifest: %w", err)
	}
	in.manifest, err = sources.Parse(f, path)
	f.Close()
	if err != nil {
		return err
	}
	var origins map[string]string
	if in.remote, origins, in.failed, err = remoteFiles(ctx, r.cfg, in.manifest, in.store); err != nil {
		return err
	}
	for _, f := range in.failed {
		r.log.Error("source not read; its last good version is used", "source", f.Source, "url", f.URL, "err", f.Error, "kept", f.Kept)
	}
	if in.manifestIn, err = checksum(in.datasetsDir, path); err != nil {
		return err
	}
	if in.inputs, in.files, err = listInputs(in.datasetsDir, in.manifest, in.remote); err != nil {
		return err
	}
	for i, x := range in.inputs {
		if x.Remote {
			in.inputs[i].FinalURL = origins[x.Source]
		}
	}
	if in.fingerprint, err = fingerprint(r.cfg, in.manifestIn, in.inputs); err != nil {
		return err
	}
	in.published, err = snapshot.Published(r.cfg.OutDir)
	return err
}

// ingest reads and validates every input (step 1), refuses rejects under --strict
// and a refresh that shrank, and names the snapshot.
func (r *runState) ingest(in *sourcesRead) error {
	t0 := time.Now()
	r.step(1)
	r.crash("ingest")
	r.log.Info("ingest", "datasets", in.datasetsDir, "sources", len(in.manifest.Sources))
	raw, err := r.ingestReusing(in)
	if err != nil {
		return fmt.Errorf("ingest: %w", err)
	}
	r.lap("ingest", t0)
	r.raw = raw
	r.rejects = snapshot.RejectSummary{Total: len(raw.Rejects), ByFile: map[string]int{}}
	for _, rj := range raw.Rejects {
		r.rejects.ByFile[rj.SourceFile]++
	}
	r.log.Info("ingested", "participation", len(raw.Participation), "meetings", len(raw.Meetings),
		"agenda_items", raw.AgendaItems.Len(), "rejects", r.rejects.Total)
	if r.cfg.Strict && r.rejects.Total > 0 {
		first := raw.Rejects[0]
		return fmt.Errorf("%w: %d (first: %s:%d %s: %s)", ErrRejects, r.rejects.Total,
			first.SourceFile, first.Line, first.Field, first.Reason)
	}
	r.guards = guardCounts(raw)
	if err := r.guardShrink(); err != nil {
		return err
	}
	r.id = snapshot.ID(r.started, raw.Inputs)
	return nil
}

// ingestReusing ingests the inputs, copying the published rows of the agenda
// files that did not change (agendaReuse); when the published rows do not read
// as a full ingest wrote them, it reads every file instead.
func (r *runState) ingestReusing(in *sourcesRead) (*Raw, error) {
	var raw *Raw
	reuse, why, err := openAgendaReuse(r.cfg, in.inputs, in.published)
	if err == nil && reuse == nil {
		r.log.Info("ingest: every agenda file read", "reason", why)
		return ingest(in.datasetsDir, in.manifest, r.cfg.AsOf, in.remote, in.files, in.inputs, nil)
	}
	if err == nil {
		raw, err = ingest(in.datasetsDir, in.manifest, r.cfg.AsOf, in.remote, in.files, in.inputs, reuse)
		reuse.close()
		if err == nil {
			r.log.Info("ingest: published rows of unchanged agenda files copied", "files_copied", reuse.copied,
				"files_read", countFormat(in.inputs, "agenda")-reuse.copied)
		}
	}
	if !errors.Is(err, errAgendaReuse) {
		return raw, err
	}
	r.log.Warn("ingest: every agenda file read again", "err", err)
	return ingest(in.datasetsDir, in.manifest, r.cfg.AsOf, in.remote, in.files, in.inputs, nil)
}

// countFormat counts the inputs of format.
func countFormat(inputs []Input, format string) int {
	n := 0
	for _, x := range inputs {
		if x.Format == format {
			n++
		}
	}
	return n
}

// guardShrink compares the guarded counts with the largest of the last
// ShrinkWindow published snapshots (checkShrink); a replay rebuilds what was
// published and is not guarded.
func (r *runState) guardShrink() error {
	if r.cfg.Replay {
		return nil
	}
	window := r.cfg.ShrinkWindow
	if window <= 0 {
		window = DefaultShrinkWindow
	}
	recent, err := snapshot.Recent(r.cfg.OutDir, window)
	if err != nil {
		return err
	}
	notes, err := checkShrink(recent, r.guards)
	for _, n := range notes {
		r.log.Warn("shrink guard: depositary-filled parties", "note", n)
	}
	if err != nil && r.cfg.AllowShrink {
		r.log.Warn("published although inputs shrank (--allow-shrink)", "err", err)
		return nil
	}
	return err
}

// writeRaw writes the raw Parquet tables into the staging folder (step 2), then the
// history observations, which drop the rows; the memory goes back to the system
// before DuckDB takes its share.
func (r *runState) writeRaw(ctx context.Context, stageDir string, in *sourcesRead) error {
	t0 := time.Now()
	r.step(2)
	r.crash("write-raw")
	tables, err := writeRaw(stageDir, r.raw)
	if err != nil {
		return err
	}
	r.tables = tables
	r.lap("write_raw", t0)

	t0 = time.Now()
	prevDir := ""
	if in.published != nil {
		prevDir = in.published.Dir
	}
	r.hist, err = observeHistory(ctx, stageDir, prevDir, r.raw, r.id, r.cfg.AsOf, r.warehouseOptions(), r.log)
	if err != nil {
		return err
	}
	r.timings["history"] = time.Since(t0).Milliseconds()
	debug.FreeOSMemory()
	return nil
}

// warehouseOptions are the settings of the run's DuckDB.
func (r *runState) warehouseOptions() warehouse.Options {
	return warehouse.Options{Threads: r.cfg.Threads, MemoryLimit: r.cfg.MemoryLimit, SpillLimit: r.cfg.SpillLimit}
}

// warehouseRun is the run's DuckDB and its private scratch folder.
type warehouseRun struct {
	db      *warehouse.DB
	tmp     string
	version string
}

// close closes the database, which removes its temporary folder.
func (w *warehouseRun) close() {
	w.db.Close()
}

// openWarehouse opens the run's DuckDB with its own temporary folder, which a
// later run removes if this one is killed (warehouse.RemoveStaleTemp).
func (r *runState) openWarehouse(ctx context.Context) (*warehouseRun, error) {
	db, err := warehouse.Open(ctx, r.warehouseOptions())
	if err != nil {
		return nil, err
	}
	w := &warehouseRun{db: db, tmp: db.TempDir()}
	if w.version, err = db.Version(ctx); err != nil {
		w.close()
		return nil, err
	}
	return w, nil
}

// build runs the SQL models over the raw Parquet and their data tests (step 3):
// every model but those that read the planner's tables, which the plan backtest
// step makes and then builds (r.after).
func (r *runState) build(ctx context.Context, wh *warehouseRun, stageDir string, published *snapshot.Snapshot) error {
	t0 := time.Now()
	r.step(3)
	r.crash("build")
	mods, err := models.Load(sqlmodels.FS)
	if err != nil {
		return err
	}
	r.mods = mods
	before, after, err := mods.Split(plannerTables...)
	if err != nil {
		return err
	}
	r.after = after
	rawPaths := map[string]string{}
	for _, t := range r.tables {
		rawPaths[t.Name] = filepath.Join(stageDir, filepath.FromSlash(t.Path))
	}
	r.rawPaths = rawPaths
	t1 := time.Now()
	if r.plan, err = r.planBuild(ctx, wh, published, mods, rawPaths); err != nil {
		return err
	}
	r.lap("build_plan", t1)
	b := r.plan.info
	r.log.Info("build", "build_mode", b.Mode, "reason", b.Reason, "years", len(b.Years), "meetings", b.Meetings)
	res, runErr := r.runModels(ctx, wh, before)
	r.lap("build", t0)
	r.checks = res
	return modelsError(runErr)
}

// runModels builds p in the run's DuckDB as r.plan says: whole, or the
// partitions of r.plan.rebuild merged with the published marts.
func (r *runState) runModels(ctx context.Context, wh *warehouseRun, p *models.Project) ([]models.CheckResult, error) {
	if r.plan.rebuild == nil {
		return models.Run(ctx, modelsDB{wh.db}, p, r.rawPaths, r.log)
	}
	res, same, err := models.RunPartial(ctx, modelsDB{wh.db}, p, r.rawPaths, r.plan.rebuild, r.log)
	if r.sameMarts == nil {
		r.sameMarts = map[string]bool{}
	}
	for _, name := range same {
		r.sameMarts[name] = true
	}
	return res, err
}

// modelsError is the run's error for models.Run's.
func modelsError(runErr error) error {
	switch {
	case runErr == nil:
		return nil
	case errors.Is(runErr, models.ErrCheckFailed):
		return fmt.Errorf("%w; nothing published: %v", ErrDataTests, runErr)
	}
	return fmt.Errorf("build models: %w", runErr)
}

// export writes every mart as Parquet into the staging folder (step 5).
func (r *runState) export(ctx context.Context, wh *warehouseRun, stageDir string) error {
	t0 := time.Now()
	r.step(5)
	r.crash("export")
	martDir := filepath.Join(stageDir, "marts")
	if err := os.MkdirAll(martDir, 0o755); err != nil {
		return err
	}
	var changed []*models.Model
	for _, m := range r.mods.Layer(models.LayerMarts) {
		if !r.sameMarts[m.Name] {
			changed = append(changed, m)
		}
	}
	counts, err := models.Export(ctx, wh.db, changed, martDir)
	if err != nil {
		return fmt.Errorf("export marts: %w", err)
	}
	if err := r.linkSameMarts(martDir, counts); err != nil {
		return fmt.Errorf("export marts: %w", err)
	}
	names := make([]string, 0, len(counts))
	for name := range counts {
		names = append(names, name)
	}
	sort.Strings(names)
	for _, name := range names {
		rel := "marts/" + name + ".parquet"
		sum, err := fileSHA256(filepath.Join(stageDir, rel))
		if err != nil {
			return err
		}
		r.tables = append(r.tables, snapshot.Table{Name: name, Layer: snapshot.LayerMart, Path: rel,
			Rows: counts[name], SHA256: sum})
	}
	r.lap("export", t0)
	return nil
}

// writeManifest finishes the test history, writes views.sql and manifest.json.
func (r *runState) writeManifest(stageDir string, in *sourcesRead, duckVersion string) (*snapshot.Manifest, error) {
	t0 := time.Now()
	if err := recordTestHistory(stageDir, r.hist, r.checks, r.id, r.started); err != nil {
		return nil, err
	}
	r.tables = append(r.tables, r.hist.tables...)
	if err := snapshot.WriteViews(stageDir, r.tables); err != nil {
		return nil, err
	}
	r.timings["history"] += time.Since(t0).Milliseconds()
	if err := r.writeChanges(stageDir, in); err != nil {
		return nil, err
	}
	var files []snapshot.File
	for _, name := range []string{snapshot.ChangesJSONFile, snapshot.ChangesMarkdownFile} {
		sum, err := fileSHA256(filepath.Join(stageDir, name))
		if err != nil {
			return nil, err
		}
		files = append(files, snapshot.File{Path: name, SHA256: sum})
	}
	checks := make([]snapshot.Check, len(r.checks))
	for i, c := range r.checks {
		checks[i] = snapshot.Check{Model: c.Model, Check: c.Name, FailingRows: c.FailingRows}
	}
	man := &snapshot.Manifest{
		Snapshot:  r.id,
		CreatedAt: r.started.UTC().Format(time.RFC3339),
		AsOf:      r.cfg.AsOf.String(),
		Versions:  map[string]string{"synergy": r.cfg.Version, "duckdb": duckVersion, "go": runtime.Version()},
		Inputs:    r.raw.Inputs, Tables: r.tables, Rejects: r.rejects,
		Discrepancies: countConflicts(r.raw.Discrepancies), Checks: checks, TimingsMS: r.timings,
		GuardCounts: r.guards, Fingerprint: in.fingerprint,
		HistoryChanges: r.hist.changes, HistoryNotes: r.hist.notes, Files: files, Replay: r.cfg.Replay,
		Build: &r.plan.info,
	}
	if r.cfg.CodeVersion != "" {
		man.Versions["code"] = r.cfg.CodeVersion
	}
	r.timings["total_before_publish"] = time.Since(r.started).Milliseconds()
	r.crash("manifest")
	return man, snapshot.WriteManifest(stageDir, man)
}

// keepInputs keeps this run's local inputs for replay (a replay keeps nothing new):
// it finishes the copy startKeeping began (starting it now if the run did not),
// then stores the listing.
func (r *runState) keepInputs(in *sourcesRead) error {
	if r.cfg.Replay {
		return nil
	}
	if r.keeping == nil {
		if err := r.startKeeping(in); err != nil {
			return err
		}
	}
	err := r.waitKeeping()
	if err == nil {
		err = recordListing(in.store, r.cfg, r.keeping.listing)
	}
	if err != nil {
		return fmt.Errorf("keep inputs for replay: %w", err)
	}
	return nil
}

// publish switches current to the staged snapshot (step 6), unless the run was
// cancelled meanwhile.
func (r *runState) publish(ctx context.Context, stage *snapshot.Staging, man *snapshot.Manifest) (*Summary, error) {
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	r.step(6)
	r.crash("commit")
	commit, aside := stage.Commit, r.cfg.Replay && !r.cfg.SetCurrent
	if aside { // a day rebuilt does not replace the latest run's snapshot
		commit = stage.CommitAside
	}
	final, err := commit()
	if err != nil {
		return nil, err
	}
	r.log.Info("published", "snapshot", r.id, "dir", final, "current", !aside)
	r.progress(len(Steps), "published", true)
	return &Summary{Manifest: *man, SnapshotDir: final, Aside: aside}, nil
}

// countConflicts counts the fields on which sources disagreed (not mere fills).
func countConflicts(rows []rawtable.SourceDiscrepancy) int {
	seen := map[string]bool{}
	for _, d := range rows {
		if d.Rule != csvsrc.RuleFilled {
			seen[d.Entity+"\x00"+d.EntityKey+"\x00"+d.Field] = true
		}
	}
	return len(seen)
}

func fileSHA256(path string) (string, error) {
	in, err := checksum(filepath.Dir(path), path)
	return in.SHA256, err
}
