package notebook

import (
	"encoding/hex"
	"fmt"
	"html"
	"math"
	"sort"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"synergy/pipeline/tabular"
)

// maxTextWidth caps a value's width in the text/plain table; the HTML table
// shows values in full.
const maxTextWidth = 60

// FormatValue renders one result value as the notebook shows it: NULL as
// "NULL", numbers as Go's shortest round-trip form (165, 0.8333333333333334),
// DATEs as YYYY-MM-DD, lists as [a, b], structs as {key: value} with keys
// sorted, BLOBs as \x hex.
func FormatValue(v any) string {
	switch x := v.(type) {
	case nil:
		return "NULL"
	case string:
		return x
	case int64:
		return strconv.FormatInt(x, 10)
	case float64:
		switch {
		case math.IsNaN(x):
			return "nan"
		case math.IsInf(x, 1):
			return "inf"
		case math.IsInf(x, -1):
			return "-inf"
		case x == math.Trunc(x) && math.Abs(x) < 1e15:
			return strconv.FormatFloat(x, 'f', -1, 64)
		}
		return strconv.FormatFloat(x, 'g', -1, 64)
	case bool:
		return strconv.FormatBool(x)
	case time.Time:
		return x.UTC().Format("2006-01-02 15:04:05.999999")
	case []byte:
		return `\x` + hex.EncodeToString(x)
	case []any:
		parts := make([]string, len(x))
		for i, e := range x {
			parts[i] = FormatValue(e)
		}
		return "[" + strings.Join(parts, ", ") + "]"
	case map[string]any:
		keys := make([]string, 0, len(x))
		for k := range x {
			keys = append(keys, k)
		}
		sort.Strings(keys)
		parts := make([]string, len(keys))
		for i, k := range keys {
			parts[i] = k + ": " + FormatValue(x[k])
		}
		return "{" + strings.Join(parts, ", ") + "}"
	}
	return fmt.Sprint(v)
}

// footer says how many rows there are, and how many were left out.
func footer(total, shown int) string {
	switch {
	case shown < total:
		return fmt.Sprintf("… %d more rows (%d rows in all, first %d shown)", total-shown, total, shown)
	case total == 1:
		return "(1 row)"
	}
	return fmt.Sprintf("(%d rows)", total)
}

func shownRows(res *tabular.Result, maxRows int) [][]any {
	if len(res.Rows) > maxRows {
		return res.Rows[:maxRows]
	}
	return res.Rows
}

func numeric(v any) bool {
	switch v.(type) {
	case int64, float64:
		return true
	}
	return false
}

// renderText draws the first maxRows rows as a boxed text table (the shape
// jupysql's text/plain has), numbers right-aligned, and a footer line.
func renderText(res *tabular.Result, maxRows int) string {
	if len(res.Columns) == 0 {
		return "(statement run, no result set)\n"
	}
	rows := shownRows(res, maxRows)
	cells := make([][]string, len(rows))
	widths := make([]int, len(res.Columns))
	for j, c := range res.Columns {
		widths[j] = utf8.RuneCountInString(c)
	}
	for i, row := range rows {
		cells[i] = make([]string, len(row))
		for j, v := range row {
			s := strings.NewReplacer("\r\n", `\n`, "\n", `\n`, "\r", `\r`, "\t", " ").Replace(FormatValue(v))
			if utf8.RuneCountInString(s) > maxTextWidth {
				r := []rune(s)
				s = string(r[:maxTextWidth-1]) + "…"
			}
			cells[i][j] = s
			widths[j] = max(widths[j], utf8.RuneCountInString(s))
		}
	}
	var b strings.Builder
	rule := func() {
		for _, w := range widths {
			b.WriteString("+" + strings.Repeat("-", w+2))
		}
		b.WriteString("+\n")
	}
	line := func(vals []string, right func(j int) bool) {
		for j, s := range vals {
			pad := strings.Repeat(" ", widths[j]-utf8.RuneCountInString(s))
			if right(j) {
				b.WriteString("| " + pad + s + " ")
			} else {
				b.WriteString("| " + s + pad + " ")
			}
		}
		b.WriteString("|\n")
	}
	rule()
	line(res.Columns, func(int) bool { return false })
	rule()
	for i, row := range cells {
		line(row, func(j int) bool { return numeric(rows[i][j]) })
	}
	rule()
	b.WriteString(footer(len(res.Rows), len(rows)) + "\n")
	return b.String()
}

// renderHTML renders the first maxRows rows as an HTML table, each column's
// DuckDB type in its header's title, and the footer as a paragraph.
func renderHTML(res *tabular.Result, maxRows int) string {
	if len(res.Columns) == 0 {
		return ""
	}
	rows := shownRows(res, maxRows)
	var b strings.Builder
	b.WriteString("<table>\n<thead>\n<tr>")
	for j, c := range res.Columns {
		typ := ""
		if j < len(res.Types) {
			typ = res.Types[j]
		}
		fmt.Fprintf(&b, `<th title="%s">%s</th>`, html.EscapeString(typ), html.EscapeString(c))
	}
	b.WriteString("</tr>\n</thead>\n<tbody>\n")
	for _, row := range rows {
		b.WriteString("<tr>")
		for _, v := range row {
			s := html.EscapeString(FormatValue(v))
			switch {
			case v == nil:
				b.WriteString("<td><i>NULL</i></td>")
			case numeric(v):
				b.WriteString(`<td style="text-align: right">` + s + "</td>")
			default:
				b.WriteString("<td>" + s + "</td>")
			}
		}
		b.WriteString("</tr>\n")
	}
	b.WriteString("</tbody>\n</table>\n<p>" + html.EscapeString(footer(len(res.Rows), len(rows))) + "</p>\n")
	return b.String()
}
