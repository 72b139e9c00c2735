// Command baseline is the hand-written comparison for scripts/bench.sh: what a
// skilled DuckDB user would do without synergy, on the project's own embedded DuckDB
// (there is no duckdb CLI on these machines).
//
//	baseline ingest -datasets DIR -work DIR -json FILE
//	    read_csv of the same CSVs (and the agenda .txt files as lines) and COPY to
//	    Parquet, one file per source, timed per source;
//	baseline marts -raw DIR -work DIR -json FILE
//	    the sql/ models run directly (macros, views, then each mart as
//	    `create table … as`, timed one by one, no data tests) on the raw Parquet files
//	    synergy wrote in DIR, then each mart COPY'd to Parquet ordered by its grain;
//	baseline explain -raw DIR -model NAME [-check]
//	    builds the models NAME depends on, then prints EXPLAIN ANALYZE of NAME's
//	    SQL (with -check: of each of its data tests, with their times);
//	baseline yardstick -raw DIR -json FILE
//	    times meeting_pairs and state_year_burden (the models beyond their common
//	    inputs) against independent hand-written queries (yardstick/*.sql) on the
//	    same inputs, and counts the rows where the two disagree;
//	baseline report -dir RESULTS -doc docs/performance.md -svg FILE
//	    turns bench.sh's results into the table of docs/performance.md (between the
//	    bench markers) and the scaling chart.
//
// Both measuring modes open DuckDB as synergy does (threads 2, memory_limit 4GB,
// extensions never downloaded).
package main

import (
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"sort"
	"strings"
	"time"

	"synergy/pipeline/models"
	"synergy/pipeline/warehouse"
	sqlmodels "synergy/sql"
)

// Timing is one timed step.
type Timing struct {
	Name  string  `json:"name"`
	MS    float64 `json:"ms"`
	Rows  int64   `json:"rows"`
	Files int     `json:"files,omitempty"`
	Bytes int64   `json:"bytes,omitempty"`
	Error string  `json:"error,omitempty"` // ms = -3: the mart failed
}

func main() {
	if len(os.Args) < 2 {
		fmt.Fprintln(os.Stderr, "usage: baseline ingest|marts|explain|yardstick|report [flags]")
		os.Exit(2)
	}
	ctx := context.Background()
	var err error
	switch os.Args[1] {
	case "ingest":
		err = ingest(ctx, os.Args[2:])
	case "marts":
		err = marts(ctx, os.Args[2:])
	case "report":
		err = report(os.Args[2:])
	case "explain":
		err = explain(ctx, os.Args[2:])
	case "yardstick":
		err = yardstick(ctx, os.Args[2:])
	default:
		err = fmt.Errorf("unknown mode %q", os.Args[1])
	}
	if err != nil {
		fmt.Fprintln(os.Stderr, "baseline:", err)
		os.Exit(1)
	}
}

func open(ctx context.Context, threads int) (*warehouse.DB, func(), error) {
	tmp, err := os.MkdirTemp("", "baseline-duckdb-")
	if err != nil {
		return nil, nil, err
	}
	db, err := warehouse.Open(ctx, warehouse.Options{Threads: threads, MemoryLimit: "4GB", TempDir: tmp})
	if err != nil {
		os.RemoveAll(tmp)
		return nil, nil, err
	}
	return db, func() { db.Close(); os.RemoveAll(tmp) }, nil
}

func q(s string) string { return warehouse.QuoteString(s) }

func list(files []string) string {
	qs := make([]string, len(files))
	for i, f := range files {
		qs[i] = q(f)
	}
	return "[" + strings.Join(qs, ", ") + "]"
}

func count(ctx context.Context, db *warehouse.DB, query string) (int64, error) {
	res, err := db.Query(ctx, query)
	if err != nil {
		return 0, err
	}
	n, _ := res.Rows[0][0].(int64)
	return n, nil
}

