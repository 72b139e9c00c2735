package models_test

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"testing"
	"testing/fstest"

	"synergy/pipeline/models"
	"synergy/pipeline/warehouse"
)

// partialProject is one raw table of meetings and two marts over it: meetings per
// year (partition year) and one row per meeting (partition meeting).
func partialProject(t *testing.T, yearPartition string) *models.Project {
	t.Helper()
	p, err := models.Load(fstest.MapFS{
		"staging/stg_s__meetings.sql": file(goodHeader + "select meeting_id, start_date from raw_meetings"),
		"marts/year_counts.sql": file(goodHeader + yearPartition + "-- check: unique(year)\n" +
			"select year(start_date) as year, count(*) as meetings from stg_s__meetings group by all"),
		"marts/meeting_years.sql": file(goodHeader + "-- partition: meeting = meeting_id\n-- check: unique(meeting_id)\n" +
			"-- check: relationship(meeting_id -> stg_s__meetings.meeting_id)\n" +
			"select meeting_id, year(start_date) as year from stg_s__meetings"),
	})
	if err != nil {
		t.Fatal(err)
	}
	return p
}

// writeMeetings writes rows ("('m1', date '2001-03-04'), …") as a Parquet file.
func writeMeetings(t *testing.T, db *warehouse.DB, path, rows string) models.RawTables {
	t.Helper()
	q := fmt.Sprintf("copy (select * from (values %s) as v(meeting_id, start_date)) to '%s' (format parquet)", rows, path)
	if err := db.Exec(t.Context(), q); err != nil {
		t.Fatal(err)
	}
	return models.RawTables{"meetings": path}
}

// A partial build keeps the previous rows outside the affected partitions, takes
// the rebuilt ones inside, says which marts did not change, and exports what a
// full build of the new rows exports, byte for byte.
func TestRunPartialMergesWithPrevious(t *testing.T) {
	ctx := t.Context()
	dir := t.TempDir()
	db := openTestDB(t)
	p := partialProject(t, "-- partition: year = year\n")
	old := writeMeetings(t, db, filepath.Join(dir, "old.parquet"),
		"('m1', date '2001-03-04'), ('m2', date '2001-05-06'), ('m3', date '2002-01-02'), ('m4', date '2003-07-08')")
	if _, err := models.Run(ctx, db, p, old, nil); err != nil {
		t.Fatal(err)
	}
	prevDir := filepath.Join(dir, "prev")
	os.MkdirAll(prevDir, 0o755)
	if _, err := models.Export(ctx, db, p.Layer(models.LayerMarts), prevDir); err != nil {
		t.Fatal(err)
	}
	// m2 moves from 2001 to 2002: years 2001 and 2002 and meeting m2 change.
	newRows := "('m1', date '2001-03-04'), ('m2', date '2002-05-06'), ('m3', date '2002-01-02'), ('m4', date '2003-07-08')"
	raw := writeMeetings(t, db, filepath.Join(dir, "new.parquet"), newRows)
	rb := &models.Rebuild{
		Filters: map[string]string{"meetings": "year(start_date) in (2001, 2002)"},
		Years:   []int{2001, 2002}, Meetings: []string{"m2"},
		Previous: map[string]string{"year_counts": filepath.Join(prevDir, "year_counts.parquet"),
			"meeting_years": filepath.Join(prevDir, "meeting_years.parquet")},
	}
	if _, same, err := models.RunPartial(ctx, db, p, raw, rb, nil); err != nil {
		t.Fatal(err)
	} else if len(same) != 0 {
		t.Errorf("unchanged marts %v, want none", same)
	}
	got := query(t, db, "select year, meetings from year_counts order by year")
	if fmt.Sprint(got) != "[[2001 1] [2002 2] [2003 1]]" {
		t.Errorf("year_counts %v", got)
	}
	partDir, fullDir := filepath.Join(dir, "partial"), filepath.Join(dir, "full")
	os.MkdirAll(partDir, 0o755)
	os.MkdirAll(fullDir, 0o755)
	if _, err := models.Export(ctx, db, p.Layer(models.LayerMarts), partDir); err != nil {
		t.Fatal(err)
	}
	full := openTestDB(t)
	if _, err := models.Run(ctx, full, p, raw, nil); err != nil {
		t.Fatal(err)
	}
	if _, err := models.Export(ctx, full, p.Layer(models.LayerMarts), fullDir); err != nil {
		t.Fatal(err)
	}
	for _, m := range p.Layer(models.LayerMarts) {
		a, _ := os.ReadFile(filepath.Join(partDir, m.Name+".parquet"))
		b, _ := os.ReadFile(filepath.Join(fullDir, m.Name+".parquet"))
		if len(a) == 0 || string(a) != string(b) {
			t.Errorf("%s: partial export differs from the full one (%d and %d bytes)", m.Name, len(a), len(b))
		}
	}

	// Rebuilding a partition whose rows did not change reports both marts unchanged.
	rb.Years, rb.Meetings, rb.Filters["meetings"] = []int{2003}, []string{"m4"}, "year(start_date) = 2003"
	rb.Previous = map[string]string{"year_counts": filepath.Join(fullDir, "year_counts.parquet"),
		"meeting_years": filepath.Join(fullDir, "meeting_years.parquet")}
	if _, same, err := models.RunPartial(ctx, db, p, raw, rb, nil); err != nil {
		t.Fatal(err)
	} else if len(same) != 2 {
		t.Errorf("unchanged marts %v, want both", same)
	}
}

