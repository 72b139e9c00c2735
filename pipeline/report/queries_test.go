package report

import (
	"context"
	"io/fs"
	"path"
	"strings"
	"testing"
	"testing/fstest"

	"synergy/pipeline/tabular"
)

// TestQueryFilesHaveOneSection checks that every embedded .sql file is listed by
// exactly one section of Build or BuildState (allSections), the one its name
// starts with, that every query a section lists has its file, and that each file
// opens with the header comment saying what it returns.
func TestQueryFilesHaveOneSection(t *testing.T) {
	files, err := fs.Glob(queryFiles, path.Join(queryDir, "*.sql"))
	if err != nil || len(files) == 0 {
		t.Fatalf("embedded query files: %v, %v", files, err)
	}
	owners := map[string][]string{}
	for _, s := range allSections() {
		for _, q := range s.queries {
			owners[q] = append(owners[q], s.name)
		}
	}
	for _, f := range files {
		name := strings.TrimSuffix(path.Base(f), ".sql")
		t.Run(name, func(t *testing.T) {
			switch o := owners[name]; {
			case len(o) == 0:
				t.Errorf("%s is used by no section (an orphan query file)", f)
			case len(o) > 1:
				t.Errorf("%s is used by sections %v, want exactly one", f, o)
			case !strings.HasPrefix(name, o[0]+"_"):
				t.Errorf("%s belongs to section %s: name it %s_<what>.sql", f, o[0], o[0])
			}
			text, err := readQuery(queryFiles, name)
			if err != nil {
				t.Fatal(err)
			}
			if !strings.HasPrefix(text, "-- "+name+": ") {
				t.Errorf("%s does not open with the header comment %q", f, "-- "+name+": what it returns")
			}
		})
		delete(owners, name)
	}
	for q, o := range owners {
		t.Errorf("section %v lists query %s, which has no file under %s/", o, q, queryDir)
	}
}

// empty is a Querier that returns no rows.
type empty struct{}

func (empty) Query(context.Context, string, ...any) (*tabular.Result, error) {
	return &tabular.Result{}, nil
}

func TestQueryOwnership(t *testing.T) {
	fsys := fstest.MapFS{"queries/rec9_pairs.sql": {Data: []byte("-- rec9_pairs: test\nselect 1")}}
	b := &builder{ctx: t.Context(), q: empty{}, queries: fsys}
	b.section = section{name: "rec9", queries: []string{"rec9_pairs", "rec9_missing"}}
	if _, err := b.query("rec9_pairs"); err != nil {
		t.Errorf("own query: %v", err)
	}
	if _, err := b.query("rec9_missing"); err == nil || !strings.Contains(err.Error(), "query rec9_missing") {
		t.Errorf("missing file: err = %v, want a QueryError naming rec9_missing", err)
	}
	b.section = section{name: "front"}
	defer func() {
		if r := recover(); r == nil || !strings.Contains(r.(string), "front reads query rec9_pairs") {
			t.Errorf("recover() = %v, want a panic naming the section and the query", r)
		}
	}()
	b.query("rec9_pairs")
}
