package snapshot_test

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"synergy/pipeline/snapshot"
)

// TestVerifyCoversDocuments: the changes digest is listed with its sha256, so an
// edited digest fails verification like an edited table, and an unlisted file is
// named.
func TestVerifyCoversDocuments(t *testing.T) {
	dir := t.TempDir()
	if err := os.WriteFile(filepath.Join(dir, snapshot.ChangesMarkdownFile), []byte("# Changes\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	docs, err := snapshot.HashDocuments(dir, snapshot.ChangesJSONFile, snapshot.ChangesMarkdownFile)
	if err != nil || len(docs) != 1 || docs[0].Path != snapshot.ChangesMarkdownFile {
		t.Fatalf("HashDocuments = %v, %v (changes.json is absent and left out)", docs, err)
	}
	m := &snapshot.Manifest{Snapshot: "s1", Documents: docs}
	if err := snapshot.WriteManifest(dir, m); err != nil {
		t.Fatal(err)
	}
	if err := snapshot.WriteViews(dir, nil); err != nil {
		t.Fatal(err)
	}
	s, err := snapshot.OpenDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	if err := s.Verify(); err != nil {
		t.Fatalf("Verify of an untouched snapshot: %v", err)
	}
	os.WriteFile(filepath.Join(dir, snapshot.ChangesMarkdownFile), []byte("# Nothing changed\n"), 0o644)
	os.WriteFile(filepath.Join(dir, "extra.txt"), []byte("x"), 0o644)
	err = s.Verify()
	if !errors.Is(err, snapshot.ErrVerify) || !strings.Contains(err.Error(), "changes.md: sha256") || !strings.Contains(err.Error(), "extra.txt: not in the manifest") {
		t.Fatalf("Verify = %v", err)
	}
}
