package job

import (
	"errors"
	"fmt"
	"io"
	"log/slog"
	"os"
	"path/filepath"
	"time"

	"synergy/pipeline/civil"
	"synergy/pipeline/history"
	"synergy/pipeline/models"
	"synergy/pipeline/rawtable"
	"synergy/pipeline/snapshot"
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
// the build, and drops raw's rows (Raw.dropRows) once it has read them, so that neither
// the observations nor DuckDB share the memory with them; recordTestHistory finishes
// the history once the data tests have run.
func observeHistory(stageDir, prevDir string, raw *Raw, id string, asOf civil.Day, log *slog.Logger) (*historyResult, error) {
	var prevObs []history.Observation
	out := &historyResult{}
	if prevDir != "" {
		var err error
		fsys := os.DirFS(prevDir)
		if prevObs, err = history.ReadObservations(fsys, history.ObservationsPath); err != nil {
			return nil, fmt.Errorf("read history: %w", err)
		}
		if out.prevResults, err = history.ReadResults(fsys, history.TestHistoryPath); err != nil {
			return nil, fmt.Errorf("read history: %w", err)
		}
	}
	var now []history.Current
	now = append(now, history.FromParticipation(raw.Participation)...)
	now = append(now, history.FromMeetings(raw.Meetings)...)
	if err := raw.AgendaItems.Scan(4096, func(rows []rawtable.AgendaItem) error {
		now = append(now, history.FromAgendaItems(rows)...)
		return nil
	}); err != nil {
		return nil, err
	}
	now = append(now, history.FromObligations(raw.Obligations)...)
	complete := map[string]bool{
		history.EntityParticipation: len(raw.Participation) > 0,
		history.EntityMeeting:       len(raw.Meetings) > 0,
		history.EntityAgendaItem:    raw.AgendaItems.Len() > 0,
		history.EntityObligation:    len(raw.Obligations) > 0,
	}
	// The rows are in raw Parquet already and in now; dropping them before the
	// observations are merged keeps the two copies from peaking together.
	raw.dropRows()
	obs, notes, err := history.Observe(prevObs, now, history.RunInfo{ID: id, AsOf: asOf, Complete: complete})
	switch {
	case errors.Is(err, history.ErrRunOrder):
		// A backfill (--as-of an earlier day) does not rewrite what was known later.
		log.Warn("history kept as published: this run's as-of day is before the history's last run", "err", err)
		obs = prevObs
	case err != nil:
		return nil, fmt.Errorf("history: %w", err)
	default:
		out.changes = history.CountChanges(obs, id)
	}
	for _, n := range notes {
		log.Warn("history", "note", n.String())
		out.notes = append(out.notes, n.String())
	}
	if err := os.MkdirAll(filepath.Join(stageDir, "history"), 0o755); err != nil {
		return nil, err
	}
	t, err := writeHistoryTable(stageDir, "observations", history.ObservationsPath, len(obs),
		func(w io.Writer) error { return history.WriteObservations(w, obs) })
	if err != nil {
		return nil, err
	}
	out.tables = append(out.tables, t)
	return out, nil
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
	t, err := writeHistoryTable(stageDir, "test_history", history.TestHistoryPath, len(results),
		func(w io.Writer) error { return history.WriteResults(w, results) })
	if err != nil {
		return err
	}
	h.tables = append(h.tables, t)
	return nil
}

func writeHistoryTable(stageDir, name, rel string, rows int, write func(io.Writer) error) (snapshot.Table, error) {
	path := filepath.Join(stageDir, filepath.FromSlash(rel))
	f, err := os.Create(path)
	if err != nil {
		return snapshot.Table{}, err
	}
	if err := write(f); err != nil {
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
	return snapshot.Table{Name: name, Layer: snapshot.LayerHistory, Path: rel, Rows: int64(rows), SHA256: sum}, nil
}