func writeJSON(path string, v any) error {
	b, err := json.MarshalIndent(v, "", "  ")
	if err != nil {
		return err
	}
	return os.WriteFile(path, append(b, '\n'), 0o644)
}

func ingest(ctx context.Context, args []string) error {
	fs := flag.NewFlagSet("ingest", flag.ContinueOnError)
	datasets := fs.String("datasets", "", "datasets folder")
	work := fs.String("work", "", "folder for the Parquet files")
	out := fs.String("json", "", "timings file")
	threads := fs.Int("threads", 2, "DuckDB threads")
	if err := fs.Parse(args); err != nil {
		return err
	}
	db, done, err := open(ctx, *threads)
	if err != nil {
		return err
	}
	defer done()
	if err := os.MkdirAll(*work, 0o755); err != nil {
		return err
	}
	sources := []struct{ name, glob, reader string }{
		{"states", "states.csv", "read_csv(%s)"},
		{"state_names", "state_names.csv", "read_csv(%s)"},
		{"instruments", "instruments.csv", "read_csv(%s)"},
		{"instrument_articles", "instrument_articles.csv", "read_csv(%s)"},
		{"standing_agendas", "standing_agendas.csv", "read_csv(%s)"},
		{"themes", "themes.csv", "read_csv(%s)"},
		{"theme_terms", "theme_terms.csv", "read_csv(%s)"},
		{"membership", "membership/*.csv", "read_csv(%s, union_by_name = true, filename = true)"},
		{"meetings", "meetings/meetings*.csv", "read_csv(%s, union_by_name = true, filename = true)"},
		{"obligations", "obligations/obligations.csv", "read_csv(%s)"},
		// agendas are not CSV: one row per line, the file name kept, as a user
		// would load them before parsing in SQL
		{"agenda_lines", "meetings/agendas/*.txt", "read_csv(%s, columns = {'line': 'VARCHAR'}, header = false, delim = '\\t', quote = '', escape = '', auto_detect = false, filename = true)"},
	}
	var ts []Timing
	start := time.Now()
	for _, s := range sources {
		files, err := filepath.Glob(filepath.Join(*datasets, s.glob))
		if err != nil {
			return err
		}
		if len(files) == 0 {
			continue
		}
		sort.Strings(files)
		var bytes int64
		for _, f := range files {
			if st, err := os.Stat(f); err == nil {
				bytes += st.Size()
			}
		}
		src := fmt.Sprintf(s.reader, list(files))
		if len(files) == 1 {
			src = fmt.Sprintf(s.reader, q(files[0]))
		}
		path := filepath.Join(*work, s.name+".parquet")
		t0 := time.Now()
		if err := db.CopyToParquet(ctx, "select * from "+src, path); err != nil {
			return fmt.Errorf("%s: %w", s.name, err)
		}
		ms := float64(time.Since(t0).Microseconds()) / 1000
		n, err := count(ctx, db, "select count(*) from read_parquet("+q(path)+")")
		if err != nil {
			return err
		}
		ts = append(ts, Timing{Name: s.name, MS: ms, Rows: n, Files: len(files), Bytes: bytes})
	}
	ts = append(ts, Timing{Name: "total", MS: float64(time.Since(start).Microseconds()) / 1000})
	return writeJSON(*out, ts)
}

