package changes

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"

	"synergy/pipeline/history"
	"synergy/pipeline/parquetout"
	"synergy/pipeline/rawtable"
	"synergy/pipeline/snapshot"
)

// discrepanciesPath is the raw table of source discrepancies in a snapshot folder.
const discrepanciesPath = "raw/source_discrepancies.parquet"

// FromSnapshots computes the digest of the staged snapshot stageDir, whose history
// is written, against the published snapshot prevDir ("" on a first run).
func FromSnapshots(stageDir, prevDir string, run Run, failed []SourceFailure) (Digest, error) {
	obs, err := history.ReadObservations(os.DirFS(stageDir), history.ObservationsPath)
	if err != nil {
		return Digest{}, err
	}
	now, err := readDiscrepancies(stageDir)
	if err != nil {
		return Digest{}, err
	}
	var prev []rawtable.SourceDiscrepancy
	if prevDir != "" {
		if prev, err = readDiscrepancies(prevDir); err != nil {
			return Digest{}, err
		}
	}
	return Diff(run, obs, prev, now, failed), nil
}

func readDiscrepancies(dir string) ([]rawtable.SourceDiscrepancy, error) {
	data, err := os.ReadFile(filepath.Join(dir, filepath.FromSlash(discrepanciesPath)))
	if errors.Is(err, fs.ErrNotExist) {
		return nil, nil
	}
	if err != nil {
		return nil, err
	}
	rows, err := parquetout.Read[rawtable.SourceDiscrepancy](bytes.NewReader(data), int64(len(data)))
	if err != nil {
		return nil, fmt.Errorf("changes: read %s: %w", discrepanciesPath, err)
	}
	return rows, nil
}

// Write writes d into the snapshot folder dir as JSON and Markdown.
func Write(dir string, d Digest) error {
	js, err := json.MarshalIndent(d, "", "  ")
	if err != nil {
		return err
	}
	if err := os.WriteFile(filepath.Join(dir, snapshot.ChangesJSONFile), append(js, '\n'), 0o644); err != nil {
		return err
	}
	return os.WriteFile(filepath.Join(dir, snapshot.ChangesMarkdownFile), []byte(Markdown(d)), 0o644)
}

// Read reads the digest of the snapshot folder dir; ErrNoDigest when it has none.
func Read(dir string) (Digest, error) {
	data, err := os.ReadFile(filepath.Join(dir, snapshot.ChangesJSONFile))
	if errors.Is(err, fs.ErrNotExist) {
		return Digest{}, fmt.Errorf("%s: %w", dir, ErrNoDigest)
	}
	if err != nil {
		return Digest{}, err
	}
	var d Digest
	if err := json.Unmarshal(data, &d); err != nil {
		return Digest{}, fmt.Errorf("%s: %w: %v", filepath.Join(dir, snapshot.ChangesJSONFile), ErrBadDigest, err)
	}
	return d, nil
}

// Markdown is the digest for people: a heading and one line per change, each
// naming its source.
func Markdown(d Digest) string {
	var b strings.Builder
	fmt.Fprintf(&b, "# Changes in snapshot %s (as of %s)\n\n", d.Snapshot, d.AsOf)
	switch {
	case d.Previous == "":
		b.WriteString("First snapshot: nothing to compare with.\n")
	case len(d.Changes) == 0:
		fmt.Fprintf(&b, "No change since snapshot %s (as of %s).\n", d.Previous, d.PreviousAsOf)
	default:
		fmt.Fprintf(&b, "Since snapshot %s (as of %s): %d changes.\n", d.Previous, d.PreviousAsOf, len(d.Changes))
	}
	if len(d.Changes) > 0 {
		b.WriteString("\n")
	}
	for _, c := range d.Changes {
		b.WriteString(Line(c) + "\n")
	}
	for _, n := range d.HistoryNotes {
		fmt.Fprintf(&b, "\nNote: %s\n", n)
	}
	return b.String()
}

// Line is one change as a Markdown list item.
func Line(c Change) string {
	return fmt.Sprintf("- %s: %s — source: %s", c.Kind, c.Text, orWord(c.Source, "not given"))
}
