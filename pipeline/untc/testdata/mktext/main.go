// Command mktext renders a UNTC status page's HTML as the text a browser gives when the
// whole page is selected and copied: table cells separated by tabs, a table row per
// line, block elements on their own lines, hidden elements (display:none), scripts,
// styles and form controls left out, no-break spaces as spaces. It is an emulation of a
// browser's copy (after the HTML Standard's innerText algorithm, which browsers also use
// for plain-text copies), built on golang.org/x/net/html's tree parser so that it shares
// no code with the reader it feeds. A <br> that ends a table cell adds no line break, as
// it adds no visible line.
//
//	go run ./pipeline/untc/testdata/mktext < page.html > input.txt
package main

import (
	"bufio"
	"fmt"
	"os"
	"regexp"
	"strings"

	"golang.org/x/net/html"
)

var skip = map[string]bool{"script": true, "style": true, "head": true, "select": true,
	"noscript": true, "iframe": true, "textarea": true, "input": true, "button": true}

var block = map[string]bool{"div": true, "p": true, "ul": true, "ol": true, "li": true,
	"center": true, "table": true, "form": true, "h1": true, "h2": true, "h3": true,
	"h4": true, "h5": true, "h6": true, "hr": true, "body": true}

var hiddenRe = regexp.MustCompile(`(?i)display\s*:\s*none`)

func main() {
	doc, err := html.Parse(bufio.NewReader(os.Stdin))
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	w := new(writer)
	w.render(doc)
	out := regexp.MustCompile(` +\n`).ReplaceAllString(w.b.String(), "\n")
	fmt.Print(strings.TrimSpace(out) + "\n")
}

// writer collects the text; like innerText it turns "required line breaks" around
// blocks into the largest count asked for, written before the next text.
type writer struct {
	b       strings.Builder
	pending int  // line breaks owed before the next text
	lineEnd bool // the last byte written ends a line or a cell, so leading spaces drop
}

func (w *writer) brk(n int) { w.pending = max(w.pending, n) }

func (w *writer) text(t string) {
	if strings.Trim(t, " ") == "" && (w.pending > 0 || w.lineEnd || w.b.Len() == 0) {
		return
	}
	if w.b.Len() > 0 && w.pending > 0 {
		w.b.WriteString(strings.Repeat("\n", w.pending))
		w.lineEnd = true
	}
	w.pending = 0
	if w.lineEnd || w.b.Len() == 0 {
		t = strings.TrimLeft(t, " ")
	}
	if t == "" {
		return
	}
	w.b.WriteString(t)
	w.lineEnd = strings.HasSuffix(t, "\t")
}

func hidden(n *html.Node) bool {
	for _, a := range n.Attr {
		if a.Key == "style" && hiddenRe.MatchString(a.Val) {
			return true
		}
	}
	return false
}

var spaceRe = regexp.MustCompile(`[ \t\r\n]+`)

func (w *writer) render(n *html.Node) {
	switch n.Type {
	case html.TextNode:
		w.text(spaceRe.ReplaceAllString(strings.ReplaceAll(n.Data, "\u00a0", " "), " "))
		return
	case html.ElementNode:
		if skip[n.Data] || hidden(n) {
			return
		}
	case html.CommentNode, html.DoctypeNode:
		return
	}
	name := ""
	if n.Type == html.ElementNode {
		name = n.Data
	}
	switch {
	case name == "br":
		if !lastInCell(n) {
			w.text("\n")
			w.lineEnd = true
		}
		return
	case name == "p":
		w.brk(2)
	case block[name]:
		w.brk(1)
	}
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		w.render(c)
	}
	switch {
	case name == "td" || name == "th":
		if nextCell(n) != nil {
			w.pending = 0
			w.b.WriteString("\t")
			w.lineEnd = true
		}
	case name == "p":
		w.brk(2)
	case block[name] || name == "tr":
		w.brk(1)
	}
}

// lastInCell reports whether br is the last rendered node of a table cell.
func lastInCell(br *html.Node) bool {
	for n := br; n != nil; n = n.Parent {
		for s := n.NextSibling; s != nil; s = s.NextSibling {
			if s.Type == html.ElementNode || strings.TrimSpace(s.Data) != "" {
				return false
			}
		}
		if n.Parent != nil && n.Parent.Type == html.ElementNode && (n.Parent.Data == "td" || n.Parent.Data == "th") {
			return true
		}
	}
	return false
}

func nextCell(n *html.Node) *html.Node {
	for s := n.NextSibling; s != nil; s = s.NextSibling {
		if s.Type == html.ElementNode && (s.Data == "td" || s.Data == "th") {
			return s
		}
	}
	return nil
}
