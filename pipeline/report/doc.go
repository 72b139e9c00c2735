// Package report renders synergy's periodic assessment report: what a published
// snapshot says about Recommendations 8 and 9 of the Mine Ban Convention's 2010
// review for one year or a range of years.
//
// [Build] reads the snapshot through a [Querier] (any value with the Query method of
// [synergy/pipeline/warehouse.DB]; the package never imports the DuckDB driver) and
// returns a [Report]: sections of paragraphs, tables and figures, every number taken
// from the snapshot's tables and every figure carrying the snapshot id and the input
// files it comes from. [Report.WriteHTML] writes one self-contained HTML page (inline
// CSS, inline SVG charts drawn with gonum/plot, the chart font embedded once, no
// script and no external resource); [Report.WriteMarkdown] writes the same content
// as Markdown, each chart replaced by the table of values it plots.
//
// Labels come in English, French and Spanish ([Lang]); numbers follow the language
// (0.97, 0,97). Instrument and state names stay as the data give them.
//
// [BuildState] builds a delegation's view of one state for a period (synergy
// report --state ISO3) from the same snapshot.
//
// Build runs the report as a list of sections (data, front, summary, rec8, rec9, changes,
// quality, sources), one function each. A section queries, shapes the rows into
// its own model, then lays out its blocks and draws its charts (charts.go). Its
// SQL lives beside the package in queries/<section>_<what>.sql, embedded, one
// query per file, each opening with a comment that says what it returns; every
// file belongs to exactly one section.
//
// The queries are written against the published column names documented in
// docs/data-dictionary.md and in the marts' header comments; docs/report.md lists,
// section by section, which table and column each figure reads.
package report