func marts(ctx context.Context, args []string) error {
	fs := flag.NewFlagSet("marts", flag.ContinueOnError)
	raw := fs.String("raw", "", "folder of synergy's raw/*.parquet")
	work := fs.String("work", "", "folder for the mart Parquet files")
	out := fs.String("json", "", "timings file")
	threads := fs.Int("threads", 2, "DuckDB threads")
	limit := fs.Duration("timeout", 0, "give up on a mart after this long (0: never); it is recorded with ms = -1 and not exported")
	if err := fs.Parse(args); err != nil {
		return err
	}
	p, err := models.Load(sqlmodels.FS)
	if err != nil {
		return err
	}
	db, done, err := open(ctx, *threads)
	if err != nil {
		return err
	}
	defer done()
	if err := os.MkdirAll(*work, 0o755); err != nil {
		return err
	}
	start := time.Now()
	if err := createInputs(ctx, db, p, *raw); err != nil {
		return err
	}
	ts, skipped, err := buildModels(ctx, db, p, *limit)
	if err != nil {
		return err
	}
	build := float64(time.Since(start).Microseconds()) / 1000
	t0 := time.Now()
	for _, m := range p.Layer(models.LayerMarts) {
		if skipped[m.Name] {
			continue
		}
		path := filepath.Join(*work, m.Name+".parquet")
		if err := db.CopyToParquet(ctx, fmt.Sprintf("select * from %s order by %s", m.Name, strings.Join(m.GrainColumns(), ", ")), path); err != nil {
			return err
		}
	}
	ts = append(ts, Timing{Name: "build", MS: build}, Timing{Name: "export", MS: float64(time.Since(t0).Microseconds()) / 1000})
	return writeJSON(*out, ts)
}

// createInputs creates what the models read: a view raw_NAME of each raw/NAME.parquet
// in rawDir, the project's macros and the planner's tables (empty).
func createInputs(ctx context.Context, db *warehouse.DB, p *models.Project, rawDir string) error {
	files, err := filepath.Glob(filepath.Join(rawDir, "*.parquet"))
	if err != nil {
		return err
	}
	for _, f := range files {
		name := strings.TrimSuffix(filepath.Base(f), ".parquet")
		if err := db.Exec(ctx, fmt.Sprintf("create view raw_%s as select * from read_parquet(%s)", name, q(f))); err != nil {
			return err
		}
	}
	for _, m := range p.Macros {
		if err := db.Exec(ctx, m.SQL); err != nil {
			return err
		}
	}
	// The planner's tables (pipeline/job/backtest.go), empty: the bench runs synergy
	// with --plan-backtest=false, so its plan_backtest and trips_planned are empty too.
	return db.Exec(ctx, `create table planner_years (year integer, meetings integer, movable integer,
		trips_actual integer, trips_planned integer, trips_lower_bound integer, optimal boolean, gap double,
		moved_meetings integer, max_move_days integer);
	create table planner_state_years (state_id varchar, year integer, trips_actual integer, trips_planned integer)`)
}

// create materializes model m as its layer says.
func create(ctx context.Context, db *warehouse.DB, m *models.Model) error {
	return db.Exec(ctx, fmt.Sprintf("create %s %s as\n%s\n", m.Layer.Materialization(), m.Name, m.SQL))
}

// buildModels builds every model in order and times each mart. A mart that takes
// longer than limit (if > 0) or fails is recorded (ms -1 or -3) and skipped, and so
// is every model that depends on a skipped one (ms -2); a staging or intermediate
// model that fails is an error.
func buildModels(ctx context.Context, db *warehouse.DB, p *models.Project, limit time.Duration) ([]Timing, map[string]bool, error) {
	var ts []Timing
	skipped := map[string]bool{}
	for _, m := range p.Models {
		if slices.ContainsFunc(m.Refs, func(r string) bool { return skipped[r] }) {
			ts = append(ts, Timing{Name: m.Name, MS: -2}) // depends on a mart that did not finish
			skipped[m.Name] = true
			continue
		}
		t0 := time.Now()
		mctx, cancel := ctx, context.CancelFunc(func() {})
		if limit > 0 && m.Layer == models.LayerMarts {
			mctx, cancel = context.WithTimeout(ctx, limit)
		}
		err := create(mctx, db, m)
		timedOut := mctx.Err() != nil
		cancel()
		if err != nil && timedOut {
			fmt.Fprintf(os.Stderr, "baseline: %s did not finish within %s\n", m.Name, limit)
			ts = append(ts, Timing{Name: m.Name, MS: -1})
			skipped[m.Name] = true
			continue
		}
		if err != nil && m.Layer == models.LayerMarts {
			fmt.Fprintf(os.Stderr, "baseline: %s: %v\n", m.Name, err)
			msg, _, _ := strings.Cut(err.Error(), "\n")
			ts = append(ts, Timing{Name: m.Name, MS: -3, Error: msg})
			skipped[m.Name] = true
			continue
		}
		if err != nil {
			return nil, nil, fmt.Errorf("%s: %w", m.Name, err)
		}
		if m.Layer == models.LayerMarts {
			ms := float64(time.Since(t0).Microseconds()) / 1000
			n, err := count(ctx, db, "select count(*) from "+m.Name)
			if err != nil {
				return nil, nil, err
			}
			ts = append(ts, Timing{Name: m.Name, MS: ms, Rows: n})
		}
	}
	return ts, skipped, nil
}

