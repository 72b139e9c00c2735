// Package history keeps synergy's memory across nightly runs (DESIGN.md §3
// "observation", §5): what each source record said in each run, the outcome of
// every data test of every run.
//
// # Observations
//
// [Observe] folds one run's records ([Current], built by [FromParticipation],
// [FromMeetings], [FromAgendaItems] and [FromObligations]) into the history read
// from the previous snapshot's observations table. The table holds one row per
// record key and version; a version is open (ended_at NULL) while the record is
// still seen with the same content. Transaction time is the run's as-of day, so
//
//	what we knew on day X:  first_seen_at <= X and (ended_at is null or ended_at > X)
//	what changed since run R:  first_seen_run > R
//
// ([KnownOn], [ChangedSince]; the SQL is in docs/history.md). Content is a
// canonical JSON of the record ([Canonical]) without its provenance-only columns
// (source_file, source_line), and its SHA-256.
//
// An entity whose sources came back empty or missing in a run never ends its
// records: [RunInfo].Complete says, per entity, whether the run read all its
// sources and got rows from them; for any other entity the previous rows are
// carried forward unchanged and [Observe] returns a [Note] saying so.
//
// [ObserveFiles] computes what [Observe] does in DuckDB, from the published table and
// a Parquet file of this run's records with their canonical content ([CurrentRow],
// [RowOf]), for histories larger than memory; the run uses it.
//
// # Test history
//
// [AppendResults] appends one run's data-test outcomes ([TestResult]), passes
// included, to those of earlier runs, for the published test_history table.
//
// The package does no file I/O of its own beyond the [fs.FS] it is given and
// never imports the DuckDB driver. Inputs are never modified or retained; only
// programmer errors panic, with a "history: " prefix.
package history
