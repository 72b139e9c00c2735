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
// is written, against the published snapshot prevDir ("" on a first run). It reads
// the observations in batches, holding one batch and the changes found: at scale
// the history has millions of rows, of which a nightly digest describes a few. A
// first run (run.PreviousID empty) lists only failures and reads nothing.
func FromSnapshots(stageDir, prevDir string, run Run, failed []SourceFailure) (Digest, error) {
	return fromSnapshots(stageDir, prevDir, run, failed, observationBatch)
}

// observationBatch is how many observations FromSnapshots decodes at a time.
const observationBatch = 4096

func fromSnapshots(stageDir, prevDir string, run Run, failed []SourceFailure, batch int) (Digest, error) {
	d := newDigest(run, failed)
	if run.PreviousID == "" {
		return d, nil
	}
	var prev history.Observation // the last row of the batch before
	havePrev := false
	path := filepath.Join(stageDir, filepath.FromSlash(history.ObservationsPath))
	err := parquetout.ScanFile(path, batch, func(rows []history.Observation) error {
		for i, o := range rows {
			var before *history.Observation
			switch {
			case i > 0 && sameRecord(rows[i-1], o):
				before = &rows[i-1]
			case i == 0 && havePrev && sameRecord(prev, o):
				before = &prev
			}
			d.Changes = append(d.Changes, observationChanges(run, o, before)...)
		}
		prev, havePrev = detached(rows[len(rows)-1]), true
		return nil
	})
	if err != nil && !errors.Is(err, fs.ErrNotExist) { // no history file: a snapshot from before it existed
		return Digest{}, fmt.Errorf("changes: read %s: %w", history.ObservationsPath, err)
	}
	now, err := readDiscrepancies(stageDir)
	if err != nil {
		return Digest{}, err
	}
	var prevDisc []rawtable.SourceDiscrepancy
	if prevDir != "" {
		if prevDisc, err = readDiscrepancies(prevDir); err != nil {
			return Digest{}, err
		}
	}
	return finishDigest(d, prevDisc, now), nil
}

// detached copies o's strings, which may share the reader's buffers, so that o
// outlives its batch.
func detached(o history.Observation) history.Observation {
	for _, p := range []*string{&o.Entity, &o.Key, &o.ContentSHA256, &o.ContentJSON, &o.FirstSeenRun, &o.LastSeenRun, &o.Change} {
		*p = strings.Clone(*p)
	}
	return o
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
