package snapshot

// Names in an output root and in a snapshot folder (see the package comment).
const (
	// CurrentLink is the symbolic link to the published snapshot.
	CurrentLink = "current"
	// SnapshotsDir holds one folder per published snapshot.
	SnapshotsDir = "snapshots"
	// SourcesDir is where every version of every input is kept, for replay.
	SourcesDir = "sources"
	// LockFile is the lock a run holds from start to end.
	LockFile = ".lock"
	// LastFailureFile is where a failed run records why ([Failure]).
	LastFailureFile = "last-failure.json"
	// ManifestFile is a snapshot's manifest ([Manifest]).
	ManifestFile = "manifest.json"
	// ViewsFile registers every table of a snapshot by name in any DuckDB client.
	ViewsFile = "views.sql"
	// ChangesJSONFile is a snapshot's digest of what changed since the previous
	// one (package changes); ChangesMarkdownFile is the same, short, for people.
	ChangesJSONFile     = "changes.json"
	ChangesMarkdownFile = "changes.md"

	stagingPrefix = ".staging-"
)

// Layers of a published table ([Table.Layer]).
const (
	LayerRaw     = "raw"
	LayerMart    = "mart"
	LayerHistory = "history"
)
