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
// # Read only
//
// [OpenReadOnly] opens a database for the commands that read a published snapshot:
// after its setup statements it can read only the files it was given
// (enable_external_access=false, allowed_paths), its configuration is locked, and
// each call runs one statement of a reading kind; COPY, EXPORT, ATTACH, INSTALL,
// LOAD, PREPARE, EXECUTE and SET are refused with [ErrReadOnly]. Any new way of
// running SQL on a [DB] must pass its statement through the same check (DB.allow).
//
// # Scratch folders
//
// A folder Open creates holds an owner lock while the database is open; a run
// removes those left by killed processes with [RemoveStaleTemp].
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
