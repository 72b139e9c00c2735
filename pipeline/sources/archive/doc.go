// Package archive keeps the raw bytes of every version of every source a run has
// fetched, so that any run can be replayed offline from exactly the inputs it read.
//
// # Layout
//
// A [Store] is a folder. Each source has a subfolder named after it, holding one file
// per distinct content, named by the SHA-256 of its bytes, and an append-only log:
//
//	<root>/<source name>/<sha256>.<ext>      raw bytes, written once, never changed
//	<root>/<source name>/versions.jsonl      one JSON object per line, oldest first
//	<root>/_blobs/<sha256>.<ext>             bytes kept without a log ([Store.PutBlob]),
//	                                         recorded elsewhere (a run's input listing)
//
// A log line records one sighting of the source:
//
//	{"seen_at":"2026-02-03T02:00:00Z","sha256":"…","bytes":51234,"ext":"html",
//	 "origin":"https://treaties.un.org/…","etag":"\"abc\"","last_modified":"…",
//	 "status":"new","run":"20260203T020000.123Z-4242"}
//
// seen_at is RFC 3339 in UTC, to the second. origin is the URL or local path the bytes
// came from. status is "new" when the content differs from the source's latest version
// before this line (a first sighting, a change, or a return to earlier content, whose
// file is then reused) and "unchanged" when it is the same. ext is the extension of the
// content file, so [Store.Path] can name it.
//
// run names the run that saw the bytes ([Store.Run]). A run records its outcome at
// its end in <root>/_runs.jsonl ([Store.RecordOutcome]): "published" or "failed";
// a run that was killed records none. Versions seen by a run that did not publish
// are kept (they show what the origin served) but never chosen by
// [Store.LatestPublished] and [Store.AsOfPublished], which --offline and --replay
// use. Lines without a run predate run names and count as published.
//
// Files are written with mode 0644, as the snapshots are.
//
// # Crash safety
//
// [Store.Put] writes the content to a temporary file in the source's folder, syncs it,
// renames it to its final name and syncs the folder before it appends the log line; a
// crash leaves at worst a content file that no line names, which a later Put of the
// same bytes reuses. A log line is appended with one write and synced, and counts only
// once its newline is on disk: an unterminated last line (a write torn by a crash) is
// ignored when the log is read and cut off before the next append. A complete line
// that does not decode is an error, [ErrCorruptLog].
//
// A Store is safe for concurrent use by the goroutines of one process. Two processes
// writing the same source at once are not coordinated (runs are not yet locked against
// each other, see docs/architecture.md).
//
// # Choosing a version
//
// [Store.Latest] is the version with the latest seen_at (of equal ones, the later
// line); [Store.AsOf] is the same among versions seen on or before the end of a given
// day, UTC, which is how a run with --as-of picks its inputs (docs/sources.md).
package archive
