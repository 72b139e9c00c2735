package cli

import (
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"time"

	"synergy/pipeline/civil"
	"synergy/pipeline/job"
	"synergy/pipeline/publish"
	"synergy/pipeline/warehouse"
)

func runCmd(e env, args []string) int {
	fs := newFlags(e, "run", "", "Reads the sources manifest in --datasets, validates every input, writes raw Parquet,\nbuilds the SQL models, runs the data tests and publishes a new snapshot under --out,\nswitching --out/current to it only when everything passed.")
	datasets := fs.String("datasets", "datasets", "folder with sources.json and the inputs it names")
	out := fs.String("out", "out", "output root (snapshots/ and the current link)")
	strict := fs.Bool("strict", false, "fail the run if any input row is rejected")
	allowShrink := fs.Bool("allow-shrink", false, "publish even if parties, meetings or other guarded counts fell by more than 10% against the published snapshot")
	threads := fs.Int("threads", 2, "DuckDB worker threads")
	memory := fs.String("memory-limit", "4GB", "DuckDB memory limit")
	asOf := fs.String("as-of", "", "the run's date YYYY-MM-DD (default today, UTC): announced meetings after it are 'planned'")
	logFormat := fs.String("log-format", "text", "log format on stderr: text or json")
	quiet := fs.Bool("q", false, "log warnings and errors only")
	if code, ok := parse(fs, args); !ok {
		return code
	}
	if fs.NArg() > 0 {
		fmt.Fprintf(e.stderr, "synergy run: unexpected arguments %q\n", fs.Args())
		return ExitUsage
	}
	log, err := newLogger(e.stderr, *logFormat, *quiet)
	if err != nil {
		fmt.Fprintln(e.stderr, "synergy run:", err)
		return ExitUsage
	}
	day := civil.DayOf(time.Now().UTC())
	if *asOf != "" {
		if day, err = civil.ParseDay(*asOf); err != nil {
			fmt.Fprintln(e.stderr, "synergy run: --as-of:", err)
			return ExitUsage
		}
	}
	sum, err := job.Run(e.ctx, job.Config{
		DatasetsDir: *datasets, OutDir: *out, Strict: *strict, AllowShrink: *allowShrink, Threads: *threads,
		MemoryLimit: *memory, AsOf: day, Version: Version(), Logger: log,
	})
	if err != nil {
		fmt.Fprintf(e.stderr, "synergy run: %v\nThe published snapshot (if any) under %s is unchanged.\n", err, *out)
		switch {
		case errors.Is(err, job.ErrDataTests):
			return ExitDataTests
		case errors.Is(err, job.ErrRejects):
			return ExitRejects
		case errors.Is(err, job.ErrShrunk):
			return ExitShrunk
		}
		return ExitFailure
	}
	printSummary(e.stdout, sum, *out)
	return ExitOK
}

func printSummary(w io.Writer, s *job.Summary, out string) {
	var b strings.Builder
	fmt.Fprintf(&b, "synergy run: published snapshot %s\n  %s\n  (also %s)\n\n", s.Snapshot, s.SnapshotDir, filepath.Join(out, "current"))
	fmt.Fprintf(&b, "Inputs: %d files. Rejected rows: %d", len(s.Inputs), s.Rejects.Total)
	if s.Rejects.Total > 0 {
		files := make([]string, 0, len(s.Rejects.ByFile))
		for f := range s.Rejects.ByFile {
			files = append(files, f)
		}
		sort.Strings(files)
		parts := make([]string, len(files))
		for i, f := range files {
			parts[i] = fmt.Sprintf("%s: %d", f, s.Rejects.ByFile[f])
		}
		fmt.Fprintf(&b, " (%s)", strings.Join(parts, "; "))
	}
	fmt.Fprintf(&b, ". Source disagreements recorded: %d.\n", s.Discrepancies)
	failed := 0
	for _, c := range s.Checks {
		if c.FailingRows > 0 {
			failed++
		}
	}
	fmt.Fprintf(&b, "Data tests: %d run, %d failed.\n\nTables:\n", len(s.Checks), failed)
	for _, t := range s.Tables {
		fmt.Fprintf(&b, "  %-5s %-22s %7d rows\n", t.Layer, t.Name, t.Rows)
	}
	b.WriteString("\nNext: synergy query \"select * from party_counts limit 5\"   (tables by name)\n")
	b.WriteString("      synergy query \"select * from rejects\"                  (what was refused, and why)\n")
	io.WriteString(w, b.String())
}

