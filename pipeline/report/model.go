package report

import (
	"context"
	"fmt"

	"synergy/pipeline/snapshot"
	"synergy/pipeline/tabular"
)

// Querier runs one SQL statement against a snapshot whose tables are available by
// name (participation, meetings_enriched, year_coherence, …) and returns the whole
// result. *warehouse.DB satisfies it once the snapshot's tables are registered as
// views; tests may pass any fake. Build only reads.
type Querier interface {
	Query(ctx context.Context, query string, args ...any) (*tabular.Result, error)
}

// Period is a range of calendar years, both included.
type Period struct {
	From, To int
}

// Year returns the one-year period y.
func Year(y int) Period { return Period{From: y, To: y} }

// Validate reports whether p is a range of years from 1900 to 2999 with From <= To,
// as an error wrapping [ErrPeriod].
func (p Period) Validate() error {
	if p.From < 1900 || p.To > 2999 || p.From > p.To {
		return fmt.Errorf("%w: %d to %d (years from 1900 to 2999, from <= to)", ErrPeriod, p.From, p.To)
	}
	return nil
}

// Previous returns the period of the same length just before p: 2023 for 2024,
// 2019–2021 for 2022–2024.
func (p Period) Previous() Period {
	n := p.To - p.From + 1
	return Period{From: p.From - n, To: p.To - n}
}

// String returns "2024" or "2022-2024"; it is also the default folder suffix.
func (p Period) String() string {
	if p.From == p.To {
		return fmt.Sprint(p.From)
	}
	return fmt.Sprintf("%d-%d", p.From, p.To)
}

func (p Period) label(l Lang) string {
	if p.From == p.To {
		return fmt.Sprint(p.From)
	}
	return l.T("fmt.range", p.From, p.To)
}

func (p Period) contains(y int) bool { return y >= p.From && y <= p.To }

// Options configure [Build]. The zero value of TopStates and History picks the
// defaults.
type Options struct {
	Period Period
	Lang   Lang
	// Snapshot is the manifest of the published snapshot the report reads (package
	// snapshot); Build prints its identity, versions and inputs.
	Snapshot snapshot.Manifest
	// TopStates is how many rows the Rec 8 states table lists, each a group of
	// states with the same meetings, trips, lower bound and trips saveable
	// (default 10).
	TopStates int
	// History is how many years, ending with the period's last, the yearly tables
	// show (default 10); the chart shows every year.
	History int
}

// Report is a built report: everything WriteHTML and WriteMarkdown print, already
// formatted in the report's language.
type Report struct {
	Lang     Lang
	Period   Period
	Snapshot snapshot.Manifest
	Title    string
	Front    []string // paragraphs under the title
	Key      []string // key figures, one sentence each
	Sections []Section
}

// Section is a numbered part of the report; Level 2 sections are chapters, level 3
// their subsections.
type Section struct {
	ID    string // anchor, stable across languages (rec8-timeline)
	Level int
	Title string
	// Lead marks the sections of the one-page summary: the writers put them right
	// after the title, before the front matter, and print them on a page of their own.
	Lead   bool
	Blocks []Block
}

// Block is one element of a section: *Para, *Table, *Figure, *Provenance or *List.
type Block interface{ block() }

// Para is a paragraph of plain text.
type Para struct{ Text string }

// List is a bulleted list of plain text items.
type List struct{ Items []string }

// Table is a table of formatted cells. Numeric marks the right-aligned columns;
// Highlight, when not nil, marks the rows of the report's period.
type Table struct {
	ID        string // stable id (rec8-states)
	Caption   string
	Header    []string
	Numeric   []bool
	Rows      [][]string
	Highlight []bool
}

// add appends a row, highlighted or not.
func (t *Table) add(highlight bool, row []string) {
	for len(t.Highlight) < len(t.Rows) {
		t.Highlight = append(t.Highlight, false)
	}
	t.Rows = append(t.Rows, row)
	t.Highlight = append(t.Highlight, highlight)
}

func (t *Table) highlighted(i int) bool { return i < len(t.Highlight) && t.Highlight[i] }

// Figure is a chart: SVG for HTML, and Data, the values it plots, for Markdown.
type Figure struct {
	ID      string
	Caption string
	SVG     []byte
	Data    *Table
}

// Provenance says which snapshot, tables and input files a figure or table comes
// from.
type Provenance struct{ Text string }

func (*Para) block()       {}
func (*List) block()       {}
func (*Table) block()      {}
func (*Figure) block()     {}
func (*Provenance) block() {}

// Figures returns the report's figures in order.
func (r *Report) Figures() []*Figure {
	var out []*Figure
	for _, s := range r.Sections {
		for _, b := range s.Blocks {
			if f, ok := b.(*Figure); ok {
				out = append(out, f)
			}
		}
	}
	return out
}

// lead returns the Lead sections, the one-page summary, in order.
func (r *Report) lead() []Section { return r.sectionsWhere(true) }

// detail returns the sections after the summary, in order.
func (r *Report) detail() []Section { return r.sectionsWhere(false) }

func (r *Report) sectionsWhere(lead bool) []Section {
	var out []Section
	for _, s := range r.Sections {
		if s.Lead == lead {
			out = append(out, s)
		}
	}
	return out
}

// Tables returns the report's tables in order, not counting figures' data tables.
func (r *Report) Tables() []*Table {
	var out []*Table
	for _, s := range r.Sections {
		for _, b := range s.Blocks {
			if t, ok := b.(*Table); ok {
				out = append(out, t)
			}
		}
	}
	return out
}
