package report

import (
	"bufio"
	"fmt"
	"io"
	"strings"
)

// WriteMarkdown writes the report as CommonMark with pipe tables (GitHub
// flavour): the title, the one-page summary (the Lead sections), the front matter
// and key figures, then the detail. Each chart is replaced by a pointer to
// report.html and the table of the values it plots, so the text carries the same
// numbers as the page.
func (r *Report) WriteMarkdown(w io.Writer) error {
	bw := bufio.NewWriter(w)
	p := func(format string, args ...any) { fmt.Fprintf(bw, format, args...) }
	p("# %s\n\n", mdText(r.Title))
	for _, s := range r.lead() {
		writeMDSection(bw, r.Lang, s)
	}
	for _, f := range r.Front {
		p("%s\n\n", mdText(f))
	}
	p("## %s\n\n", mdText(r.Lang.T("front.headlines")))
	for _, k := range r.Key {
		p("- %s\n", mdText(k))
	}
	p("\n")
	for _, s := range r.detail() {
		writeMDSection(bw, r.Lang, s)
	}
	return bw.Flush()
}

// writeMDSection writes one section: its heading and its blocks.
func writeMDSection(bw *bufio.Writer, l Lang, s Section) {
	p := func(format string, args ...any) { fmt.Fprintf(bw, format, args...) }
	p("%s %s\n\n", strings.Repeat("#", s.Level), mdText(s.Title))
	for _, b := range s.Blocks {
		switch b := b.(type) {
		case *Para:
			p("%s\n\n", mdText(b.Text))
		case *List:
			for _, it := range b.Items {
				p("- %s\n", mdText(it))
			}
			p("\n")
		case *Provenance:
			p("> %s\n\n", mdText(b.Text))
		case *Table:
			writeMDTable(bw, b)
		case *Figure:
			p("**%s**\n\n", mdText(b.Caption))
			if b.Data != nil {
				p("%s\n\n", mdText(l.T("fig.md_note")))
				writeMDTable(bw, b.Data)
			}
		}
	}
}

func writeMDTable(w io.Writer, t *Table) {
	var b strings.Builder
	if t.Caption != "" {
		fmt.Fprintf(&b, "%s\n\n", mdText(t.Caption))
	}
	row := func(cells []string, strong bool) {
		b.WriteString("|")
		for _, c := range cells {
			c = mdCell(c)
			if strong && c != "" {
				c = "**" + c + "**"
			}
			b.WriteString(" " + c + " |")
		}
		b.WriteString("\n")
	}
	row(t.Header, false)
	b.WriteString("|")
	for i := range t.Header {
		if i < len(t.Numeric) && t.Numeric[i] {
			b.WriteString("---:|")
		} else {
			b.WriteString("---|")
		}
	}
	b.WriteString("\n")
	for i, r := range t.Rows {
		row(r, t.highlighted(i))
	}
	b.WriteString("\n")
	io.WriteString(w, b.String())
}

// mdText escapes the characters that would start Markdown syntax in running text:
// emphasis markers, code spans, links and raw HTML. Underscores inside words
// (state_year_burden) are left alone, as CommonMark does not read them as emphasis.
func mdText(s string) string {
	var b strings.Builder
	rs := []rune(s)
	for i, r := range rs {
		switch r {
		case '\\', '*', '`', '[', ']', '<', '>':
			b.WriteRune('\\')
		case '_':
			inWord := i > 0 && i < len(rs)-1 && isWordRune(rs[i-1]) && isWordRune(rs[i+1])
			if !inWord {
				b.WriteRune('\\')
			}
		case '#':
			if i == 0 {
				b.WriteRune('\\')
			}
		}
		b.WriteRune(r)
	}
	return b.String()
}

func isWordRune(r rune) bool {
	return r == '_' || r >= '0' && r <= '9' || r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r > 0x7f
}

func mdCell(s string) string {
	s = strings.ReplaceAll(mdText(s), "|", `\|`)
	return strings.ReplaceAll(s, "\n", " ")
}
