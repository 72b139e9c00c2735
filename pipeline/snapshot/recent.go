package snapshot

import (
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"sort"
)

// Recent returns up to n of the newest snapshots under root that runs published
// as current (replays published aside are left out), newest first, by the time
// their ids start with. A folder whose manifest cannot be read is skipped: it
// says nothing about what was published. No snapshots give none and no error.
// The manifests are read without their inputs (Manifest.Inputs is nil): at
// scale a manifest lists hundreds of thousands of files, and a run reads the
// recent ones only for their counts.
func Recent(root string, n int) ([]*Snapshot, error) {
	entries, err := os.ReadDir(filepath.Join(root, SnapshotsDir))
	if errors.Is(err, os.ErrNotExist) {
		return nil, nil
	}
	if err != nil {
		return nil, fmt.Errorf("recent snapshots: %w", err)
	}
	var ids []string
	for _, e := range entries {
		if _, ok := snapshotTime(e.Name()); ok && e.IsDir() {
			ids = append(ids, e.Name())
		}
	}
	sort.Slice(ids, func(i, j int) bool {
		ti, _ := snapshotTime(ids[i])
		tj, _ := snapshotTime(ids[j])
		if !ti.Equal(tj) {
			return ti.After(tj)
		}
		return ids[i] > ids[j]
	})
	var out []*Snapshot
	for _, id := range ids {
		if len(out) == n {
			break
		}
		s, err := openWithoutInputs(filepath.Join(root, SnapshotsDir, id))
		if err != nil || s.Manifest.Replay {
			continue
		}
		out = append(out, s)
	}
	return out, nil
}

// openWithoutInputs is OpenDir without decoding the manifest's inputs.
func openWithoutInputs(dir string) (*Snapshot, error) {
	f, err := os.Open(filepath.Join(dir, ManifestFile))
	if err != nil {
		return nil, fmt.Errorf("read snapshot manifest: %w", err)
	}
	defer f.Close()
	var m struct {
		Manifest
		Inputs skippedJSON `json:"inputs"` // hides Manifest.Inputs from the decoder
	}
	if err := json.NewDecoder(f).Decode(&m); err != nil {
		return nil, &ManifestError{Path: f.Name(), Err: err}
	}
	return &Snapshot{Dir: dir, Manifest: m.Manifest}, nil
}

// skippedJSON is a JSON value read past, not kept.
type skippedJSON struct{}

func (*skippedJSON) UnmarshalJSON([]byte) error { return nil }
