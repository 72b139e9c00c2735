package docsgen

import (
	"context"
	"fmt"
	"strings"

	"synergy/pipeline/tabular"
)

// Querier runs one SQL statement against a snapshot whose tables are available by
// name and returns the whole result.
type Querier interface {
	Query(ctx context.Context, query string, args ...any) (*tabular.Result, error)
}

// Renderer is how the command line shows results, so that docs show them the same
// way: Table is the text table of `synergy query` (with its "(N rows)" line), Cell
// one value (NULL as "").
type Renderer struct {
	Table func(*tabular.Result) string
	Cell  func(any) string
}

// Change is a block whose text in the document differs from what the data give.
type Change struct {
	File     string
	Block    *Block
	Old, New string
}

// String names the block and shows the difference: the old and new value, or a
// line diff of a table (-doc +data).
func (c Change) String() string {
	b := c.Block
	if b.Kind == KindValue {
		return fmt.Sprintf("%s:%d: value %s: the doc says %q, the data give %q\n", c.File, b.Line, b.Name, c.Old, c.New)
	}
	return fmt.Sprintf("%s:%d: query %s (-doc +data):\n%s", c.File, b.Line, b.Name, Diff(c.Old, c.New))
}

// Fill runs the query of every block of d on q, the block's own or the one of its
// name in qs, and sets each block's Text to the result as r shows it. It returns
// the blocks whose text changed; Bytes then gives the rewritten document.
func (d *Doc) Fill(ctx context.Context, q Querier, qs Queries, r Renderer) ([]Change, error) {
	var changes []Change
	for _, b := range d.Blocks() {
		text, err := d.render(ctx, b, q, qs, r)
		if err != nil {
			return nil, err
		}
		if text != b.Text {
			changes = append(changes, Change{File: d.File, Block: b, Old: b.Text, New: text})
			b.Text = text
		}
	}
	return changes, nil
}

// render runs one block's query and shows its result in the block's format.
func (d *Doc) render(ctx context.Context, b *Block, q Querier, qs Queries, r Renderer) (string, error) {
	sql, err := d.query(b, qs)
	if err != nil {
		return "", err
	}
	res, err := q.Query(ctx, sql)
	if err != nil {
		return "", &PosError{File: d.File, Line: b.Line, Block: b.Name, Err: fmt.Errorf("%w: %w", ErrQuery, err)}
	}
	switch {
	case b.Kind == KindValue:
		if len(res.Rows) != 1 || len(res.Columns) != 1 {
			return "", queryErr(d.File, b.Line, b.Name, "a value needs one row of one column, the query gives %d rows of %d", len(res.Rows), len(res.Columns))
		}
		v := r.Cell(res.Rows[0][0])
		if strings.ContainsAny(v, "\n<") {
			return "", queryErr(d.File, b.Line, b.Name, "value %q has a line break or a '<'", v)
		}
		return v, nil
	case b.Format == FormatMarkdown:
		return markdownTable(res, r.Cell), nil
	}
	return r.Table(res), nil
}

// query returns the SQL of b: its own fence's, or the queries file's of its name,
// never both; a command shown with the output must contain it.
func (d *Doc) query(b *Block, qs Queries) (string, error) {
	named, ok := qs[b.Name]
	switch {
	case b.SQL != "" && ok:
		return "", queryErr(d.File, b.Line, b.Name, "the block has its own query and the queries file has one of the same name")
	case b.SQL == "" && !ok:
		return "", queryErr(d.File, b.Line, b.Name, "no query: no ```sql fence in the block and none of this name in the queries file")
	}
	sql := b.SQL
	if sql == "" {
		sql = named.SQL
	}
	if b.Command != "" && !strings.Contains(squash(b.Command), squash(sql)) {
		return "", queryErr(d.File, b.Line, b.Name, "the command shown does not contain the block's query:\n%s", sql)
	}
	return sql, nil
}

// squash collapses every run of spaces to one, for comparing SQL laid out differently.
func squash(s string) string { return strings.Join(strings.Fields(s), " ") }

// markdownTable shows res as a Markdown table; a "|" in a cell is escaped.
func markdownTable(res *tabular.Result, cell func(any) string) string {
	var b strings.Builder
	row := func(vals []string) {
		b.WriteString("|")
		for _, v := range vals {
			b.WriteString(" " + strings.ReplaceAll(v, "|", `\|`) + " |")
		}
		b.WriteString("\n")
	}
	row(res.Columns)
	b.WriteString(strings.Repeat("|---", len(res.Columns)) + "|\n")
	for _, r := range res.Rows {
		vals := make([]string, len(r))
		for i, v := range r {
			vals[i] = cell(v)
		}
		row(vals)
	}
	return b.String()
}
