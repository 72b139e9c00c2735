// Package cli is synergy's command line, one file per command: run (the nightly
// job, the only command that imports the run's package), query, sql, status,
// report, calendar, notebook and docs (readers of a published snapshot, opened
// through package snapshot), check and themes (the readers and the tagger on files or
// standard input), gen (synthetic data) and version; the list is [commands]. [Run]
// is the whole program behind main, so tests drive it with plain readers and
// writers.
package cli

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"os"
	"runtime/debug"
	"strings"
)

// Exit codes, documented in README.md.
const (
	ExitOK        = 0 // success
	ExitFailure   = 1 // the command failed (bad input file, I/O, DuckDB error)
	ExitUsage     = 2 // wrong flags or arguments
	ExitDataTests = 3 // a data test failed; nothing was published
	ExitRejects   = 4 // --strict and some input rows were rejected; nothing was published
	ExitShrunk    = 5 // inputs shrank by more than 10% against the published snapshot; nothing was published
	ExitLocked    = 6 // another run holds <out>/.lock; this one did nothing
)

// Version is the module version when built from a tagged module, else "devel".
func Version() string {
	if bi, ok := debug.ReadBuildInfo(); ok && bi.Main.Version != "" && bi.Main.Version != "(devel)" {
		return bi.Main.Version
	}
	return "devel"
}

type env struct {
	ctx            context.Context
	stdin          io.Reader
	stdout, stderr io.Writer
}

type command struct {
	name, summary string
	run           func(e env, args []string) int
}

func commands() []command {
	return []command{
		{"run", "ingest datasets/, build the models, run the data tests, publish a snapshot", runCmd},
		{"query", "run SQL against the current snapshot (tables by name)", queryCmd},
		{"check", "read input files with their reader and show what would be ingested", checkCmd},
		{"themes", "tag texts (one per line on stdin) with the theme taxonomy", themesCmd},
		{"report", "write the Rec 8/9 assessment report for a period (HTML and Markdown)", reportCmd},
		{"plan", "propose the year's calendar with the fewest delegation trips, and prove it", planCmd},
		{"calendar", "write an iCalendar file of the meetings (to stdout unless --file)", calendarCmd},
		{"sql", "interactive DuckDB prompt on the current snapshot", sqlCmd},
		{"notebook", "execute the %%sql cells of notebooks against the current snapshot", notebookCmd},
		{"gen", "generate a synthetic dataset of the real data's shape (--scale N)", genCmd},
		{"docs", "rewrite the figures marked in Markdown docs from the snapshot (--check: fail on a difference)", docsCmd},
		{"site", "write the static folder to publish: index, reports, calendar.ics feed, changes, Parquet tables", siteCmd},
		{"changes", "list what changed, snapshot by snapshot (--since DAY), each line naming its source", changesCmd},
		{"status", "show the current snapshot, its age, its data tests and the last failure", statusCmd},
		{"version", "print synergy's and DuckDB's versions", versionCmd},
	}
}

// Run executes synergy with args (without the program name) and returns the exit code.
func Run(ctx context.Context, args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	e := env{ctx: ctx, stdin: stdin, stdout: stdout, stderr: stderr}
	if len(args) == 0 || args[0] == "help" || args[0] == "-h" || args[0] == "--help" {
		usage(stdout)
		if len(args) == 0 {
			return ExitUsage
		}
		return ExitOK
	}
	for _, c := range commands() {
		if c.name == args[0] {
			return c.run(e, args[1:])
		}
	}
	fmt.Fprintf(stderr, "synergy: unknown command %q\n\n", args[0])
	usage(stderr)
	return ExitUsage
}

func usage(w io.Writer) {
	var b strings.Builder
	b.WriteString("synergy: where the conventional-weapons treaties' meetings and obligations overlap\n\nUsage: synergy <command> [flags]\n\nCommands:\n")
	for _, c := range commands() {
		fmt.Fprintf(&b, "  %-8s %s\n", c.name, c.summary)
	}
	b.WriteString("\nRun 'synergy <command> -h' for a command's flags.\n")
	io.WriteString(w, b.String())
}

// newFlags makes a command's local flag set with a usage line.
func newFlags(e env, name, argsHelp, about string) *flag.FlagSet {
	fs := flag.NewFlagSet(name, flag.ContinueOnError)
	fs.SetOutput(e.stderr)
	fs.Usage = func() {
		fmt.Fprintf(e.stderr, "Usage: synergy %s [flags] %s\n\n%s\n\nFlags:\n", name, argsHelp, about)
		fs.PrintDefaults()
	}
	return fs
}

// parse parses flags; it returns (code, false) when the command should stop.
func parse(fs *flag.FlagSet, args []string) (int, bool) {
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return ExitOK, false
		}
		return ExitUsage, false
	}
	return 0, true
}

// newLogger makes the logger of a command that logs to w (stderr). format is
// "json", "text" or "" for the default: text on a terminal, JSON lines otherwise
// (cron, systemd, Kubernetes, pipes), so that machines read it without a flag. In
// JSON, durations are seconds as a number, not Go's nanoseconds.
func newLogger(w io.Writer, format string, quiet bool) (*slog.Logger, error) {
	level := slog.LevelInfo
	if quiet {
		level = slog.LevelWarn
	}
	if format == "" {
		format = "json"
		if isTerminal(w) {
			format = "text"
		}
	}
	switch format {
	case "text":
		return slog.New(slog.NewTextHandler(w, &slog.HandlerOptions{Level: level})), nil
	case "json":
		opts := &slog.HandlerOptions{Level: level, ReplaceAttr: durationSeconds}
		return slog.New(slog.NewJSONHandler(w, opts)), nil
	}
	return nil, fmt.Errorf("unknown --log-format %q (text or json)", format)
}

// durationSeconds is a slog ReplaceAttr that writes a time.Duration as float
// seconds (1.5 for 1500ms).
func durationSeconds(_ []string, a slog.Attr) slog.Attr {
	if a.Value.Kind() == slog.KindDuration {
		a.Value = slog.Float64Value(a.Value.Duration().Seconds())
	}
	return a
}

// isTerminal reports whether w is a character device (an interactive terminal).
func isTerminal(w io.Writer) bool {
	f, ok := w.(*os.File)
	if !ok {
		return false
	}
	info, err := f.Stat()
	return err == nil && info.Mode()&os.ModeCharDevice != 0
}
