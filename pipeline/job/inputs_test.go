package job

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"synergy/pipeline/civil"
	"synergy/pipeline/sources"
	"synergy/pipeline/sources/archive"
)

// TestReplayRefusesListingPathsOutside: a kept listing naming a path out of the
// datasets folder (kept by a version of synergy that accepted it, or edited) is
// refused, and nothing is written outside the replay's folder.
func TestReplayRefusesListingPathsOutside(t *testing.T) {
	root := t.TempDir()
	store, err := archive.Open(filepath.Join(root, "out", "sources"))
	if err != nil {
		t.Fatal(err)
	}
	sum, _, err := store.PutBlob("csv", strings.NewReader("x\n"))
	if err != nil {
		t.Fatal(err)
	}
	t.Setenv("TMPDIR", filepath.Join(root, "tmp", "a", "b"))
	if err := os.MkdirAll(os.TempDir(), 0o755); err != nil {
		t.Fatal(err)
	}
	day := civil.DayOf(time.Date(2026, 11, 27, 0, 0, 0, 0, time.UTC))
	for _, rel := range []string{"../../../elsewhere/obligations.csv", "/tmp/abs.csv"} {
		listing := rel + "\t" + sum + "\n"
		if _, _, err := store.Put(listingName, "synergy run", "txt", strings.NewReader(listing), archive.Meta{}, day.Time()); err != nil {
			t.Fatal(err)
		}
		dir, _, err := materialize(store, day)
		if !errors.Is(err, sources.ErrOutside) {
			t.Errorf("listing %q: replay folder %q, %v; want ErrOutside", rel, dir, err)
		}
	}
	if _, err := os.Stat(filepath.Join(root, "tmp", "elsewhere")); !os.IsNotExist(err) {
		t.Errorf("replay wrote outside its folder: %v", err)
	}
	if entries, _ := os.ReadDir(os.TempDir()); len(entries) != 0 {
		t.Errorf("replay left %d folders", len(entries))
	}
}
