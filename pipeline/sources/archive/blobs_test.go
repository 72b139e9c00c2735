package archive

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestPutBlobKeepsEachContentOnce(t *testing.T) {
	s := openTestStore(t)
	// sha256("hello\n"), as sha256sum prints it
	const hello = "5891b5b522d5df086d0ff0b110fbd9d21bb4fc7163af34d08286a2e846f6be03"
	sum, n, err := s.PutBlob("txt", strings.NewReader("hello\n"))
	if err != nil || sum != hello || n != 6 {
		t.Fatalf("PutBlob = %s, %d, %v; want %s, 6, nil", sum, n, err, hello)
	}
	first, err := os.Stat(s.BlobPath(sum, "txt"))
	if err != nil {
		t.Fatal(err)
	}
	if _, _, err := s.PutBlob("txt", strings.NewReader("hello\n")); err != nil {
		t.Fatal(err)
	}
	again, _ := os.Stat(s.BlobPath(sum, "txt"))
	if !os.SameFile(first, again) {
		t.Error("a second PutBlob of the same bytes replaced the kept file")
	}
	// the same bytes under another extension are another file; nothing else is left
	if _, _, err := s.PutBlob("csv", strings.NewReader("hello\n")); err != nil {
		t.Fatal(err)
	}
	entries, err := os.ReadDir(filepath.Join(s.Root(), BlobsDir))
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, e := range entries {
		names = append(names, e.Name())
	}
	if want := hello + ".csv," + hello + ".txt"; strings.Join(names, ",") != want {
		t.Errorf("blobs folder holds %v, want %s (no temporary files left)", names, want)
	}
	if err := s.Sync(); err != nil {
		t.Errorf("Sync: %v", err)
	}
	// no log: blobs are not versions of a source
	if _, err := s.Latest(BlobsDir); err == nil {
		t.Error("Latest found a version for the blobs folder")
	}
}

func TestPutBlobRefusesABadExtension(t *testing.T) {
	s := openTestStore(t)
	if _, _, err := s.PutBlob("../x", strings.NewReader("x")); !errors.Is(err, ErrBadName) {
		t.Errorf("PutBlob with extension ../x: %v, want ErrBadName", err)
	}
}