func TestRunPartialNeedsPartitions(t *testing.T) {
	db := openTestDB(t)
	p := partialProject(t, "")
	raw := writeMeetings(t, db, filepath.Join(t.TempDir(), "m.parquet"), "('m1', date '2001-03-04')")
	_, _, err := models.RunPartial(t.Context(), db, p, raw, &models.Rebuild{}, nil)
	if !errors.Is(err, models.ErrNoPartition) {
		t.Errorf("RunPartial = %v, want ErrNoPartition", err)
	}
}

// A partial build runs a mart's row-local checks on its rebuilt rows only (the
// previous rows passed them when they were published) and every other check on
// the merged mart; the results name the mart, as a full build's do.
func TestRunPartialChecksRowLocalOnRebuiltRows(t *testing.T) {
	ctx := t.Context()
	dir := t.TempDir()
	db := openTestDB(t)
	p := partialProject(t, "-- partition: year = year\n-- check: expression(meetings < 2)\n"+
		"-- check: expression(meetings < 9 or exists (select 1 from stg_s__meetings))\n")
	// The previous year_counts: 2001's row breaks meetings < 2, as only a
	// previous version's row could without having been published.
	prev := map[string]string{"year_counts": filepath.Join(dir, "year_counts.parquet"),
		"meeting_years": filepath.Join(dir, "meeting_years.parquet")}
	for name, q := range map[string]string{
		"year_counts":   "select * from (values (2001, 5), (2002, 1)) as v(year, meetings)",
		"meeting_years": "select * from (values ('m1', 2001), ('m3', 2002)) as v(meeting_id, year)",
	} {
		if err := db.Exec(ctx, fmt.Sprintf("copy (%s) to '%s' (format parquet)", q, prev[name])); err != nil {
			t.Fatal(err)
		}
	}
	rb := &models.Rebuild{Filters: map[string]string{"meetings": "year(start_date) = 2002"},
		Years: []int{2002}, Meetings: []string{"m2"}, Previous: prev}
	check := func(rows string, wantFailing int64) {
		t.Helper()
		raw := writeMeetings(t, db, filepath.Join(dir, "new.parquet"), rows)
		res, _, err := models.RunPartial(ctx, db, p, raw, rb, nil)
		if (err != nil) != (wantFailing > 0) {
			t.Fatalf("RunPartial: %v, want %d failing rows", err, wantFailing)
		}
		var names []string
		for _, r := range res {
			names = append(names, r.Model+" "+r.Name)
			if r.Model == "year_counts" && r.Name == "expression(meetings < 2)" && r.FailingRows != wantFailing {
				t.Errorf("meetings < 2: %d failing rows, want %d", r.FailingRows, wantFailing)
			}
		}
		if fmt.Sprint(names) != "[meeting_years unique(meeting_id) meeting_years relationship(meeting_id -> stg_s__meetings.meeting_id) "+
			"year_counts expression(meetings < 2) year_counts expression(meetings < 9 or exists (select 1 from stg_s__meetings)) "+
			"year_counts unique(year)]" {
			t.Errorf("checks %v", names)
		}
	}
	check("('m1', date '2001-03-04'), ('m3', date '2002-01-02')", 0)
	check("('m1', date '2001-03-04'), ('m2', date '2002-05-06'), ('m3', date '2002-01-02')", 1)
}
