package cli

import (
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"time"

	"synergy/pipeline/changes"
	"synergy/pipeline/lock"
	"synergy/pipeline/snapshot"
)

// status is what `synergy status` reports; --format json prints it as is.
type status struct {
	Out     string   `json:"out"`
	Healthy bool     `json:"healthy"`
	Reasons []string `json:"reasons,omitempty"` // why it is not healthy
	// Snapshot is the published snapshot; nil when there is none.
	Snapshot *snapshotStatus `json:"snapshot"`
	// LastFailure is the last failed run, only if it is newer than the snapshot.
	LastFailure *failureStatus `json:"last_failure,omitempty"`
	// Running is the run holding the lock now; Killed a run that died holding it
	// after the snapshot was made (SIGKILL, OOM killer: it could not record a failure).
	Running *lock.Info `json:"running,omitempty"`
	Killed  *lock.Info `json:"killed,omitempty"`
	// Changes is the published snapshot's digest against the one before it.
	Changes *changes.Digest `json:"changes,omitempty"`
}

type snapshotStatus struct {
	ID            string      `json:"id"`
	Path          string      `json:"path"`
	CreatedAt     time.Time   `json:"created_at"`
	AgeSeconds    int64       `json:"age_seconds"`
	AsOf          string      `json:"as_of"`
	Inputs        int         `json:"inputs"`
	Rejects       int         `json:"rejects"`
	Discrepancies int         `json:"discrepancies"`
	TestsPassed   int         `json:"data_tests_passed"`
	TestsFailed   []string    `json:"data_tests_failed"` // "model: check"
	Tables        []tableRows `json:"tables"`
	Kept          int         `json:"snapshots_kept"` // folders under snapshots/
}

type tableRows struct {
	Name  string `json:"name"`
	Layer string `json:"layer"`
	Rows  int64  `json:"rows"`
}

type failureStatus struct {
	snapshot.Failure
	ExitCode int `json:"exit_code"`
}

// exitCodes maps a recorded failure's kind to the exit code its run returned.
var exitCodes = map[string]int{"data_tests": ExitDataTests, "rejects": ExitRejects, "shrunk": ExitShrunk}

func statusCmd(e env, args []string) int {
	fs := newFlags(e, "status", "", "Shows the snapshot published under --out: its id, path and age, inputs, rejects, data tests\nand row counts, and the last failed or killed run if it came after the snapshot.\nExits 0 when healthy; 1 when there is no snapshot, the latest run failed or was killed,\nor the snapshot is older than --max-age.")
	out := outFlag(fs)
	format := fs.String("format", "text", "output format: text or json")
	maxAge := fs.Duration("max-age", 0, "unhealthy when the snapshot is older than this (e.g. 36h for a nightly run); 0: no limit")
	if code, ok := parse(fs, args); !ok {
		return code
	}
	if fs.NArg() > 0 {
		fmt.Fprintf(e.stderr, "synergy status: unexpected arguments %q\n", fs.Args())
		return ExitUsage
	}
	if *format != "text" && *format != "json" {
		fmt.Fprintf(e.stderr, "synergy status: unknown --format %q (text or json)\n", *format)
		return ExitUsage
	}
	st, err := readStatus(*out, time.Now(), *maxAge)
	if err != nil {
		fmt.Fprintln(e.stderr, "synergy status:", err)
		return ExitFailure
	}
	if *format == "json" {
		data, _ := json.MarshalIndent(st, "", "  ")
		e.stdout.Write(append(data, '\n'))
	} else {
		writeStatus(e.stdout, st, time.Now())
	}
	if !st.Healthy {
		return ExitFailure
	}
	return ExitOK
}

