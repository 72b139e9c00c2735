package docsgen

import (
	"errors"
	"fmt"
	"regexp"
	"slices"
	"strings"
)

// Kind is a marker's kind: a block of lines or an inline value.
type Kind string

// The kinds of marker.
const (
	KindQuery Kind = "query" // a block: a query's output as a table
	KindValue Kind = "value" // inline: one value
)

// The output formats of a block.
const (
	FormatTable    = "table"    // a fenced text table, as `synergy query` prints it
	FormatMarkdown = "markdown" // a Markdown table
)

// Block is one marked figure of a document.
type Block struct {
	Kind    Kind
	Name    string
	Format  string // FormatTable or FormatMarkdown; "" for a value
	Line    int    // the opening marker's line, 1-based
	SQL     string // the block's own ```sql fence, or "" when the queries file gives it
	Command string // the shell command kept at the start of the output fence, if any
	Text    string // the generated part, as the document has it (Fill rewrites it)
}

// Doc is a parsed document: literal text and marked blocks, in order. Bytes gives
// the document back, byte for byte when no block was rewritten.
type Doc struct {
	File  string
	parts []part
}

// part is literal text, or a block with the text around its generated part.
type part struct {
	text   string // literal text, or what precedes the generated part (markers, sql fence, command)
	block  *Block
	suffix string // what follows the generated part (closing fence, closing marker)
}

var (
	blockOpen  = regexp.MustCompile(`^<!-- synergy:(\w+)((?: [a-z]+=[^ ]+)*) -->$`)
	blockClose = regexp.MustCompile(`^<!-- /synergy:(\w+) -->$`)
	valueRE    = regexp.MustCompile(`<!-- synergy:value((?: [a-z]+=[^ ]+)*) -->(.*?)<!-- /synergy:value -->`)
	nameRE     = regexp.MustCompile(`^[a-z0-9][a-z0-9_.-]*$`)
)

// Blocks returns the document's blocks in order.
func (d *Doc) Blocks() []*Block {
	var bs []*Block
	for _, p := range d.parts {
		if p.block != nil {
			bs = append(bs, p.block)
		}
	}
	return bs
}

// Bytes returns the document with each block's current Text.
func (d *Doc) Bytes() []byte {
	var b strings.Builder
	for _, p := range d.parts {
		b.WriteString(p.text)
		if p.block != nil {
			b.WriteString(p.block.Text)
			b.WriteString(p.suffix)
		}
	}
	return []byte(b.String())
}

// Parse reads the markers of the document src, named file in errors. A document
// without markers parses to one literal part.
func Parse(file string, src []byte) (*Doc, error) {
	p := &parser{doc: &Doc{File: file}}
	lines := strings.SplitAfter(string(src), "\n")
	for i := 0; i < len(lines); i++ {
		line := lines[i]
		bare := strings.TrimRight(line, "\r\n")
		if isFence(bare) {
			p.inFence = !p.inFence
		}
		if p.inFence || isFence(bare) {
			p.lit(line)
			continue
		}
		if m := blockOpen.FindStringSubmatch(bare); m != nil {
			j, err := p.block(lines, i, m)
			if err != nil {
				return nil, err
			}
			i = j
			continue
		}
		if err := p.inline(line, i+1); err != nil {
			return nil, err
		}
	}
	if p.inFence {
		return nil, markerErr(file, len(lines), "", "unclosed code fence")
	}
	return p.doc, nil
}

type parser struct {
	doc     *Doc
	inFence bool
}

// lit appends literal text, merged with a literal part before it.
func (p *parser) lit(s string) {
	if n := len(p.doc.parts); n > 0 && p.doc.parts[n-1].block == nil {
		p.doc.parts[n-1].text += s
		return
	}
	p.doc.parts = append(p.doc.parts, part{text: s})
}

// block reads the block whose opening marker is lines[i] and returns the index of
// its closing marker's line.
func (p *parser) block(lines []string, i int, open []string) (int, error) {
	file, line := p.doc.File, i+1
	attrs, err := parseAttrs(open[2])
	if err != nil {
		return 0, markerErr(file, line, "", "%v", err)
	}
	b := &Block{Kind: Kind(open[1]), Name: attrs["name"], Format: attrs["format"], Line: line}
	if b.Kind != KindQuery {
		return 0, markerErr(file, line, b.Name, "%q is not a block (a value is inline, on one line)", open[1])
	}
	if err := checkAttrs(attrs, "name", "format"); err != nil {
		return 0, markerErr(file, line, b.Name, "%v", err)
	}
	if b.Format == "" {
		b.Format = FormatTable
	}
	if b.Format != FormatTable && b.Format != FormatMarkdown {
		return 0, markerErr(file, line, b.Name, "format %q (table or markdown)", b.Format)
	}
	end := -1
	for j := i + 1; j < len(lines); j++ {
		bare := strings.TrimRight(lines[j], "\r\n")
		if m := blockClose.FindStringSubmatch(bare); m != nil {
			if Kind(m[1]) != b.Kind {
				return 0, markerErr(file, j+1, b.Name, "closing marker of %s inside a %s block", m[1], b.Kind)
			}
			end = j
			break
		}
		if blockOpen.MatchString(bare) || valueRE.MatchString(bare) {
			return 0, markerErr(file, j+1, b.Name, "marker inside a block")
		}
	}
	if end < 0 {
		return 0, markerErr(file, line, b.Name, "no closing <!-- /synergy:%s -->", b.Kind)
	}
	pt, err := splitBody(b, lines[i+1:end])
	if err != nil {
		return 0, markerErr(file, line, b.Name, "%v", err)
	}
	pt.text = lines[i] + pt.text
	pt.suffix += lines[end]
	p.doc.parts = append(p.doc.parts, pt)
	return end, nil
}

