package notebook_test

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"synergy/pipeline/notebook"
)

// FuzzParse: no input makes Parse panic, and whatever it accepts encodes to a
// canonical form that parses again to the same bytes.
func FuzzParse(f *testing.F) {
	paths, _ := filepath.Glob(filepath.Join("testdata", "*", "*.ipynb"))
	for _, p := range paths {
		data, err := os.ReadFile(p)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(data)
	}
	f.Add([]byte(jupyterSaved))
	f.Add([]byte(`{"nbformat": 4, "nbformat_minor": 5, "metadata": {}, "cells": [{"cell_type": "code", "source": "%%sql\nselect 1"}]}`))
	f.Add([]byte(`{"nbformat": 4.0, "cells": null}`))
	f.Fuzz(func(t *testing.T, data []byte) {
		nb, err := notebook.Parse(bytes.NewReader(data))
		if err != nil {
			return
		}
		nb.Validate()
		var once bytes.Buffer
		if err := nb.Encode(&once); err != nil {
			t.Fatalf("Encode: %v", err)
		}
		again, err := notebook.Parse(bytes.NewReader(once.Bytes()))
		if err != nil {
			t.Fatalf("re-parse of the encoding: %v\n%s", err, once.String())
		}
		var twice bytes.Buffer
		again.Encode(&twice)
		if !bytes.Equal(once.Bytes(), twice.Bytes()) {
			t.Fatalf("encoding is not stable:\n%s\nvs\n%s", once.String(), twice.String())
		}
	})
}

// FuzzStatements: splitting never panics, and every statement is non-empty
// and trimmed.
func FuzzStatements(f *testing.F) {
	for _, s := range []string{"select 1; select 2", "select 'a;''b'", "$t$;$t$", "E'\\';'", "/* ; */ -- ;\n", `"a;""b"`} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, sql string) {
		for _, s := range notebook.Statements(sql) {
			if s == "" || s != strings.TrimSpace(s) {
				t.Fatalf("Statements(%q) gave %q", sql, s)
			}
		}
	})
}
