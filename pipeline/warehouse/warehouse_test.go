package warehouse

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	duckdb "github.com/duckdb/duckdb-go/v2"
	"github.com/google/go-cmp/cmp"
)

// openTestDB opens an in-memory database whose scratch directory lives in
// t.TempDir, and closes it when the test ends.
func openTestDB(t *testing.T) *DB {
	t.Helper()
	db, err := Open(t.Context(), Options{TempDir: t.TempDir()})
	if err != nil {
		t.Fatalf("Open: %v", err)
	}
	t.Cleanup(func() {
		if err := db.Close(); err != nil {
			t.Errorf("Close: %v", err)
		}
	})
	return db
}

// queryOne runs q and returns its single value.
func queryOne(t *testing.T, db *DB, q string, args ...any) any {
	t.Helper()
	res, err := db.Query(t.Context(), q, args...)
	if err != nil {
		t.Fatalf("Query(%q): %v", q, err)
	}
	if len(res.Rows) != 1 || len(res.Rows[0]) != 1 {
		t.Fatalf("Query(%q) = %d rows, want one value", q, len(res.Rows))
	}
	return res.Rows[0][0]
}

func TestOpenSettings(t *testing.T) {
	home := t.TempDir()
	t.Setenv("HOME", home)
	tmp := t.TempDir()
	db, err := Open(t.Context(), Options{TempDir: tmp, Threads: 1, MemoryLimit: "512MB", SpillLimit: "3GB"})
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()

	for _, tc := range []struct {
		setting string
		want    any
	}{
		{"autoinstall_known_extensions", false},
		{"autoload_known_extensions", false},
		{"allow_community_extensions", false},
		{"threads", int64(1)},
		{"TimeZone", "UTC"},
		{"extension_directory", filepath.Join(tmp, "extensions")},
		{"custom_extension_repository", filepath.Join(tmp, "extension-repository")},
		{"temp_directory", filepath.Join(tmp, "spill")},
	} {
		got := queryOne(t, db, "select current_setting('"+tc.setting+"')")
		if got != tc.want {
			t.Errorf("%s = %v (%T), want %v", tc.setting, got, got, tc.want)
		}
	}
	// DuckDB reports memory_limit in its own units (512MB -> 488.2 MiB).
	if got := queryOne(t, db, "select current_setting('memory_limit')"); !strings.Contains(fmt.Sprint(got), "MiB") {
		t.Errorf("memory_limit = %v, want a MiB value", got)
	}
	// and max_temp_directory_size likewise (3GB -> 2.7 GiB)
	if got := fmt.Sprint(queryOne(t, db, "select current_setting('max_temp_directory_size')")); !strings.HasPrefix(got, "2.7 GiB") {
		t.Errorf("max_temp_directory_size = %v, want 2.7 GiB", got)
	}

	// Nothing in $HOME, even after trying an extension that is not linked.
	_ = db.Exec(t.Context(), "load fts")
	ents, err := os.ReadDir(home)
	if err != nil {
		t.Fatal(err)
	}
	if len(ents) != 0 {
		t.Errorf("$HOME has %d entries after open and load, want 0 (first %s)", len(ents), ents[0].Name())
	}
}

func TestOpenDefaults(t *testing.T) {
	db, err := Open(t.Context(), Options{})
	if err != nil {
		t.Fatal(err)
	}
	tmp := db.TempDir()
	if got := queryOne(t, db, "select current_setting('threads')"); got != int64(DefaultThreads) {
		t.Errorf("threads = %v, want %d", got, DefaultThreads)
	}
	// DefaultSpillLimit, not DuckDB's 90% of the free disk (20GB -> 18.6 GiB)
	if got := fmt.Sprint(queryOne(t, db, "select current_setting('max_temp_directory_size')")); !strings.HasPrefix(got, "18.6 GiB") {
		t.Errorf("max_temp_directory_size = %v, want 18.6 GiB", got)
	}
	if _, err := os.Stat(tmp); err != nil {
		t.Errorf("temp dir: %v", err)
	}
	if err := db.Close(); err != nil {
		t.Fatal(err)
	}
	if err := db.Close(); err != nil {
		t.Errorf("second Close: %v", err)
	}
	if _, err := os.Stat(tmp); !errors.Is(err, os.ErrNotExist) {
		t.Errorf("own temp dir after Close: %v, want not exist", err)
	}
	if err := db.Exec(t.Context(), "select 1"); !errors.Is(err, ErrClosed) {
		t.Errorf("Exec after Close = %v, want ErrClosed", err)
	}
}