// inline splits one line of prose around its values.
func (p *parser) inline(line string, n int) error {
	rest := line
	for {
		loc := valueRE.FindStringSubmatchIndex(rest)
		if loc == nil {
			break
		}
		attrs, err := parseAttrs(rest[loc[2]:loc[3]])
		if err != nil {
			return markerErr(p.doc.File, n, "", "%v", err)
		}
		if err := checkAttrs(attrs, "name"); err != nil {
			return markerErr(p.doc.File, n, attrs["name"], "%v", err)
		}
		p.lit(rest[:loc[4]])
		p.doc.parts = append(p.doc.parts, part{
			block:  &Block{Kind: KindValue, Name: attrs["name"], Line: n, Text: rest[loc[4]:loc[5]]},
			suffix: rest[loc[5]:loc[1]],
		})
		rest = rest[loc[1]:]
	}
	if strings.Contains(rest, "synergy:") && strings.Contains(rest, "<!--") {
		return markerErr(p.doc.File, n, "", "a synergy marker that is not a value on one line nor a block's own line")
	}
	p.lit(rest)
	return nil
}

// splitBody finds a block's query fence and its generated part.
func splitBody(b *Block, body []string) (part, error) {
	sqlStart, sqlEnd := -1, -1
	for i := 0; i < len(body); i++ {
		if strings.TrimRight(body[i], "\r\n") == "```sql" {
			sqlStart = i
			for j := i + 1; j < len(body); j++ {
				if isFence(strings.TrimRight(body[j], "\r\n")) {
					sqlEnd = j
					break
				}
			}
			if sqlEnd < 0 {
				return part{}, errors.New("unclosed ```sql fence")
			}
			b.SQL = strings.TrimSpace(strings.Join(body[sqlStart+1:sqlEnd], ""))
			break
		}
	}
	from := sqlEnd + 1
	if b.Format == FormatMarkdown {
		return splitMarkdown(b, body, from)
	}
	return splitFence(b, body, from)
}

// splitFence: the generated part of a table block is the content of its last
// fence after any shell command.
func splitFence(b *Block, body []string, from int) (part, error) {
	open, closing := -1, -1
	for i := from; i < len(body); i++ {
		if isFence(strings.TrimRight(body[i], "\r\n")) {
			if open < 0 || closing >= 0 {
				open, closing = i, -1
			} else {
				closing = i
			}
		}
	}
	if open < 0 || closing < 0 {
		return part{}, errors.New("no output fence after the query")
	}
	start := open + 1
	for start < closing {
		l := body[start]
		if strings.HasPrefix(l, "$ ") || (start > open+1 && (strings.HasPrefix(l, " ") || strings.HasPrefix(l, "\t"))) {
			b.Command += l
			start++
			continue
		}
		break
	}
	b.Text = strings.Join(body[start:closing], "")
	return part{
		text:   strings.Join(body[:start], ""),
		block:  b,
		suffix: strings.Join(body[closing:], ""),
	}, nil
}

// splitMarkdown: the generated part of a markdown block is its run of table lines.
func splitMarkdown(b *Block, body []string, from int) (part, error) {
	start := -1
	for i := from; i < len(body); i++ {
		if strings.HasPrefix(body[i], "|") {
			start = i
			break
		}
	}
	if start < 0 {
		return part{}, errors.New("no Markdown table after the query")
	}
	end := start
	for end < len(body) && strings.HasPrefix(body[end], "|") {
		end++
	}
	b.Text = strings.Join(body[start:end], "")
	return part{
		text:   strings.Join(body[:start], ""),
		block:  b,
		suffix: strings.Join(body[end:], ""),
	}, nil
}

func isFence(line string) bool { return strings.HasPrefix(line, "```") }

// parseAttrs reads ` key=value key=value`.
func parseAttrs(s string) (map[string]string, error) {
	attrs := map[string]string{}
	for _, f := range strings.Fields(s) {
		k, v, ok := strings.Cut(f, "=")
		if !ok || v == "" {
			return nil, fmt.Errorf("attribute %s is not key=value", f)
		}
		if _, dup := attrs[k]; dup {
			return nil, fmt.Errorf("attribute %s given twice", k)
		}
		attrs[k] = v
	}
	return attrs, nil
}

// checkAttrs requires a valid name and no attribute outside allowed.
func checkAttrs(attrs map[string]string, allowed ...string) error {
	for k := range attrs {
		if !slices.Contains(allowed, k) {
			return fmt.Errorf("unknown attribute %s", k)
		}
	}
	if !nameRE.MatchString(attrs["name"]) {
		return fmt.Errorf("name %q (lower-case letters, digits, _ . -)", attrs["name"])
	}
	return nil
}
