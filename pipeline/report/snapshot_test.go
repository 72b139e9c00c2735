package report_test

import (
	"context"
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
	snap published.Manifest
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
func snapshot(t *testing.T) (*warehouse.DB, published.Manifest) {
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
			snap, err := published.Open(out, "")
			if err != nil {
				return err
			}
			db, err := warehouse.Open(ctx, warehouse.Options{TempDir: filepath.Join(root, "duckdb")})
			if err != nil {
				return err
			}
			shared.db = db
			if err := db.Exec(ctx, snap.ViewsSQL()); err != nil {
				return fmt.Errorf("register the snapshot's tables: %w", err)
			}
			shared.snap = snap.Manifest
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
