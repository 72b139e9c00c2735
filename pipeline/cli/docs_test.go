package cli

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// copyDocs copies the marked documents and the queries file into a temporary
// folder, keeping their relative paths, and returns it.
func copyDocs(t *testing.T) string {
	t.Helper()
	dir := t.TempDir()
	for _, name := range docsFiles(t, "../..") {
		src := must(os.ReadFile(filepath.Join("../..", name)))
		dst := filepath.Join(dir, name)
		if err := os.MkdirAll(filepath.Dir(dst), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(dst, src, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

// docsFiles lists what `make docs` reads, relative to root: the queries file and
// the documents (Makefile's DOCS_FILES).
func docsFiles(t *testing.T, root string) []string {
	t.Helper()
	docs, err := filepath.Glob(filepath.Join(root, "docs", "*.md"))
	if err != nil || len(docs) == 0 {
		t.Fatalf("docs/*.md: %v", err)
	}
	files := []string{"docs/figures.sql", "README.md", "datasets/README.md"}
	for _, d := range docs {
		rel, err := filepath.Rel(root, d)
		if err != nil {
			t.Fatal(err)
		}
		files = append(files, filepath.ToSlash(rel))
	}
	return files
}

// docsArgs is `synergy docs` on the copies in dir, as make docs-check runs it.
func docsArgs(t *testing.T, out, dir string, check bool) []string {
	args := []string{"docs", "--out", out, "--as-of", asOf, "--queries", filepath.Join(dir, "docs/figures.sql")}
	if check {
		args = append(args, "--check")
	}
	for _, f := range docsFiles(t, dir)[1:] {
		args = append(args, filepath.Join(dir, f))
	}
	return args
}

// TestDocsCheck: the figures the docs quote agree with the shipped data; editing
// one, a value or a line of a query's output, fails the check with the file, the
// line and the block's name, and writing restores the docs byte for byte.
func TestDocsCheck(t *testing.T) {
	out := publishOnce(t)
	dir := copyDocs(t)
	if r := run(t, "", docsArgs(t, out, dir, true)...); r.code != ExitOK {
		t.Fatalf("docs --check on the docs as committed: exit %d (run `make docs` after changing the data)\n%s", r.code, r.stderr)
	}

	metrics := filepath.Join(dir, "docs/metrics.md")
	queries := filepath.Join(dir, "docs/queries.md")
	origMetrics, origQueries := string(must(os.ReadFile(metrics))), string(must(os.ReadFile(queries)))
	edit(t, metrics, "<!-- synergy:value name=meetings-total -->", "9999")
	edit(t, queries, "<!-- synergy:query name=year-coherence -->", "")

	r := run(t, "", docsArgs(t, out, dir, true)...)
	if r.code != ExitFailure {
		t.Fatalf("docs --check after editing two figures: exit %d, want %d\n%s", r.code, ExitFailure, r.stderr)
	}
	for _, want := range []string{
		"metrics.md:", `value meetings-total: the doc says "9999"`,
		"queries.md:", "query year-coherence (-doc +data):", "\n-9999",
		"2 figures differ",
	} {
		if !strings.Contains(r.stderr, want) {
			t.Errorf("docs --check output lacks %q:\n%s", want, r.stderr)
		}
	}

	if r := run(t, "", docsArgs(t, out, dir, false)...); r.code != ExitOK || !strings.Contains(r.stdout, "2 figures rewritten") {
		t.Fatalf("docs: exit %d\n%s%s", r.code, r.stdout, r.stderr)
	}
	if got := string(must(os.ReadFile(metrics))); got != origMetrics {
		t.Error("docs did not restore docs/metrics.md byte for byte")
	}
	if got := string(must(os.ReadFile(queries))); got != origQueries {
		t.Error("docs did not restore docs/queries.md byte for byte")
	}
}

// edit replaces the first line of the figure after marker in file with text, or for
// a block (text ""), the first line of its output table that holds a digit with
// "9999" (the line's other cells are dropped).
func edit(t *testing.T, file, marker, text string) {
	t.Helper()
	src := string(must(os.ReadFile(file)))
	i := strings.Index(src, marker)
	if i < 0 {
		t.Fatalf("%s has no %s", file, marker)
	}
	i += len(marker)
	if text != "" {
		j := strings.Index(src[i:], "<!--")
		src = src[:i] + text + src[i+j:]
	} else {
		// the first output row: after the "---" rule of the block's text table
		j := i + strings.Index(src[i:], "\n---")
		j += 1 + strings.Index(src[j+1:], "\n") + 1
		k := j + strings.Index(src[j:], "\n")
		src = src[:j] + "9999" + src[k:]
	}
	if err := os.WriteFile(file, []byte(src), 0o644); err != nil {
		t.Fatal(err)
	}
}

// TestDocsRefusesAnotherAsOf: figures come from the documented run, not from
// whatever snapshot is current.
func TestDocsRefusesAnotherAsOf(t *testing.T) {
	out := publishOnce(t)
	dir := copyDocs(t)
	args := docsArgs(t, out, dir, true)
	for i, a := range args {
		if a == asOf {
			args[i] = "2020-01-01"
		}
	}
	r := run(t, "", args...)
	if r.code != ExitFailure || !strings.Contains(r.stderr, "is as of "+asOf+", not 2020-01-01") {
		t.Errorf("docs --as-of 2020-01-01 on a run as of %s: exit %d\n%s", asOf, r.code, r.stderr)
	}
}
