package models_test

import (
	"bytes"
	"errors"
	"go/build"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/google/go-cmp/cmp"

	"synergy/pipeline/models"
	"synergy/pipeline/warehouse"
)

// The package must build without the DuckDB driver.
func TestNoDriverImport(t *testing.T) {
	bp, err := build.ImportDir(".", 0)
	if err != nil {
		t.Fatal(err)
	}
	if len(bp.Imports) == 0 {
		t.Fatal("no imports found: the test reads the wrong folder")
	}
	for _, path := range bp.Imports {
		if strings.Contains(path, "duckdb") || path == "synergy/pipeline/warehouse" {
			t.Errorf("package models imports %s", path)
		}
	}
}

// All raw tables empty: everything builds, every check passes, marts are empty.
func TestRunEmptyInputs(t *testing.T) {
	db := openTestDB(t)
	raw := writeRaw(t, db, nil)
	p := loadProject(t)
	results, err := models.Run(t.Context(), db, p, raw, nil)
	if err != nil {
		t.Fatalf("Run: %v", err)
	}
	n := 0
	for _, m := range p.Models {
		n += len(m.Checks)
	}
	if len(results) != n {
		t.Errorf("%d results, want %d", len(results), n)
	}
	for _, m := range p.Layer(models.LayerMarts) {
		if got := query(t, db, "select count(*) from "+m.Name); got[0][0] != int64(0) {
			t.Errorf("%s has %v rows, want 0", m.Name, got[0][0])
		}
	}
	// Building twice on one database works (create or replace).
	if _, err := models.Run(t.Context(), db, p, raw, nil); err != nil {
		t.Fatalf("second Run: %v", err)
	}
	// Views and tables as the layer says.
	got := query(t, db, `select table_name, table_type from information_schema.tables
		where table_name in ('stg_synergy__meetings', 'int_participation_spells', 'party_counts')
		order by table_name`)
	want := [][]any{{"int_participation_spells", "BASE TABLE"}, {"party_counts", "BASE TABLE"}, {"stg_synergy__meetings", "VIEW"}}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("materializations (-want +got):\n%s", diff)
	}
}

func TestRunBuildError(t *testing.T) {
	db := openTestDB(t)
	fsys := fstest.MapFS{
		"staging/stg_s__a.sql":     file(goodHeader + "select * from raw_a"),
		"intermediate/int_a_b.sql": file(goodHeader + "select no_such_column from stg_s__a"),
	}
	p, err := models.Load(fsys)
	if err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(t.TempDir(), "a.parquet")
	if err := db.CopyToParquet(t.Context(), "select 1 as x", path); err != nil {
		t.Fatal(err)
	}
	_, err = models.Run(t.Context(), db, p, models.RawTables{"a": path}, nil)
	if !errors.Is(err, models.ErrBuild) || !errors.Is(err, warehouse.ErrBinder) {
		t.Fatalf("Run = %v, want ErrBuild and warehouse.ErrBinder", err)
	}
	if !strings.Contains(err.Error(), "model int_a_b (intermediate/int_a_b.sql)") {
		t.Errorf("error does not name the model: %v", err)
	}

	// A missing raw table fails on the staging model.
	_, err = models.Run(t.Context(), openTestDB(t), p, nil, nil)
	if !errors.Is(err, models.ErrBuild) || !errors.Is(err, warehouse.ErrCatalog) ||
		!strings.Contains(err.Error(), "model stg_s__a") {
		t.Errorf("Run without raw tables = %v, want ErrBuild, ErrCatalog on stg_s__a", err)
	}
	_, err = models.Run(t.Context(), db, p, models.RawTables{"Bad-Name": path}, nil)
	if !errors.Is(err, models.ErrBuild) {
		t.Errorf("bad raw name: %v", err)
	}
}

// Raw paths are quoted: a directory with a quote in its name works.
func TestRunRawPathQuoting(t *testing.T) {
	db := openTestDB(t)
	dir := mustMkdir(t, filepath.Join(t.TempDir(), "o'clock"))
	path := filepath.Join(dir, "a.parquet")
	if err := db.CopyToParquet(t.Context(), "select 41 + 1 as x", path); err != nil {
		t.Fatal(err)
	}
	p, err := models.Load(fstest.MapFS{"staging/stg_s__a.sql": file(goodHeader + "select x from raw_a")})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := models.Run(t.Context(), db, p, models.RawTables{"a": path}, nil); err != nil {
		t.Fatal(err)
	}
	if got := query(t, db, "select x from stg_s__a"); got[0][0] != int64(42) {
		t.Errorf("x = %v", got[0][0])
	}
}

