package warehouse

import (
	"crypto/sha256"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func fileSum(t *testing.T, path string) string {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return fmt.Sprintf("%x", sha256.Sum256(b))
}

// TestOpenReadOnly: a read-only database reads the files it was given and
// nothing else, writes nowhere (not even over the files it reads), cannot
// change its configuration, install or load an extension, and runs one
// statement per call. Each refusal is checked against the file system too.
func TestOpenReadOnly(t *testing.T) {
	ctx := t.Context()
	snap, elsewhere := t.TempDir(), t.TempDir()
	mart := filepath.Join(snap, "party_counts.parquet")
	w, err := Open(ctx, Options{})
	if err != nil {
		t.Fatal(err)
	}
	if err := w.CopyToParquet(ctx, "select 1 as x union all select 2 order by x", mart); err != nil {
		t.Fatal(err)
	}
	w.Close()
	other := filepath.Join(elsewhere, "other.csv")
	if err := os.WriteFile(other, []byte("a\n1\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	before := fileSum(t, mart)

	db, err := OpenReadOnly(ctx, Options{}, "create view party_counts as select * from read_parquet("+QuoteString(mart)+")", []string{mart})
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	if res, err := db.Query(ctx, "select sum(x) from party_counts"); err != nil || fmt.Sprint(res.Rows) != "[[2]]" && fmt.Sprint(res.Rows) != "[[3]]" {
		t.Fatalf("reading the registered view: %v, %v", res, err)
	}
	for _, q := range []string{
		"create temp table t as select * from party_counts",
		"select count(*) from t",
	} {
		if _, err := db.Query(ctx, q); err != nil {
			t.Errorf("%s: %v", q, err)
		}
	}

	refused := map[string]error{
		"copy (select 9 as x) to " + QuoteString(mart) + " (format parquet)":                               ErrReadOnly,
		"copy (select 9 as x) to " + QuoteString(filepath.Join(snap, "new.parquet")) + " (format parquet)": ErrDuckDB,
		"export database " + QuoteString(filepath.Join(snap, "exp")):                                       ErrDuckDB,
		"attach " + QuoteString(filepath.Join(snap, "x.db")):                                               ErrReadOnly,
		"install fts": ErrReadOnly,
		"load fts":    ErrReadOnly,
		"set autoinstall_known_extensions = true":                                         ErrReadOnly,
		"set custom_extension_repository = 'http://example.org'":                          ErrReadOnly,
		"prepare p as copy (select 9 as x) to " + QuoteString(mart) + " (format parquet)": ErrReadOnly,
		"select 1; copy (select 9 as x) to " + QuoteString(mart) + " (format parquet)":    ErrReadOnly,
		"select 1; select 2": ErrReadOnly,
		"select * from read_csv(" + QuoteString(other) + ")":                                ErrDuckDB,
		"select * from read_parquet(" + QuoteString(filepath.Join(snap, "*.parquet")) + ")": nil,
	}
	for q, want := range refused {
		_, err := db.Query(ctx, q) // ErrDuckDB: DuckDB's own refusal (no access) comes first
		if err == nil {
			t.Errorf("%s: allowed", q)
		} else if want == ErrReadOnly && !errors.Is(err, ErrReadOnly) {
			t.Errorf("%s: %v; want ErrReadOnly", q, err)
		}
		if err := db.Exec(ctx, q); err == nil {
			t.Errorf("%s: allowed by Exec", q)
		}
	}
	// Below the statement check, DuckDB's own settings: locked, no access outside.
	for _, q := range []string{"select current_setting('enable_external_access')", "select current_setting('lock_configuration')",
		"select current_setting('autoinstall_known_extensions')", "select current_setting('autoload_known_extensions')"} {
		if res, err := db.Query(ctx, q); err != nil || fmt.Sprint(res.Rows) != map[bool]string{true: "[[false]]", false: "[[true]]"}[!strings.Contains(q, "lock")] {
			t.Errorf("%s = %v, %v", q, res, err)
		}
	}
	for _, q := range []string{"select 1; copy (select 9 as x) to " + QuoteString(mart) + " (format parquet)",
		"copy (select 9 as x) to " + QuoteString(mart) + " (format parquet)"} {
		err := db.Stream(ctx, q, func([]string, []string) error { return nil }, func([]any) error { return nil })
		if !errors.Is(err, ErrReadOnly) {
			t.Errorf("Stream %s: %v; want ErrReadOnly", q, err)
		}
	}
	if err := db.CopyToParquet(ctx, "select 9 as x", mart); !errors.Is(err, ErrReadOnly) {
		t.Errorf("CopyToParquet over the snapshot: %v", err)
	}
	if got := fileSum(t, mart); got != before {
		t.Error("the read file was overwritten")
	}
	entries, _ := os.ReadDir(snap)
	if len(entries) != 1 {
		t.Errorf("the snapshot folder now holds %d entries", len(entries))
	}
}
