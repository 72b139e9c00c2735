package site

import (
	"bytes"
	"errors"
	"fmt"
	"html/template"
	"strings"

	"synergy/pipeline/changes"
)

var pages = template.Must(template.New("site").Funcs(template.FuncMap{
	"anchor": func(uid string) string { return strings.TrimSuffix(uid, "@synergy") },
	"day":    func(t interface{ Format(string) string }) string { return t.Format("2006-01-02") },
}).Parse(`
{{define "head"}}<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>{{.}}</title>
<style>body{font-family:system-ui,sans-serif;max-width:60rem;margin:2rem auto;padding:0 1rem;line-height:1.45}
table{border-collapse:collapse}td,th{border-bottom:1px solid #ccc;padding:.2rem .5rem;text-align:left;vertical-align:top}
pre{white-space:pre-wrap}</style></head><body>{{end}}

{{define "index"}}{{template "head" "synergy: treaty meetings and participation"}}
<h1>synergy</h1>
<p>Meetings of the conventional-weapons and related treaties, their parties and their synergies.
Snapshot <code>{{.Manifest.Snapshot}}</code>, as of {{.Manifest.AsOf}}.</p>
<h2>Report</h2>
<ul>{{if .Latest}}<li><a id="latest-report" href="latest/report.html">Latest report ({{.Latest}})</a> (<a href="latest/report.md">Markdown</a>)</li>{{end}}
{{range .Reports}}<li><a href="reports/{{.Period}}/report.html">{{.Period}}</a> (<a href="reports/{{.Period}}/report.md">Markdown</a>)</li>
{{end}}</ul>
<h2>Calendar</h2>
<p><a id="feed" href="calendar.ics">calendar.ics</a>: the meetings of the next 18 months, projected ones marked tentative.
Subscribe to it in a calendar program{{if .SiteURL}} (<a href="{{.Webcal}}">webcal link</a>){{end}}.
<a href="meetings.html">The meetings in the feed</a>.</p>
<h2>What changed</h2>
<p><a id="changes" href="changes.html">Changes in this snapshot</a> (<a href="changes.md">Markdown</a>, <a href="changes.json">JSON</a>).</p>
<h2>Data</h2>
<p><a href="data/index.html">The tables as Parquet</a>, with <a href="data/views.sql">views.sql</a> (run <code>.read views.sql</code> in DuckDB from the data folder) and the <a href="data/dictionary.md">data dictionary</a>.</p>
</body></html>
{{end}}

{{define "meetings"}}{{template "head" "synergy: meetings in the calendar feed"}}
<h1>Meetings in the calendar feed</h1>
<p>Snapshot <code>{{.Snapshot}}</code>, as of {{.AsOf}}. <a href="calendar.ics">calendar.ics</a> · <a href="index.html">index</a></p>
{{range .Events}}<section id="{{anchor .UID}}"><h2>{{.Summary}}</h2>
<p>{{day .Start}} to {{day .End}} (end exclusive){{if .Location}}, {{.Location}}{{end}}. Status: {{.Status}}.</p>
<pre>{{.Description}}</pre></section>
{{end}}</body></html>
{{end}}

{{define "changes"}}{{template "head" "synergy: what changed"}}
<h1>What changed</h1>
<p><a href="index.html">index</a> · <a href="changes.md">Markdown</a> · <a href="changes.json">JSON</a></p>
{{if .Missing}}<p>This snapshot carries no changes digest.</p>{{else}}
<p>Snapshot <code>{{.D.Snapshot}}</code> (as of {{.D.AsOf}}){{if .D.Previous}} against <code>{{.D.Previous}}</code> (as of {{.D.PreviousAsOf}}){{else}}: the first snapshot, nothing to compare with{{end}}.</p>
<table><tr><th>kind</th><th>change</th><th>source</th></tr>
{{range .D.Changes}}<tr><td>{{.Kind}}</td><td>{{.Text}}</td><td>{{.Source}}</td></tr>
{{end}}</table>{{end}}</body></html>
{{end}}

{{define "data"}}{{template "head" "synergy: data"}}
<h1>Tables of snapshot {{.Manifest.Snapshot}}</h1>
<p><a href="../index.html">index</a> · <a href="views.sql">views.sql</a> · <a href="dictionary.md">data dictionary</a></p>
<table><tr><th>table</th><th>layer</th><th>rows</th><th>sha256</th></tr>
{{range .Manifest.Tables}}<tr><td><a href="{{.Path}}">{{.Name}}</a></td><td>{{.Layer}}</td><td>{{.Rows}}</td><td><code>{{.SHA256}}</code></td></tr>
{{end}}</table></body></html>
{{end}}
`))

func render(name string, data any) []byte {
	var b bytes.Buffer
	if err := pages.ExecuteTemplate(&b, name, data); err != nil {
		panic("site: template " + name + ": " + err.Error()) // the templates are fixed: a bug
	}
	return b.Bytes()
}

func (s *Site) indexPage() []byte {
	webcal := ""
	if s.SiteURL != "" {
		webcal = "webcal://" + strings.TrimPrefix(strings.TrimPrefix(strings.TrimSuffix(s.SiteURL, "/"), "https://"), "http://") + "/" + FeedFile
	}
	return render("index", struct {
		*Site
		Webcal template.URL
	}{s, template.URL(webcal)})
}

func (s *Site) meetingsPage() []byte {
	return render("meetings", struct {
		Snapshot, AsOf string
		Events         any
	}{s.Manifest.Snapshot, s.Manifest.AsOf, s.Feed.ICS.Events})
}

func (s *Site) changesPage() ([]byte, error) {
	d, err := changes.Read(s.SnapshotDir)
	if errors.Is(err, changes.ErrNoDigest) {
		return render("changes", struct{ Missing bool }{true}), nil
	}
	if err != nil {
		return nil, err
	}
	return render("changes", struct {
		Missing bool
		D       changes.Digest
	}{false, d}), nil
}

func (s *Site) dataPage() []byte { return render("data", s) }

// dictionary is the data dictionary of the published tables: each table's layer,
// rows and columns with their types, as the Parquet files declare them.
func (s *Site) dictionary() []byte {
	var b strings.Builder
	fmt.Fprintf(&b, "# Data dictionary, snapshot %s (as of %s)\n\n", s.Manifest.Snapshot, s.Manifest.AsOf)
	b.WriteString("Every table of the snapshot, with its columns and types as its Parquet file declares them.\n")
	b.WriteString("What each column means is in synergy's docs/data-dictionary.md.\n")
	cols := map[string][]Column{}
	for _, c := range s.Columns {
		cols[c.Table] = append(cols[c.Table], c)
	}
	for _, t := range s.Manifest.Tables {
		fmt.Fprintf(&b, "\n## %s\n\nLayer %s, %d rows, file `%s`.\n\n| column | type |\n|---|---|\n", t.Name, t.Layer, t.Rows, t.Path)
		for _, c := range cols[t.Name] {
			fmt.Fprintf(&b, "| %s | %s |\n", c.Name, c.Type)
		}
	}
	return []byte(b.String())
}
