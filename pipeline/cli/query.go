package cli

import (
	"fmt"
	"io"
	"strings"

	"synergy/pipeline/warehouse"
)

func queryCmd(e env, args []string) int {
	fs := newFlags(e, "query", "SQL", "Runs one SQL statement against the current snapshot under --out, with every published\ntable available by name. SQL comes from the argument, or standard input when it is \"-\" or absent.")
	out := outFlag(fs)
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

// querySnapshot runs query against the current snapshot under out, every published
// table registered by name (see openSnapshot).
func querySnapshot(e env, out, query string) (*warehouse.Result, error) {
	s, err := openSnapshot(e, out)
	if err != nil {
		return nil, err
	}
	defer s.Close()
	return s.db.Query(e.ctx, query)
}
