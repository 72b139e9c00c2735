package cli

import (
	"context"
	"errors"
	"fmt"
	"io"
	"math/rand/v2"
	"os"
	"path/filepath"
	"runtime/debug"
	"sort"
	"strings"
	"time"

	"synergy/pipeline/civil"
	"synergy/pipeline/job"
	"synergy/pipeline/lock"
	"synergy/pipeline/snapshot"
	"synergy/pipeline/sources/fetch"
	"synergy/pipeline/warehouse"
)

func runCmd(e env, args []string) int {
	fs := newFlags(e, "run", "", "Reads the sources manifest in --datasets, validates every input, writes raw Parquet,\nbuilds the SQL models, runs the data tests and publishes a new snapshot under --out,\nswitching --out/current to it only when everything passed.")
	datasets := fs.String("datasets", "datasets", "folder with sources.json and the inputs it names")
	sourcesFile := fs.String("sources", "", "the sources manifest to read, e.g. datasets/sources-live.json (the live profile); its folder is the datasets folder. Default: sources.json in --datasets")
	out := outFlag(fs)
	strict := fs.Bool("strict", false, "fail the run if any input row is rejected, or a URL source cannot be fetched and read (instead of using its last good version)")
	replay := fs.Bool("replay", false, "rebuild the outputs as of --as-of from the inputs kept under --out/sources (backfill), without reading --datasets or fetching; published under --out/snapshots without moving --out/current")
	setCurrent := fs.Bool("set-current", false, "with --replay: make the replayed snapshot the current one")
	offline := fs.Bool("offline", false, "use the latest kept version of URL sources instead of fetching them")
	force := fs.Bool("force", false, "rebuild even when inputs, code and as-of day equal the published snapshot's")
	allowShrink := fs.Bool("allow-shrink", false, "publish even if parties, meetings, a source file's rows or other guarded counts fell by more than 10% against the published snapshots")
	shrinkWindow := fs.Int("shrink-window", job.DefaultShrinkWindow, "compare each guarded count with its largest value in this many latest published snapshots")
	threads := fs.Int("threads", 2, "DuckDB worker threads")
	memory := fs.String("memory-limit", "4GB", "DuckDB memory limit")
	spill := fs.String("spill-limit", warehouse.DefaultSpillLimit, "most DuckDB may spill to its temporary folder (max_temp_directory_size)")
	asOf := fs.String("as-of", "", "the run's date YYYY-MM-DD (default today, UTC): announced meetings after it are 'planned'")
	logFormat := fs.String("log-format", "", "log format on stderr: text or json (default: text on a terminal, else json)")
	quiet := fs.Bool("q", false, "log warnings and errors only")
	planBacktest := fs.Bool("plan-backtest", true, "plan every past year again with the calendar planner (needs cbc; plan_backtest, state_year_burden.trips_planned); false publishes them empty, e.g. for benchmarks on generated data")
	keep := fs.Int("keep", snapshot.DefaultKeep, "after publishing, keep this many newest snapshots (at least 1) besides the first of each month; older ones are removed")
	if code, ok := parse(fs, args); !ok {
		return code
	}
	if fs.NArg() > 0 {
		fmt.Fprintf(e.stderr, "synergy run: unexpected arguments %q\n", fs.Args())
		return ExitUsage
	}
	if *keep < 1 {
		fmt.Fprintf(e.stderr, "synergy run: --keep %d: keep at least 1 snapshot\n", *keep)
		return ExitUsage
	}
	// On a terminal: a step-by-step progress display, and only warnings in the log.
	// Otherwise (cron, CI, pipes): quiet structured logs, no control characters.
	tty := isTerminal(e.stderr) && *logFormat != "json"
	log, err := newLogger(e.stderr, *logFormat, *quiet || tty)
	if err != nil {
		fmt.Fprintln(e.stderr, "synergy run:", err)
		return ExitUsage
	}
	day := civil.DayOf(time.Now().UTC())
	if *replay && *asOf == "" {
		fmt.Fprintln(e.stderr, "synergy run: --replay needs --as-of DAY: the day whose outputs to rebuild")
		return ExitUsage
	}
	if *setCurrent && !*replay {
		fmt.Fprintln(e.stderr, "synergy run: --set-current goes with --replay (a normal run always becomes current)")
		return ExitUsage
	}
	if *asOf != "" {
		if day, err = civil.ParseDay(*asOf); err != nil {
			fmt.Fprintln(e.stderr, "synergy run: --as-of:", err)
			return ExitUsage
		}
	}
	manifestName := ""
	if *sourcesFile != "" {
		*datasets, manifestName = filepath.Dir(*sourcesFile), filepath.Base(*sourcesFile)
	}
	sum, err := job.Run(e.ctx, job.Config{
		DatasetsDir: *datasets, SourcesFile: manifestName, OutDir: *out, Strict: *strict, AllowShrink: *allowShrink, ShrinkWindow: *shrinkWindow, Threads: *threads,
		Force: *force, CodeVersion: codeVersion(), Replay: *replay, SetCurrent: *setCurrent, Offline: *offline,
		Fetcher:     fetch.New(rand.NewPCG(uint64(time.Now().UnixNano()), uint64(os.Getpid()))),
		MemoryLimit: *memory, SpillLimit: *spill, AsOf: day, Version: Version(), Keep: *keep, Logger: log,
		Progress: progressPrinter(e.stderr, tty && !*quiet), Crash: crashHook(), NoPlanBacktest: !*planBacktest,
	})
	if err != nil {
		fmt.Fprintf(e.stderr, "synergy run: %v\nThe published snapshot (if any) under %s is unchanged.\n", err, *out)
		switch {
		case errors.Is(err, lock.ErrLocked):
			return ExitLocked
		case errors.Is(err, job.ErrEarlierAsOf):
			return ExitUsage
		case errors.Is(err, job.ErrInterrupted), errors.Is(err, context.Canceled):
			return ExitFailure // before the data tests: a cancelled check is no failed test
		case errors.Is(err, job.ErrDataTests):
			return ExitDataTests
		case errors.Is(err, job.ErrRejects):
			return ExitRejects
		case errors.Is(err, job.ErrShrunk):
			return ExitShrunk
		}
		return ExitFailure
	}
	if sum.Skipped {
		fmt.Fprintf(e.stdout, "synergy run: up to date — inputs, code and as-of day are those of snapshot %s\n  %s\nNothing rebuilt (--force rebuilds).\n", sum.Snapshot, sum.SnapshotDir)
		return ExitOK
	}
	printSummary(e.stdout, sum, *out)
	printChanges(e.stdout, sum.SnapshotDir)
	return ExitOK
}

