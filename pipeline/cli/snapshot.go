package cli

import (
	"flag"
	"fmt"
	"path/filepath"

	"synergy/pipeline/snapshot"
	"synergy/pipeline/warehouse"
)

// outFlag declares --out, the output root, the same way for every command.
func outFlag(fs *flag.FlagSet) *string {
	return fs.String("out", "out", "output root (snapshots/, the current link, sources/)")
}

// snapshotDB is a published snapshot opened for reading: its manifest and folder
// (package snapshot) and an in-memory DuckDB with every table registered by name.
// Close it when done.
type snapshotDB struct {
	*snapshot.Snapshot
	db *warehouse.DB
}

// openSnapshot opens the current snapshot under out and registers its tables with
// the statements of its views file, with absolute paths, so the working folder does
// not matter. It is every reading command's only way to the snapshot: the
// database can read the snapshot's tables and nothing else, and write nowhere
// (warehouse.OpenReadOnly): a published snapshot is changed by no command but run.
func openSnapshot(e env, out string) (*snapshotDB, error) {
	snap, err := snapshot.Open(out, "")
	if err != nil {
		return nil, err
	}
	s := &snapshotDB{Snapshot: snap}
	readable := make([]string, len(snap.Manifest.Tables))
	for i, t := range snap.Manifest.Tables {
		readable[i] = snap.Path(t)
	}
	if s.db, err = warehouse.OpenReadOnly(e.ctx, warehouse.Options{}, snap.ViewsSQL(), readable); err != nil {
		return nil, fmt.Errorf("register the snapshot's tables: %w", err)
	}
	return s, nil
}

// publishes reports whether the snapshot has a table called name.
func (s *snapshotDB) publishes(name string) bool {
	_, ok := s.Table(name)
	return ok
}

// publishedHolds reports whether path lies in the published snapshots under the
// output root out or in this snapshot's folder (links resolved): commands write
// their outputs elsewhere, since a snapshot is never written after publishing.
func (s *snapshotDB) publishedHolds(path, out string) bool {
	return inside(path, filepath.Join(out, snapshot.SnapshotsDir)) || inside(path, s.Dir)
}

// Close closes the database, which removes its scratch folder.
func (s *snapshotDB) Close() error {
	return s.db.Close()
}
