// Package snapshot is the contract between the run that publishes synergy's outputs
// and every command that reads them: the layout of an output root, the manifest of a
// snapshot and its one parser, the views file, [Open] for readers, and the atomic
// publishing and retention the run uses to write.
//
// # Layout of an output root
//
//	current -> snapshots/<id>     the published snapshot (relative link)
//	snapshots/<id>/               one folder per published run:
//	    manifest.json             inputs, tables with checksums, checks, timings ([Manifest])
//	    views.sql                 `.read views.sql` registers every table by name
//	    changes.json, changes.md  what changed since the snapshot before (package changes)
//	    raw/*.parquet             validated inputs
//	    marts/*.parquet           the models' outputs
//	    history/*.parquet         observations and data-test history
//	sources/                      every kept version of every input (package archive)
//	.staging-<id>-*/              a run in progress (or one that died)
//	.staging-pruned-<id>/         a snapshot being deleted by Prune (or whose deletion died)
//	.lock                         held by the running run (package lock)
//	last-failure.json             the last failed run ([Failure])
//
// # Publishing
//
// A run writes into a private staging folder ([Begin]); [Staging.Commit] renames it to
// snapshots/<id> and then switches the symbolic link "current" to it with one
// rename(2), so a reader resolving "current" sees either the previous snapshot or the
// new one, complete, never a mix. A run that fails or is killed before Commit leaves
// only a staging folder, which readers never look at and the next run removes.
//
// # One writer at a time
//
// The functions that change the root ([Begin], [Staging.Commit], [Prune],
// [WriteFile], [WriteLastFailure]) assume that they are its only writer: Begin
// removes every ".staging-*" entry, which would delete a concurrent run's staging
// folder. synergy's run holds the exclusive lock <root>/.lock (package lock) for its
// whole length, so with the lock held every ".staging-*" entry belongs to a run that
// is dead. Readers ([Open], [Current]) need no lock.
//
// # Retention
//
// [Prune], called after Commit, removes old snapshots: it keeps the current one, the
// newest N and the first of each calendar month.
package snapshot
