package archive

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"synergy/pipeline/civil"
)

// TestPublishedVersions: versions carry the run that saw them; only those of
// runs recorded as published (or of lines older than run names) are chosen,
// and with none the error says why.
func TestPublishedVersions(t *testing.T) {
	s := openTestStore(t)
	day := civil.DayOf(time.Date(2026, 2, 3, 0, 0, 0, 0, time.UTC))
	at := day.Time().Add(2 * time.Hour)

	s.Run = "run-a" // killed: never records an outcome
	put(t, s, "cal", "killed", at)
	if _, err := s.LatestPublished("cal"); !errors.Is(err, ErrNotPublished) || !errors.Is(err, ErrNoVersion) ||
		!strings.Contains(err.Error(), "run-a, which did not finish") {
		t.Fatalf("only a killed run's version: %v", err)
	}

	s.Run = "run-b"
	good, _ := put(t, s, "cal", "good", at.Add(time.Hour))
	if err := s.RecordOutcome("run-b", OutcomePublished, at); err != nil {
		t.Fatal(err)
	}
	s.Run = "run-c"
	bad, _ := put(t, s, "cal", "header only", at.Add(2*time.Hour))
	if err := s.RecordOutcome("run-c", OutcomeFailed, at); err != nil {
		t.Fatal(err)
	}
	if v, err := s.Latest("cal"); err != nil || v.SHA256 != bad.SHA256 || v.Run != "run-c" {
		t.Fatalf("Latest = %+v, %v; want the failed run's", v, err)
	}
	for what, get := range map[string]func() (Version, error){
		"latest": func() (Version, error) { return s.LatestPublished("cal") },
		"as of":  func() (Version, error) { return s.AsOfPublished("cal", day) },
	} {
		if v, err := get(); err != nil || v.SHA256 != good.SHA256 {
			t.Errorf("%s published = %+v, %v; want the published run's %s", what, v, err, good.SHA256)
		}
	}
	if _, err := s.AsOfPublished("cal", day.AddDays(-1)); !errors.Is(err, ErrNoVersion) || errors.Is(err, ErrNotPublished) {
		t.Errorf("as of the day before: %v", err)
	}
}

// TestKeptFilesAreReadable: kept content and blobs have the snapshots' mode,
// 0644, not CreateTemp's 0600.
func TestKeptFilesAreReadable(t *testing.T) {
	s := openTestStore(t)
	v, _ := put(t, s, "cal", "x", time.Now())
	sum, _, err := s.PutBlob("csv", strings.NewReader("y"))
	if err != nil {
		t.Fatal(err)
	}
	for _, path := range []string{s.Path(v), s.BlobPath(sum, "csv"), filepath.Join(s.Root(), "cal", LogName)} {
		fi, err := os.Stat(path)
		if err != nil || fi.Mode().Perm() != 0o644 {
			t.Errorf("%s: mode %v, %v; want 0644", path, fi.Mode().Perm(), err)
		}
	}
}