// readStatus gathers the status of the output root out. Only I/O errors on files
// that exist are errors; a missing or broken snapshot is an unhealthy status.
func readStatus(out string, now time.Time, maxAge time.Duration) (*status, error) {
	st := &status{Out: out}
	var since time.Time // what counts as news: after the snapshot was made
	snap, err := readSnapshotStatus(out, now)
	switch {
	case errors.Is(err, snapshot.ErrNoSnapshot):
		st.Reasons = append(st.Reasons, fmt.Sprintf("no published snapshot under %s (run 'synergy run' first)", out))
	case err != nil:
		st.Reasons = append(st.Reasons, err.Error())
	default:
		st.Snapshot = snap
		since = snap.CreatedAt
		if d, err := changes.Read(snap.Path); err == nil {
			st.Changes = &d
			for _, c := range d.Changes {
				if c.Kind == changes.KindSourceFailed {
					st.Reasons = append(st.Reasons, c.Text)
				}
			}
		}
		if maxAge > 0 && now.Sub(snap.CreatedAt) > maxAge {
			st.Reasons = append(st.Reasons, fmt.Sprintf("the snapshot is %s old, more than --max-age %s", age(now.Sub(snap.CreatedAt)), maxAge))
		}
	}

	f, err := snapshot.ReadLastFailure(out)
	if err != nil {
		return nil, err
	}
	if f != nil && f.Time.After(since) {
		st.LastFailure = &failureStatus{Failure: *f, ExitCode: ExitFailure}
		if code, ok := exitCodes[f.ExitKind]; ok {
			st.LastFailure.ExitCode = code
		}
		st.Reasons = append(st.Reasons, fmt.Sprintf("the last run failed at %s (%s)", f.Time.UTC().Format(time.RFC3339), f.ExitKind))
	}

	holder, err := lock.ReadInfo(filepath.Join(out, snapshot.LockFile))
	if err != nil {
		holder = nil // a torn record: its holder is writing it, or died doing so
	}
	if holder != nil {
		switch {
		case holder.Alive():
			st.Running = holder
		case holder.Started.After(since) && (st.LastFailure == nil || holder.Started.After(st.LastFailure.Started)):
			st.Killed = holder
			st.Reasons = append(st.Reasons, fmt.Sprintf("the last run (pid %d, started %s) was killed before it finished", holder.PID, holder.Started.UTC().Format(time.RFC3339)))
		}
	}
	st.Healthy = len(st.Reasons) == 0
	return st, nil
}

func readSnapshotStatus(out string, now time.Time) (*snapshotStatus, error) {
	snap, err := snapshot.Open(out, "")
	if errors.Is(err, snapshot.ErrNoSnapshot) {
		return nil, err
	}
	if err != nil {
		return nil, fmt.Errorf("current snapshot is unreadable: %w", err)
	}
	dir, m := snap.Dir, &snap.Manifest
	created, err := m.Created()
	if err != nil {
		return nil, fmt.Errorf("current snapshot %s: %w", dir, err)
	}
	s := &snapshotStatus{ID: m.Snapshot, Path: dir, CreatedAt: created, AgeSeconds: int64(now.Sub(created).Seconds()),
		AsOf: m.AsOf, Inputs: len(m.Inputs), Rejects: m.Rejects.Total, Discrepancies: m.Discrepancies,
		TestsFailed: []string{}}
	for _, c := range m.Checks {
		if c.FailingRows > 0 {
			s.TestsFailed = append(s.TestsFailed, c.Model+": "+c.Check)
		} else {
			s.TestsPassed++
		}
	}
	for _, t := range m.Tables {
		s.Tables = append(s.Tables, tableRows{t.Name, t.Layer, t.Rows})
	}
	if entries, err := os.ReadDir(filepath.Dir(dir)); err == nil {
		s.Kept = len(entries)
	}
	return s, nil
}