func TestOpenFile(t *testing.T) {
	path := filepath.Join(t.TempDir(), "w.duckdb")
	db, err := Open(t.Context(), Options{Path: path, TempDir: t.TempDir()})
	if err != nil {
		t.Fatal(err)
	}
	if err := db.Exec(t.Context(), "create table t as select 42 as x"); err != nil {
		t.Fatal(err)
	}
	if err := db.Close(); err != nil {
		t.Fatal(err)
	}
	db, err = Open(t.Context(), Options{Path: path, TempDir: t.TempDir()})
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	if got := queryOne(t, db, "select x from t"); got != int64(42) {
		t.Errorf("x = %v, want 42", got)
	}
}

// The statically linked extensions work with autoloading off.
func TestStaticExtensions(t *testing.T) {
	db := openTestDB(t)
	for _, tc := range []struct {
		name, query string
		want        any
	}{
		{"json", `select json_extract_string('{"a": "x"}', '$.a')`, "x"},
		{"icu time zone", `select strftime(timestamptz '2024-01-01 12:00:00+00' at time zone 'Africa/Nairobi', '%H')`, "15"},
		{"icu collation", `select 'ä' collate de < 'b'`, true},
		{"core functions", `select list_sum([1, 2, 3])`, int64(6)},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if got := queryOne(t, db, tc.query); !cmp.Equal(got, tc.want) {
				t.Errorf("%s = %v (%T), want %v", tc.query, got, got, tc.want)
			}
		})
	}
	t.Run("parquet", func(t *testing.T) {
		p := filepath.Join(t.TempDir(), "x.parquet")
		if err := db.CopyToParquet(t.Context(), "select range as i from range(10)", p); err != nil {
			t.Fatal(err)
		}
		if got := queryOne(t, db, "select sum(i) from read_parquet($1)", p); !cmp.Equal(got, int64(45)) {
			t.Errorf("sum = %v (%T), want 45", got, got)
		}
	})
}

// Extensions that are not linked fail at once, locally, with a classified error.
func TestMissingExtensionOffline(t *testing.T) {
	t.Setenv("HOME", t.TempDir())
	db := openTestDB(t)
	for _, tc := range []struct {
		query string
		want  error
	}{
		{"load fts", ErrIO},
		{"install fts", ErrIO}, // local repository: no download attempt
		{"load spatial", ErrIO},
		{"select st_point(1, 2)", ErrCatalog},
		{"pragma create_fts_index('t', 'id', 'body')", ErrCatalog},
		{"select * from read_parquet('https://example.org/x.parquet')", ErrExtensionDownload}, // httpfs
	} {
		t.Run(tc.query, func(t *testing.T) {
			start := time.Now()
			err := db.Exec(t.Context(), tc.query)
			if !errors.Is(err, tc.want) {
				t.Fatalf("Exec(%q) = %v, want %v", tc.query, err, tc.want)
			}
			if d := time.Since(start); d > 2*time.Second {
				t.Errorf("Exec(%q) took %v; it should fail at once, offline", tc.query, d)
			}
			var we *Error
			if !errors.As(err, &we) || we.Op != "exec" || we.Query != tc.query {
				t.Errorf("errors.As(*Error) = %+v", we)
			}
		})
	}
}

func TestErrorsIs(t *testing.T) {
	db := openTestDB(t)
	if err := db.Exec(t.Context(), "create table u (a integer primary key)"); err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		query string
		want  error
		typ   duckdb.ErrorType
	}{
		{"select * from no_such_table", ErrCatalog, duckdb.ErrorTypeCatalog},
		{"select no_such_column from u", ErrBinder, duckdb.ErrorTypeBinder},
		{"selec 1", ErrParser, duckdb.ErrorTypeParser},
		{"insert into u values (1), (1)", ErrConstraint, duckdb.ErrorTypeConstraint},
		{"select 'x'::integer", ErrConversion, duckdb.ErrorTypeConversion},
		{"select * from read_csv('/no/such/file.csv')", ErrIO, duckdb.ErrorTypeIO},
	} {
		t.Run(tc.query, func(t *testing.T) {
			_, err := db.Query(t.Context(), tc.query)
			if !errors.Is(err, tc.want) {
				t.Fatalf("Query(%q) = %v, want errors.Is %v", tc.query, err, tc.want)
			}
			var de *duckdb.Error
			if !errors.As(err, &de) || de.Type != tc.typ {
				t.Errorf("duckdb error type = %v, want %v", de, tc.typ)
			}
			// The sentinel survives further wrapping, and no prefix repeats.
			wrapped := fmt.Errorf("model m: %w", err)
			if !errors.Is(wrapped, tc.want) {
				t.Errorf("errors.Is through fmt.Errorf failed")
			}
			msg := wrapped.Error()
			for _, p := range []string{"warehouse query:", "model m:"} {
				if n := strings.Count(msg, p); n != 1 {
					t.Errorf("%q appears %d times in %q", p, n, msg)
				}
			}
			for _, other := range []error{ErrCatalog, ErrBinder, ErrParser, ErrConstraint, ErrConversion, ErrIO} {
				if other != tc.want && errors.Is(err, other) {
					t.Errorf("error also matches %v", other)
				}
			}
		})
	}
}

