package report

import (
	"io/fs"
	"path"
	"strings"
)

// QueryTexts returns the text of every embedded query file by query name, for the
// test that checks each one is run.
func QueryTexts() (map[string]string, error) {
	names, err := fs.Glob(queryFiles, path.Join(queryDir, "*.sql"))
	if err != nil {
		return nil, err
	}
	out := map[string]string{}
	for _, n := range names {
		name := strings.TrimSuffix(path.Base(n), ".sql")
		if out[name], err = readQuery(queryFiles, name); err != nil {
			return nil, err
		}
	}
	return out, nil
}
