package job

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"os"
	"path/filepath"
	"runtime/debug"
	"strconv"
	"strings"
	"time"

	"synergy/pipeline/civil"
	"synergy/pipeline/history"
	"synergy/pipeline/models"
	"synergy/pipeline/parquetout"
	"synergy/pipeline/rawtable"
	"synergy/pipeline/snapshot"
	"synergy/pipeline/warehouse"
	sqlmodels "synergy/sql"
)

// fingerprint digests what a run's outputs depend on: the sources manifest and every
// input file (as listInputs checksummed them), the SQL models, the code version and the
// as-of day.
func fingerprint(cfg Config, manifest Input, inputs []Input) (string, error) {
	sums := []InputSum{{File: manifest.File, SHA256: manifest.SHA256}}
	for _, in := range inputs {
		sums = append(sums, InputSum{File: in.File, SHA256: in.SHA256})
	}
	code := cfg.CodeVersion
	if cfg.NoPlanBacktest { // the same inputs give other tables without the backtest
		code += " no-plan-backtest"
	}
	return Fingerprint(sums, code, sqlmodels.FS, cfg.AsOf.String())
}

// historyResult is what observeHistory and recordTestHistory add to the snapshot.
type historyResult struct {
	tables      []snapshot.Table
	changes     map[string]map[string]int
	notes       []string
	prevResults []history.TestResult // the published test history, for recordTestHistory
}

// observeHistory carries the bitemporal observations from the published snapshot
// (prevDir, "" on a first run) into the staged one, adding this run's rows (package
// history; docs/history.md). An entity whose sources came back empty is carried
// forward unchanged, never ended. It runs after the raw Parquet is written and before
// the build: the records' canonical content is computed in Go and written to a
// scratch Parquet file, raw's rows are dropped (Raw.dropRows), and DuckDB merges
// that file with the published observations (history.ObserveFiles), so neither
// side holds a table in Go memory. recordTestHistory finishes the history once
// the data tests have run.
func observeHistory(ctx context.Context, stageDir, prevDir string, raw *Raw, id string, asOf civil.Day, opts warehouse.Options, log *slog.Logger) (*historyResult, error) {
	out := &historyResult{}
	prevPath := ""
	if prevDir != "" {
		var err error
		if out.prevResults, err = history.ReadResults(os.DirFS(prevDir), history.TestHistoryPath); err != nil {
			return nil, fmt.Errorf("read history: %w", err)
		}
		if p := filepath.Join(prevDir, filepath.FromSlash(history.ObservationsPath)); fileExists(p) {
			prevPath = p
		}
	}
	runLimit := opts.MemoryLimit
	opts.MemoryLimit = historyMemoryLimit(runLimit, prevPath != "")
	db, err := warehouse.Open(ctx, opts)
	if err != nil {
		return nil, err
	}
	defer db.Close()
	curPath := filepath.Join(db.TempDir(), "history_current.parquet")
	complete, err := writeCurrent(curPath, raw)
	if err != nil {
		return nil, fmt.Errorf("history: %w", err)
	}
	raw.dropRows()
	debug.FreeOSMemory() // the rows' memory goes back before DuckDB takes its share
	if err := os.MkdirAll(filepath.Join(stageDir, "history"), 0o755); err != nil {
		return nil, err
	}
	run := history.RunInfo{ID: id, AsOf: asOf, Complete: complete}
	var notes []history.Note
	t, err := writeHistoryTable(stageDir, "observations", history.ObservationsPath, func(w io.Writer) (int64, error) {
		ow := parquetout.NewWriter[history.Observation](w)
		var err error
		notes, out.changes, err = history.ObserveFiles(ctx, db, prevPath, curPath, run, ow.Write)
		if errors.Is(err, warehouse.ErrOutOfMemory) && opts.MemoryLimit != runLimit {
			// The cap keeps the history below the run's peak, but must not fail a
			// run the run's own limit can carry (a second run also joins the
			// published observations). ObserveFiles wrote nothing yet.
			log.Warn("history: out of memory under its cap, again under the run's memory limit",
				"cap", opts.MemoryLimit, "limit", runLimit, "err", err)
			if err = db.SetMemoryLimit(ctx, runLimit); err == nil {
				notes, out.changes, err = history.ObserveFiles(ctx, db, prevPath, curPath, run, ow.Write)
			}
		}
		if errors.Is(err, history.ErrRunOrder) {
			// A backfill (--as-of an earlier day) does not rewrite what was known later.
			log.Warn("history kept as published: this run's as-of day is before the history's last run", "err", err)
			err = copyObservations(prevPath, ow)
		}
		if err != nil {
			return 0, err
		}
		return ow.Rows(), ow.Close()
	})
	if err != nil {
		return nil, err
	}
	for _, n := range notes {
		log.Warn("history", "note", n.String())
		out.notes = append(out.notes, n.String())
	}
	out.tables = append(out.tables, t)
	return out, nil
}

