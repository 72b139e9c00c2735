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
	z := html.NewTokenizer(bytes.NewReader(src))
	var (
		stack      []*tableFrame
		groups     int
		line, col  = 1, 1
		free       strings.Builder
		freeLine   int
		skipDepth  int
		skipName   string
		anchorName bool // inside <a name=…>, whose text is a footnote number
	)
	flushFree := func() {
		if t := normSpace(free.String()); t != "" {
			items = append(items, item{line: freeLine, cells: []cell{{text: t, line: freeLine, col: 1}}})
		}
		free.Reset()
		freeLine = 0
	}
	// writeText sends text to the open cell of the innermost table, or to free text.
	writeText := func(s string, l int) {
		if n := len(stack); n > 0 && stack[n-1].cellBuf != nil {
			stack[n-1].cellBuf.write(s, l)
			return
		}
		if freeLine == 0 && strings.TrimSpace(s) != "" {
			freeLine = l
		}
		free.WriteString(s)
	}
	closeCell := func(f *tableFrame) {
		if f.cellBuf == nil || f.row == nil {
			f.cellBuf = nil
			return
		}
		f.cell.text = normSpace(f.cellBuf.String())
		f.row.cells = append(f.row.cells, f.cell)
		f.cellBuf = nil
	}
	closeRow := func(f *tableFrame) {
		closeCell(f)
		if f.row != nil && f.leaf && !blankRow(f.row.cells) {
			items = append(items, *f.row)
		}
		f.row = nil
	}
	for {
		tt := z.Next()
		if tt == html.ErrorToken {
			break
		}
		raw := z.Raw()
		tokLine, tokCol := line, col
		if i := bytes.LastIndexByte(raw, '\n'); i >= 0 {
			line += bytes.Count(raw, []byte{'\n'})
			col = len(raw) - i
		} else {
			col += len(raw)
		}
		if skipDepth > 0 {
			if tt == html.EndTagToken {
				if name, _ := z.TagName(); string(name) == skipName {
					skipDepth = 0
				}
			}
			continue
		}
		switch tt {
		case html.TextToken:
			s := string(z.Text())
			if anchorName {
				s += " "
			}
			writeText(s, tokLine)
		case html.StartTagToken, html.SelfClosingTagToken, html.EndTagToken:
			bname, hasAttr := z.TagName()
			name := string(bname)
			start := tt != html.EndTagToken
			if start && tt == html.StartTagToken && skipTags[name] {
				skipDepth, skipName = 1, name
				continue
			}
			switch {
			case name == "a" && start:
				anchorName = false
				for hasAttr {
					var k []byte
					k, _, hasAttr = z.TagAttr()
					if string(k) == "name" {
						anchorName = true
					}
				}
			case name == "a":
				anchorName = false
			case name == "sup":
				// Footnote references: keep them apart from the name they follow.
				writeText(" ", tokLine)
			}
			if !blockTags[name] {
				continue
			}
			var top *tableFrame
			if n := len(stack); n > 0 {
				top = stack[n-1]
			}
			switch {
			case name == "table" && start && tt == html.StartTagToken:
				if top != nil {
					// The open cell of the outer table holds a table: its row is
					// layout, and its text so far is free text.
					if segs := top.cellBuf; segs != nil {
						top.cellBuf = nil
						flushFree()
						for i := range *segs {
							writeText((*segs)[i].text.String(), (*segs)[i].line)
							flushFree()
						}
					}
					top.leaf = false
				}
				flushFree()
				groups++
				stack = append(stack, &tableFrame{group: groups, line: tokLine})
			case name == "table" && !start:
				if top != nil {
					closeRow(top)
					stack = stack[:len(stack)-1]
				}
				flushFree()
			case name == "tr" && top != nil:
				flushFree()
				closeRow(top)
				if start {
					top.row = &item{line: tokLine, group: top.group}
					top.leaf = true
				}
			case (name == "td" || name == "th") && top != nil:
				flushFree()
				closeCell(top)
				if start && top.row != nil && top.leaf {
					top.cellBuf = new(segments)
					top.cell = cell{line: tokLine, col: tokCol}
				}
			default:
				if top != nil && top.cellBuf != nil {
					top.cellBuf.brk(tokLine)
				} else {
					flushFree()
				}
			}
		}
	}
	if n := len(stack); n > 0 {
		cut = &openTable{group: stack[n-1].group, line: stack[n-1].line, end: line}
		if len(src) > 0 && src[len(src)-1] == '\n' {
			cut.end-- // line counts the empty line after a final newline
		}
	}
	for i := len(stack) - 1; i >= 0; i-- {
		closeRow(stack[i])
	}
	flushFree()
	return items, cut
}

func blankRow(cells []cell) bool {
	for _, c := range cells {
		if c.text != "" {
			return false
		}
	}
	return true
}
