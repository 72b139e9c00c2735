// Package pipeline holds no code: it is the folder of synergy's packages, and its
// test checks the rules of the house that docs/architecture.md states (which
// packages may link DuckDB, who reads the published snapshot and how, what may
// import what).
package pipeline
