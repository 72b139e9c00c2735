package report

import (
	"embed"
	"fmt"
	"io/fs"
	"path"
	"slices"

	"synergy/pipeline/tabular"
)

// queryFiles holds the report's SQL: queries/<section>_<what>.sql, one query per
// file, each opening with a comment that says what it returns and what its
// parameters are. The file name without .sql is the query's name.
//
//go:embed queries/*.sql
var queryFiles embed.FS

// queryDir is the folder of queryFiles that holds the query files.
const queryDir = "queries"

// readQuery returns the text of the query called name in fsys (queryFiles, or a
// test's fstest.MapFS laid out the same way).
func readQuery(fsys fs.FS, name string) (string, error) {
	text, err := fs.ReadFile(fsys, path.Join(queryDir, name+".sql"))
	if err != nil {
		return "", fmt.Errorf("read %s.sql: %w", name, err)
	}
	return string(text), nil
}

// query runs the query called name with args. The running section must list the
// query among its own (see [sections]): reading another section's query is a
// programming error and panics, so that every file keeps one owner.
func (b *builder) query(name string, args ...any) (rows, error) {
	if !slices.Contains(b.section.queries, name) {
		panic(fmt.Sprintf("report: section %s reads query %s it does not list", b.section.name, name))
	}
	text, err := readQuery(b.queries, name)
	if err != nil {
		return rows{}, &QueryError{Name: name, Err: err}
	}
	res, err := b.q.Query(b.ctx, text, args...)
	if err != nil {
		return rows{}, &QueryError{Name: name, Err: err}
	}
	if res == nil {
		res = &tabular.Result{}
	}
	return rows{res}, nil
}
