package report

import (
	"bytes"
	"fmt"
	"html"
	"html/template"
	"io"
	"regexp"
	"strings"
	"unicode/utf8"

	"gonum.org/v1/plot/font"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/vgsvg"
)

// WriteHTML writes the report as one self-contained HTML page: inline CSS, the
// charts as inline SVG, the chart font embedded once as a data: URL, no script and
// no reference to anything outside the file. The one-page summary (the Lead
// sections) comes first, boxed; each figure's values follow it in a collapsed
// table, so the page holds everything the Markdown does. A print stylesheet puts
// the summary alone on the first page and opens every values table.
func (r *Report) WriteHTML(w io.Writer) error {
	fontCSS, err := fontFace()
	if err != nil {
		return err
	}
	data := struct {
		R            *Report
		FontCSS      template.CSS
		Lead, Detail []Section
	}{r, template.CSS(fontCSS), r.lead(), r.detail()}
	page, err := pageTemplate.Clone()
	if err != nil {
		return fmt.Errorf("report: write html: %w", err)
	}
	note := r.Lang.T("fig.data")
	page.Funcs(template.FuncMap{"valuesNote": func() string { return note }})
	var buf bytes.Buffer
	if err := page.Execute(&buf, data); err != nil {
		return fmt.Errorf("report: write html: %w", err)
	}
	_, err = buf.WriteTo(w)
	return err
}

var fontFaceRE = regexp.MustCompile(`(?s)@font-face\{.*?\}`)

// fontFace returns the @font-face rule vgsvg writes for chartFont when asked to
// embed it, so the page declares the font once instead of once per chart.
func fontFace() (string, error) {
	c := vgsvg.NewWith(vgsvg.UseWH(vg.Points(10), vg.Points(10)), vgsvg.EmbedFonts(true))
	face := font.DefaultCache.Lookup(font.From(chartFont, 10), 10)
	c.FillString(face, vg.Point{}, "x")
	var buf bytes.Buffer
	if _, err := c.WriteTo(&buf); err != nil {
		return "", fmt.Errorf("report: embed chart font: %w", err)
	}
	rule := fontFaceRE.Find(buf.Bytes())
	if rule == nil {
		return "", fmt.Errorf("report: embed chart font: no @font-face in vgsvg output")
	}
	return string(rule), nil
}

var urlRE = regexp.MustCompile(`https?://[^\s;]+`)

// cellHTML escapes a cell and turns the URLs in it into links.
func cellHTML(s string) template.HTML {
	var b strings.Builder
	last := 0
	for _, m := range urlRE.FindAllStringIndex(s, -1) {
		b.WriteString(html.EscapeString(s[last:m[0]]))
		u := html.EscapeString(s[m[0]:m[1]])
		fmt.Fprintf(&b, `<a href="%s">%s</a>`, u, u)
		last = m[1]
	}
	b.WriteString(html.EscapeString(s[last:]))
	return template.HTML(b.String())
}

// svgHTML marks the SVG, drawn by this package with every text escaped by vgsvg,
// as safe to inline, and labels it for screen readers.
func svgHTML(svg []byte, label string) template.HTML {
	s := strings.Replace(string(svg), "<svg ", `<svg role="img" aria-label="`+html.EscapeString(label)+`" `, 1)
	return template.HTML(s)
}

