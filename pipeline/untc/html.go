package untc

import (
	"bytes"
	"strings"

	"golang.org/x/net/html"
)

// blockTags end a block of free text, and separate words inside a table cell.
var blockTags = map[string]bool{
	"br": true, "div": true, "p": true, "li": true, "ul": true, "ol": true, "center": true,
	"h1": true, "h2": true, "h3": true, "h4": true, "h5": true, "h6": true, "hr": true,
	"tr": true, "td": true, "th": true, "table": true, "body": true, "form": true,
}

// skipTags have content that is not page text.
var skipTags = map[string]bool{
	"script": true, "style": true, "noscript": true, "iframe": true, "textarea": true,
	"title": true, "select": true,
}

// tableFrame is an open <table>; rows are emitted only for leaf tables (tables holding no
// other table), because the status pages lay out the whole page with nested tables.
type tableFrame struct {
	group   int
	line    int   // line of the <table> tag
	row     *item // open row, nil between rows
	leaf    bool  // the open row holds no nested table
	cellBuf *segments
	cell    cell
}

// segments is the text of an open cell, split at block boundaries. The cell's text is
// their concatenation; if the cell turns out to hold a nested table, each segment
// becomes a block of free text.
type segments []segment

type segment struct {
	line int
	text strings.Builder
}

// write appends s to the last segment, starting one if there is none.
func (ss *segments) write(s string, line int) {
	if len(*ss) == 0 {
		ss.brk(line)
	}
	last := &(*ss)[len(*ss)-1]
	if last.text.Len() == 0 && strings.TrimSpace(s) != "" {
		last.line = line
	}
	last.text.WriteString(s)
}

// brk starts a new segment.
func (ss *segments) brk(line int) { *ss = append(*ss, segment{line: line}) }

func (ss *segments) String() string {
	var b strings.Builder
	for i := range *ss {
		b.WriteString((*ss)[i].text.String())
		b.WriteByte(' ')
	}
	return b.String()
}

// openTable is a table still open where the input ends: a page cut short, since a
// complete status page closes every table.
type openTable struct {
	group int // the table's item group
	line  int // line of its <table> tag
	end   int // last line of the input
}

// htmlItems renders an HTML status page as items. It tracks the line and column of every
// token so that rows carry their place in the input. cut is the innermost table left
// open at the end of the input, nil when every table is closed.
func htmlItems(src []byte) (items []item, cut *openTable) {
	r := &renderer{z: html.NewTokenizer(bytes.NewReader(src)), line: 1, col: 1}
	for {
		tt := r.z.Next()
		if tt == html.ErrorToken {
			break
		}
		line, col := r.advance(r.z.Raw())
		if r.skipping(tt) {
			continue
		}
		switch tt {
		case html.TextToken:
			s := string(r.z.Text())
			if r.anchorName {
				s += " "
			}
			r.writeText(s, line)
		case html.StartTagToken, html.SelfClosingTagToken, html.EndTagToken:
			r.tag(tt, line, col)
		}
	}
	return r.finish(src)
}

// renderer is the state of htmlItems between tokens.
type renderer struct {
	z          *html.Tokenizer
	items      []item
	stack      []*tableFrame // open tables, innermost last
	groups     int           // item groups started: one per table
	line, col  int           // where the next token starts
	free       strings.Builder
	freeLine   int    // line of the free text's first non-space, 0 when none
	skipName   string // the skipped element being read through, "" when none
	anchorName bool   // inside <a name=…>, whose text is a footnote number
}

// advance moves the position past a token's raw text and returns where it started.
func (r *renderer) advance(raw []byte) (line, col int) {
	line, col = r.line, r.col
	if i := bytes.LastIndexByte(raw, '\n'); i >= 0 {
		r.line += bytes.Count(raw, []byte{'\n'})
		r.col = len(raw) - i
	} else {
		r.col += len(raw)
	}
	return line, col
}

// skipping reports whether the token is inside an element whose content is not page
// text, ending the skip at its end tag.
func (r *renderer) skipping(tt html.TokenType) bool {
	if r.skipName == "" {
		return false
	}
	if tt == html.EndTagToken {
		if name, _ := r.z.TagName(); string(name) == r.skipName {
			r.skipName = ""
		}
	}
	return true
}

