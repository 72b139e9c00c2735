package site

import (
	"errors"
	"os"
	"path/filepath"
	"testing"
	"time"

	"synergy/pipeline/calendar"
	"synergy/pipeline/ics"
	"synergy/pipeline/snapshot"
)

func testSite(id string) *Site {
	return &Site{Manifest: snapshot.Manifest{Snapshot: id, AsOf: "2026-03-01"}, SnapshotDir: os.TempDir(),
		Feed: &calendar.Calendar{ICS: ics.Calendar{ProdID: "-//test//EN", Stamp: time.Date(2026, 3, 1, 0, 0, 0, 0, time.UTC)}}}
}

// TestWriteSwitchesWhole writes a site twice: dir is a link to the second
// folder, the first is gone, and a folder the package did not write is refused.
func TestWriteSwitchesWhole(t *testing.T) {
	parent := t.TempDir()
	dir := filepath.Join(parent, "www")
	for _, id := range []string{"snap1", "snap2"} {
		if err := Write(dir, testSite(id)); err != nil {
			t.Fatal(err)
		}
	}
	b, err := os.ReadFile(filepath.Join(dir, MarkerFile))
	if err != nil || string(b) != "snap2\n" {
		t.Errorf("marker %q, %v: want the second snapshot", b, err)
	}
	entries, _ := os.ReadDir(parent)
	if len(entries) != 2 {
		t.Errorf("%d entries beside the site, want the link and its folder", len(entries))
	}
	for _, f := range []string{IndexFile, FeedFile, MeetingsFile, ChangesFile, DataDir + "/" + snapshot.ViewsFile, DataDir + "/" + DictFile} {
		if _, err := os.Stat(filepath.Join(dir, filepath.FromSlash(f))); err != nil {
			t.Errorf("site lacks %s: %v", f, err)
		}
	}
	mine := t.TempDir()
	os.WriteFile(filepath.Join(mine, "notes.txt"), nil, 0o644)
	if err := Write(mine, testSite("snap3")); !errors.Is(err, ErrNotSite) {
		t.Errorf("writing over a folder of other files: %v, want ErrNotSite", err)
	}
}
