package history

import (
	"context"
	"errors"
	"fmt"
	"maps"
	"os"
	"slices"
	"strings"

	"synergy/pipeline/civil"
	"synergy/pipeline/parquetout"
)

// Engine runs SQL in DuckDB's dialect: the run's warehouse. Stream hands over a
// small result row by row, with NULL as nil; a large one is written to a file
// with COPY (the driver would hold a streamed result whole).
type Engine interface {
	Exec(ctx context.Context, query string, args ...any) error
	Stream(ctx context.Context, query string, head func(columns, types []string) error, each func(row []any) error) error
}

// CurrentRow is a [Current] as [ObserveFiles] reads it: its canonical content
// and digest, computed in Go ([Canonical]), so the database needs no JSON rules
// of its own.
type CurrentRow struct {
	Entity        string `parquet:"entity,dict"`
	Key           string `parquet:"key"`
	ContentSHA256 string `parquet:"content_sha256"`
	ContentJSON   string `parquet:"content_json"`
}

// RowOf is c with its canonical content.
func RowOf(c Current) CurrentRow {
	if c.Entity == "" {
		panic("history: a current record with an empty entity")
	}
	j, sha := Canonical(c.Content)
	return CurrentRow{Entity: c.Entity, Key: c.Key, ContentSHA256: sha, ContentJSON: j}
}

// ObserveFiles is [Observe] computed by db from Parquet files, for histories
// larger than memory: prevPath is the published observations table ("" on a
// first run), curPath a file of this run's [CurrentRow]s in any order; the
// result goes through a scratch file next to curPath. It hands
// the new history to write in batches, in the order and with the content
// Observe returns, and returns Observe's notes and the rows run recorded by
// entity and change ([CountChanges]). Its errors are Observe's; on one, write
// has not been called. The slice handed to write is reused between calls.
func ObserveFiles(ctx context.Context, db Engine, prevPath, curPath string, run RunInfo, write func([]Observation) error) ([]Note, map[string]map[string]int, error) {
	if run.ID == "" {
		panic("history: ObserveFiles with an empty run ID")
	}
	prev := emptyPrevious
	if prevPath != "" {
		prev = "SELECT * EXCLUDE (file_row_number), file_row_number AS ord FROM read_parquet(" +
			quote(prevPath) + ", file_row_number = true)"
	}
	if err := db.Exec(ctx, "CREATE OR REPLACE TEMP VIEW hist_prev AS "+prev+";\n"+
		"CREATE OR REPLACE TEMP VIEW hist_cur AS SELECT * FROM read_parquet("+quote(curPath)+")"); err != nil {
		return nil, nil, err
	}
	if err := checkFiles(ctx, db, run); err != nil {
		return nil, nil, err
	}
	counts, err := entityCounts(ctx, db)
	if err != nil {
		return nil, nil, err
	}
	var live []string
	var notes []Note
	for _, entity := range slices.Sorted(maps.Keys(counts)) {
		if c := counts[entity]; run.Complete[entity] && c.current > 0 {
			live = append(live, entity)
			continue
		}
		notes = append(notes, carriedForwardCount(entity, counts[entity], run.Complete))
	}
	changes := map[string]map[string]int{}
	err = copyObservations(ctx, db, observeQuery(live, run), curPath+".observed.parquet", func(o Observation) {
		if o.FirstSeenRun == run.ID {
			if changes[o.Entity] == nil {
				changes[o.Entity] = map[string]int{}
			}
			changes[o.Entity][o.Change]++
		}
	}, write)
	if err != nil {
		return nil, nil, err
	}
	return notes, changes, nil
}

// emptyPrevious is an observations table without rows, for a first run.
const emptyPrevious = `SELECT NULL::VARCHAR AS entity, NULL::VARCHAR AS key, NULL::VARCHAR AS content_sha256,
	NULL::VARCHAR AS content_json, NULL::VARCHAR AS first_seen_run, NULL::DATE AS first_seen_at,
	NULL::VARCHAR AS last_seen_run, NULL::DATE AS last_seen_at, NULL::DATE AS ended_at,
	NULL::VARCHAR AS change, NULL::BIGINT AS ord WHERE false`

