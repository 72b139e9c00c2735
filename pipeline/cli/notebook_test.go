package cli

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"synergy/pipeline/notebook"
)

// The shipped notebooks, relative to this package.
const notebooksDir = "../../notebooks"

// runNotebook runs `synergy notebook ARGS` (through notebookCmd, so the test does
// not depend on the command's registration).
func runNotebook(t *testing.T, args ...string) result {
	t.Helper()
	var out, errb bytes.Buffer
	e := env{ctx: t.Context(), stdin: strings.NewReader(""), stdout: &out, stderr: &errb}
	code := notebookCmd(e, args)
	return result{code, out.String(), errb.String()}
}

func readExecuted(t *testing.T, path string) *notebook.Notebook {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	nb, err := notebook.Parse(bytes.NewReader(data))
	if err != nil {
		t.Fatalf("%s: %v", path, err)
	}
	return nb
}

// cellText is a cell's outputs as text: text/plain, and ename/evalue of errors.
func cellText(c *notebook.Cell) string {
	var b strings.Builder
	for _, o := range c.Outputs {
		if data, ok := o["data"].(map[string]any); ok {
			b.WriteString(cellString(data["text/plain"]))
		}
		if o["output_type"] == "error" {
			b.WriteString(cellString(o["ename"]) + ": " + cellString(o["evalue"]))
		}
	}
	return b.String()
}

func cellString(v any) string {
	switch x := v.(type) {
	case string:
		return x
	case []any:
		var b strings.Builder
		for _, e := range x {
			s, _ := e.(string)
			b.WriteString(s)
		}
		return b.String()
	}
	return ""
}

func TestNotebookRunExecutesShippedNotebooks(t *testing.T) {
	out := publishOnce(t)
	man := readManifest(t, out)
	dest := t.TempDir()

	r := runNotebook(t, "run", "--out", out, "--output-dir", dest, notebooksDir)
	if r.code != ExitOK {
		t.Fatalf("exit %d\nstdout:\n%s\nstderr:\n%s", r.code, r.stdout, r.stderr)
	}
	shipped, _ := filepath.Glob(filepath.Join(notebooksDir, "*.ipynb"))
	if len(shipped) < 4 {
		t.Fatalf("shipped notebooks: %v", shipped)
	}
	byID := map[string]*notebook.Cell{}
	for _, p := range shipped {
		nb := readExecuted(t, filepath.Join(dest, filepath.Base(p)))
		if err := nb.Validate(); err != nil {
			t.Errorf("%s: %v", p, err)
		}
		meta, _ := nb.Metadata["synergy"].(map[string]any)
		if meta["snapshot"] != man.Snapshot {
			t.Errorf("%s: metadata synergy = %v, want snapshot %s", p, meta, man.Snapshot)
		}
		sqlCells := 0
		for i, c := range nb.Cells {
			if c.Type != notebook.Code {
				continue
			}
			if _, _, ok := notebook.SQLCell(c.Source); !ok {
				if m, _ := c.Metadata["synergy"].(map[string]any); m["skipped"] == nil || len(c.Outputs) != 0 {
					t.Errorf("%s cell %d (%s): a non-%%%%sql cell should be skipped and marked, got metadata %v", p, i, c.ID, c.Metadata)
				}
				continue
			}
			sqlCells++
			byID[filepath.Base(p)+"/"+c.ID] = c
			if c.ExecutionCount == nil || *c.ExecutionCount != sqlCells || len(c.Outputs) != 1 ||
				c.Outputs[0]["output_type"] != "execute_result" {
				t.Errorf("%s cell %d (%s): execution_count %v, outputs %v", p, i, c.ID, c.ExecutionCount, c.Outputs)
			}
		}
		if sqlCells == 0 {
			t.Errorf("%s has no %%%%sql cell", p)
		}
	}

	// Numbers the notebooks must show, with their sources (as in cli_test.go).
	want := []struct{ cell, re, source string }{
		{"01-membership-over-time.ipynb/any-day", `\| APMBC\s+\|\s+165 \|`,
			"APMBC parties March 2025: 165 (datasets/membership/SOURCES.md)"},
		{"01-membership-over-time.ipynb/latest", `\| APMBC\s+\| 2026-12-31 \|\s+161 \|\s+161 \|\s+5 \|`,
			"APMBC end 2026: 166 consenting states less five withdrawals"},
		{"01-membership-over-time.ipynb/withdrawals", `\| CCM\s+\| LTU\s+\| Lithuania .*\| 2025-03-06 `,
			"UNTC XXVI-6: Lithuania's CCM withdrawal took effect 6 March 2025"},
		{"04-data-quality.ipynb/rejects", `\| membership/crpd.csv\s+\|\s+62 \| state_name `,
			"the European Union's CRPD row, line 62"},
	}
	for _, w := range want {
		c := byID[w.cell]
		if c == nil {
			t.Errorf("no executed cell %s", w.cell)
			continue
		}
		if !regexp.MustCompile(w.re).MatchString(cellText(c)) {
			t.Errorf("%s does not show %s (%s):\n%s", w.cell, w.re, w.source, cellText(c))
		}
	}

	// Running again gives identical files: nothing depends on the clock.
	again := t.TempDir()
	if r := runNotebook(t, "run", "--out", out, "--output-dir", again, notebooksDir); r.code != ExitOK {
		t.Fatalf("second run: exit %d\n%s", r.code, r.stderr)
	}
	for _, p := range shipped {
		a, _ := os.ReadFile(filepath.Join(dest, filepath.Base(p)))
		b, _ := os.ReadFile(filepath.Join(again, filepath.Base(p)))
		if !bytes.Equal(a, b) {
			t.Errorf("%s: two runs on one snapshot differ", filepath.Base(p))
		}
	}
}

