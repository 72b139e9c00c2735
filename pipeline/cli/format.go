package cli

import (
	"bufio"
	"encoding/csv"
	"encoding/json"
	"fmt"
	"io"
	"strings"
	"unicode/utf8"
)

// outputFormats are the result formats of query (--format) and sql (.mode).
var outputFormats = []string{"table", "csv", "json", "markdown"}

// table is a query result in the plain shape the output formats need.
type table struct {
	columns []string
	rows    [][]any
}

func cell(v any) string {
	switch x := v.(type) {
	case nil:
		return ""
	case string:
		return x
	case []any:
		parts := make([]string, len(x))
		for i, e := range x {
			parts[i] = cell(e)
		}
		return "[" + strings.Join(parts, ", ") + "]"
	default:
		return fmt.Sprint(x)
	}
}

// rowWriter prints a result as it is read: head once, then row for each row, then
// end. Memory is bounded whatever the number of rows (see tableWriter for the one
// format that looks ahead). Output is buffered; end flushes it, and so does a
// failed or interrupted result's end, so what was printed stays printed.
type rowWriter interface {
	head(columns []string) error
	row(vals []any) error
	// end flushes what was printed; complete is false when the result was cut short
	// (an error, an interrupt), and then no closing line such as "(N rows)" is
	// written.
	end(complete bool) error
}

// newRowWriter returns the writer of format, one of outputFormats. maxRows limits
// the table format only (see tableWriter); 0 means every row.
func newRowWriter(w io.Writer, format string, maxRows int) (rowWriter, error) {
	bw := bufio.NewWriterSize(w, 64<<10)
	switch format {
	case "table":
		return &tableWriter{w: bw, maxRows: maxRows}, nil
	case "csv":
		return &csvWriter{bw: bw, cw: csv.NewWriter(bw)}, nil
	case "json":
		return &jsonWriter{w: bw}, nil
	case "markdown":
		return &markdownWriter{w: bw}, nil
	}
	return nil, fmt.Errorf("unknown output format %q (%s)", format, strings.Join(outputFormats, ", "))
}

// writeResult prints a result held in memory in format.
func writeResult(w io.Writer, format string, t table) error {
	rw, err := newRowWriter(w, format, 0)
	if err != nil {
		return err
	}
	return writeAll(rw, t)
}

// writeTable prints t as an aligned text table (see tableWriter).
func writeTable(w io.Writer, t table) error {
	return writeAll(&tableWriter{w: bufio.NewWriter(w)}, t)
}

func writeAll(rw rowWriter, t table) error {
	if err := rw.head(t.columns); err != nil {
		return err
	}
	for _, r := range t.rows {
		if err := rw.row(r); err != nil {
			return err
		}
	}
	return rw.end(true)
}

// widthSample is how many rows fix a table's column widths before any row is
// printed.
const widthSample = 1000

// tableWriter prints an aligned text table: the column names, a rule of dashes,
// one line per row (columns two spaces apart, NULL as an empty cell, no trailing
// spaces) and "(N rows)".
//
// It streams, as DuckDB's shell does: the widths come from the names and the
// first widthSample rows, which are held until then; later rows are printed as
// they come, and a value wider than its column widens that column from its row on
// (values are never cut). With maxRows > 0 and more rows than that, it prints the
// first (maxRows+1)/2 and the last maxRows/2 rows around a line saying how many
// were left out, keeping only those last rows in memory; the count is still of
// every row.
type tableWriter struct {
	w       *bufio.Writer
	maxRows int

	widths  []int
	held    [][]string // rows read before the widths were fixed
	fixed   bool
	rows    int        // rows read
	tail    [][]string // ring of the last maxRows/2 rows, once past the head
	skipped int        // rows neither in the head nor in tail
}

func (t *tableWriter) head(columns []string) error {
	t.widths = make([]int, len(columns))
	t.held = append(t.held, columns, nil) // nil: the rule, drawn once widths are known
	t.grow(columns)
	return nil
}

// headRows is how many rows are printed before the tail, with maxRows; -1 is all.
func (t *tableWriter) headRows() int {
	if t.maxRows <= 0 {
		return -1
	}
	return (t.maxRows + 1) / 2
}

func (t *tableWriter) row(vals []any) error {
	cells := make([]string, len(vals))
	for i, v := range vals {
		cells[i] = cell(v)
	}
	t.rows++
	if h := t.headRows(); h >= 0 && t.rows > h {
		if keep := t.maxRows / 2; keep > 0 {
			if len(t.tail) < keep {
				t.tail = append(t.tail, cells)
				return nil
			}
			t.tail = append(t.tail[1:], cells) // ring by slicing: amortised O(1)
		}
		t.skipped++
		return nil
	}
	if !t.fixed {
		t.grow(cells)
		t.held = append(t.held, cells)
		if len(t.held)-2 < widthSample && (t.headRows() < 0 || len(t.held)-2 < t.headRows()) {
			return nil
		}
		return t.flushHeld()
	}
	return t.line(cells)
}