func TestContextCancelled(t *testing.T) {
	db := openTestDB(t)
	ctx, cancel := context.WithCancel(t.Context())
	cancel()
	_, err := db.Query(ctx, "select count(*) from range(1000000000) as a, range(1000) as b")
	if !errors.Is(err, context.Canceled) {
		t.Fatalf("Query with cancelled context = %v, want context.Canceled", err)
	}
	// The connection is still usable.
	if got := queryOne(t, db, "select 1"); got != int64(1) {
		t.Errorf("after cancel: %v", got)
	}
}

func TestPinnedConnection(t *testing.T) {
	db := openTestDB(t)
	ctx := t.Context()
	if err := db.Exec(ctx, "create temp table scratch as select 7 as x; set variable answer = 42"); err != nil {
		t.Fatal(err)
	}
	for range 5 {
		if got := queryOne(t, db, "select x + getvariable('answer') from scratch"); got != int64(49) {
			t.Fatalf("got %v, want 49", got)
		}
	}
}

func TestQueryTypes(t *testing.T) {
	db := openTestDB(t)
	if err := db.Exec(t.Context(), "create type enum_t as enum ('x', 'y')"); err != nil {
		t.Fatal(err)
	}
	res, err := db.Query(t.Context(), `select
		'a''b' as s, 1::tinyint as i8, 2::integer as i32, 3::bigint as i64,
		18446744073709551615::ubigint as u64, 170141183460469231731687303715884105727::hugeint as big,
		1.5::float as f32, 2.25::decimal(5, 2) as dec, true as b, null::varchar as n,
		date '2024-11-15' as d, [date '2024-11-15', null] as ds, [[date '2000-02-29']] as dss,
		timestamp '2024-01-02 03:04:05' as ts, {'k': 1, 'v': 'x'} as st, [1, 2] as l,
		map {'a': 1} as m, interval 3 day as iv,
		'00000000-0000-0000-0000-000000000001'::uuid as id, '\x01'::blob as bl,
		'x'::enum_t as e
	`)
	if err != nil {
		t.Fatal(err)
	}
	want := map[string]any{
		"s": "a'b", "i8": int64(1), "i32": int64(2), "i64": int64(3),
		"u64": "18446744073709551615", "big": "170141183460469231731687303715884105727",
		"f32": 1.5, "dec": 2.25, "b": true, "n": nil,
		"d": "2024-11-15", "ds": []any{"2024-11-15", nil}, "dss": []any{[]any{"2000-02-29"}},
		"ts": time.Date(2024, 1, 2, 3, 4, 5, 0, time.UTC),
		"st": map[string]any{"k": int64(1), "v": "x"}, "l": []any{int64(1), int64(2)},
		"m":  []any{map[string]any{"key": "a", "value": int64(1)}},
		"iv": "0 months 3 days 0 us", "id": "00000000-0000-0000-0000-000000000001",
		"bl": []byte{1}, "e": "x",
	}
	got := map[string]any{}
	for i, c := range res.Columns {
		got[c] = res.Rows[0][i]
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("values (-want +got):\n%s", diff)
	}
	if got, want := res.Types[res.Column("ds")], "DATE[]"; got != want {
		t.Errorf("type of ds = %q, want %q", got, want)
	}
}

func TestQueryArgs(t *testing.T) {
	db := openTestDB(t)
	res, err := db.Query(t.Context(), "select $1::varchar || '-' || $2::integer as x, $3::date as d", "a", 2, "2024-02-29")
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff([][]any{{"a-2", "2024-02-29"}}, res.Rows); diff != "" {
		t.Errorf("rows (-want +got):\n%s", diff)
	}
	empty, err := db.Query(t.Context(), "select 1 as x where false")
	if err != nil {
		t.Fatal(err)
	}
	if empty.Rows == nil || len(empty.Rows) != 0 || len(empty.Columns) != 1 {
		t.Errorf("empty result = %+v, want columns and a non-nil empty Rows", empty)
	}
}

