package archive

import (
	"fmt"
	"io"
	"path/filepath"
)

// BlobsDir is the folder of content kept without a log of its own. Its name cannot be
// a source's (a source name starts with a letter or digit).
const BlobsDir = "_blobs"

// BlobPath returns the file that holds the blob of the given digest and extension,
// whether or not it exists.
func (s *Store) BlobPath(sha256Hex, ext string) string {
	return filepath.Join(s.root, BlobsDir, sha256Hex+"."+ext)
}

// PutBlob keeps the bytes read from body as the blob named by their SHA-256 and ext,
// and returns the digest and length. It is for bulk copies whose record is kept
// elsewhere (a run's input listing, itself stored with [Store.Put]): no log line is
// written and nothing is synced, so thousands of small files cost no flush each.
// Call [Store.Sync] after the last one and before recording them.
//
// The bytes are written once per distinct content: a blob that exists is kept and
// the new copy discarded. PutBlob may run on several goroutines at once.
func (s *Store) PutBlob(ext string, body io.Reader) (string, int64, error) {
	if err := checkName("blob", ext); err != nil {
		return "", 0, err
	}
	sum, n, err := writeContent(filepath.Join(s.root, BlobsDir), ext, body, false)
	if err != nil {
		return "", 0, fmt.Errorf("archive: put blob: %w", err)
	}
	return sum, n, nil
}

// Sync makes everything written to the store so far durable, blobs included: one
// flush of the file system that holds it (see sync_linux.go and sync_other.go).
func (s *Store) Sync() error {
	if err := syncFS(s.root); err != nil {
		return fmt.Errorf("archive: sync %s: %w", s.root, err)
	}
	return nil
}
