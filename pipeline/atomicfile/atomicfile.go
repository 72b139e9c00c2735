// Package atomicfile writes a file so that a reader sees either the old content
// or the new, never half of it.
package atomicfile

import (
	"errors"
	"os"
	"path/filepath"
)

// Write replaces path with data (mode 0644) through a temporary file in the same
// folder, renamed over path once written and closed; on any error the temporary
// file is removed and path is left as it was.
func Write(path string, data []byte) error {
	f, err := os.CreateTemp(filepath.Dir(path), "."+filepath.Base(path)+".tmp-")
	if err != nil {
		return err
	}
	_, werr := f.Write(data)
	if err := errors.Join(werr, f.Close(), os.Chmod(f.Name(), 0o644)); err != nil {
		os.Remove(f.Name())
		return err
	}
	if err := os.Rename(f.Name(), path); err != nil {
		os.Remove(f.Name())
		return err
	}
	return nil
}
