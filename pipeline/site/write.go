package site

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
)

// Write writes the site into dir atomically: it builds the folder beside dir and
// switches dir, a symbolic link, to it with one rename. dir may not exist yet; an
// existing real folder is replaced (moved aside first: for that one switch a
// reader may briefly find no dir). The folder dir pointed to before is removed.
func Write(dir string, s *Site) error {
	files, err := s.files()
	if err != nil {
		return err
	}
	dir = filepath.Clean(dir)
	parent, base := filepath.Dir(dir), filepath.Base(dir)
	if err := os.MkdirAll(parent, 0o755); err != nil {
		return err
	}
	build, err := os.MkdirTemp(parent, "."+base+"-"+safeName(s.Manifest.Snapshot)+"-")
	if err != nil {
		return err
	}
	if err := os.Chmod(build, 0o755); err != nil {
		os.RemoveAll(build)
		return err
	}
	if err := writeFiles(build, files); err != nil {
		os.RemoveAll(build)
		return fmt.Errorf("write site: %w", err)
	}
	old, err := switchTo(dir, build)
	if err != nil {
		os.RemoveAll(build)
		return err
	}
	if old != "" {
		return os.RemoveAll(old)
	}
	return nil
}

// switchTo makes dir a link to build and returns the folder dir held before, to
// remove ("" when none).
func switchTo(dir, build string) (old string, err error) {
	parent, base := filepath.Dir(dir), filepath.Base(dir)
	fi, err := os.Lstat(dir)
	switch {
	case errors.Is(err, fs.ErrNotExist):
	case err != nil:
		return "", err
	case fi.Mode()&fs.ModeSymlink != 0:
		target, err := os.Readlink(dir)
		if err != nil {
			return "", err
		}
		if t := filepath.Base(target); strings.HasPrefix(t, "."+base+"-") && filepath.Dir(target) == "." {
			old = filepath.Join(parent, t)
		}
	case fi.IsDir():
		if !replaceable(dir) {
			return "", fmt.Errorf("%s: %w: a folder that is neither empty nor holds %s", dir, ErrNotSite, MarkerFile)
		}
		old, err = os.MkdirTemp(parent, "."+base+"-replaced-")
		if err != nil {
			return "", err
		}
		os.Remove(old)
		if err := os.Rename(dir, old); err != nil {
			return "", err
		}
	default:
		return "", fmt.Errorf("%s: %w", dir, ErrNotSite)
	}
	link := filepath.Join(parent, "."+base+".link-"+filepath.Base(build))
	if err := os.Symlink(filepath.Base(build), link); err != nil {
		return "", err
	}
	if err := os.Rename(link, dir); err != nil {
		os.Remove(link)
		return "", err
	}
	return old, nil
}

// MarkerFile marks a folder as a site this package wrote: only such a folder, or
// an empty one, is replaced.
const MarkerFile = ".synergy-site"

func replaceable(dir string) bool {
	entries, err := os.ReadDir(dir)
	if err != nil {
		return false
	}
	if len(entries) == 0 {
		return true
	}
	_, err = os.Stat(filepath.Join(dir, MarkerFile))
	return err == nil
}
