package notebook

import (
	"context"
	"errors"
	"fmt"

	"synergy/pipeline/tabular"
)

// Querier runs one SQL statement and returns its whole result. A
// *warehouse.DB fits through [QueryFunc]:
//
//	notebook.QueryFunc(func(ctx context.Context, sql string) (*tabular.Result, error) {
//		return db.Query(ctx, sql)
//	})
type Querier interface {
	Query(ctx context.Context, sql string) (*tabular.Result, error)
}

// QueryFunc adapts a function to [Querier].
type QueryFunc func(ctx context.Context, sql string) (*tabular.Result, error)

// Query calls f.
func (f QueryFunc) Query(ctx context.Context, sql string) (*tabular.Result, error) {
	return f(ctx, sql)
}

// DefaultMaxRows is how many rows of a result a cell shows when
// [Options.MaxRows] is 0.
const DefaultMaxRows = 50

// MetadataKey is the key of the metadata the runner writes, at notebook level
// (snapshot, failed cells) and on the code cells it skipped.
const MetadataKey = "synergy"

// Options configures [Execute]. The zero value is usable.
type Options struct {
	// MaxRows caps the rows each result shows (the rest is counted in a
	// "… N more rows" line); 0 means DefaultMaxRows, negative means all rows.
	MaxRows int
	// KeepGoing executes the cells after a failing one too, as nbconvert's
	// --allow-errors does; by default execution stops at the first failure, as
	// papermill stops.
	KeepGoing bool
	// Snapshot identifies the data the cells ran against; it is recorded in the
	// notebook's metadata (synergy.snapshot) when not "".
	Snapshot string
	// Describe names a Querier's error for the error output: ename (a class
	// such as "CatalogError") and evalue (the message). nil means ename
	// "SQLError" and evalue err.Error().
	Describe func(err error) (ename, evalue string)
}

// Report says what [Execute] did.
type Report struct {
	Executed int          // %%sql cells run, failing ones included
	Skipped  []int        // indices of code cells that are not %%sql cells
	Unrun    int          // %%sql cells not run because an earlier one failed
	Failed   []*CellError // the failing cells, in order
}

// Execute runs the %%sql cells of nb in order against q and writes their
// results into nb (see the package documentation for the output shapes). It
// first clears every code cell's outputs and execution_count, so the result
// depends only on the notebook's sources and the data.
//
// The error is nil when every cell succeeded; otherwise it joins the
// [*CellError]s (matching [ErrCellFailed]). A cancelled ctx fails the cell
// being run and stops execution even with KeepGoing. The report is never nil.
func Execute(ctx context.Context, nb *Notebook, q Querier, opts Options) (*Report, error) {
	r := newRunner(q, opts)
	clearOutputs(nb)
	rep := &Report{}
	stopped := false
	count := 0
	for i, c := range nb.Cells {
		if c.Type != Code {
			continue
		}
		options, body, ok := SQLCell(c.Source)
		if !ok {
			rep.Skipped = append(rep.Skipped, i)
			c.Metadata = orEmpty(c.Metadata)
			c.Metadata[MetadataKey] = map[string]any{"skipped": "not a " + Magic + " cell: for Jupyter only"}
			continue
		}
		if stopped {
			rep.Unrun++
			continue
		}
		count++
		rep.Executed++
		if cerr := r.run(ctx, i, c, count, options, body); cerr != nil {
			rep.Failed = append(rep.Failed, cerr)
			if !opts.KeepGoing || ctx.Err() != nil {
				stopped = true
			}
		}
	}
	writeRunMetadata(nb, opts.Snapshot, rep.Failed)
	return rep, joinFailures(rep.Failed)
}

// runner runs one %%sql cell at a time; it holds the [Options] with their defaults
// filled in.
type runner struct {
	q        Querier
	maxRows  int
	describe func(err error) (ename, evalue string)
}

