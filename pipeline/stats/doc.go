// Package stats holds the cosine similarity of theme vectors behind synergy's
// scores (DESIGN.md §4).
//
// The package is pure Go on top of gonum (gonum.org/v1/gonum/floats) and never
// imports the DuckDB driver; package warehouse exposes [Cosine] to SQL as
// synergy_cosine. The other formulas of §4 (Jaccard similarity and
// containment of party sets, the proximity discount, the delegation coherence
// index) are computed by the SQL models, each written once as a macro in
// sql/macros and tested against cited values in pipeline/models.
//
// # Contracts
//
// [Cosine] documents its formula, what empty input means, and when the result
// is undefined. An undefined result is reported with ok == false (SQL NULL),
// never as NaN. Inputs are never modified or retained. As in gonum, only
// programmer errors panic (slices that must have equal lengths do not), with a
// "stats: " prefix; bad data never panics.
package stats
