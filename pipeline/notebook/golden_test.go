package notebook_test

import (
	"bytes"
	"context"
	"errors"
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"synergy/pipeline/notebook"
	"synergy/pipeline/tabular"
	"synergy/pipeline/warehouse"
)

var update = flag.Bool("update", false, "rewrite testdata/*/want.ipynb and want_err.txt")

// openFixture opens an in-memory DuckDB holding testdata/fixture.sql's tables.
func openFixture(t *testing.T) *warehouse.DB {
	t.Helper()
	db, err := warehouse.Open(t.Context(), warehouse.Options{TempDir: t.TempDir()})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	sql, err := os.ReadFile(filepath.Join("testdata", "fixture.sql"))
	if err != nil {
		t.Fatal(err)
	}
	if err := db.Exec(t.Context(), string(sql)); err != nil {
		t.Fatal(err)
	}
	return db
}

func querier(db *warehouse.DB) notebook.Querier {
	return notebook.QueryFunc(func(ctx context.Context, sql string) (*tabular.Result, error) {
		return db.Query(ctx, sql)
	})
}

func readNotebook(t *testing.T, path string) *notebook.Notebook {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	nb, err := notebook.Parse(f)
	if err != nil {
		t.Fatalf("%s: %v", path, err)
	}
	return nb
}

func encode(t *testing.T, nb *notebook.Notebook) []byte {
	t.Helper()
	var b bytes.Buffer
	if err := nb.Encode(&b); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

// TestExecuteGolden executes testdata/<case>/input.ipynb on the fixture with
// three rows shown per result and compares the executed notebook with
// want.ipynb, and the error with want_err.txt (absent when the run succeeds).
// Run with -update to rewrite them.
func TestExecuteGolden(t *testing.T) {
	dirs, err := filepath.Glob(filepath.Join("testdata", "*", "input.ipynb"))
	if err != nil || len(dirs) == 0 {
		t.Fatalf("no cases: %v", err)
	}
	for _, in := range dirs {
		dir := filepath.Dir(in)
		t.Run(filepath.Base(dir), func(t *testing.T) {
			db := openFixture(t)
			nb := readNotebook(t, in)
			_, runErr := notebook.Execute(t.Context(), nb, querier(db), notebook.Options{MaxRows: 3, Snapshot: "fixture"})
			got := encode(t, nb)
			gotErr := ""
			if runErr != nil {
				gotErr = runErr.Error() + "\n"
			}
			wantPath, errPath := filepath.Join(dir, "want.ipynb"), filepath.Join(dir, "want_err.txt")
			if *update {
				os.WriteFile(wantPath, got, 0o644)
				os.Remove(errPath)
				if gotErr != "" {
					os.WriteFile(errPath, []byte(gotErr), 0o644)
				}
				return
			}
			want, err := os.ReadFile(wantPath)
			if err != nil {
				t.Fatalf("%v (run with -update?)", err)
			}
			if diff := cmp.Diff(string(want), string(got)); diff != "" {
				t.Errorf("executed notebook (-want +got):\n%s", diff)
			}
			wantErr, _ := os.ReadFile(errPath)
			if diff := cmp.Diff(string(wantErr), gotErr); diff != "" {
				t.Errorf("error (-want +got):\n%s", diff)
			}
			// Executing the executed notebook again gives the same bytes.
			again := readNotebook(t, wantPath)
			notebook.Execute(t.Context(), again, querier(db), notebook.Options{MaxRows: 3, Snapshot: "fixture"})
			if !bytes.Equal(encode(t, again), want) {
				t.Error("re-executing want.ipynb changed it")
			}
		})
	}
}

func TestExecuteCellErrorStopsLikePapermill(t *testing.T) {
	db := openFixture(t)
	nb := readNotebook(t, filepath.Join("testdata", "cell_error", "input.ipynb"))
	rep, err := notebook.Execute(t.Context(), nb, querier(db), notebook.Options{
		Describe: func(err error) (string, string) {
			if errors.Is(err, warehouse.ErrCatalog) {
				return "CatalogError", "no such table"
			}
			return "SQLError", err.Error()
		},
	})
	if !errors.Is(err, notebook.ErrCellFailed) || !errors.Is(err, warehouse.ErrCatalog) {
		t.Fatalf("error %v: want ErrCellFailed and warehouse.ErrCatalog", err)
	}
	var ce *notebook.CellError
	if !errors.As(err, &ce) || ce.ID != "typo" || ce.Index != 2 || ce.ExecutionCount != 2 || ce.Ename != "CatalogError" {
		t.Fatalf("CellError %+v: want cell 2 (typo), In [2], CatalogError", ce)
	}
	if rep.Executed != 2 || rep.Unrun != 1 || len(rep.Skipped) != 1 || rep.Skipped[0] != 0 || len(rep.Failed) != 1 {
		t.Errorf("report %+v", rep)
	}
	out := nb.Cells[2].Outputs
	if len(out) != 1 || out[0]["output_type"] != "error" || out[0]["ename"] != "CatalogError" || out[0]["evalue"] != "no such table" {
		t.Errorf("failing cell outputs %v", out)
	}
	if after := nb.Cells[3]; after.ExecutionCount != nil || len(after.Outputs) != 0 {
		t.Errorf("cell after the failure: execution_count %v, outputs %v", after.ExecutionCount, after.Outputs)
	}
	if got := nb.Metadata["synergy"]; !strings.Contains(encodeAny(got), "typo") {
		t.Errorf("notebook metadata synergy = %v, want failed_cells naming typo", got)
	}

	// KeepGoing runs the cell after the failure too, as nbconvert --allow-errors.
	nb = readNotebook(t, filepath.Join("testdata", "cell_error", "input.ipynb"))
	rep, err = notebook.Execute(t.Context(), nb, querier(db), notebook.Options{KeepGoing: true})
	if err == nil || rep.Executed != 3 || rep.Unrun != 0 || nb.Cells[3].ExecutionCount == nil || *nb.Cells[3].ExecutionCount != 3 {
		t.Errorf("keep going: err %v, report %+v", err, rep)
	}
}

func TestExecuteStopsOnCancel(t *testing.T) {
	db := openFixture(t)
	ctx, cancel := context.WithCancel(t.Context())
	cancel()
	nb := readNotebook(t, filepath.Join("testdata", "basic", "input.ipynb"))
	rep, err := notebook.Execute(ctx, nb, querier(db), notebook.Options{KeepGoing: true})
	if !errors.Is(err, context.Canceled) || rep.Executed != 1 || rep.Unrun == 0 {
		t.Errorf("cancelled: err %v, report %+v; want context.Canceled after one cell", err, rep)
	}
}

func encodeAny(v any) string {
	nb := &notebook.Notebook{Format: 4, Metadata: map[string]any{"v": v}}
	var b bytes.Buffer
	nb.Encode(&b)
	return b.String()
}