func TestExport(t *testing.T) {
	db := openTestDB(t)
	raw := writeRaw(t, db, fixtureRows)
	p := loadProject(t)
	build := func() {
		t.Helper()
		if _, err := models.Run(t.Context(), db, p, raw, nil); err != nil {
			t.Fatal(err)
		}
	}
	marts := p.Layer(models.LayerMarts)
	var files [2]map[string][]byte
	for i := range files {
		build() // Export drops each mart it wrote
		dir := t.TempDir()
		counts, err := models.Export(t.Context(), db, marts, dir)
		if err != nil {
			t.Fatal(err)
		}
		if diff := cmp.Diff(map[string]int64{"party_counts": 32, "meetings_enriched": 7, "instrument_pair_synergy": 10,
			"meetings_unpaired": 2, "meeting_pair_spans": 0, "meeting_pairs": 0, "meeting_theme_vectors": 0, "plan_backtest": 0, "state_year_burden": 0, "year_coherence": 0}, counts); diff != "" {
			t.Errorf("row counts (-want +got):\n%s", diff)
		}
		files[i] = map[string][]byte{}
		for name := range counts {
			b, err := os.ReadFile(filepath.Join(dir, name+".parquet"))
			if err != nil {
				t.Fatal(err)
			}
			files[i][name] = b
		}
	}
	for name, b := range files[0] {
		if !bytes.Equal(b, files[1][name]) {
			t.Errorf("%s.parquet differs between two exports", name)
		}
	}
	if got := query(t, db, "select count(*) from duckdb_tables() where table_name = 'party_counts'"); got[0][0] != int64(0) {
		t.Error("party_counts is still held after its export")
	}
	// Rows are in grain order.
	build()
	dir := t.TempDir()
	if _, err := models.Export(t.Context(), db, marts, dir); err != nil {
		t.Fatal(err)
	}
	got := query(t, db, `select bool_and(rn = expected) from (
		select row_number() over () as rn,
			row_number() over (order by instrument_id, count_date, date_kind) as expected
		from read_parquet($1))`, filepath.Join(dir, "party_counts.parquet"))
	if got[0][0] != true {
		t.Error("party_counts.parquet is not in grain order")
	}

	// A mart without a unique check cannot be exported.
	_, err := models.Export(t.Context(), db, []*models.Model{{Name: "x", Layer: models.LayerMarts}}, dir)
	if !errors.Is(err, models.ErrNoGrain) {
		t.Errorf("Export without grain = %v, want ErrNoGrain", err)
	}
}

// TestExportWritesCountsAsIntegers: sums and count_if over integers are HUGEINT in
// DuckDB, which Parquet would store as DOUBLE; Export writes them as BIGINT.
func TestExportWritesCountsAsIntegers(t *testing.T) {
	db := openTestDB(t)
	raw := writeRaw(t, db, fixtureRows)
	p := loadProject(t)
	if _, err := models.Run(t.Context(), db, p, raw, nil); err != nil {
		t.Fatal(err)
	}
	if err := db.Exec(t.Context(), "create or replace table probe as select sum(x) as total, count_if(x > 1) as big from range(5) t(x)"); err != nil {
		t.Fatal(err)
	}
	res, err := db.Query(t.Context(), "select column_type from (describe probe)")
	if err != nil || res.Rows[0][0] != "HUGEINT" {
		t.Fatalf("probe is not HUGEINT (%v, %v): the premise of this test changed", res, err)
	}
	dir := t.TempDir()
	if _, err := models.Export(t.Context(), db, p.Layer(models.LayerMarts), dir); err != nil {
		t.Fatal(err)
	}
	res, err = db.Query(t.Context(), "select column_name, column_type from (describe select * from read_parquet('"+dir+"/party_counts.parquet')) where column_type not in ('VARCHAR', 'DATE', 'VARCHAR[]')")
	if err != nil {
		t.Fatal(err)
	}
	for _, r := range res.Rows {
		if r[1] != "BIGINT" {
			t.Errorf("party_counts.%v exported as %v, want BIGINT", r[0], r[1])
		}
	}
}
