package archive

import (
	"os"

	"golang.org/x/sys/unix"
)

// syncFS flushes the file system holding root with syncfs(2): data and metadata of
// every file and folder on it, which covers blobs written since the last flush.
func syncFS(root string) error {
	f, err := os.Open(root)
	if err != nil {
		return err
	}
	defer f.Close()
	return unix.Syncfs(int(f.Fd()))
}
