package models

import (
	"context"
	"fmt"
	"log/slog"
	"strconv"
	"strings"
	"time"
)

// Rebuild says which partitions of the marts a partial build remakes, from
// which rows, and where the rest of each mart is.
type Rebuild struct {
	// Filters: per raw table (name without raw_), a SQL condition on its columns
	// keeping the rows the models are built from: the affected partitions and
	// the context they need. Tables not named are read whole.
	Filters map[string]string
	// Years and Meetings are the affected partitions of kind PartitionYear and
	// PartitionMeeting.
	Years    []int
	Meetings []string
	// Previous maps every mart to the Parquet file of its last published version.
	Previous map[string]string
}

// Partition tables: the affected partitions, one value a row, read by the
// merged marts (views).
const (
	partitionYearsTable    = "partial_rebuild_years"
	partitionMeetingsTable = "partial_rebuild_meetings"
	rebuiltSuffix          = "__rebuilt" // <mart>__rebuilt: the mart's rows of the affected partitions
)

// RunPartial builds p from the rows rb.Filters keeps and merges each mart with
// its previous version: the rows of the affected partitions come from this
// build, every other row from rb.Previous. Every mart of p must declare a
// partition (ErrNoPartition). It also returns the marts whose rows are exactly
// the previous version's (the same multiset), whose Parquet export would be the
// previous file's bytes.
//
// Staging models are views: once the models are built the raw views read
// whole tables again, so staging checks and the marts' relationship checks see
// every row. Intermediate models keep what was rebuilt, and their checks run on
// that; a mart's row-local checks run on its rebuilt rows, its other checks on
// the merged mart (runPartialChecks). The partition keys must never be
// NULL: a row whose key is NULL is dropped from the merge.
func RunPartial(ctx context.Context, db DB, p *Project, raw RawTables, rb *Rebuild, logger *slog.Logger) ([]CheckResult, []string, error) {
	if logger == nil {
		logger = slog.New(slog.DiscardHandler)
	}
	marts := p.Layer(LayerMarts)
	for _, m := range marts {
		if m.Partition.Kind == PartitionNone {
			return nil, nil, fmt.Errorf("%w: mart %s (%s)", ErrNoPartition, m.Name, m.Path)
		}
	}
	for _, m := range marts {
		if rb.Previous[m.Name] == "" {
			return nil, nil, fmt.Errorf("%w: mart %s has no previous version", ErrBuild, m.Name)
		}
		// A merged mart of an earlier partial build in this database is a view,
		// which "create or replace table" would not replace.
		view, err := isView(ctx, db, m.Name)
		if err != nil {
			return nil, nil, fmt.Errorf("%w: mart %s: %w", ErrBuild, m.Name, err)
		}
		if view {
			if err := db.Exec(ctx, "drop view "+m.Name); err != nil {
				return nil, nil, fmt.Errorf("%w: mart %s: %w", ErrBuild, m.Name, err)
			}
		}
	}
	if err := createRawViews(ctx, db, raw, rb.Filters); err != nil {
		return nil, nil, err
	}
	if err := buildModels(ctx, db, p, logger); err != nil {
		return nil, nil, err
	}
	if err := createRawViews(ctx, db, raw, nil); err != nil {
		return nil, nil, err
	}
	if err := createPartitionTables(ctx, db, rb); err != nil {
		return nil, nil, err
	}
	var same []string
	for _, m := range marts {
		changed, err := mergeMart(ctx, db, m, rb.Previous[m.Name], logger)
		if err != nil {
			return nil, nil, err
		}
		if !changed {
			same = append(same, m.Name)
		}
	}
	res, err := runPartialChecks(ctx, db, p, logger)
	return res, same, err
}

// runPartialChecks is runChecks for a partial build: a mart's row-local checks
// (RowLocal) run on its rebuilt rows only. Every other row of a merged mart is
// a row of its previous version, which passed the same checks (the build key
// holds the SQL, checks included, to the published snapshot's, and a snapshot
// whose checks failed is not published), and a row-local check's verdict on a
// row depends on that row alone. Every other check runs as in a full build.
func runPartialChecks(ctx context.Context, db DB, p *Project, logger *slog.Logger) ([]CheckResult, error) {
	var checks, runs []Check
	for _, m := range p.Models {
		for _, c := range m.Checks {
			run := c
			if m.Layer == LayerMarts && c.RowLocal() {
				run.Model = m.Name + rebuiltSuffix + " as " + m.Name
			}
			checks, runs = append(checks, c), append(runs, run)
		}
	}
	cr, err := openCheckRunner(ctx, db)
	if err != nil {
		return nil, err
	}
	defer cr.Close()
	results, err := cr.run(ctx, runs)
	if err != nil {
		return nil, err
	}
	for i := range results {
		results[i].Model = checks[i].Model
	}
	failed := recordResults(results, logger, nil, func(i int) []any {
		return []any{"rebuilt_rows_only", runs[i].Model != checks[i].Model}
	})
	return results, checksError(failed, len(results))
}

