package report_test

import (
	"context"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"sync"
	"testing"

	"synergy/pipeline/civil"
	"synergy/pipeline/job"
	"synergy/pipeline/report"
	published "synergy/pipeline/snapshot"
	"synergy/pipeline/warehouse"
)

// The shipped datasets, relative to this package, and the fixed run date of the
// golden snapshot (as in pipeline/cli's tests).
const (
	datasets = "../../datasets"
	asOf     = "2026-11-27"
)

// shared is one pipeline run on the shipped datasets, made on first use and
// removed by TestMain: building it takes seconds, and every test only reads it.
var shared struct {
	once sync.Once
	root string
	db   *warehouse.DB
	snap report.Snapshot
	err  error
}

func TestMain(m *testing.M) {
	code := m.Run()
	if shared.db != nil {
		shared.db.Close()
	}
	if shared.root != "" {
		os.RemoveAll(shared.root)
	}
	os.Exit(code)
}

// snapshot returns a querier over the published tables of the shared run, and the
// snapshot's identity as the cli passes it to report.Build.
func snapshot(t *testing.T) (*warehouse.DB, report.Snapshot) {
	t.Helper()
	shared.once.Do(func() {
		shared.err = func() error {
			root, err := os.MkdirTemp("", "synergy-report-test-")
			if err != nil {
				return err
			}
			shared.root = root
			day, err := civil.ParseDay(asOf)
			if err != nil {
				return err
			}
			ctx := context.Background()
			out := filepath.Join(root, "out")
			if _, err := job.Run(ctx, job.Config{DatasetsDir: datasets, OutDir: out, AsOf: day, Version: "test"}); err != nil {
				return fmt.Errorf("pipeline run: %w", err)
			}
			dir, err := published.Current(out)
			if err != nil {
				return err
			}
			data, err := os.ReadFile(filepath.Join(dir, "manifest.json"))
			if err != nil {
				return err
			}
			var man published.Manifest
			if err := json.Unmarshal(data, &man); err != nil {
				return err
			}
			db, err := warehouse.Open(ctx, warehouse.Options{TempDir: filepath.Join(root, "duckdb")})
			if err != nil {
				return err
			}
			shared.db = db
			for _, tb := range man.Tables {
				path := filepath.Join(dir, filepath.FromSlash(tb.Path))
				if err := db.Exec(ctx, fmt.Sprintf("create view %s as select * from read_parquet(%s)", tb.Name, warehouse.QuoteString(path))); err != nil {
					return fmt.Errorf("register %s: %w", tb.Name, err)
				}
			}
			shared.snap = report.Snapshot{ID: man.Snapshot, CreatedAt: man.CreatedAt, AsOf: man.AsOf, Versions: man.Versions}
			for _, in := range man.Inputs {
				shared.snap.Inputs = append(shared.snap.Inputs, report.Input{Source: in.Source, File: in.File,
					Format: in.Format, SHA256: in.SHA256, Bytes: in.Bytes})
			}
			return nil
		}()
	})
	if shared.err != nil {
		t.Fatalf("snapshot for the report tests: %v", shared.err)
	}
	return shared.db, shared.snap
}

// build builds the report for period in lang from the shared snapshot.
func build(t *testing.T, period report.Period, lang report.Lang) *report.Report {
	t.Helper()
	db, snap := snapshot(t)
	r, err := report.Build(t.Context(), db, report.Options{Period: period, Lang: lang, Snapshot: snap})
	if err != nil {
		t.Fatalf("Build %s %s: %v", period, lang, err)
	}
	return r
}
