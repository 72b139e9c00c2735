// Package stats holds the small similarity and scoring functions behind
// synergy's scores (DESIGN.md §4): cosine similarity of theme vectors, Jaccard
// similarity and containment of party sets, the proximity discount for the
// working-day gap between two meetings, and the delegation coherence index.
//
// The package is pure Go on top of gonum (gonum.org/v1/gonum/floats) and never
// imports the DuckDB driver; package warehouse exposes [Cosine] to SQL as
// synergy_cosine.
//
// # Contracts
//
// Every function documents its formula, what empty input means, and when the
// result is undefined. An undefined result is reported with ok == false (SQL
// NULL), never as NaN. Inputs are never modified or retained. As in gonum, only
// programmer errors panic (slices that must have equal lengths do not), with a
// "stats: " prefix; bad data never panics.
package stats