// The shipped notebooks are nbformat 4.5 with ids, stored without outputs, and their
// SQL stays clear of what jupysql or ipython-sql would rewrite: {{ }} templates and
// :name bind parameters (a :: cast is fine).
func TestShippedNotebooksAreClean(t *testing.T) {
	shipped, _ := filepath.Glob(filepath.Join(notebooksDir, "*.ipynb"))
	bind := regexp.MustCompile(`(^|[^:\w]):[A-Za-z_]`)
	for _, p := range shipped {
		data, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		nb, err := notebook.Parse(bytes.NewReader(data))
		if err != nil {
			t.Fatalf("%s: %v", p, err)
		}
		if err := nb.Validate(); err != nil {
			t.Errorf("%s: %v", p, err)
		}
		var canon bytes.Buffer
		nb.Encode(&canon)
		if !bytes.Equal(canon.Bytes(), data) {
			t.Errorf("%s is not in nbformat's on-disk form (keys sorted, indent 1)", p)
		}
		if _, ok := nb.Metadata["synergy"]; ok {
			t.Errorf("%s: committed with run metadata; ship notebooks unexecuted", p)
		}
		for _, c := range nb.Cells {
			if c.Type != notebook.Code {
				continue
			}
			if c.ExecutionCount != nil || len(c.Outputs) > 0 {
				t.Errorf("%s cell %s: committed with outputs", p, c.ID)
			}
			_, body, ok := notebook.SQLCell(c.Source)
			if !ok {
				continue
			}
			if n := len(notebook.Statements(body)); n != 1 {
				t.Errorf("%s cell %s: %d statements, want 1", p, c.ID, n)
			}
			if strings.Contains(body, "{{") || strings.Contains(body, "{%") || bind.MatchString(body) {
				t.Errorf("%s cell %s: jupysql/ipython-sql would rewrite this SQL:\n%s", p, c.ID, body)
			}
		}
	}
}

