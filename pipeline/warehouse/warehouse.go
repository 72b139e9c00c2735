package warehouse

import (
	"context"
	"database/sql"
	"database/sql/driver"
	"errors"
	"fmt"
	"math/big"
	"net/url"
	"os"
	"path/filepath"
	"runtime/debug"
	"strconv"
	"strings"
	"sync"
	"time"

	duckdb "github.com/duckdb/duckdb-go/v2"

	"synergy/pipeline/lock"
	"synergy/pipeline/tabular"
)

// Defaults used by [Open] for zero [Options] fields.
const (
	DefaultThreads     = 2
	DefaultMemoryLimit = "4GB"
	// DefaultSpillLimit bounds what a query may spill to TempDir. DuckDB's own
	// default is 90% of the free disk: a runaway plan (a join on the wrong key) once
	// spilled 35 GB in five minutes.
	DefaultSpillLimit = "20GB"
)

// Options configures [Open].
type Options struct {
	// Path is the database file; "" opens an in-memory database.
	Path string
	// Threads is DuckDB's worker thread count; 0 means DefaultThreads.
	Threads int
	// MemoryLimit is DuckDB's memory_limit ("4GB", "512MB"); "" means
	// DefaultMemoryLimit. DuckDB would otherwise take 80% of the machine's RAM.
	MemoryLimit string
	// SpillLimit is DuckDB's max_temp_directory_size ("20GB"); "" means
	// DefaultSpillLimit. A query that needs more fails with an out-of-space error
	// instead of filling the disk.
	SpillLimit string
	// TempDir holds DuckDB's scratch files: the extension directory, an empty
	// local extension repository and the spill directory. "" makes Open create a
	// fresh directory under os.TempDir that Close removes (and that
	// RemoveStaleTemp removes if this process dies first); a given TempDir is
	// left in place.
	TempDir string
}

// Result is a fully read query result of plain Go values; see [tabular.Result]
// for the type mapping.
type Result = tabular.Result

// DB is an open DuckDB database with one pinned connection. Close it when done.
type DB struct {
	mu      sync.Mutex
	sqlDB   *sql.DB
	conn    *sql.Conn
	tempDir string // removed on Close when ownTemp
	ownTemp bool
	owner   *lock.Lock // held on an own tempDir while open (RemoveStaleTemp)
	// readOnly: opened by OpenReadOnly; every statement passes allow first.
	readOnly    bool
	closed      bool
	session     bool   // opened by Session: Close closes only its connection
	memoryLimit string // as opened, for ReleaseMemory
}

// Open opens the database described by opts, offline-safe (see the package
// documentation), with TimeZone set to UTC on the connection.
func Open(ctx context.Context, opts Options) (*DB, error) {
	if opts.Threads < 0 {
		return nil, fmt.Errorf("warehouse open: threads %d < 0", opts.Threads)
	}
	if opts.Threads == 0 {
		opts.Threads = DefaultThreads
	}
	if opts.MemoryLimit == "" {
		opts.MemoryLimit = DefaultMemoryLimit
	}
	if opts.SpillLimit == "" {
		opts.SpillLimit = DefaultSpillLimit
	}
	if strings.ContainsRune(opts.Path, '?') {
		return nil, fmt.Errorf("warehouse open: path %q contains '?'", opts.Path)
	}
	// The Go work before a database opens (a run's ingest, its history) leaves
	// freed heap that the runtime keeps until a later collection and returns to
	// the OS only slowly; DuckDB's memory adds to the same process RSS, the
	// figure a pod's limit counts. Return it now.
	debug.FreeOSMemory()
	d := &DB{tempDir: opts.TempDir, memoryLimit: opts.MemoryLimit}
	if d.tempDir == "" {
		dir, owner, err := newTempDir()
		if err != nil {
			return nil, fmt.Errorf("warehouse open: %w", err)
		}
		d.tempDir, d.ownTemp, d.owner = dir, true, owner
	}
	abs, err := filepath.Abs(d.tempDir)
	if err != nil {
		d.removeTemp()
		return nil, fmt.Errorf("warehouse open: %w", err)
	}
	d.tempDir = abs

	q := url.Values{}
	q.Set("autoinstall_known_extensions", "false")
	q.Set("autoload_known_extensions", "false")
	q.Set("allow_community_extensions", "false")
	q.Set("extension_directory", filepath.Join(abs, "extensions"))
	// An explicit INSTALL would otherwise go to extensions.duckdb.org; with a
	// local (empty) repository it fails at once instead.
	q.Set("custom_extension_repository", filepath.Join(abs, "extension-repository"))
	q.Set("temp_directory", filepath.Join(abs, "spill"))
	q.Set("threads", strconv.Itoa(opts.Threads))
	q.Set("memory_limit", opts.MemoryLimit)
	q.Set("max_temp_directory_size", opts.SpillLimit)
	dsn := opts.Path + "?" + q.Encode()

	connector, err := duckdb.NewConnector(dsn, func(ex driver.ExecerContext) error {
		// TimeZone needs ICU and cannot go in the DSN (STACK.md).
		_, err := ex.ExecContext(context.Background(), "SET TimeZone = 'UTC'", nil)
		return err
	})
	if err != nil {
		d.removeTemp()
		return nil, wrapError("open", "", err)
	}
	d.sqlDB = sql.OpenDB(connector)
	d.conn, err = d.sqlDB.Conn(ctx)
	if err != nil {
		err = wrapError("open", "", err)
		return nil, errors.Join(err, d.sqlDB.Close(), d.removeTemp())
	}
	if err := registerFunctions(d.conn); err != nil {
		err = wrapError("open", "", err)
		return nil, errors.Join(err, d.conn.Close(), d.sqlDB.Close(), d.removeTemp())
	}
	return d, nil
}

