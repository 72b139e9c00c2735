package snapshot

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
)

func sampleManifest() *Manifest {
	return &Manifest{
		Snapshot: "20261127T011052.886Z-55e8a5a5", CreatedAt: "2026-11-27T01:10:52Z", AsOf: "2026-11-27",
		Versions: map[string]string{"synergy": "devel"},
		Inputs:   []Input{{Source: "meetings", File: "meetings/meetings.csv", Format: "meetings", SHA256: "ab", Bytes: 12}},
		Tables: []Table{
			{Name: "meetings", Layer: LayerRaw, Path: "raw/meetings.parquet", Rows: 3, SHA256: "cd"},
			{Name: "party_counts", Layer: LayerMart, Path: "marts/party_counts.parquet", Rows: 7, SHA256: "ef"},
		},
		Checks: []Check{{Model: "party_counts", Check: "not_null(state_id)"}, {Model: "x", Check: "y", FailingRows: 2}},
	}
}

func TestManifestRoundTrip(t *testing.T) {
	dir := t.TempDir()
	want := sampleManifest()
	if err := WriteManifest(dir, want); err != nil {
		t.Fatal(err)
	}
	got, err := OpenDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(want, &got.Manifest); diff != "" {
		t.Errorf("manifest after a round trip (-want +got):\n%s", diff)
	}
	if n := got.Manifest.FailedChecks(); n != 1 {
		t.Errorf("FailedChecks = %d, want 1", n)
	}
	if c, err := got.Manifest.Created(); err != nil || !c.Equal(time.Date(2026, 11, 27, 1, 10, 52, 0, time.UTC)) {
		t.Errorf("Created = %v, %v", c, err)
	}
}

func TestReadManifestNamesTheFile(t *testing.T) {
	_, err := ReadManifest(strings.NewReader(`{"snapshot": 3}`), "out/current/manifest.json")
	var me *ManifestError
	if !errors.As(err, &me) || me.Path != "out/current/manifest.json" || !strings.Contains(err.Error(), "manifest.json") {
		t.Fatalf("error %v, want a *ManifestError naming the file", err)
	}
}

func TestOpen(t *testing.T) {
	root := t.TempDir()
	if _, err := Open(root, ""); !errors.Is(err, ErrNoSnapshot) {
		t.Fatalf("Open on an empty root: %v, want ErrNoSnapshot", err)
	}
	if s, err := Published(root); s != nil || err != nil {
		t.Fatalf("Published on an empty root = %v, %v; want nil, nil", s, err)
	}
	m := sampleManifest()
	st, err := Begin(root, m.Snapshot)
	if err != nil {
		t.Fatal(err)
	}
	if err := WriteManifest(st.Dir(), m); err != nil {
		t.Fatal(err)
	}
	final, err := st.Commit()
	if err != nil {
		t.Fatal(err)
	}
	cur, err := Open(root, "")
	if err != nil || cur.Dir != filepath.Join(root, SnapshotsDir, m.Snapshot) || cur.Manifest.Snapshot != m.Snapshot {
		t.Fatalf("Open current = %+v, %v; want %s", cur, err, final)
	}
	named, err := Open(root, m.Snapshot)
	if err != nil || named.Dir != final {
		t.Fatalf("Open by id = %+v, %v", named, err)
	}
	if _, err := Open(root, "20000101T000000.000Z-00000000"); !errors.Is(err, ErrUnknownSnapshot) {
		t.Errorf("Open of an unknown id: %v, want ErrUnknownSnapshot", err)
	}
	if tb, ok := cur.Table("party_counts"); !ok || cur.Path(tb) != filepath.Join(final, "marts", "party_counts.parquet") {
		t.Errorf("Table/Path = %+v %v", tb, ok)
	}
	if _, ok := cur.Table("nope"); ok {
		t.Error("Table found a table the manifest does not list")
	}
}

func TestViewsSQL(t *testing.T) {
	tables := sampleManifest().Tables
	rel := ViewsSQL(tables, "")
	if !strings.Contains(rel, "create or replace view meetings as select * from read_parquet('raw/meetings.parquet');\n") {
		t.Errorf("relative views:\n%s", rel)
	}
	abs := ViewsSQL(tables, "/srv/o'brien")
	if !strings.Contains(abs, "read_parquet('/srv/o''brien/marts/party_counts.parquet')") {
		t.Errorf("a quote in the folder must be doubled:\n%s", abs)
	}
	dir := t.TempDir()
	if err := WriteViews(dir, tables); err != nil {
		t.Fatal(err)
	}
	if b, _ := os.ReadFile(filepath.Join(dir, ViewsFile)); string(b) != rel {
		t.Errorf("views.sql differs from ViewsSQL(tables, \"\")")
	}
}

func TestLastFailure(t *testing.T) {
	root := t.TempDir()
	if f, err := ReadLastFailure(root); f != nil || err != nil {
		t.Fatalf("no failure yet: %v, %v", f, err)
	}
	want := Failure{Time: time.Date(2026, 12, 1, 2, 3, 4, 0, time.UTC), Error: "boom", ExitKind: "failure"}
	if err := WriteLastFailure(root, want); err != nil {
		t.Fatal(err)
	}
	got, err := ReadLastFailure(root)
	if err != nil || !cmp.Equal(*got, want) {
		t.Errorf("ReadLastFailure = %+v, %v; want %+v", got, err, want)
	}
}

func TestIDOrdersByTime(t *testing.T) {
	in := []Input{{File: "a.csv", SHA256: "1"}}
	a := ID(time.Date(2026, 1, 2, 3, 4, 5, 6e6, time.UTC), in)
	if a != "20260102T030405.006Z-"+a[len(a)-8:] || len(a) != 29 {
		t.Errorf("ID = %q", a)
	}
	if ts, ok := snapshotTime(a); !ok || ts.Year() != 2026 {
		t.Errorf("Prune cannot read the time of %q", a)
	}
	if b := ID(time.Date(2026, 1, 2, 3, 4, 5, 6e6, time.UTC), []Input{{File: "a.csv", SHA256: "2"}}); b == a {
		t.Error("different inputs gave the same id")
	}
}