// grow widens the columns to fit cells.
func (t *tableWriter) grow(cells []string) {
	for i, c := range cells {
		if i < len(t.widths) {
			t.widths[i] = max(t.widths[i], utf8.RuneCountInString(c))
		}
	}
}

// flushHeld fixes the widths and prints the rows held until then.
func (t *tableWriter) flushHeld() error {
	t.fixed = true
	for _, cells := range t.held {
		if cells == nil {
			cells = make([]string, len(t.widths))
			for i, n := range t.widths {
				cells[i] = strings.Repeat("-", n)
			}
		}
		if err := t.line(cells); err != nil {
			return err
		}
	}
	t.held = nil
	return nil
}

func (t *tableWriter) line(cells []string) error {
	t.grow(cells)
	pad := 0 // spaces owed before the next non-empty cell: trailing ones are never written
	for i, c := range cells {
		if i > 0 {
			pad += 2
		}
		if c != "" {
			t.w.WriteString(strings.Repeat(" ", pad))
			t.w.WriteString(c)
			pad = 0
		}
		if i < len(cells)-1 {
			pad += t.widths[i] - utf8.RuneCountInString(c)
		}
	}
	return t.w.WriteByte('\n')
}

func (t *tableWriter) end(complete bool) error {
	if !complete {
		if !t.fixed {
			t.flushHeld()
		}
		return t.w.Flush()
	}
	if !t.fixed {
		if err := t.flushHeld(); err != nil {
			return err
		}
	}
	if t.skipped > 0 {
		fmt.Fprintf(t.w, "… %d rows not shown (.maxrows %d) …\n", t.skipped, t.maxRows)
	}
	for _, cells := range t.tail {
		if err := t.line(cells); err != nil {
			return err
		}
	}
	fmt.Fprintf(t.w, "(%d rows)\n", t.rows)
	return t.w.Flush()
}

type csvWriter struct {
	bw  *bufio.Writer
	cw  *csv.Writer
	rec []string
}

func (c *csvWriter) head(columns []string) error { return c.cw.Write(columns) }

func (c *csvWriter) row(vals []any) error {
	c.rec = c.rec[:0]
	for _, v := range vals {
		c.rec = append(c.rec, cell(v))
	}
	return c.cw.Write(c.rec)
}

func (c *csvWriter) end(bool) error {
	c.cw.Flush()
	if err := c.cw.Error(); err != nil {
		return err
	}
	return c.bw.Flush()
}

// jsonWriter prints one JSON object per row (JSON lines), keys in column order.
type jsonWriter struct {
	w    *bufio.Writer
	keys [][]byte
}

func (j *jsonWriter) head(columns []string) error {
	for _, c := range columns {
		k, err := json.Marshal(c)
		if err != nil {
			return err
		}
		j.keys = append(j.keys, k)
	}
	return nil
}

func (j *jsonWriter) row(vals []any) error {
	j.w.WriteByte('{')
	for i, k := range j.keys {
		if i > 0 {
			j.w.WriteByte(',')
		}
		v, err := json.Marshal(vals[i])
		if err != nil {
			return err
		}
		j.w.Write(k)
		j.w.WriteByte(':')
		j.w.Write(v)
	}
	_, err := j.w.WriteString("}\n")
	return err
}

func (j *jsonWriter) end(bool) error { return j.w.Flush() }

// markdownWriter prints a GitHub-flavoured Markdown table: '|' in a value is
// escaped and a line break becomes <br>, so each row stays one line.
type markdownWriter struct {
	w     *bufio.Writer
	cells []string
}

var markdownCell = strings.NewReplacer(`\`, `\\`, "|", `\|`, "\r\n", "<br>", "\n", "<br>", "\r", "<br>")

func (m *markdownWriter) head(columns []string) error {
	m.cells = m.cells[:0]
	for _, c := range columns {
		m.cells = append(m.cells, markdownCell.Replace(c))
	}
	m.line(m.cells)
	for i := range m.cells {
		m.cells[i] = "---"
	}
	return m.line(m.cells)
}

func (m *markdownWriter) row(vals []any) error {
	m.cells = m.cells[:0]
	for _, v := range vals {
		m.cells = append(m.cells, markdownCell.Replace(cell(v)))
	}
	return m.line(m.cells)
}

func (m *markdownWriter) line(cells []string) error {
	m.w.WriteString("|")
	for _, c := range cells {
		m.w.WriteString(" ")
		m.w.WriteString(c)
		m.w.WriteString(" |")
	}
	return m.w.WriteByte('\n')
}

func (m *markdownWriter) end(bool) error { return m.w.Flush() }
