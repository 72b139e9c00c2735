package snapshot

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/google/go-cmp/cmp"
)

func TestRecentNewestFirstWithoutInputs(t *testing.T) {
	older, newer, replay := id(t, "2026-12-01 02:00"), id(t, "2026-12-02 02:00"), id(t, "2026-12-03 02:00")
	root := t.TempDir()
	for i, sid := range []string{older, newer, replay} {
		m := &Manifest{Snapshot: sid, Inputs: []Input{{File: "meetings/meetings.csv", SHA256: "ab", Bytes: 3}},
			GuardCounts: map[string]int{"meetings": 10 + i}, Replay: sid == replay}
		dir := filepath.Join(root, SnapshotsDir, sid)
		if err := os.MkdirAll(dir, 0o755); err != nil {
			t.Fatal(err)
		}
		if err := WriteManifest(dir, m); err != nil {
			t.Fatal(err)
		}
	}
	writeFile(t, filepath.Join(root, SnapshotsDir, id(t, "2026-12-04 02:00"), ManifestFile), "{not json")
	got, err := Recent(root, 5)
	if err != nil {
		t.Fatal(err)
	}
	var ids []string
	var counts []int
	for _, s := range got {
		ids, counts = append(ids, s.Manifest.Snapshot), append(counts, s.Manifest.GuardCounts["meetings"])
		if s.Manifest.Inputs != nil {
			t.Errorf("%s: inputs decoded: %v", s.Manifest.Snapshot, s.Manifest.Inputs)
		}
	}
	if diff := cmp.Diff([]string{newer, older}, ids); diff != "" {
		t.Errorf("ids (-want +got):\n%s", diff)
	}
	if diff := cmp.Diff([]int{11, 10}, counts); diff != "" {
		t.Errorf("guard counts (-want +got):\n%s", diff)
	}
}