func explain(ctx context.Context, args []string) error {
	fs := flag.NewFlagSet("explain", flag.ContinueOnError)
	raw := fs.String("raw", "", "folder of synergy's raw/*.parquet")
	name := fs.String("model", "", "model to explain")
	checks := fs.Bool("check", false, "explain the model's data tests instead")
	format := fs.String("format", "text", "plan format: text or json; rows prints the query's result instead")
	sqlFile := fs.String("sql", "", "explain this query instead of a model, after building every non-mart model")
	threads := fs.Int("threads", 2, "DuckDB threads")
	if err := fs.Parse(args); err != nil {
		return err
	}
	p, err := models.Load(sqlmodels.FS)
	if err != nil {
		return err
	}
	target, adhoc, err := explainTarget(p, *name, *sqlFile)
	if err != nil {
		return err
	}
	db, done, err := open(ctx, *threads)
	if err != nil {
		return err
	}
	defer done()
	if err := createInputs(ctx, db, p, *raw); err != nil {
		return err
	}
	// the target itself is built only when its checks or an ad hoc query read it
	for _, m := range p.Models {
		if m == target && !*checks && adhoc == "" {
			break
		}
		if err := create(ctx, db, m); err != nil {
			return err
		}
		if m == target {
			break
		}
	}
	queries := []string{target.SQL}
	if adhoc != "" {
		queries = []string{adhoc}
	}
	if *checks {
		queries = nil
		for _, c := range target.Checks {
			queries = append(queries, "select count(*) from (\n"+c.FailingRowsSQL()+"\n) as failing")
		}
	}
	return printPlans(ctx, db, queries, *format, target, *checks)
}

// explainTarget is the model explain builds up to: the one named name, or with an
// ad hoc query read from sqlFile (returned as adhoc), the last model before the marts.
func explainTarget(p *models.Project, name, sqlFile string) (target *models.Model, adhoc string, err error) {
	target = p.Model(name)
	if sqlFile != "" {
		b, err := os.ReadFile(sqlFile)
		if err != nil {
			return nil, "", err
		}
		adhoc = string(b)
		for _, m := range p.Models {
			if m.Layer == models.LayerMarts {
				break
			}
			target = m
		}
	}
	if target == nil {
		return nil, "", fmt.Errorf("no model %q", name)
	}
	return target, adhoc, nil
}

// printPlans prints each query's EXPLAIN ANALYZE in format (text or json), or
// with format rows its result rows; with checks, the queries are target's
// checks, each headed by its name and time.
func printPlans(ctx context.Context, db *warehouse.DB, queries []string, format string, target *models.Model, checks bool) error {
	for i, qs := range queries {
		t0 := time.Now()
		stmt := "explain analyze "
		switch format {
		case "json":
			stmt = "explain (analyze, format json) "
		case "rows": // run the query and print its rows
			stmt = ""
		}
		res, err := db.Query(ctx, stmt+qs)
		if err != nil {
			return err
		}
		if checks {
			fmt.Printf("-- check %s: %s\n", target.Checks[i].Name(), time.Since(t0).Round(time.Millisecond))
		}
		for _, row := range res.Rows {
			if stmt == "" {
				fmt.Println(row...)
				continue
			}
			fmt.Println(row[len(row)-1])
		}
	}
	return nil
}
