package warehouse

import (
	"context"
	"errors"
)

// Stream runs query on the pinned connection and hands its result over as it is
// read, so that a caller can print a result of any size in memory bounded by one
// row: head gets the column names and DuckDB type names once, before any row (also
// for an empty result), then each gets every row in order, as plain Go values
// (see [tabular.Result]); each row is a new slice the callee may keep.
//
// ctx is checked between rows: when it is done, the running DuckDB query is
// interrupted and Stream returns an error for which errors.Is(err, ctx.Err())
// holds. An error from head or each stops the query and is returned as is. The
// connection is held until Stream returns, so head and each must not use the DB.
func (d *DB) Stream(ctx context.Context, query string, head func(columns, types []string) error, each func(row []any) error) error {
	d.mu.Lock()
	defer d.mu.Unlock()
	if d.closed {
		return &Error{Op: "query", Query: query, Kind: ErrClosed, Err: errors.New("database is closed")}
	}
	if err := d.allow("query", query); err != nil { // a read-only DB's rules hold here too
		return err
	}
	rows, err := d.conn.QueryContext(ctx, query)
	if err != nil {
		return wrapError("query", query, ctxErr(ctx, err))
	}
	defer rows.Close()
	cts, err := rows.ColumnTypes()
	if err != nil {
		return wrapError("query", query, ctxErr(ctx, err))
	}
	columns, types := make([]string, len(cts)), make([]string, len(cts))
	for i, ct := range cts {
		columns[i], types[i] = ct.Name(), ct.DatabaseTypeName()
	}
	if err := head(columns, types); err != nil {
		return err
	}
	vals, ptrs := make([]any, len(cts)), make([]any, len(cts))
	for i := range vals {
		ptrs[i] = &vals[i]
	}
	for rows.Next() {
		if err := ctx.Err(); err != nil {
			return wrapError("query", query, err)
		}
		if err := rows.Scan(ptrs...); err != nil {
			return wrapError("query", query, ctxErr(ctx, err))
		}
		row := make([]any, len(cts))
		for i, v := range vals {
			row[i] = plain(v, types[i])
		}
		if err := each(row); err != nil {
			return err
		}
	}
	if err := rows.Err(); err != nil {
		return wrapError("query", query, ctxErr(ctx, err))
	}
	if err := rows.Close(); err != nil {
		return wrapError("query", query, ctxErr(ctx, err))
	}
	return ctx.Err()
}
