//go:build duckdb_arrow

package warehouse

import (
	"context"
	"database/sql/driver"
	"errors"

	"github.com/apache/arrow-go/v18/arrow/array"
	duckdb "github.com/duckdb/duckdb-go/v2"
)

// LoadArrow copies the record batches of rr into a new temporary table name on
// the pinned connection. The driver's Arrow view is read once and ignores
// projections and filters (duckdb-go issue 24; ../../../shared/STACK.md), so the
// view is materialised whole at once and dropped, and only the table is queried.
// Built with the tag duckdb_arrow only: the run hands rows over as Parquet, which
// measured faster (docs/performance.md, "Arrow or Parquet between Go and
// DuckDB"); the benchmarks of that measurement use it.
func (d *DB) LoadArrow(ctx context.Context, name string, rr array.RecordReader) error {
	d.mu.Lock()
	defer d.mu.Unlock()
	if d.closed {
		return &Error{Op: "exec", Kind: ErrClosed, Err: errors.New("database is closed")}
	}
	view := name + "_arrow_view"
	var release func()
	err := d.conn.Raw(func(dc any) error {
		ar, err := duckdb.NewArrowFromConn(dc.(driver.Conn))
		if err != nil {
			return err
		}
		release, err = ar.RegisterView(rr, view)
		return err
	})
	if err != nil {
		return wrapError("exec", "register arrow view "+view, err)
	}
	defer release()
	query := "CREATE TEMP TABLE " + name + " AS SELECT * FROM " + view
	if _, err := d.conn.ExecContext(ctx, query); err != nil {
		return wrapError("exec", query, ctxErr(ctx, err))
	}
	return nil
}