// TempDir returns the absolute scratch directory the database uses.
func (d *DB) TempDir() string { return d.tempDir }

// Close closes the connection and the database, and removes the scratch
// directory if Open created it. Closing twice is a no-op.
func (d *DB) Close() error {
	d.mu.Lock()
	defer d.mu.Unlock()
	if d.closed {
		return nil
	}
	d.closed = true
	if d.session {
		return d.conn.Close()
	}
	return errors.Join(d.conn.Close(), d.sqlDB.Close(), d.removeTemp())
}

func (d *DB) removeTemp() error {
	if !d.ownTemp {
		return nil
	}
	err := os.RemoveAll(d.tempDir)
	d.owner.Release() // after: a folder half removed is still ours
	return err
}

// Exec runs one or more statements on the pinned connection. With args, query
// must be a single statement whose placeholders ($1 or ?) take them in order.
func (d *DB) Exec(ctx context.Context, query string, args ...any) error {
	d.mu.Lock()
	defer d.mu.Unlock()
	if d.closed {
		return &Error{Op: "exec", Query: query, Kind: ErrClosed, Err: errors.New("database is closed")}
	}
	if err := d.allow("exec", query); err != nil {
		return err
	}
	if _, err := d.conn.ExecContext(ctx, query, args...); err != nil {
		return wrapError("exec", query, ctxErr(ctx, err))
	}
	return nil
}

// Rows runs query like [DB.Query] and returns only its rows: the query function
// that packages reading a snapshot without the driver take (plan.Query,
// calendar.Snapshot.Query).
func (d *DB) Rows(ctx context.Context, query string) ([][]any, error) {
	res, err := d.Query(ctx, query)
	if err != nil {
		return nil, err
	}
	return res.Rows, nil
}

// Query runs query on the pinned connection and reads the whole result. Use it
// for results that fit in memory comfortably; bulk outputs go through
// [DB.CopyToParquet].
func (d *DB) Query(ctx context.Context, query string, args ...any) (*Result, error) {
	d.mu.Lock()
	defer d.mu.Unlock()
	if d.closed {
		return nil, &Error{Op: "query", Query: query, Kind: ErrClosed, Err: errors.New("database is closed")}
	}
	if err := d.allow("query", query); err != nil {
		return nil, err
	}
	rows, err := d.conn.QueryContext(ctx, query, args...)
	if err != nil {
		return nil, wrapError("query", query, ctxErr(ctx, err))
	}
	res, err := readRows(rows)
	if cerr := rows.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		return nil, wrapError("query", query, ctxErr(ctx, err))
	}
	return res, nil
}

func readRows(rows *sql.Rows) (*Result, error) {
	cts, err := rows.ColumnTypes()
	if err != nil {
		return nil, err
	}
	res := &Result{Columns: make([]string, len(cts)), Types: make([]string, len(cts)), Rows: [][]any{}}
	for i, ct := range cts {
		res.Columns[i] = ct.Name()
		res.Types[i] = ct.DatabaseTypeName()
	}
	vals := make([]any, len(cts))
	ptrs := make([]any, len(cts))
	for i := range vals {
		ptrs[i] = &vals[i]
	}
	for rows.Next() {
		if err := rows.Scan(ptrs...); err != nil {
			return nil, err
		}
		row := make([]any, len(cts))
		for i, v := range vals {
			row[i] = plain(v, res.Types[i])
		}
		res.Rows = append(res.Rows, row)
	}
	return res, rows.Err()
}