// tag handles a start, self-closing or end tag at line and col.
func (r *renderer) tag(tt html.TokenType, line, col int) {
	bname, hasAttr := r.z.TagName()
	name := string(bname)
	start := tt != html.EndTagToken
	if tt == html.StartTagToken && skipTags[name] {
		r.skipName = name
		return
	}
	switch {
	case name == "a" && start:
		r.anchorName = false
		for hasAttr {
			var k []byte
			k, _, hasAttr = r.z.TagAttr()
			if string(k) == "name" {
				r.anchorName = true
			}
		}
	case name == "a":
		r.anchorName = false
	case name == "sup":
		// Footnote references: keep them apart from the name they follow.
		r.writeText(" ", line)
	}
	if blockTags[name] {
		r.block(name, tt, line, col)
	}
}

// block handles a tag that ends a block of text: tables, rows and cells open and
// close; any other breaks the open cell's text or ends the free text.
func (r *renderer) block(name string, tt html.TokenType, line, col int) {
	start := tt != html.EndTagToken
	var top *tableFrame
	if n := len(r.stack); n > 0 {
		top = r.stack[n-1]
	}
	switch {
	case name == "table" && tt == html.StartTagToken:
		r.openTable(top, line)
	case name == "table" && !start:
		if top != nil {
			r.closeRow(top)
			r.stack = r.stack[:len(r.stack)-1]
		}
		r.flushFree()
	case name == "tr" && top != nil:
		r.flushFree()
		r.closeRow(top)
		if start {
			top.row = &item{line: line, group: top.group}
			top.leaf = true
		}
	case (name == "td" || name == "th") && top != nil:
		r.flushFree()
		r.closeCell(top)
		if start && top.row != nil && top.leaf {
			top.cellBuf = new(segments)
			top.cell = cell{line: line, col: col}
		}
	default:
		if top != nil && top.cellBuf != nil {
			top.cellBuf.brk(line)
		} else {
			r.flushFree()
		}
	}
}

// openTable starts a table at line inside top (nil at the top level).
func (r *renderer) openTable(top *tableFrame, line int) {
	if top != nil {
		// The open cell of the outer table holds a table: its row is layout, and its
		// text so far is free text.
		if segs := top.cellBuf; segs != nil {
			top.cellBuf = nil
			r.flushFree()
			for i := range *segs {
				r.writeText((*segs)[i].text.String(), (*segs)[i].line)
				r.flushFree()
			}
		}
		top.leaf = false
	}
	r.flushFree()
	r.groups++
	r.stack = append(r.stack, &tableFrame{group: r.groups, line: line})
}

// flushFree ends the free text, making it an item if it holds any.
func (r *renderer) flushFree() {
	if t := normSpace(r.free.String()); t != "" {
		r.items = append(r.items, item{line: r.freeLine, cells: []cell{{text: t, line: r.freeLine, col: 1}}})
	}
	r.free.Reset()
	r.freeLine = 0
}

// writeText sends text to the open cell of the innermost table, or to free text.
func (r *renderer) writeText(s string, line int) {
	if n := len(r.stack); n > 0 && r.stack[n-1].cellBuf != nil {
		r.stack[n-1].cellBuf.write(s, line)
		return
	}
	if r.freeLine == 0 && strings.TrimSpace(s) != "" {
		r.freeLine = line
	}
	r.free.WriteString(s)
}

func (r *renderer) closeCell(f *tableFrame) {
	if f.cellBuf == nil || f.row == nil {
		f.cellBuf = nil
		return
	}
	f.cell.text = normSpace(f.cellBuf.String())
	f.row.cells = append(f.row.cells, f.cell)
	f.cellBuf = nil
}

// closeRow ends f's open row, making it an item if it is a leaf table's row with text.
func (r *renderer) closeRow(f *tableFrame) {
	r.closeCell(f)
	if f.row != nil && f.leaf && !blankRow(f.row.cells) {
		r.items = append(r.items, *f.row)
	}
	f.row = nil
}

// finish closes what the input left open and returns the items, with the innermost
// table left open as cut.
func (r *renderer) finish(src []byte) ([]item, *openTable) {
	var cut *openTable
	if n := len(r.stack); n > 0 {
		cut = &openTable{group: r.stack[n-1].group, line: r.stack[n-1].line, end: r.line}
		if len(src) > 0 && src[len(src)-1] == '\n' {
			cut.end-- // line counts the empty line after a final newline
		}
	}
	for i := len(r.stack) - 1; i >= 0; i-- {
		r.closeRow(r.stack[i])
	}
	r.flushFree()
	return r.items, cut
}

func blankRow(cells []cell) bool {
	for _, c := range cells {
		if c.text != "" {
			return false
		}
	}
	return true
}
