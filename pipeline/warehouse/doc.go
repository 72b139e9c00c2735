// Package warehouse is synergy's only door to DuckDB (and the only package that
// imports the cgo driver github.com/duckdb/duckdb-go/v2). It opens an offline-safe
// database, runs SQL on one pinned connection, writes Parquet, and maps DuckDB's
// errors to sentinels that callers match with errors.Is.
//
// # Offline by construction
//
// [Open] sets autoinstall_known_extensions=false and
// autoload_known_extensions=false, points extension_directory,
// custom_extension_repository and temp_directory inside [Options.TempDir], and
// disallows community extensions. The extensions the driver links statically
// (core_functions, icu, json, parquet, autocomplete) keep working; any other one
// (fts, spatial, httpfs …) fails at once with a DuckDB error and no network call,
// and nothing is written to $HOME.
//
// # One connection
//
// A [DB] pins a single connection for its whole life, so temporary tables, views
// and settings made by one call are seen by the next. Calls are serialised by a
// mutex; a DB is safe for use by several goroutines, but they take turns.
//
// Query results are read in full into a [Result] of plain Go values (see
// [tabular.Result]), so packages that only consume results do not need cgo.
package warehouse
