package models

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"path/filepath"
	"regexp"
	"sort"
	"strings"
	"time"

	"synergy/pipeline/tabular"
)

// DB is what the runner needs from a database; *warehouse.DB satisfies it.
// Calls must share one connection, so views made by one call are seen by the
// next.
type DB interface {
	Exec(ctx context.Context, query string, args ...any) error
	Query(ctx context.Context, query string, args ...any) (*tabular.Result, error)
}

// Exporter is a DB that can also write a query's rows to a Parquet file;
// *warehouse.DB satisfies it.
type Exporter interface {
	DB
	CopyToParquet(ctx context.Context, query, path string) error
}

// RawTables maps a raw table name ("meetings") to the Parquet file holding it.
// [Run] exposes each as the view raw_<name>.
type RawTables map[string]string

// MaxSamples is the number of failing rows a CheckResult keeps.
const MaxSamples = 5

// CheckResult is the outcome of one check.
type CheckResult struct {
	Model       string   // the model checked
	Name        string   // the check, as Check.Name gives it
	FailingRows int64    // rows the failing-rows query returned; 0 means passed
	Columns     []string // columns of Samples
	Samples     [][]any  // up to MaxSamples failing rows, ordered by all columns
	Err         error    // non-nil when the check query could not run
}

// Passed reports whether the check ran and found no failing row.
func (r CheckResult) Passed() bool { return r.Err == nil && r.FailingRows == 0 }

var rawName = regexp.MustCompile(`^[a-z][a-z0-9_]*$`)

// Run builds p in db and runs its checks.
//
// It first creates the view raw_<name> over read_parquet(path) for each raw
// table (in name order), then runs the macros, then builds every model in
// p.Models order: staging models as views, intermediate models and marts as tables
// (Layer.Materialization; create or replace). A failure there stops the run and returns an error
// wrapping ErrBuild and the database's error, naming the model.
//
// Each model's checks run as soon as the models they read are built, and Run
// returns all results in model and header order. A project from [Project.Split]
// drops each intermediate table once nothing left in the run reads it. If any
// check failed or could not run, the error joins one [*CheckError] per failure
// (errors.Is(err, ErrCheckFailed)) and names the model, the check and sample
// rows; the results are returned as well.
//
// A nil logger discards logs.
func Run(ctx context.Context, db DB, p *Project, raw RawTables, logger *slog.Logger) ([]CheckResult, error) {
	if logger == nil {
		logger = slog.New(slog.DiscardHandler)
	}
	if err := createRawViews(ctx, db, raw, nil); err != nil {
		return nil, err
	}
	if err := createMacros(ctx, db, p, logger); err != nil {
		return nil, err
	}
	return buildAndCheck(ctx, db, p, logger)
}

// createRawViews makes the view raw_<name> over each raw table's Parquet file, in
// name order; filters, when it names the table, keeps only the rows matching
// that SQL condition.
func createRawViews(ctx context.Context, db DB, raw RawTables, filters map[string]string) error {
	names := make([]string, 0, len(raw))
	for name := range raw {
		names = append(names, name)
	}
	sort.Strings(names)
	for _, name := range names {
		if !rawName.MatchString(name) {
			return fmt.Errorf("%w: raw table name %q: want lower-case snake_case", ErrBuild, name)
		}
		q := fmt.Sprintf("create or replace view raw_%s as select * from read_parquet(%s)", name, quoteString(raw[name]))
		if cond, ok := filters[name]; ok {
			q += " where " + cond
		}
		if err := db.Exec(ctx, q); err != nil {
			return fmt.Errorf("%w: raw table %s (%s): %w", ErrBuild, name, raw[name], err)
		}
	}
	return nil
}

// buildModels runs the macros, then makes every model of p in build order.
func buildModels(ctx context.Context, db DB, p *Project, logger *slog.Logger) error {
	if err := createMacros(ctx, db, p, logger); err != nil {
		return err
	}
	for _, m := range p.Models {
		if err := buildModel(ctx, db, m, logger); err != nil {
			return err
		}
	}
	return nil
}

// createMacros runs p's macro files.
func createMacros(ctx context.Context, db DB, p *Project, logger *slog.Logger) error {
	for _, m := range p.Macros {
		if err := db.Exec(ctx, m.SQL); err != nil {
			return fmt.Errorf("%w: macros %s: %w", ErrBuild, m.Path, err)
		}
		logger.Debug("macros created", "file", m.Path)
	}
	return nil
}

