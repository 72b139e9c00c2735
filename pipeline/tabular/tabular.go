// Package tabular holds query results as plain Go values. It has no cgo and no
// dependency on the DuckDB driver, so packages that consume results (models,
// report) build and vet without it; [synergy/pipeline/warehouse] fills it.
package tabular

import (
	"fmt"
	"strings"
)

// Result is a fully read query result.
//
// Columns and Types have one entry per column: the column name and the DuckDB type
// name ("VARCHAR", "BIGINT", "DATE", "VARCHAR[]", "DECIMAL(4,2)"). Rows holds the
// values row by row, each as a plain Go value:
//
//   - NULL is nil;
//   - VARCHAR, ENUM and UUID are string; BLOB is []byte;
//   - every integer type is int64 (HUGEINT and UBIGINT outside int64's range are
//     decimal strings);
//   - FLOAT, DOUBLE and DECIMAL are float64;
//   - BOOLEAN is bool;
//   - DATE is a "YYYY-MM-DD" string, also inside lists; TIMESTAMP and TIME are
//     time.Time in UTC;
//   - INTERVAL is a string such as "1 month 2 days 3000000 us";
//   - LIST and ARRAY are []any, STRUCT is map[string]any, MAP is []any of
//     map[string]any{"key": k, "value": v} in the map's order, JSON is whatever
//     encoding/json would decode.
type Result struct {
	Columns []string
	Types   []string
	Rows    [][]any
}

// Len returns the number of rows.
func (r *Result) Len() int {
	if r == nil {
		return 0
	}
	return len(r.Rows)
}

// Column returns the index of the column named name, or -1.
func (r *Result) Column(name string) int {
	for i, c := range r.Columns {
		if c == name {
			return i
		}
	}
	return -1
}

// Value returns the value in row i of the column named col. It panics if i is out
// of range or the column does not exist, like a slice index.
func (r *Result) Value(i int, col string) any {
	j := r.Column(col)
	if j < 0 {
		panic(fmt.Sprintf("tabular: no column %q", col))
	}
	return r.Rows[i][j]
}

// FormatRow renders row i as "col=value, col=value" for messages and logs.
func (r *Result) FormatRow(i int) string {
	var b strings.Builder
	for j, v := range r.Rows[i] {
		if j > 0 {
			b.WriteString(", ")
		}
		if v == nil {
			fmt.Fprintf(&b, "%s=NULL", r.Columns[j])
			continue
		}
		fmt.Fprintf(&b, "%s=%v", r.Columns[j], v)
	}
	return b.String()
}