// Identical inputs give byte-identical Parquet files, across several row groups
// and with two threads.
func TestCopyToParquetDeterministic(t *testing.T) {
	db := openTestDB(t)
	ctx := t.Context()
	if err := db.Exec(ctx, `create table m as
		select range as id, 'instrument-' || (range % 60) as instrument,
		date '1990-01-01' + (range % 12000)::integer as d, hash(range) % 1000 as v,
		case when range % 7 = 0 then null else ['a', 'b'][1 + range % 2] end as tag
		from range(400000)`); err != nil {
		t.Fatal(err)
	}
	dir := filepath.Join(t.TempDir(), "it's here") // a quote in the path
	if err := os.Mkdir(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	q := "select * from m order by id"
	var files [][]byte
	for i := range 3 {
		p := filepath.Join(dir, fmt.Sprintf("m%d.parquet", i))
		if err := db.CopyToParquet(ctx, q+";", p); err != nil {
			t.Fatal(err)
		}
		b, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		files = append(files, b)
	}
	for i := 1; i < len(files); i++ {
		if !bytes.Equal(files[0], files[i]) {
			t.Errorf("file %d differs from file 0 (%d vs %d bytes)", i, len(files[i]), len(files[0]))
		}
	}
	p0 := filepath.Join(dir, "m0.parquet")
	res, err := db.Query(ctx, "select distinct compression from parquet_metadata($1)", p0)
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff([][]any{{"ZSTD"}}, res.Rows); diff != "" {
		t.Errorf("compression (-want +got):\n%s", diff)
	}
	if got := queryOne(t, db, "select count(distinct row_group_id) from parquet_metadata($1)", p0); got.(int64) < 2 {
		t.Errorf("row groups = %v, want several", got)
	}
	// Row order is kept.
	if got := queryOne(t, db, "select bool_and(id = rn - 1) from (select id, row_number() over () as rn from read_parquet($1))", p0); got != true {
		t.Errorf("order not preserved")
	}
}

func TestVersion(t *testing.T) {
	db := openTestDB(t)
	v, err := db.Version(t.Context())
	if err != nil {
		t.Fatal(err)
	}
	if !strings.HasPrefix(v, "v1.") {
		t.Errorf("Version = %q, want v1.x", v)
	}
}

func TestQuoteString(t *testing.T) {
	db := openTestDB(t)
	for _, s := range []string{"", "plain", "it's", "''", `a\b`, "x'); drop table t; --"} {
		if got := queryOne(t, db, "select "+QuoteString(s)); got != s {
			t.Errorf("round trip of %q = %q", s, got)
		}
	}
}

// TestRemoveStaleTemp: a scratch folder whose owner lock records a process but
// is not held is removed; one in use, one whose owner has not written its lock
// yet and one of another program are kept.
func TestRemoveStaleTemp(t *testing.T) {
	t.Setenv("TMPDIR", t.TempDir())
	db, err := Open(t.Context(), Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	mk := func(name, lockContent string) string {
		dir := filepath.Join(os.TempDir(), name)
		if err := os.MkdirAll(filepath.Join(dir, "spill"), 0o755); err != nil {
			t.Fatal(err)
		}
		if lockContent != "-" {
			if err := os.WriteFile(filepath.Join(dir, ".owner.lock"), []byte(lockContent), 0o644); err != nil {
				t.Fatal(err)
			}
		}
		return dir
	}
	dead := mk(TempPrefix+"dead", `{"pid":2147483646,"host":"h","started":"2026-01-01T00:00:00Z"}`)
	starting := mk(TempPrefix+"starting", "")
	noLock := mk(TempPrefix+"nolock", "-")
	other := mk("other-program", `{"pid":2147483646}`)
	removed, err := RemoveStaleTemp()
	if err != nil || len(removed) != 1 || removed[0] != dead {
		t.Fatalf("removed %v, %v; want only %s", removed, err, dead)
	}
	for _, dir := range []string{db.TempDir(), starting, noLock, other} {
		if _, err := os.Stat(dir); err != nil {
			t.Errorf("%s was removed: %v", dir, err)
		}
	}
	if err := db.Exec(t.Context(), "select 1"); err != nil {
		t.Errorf("the open database after the clean-up: %v", err)
	}
}