func newRunner(q Querier, opts Options) *runner {
	r := &runner{q: q, maxRows: opts.MaxRows, describe: opts.Describe}
	if r.maxRows == 0 {
		r.maxRows = DefaultMaxRows
	}
	if r.maxRows < 0 {
		r.maxRows = int(^uint(0) >> 1)
	}
	if r.describe == nil {
		r.describe = func(err error) (string, string) { return "SQLError", err.Error() }
	}
	return r
}

// clearOutputs empties every code cell's outputs, execution_count and runner
// metadata, so that what Execute writes depends only on the sources and the data.
func clearOutputs(nb *Notebook) {
	for _, c := range nb.Cells {
		if c.Type == Code {
			c.Outputs, c.ExecutionCount = []map[string]any{}, nil
			delete(c.Metadata, MetadataKey)
		}
	}
}

// run executes %%sql cell i, c, as In [n], given its magic's options and its body,
// and writes its output into c: the result, or the error, which it also returns.
// An empty cell gets its execution count and no output, as in Jupyter.
func (r *runner) run(ctx context.Context, i int, c *Cell, n int, options, body string) *CellError {
	c.ExecutionCount = &n
	var res *tabular.Result
	var err error
	stmts := Statements(body)
	switch {
	case options != "":
		err = fmt.Errorf("%w: options after %s (%q) are not supported; write the statement only", ErrUsage, Magic, options)
	case len(stmts) > 1:
		err = fmt.Errorf("%w: %d statements; a %s cell holds one", ErrUsage, len(stmts), Magic)
	case len(stmts) == 0:
		return nil
	default:
		res, err = r.q.Query(ctx, stmts[0])
	}
	if err == nil {
		c.Outputs = []map[string]any{{
			"output_type":     "execute_result",
			"execution_count": n,
			"metadata":        map[string]any{},
			"data":            resultData(res, r.maxRows),
		}}
		return nil
	}
	ename, evalue := "UsageError", err.Error()
	if !errors.Is(err, ErrUsage) {
		ename, evalue = r.describe(err)
	}
	c.Outputs = []map[string]any{{
		"output_type": "error",
		"ename":       ename,
		"evalue":      evalue,
		"traceback":   []any{fmt.Sprintf("%s cell %s, In [%d]", Magic, cellName(i, c), n), ename + ": " + evalue},
	}}
	return &CellError{Index: i, ID: c.ID, ExecutionCount: n, Ename: ename, Evalue: evalue, Err: err}
}

// writeRunMetadata records at notebook level the snapshot the cells ran against
// and the failed cells, removing the key when there is neither.
func writeRunMetadata(nb *Notebook, snapshot string, failed []*CellError) {
	meta := map[string]any{}
	if snapshot != "" {
		meta["snapshot"] = snapshot
	}
	if len(failed) > 0 {
		ids := make([]any, len(failed))
		for j, f := range failed {
			ids[j] = cellName(f.Index, nb.Cells[f.Index])
		}
		meta["failed_cells"] = ids
	}
	nb.Metadata = orEmpty(nb.Metadata)
	if len(meta) > 0 {
		nb.Metadata[MetadataKey] = meta
	} else {
		delete(nb.Metadata, MetadataKey)
	}
}

// joinFailures is nil for no failure, the one failure itself, or their join.
func joinFailures(failed []*CellError) error {
	switch len(failed) {
	case 0:
		return nil
	case 1:
		return failed[0]
	}
	errs := make([]error, len(failed))
	for j, f := range failed {
		errs[j] = f
	}
	return errors.Join(errs...)
}

// cellName is the cell's id, or #index when it has none.
func cellName(i int, c *Cell) string {
	if c.ID != "" {
		return c.ID
	}
	return fmt.Sprintf("#%d", i)
}

func resultData(res *tabular.Result, maxRows int) map[string]any {
	data := map[string]any{"text/plain": renderText(res, maxRows)}
	if h := renderHTML(res, maxRows); h != "" {
		data["text/html"] = h
	}
	return data
}
