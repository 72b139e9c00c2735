package snapshot

import (
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestVerify: an intact snapshot passes; a changed table, a changed digest file,
// an edited views.sql and an added file are each reported, every one of them.
func TestVerify(t *testing.T) {
	dir := t.TempDir()
	write := func(rel, body string) string {
		path := filepath.Join(dir, filepath.FromSlash(rel))
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, []byte(body), 0o644); err != nil {
			t.Fatal(err)
		}
		sum := sha256.Sum256([]byte(body))
		return hex.EncodeToString(sum[:])
	}
	tables := []Table{{Name: "party_counts", Layer: LayerMart, Path: "marts/party_counts.parquet", SHA256: write("marts/party_counts.parquet", "mart")},
		{Name: "observations", Layer: LayerHistory, Path: "history/observations.parquet", SHA256: write("history/observations.parquet", "hist")}}
	m := Manifest{Snapshot: "s", Tables: tables, Files: []File{{Path: ChangesJSONFile, SHA256: write(ChangesJSONFile, "{}")}}}
	if err := WriteViews(dir, tables); err != nil {
		t.Fatal(err)
	}
	if err := WriteManifest(dir, &m); err != nil {
		t.Fatal(err)
	}
	s, err := OpenDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	if err := s.Verify(); err != nil {
		t.Fatalf("intact snapshot: %v", err)
	}

	write("marts/party_counts.parquet", "overwritten")
	if err := s.Verify(LayerHistory); err != nil {
		t.Errorf("history only, the history intact: %v", err)
	}
	write(ChangesJSONFile, `{"changes": []}`)
	write("marts/extra.parquet", "x")
	if err := os.WriteFile(filepath.Join(dir, ViewsFile), []byte("create view x as select 1;\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	err = s.Verify()
	var ve *VerifyError
	if !errors.As(err, &ve) || !errors.Is(err, ErrVerify) || len(ve.Problems) != 4 {
		t.Fatalf("damaged snapshot: %v", err)
	}
	for _, want := range []string{"changes.json: sha256", "marts/extra.parquet: not in the manifest", "marts/party_counts.parquet: sha256", "views.sql: differs"} {
		if !strings.Contains(err.Error(), want) {
			t.Errorf("%v does not report %q", err, want)
		}
	}
}
