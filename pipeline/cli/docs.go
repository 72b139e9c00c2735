package cli

import (
	"bytes"
	"fmt"
	"os"
	"strings"

	"synergy/pipeline/atomicfile"
	"synergy/pipeline/docsgen"
	"synergy/pipeline/tabular"
)

// docsCmd is `synergy docs`: its flags and wiring; package docsgen reads and
// rewrites the marked figures.
func docsCmd(e env, args []string) int {
	fs := newFlags(e, "docs", "FILE...", "Rewrites every figure marked in the Markdown FILEs (<!-- synergy:query … --> blocks and\n"+
		"<!-- synergy:value … --> values, see package docsgen) with what its query returns on the current\n"+
		"snapshot under --out, in the format `synergy query` prints. With --check nothing is written:\n"+
		"each figure that differs is printed with its file, line and name, and the exit code is 1.\n"+
		"The snapshot's tables are available by name, and snapshot_tables(name, layer, rows) lists them.")
	out := outFlag(fs)
	check := fs.Bool("check", false, "write nothing; fail, printing the differences, when a figure differs from the data")
	queries := fs.String("queries", "docs/figures.sql", "the named queries of blocks and values without their own ```sql fence")
	asOf := fs.String("as-of", "", "refuse a snapshot whose as-of date is not this one (YYYY-MM-DD), so figures come from the documented run")
	if code, ok := parse(fs, args); !ok {
		return code
	}
	if fs.NArg() == 0 {
		fs.Usage()
		return ExitUsage
	}
	changes, snapID, err := fillDocs(e, *out, *queries, *asOf, fs.Args(), !*check)
	if err != nil {
		fmt.Fprintln(e.stderr, "synergy docs:", err)
		return ExitFailure
	}
	var b strings.Builder
	for _, c := range changes {
		if *check {
			b.WriteString(c.String())
		}
	}
	switch {
	case *check && len(changes) > 0:
		fmt.Fprintf(&b, "synergy docs: %d figures differ from snapshot %s; `make docs` rewrites them\n", len(changes), snapID)
		fmt.Fprint(e.stderr, b.String())
		return ExitFailure
	case *check:
		fmt.Fprintf(e.stdout, "synergy docs: every figure of %d files agrees with snapshot %s\n", fs.NArg(), snapID)
	default:
		fmt.Fprintf(e.stdout, "synergy docs: %d figures rewritten from snapshot %s\n", len(changes), snapID)
	}
	return ExitOK
}

// fillDocs fills every marked figure of files from the snapshot under out and
// returns those that changed; with write, the files that changed are rewritten.
func fillDocs(e env, out, queriesFile, asOf string, files []string, write bool) ([]docsgen.Change, string, error) {
	qs, docs, err := readDocs(queriesFile, files)
	if err != nil {
		return nil, "", err
	}
	s, err := openSnapshot(e, out)
	if err != nil {
		return nil, "", err
	}
	defer s.Close()
	if asOf != "" && s.Manifest.AsOf != asOf {
		return nil, "", fmt.Errorf("snapshot %s is as of %s, not %s: run `synergy run --as-of %s` first", s.Manifest.Snapshot, s.Manifest.AsOf, asOf, asOf)
	}
	if err := s.db.Exec(e.ctx, snapshotTablesSQL(s)); err != nil {
		return nil, "", fmt.Errorf("list the snapshot's tables: %w", err)
	}
	r := docsgen.Renderer{Cell: cell, Table: func(res *tabular.Result) string {
		var b bytes.Buffer
		writeTable(&b, table{columns: res.Columns, rows: res.Rows}) // a bytes.Buffer does not fail
		return b.String()
	}}
	var all []docsgen.Change
	for _, d := range docs {
		changes, err := d.Fill(e.ctx, s.db, qs, r)
		if err != nil {
			return nil, "", err
		}
		all = append(all, changes...)
		if write && len(changes) > 0 {
			if err := atomicfile.Write(d.File, d.Bytes()); err != nil {
				return nil, "", err
			}
		}
	}
	return all, s.Manifest.Snapshot, nil
}

// readDocs parses the queries file and the documents, and refuses a named query
// that no document uses (a figure removed from the docs but not from the queries).
func readDocs(queriesFile string, files []string) (docsgen.Queries, []*docsgen.Doc, error) {
	f, err := os.Open(queriesFile)
	if err != nil {
		return nil, nil, err
	}
	defer f.Close()
	qs, err := docsgen.ParseQueries(queriesFile, f)
	if err != nil {
		return nil, nil, err
	}
	var docs []*docsgen.Doc
	for _, name := range files {
		src, err := os.ReadFile(name)
		if err != nil {
			return nil, nil, err
		}
		d, err := docsgen.Parse(name, src)
		if err != nil {
			return nil, nil, err
		}
		docs = append(docs, d)
	}
	if unused := qs.Unused(docs); len(unused) > 0 {
		return nil, nil, fmt.Errorf("%s: %w: %s", queriesFile, docsgen.ErrUnused, strings.Join(unused, ", "))
	}
	return qs, docs, nil
}

// snapshotTablesSQL creates snapshot_tables, the manifest's list of tables, so a
// document can count them.
func snapshotTablesSQL(s *snapshotDB) string {
	var b strings.Builder
	// One statement: the snapshot's database runs one per call.
	b.WriteString("create temp table snapshot_tables as select * from (values ")
	for i, t := range s.Manifest.Tables {
		if i > 0 {
			b.WriteString(", ")
		}
		fmt.Fprintf(&b, "('%s', '%s', %d::bigint)",
			strings.ReplaceAll(t.Name, "'", "''"), strings.ReplaceAll(t.Layer, "'", "''"), t.Rows)
	}
	b.WriteString(") as t(name, layer, rows)")
	return b.String()
}
