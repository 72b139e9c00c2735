package cli

import (
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"

	"synergy/pipeline/changes"
	"synergy/pipeline/civil"
	"synergy/pipeline/snapshot"
)

func changesCmd(e env, args []string) int {
	fs := newFlags(e, "changes", "", "Lists what changed, snapshot by snapshot, from the digests the kept snapshots under --out\ncarry (changes.json): new signatures, consents, entries into force, withdrawals, meetings\nadded, moved or cancelled, obligations changed, sources newly disagreeing, sources not read.\nEach line names its source. Pruned snapshots take their digests with them.")
	out := outFlag(fs)
	since := fs.String("since", "", "list the snapshots whose as-of day is on or after this day (YYYY-MM-DD); default: the latest only")
	format := fs.String("format", "text", "output format: text (Markdown) or json")
	if code, ok := parse(fs, args); !ok {
		return code
	}
	if fs.NArg() > 0 || (*format != "text" && *format != "json") {
		fmt.Fprintf(e.stderr, "synergy changes: unexpected arguments %q or --format %q (text or json)\n", fs.Args(), *format)
		return ExitUsage
	}
	var from civil.Day
	if *since != "" {
		d, err := civil.ParseDay(*since)
		if err != nil {
			fmt.Fprintln(e.stderr, "synergy changes: --since:", err)
			return ExitUsage
		}
		from = d
	}
	digests, err := digestsSince(*out, from, *since == "")
	if err != nil {
		fmt.Fprintln(e.stderr, "synergy changes:", err)
		return ExitFailure
	}
	if *format == "json" {
		data, _ := json.MarshalIndent(digests, "", "  ")
		e.stdout.Write(append(data, '\n'))
		return ExitOK
	}
	writeDigests(e.stdout, digests)
	return ExitOK
}

// digestsSince reads the digests of the kept snapshots under out whose as-of day
// is from or later, oldest first; latestOnly keeps the newest alone.
func digestsSince(out string, from civil.Day, latestOnly bool) ([]changes.Digest, error) {
	entries, err := os.ReadDir(filepath.Join(out, snapshot.SnapshotsDir))
	if errors.Is(err, os.ErrNotExist) {
		return nil, fmt.Errorf("no snapshots under %s: %w", out, snapshot.ErrNoSnapshot)
	}
	if err != nil {
		return nil, err
	}
	var names []string
	for _, e := range entries {
		if e.IsDir() {
			names = append(names, e.Name())
		}
	}
	slices.Sort(names) // snapshot ids begin with their UTC start time
	var ds []changes.Digest
	for _, n := range names {
		d, err := changes.Read(filepath.Join(out, snapshot.SnapshotsDir, n))
		if errors.Is(err, changes.ErrNoDigest) {
			continue
		}
		if err != nil {
			return nil, err
		}
		if day, err := civil.ParseDay(d.AsOf); err == nil && day >= from {
			ds = append(ds, d)
		}
	}
	if latestOnly && len(ds) > 1 {
		ds = ds[len(ds)-1:]
	}
	return ds, nil
}

func writeDigests(w io.Writer, ds []changes.Digest) {
	if len(ds) == 0 {
		io.WriteString(w, "No snapshot with a changes digest in that period.\n")
	}
	for i, d := range ds {
		if i > 0 {
			io.WriteString(w, "\n")
		}
		io.WriteString(w, changes.Markdown(d))
	}
}

// printChanges prints the digest a run published, after its summary.
func printChanges(w io.Writer, dir string) {
	d, err := changes.Read(dir)
	if err != nil {
		return
	}
	io.WriteString(w, "\n"+changes.Markdown(d))
}
