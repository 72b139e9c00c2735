package snapshot

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"sort"
	"strings"
)

// Problem is one way a snapshot folder differs from its manifest.
type Problem struct {
	Path   string // slash-separated, relative to the snapshot folder
	Reason string
}

func (p Problem) String() string { return p.Path + ": " + p.Reason }

// VerifyError is a snapshot that fails [Snapshot.Verify]; it matches
// [ErrVerify].
type VerifyError struct {
	Snapshot string
	Problems []Problem
}

func (e *VerifyError) Error() string {
	parts := make([]string, len(e.Problems))
	for i, p := range e.Problems {
		parts[i] = p.String()
	}
	return fmt.Sprintf("snapshot %s differs from its manifest: %s", e.Snapshot, strings.Join(parts, "; "))
}

// Unwrap returns ErrVerify.
func (e *VerifyError) Unwrap() error { return ErrVerify }

// Verify recomputes the sha256 of every table and other file the manifest lists
// and compares it with the manifest's, checks that views.sql is the one the
// manifest's tables give, and that the folder holds no other file. layers, when given,
// limits the tables hashed to those layers (a run checks the history it
// carries forward); the other checks are made either way. It returns nil or a
// [*VerifyError] listing every problem; an error reading the folder itself is
// returned as it is.
func (s *Snapshot) Verify(layers ...string) error {
	var problems []Problem
	// The digest's files are expected even when the manifest does not list them:
	// snapshots written before their sha256 was recorded have them too.
	expected := map[string]bool{ManifestFile: true, ViewsFile: true, ChangesJSONFile: true, ChangesMarkdownFile: true}
	for _, f := range s.Manifest.Files {
		if !filepath.IsLocal(filepath.FromSlash(f.Path)) {
			problems = append(problems, Problem{f.Path, "path leaves the snapshot folder"})
			continue
		}
		expected[f.Path] = true
		sum, err := fileSHA256(filepath.Join(s.Dir, filepath.FromSlash(f.Path)))
		switch {
		case err != nil:
			problems = append(problems, Problem{f.Path, err.Error()})
		case sum != f.SHA256:
			problems = append(problems, Problem{f.Path, fmt.Sprintf("sha256 %s, manifest %s", sum, f.SHA256)})
		}
	}
	for _, t := range s.Manifest.Tables {
		if !filepath.IsLocal(filepath.FromSlash(t.Path)) {
			problems = append(problems, Problem{t.Path, "path leaves the snapshot folder"})
			continue
		}
		expected[t.Path] = true
		if len(layers) > 0 && !slices.Contains(layers, t.Layer) {
			continue
		}
		sum, err := fileSHA256(s.Path(t))
		switch {
		case err != nil:
			problems = append(problems, Problem{t.Path, err.Error()})
		case sum != t.SHA256:
			problems = append(problems, Problem{t.Path, fmt.Sprintf("sha256 %s, manifest %s", sum, t.SHA256)})
		}
	}
	views, err := os.ReadFile(filepath.Join(s.Dir, ViewsFile))
	switch {
	case err != nil:
		problems = append(problems, Problem{ViewsFile, err.Error()})
	case !bytes.Equal(views, []byte(ViewsSQL(s.Manifest.Tables, ""))):
		problems = append(problems, Problem{ViewsFile, "differs from the views of the manifest's tables"})
	}
	err = filepath.WalkDir(s.Dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		rel, err := filepath.Rel(s.Dir, p)
		if err != nil {
			return err
		}
		if rel = filepath.ToSlash(rel); !expected[rel] {
			problems = append(problems, Problem{rel, "not in the manifest"})
		}
		return nil
	})
	if err != nil {
		return fmt.Errorf("verify snapshot %s: %w", s.Manifest.Snapshot, err)
	}
	if len(problems) == 0 {
		return nil
	}
	sort.SliceStable(problems, func(i, j int) bool { return problems[i].Path < problems[j].Path })
	return &VerifyError{Snapshot: s.Manifest.Snapshot, Problems: problems}
}

func fileSHA256(path string) (string, error) {
	f, err := os.Open(path)
	if err != nil {
		return "", err
	}
	defer f.Close()
	h := sha256.New()
	if _, err := io.Copy(h, f); err != nil {
		return "", err
	}
	return hex.EncodeToString(h.Sum(nil)), nil
}
