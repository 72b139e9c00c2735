package pipeline

import (
	"encoding/json"
	"go/ast"
	"go/parser"
	"go/token"
	"os/exec"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"
)

// goPackage is what `go list -json` says of one package of the module.
type goPackage struct {
	ImportPath string
	Dir        string
	GoFiles    []string
	Imports    []string
	Deps       []string
}

func listModule(t *testing.T) []goPackage {
	t.Helper()
	out, err := exec.Command("go", "list", "-json", "synergy/...").Output()
	if err != nil {
		t.Fatalf("go list: %v", err)
	}
	var pkgs []goPackage
	dec := json.NewDecoder(strings.NewReader(string(out)))
	for dec.More() {
		var p goPackage
		if err := dec.Decode(&p); err != nil {
			t.Fatal(err)
		}
		pkgs = append(pkgs, p)
	}
	if len(pkgs) < 20 {
		t.Fatalf("go list found %d packages", len(pkgs))
	}
	return pkgs
}

const driver = "github.com/duckdb/duckdb-go/v2"

// TestRulesOfTheHouse checks the rules docs/architecture.md states.
func TestRulesOfTheHouse(t *testing.T) {
	// The packages that may link DuckDB: its one owner, and the run and the
	// command line, which open it through the owner.
	linksDuckDB := []string{"synergy/pipeline/warehouse", "synergy/pipeline/job", "synergy/pipeline/cli",
		"synergy/cmd/synergy", "synergy/scripts/baseline"}
	for _, p := range listModule(t) {
		if slices.Contains(p.Imports, driver) && p.ImportPath != "synergy/pipeline/warehouse" {
			t.Errorf("%s imports the DuckDB driver; only pipeline/warehouse may", p.ImportPath)
		}
		if slices.Contains(p.Deps, driver) && !slices.Contains(linksDuckDB, p.ImportPath) {
			t.Errorf("%s links DuckDB (through %v); it must build without cgo", p.ImportPath, importsOf(p, "synergy/pipeline/warehouse"))
		}
		if strings.HasPrefix(p.ImportPath, "synergy/pipeline/") {
			for _, d := range p.Deps {
				if strings.HasPrefix(d, "synergy/cmd/") {
					t.Errorf("%s imports %s: nothing under pipeline/ imports cmd/", p.ImportPath, d)
				}
			}
		}
		switch p.ImportPath {
		case "synergy/pipeline/report", "synergy/pipeline/notebook", "synergy/pipeline/calendar":
			if slices.Contains(p.Deps, "synergy/pipeline/job") {
				t.Errorf("%s depends on the run (pipeline/job); it reads only the published snapshot", p.ImportPath)
			}
		case "synergy/pipeline/cli":
			checkOnlyRunImportsJob(t, p)
		}
		if p.ImportPath != "synergy/pipeline/snapshot" {
			checkNoManifestParsing(t, p)
		}
	}
}

func importsOf(p goPackage, path string) []string {
	if slices.Contains(p.Imports, path) {
		return []string{path}
	}
	return p.Imports
}

// checkOnlyRunImportsJob: of the command line's files, only the run command's
// imports the run; every other command reads through package snapshot.
func checkOnlyRunImportsJob(t *testing.T, p goPackage) {
	t.Helper()
	for _, name := range p.GoFiles {
		f, err := parser.ParseFile(token.NewFileSet(), filepath.Join(p.Dir, name), nil, parser.ImportsOnly)
		if err != nil {
			t.Fatal(err)
		}
		for _, imp := range f.Imports {
			if path, _ := strconv.Unquote(imp.Path.Value); path == "synergy/pipeline/job" && name != "run.go" {
				t.Errorf("pipeline/cli/%s imports pipeline/job; only run.go may", name)
			}
		}
	}
}

// checkNoManifestParsing: the snapshot's manifest is named, and so read, only by
// package snapshot (its one parser). Sentences that mention the file are fine.
func checkNoManifestParsing(t *testing.T, p goPackage) {
	t.Helper()
	for _, name := range p.GoFiles {
		fset := token.NewFileSet()
		f, err := parser.ParseFile(fset, filepath.Join(p.Dir, name), nil, 0)
		if err != nil {
			t.Fatal(err)
		}
		ast.Inspect(f, func(n ast.Node) bool {
			lit, ok := n.(*ast.BasicLit)
			if !ok || lit.Kind != token.STRING {
				return true
			}
			s, _ := strconv.Unquote(lit.Value)
			if strings.HasSuffix(s, "manifest.json") && !strings.Contains(s, " ") {
				t.Errorf("%s names the snapshot manifest %q; read it with snapshot.Open or snapshot.ReadManifest",
					fset.Position(lit.Pos()), s)
			}
			return true
		})
	}
}