// checkFiles returns Observe's errors: a run not after the history, a history
// with two open versions of a key, or two current records with one key.
func checkFiles(ctx context.Context, db Engine, run RunInfo) error {
	var order error
	err := streamRows(ctx, db, `SELECT greatest(max(first_seen_run), max(last_seen_run)),
		(greatest(max(first_seen_at), max(last_seen_at)) - DATE '1970-01-01')::BIGINT FROM hist_prev`, func(r []any) {
		if lastRun, ok := r[0].(string); ok && lastRun >= run.ID {
			order = fmt.Errorf("%w: run %q, history has run %q", ErrRunOrder, run.ID, lastRun)
		} else if lastDay, ok := r[1].(int64); ok && civil.Day(lastDay) > run.AsOf {
			order = fmt.Errorf("%w: as-of %s, history has %s", ErrRunOrder, run.AsOf, civil.Day(lastDay))
		}
	})
	if err != nil || order != nil {
		return errors.Join(err, order)
	}
	var errs []error
	err = streamRows(ctx, db, `SELECT 'cur', entity, key FROM hist_cur GROUP BY entity, key HAVING count(*) > 1
		UNION ALL SELECT 'prev', entity, key FROM hist_prev WHERE ended_at IS NULL GROUP BY entity, key HAVING count(*) > 1
		ORDER BY 1, 2, 3`, func(r []any) {
		if r[0] == "cur" {
			errs = append(errs, fmt.Errorf("%w: %s %q", ErrDuplicateKey, r[1], r[2]))
		} else {
			errs = append(errs, fmt.Errorf("%w: two open versions of %s %q", ErrCorrupt, r[1], r[2]))
		}
	})
	return errors.Join(append(errs, err)...)
}

// entityRows counts an entity's open versions in the history and its current
// records in the run.
type entityRows struct{ open, current int }

// entityCounts counts the rows of every entity of the history or the run.
func entityCounts(ctx context.Context, db Engine) (map[string]entityRows, error) {
	out := map[string]entityRows{}
	err := streamRows(ctx, db, `SELECT entity, sum(open)::BIGINT, sum(cur)::BIGINT FROM (
			SELECT entity, count(*) FILTER (WHERE ended_at IS NULL) AS open, 0 AS cur FROM hist_prev GROUP BY entity
			UNION ALL SELECT entity, 0, count(*) FROM hist_cur GROUP BY entity)
		GROUP BY entity`, func(r []any) {
		out[r[0].(string)] = entityRows{open: int(r[1].(int64)), current: int(r[2].(int64))}
	})
	return out, err
}

// carriedForwardCount is carriedForward's note from the counts.
func carriedForwardCount(entity string, c entityRows, complete map[string]bool) Note {
	n := carriedForward(entity, nil, c.current, complete)
	n.Open = c.open
	return n
}

// observeQuery is observeEntity for the live entities, every other entity's rows
// carried forward, in sortObservations' order (ties in the history's order).
func observeQuery(live []string, run RunInfo) string {
	quoted := make([]string, len(live))
	for i, e := range live {
		quoted[i] = quote(e)
	}
	list := "[" + strings.Join(quoted, ", ") + "]::VARCHAR[]"
	r := strings.NewReplacer("$live", list, "$run", quote(run.ID), "$asof", "DATE '"+run.AsOf.String()+"'")
	return r.Replace(`WITH
open AS (
	SELECT p.*, c.content_sha256 AS new_sha
	FROM hist_prev p LEFT JOIN hist_cur c USING (entity, key)
	WHERE list_contains($live, p.entity) AND p.ended_at IS NULL),
observed AS (
	-- ended versions, and every row of an entity not observed, as they were
	SELECT * EXCLUDE (ord), ord FROM hist_prev WHERE ended_at IS NOT NULL OR NOT list_contains($live, entity)
	UNION ALL -- open versions seen again with the same content
	SELECT entity, key, content_sha256, content_json, first_seen_run, first_seen_at,
		$run, $asof, NULL, change, ord
	FROM open WHERE new_sha = content_sha256
	UNION ALL -- open versions changed or not seen: ended
	SELECT entity, key, content_sha256, content_json, first_seen_run, first_seen_at,
		last_seen_run, last_seen_at, $asof, change, ord
	FROM open WHERE new_sha IS DISTINCT FROM content_sha256
	UNION ALL -- the removal of those not seen
	SELECT entity, key, content_sha256, content_json, $run, $asof, $run, $asof, $asof, 'removed', NULL
	FROM open WHERE new_sha IS NULL
	UNION ALL -- records new in this run, or with new content
	SELECT c.entity, c.key, c.content_sha256, c.content_json, $run, $asof, $run, $asof, NULL,
		CASE WHEN o.key IS NULL THEN 'added' ELSE 'changed' END, NULL
	FROM hist_cur c LEFT JOIN open o USING (entity, key)
	WHERE list_contains($live, c.entity) AND (o.key IS NULL OR o.content_sha256 <> c.content_sha256))
SELECT entity, key, content_sha256, content_json,
	first_seen_run, (first_seen_at - DATE '1970-01-01')::BIGINT AS first_seen_at,
	last_seen_run, (last_seen_at - DATE '1970-01-01')::BIGINT AS last_seen_at,
	(ended_at - DATE '1970-01-01')::BIGINT AS ended_at, change
FROM observed
ORDER BY entity, key, first_seen_run, change = 'removed', content_sha256, ord NULLS LAST`)
}

