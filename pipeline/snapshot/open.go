package snapshot

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
)

// Snapshot is a published snapshot opened for reading.
type Snapshot struct {
	Dir      string // the snapshot folder (resolved through current when opened so)
	Manifest Manifest
}

// Open opens a snapshot under the output root: the current one when name is "",
// else snapshots/<name>. It reads and checks the manifest; the tables are read by
// the caller, through [Snapshot.ViewsSQL] or [Snapshot.Path]. With no published
// snapshot the error matches [ErrNoSnapshot].
func Open(root, name string) (*Snapshot, error) {
	dir := filepath.Join(root, SnapshotsDir, name)
	if name == "" {
		var err error
		if dir, err = Current(root); err != nil {
			return nil, err
		}
	} else if _, err := os.Stat(dir); err != nil {
		return nil, fmt.Errorf("%w: %s", ErrUnknownSnapshot, name)
	}
	return OpenDir(dir)
}

// OpenDir opens the snapshot in folder dir (a snapshots/<id> folder or a copy of one).
func OpenDir(dir string) (*Snapshot, error) {
	f, err := os.Open(filepath.Join(dir, ManifestFile))
	if err != nil {
		return nil, fmt.Errorf("read snapshot manifest: %w", err)
	}
	defer f.Close()
	m, err := ReadManifest(f, f.Name())
	if err != nil {
		return nil, err
	}
	return &Snapshot{Dir: dir, Manifest: *m}, nil
}

// Published returns the current snapshot under root, or nil and no error when
// nothing is published yet.
func Published(root string) (*Snapshot, error) {
	s, err := Open(root, "")
	if errors.Is(err, ErrNoSnapshot) {
		return nil, nil
	}
	return s, err
}

// Table returns the published table called name and whether there is one.
func (s *Snapshot) Table(name string) (Table, bool) {
	for _, t := range s.Manifest.Tables {
		if t.Name == name {
			return t, true
		}
	}
	return Table{}, false
}

// Path is the absolute path of a table's file (t from this snapshot's manifest).
func (s *Snapshot) Path(t Table) string {
	return filepath.Join(s.Dir, filepath.FromSlash(t.Path))
}

// ViewsSQL registers every table of the snapshot by name, with paths inside Dir, so
// a DuckDB started in any folder can run it.
func (s *Snapshot) ViewsSQL() string {
	return ViewsSQL(s.Manifest.Tables, s.Dir)
}