var pageTemplate = template.Must(template.New("page").Funcs(template.FuncMap{
	"cell": cellHTML,
	"svg":  svgHTML,
	"kind": func(b Block) string {
		switch b.(type) {
		case *Para:
			return "para"
		case *List:
			return "list"
		case *Table:
			return "table"
		case *Figure:
			return "figure"
		case *Provenance:
			return "prov"
		}
		return ""
	},
	"num": func(t *Table, i int) bool { return i < len(t.Numeric) && t.Numeric[i] },
	// short cells (ids, dates, pairs) never wrap; long ones (titles, URLs) do.
	"short": func(s string) bool { return utf8.RuneCountInString(s) <= 28 },
	"hl":    func(t *Table, i int) bool { return t.highlighted(i) },
	// valuesNote is the label of a figure's values; WriteHTML sets it per language.
	"valuesNote": func() string { return "" },
}).Parse(`<!DOCTYPE html>
<html lang="{{.R.Lang}}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{{.R.Title}}</title>
<style>
{{.FontCSS}}
:root { --ink: #222; --muted: #5f6368; --rule: #d8dadd; --accent: #332288; --hl: #fff4cc; }
* { box-sizing: border-box; }
body { margin: 0; color: var(--ink); background: #fff; font: 15px/1.5 "Liberation Sans", Arial, Helvetica, sans-serif; }
main { max-width: 1120px; margin: 0 auto; padding: 24px 32px 64px; }
h1 { font-size: 1.7em; line-height: 1.25; margin: 0.2em 0 0.5em; color: var(--accent); }
h2 { font-size: 1.35em; margin: 2em 0 0.4em; padding-bottom: 0.2em; border-bottom: 2px solid var(--accent); color: var(--accent); }
h3 { font-size: 1.1em; margin: 1.6em 0 0.4em; }
p, li { max-width: 75em; }
.front { color: var(--muted); }
.key { background: #f4f2fb; border-left: 4px solid var(--accent); padding: 10px 18px; margin: 1em 0; }
.key h2 { margin: 0.2em 0; border: 0; font-size: 1.1em; }
.key ul { margin: 0.3em 0; padding-left: 1.2em; }
nav ol { columns: 2; margin: 0.5em 0 1em; }
figure { margin: 1em 0; }
figure svg { display: block; max-width: 100%; height: auto; }
figcaption { font-weight: bold; margin: 0.4em 0; }
details { margin: 0.4em 0 1em; }
summary { cursor: pointer; color: var(--muted); }
.scroll { overflow-x: auto; margin: 0.6em 0 1em; }
table { border-collapse: collapse; font-size: 13px; }
th, td { border: 1px solid var(--rule); padding: 3px 7px; vertical-align: top; text-align: left; }
th { background: #f1f3f4; }
th.n { text-align: right; }
td.n { text-align: right; white-space: nowrap; font-variant-numeric: tabular-nums; }
td.s { white-space: nowrap; }
tr.hl td { background: var(--hl); font-weight: bold; }
td a { overflow-wrap: anywhere; }
.prov { color: var(--muted); font-size: 12px; border-top: 1px dotted var(--rule); padding-top: 4px; overflow-wrap: anywhere; }
.summary { border: 1px solid var(--rule); border-top: 4px solid var(--accent); padding: 4px 22px 12px; margin: 0 0 2em; }
.summary h2 { margin-top: 0.6em; }
.summary h3 { margin: 1.1em 0 0.3em; color: var(--accent); }
.summary li { margin: 0.15em 0; }
.summary table { font-size: 14px; }
.summary td:first-child { white-space: normal; }
/* Print: the summary alone on the first page, the detail after it; every values
   table open; no figure, heading or table row cut across pages; no navigation. */
@page { size: A4; margin: 12mm 13mm 14mm; }
@media print {
  body { font-size: 9pt; line-height: 1.3; }
  main { max-width: none; padding: 0; }
  nav { display: none; }
  h1 { font-size: 14pt; margin: 0 0 0.3em; }
  h2 { font-size: 12.5pt; margin: 1.2em 0 0.3em; }
  h3 { font-size: 10.5pt; margin: 0.9em 0 0.25em; }
  h1, h2, h3, figcaption, caption { break-after: avoid; page-break-after: avoid; }
  .summary { border: 0; padding: 0; margin: 0; break-after: page; page-break-after: always; }
  .summary h2 { margin-top: 0.2em; }
  .summary h3 { margin: 0.7em 0 0.2em; }
  .summary table { font-size: 8.5pt; }
  .summary td, .summary th { padding: 1px 5px; }
  .summary p { margin: 0.3em 0; }
  .summary li { margin: 0.1em 0; }
  .summary ul { margin: 0.2em 0; }
  .key { break-inside: avoid; }
  figure, .summary table, tr, .prov { break-inside: avoid; page-break-inside: avoid; }
  figure svg { max-height: 235mm; }
  details::details-content { content-visibility: visible; display: block; }
  details > summary { list-style: none; cursor: auto; font-weight: bold; color: var(--ink); }
  details > summary::-webkit-details-marker { display: none; }
  .scroll { overflow: visible; }
  table { font-size: 8pt; width: 100%; }
  thead { display: table-header-group; }
  th, td { padding: 2px 4px; }
  td.s { white-space: normal; }
  td a { color: inherit; text-decoration: none; }
  tr.hl td { background: var(--hl); -webkit-print-color-adjust: exact; print-color-adjust: exact; }
}
</style>
</head>
<body>
<main>
<h1>{{.R.Title}}</h1>
{{with .Lead}}<section class="summary" id="summary-page">{{range .}}{{template "section" .}}{{end}}</section>{{end}}
{{range .R.Front}}<p class="front">{{.}}</p>
{{end}}<section class="key"><h2>{{.R.Lang.T "front.headlines"}}</h2><ul>
{{range .R.Key}}<li>{{.}}</li>
{{end}}</ul></section>
<nav><ol>{{range .Detail}}{{if eq .Level 2}}<li><a href="#{{.ID}}">{{.Title}}</a></li>{{end}}{{end}}</ol></nav>
{{range .Detail}}{{template "section" .}}{{end}}
</main>
</body>
</html>
{{define "section"}}
{{if eq .Level 2}}<h2 id="{{.ID}}">{{.Title}}</h2>{{else}}<h3 id="{{.ID}}">{{.Title}}</h3>{{end}}
{{range .Blocks}}{{$k := kind .}}{{if eq $k "para"}}<p>{{.Text}}</p>
{{else if eq $k "list"}}<ul>{{range .Items}}<li>{{.}}</li>{{end}}</ul>
{{else if eq $k "prov"}}<p class="prov">{{.Text}}</p>
{{else if eq $k "table"}}{{template "table" .}}
{{else if eq $k "figure"}}<figure id="{{.ID}}">{{svg .SVG .Caption}}<figcaption>{{.Caption}}</figcaption></figure>
{{if .Data}}<details><summary>{{valuesNote}}</summary>{{template "table" .Data}}</details>{{end}}
{{end}}{{end}}{{end}}
{{define "table"}}<div class="scroll"><table id="{{.ID}}">{{if .Caption}}<caption>{{.Caption}}</caption>{{end}}
<thead><tr>{{$t := .}}{{range $i, $h := .Header}}<th{{if num $t $i}} class="n"{{end}}>{{$h}}</th>{{end}}</tr></thead>
<tbody>
{{range $r, $row := .Rows}}<tr{{if hl $t $r}} class="hl"{{end}}>{{range $i, $c := $row}}<td{{if num $t $i}} class="n"{{else if short $c}} class="s"{{end}}>{{cell $c}}</td>{{end}}</tr>
{{end}}</tbody></table></div>{{end}}
`))