func writeStatus(w io.Writer, st *status, now time.Time) {
	var b strings.Builder
	if st.Healthy {
		fmt.Fprintf(&b, "synergy status: healthy (%s)\n", st.Out)
	} else {
		fmt.Fprintf(&b, "synergy status: NOT healthy (%s)\n", st.Out)
		for _, r := range st.Reasons {
			fmt.Fprintf(&b, "  - %s\n", r)
		}
	}
	if s := st.Snapshot; s != nil {
		fmt.Fprintf(&b, "\nsnapshot      %s\npath          %s\n", s.ID, s.Path)
		fmt.Fprintf(&b, "created       %s (%s ago), as of %s\n", s.CreatedAt.UTC().Format(time.RFC3339), age(now.Sub(s.CreatedAt)), s.AsOf)
		fmt.Fprintf(&b, "inputs        %d files, %d rejected rows, %d source disagreements\n", s.Inputs, s.Rejects, s.Discrepancies)
		fmt.Fprintf(&b, "data tests    %d passed, %d failed\n", s.TestsPassed, len(s.TestsFailed))
		for _, f := range s.TestsFailed {
			fmt.Fprintf(&b, "  failed: %s\n", f)
		}
		fmt.Fprintf(&b, "kept          %d snapshots under %s\n", s.Kept, filepath.Dir(s.Path))
		fmt.Fprintf(&b, "tables\n")
		for _, t := range s.Tables {
			fmt.Fprintf(&b, "  %-5s %-26s %9d rows\n", t.Layer, t.Name, t.Rows)
		}
	}
	writeStatusChanges(&b, st.Changes)
	if f := st.LastFailure; f != nil {
		fmt.Fprintf(&b, "\nlast failure  %s, %s (exit %d)", f.Time.UTC().Format(time.RFC3339), f.ExitKind, f.ExitCode)
		if f.Snapshot != "" {
			fmt.Fprintf(&b, ", attempting %s", f.Snapshot)
		}
		fmt.Fprintf(&b, "\n  %s\n", f.Error)
	} else if st.Snapshot != nil {
		b.WriteString("\nlast failure  none since this snapshot\n")
	}
	if r := st.Running; r != nil {
		fmt.Fprintf(&b, "running       pid %d on %s, started %s\n", r.PID, r.Host, r.Started.UTC().Format(time.RFC3339))
	}
	if k := st.Killed; k != nil {
		fmt.Fprintf(&b, "killed run    pid %d, started %s: it left no failure record (SIGKILL, OOM killer?); check the system log. The next run takes its lock over.\n",
			k.PID, k.Started.UTC().Format(time.RFC3339))
	}
	io.WriteString(w, b.String())
}

// age is a duration for people: "45s", "12m", "3h05m", "2d4h".
func age(d time.Duration) string {
	switch {
	case d < time.Minute:
		return fmt.Sprintf("%ds", int(d.Seconds()))
	case d < time.Hour:
		return fmt.Sprintf("%dm", int(d.Minutes()))
	case d < 48*time.Hour:
		return fmt.Sprintf("%dh%02dm", int(d.Hours()), int(d.Minutes())%60)
	}
	return fmt.Sprintf("%dd%dh", int(d.Hours())/24, int(d.Hours())%24)
}

// statusChangesShown is how many lines of the digest status prints.
const statusChangesShown = 20

// writeStatusChanges prints the latest digest's lines, the first statusChangesShown.
func writeStatusChanges(b *strings.Builder, d *changes.Digest) {
	if d == nil {
		return
	}
	switch {
	case d.Previous == "":
		b.WriteString("changes       first snapshot, nothing to compare with\n")
		return
	case len(d.Changes) == 0:
		fmt.Fprintf(b, "changes       none since %s (as of %s)\n", d.Previous, d.PreviousAsOf)
		return
	}
	fmt.Fprintf(b, "changes       %d since %s (as of %s)\n", len(d.Changes), d.Previous, d.PreviousAsOf)
	for i, c := range d.Changes {
		if i == statusChangesShown {
			fmt.Fprintf(b, "  … %d more: synergy changes --since %s\n", len(d.Changes)-i, d.AsOf)
			break
		}
		fmt.Fprintf(b, "  %s\n", changes.Line(c))
	}
}
