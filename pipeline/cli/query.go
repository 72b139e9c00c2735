package cli

import (
	"context"
	"errors"
	"fmt"
	"io"
	"strings"
)

func queryCmd(e env, args []string) int {
	fs := newFlags(e, "query", "SQL", "Runs one SQL statement against the current snapshot under --out, with every published\n"+
		"table available by name. SQL comes from the argument, or standard input when it is \"-\" or absent.\n"+
		"Rows are printed as they are read, in any format; SIGINT or SIGTERM stops the query.")
	out := outFlag(fs)
	format := fs.String("format", "table", "output format: "+strings.Join(outputFormats, ", ")+", "+arrowFormat+
		" (json: JSON lines; table: widths from the first 1000 rows, a wider later value widens its column;\n"+
		"arrow: an Arrow IPC stream in record batches, for pyarrow, polars or DuckDB: redirect it to a file)")
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
	var rw rowWriter
	var err error
	if *format == arrowFormat {
		rw = newArrowRowWriter(e.stdout)
	} else if rw, err = newRowWriter(e.stdout, *format, 0); err != nil {
		fmt.Fprintln(e.stderr, "synergy query: --format:", err)
		return ExitUsage
	}
	if err := querySnapshot(e, *out, query, rw); err != nil {
		if errors.Is(err, context.Canceled) || errors.Is(err, context.DeadlineExceeded) {
			err = fmt.Errorf("interrupted: %w", err)
		}
		fmt.Fprintln(e.stderr, "synergy query:", err)
		return ExitFailure
	}
	return ExitOK
}

// querySnapshot runs query against the current snapshot under out, every published
// table registered by name (see openSnapshot), and prints its rows to rw as they
// are read. rw is ended (flushed) even when the query fails or e.ctx is cancelled.
func querySnapshot(e env, out, query string, rw rowWriter) error {
	s, err := openSnapshot(e, out)
	if err != nil {
		return err
	}
	defer s.Close()
	return streamQuery(e.ctx, s, query, rw)
}

// streamQuery runs query on s and prints its rows to rw as they are read; rw is
// ended whatever happens, after a head only if the query started.
func streamQuery(ctx context.Context, s *snapshotDB, query string, rw rowWriter) error {
	started := false
	err := s.db.Stream(ctx, query, func(columns, types []string) error {
		started = true
		if th, ok := rw.(interface {
			typedHead(columns, types []string) error
		}); ok {
			return th.typedHead(columns, types)
		}
		return rw.head(columns)
	}, rw.row)
	if started {
		if eerr := rw.end(err == nil); err == nil {
			err = eerr
		}
	}
	return err
}
