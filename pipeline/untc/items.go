package untc

import "strings"

// An item is one block of the page in reading order: a table row (one cell per column)
// or a block of free text (one cell). Both input forms, HTML and copied text, are first
// turned into items, so the rest of the reader does not know which form it read.
type item struct {
	line  int    // 1-based line where the row or block starts
	group int    // the table (HTML) or run of tab-separated lines (text) it belongs to; 0 for free text
	cells []cell // whitespace-normalised
}

type cell struct {
	text string
	line int
	col  int // 1-based byte column
}

// text returns the item's cells joined by tabs, as a browser copies a table row.
func (it item) text() string {
	if len(it.cells) == 1 {
		return it.cells[0].text
	}
	parts := make([]string, len(it.cells))
	for i, c := range it.cells {
		parts[i] = c.text
	}
	return strings.Join(parts, "\t")
}

// normSpace collapses runs of white space (including no-break spaces) to one space and
// trims the ends.
func normSpace(s string) string { return strings.Join(strings.Fields(s), " ") }