// writeCurrent writes this run's records with their canonical content
// (history.CurrentRow) as Parquet at path, and reports which entities it has rows
// of: those are complete.
func writeCurrent(path string, raw *Raw) (map[string]bool, error) {
	f, err := os.Create(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	w := parquetout.NewScratchWriter[history.CurrentRow](f, currentBatch)
	err = errors.Join(
		writeEntity(w, raw.Participation, history.FromParticipation),
		writeEntity(w, raw.Meetings, history.FromMeetings),
		raw.AgendaItems.Scan(currentBatch, func(rows []rawtable.AgendaItem) error {
			return writeCurrentRows(w, history.FromAgendaItems(rows))
		}),
		writeEntity(w, raw.Obligations, history.FromObligations),
	)
	if err != nil {
		return nil, err
	}
	if err := w.Close(); err != nil {
		return nil, err
	}
	complete := map[string]bool{
		history.EntityParticipation: len(raw.Participation) > 0,
		history.EntityMeeting:       len(raw.Meetings) > 0,
		history.EntityAgendaItem:    raw.AgendaItems.Len() > 0,
		history.EntityObligation:    len(raw.Obligations) > 0,
	}
	return complete, f.Close()
}

// writeEntity writes the records of one raw table a batch at a time.
func writeEntity[T any](w *parquetout.Writer[history.CurrentRow], rows []T, from func([]T) []history.Current) error {
	for lo := 0; lo < len(rows); lo += currentBatch {
		if err := writeCurrentRows(w, from(rows[lo:min(lo+currentBatch, len(rows))])); err != nil {
			return err
		}
	}
	return nil
}

// currentBatch is how many records writeCurrent encodes at once.
const currentBatch = 4096

// writeCurrentRows computes the canonical content of cs on every CPU, a batch at
// a time, and writes it in the order of cs.
func writeCurrentRows(w *parquetout.Writer[history.CurrentRow], cs []history.Current) error {
	rows := make([]history.CurrentRow, min(len(cs), currentBatch))
	for lo := 0; lo < len(cs); lo += currentBatch {
		batch := cs[lo:min(lo+currentBatch, len(cs))]
		const share = 512
		shares := (len(batch) + share - 1) / share
		_ = parallel(shares, func(s int) error { // never fails
			for i := s * share; i < min((s+1)*share, len(batch)); i++ {
				rows[i] = history.RowOf(batch[i])
			}
			return nil
		})
		if err := w.Write(rows[:len(batch)]); err != nil {
			return err
		}
	}
	return nil
}

// copyObservations writes the published observations at path ("" for none)
// unchanged to w.
func copyObservations(path string, w *parquetout.Writer[history.Observation]) error {
	if path == "" {
		return nil
	}
	return parquetout.ScanFile(path, currentBatch, w.Write)
}

// historyMemory is the most memory the history's DuckDB takes on a first run: its
// sort of every observation spills beyond it, where holding it would make the
// history the run's peak (1.4 million records at scale 1000: 256 MiB ran out,
// 512 MiB kept the history below the ingest's peak).
const historyMemory = 512 << 20

// historyMemoryLimit is the run's memory limit (DuckDB's syntax, "" for its
// default), capped at historyMemory on a first history. One that also joins the
// published observations (joined) takes the run's limit: under 512 MiB, and
// under 1 GiB, that merge ran out at scale 1000 and lost 6–12 s before running
// again under the run's limit.
func historyMemoryLimit(limit string, joined bool) string {
	if joined {
		return limit
	}
	if n, ok := parseBytes(limit); ok && n < historyMemory {
		return limit
	}
	return strconv.Itoa(historyMemory>>20) + "MiB"
}

// parseBytes reads a size as DuckDB's memory_limit takes it: "1GB", "512 MiB".
func parseBytes(s string) (int64, bool) {
	s = strings.ToUpper(strings.TrimSpace(s))
	i := strings.IndexFunc(s, func(r rune) bool { return (r < '0' || r > '9') && r != '.' })
	if i <= 0 {
		return 0, false
	}
	n, err := strconv.ParseFloat(s[:i], 64)
	units := map[string]float64{"B": 1, "KB": 1e3, "MB": 1e6, "GB": 1e9, "TB": 1e12,
		"KIB": 1 << 10, "MIB": 1 << 20, "GIB": 1 << 30, "TIB": 1 << 40}
	unit, ok := units[strings.TrimSpace(s[i:])]
	if err != nil || !ok {
		return 0, false
	}
	return int64(n * unit), true
}

func fileExists(path string) bool {
	_, err := os.Stat(path)
	return err == nil
}

// recordTestHistory appends this run's data-test results to the published test
// history and writes it into the staged snapshot, after observeHistory.
func recordTestHistory(stageDir string, h *historyResult, checks []models.CheckResult, id string, started time.Time) error {
	var cur []history.TestResult
	for _, c := range checks {
		cur = append(cur, history.TestResult{RunID: id, SnapshotID: id, RunAt: started.UTC(),
			Model: c.Model, Check: c.Name, FailingRows: c.FailingRows, Passed: c.Passed()})
	}
	results := history.AppendResults(h.prevResults, cur)
	t, err := writeHistoryTable(stageDir, "test_history", history.TestHistoryPath,
		func(w io.Writer) (int64, error) { return int64(len(results)), history.WriteResults(w, results) })
	if err != nil {
		return err
	}
	h.tables = append(h.tables, t)
	return nil
}

// writeHistoryTable writes the history table name at rel in the staging folder;
// write returns the rows it wrote.
func writeHistoryTable(stageDir, name, rel string, write func(io.Writer) (int64, error)) (snapshot.Table, error) {
	path := filepath.Join(stageDir, filepath.FromSlash(rel))
	f, err := os.Create(path)
	if err != nil {
		return snapshot.Table{}, err
	}
	rows, err := write(f)
	if err != nil {
		f.Close()
		return snapshot.Table{}, fmt.Errorf("write %s: %w", rel, err)
	}
	if err := f.Close(); err != nil {
		return snapshot.Table{}, err
	}
	sum, err := fileSHA256(path)
	if err != nil {
		return snapshot.Table{}, err
	}
	return snapshot.Table{Name: name, Layer: snapshot.LayerHistory, Path: rel, Rows: rows, SHA256: sum}, nil
}