// plain converts a driver value of DuckDB type typ to the plain Go value
// documented on [tabular.Result]. typ may be "" when unknown (inside STRUCT and
// MAP values).
func plain(v any, typ string) any {
	switch x := v.(type) {
	case nil, string, bool, int64, float64:
		return x
	case int8:
		return int64(x)
	case int16:
		return int64(x)
	case int32:
		return int64(x)
	case int:
		return int64(x)
	case uint8:
		return int64(x)
	case uint16:
		return int64(x)
	case uint32:
		return int64(x)
	case uint64:
		if x > 1<<63-1 {
			return strconv.FormatUint(x, 10)
		}
		return int64(x)
	case float32:
		return float64(x)
	case *big.Int:
		if x.IsInt64() {
			return x.Int64()
		}
		return x.String()
	case duckdb.Decimal:
		return x.Float64()
	case time.Time:
		if typ == "DATE" {
			return x.Format(time.DateOnly)
		}
		return x.UTC()
	case duckdb.Interval:
		return fmt.Sprintf("%d months %d days %d us", x.Months, x.Days, x.Micros)
	case []byte:
		if typ == "UUID" && len(x) == 16 {
			return fmt.Sprintf("%x-%x-%x-%x-%x", x[0:4], x[4:6], x[6:8], x[8:10], x[10:16])
		}
		return x
	case []any:
		elem := elementType(typ)
		out := make([]any, len(x))
		for i, e := range x {
			out[i] = plain(e, elem)
		}
		return out
	case map[string]any:
		out := make(map[string]any, len(x))
		for k, e := range x {
			out[k] = plain(e, "")
		}
		return out
	case duckdb.OrderedMap:
		keys, values := x.Keys(), x.Values()
		out := make([]any, len(keys))
		for i := range keys {
			out[i] = map[string]any{"key": plain(keys[i], ""), "value": plain(values[i], "")}
		}
		return out
	case duckdb.Union:
		return plain(x.Value, "")
	default:
		return x
	}
}

// elementType returns the element type of a LIST ("DATE[]") or ARRAY ("DATE[3]")
// type name, or "" when typ is neither.
func elementType(typ string) string {
	if !strings.HasSuffix(typ, "]") {
		return ""
	}
	i := strings.LastIndexByte(typ, '[')
	if i < 0 {
		return ""
	}
	return typ[:i]
}

// CopyToParquet writes the rows of query (a SELECT, without a trailing
// semicolon) to the Parquet file path with zstd compression, replacing the
// file if it exists.
//
// The writer is deterministic: the same rows in the same order give a
// byte-identical file. Row order is the caller's job: end query with an ORDER
// BY over a unique key (insertion order is preserved, so a total order is kept).
func (d *DB) CopyToParquet(ctx context.Context, query, path string) error {
	q := strings.TrimRight(strings.TrimSpace(query), "; \t\n")
	stmt := fmt.Sprintf("copy (%s\n) to %s (format parquet, compression zstd)", q, QuoteString(path))
	d.mu.Lock()
	defer d.mu.Unlock()
	if d.closed {
		return &Error{Op: "copy", Query: stmt, Kind: ErrClosed, Err: errors.New("database is closed")}
	}
	if err := d.allow("copy", stmt); err != nil {
		return err
	}
	if _, err := d.conn.ExecContext(ctx, stmt); err != nil {
		return wrapError("copy", stmt, ctxErr(ctx, err))
	}
	return nil
}

// ReleaseMemory returns to the OS the memory DuckDB keeps after tables are
// dropped: a drop frees the blocks to DuckDB's allocator, which holds on to them,
// while setting memory_limit (here to its value at Open) flushes it. Measured on
// two scale-1000 marts: 1,006 MiB of RSS kept after dropping both, 53 MiB after
// this.
func (d *DB) ReleaseMemory(ctx context.Context) error {
	return d.SetMemoryLimit(ctx, d.memoryLimit)
}

// SetMemoryLimit changes DuckDB's memory_limit to limit ("" for
// DefaultMemoryLimit, as at Open); ReleaseMemory then keeps it.
func (d *DB) SetMemoryLimit(ctx context.Context, limit string) error {
	if limit == "" {
		limit = DefaultMemoryLimit
	}
	if err := d.Exec(ctx, "set memory_limit = "+QuoteString(limit)); err != nil {
		return err
	}
	d.mu.Lock()
	d.memoryLimit = limit
	d.mu.Unlock()
	return nil
}

// Version returns the DuckDB library version, such as "v1.5.6".
func (d *DB) Version(ctx context.Context) (string, error) {
	res, err := d.Query(ctx, "select library_version from pragma_version()")
	if err != nil {
		return "", err
	}
	if res.Len() != 1 {
		return "", fmt.Errorf("warehouse version: %d rows", res.Len())
	}
	s, _ := res.Rows[0][0].(string)
	return s, nil
}

// QuoteString returns s as a SQL string literal, with each single quote
// doubled, so a path or value can be spliced into a statement safely:
//
//	QuoteString("it's") == `'it''s'`
func QuoteString(s string) string {
	return "'" + strings.ReplaceAll(s, "'", "''") + "'"
}

// ctxErr joins ctx's error to err when ctx is done, so errors.Is(err,
// context.Canceled) holds for interrupted calls.
func ctxErr(ctx context.Context, err error) error {
	if cerr := ctx.Err(); cerr != nil && !errors.Is(err, cerr) {
		return errors.Join(err, cerr)
	}
	return err
}
