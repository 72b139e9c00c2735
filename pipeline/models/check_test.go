package models_test

import (
	"errors"
	"fmt"
	"path/filepath"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/google/go-cmp/cmp"

	"synergy/pipeline/models"
	"synergy/pipeline/warehouse"
)

// checkProject is a one-model project over raw_things with one check of each kind.
var checkProject = fstest.MapFS{
	"staging/stg_t__kinds.sql": file(goodHeader + "-- check: unique(kind)\nselect * from (values ('a'), ('b')) as t(kind)"),
	"staging/stg_t__things.sql": file(`-- grain: one row per thing
-- description: things
-- check: not_null(thing_id, kind)
-- check: unique(thing_id)
-- check: accepted_values(kind, 'a', 'b', 'c')
-- check: relationship(kind -> stg_t__kinds.kind)
-- check: expression(amount >= 0)
select thing_id, kind, amount from raw_things
`),
}

// runThings writes rows as raw_things (columns thing_id, kind, amount) and runs
// checkProject; it returns the result of each check by name.
func runThings(t *testing.T, rows string) (map[string]models.CheckResult, error) {
	t.Helper()
	db := openTestDB(t)
	ctx := t.Context()
	p, err := models.Load(checkProject)
	if err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(t.TempDir(), "things.parquet")
	q := "select * from (values " + rows + ") as t(thing_id, kind, amount)"
	if err := db.CopyToParquet(ctx, q, path); err != nil {
		t.Fatal(err)
	}
	results, err := models.Run(ctx, db, p, models.RawTables{"things": path}, nil)
	byName := map[string]models.CheckResult{}
	for _, r := range results {
		if r.Model == "stg_t__things" {
			byName[r.Name] = r
		}
	}
	return byName, err
}

func TestChecksPassOnGoodRows(t *testing.T) {
	results, err := runThings(t, "(1, 'a', 0), (2, 'b', 5), (3, 'a', 1)")
	if err != nil {
		t.Fatalf("Run on good rows: %v", err)
	}
	if len(results) != 5 {
		t.Fatalf("got %d results, want 5", len(results))
	}
	for name, r := range results {
		if !r.Passed() {
			t.Errorf("%s failed on good rows: %+v", name, r)
		}
	}
}

func TestChecksCatchBadRows(t *testing.T) {
	good := "(1, 'a', 0), (2, 'b', 5)"
	for _, tc := range []struct {
		check   string
		bad     string
		failing int64
		columns []string
		sample  [][]any
	}{
		{"not_null(thing_id, kind)", "(3, null, 1), (null, 'a', 1)", 2,
			[]string{"thing_id", "kind", "amount"}, [][]any{{int64(3), nil, int64(1)}, {nil, "a", int64(1)}}},
		{"unique(thing_id)", "(2, 'a', 1), (2, 'a', 2)", 1,
			[]string{"thing_id", "n_rows"}, [][]any{{int64(2), int64(3)}}},
		{"accepted_values(kind, 'a', 'b', 'c')", "(3, 'z', 1)", 1,
			[]string{"thing_id", "kind", "amount"}, [][]any{{int64(3), "z", int64(1)}}},
		{"relationship(kind -> stg_t__kinds.kind)", "(3, 'c', 1)", 1, // accepted, but not in stg_t__kinds
			[]string{"thing_id", "kind", "amount"}, [][]any{{int64(3), "c", int64(1)}}},
		{"expression(amount >= 0)", "(3, 'a', -1), (4, 'b', null)", 2, // NULL does not hold
			[]string{"thing_id", "kind", "amount"}, [][]any{{int64(3), "a", int64(-1)}, {int64(4), "b", nil}}},
	} {
		t.Run(tc.check, func(t *testing.T) {
			results, err := runThings(t, good+", "+tc.bad)
			if !errors.Is(err, models.ErrCheckFailed) {
				t.Fatalf("Run = %v, want ErrCheckFailed", err)
			}
			for _, want := range []string{"model stg_t__things", "check " + tc.check, fmt.Sprintf("%d failing rows", tc.failing)} {
				if !strings.Contains(err.Error(), want) {
					t.Errorf("error %q does not mention %q", err, want)
				}
			}
			var ce *models.CheckError
			if !errors.As(err, &ce) || ce.Result.Name != tc.check {
				t.Errorf("errors.As(*CheckError) = %+v, want check %s", ce, tc.check)
			}
			r := results[tc.check]
			got := map[string]any{"failing": r.FailingRows, "columns": r.Columns, "sample": r.Samples}
			want := map[string]any{"failing": tc.failing, "columns": tc.columns, "sample": tc.sample}
			if diff := cmp.Diff(want, got); diff != "" {
				t.Errorf("result (-want +got):\n%s", diff)
			}
		})
	}
}

func TestCheckSamplesCapped(t *testing.T) {
	var rows []string
	for i := range 12 {
		rows = append(rows, fmt.Sprintf("(%d, 'x', 1)", i))
	}
	results, err := runThings(t, strings.Join(rows, ", "))
	if !errors.Is(err, models.ErrCheckFailed) {
		t.Fatalf("Run = %v", err)
	}
	r := results["accepted_values(kind, 'a', 'b', 'c')"]
	if r.FailingRows != 12 || len(r.Samples) != models.MaxSamples {
		t.Errorf("failing %d, samples %d; want 12 and %d", r.FailingRows, len(r.Samples), models.MaxSamples)
	}
}

func TestCheckThatCannotRun(t *testing.T) {
	db := openTestDB(t)
	fsys := fstest.MapFS{"marts/m.sql": file(goodHeader + "-- check: not_null(no_such_column)\nselect 1 as x")}
	p, err := models.Load(fsys)
	if err != nil {
		t.Fatal(err)
	}
	results, err := models.Run(t.Context(), db, p, nil, nil)
	if !errors.Is(err, models.ErrCheckFailed) || !errors.Is(err, warehouse.ErrBinder) {
		t.Fatalf("Run = %v, want ErrCheckFailed and warehouse.ErrBinder", err)
	}
	if len(results) != 1 || results[0].Err == nil || results[0].Passed() {
		t.Errorf("results = %+v", results)
	}
}

func TestParseCheckErrors(t *testing.T) {
	for _, s := range []string{
		"unique()", "unique(a,)", "not_null a", "accepted_values(a)", "accepted_values('a', 'b')",
		"relationship(a -> b)", "relationship(a, b.c)", "expression()", "expression(a; b)",
		"expression('unterminated)", "Unique(a)",
	} {
		if c, err := models.ParseCheck(s); err == nil {
			t.Errorf("ParseCheck(%q) = %+v, want an error", s, c)
		}
	}
}