// codeVersion identifies the running program's code for the run fingerprint: the VCS
// revision it was built from when the tree was clean, else the go command's build ID
// of the executable, else a digest of the executable.
func codeVersion() string {
	if bi, ok := debug.ReadBuildInfo(); ok {
		if v, ok := job.VCSVersion(bi); ok {
			return v
		}
	}
	exe, err := os.Executable()
	if err != nil {
		return "unknown"
	}
	f, err := os.Open(exe)
	if err != nil {
		return "unknown"
	}
	defer f.Close()
	if v, ok, err := job.GoBuildIDVersion(f); ok && err == nil {
		return v
	}
	v, err := job.ExecutableVersion(f)
	if err != nil {
		return "unknown"
	}
	return v
}

// progressPrinter shows "[2/5] write raw Parquet … 0.1s" lines on a terminal.
func progressPrinter(w io.Writer, on bool) func(int, string, bool) {
	if !on {
		return nil
	}
	var last time.Time
	return func(step int, name string, done bool) {
		if !last.IsZero() {
			fmt.Fprintf(w, " %.1fs\n", time.Since(last).Seconds())
		}
		last = time.Now()
		if done {
			return
		}
		fmt.Fprintf(w, "[%d/%d] %s …", step, len(job.Steps), name)
	}
}

func printSummary(w io.Writer, s *job.Summary, out string) {
	var b strings.Builder
	if s.Aside {
		fmt.Fprintf(&b, "synergy run: published snapshot %s aside (as of %s)\n  %s\n  %s is unchanged (--set-current would switch it)\n\n",
			s.Snapshot, s.AsOf, s.SnapshotDir, filepath.Join(out, "current"))
	} else {
		fmt.Fprintf(&b, "synergy run: published snapshot %s\n  %s\n  (also %s)\n\n", s.Snapshot, s.SnapshotDir, filepath.Join(out, "current"))
	}
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
		fmt.Fprintf(&b, "  %-7s %-24s %7d rows\n", t.Layer, t.Name, t.Rows)
	}
	b.WriteString("\nNext: synergy query \"select * from party_counts limit 5\"   (tables by name)\n")
	b.WriteString("      synergy query \"select * from rejects\"                  (what was refused, and why)\n")
	io.WriteString(w, b.String())
}