// buildModel makes one model as its layer's materialization. A mart with a grain
// is stored in grain order, the order its file is written in, so that [Export]
// copies it as it is: sorting it again at export held the mart, the sort and the
// sorted copy at once (at scale 1000, state_year_burden's meeting lists took the
// run to three times its memory_limit).
func buildModel(ctx context.Context, db DB, m *Model, logger *slog.Logger) error {
	start := time.Now()
	q := fmt.Sprintf("create or replace %s %s as\n%s\n", m.Layer.Materialization(), m.Name, m.SQL)
	if grain := m.GrainColumns(); m.Layer == LayerMarts && len(grain) > 0 {
		q = fmt.Sprintf("create or replace table %s as\nselect * from (\n%s\n) order by %s\n",
			m.Name, m.SQL, strings.Join(grain, ", "))
	}
	if err := db.Exec(ctx, q); err != nil {
		return fmt.Errorf("%w: model %s (%s): %w", ErrBuild, m.Name, m.Path, err)
	}
	logger.Info("model built", "model", m.Name, "layer", m.Layer.String(),
		"as", m.Layer.Materialization(), "duration", time.Since(start).Round(time.Millisecond))
	return nil
}

// checkModels runs the checks of models on cr's connections and returns their
// results in model and header order, with one [*CheckError] per failure appended
// to failed.
func checkModels(ctx context.Context, cr *checkRunner, models []*Model, logger *slog.Logger, failed []error) ([]CheckResult, []error, error) {
	var checks []Check
	for _, m := range models {
		checks = append(checks, m.Checks...)
	}
	results, err := cr.run(ctx, checks)
	if err != nil {
		return nil, failed, err
	}
	return results, recordResults(results, logger, failed, nil), nil
}

// recordResults logs each result, with the attributes extra gives for its index
// (nil for none), and returns failed with one [*CheckError] per failure appended.
func recordResults(results []CheckResult, logger *slog.Logger, failed []error, extra func(i int) []any) []error {
	for i, r := range results {
		attrs := []any{"model", r.Model, "check", r.Name, "failing_rows", r.FailingRows, "passed", r.Passed()}
		if extra != nil {
			attrs = append(attrs, extra(i)...)
		}
		logger.Info("check", attrs...)
		if !r.Passed() {
			failed = append(failed, &CheckError{Result: r, Err: r.Err})
		}
	}
	return failed
}

// checksError joins the failures of n checks, or is nil when none failed.
func checksError(failed []error, n int) error {
	if len(failed) == 0 {
		return nil
	}
	return fmt.Errorf("%d of %d checks failed:\n%w", len(failed), n, errors.Join(failed...))
}

func runCheck(ctx context.Context, db DB, c Check) CheckResult {
	r := CheckResult{Model: c.Model, Name: c.Name()}
	q := c.FailingRowsSQL()
	count, err := db.Query(ctx, "select count(*) as n from (\n"+q+"\n) as failing")
	if err != nil {
		r.Err = err
		return r
	}
	if n, ok := count.Rows[0][0].(int64); ok {
		r.FailingRows = n
	} else {
		r.Err = fmt.Errorf("count of failing rows is %T", count.Rows[0][0])
		return r
	}
	if r.FailingRows == 0 {
		return r
	}
	sample, err := db.Query(ctx, fmt.Sprintf("select * from (\n%s\n) as failing order by all limit %d", q, MaxSamples))
	if err != nil {
		r.Err = err
		return r
	}
	r.Columns, r.Samples = sample.Columns, sample.Rows
	return r
}

// Export writes each mart to <dir>/<name>.parquet, rows ordered by the mart's
// grain columns (its first unique check), and returns the rows written per mart.
// Each mart is dropped once written (its memory goes back to the OS), so a mart
// is exported once per build.
// dir must exist. Marts without a unique check are an error (ErrNoGrain), so
// every file has a total, reproducible row order.
func Export(ctx context.Context, db Exporter, marts []*Model, dir string) (map[string]int64, error) {
	counts := make(map[string]int64, len(marts))
	for _, m := range marts {
		if m.Layer != LayerMarts {
			return nil, fmt.Errorf("export %s: a %s model, not a mart", m.Name, m.Layer)
		}
		cols := m.GrainColumns()
		if len(cols) == 0 {
			return nil, fmt.Errorf("export %s: %w", m.Name, ErrNoGrain)
		}
		path := filepath.Join(dir, m.Name+".parquet")
		sel, err := exportColumns(ctx, db, m.Name)
		if err != nil {
			return nil, fmt.Errorf("export %s: %w", m.Name, err)
		}
		if err := exportSorted(ctx, db, m.Name, sel, cols, path); err != nil {
			return nil, fmt.Errorf("export %s: %w", m.Name, err)
		}
		res, err := db.Query(ctx, "select count(*) from read_parquet("+quoteString(path)+")")
		if err != nil {
			return nil, fmt.Errorf("export %s: count rows: %w", m.Name, err)
		}
		n, _ := res.Rows[0][0].(int64)
		counts[m.Name] = n
		if err := dropRelation(ctx, db, m.Name); err != nil {
			return nil, fmt.Errorf("export %s: drop: %w", m.Name, err)
		}
		if err := releaseMemory(ctx, db); err != nil {
			return nil, fmt.Errorf("export %s: %w", m.Name, err)
		}
	}
	return counts, nil
}

