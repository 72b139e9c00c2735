// Package models loads synergy's SQL models (the sql/ folder, embedded as
// [synergy/sql.FS]) and builds them in DuckDB in dependency order, then runs the
// data checks each model declares.
//
// The package does not import the DuckDB driver: [Run] takes a [DB], a small
// interface that *warehouse.DB satisfies, so the package builds without cgo.
//
// # Files
//
// A model is one SELECT statement in one file; its path (slash-separated, relative
// to the FS root) must match [NamePattern]:
//
//	macros/<name>.sql                    DuckDB macros, executed first, in name order
//	staging/stg_<source>__<entity>.sql   rename and cast raw_<table> only; a view
//	intermediate/int_<entity>_<verb>.sql a table (its checks and consumers read it once built)
//	marts/<name>.sql                     a table (create or replace table)
//
// Names are lower-case snake_case. Any other file or folder inside the FS is an
// error, except files at the root (embed.go, .sqlfluff, README.md).
//
// # Header
//
// Each model starts with comment lines the loader parses:
//
//	-- grain: one row per instrument × count_date × date_kind
//	-- description: what the model is for; continuation lines are
//	--   indented by at least two spaces after the dashes
//	-- check: unique(instrument_id, count_date, date_kind)
//	-- check: not_null(instrument_id, count_date)
//	-- check: accepted_values(date_kind, 'meeting_opening', 'year_end')
//	-- check: relationship(instrument_id -> stg_synergy__instruments.instrument_id)
//	-- check: expression(in_force <= consented + in_force_not_consented)
//
// grain and description are required for models (optional for macros). Other
// comment lines in the header are free notes. Each check becomes a query that
// returns the failing rows (see [Check.FailingRowsSQL]); [Run] runs them after
// building every model and fails if any returns a row. When the DB can open a
// second connection ([Sessions]) the checks run two at a time; their results,
// logs and errors keep model and header order. The first unique check names the
// grain columns [Export] orders a mart by.
//
// A mart may also say how it can be rebuilt in part ([Partition]):
//
//	-- partition: year = year(start_a)
//	-- partition: meeting = meeting_id
//
// the kind of partition its rows belong to and the SQL expression over its
// columns that gives a row's partition. [RunPartial] builds the models from the
// rows of the affected partitions and their context only (filters on the raw
// tables), then replaces each mart's rows of the affected partitions and keeps
// its other rows from the previous published file. A mart without the line (or
// with '-- partition: none') is only ever built whole. Which partitions a change
// touches, and what context they need, is the caller's (package job).
//
// # Order
//
// Macros run first, then staging, intermediate and marts. Within a layer models
// run in topological order of the model names their SQL mentions (outside
// comments and string literals), ties broken by name; a cycle is an error, and
// so is a reference to a model of a later layer or, in staging, to any model.
package models