func TestNotebookRunFailures(t *testing.T) {
	out := publishOnce(t)
	dir := t.TempDir()
	bad := filepath.Join(dir, "bad.ipynb")
	os.WriteFile(bad, []byte(`{"nbformat": 4, "nbformat_minor": 5, "metadata": {}, "cells": [
		{"id": "ok", "cell_type": "code", "source": "%%sql\nselect count(*) as n from meetings", "metadata": {}, "outputs": [], "execution_count": null},
		{"id": "typo", "cell_type": "code", "source": "%%sql\nselect * from meeting_pair", "metadata": {}, "outputs": [], "execution_count": null},
		{"id": "later", "cell_type": "code", "source": "%%sql\nselect 1", "metadata": {}, "outputs": [], "execution_count": null}]}`), 0o644)
	broken := filepath.Join(dir, "broken.ipynb")
	os.WriteFile(broken, []byte("{\n \"cells\": [\n"), 0o644)

	dest := t.TempDir()
	r := runNotebook(t, "run", "--out", out, "--output-dir", dest, bad, broken)
	if r.code != ExitFailure {
		t.Fatalf("exit %d, want %d\n%s", r.code, ExitFailure, r.stderr)
	}
	for _, want := range []string{
		bad + `: cell 1 (id "typo"), In [2]: CatalogError: Catalog Error: Table with name meeting_pair does not exist!`,
		broken + ": notebook: line 3, column 1: not a JSON notebook",
		"2 of 2 notebooks failed",
	} {
		if !strings.Contains(r.stderr, want) {
			t.Errorf("stderr lacks %q:\n%s", want, r.stderr)
		}
	}
	// The failing notebook is written, with the error output, as papermill does.
	nb := readExecuted(t, filepath.Join(dest, "bad.ipynb"))
	if o := nb.Cells[1].Outputs; len(o) != 1 || o[0]["output_type"] != "error" || o[0]["ename"] != "CatalogError" {
		t.Errorf("failing cell outputs: %v", o)
	}
	if c := nb.Cells[2]; c.ExecutionCount != nil || len(c.Outputs) != 0 {
		t.Errorf("cell after the failure was run: %v", c.Outputs)
	}
	meta, _ := json.Marshal(nb.Metadata["synergy"])
	if !strings.Contains(string(meta), `"failed_cells":["typo"]`) {
		t.Errorf("metadata synergy = %s", meta)
	}

	// --in-place rewrites the input.
	inPlace := filepath.Join(dir, "in-place.ipynb")
	os.WriteFile(inPlace, []byte(`{"nbformat": 4, "nbformat_minor": 5, "metadata": {}, "cells": [
		{"id": "n", "cell_type": "code", "source": "%%sql\nselect count(*) as meetings from meetings", "metadata": {}, "outputs": [], "execution_count": null}]}`), 0o644)
	if r := runNotebook(t, "run", "--out", out, "--in-place", inPlace); r.code != ExitOK {
		t.Fatalf("--in-place: exit %d\n%s", r.code, r.stderr)
	}
	if got := cellText(readExecuted(t, inPlace).Cells[0]); !strings.Contains(got, "| meetings |") {
		t.Errorf("--in-place output: %q", got)
	}

	usage := []struct {
		name string
		args []string
		code int
		msg  string
	}{
		{"no subcommand", nil, ExitUsage, "Usage: synergy notebook run"},
		{"unknown subcommand", []string{"exec"}, ExitUsage, `unknown subcommand "exec"`},
		{"in-place and output-dir", []string{"run", "--in-place", "--output-dir", dest, bad}, ExitUsage, "exclude each other"},
		{"missing notebook", []string{"run", "--out", out, filepath.Join(dir, "nope.ipynb")}, ExitUsage, "nope.ipynb"},
		{"no snapshot", []string{"run", "--out", t.TempDir(), "--output-dir", dest, bad}, ExitFailure, "no published snapshot"},
	}
	for _, u := range usage {
		t.Run(u.name, func(t *testing.T) {
			r := runNotebook(t, u.args...)
			if r.code != u.code || !strings.Contains(r.stderr, u.msg) {
				t.Errorf("exit %d, stderr %q; want %d mentioning %q", r.code, r.stderr, u.code, u.msg)
			}
		})
	}
	t.Run("same output name", func(t *testing.T) {
		other := filepath.Join(t.TempDir(), "bad.ipynb")
		os.WriteFile(other, []byte("{}"), 0o644)
		r := runNotebook(t, "run", "--out", out, "--output-dir", dest, bad, other)
		if r.code != ExitUsage || !strings.Contains(r.stderr, "would both be written to") {
			t.Errorf("exit %d, stderr %q", r.code, r.stderr)
		}
	})
}
