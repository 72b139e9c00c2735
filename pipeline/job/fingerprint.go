package job

import (
	"cmp"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"io"
	"io/fs"
	"runtime/debug"
	"slices"
	"strconv"
)

// InputSum is one input file of a run and its checksum.
type InputSum struct {
	File   string // path relative to the datasets folder, slash-separated
	SHA256 string // lower-case hex
}

// fingerprintVersion changes whenever what Fingerprint digests changes, so a new
// scheme never matches an old fingerprint.
const fingerprintVersion = "synergy-fingerprint-v1"

// Fingerprint returns the lower-case hex SHA-256 of what decides a run's tables:
// the input files and their checksums (in any order: they are sorted by file,
// then checksum), every regular file of sqlFS with its path and the SHA-256 of
// its contents (in lexical path order), the code version, and the as-of day.
// Each item is written as a quoted, newline-terminated line, so no two different
// sets of items digest the same text. Duplicate inputs count as often as they
// appear.
//
// A nil sqlFS digests no SQL. The error is one from reading sqlFS.
func Fingerprint(inputs []InputSum, codeVersion string, sqlFS fs.FS, asOf string) (string, error) {
	h := sha256.New()
	line := func(kind string, fields ...string) {
		io.WriteString(h, kind)
		for _, f := range fields {
			io.WriteString(h, " "+strconv.Quote(f))
		}
		io.WriteString(h, "\n")
	}
	line(fingerprintVersion)
	line("as_of", asOf)
	line("code", codeVersion)
	sorted := slices.Clone(inputs)
	slices.SortFunc(sorted, func(a, b InputSum) int {
		return cmp.Or(cmp.Compare(a.File, b.File), cmp.Compare(a.SHA256, b.SHA256))
	})
	for _, in := range sorted {
		line("input", in.File, in.SHA256)
	}
	if sqlFS != nil {
		// WalkDir visits entries in lexical order, so the order is fixed.
		err := fs.WalkDir(sqlFS, ".", func(path string, d fs.DirEntry, err error) error {
			if err != nil {
				return err
			}
			if !d.Type().IsRegular() {
				return nil
			}
			f, err := sqlFS.Open(path)
			if err != nil {
				return err
			}
			defer f.Close()
			fh := sha256.New()
			if _, err := io.Copy(fh, f); err != nil {
				return fmt.Errorf("read %s: %w", path, err)
			}
			line("sql", path, hex.EncodeToString(fh.Sum(nil)))
			return nil
		})
		if err != nil {
			return "", fmt.Errorf("fingerprint sql: %w", err)
		}
	}
	return hex.EncodeToString(h.Sum(nil)), nil
}

// VCSVersion returns the code version recorded in a binary's build information:
// "git:<vcs.revision> <go version>", with ok == false when bi is nil, has no
// revision, or was built from a tree with uncommitted changes (vcs.modified),
// whose revision does not identify the code. Pass the result of
// [debug.ReadBuildInfo]; builds by `go build` inside the repository carry the
// revision, `go run` and `go test` builds do not.
func VCSVersion(bi *debug.BuildInfo) (version string, ok bool) {
	if bi == nil {
		return "", false
	}
	var rev, modified string
	for _, s := range bi.Settings {
		switch s.Key {
		case "vcs.revision":
			rev = s.Value
		case "vcs.modified":
			modified = s.Value
		}
	}
	if rev == "" || modified == "true" {
		return "", false
	}
	return "git:" + rev + " " + bi.GoVersion, true
}

// ExecutableVersion returns "exe:<sha256 of r>", the code version of a binary
// without usable VCS information: r is the running executable (os.Executable),
// which the caller opens and closes.
func ExecutableVersion(r io.Reader) (string, error) {
	h := sha256.New()
	if _, err := io.Copy(h, r); err != nil {
		return "", fmt.Errorf("hash executable: %w", err)
	}
	return "exe:" + hex.EncodeToString(h.Sum(nil)), nil
}