// observeBatch is how many observations copyObservations hands write at once.
const observeBatch = 4096

// observedRow is a row of observeQuery as DuckDB writes it: every column
// nullable, days as numbers.
type observedRow struct {
	Entity        *string `parquet:"entity"`
	Key           *string `parquet:"key"`
	ContentSHA256 *string `parquet:"content_sha256"`
	ContentJSON   *string `parquet:"content_json"`
	FirstSeenRun  *string `parquet:"first_seen_run"`
	FirstSeenAt   *int64  `parquet:"first_seen_at"`
	LastSeenRun   *string `parquet:"last_seen_run"`
	LastSeenAt    *int64  `parquet:"last_seen_at"`
	EndedAt       *int64  `parquet:"ended_at"`
	Change        *string `parquet:"change"`
}

func (r observedRow) observation() Observation {
	o := Observation{
		Entity: deref(r.Entity), Key: deref(r.Key), ContentSHA256: deref(r.ContentSHA256), ContentJSON: deref(r.ContentJSON),
		FirstSeenRun: deref(r.FirstSeenRun), FirstSeenAt: civil.Day(deref(r.FirstSeenAt)),
		LastSeenRun: deref(r.LastSeenRun), LastSeenAt: civil.Day(deref(r.LastSeenAt)), Change: deref(r.Change),
	}
	if r.EndedAt != nil {
		end := civil.Day(*r.EndedAt)
		o.EndedAt = &end
	}
	return o
}

func deref[T any](p *T) T {
	var zero T
	if p == nil {
		return zero
	}
	return *p
}

// copyObservations has db write the result of query, whose columns are an
// observedRow's, to the scratch file path, and reads it back in batches: to
// each one by one and to write a batch at a time. It removes path.
func copyObservations(ctx context.Context, db Engine, query, path string, each func(Observation), write func([]Observation) error) error {
	defer os.Remove(path)
	// Small row groups: the writer buffers one, beside the sort, within a memory
	// limit of a few hundred megabytes. The order of query is kept.
	err := db.Exec(ctx, "COPY ("+query+") TO "+quote(path)+" (FORMAT parquet, ROW_GROUP_SIZE 8192)")
	if err != nil {
		return err
	}
	batch := make([]Observation, 0, observeBatch)
	return parquetout.ScanFile(path, observeBatch, func(rows []observedRow) error {
		batch = batch[:0]
		for _, r := range rows {
			o := r.observation()
			each(o)
			batch = append(batch, o)
		}
		return write(batch)
	})
}

// streamRows runs a small query and hands each row to each.
func streamRows(ctx context.Context, db Engine, query string, each func([]any)) error {
	return db.Stream(ctx, query, func([]string, []string) error { return nil }, func(r []any) error {
		each(r)
		return nil
	})
}

// quote is s as a SQL string literal.
func quote(s string) string { return "'" + strings.ReplaceAll(s, "'", "''") + "'" }