func queryCmd(e env, args []string) int {
	fs := newFlags(e, "query", "SQL", "Runs one SQL statement against the current snapshot under --out, with every published\ntable available by name. SQL comes from the argument, or standard input when it is \"-\" or absent.")
	out := fs.String("out", "out", "output root holding the current snapshot")
	format := fs.String("format", "table", "output format: table, csv or json (JSON lines)")
	if code, ok := parse(fs, args); !ok {
		return code
	}
	query := strings.Join(fs.Args(), " ")
	if query == "" || query == "-" {
		b, err := io.ReadAll(e.stdin)
		if err != nil {
			fmt.Fprintln(e.stderr, "synergy query:", err)
			return ExitFailure
		}
		query = string(b)
	}
	if strings.TrimSpace(query) == "" {
		fs.Usage()
		return ExitUsage
	}
	if *format != "table" && *format != "csv" && *format != "json" {
		fmt.Fprintf(e.stderr, "synergy query: unknown --format %q (table, csv or json)\n", *format)
		return ExitUsage
	}
	res, err := querySnapshot(e, *out, query)
	if err != nil {
		fmt.Fprintln(e.stderr, "synergy query:", err)
		return ExitFailure
	}
	if err := writeResult(e.stdout, *format, table{columns: res.Columns, rows: res.Rows}); err != nil {
		fmt.Fprintln(e.stderr, "synergy query:", err)
		return ExitFailure
	}
	return ExitOK
}

// querySnapshot opens an in-memory DuckDB, registers the current snapshot's tables as
// views (absolute paths, so the working folder does not matter) and runs query.
func querySnapshot(e env, out, query string) (*warehouse.Result, error) {
	snap, err := publish.Current(out)
	if err != nil {
		return nil, err
	}
	data, err := os.ReadFile(filepath.Join(snap, "manifest.json"))
	if err != nil {
		return nil, fmt.Errorf("read snapshot manifest: %w", err)
	}
	var man job.Manifest
	if err := json.Unmarshal(data, &man); err != nil {
		return nil, fmt.Errorf("read snapshot manifest: %w", err)
	}
	tmp, err := os.MkdirTemp("", "synergy-query-")
	if err != nil {
		return nil, err
	}
	defer os.RemoveAll(tmp)
	db, err := warehouse.Open(e.ctx, warehouse.Options{TempDir: tmp})
	if err != nil {
		return nil, err
	}
	defer db.Close()
	for _, t := range man.Tables {
		path := strings.ReplaceAll(filepath.Join(snap, filepath.FromSlash(t.Path)), "'", "''")
		if err := db.Exec(e.ctx, fmt.Sprintf("create view %s as select * from read_parquet('%s')", t.Name, path)); err != nil {
			return nil, fmt.Errorf("register %s: %w", t.Name, err)
		}
	}
	return db.Query(e.ctx, query)
}

func versionCmd(e env, args []string) int {
	fs := newFlags(e, "version", "", "Prints synergy's version and the embedded DuckDB's.")
	if code, ok := parse(fs, args); !ok {
		return code
	}
	tmp, err := os.MkdirTemp("", "synergy-version-")
	if err != nil {
		fmt.Fprintln(e.stderr, "synergy version:", err)
		return ExitFailure
	}
	defer os.RemoveAll(tmp)
	db, err := warehouse.Open(e.ctx, warehouse.Options{TempDir: tmp})
	if err != nil {
		fmt.Fprintln(e.stderr, "synergy version:", err)
		return ExitFailure
	}
	defer db.Close()
	v, err := db.Version(e.ctx)
	if err != nil {
		fmt.Fprintln(e.stderr, "synergy version:", err)
		return ExitFailure
	}
	fmt.Fprintf(e.stdout, "synergy %s\nduckdb %s\n", Version(), v)
	return ExitOK
}
