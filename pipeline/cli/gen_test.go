package cli

import (
	"bytes"
	"encoding/json"
	"io/fs"
	"os"
	"path/filepath"
	"testing"
)

// readTree returns every file under dir by slash path.
func readTree(t *testing.T, dir string) map[string][]byte {
	t.Helper()
	files := map[string][]byte{}
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		b, err := os.ReadFile(p)
		rel, _ := filepath.Rel(dir, p)
		files[filepath.ToSlash(rel)] = b
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return files
}

func TestGenSameBytesTwice(t *testing.T) {
	from := filepath.Join("..", "..", "datasets")
	var trees []map[string][]byte
	for range 2 {
		out := filepath.Join(t.TempDir(), "gen")
		r := run(t, "", "gen", "--scale", "0.5", "--seed", "3", "--from", from, "--out", out)
		if r.code != ExitOK {
			t.Fatalf("exit %d: %s", r.code, r.stderr)
		}
		var st struct {
			Meetings, AgendaFiles int
		}
		if err := json.Unmarshal([]byte(r.stdout), &st); err != nil || st.Meetings != 65 {
			t.Fatalf("stdout %q: %v", r.stdout, err)
		}
		trees = append(trees, readTree(t, out))
	}
	a, b := trees[0], trees[1]
	if len(a) != len(b) || len(a) < 20 {
		t.Fatalf("%d and %d files", len(a), len(b))
	}
	for name, data := range a {
		if !bytes.Equal(data, b[name]) {
			t.Errorf("%s differs between two runs", name)
		}
	}
	for _, want := range []string{"sources.json", "states.csv", "meetings/meetings.csv", "membership/apmbc.csv", "obligations/obligations.csv"} {
		if _, ok := a[want]; !ok {
			t.Errorf("no %s", want)
		}
	}
}

func TestGenUsage(t *testing.T) {
	if r := run(t, "", "gen"); r.code != ExitUsage {
		t.Errorf("no --out: exit %d, want %d", r.code, ExitUsage)
	}
	dir := t.TempDir()
	if err := os.WriteFile(filepath.Join(dir, "x"), nil, 0o644); err != nil {
		t.Fatal(err)
	}
	if r := run(t, "", "gen", "--out", dir, "--from", filepath.Join("..", "..", "datasets")); r.code != ExitUsage {
		t.Errorf("non-empty --out: exit %d, want %d", r.code, ExitUsage)
	}
	if r := run(t, "", "gen", "--scale", "0", "--out", filepath.Join(t.TempDir(), "g"), "--from", filepath.Join("..", "..", "datasets")); r.code != ExitFailure {
		t.Errorf("scale 0: exit %d, want %d", r.code, ExitFailure)
	}
}