// RowLocal says whether the check's verdict on a row depends on that row
// alone: not_null, accepted_values, and an expression that reads no other
// rows (no subquery). unique and relationship compare rows with others.
func (c Check) RowLocal() bool {
	switch c.Kind {
	case CheckNotNull, CheckAcceptedValues:
		return true
	case CheckExpression:
		return !strings.Contains(strings.ToLower(c.Expr), "select")
	}
	return false
}

// createPartitionTables writes rb's affected years and meetings as one-column
// temporary tables.
func createPartitionTables(ctx context.Context, db DB, rb *Rebuild) error {
	years := make([]string, len(rb.Years))
	for i, y := range rb.Years {
		years[i] = strconv.Itoa(y)
	}
	meetings := make([]string, len(rb.Meetings))
	for i, id := range rb.Meetings {
		meetings[i] = quoteString(id)
	}
	for _, t := range []struct {
		name, typ string
		values    []string
	}{{partitionYearsTable, "bigint", years}, {partitionMeetingsTable, "varchar", meetings}} {
		q := fmt.Sprintf("create or replace table %s as select cast(null as %s) as value where false", t.name, t.typ)
		if len(t.values) > 0 {
			q = fmt.Sprintf("create or replace table %s as select cast(value as %s) as value from (values (%s)) as v(value)",
				t.name, t.typ, strings.Join(t.values, "), ("))
		}
		if err := db.Exec(ctx, q); err != nil {
			return fmt.Errorf("%w: partition table %s: %w", ErrBuild, t.name, err)
		}
	}
	return nil
}

// mergeMart replaces the mart m, as built from the filtered rows, with a view
// of its rows of the affected partitions (kept as the table <m>__rebuilt) and
// the previous version's other rows, read from the previous Parquet file and
// cast to the built table's column types; and it reports whether the rows of the
// affected partitions differ from the previous version's. A view, not a table:
// checks and export stream the previous rows from the file instead of holding
// every mart in memory.
func mergeMart(ctx context.Context, db DB, m *Model, previous string, logger *slog.Logger) (bool, error) {
	start := time.Now()
	set := partitionYearsTable
	if m.Partition.Kind == PartitionMeeting {
		set = partitionMeetingsTable
	}
	cols, err := db.Query(ctx, "select column_name, column_type from (describe "+m.Name+")")
	if err != nil {
		return false, fmt.Errorf("%w: merge %s: %w", ErrBuild, m.Name, err)
	}
	casts := make([]string, 0, len(cols.Rows))
	for _, r := range cols.Rows {
		name, _ := r[0].(string)
		typ, _ := r[1].(string)
		quoted := `"` + strings.ReplaceAll(name, `"`, `""`) + `"`
		casts = append(casts, fmt.Sprintf("cast(%s as %s) as %s", quoted, typ, quoted))
	}
	inSet := fmt.Sprintf("(%s) in (select value from %s)", m.Partition.Key, set)
	prev := fmt.Sprintf("(select %s from read_parquet(%s))", strings.Join(casts, ", "), quoteString(previous))
	fail := func(err error) (bool, error) {
		return false, fmt.Errorf("%w: merge %s with %s: %w", ErrBuild, m.Name, previous, err)
	}
	rebuilt := m.Name + rebuiltSuffix
	if err := db.Exec(ctx, fmt.Sprintf("create or replace table %s as select * from %s where %s", rebuilt, m.Name, inSet)); err != nil {
		return fail(err)
	}
	diff, err := db.Query(ctx, fmt.Sprintf(`select count(*) from (
	(select * from %[1]s except all select * from %[2]s where %[3]s)
	union all
	(select * from %[2]s where %[3]s except all select * from %[1]s))`, rebuilt, prev, inSet))
	if err != nil {
		return fail(err)
	}
	changed := fmt.Sprint(diff.Rows[0][0]) != "0"
	for _, q := range []string{
		"drop table " + m.Name,
		fmt.Sprintf("create view %s as\nselect * from %s\nunion all\nselect * from %s where not %s",
			m.Name, rebuilt, prev, inSet),
	} {
		if err := db.Exec(ctx, q); err != nil {
			return fail(err)
		}
	}
	logger.Info("mart merged", "model", m.Name, "partition", m.Partition.String(), "previous", previous,
		"changed", changed, "duration", time.Since(start).Round(time.Millisecond))
	return changed, nil
}
