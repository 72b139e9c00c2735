//go:build !linux

package archive

import (
	"io/fs"
	"os"
	"path/filepath"
)

// syncFS flushes every file and folder under root one by one, where syncfs(2) is not
// available: slower, the same guarantee.
func syncFS(root string) error {
	return filepath.WalkDir(root, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		f, err := os.Open(path)
		if err != nil {
			return err
		}
		err = f.Sync()
		if cerr := f.Close(); err == nil {
			err = cerr
		}
		return err
	})
}