// releaser is a DB that can return the memory of dropped tables to the OS;
// *warehouse.DB is one.
type releaser interface {
	ReleaseMemory(ctx context.Context) error
}

// releaseMemory returns the memory of the tables db dropped to the OS, when db
// can: DuckDB's allocator keeps it otherwise, and the rest of a run (its Go
// work, a second database) adds to the same process.
func releaseMemory(ctx context.Context, db DB) error {
	if r, ok := db.(releaser); ok {
		return r.ReleaseMemory(ctx)
	}
	return nil
}

// exportSorted writes the mart's rows, ordered by its grain, to path. The rows are
// sorted into a table that then takes the mart's place, and that table is copied
// in its stored order: an ordered COPY holds the whole sorted result in memory
// before writing it (at scale 1000 state_year_burden's lists ran out of a 1 GB
// limit), while a sort into a table spills. The bytes are the same either way
// (insertion order is preserved, the row groups fill alike), and so is the mart.
func exportSorted(ctx context.Context, db Exporter, mart, sel string, grain []string, path string) error {
	ordered, err := inGrainOrder(ctx, db, mart, grain)
	if err != nil {
		return err
	}
	if ordered {
		return db.CopyToParquet(ctx, "select "+sel+" from "+mart, path)
	}
	sorted := mart + "__sorted"
	if err := db.Exec(ctx, fmt.Sprintf("create or replace table %s as select %s from %s order by %s",
		sorted, sel, mart, strings.Join(grain, ", "))); err != nil {
		return err
	}
	if err := dropRelation(ctx, db, mart); err != nil {
		return err
	}
	if err := db.Exec(ctx, fmt.Sprintf("alter table %s rename to %s", sorted, mart)); err != nil {
		return err
	}
	return db.CopyToParquet(ctx, "select * from "+mart, path)
}

// inGrainOrder reports whether the table mart stores its rows in strictly
// increasing grain order with no NULL in the grain, as a mart built by [Run] does;
// a view (a merged mart) is not.
func inGrainOrder(ctx context.Context, db DB, mart string, grain []string) (bool, error) {
	view, err := isView(ctx, db, mart)
	if err != nil || view {
		return false, err
	}
	nulls := make([]string, len(grain))
	for i, c := range grain {
		nulls[i] = c + " is null"
	}
	key := "row(" + strings.Join(grain, ", ") + ")"
	res, err := db.Query(ctx, fmt.Sprintf(`select count(*) from (
	select %[1]s as k, lag(%[1]s) over (order by rowid) as previous, %[2]s as has_null from %[3]s
) where has_null or (previous is not null and not (k > previous))`, key, strings.Join(nulls, " or "), mart))
	if err != nil {
		return false, err
	}
	return fmt.Sprint(res.Rows[0][0]) == "0", nil
}

// dropRelation drops the table or view called name.
func dropRelation(ctx context.Context, db DB, name string) error {
	view, err := isView(ctx, db, name)
	if err != nil {
		return err
	}
	kind := "table"
	if view {
		kind = "view"
	}
	return db.Exec(ctx, "drop "+kind+" "+name)
}

// isView reports whether name is a view (a merged mart of a partial build) rather
// than a table.
func isView(ctx context.Context, db DB, name string) (bool, error) {
	res, err := db.Query(ctx, "select count(*) from duckdb_views() where not internal and view_name = $1", name)
	if err != nil {
		return false, err
	}
	return fmt.Sprint(res.Rows[0][0]) != "0", nil
}

// exportColumns is the select list that writes a mart: every column as it is, except
// HUGEINT ones (what DuckDB's sum and count_if return over integers), cast to BIGINT.
// Parquet has no 128-bit integer and DuckDB would write them as DOUBLE, so analysts
// would see counts as 12.0; no count here comes near 2^63.
func exportColumns(ctx context.Context, db DB, table string) (string, error) {
	res, err := db.Query(ctx, "select column_name, column_type from (describe "+table+")")
	if err != nil {
		return "", err
	}
	cols := make([]string, 0, len(res.Rows))
	for _, r := range res.Rows {
		name, _ := r[0].(string)
		typ, _ := r[1].(string)
		quoted := `"` + strings.ReplaceAll(name, `"`, `""`) + `"`
		if typ == "HUGEINT" {
			cols = append(cols, "cast("+quoted+" as bigint) as "+quoted)
			continue
		}
		cols = append(cols, quoted)
	}
	return strings.Join(cols, ", "), nil
}

// quoteString returns s as a SQL string literal, each single quote doubled.
func quoteString(s string) string {
	return "'" + strings.ReplaceAll(s, "'", "''") + "'"
}
