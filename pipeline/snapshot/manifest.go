package snapshot

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"time"
)

// Manifest is a snapshot's manifest.json: what went in, what came out, and how the
// run went. [ReadManifest] is its only parser.
type Manifest struct {
	Snapshot      string            `json:"snapshot"`
	CreatedAt     string            `json:"created_at"`
	AsOf          string            `json:"as_of"`
	Versions      map[string]string `json:"versions"`
	Inputs        []Input           `json:"inputs"`
	Tables        []Table           `json:"tables"`
	Rejects       RejectSummary     `json:"rejects"`
	Discrepancies int               `json:"discrepancies"`
	Checks        []Check           `json:"checks"`
	TimingsMS     map[string]int64  `json:"timings_ms"`
	GuardCounts   map[string]int    `json:"guard_counts"`
	// Fingerprint digests the inputs, the SQL models, the code and the as-of day: a
	// run whose fingerprint equals the published one has nothing new to build.
	Fingerprint    string                    `json:"fingerprint,omitempty"`
	HistoryChanges map[string]map[string]int `json:"history_changes,omitempty"`
	HistoryNotes   []string                  `json:"history_notes,omitempty"`
	// Files are the published files that are not tables (the changes digest),
	// with their sha256, for [Snapshot.Verify].
	Files []File `json:"files,omitempty"`
	// Replay: the snapshot was rebuilt from kept inputs (synergy run --replay)
	// for its as-of day; it is not a refresh, so the shrink guard leaves it out.
	Replay bool `json:"replay,omitempty"`
	// Build says how the marts were built: every model from every row, or only
	// the partitions the changed inputs touch, merged with the previous snapshot's
	// marts (docs/performance.md, "Incremental builds").
	Build *Build `json:"build,omitempty"`
}

// Build is how a run built its marts.
type Build struct {
	Mode   string `json:"build_mode"`       // "full" or "incremental"
	Reason string `json:"reason,omitempty"` // why full
	// Key digests what, besides the inputs, the marts depend on (the SQL models,
	// the code, the DuckDB version, the as-of year, the plan backtest setting); a
	// run may build on the published marts only when its key equals theirs.
	Key string `json:"key"`
	// Years and Meetings are the partitions an incremental build rebuilt (the
	// meetings' ids are listed when there are at most MaxListedMeetings).
	Years      []int    `json:"years,omitempty"`
	Meetings   int      `json:"meetings,omitempty"`
	MeetingIDs []string `json:"meeting_ids,omitempty"`
}

// MaxListedMeetings bounds Build.MeetingIDs.
const MaxListedMeetings = 50

// Input is one input file of a run, as read.
type Input struct {
	Remote bool   `json:"remote,omitempty"` // fetched from the source's URL
	Source string `json:"source"`
	File   string `json:"file"`
	Format string `json:"format"`
	SHA256 string `json:"sha256"`
	Bytes  int64  `json:"bytes"`
	// FinalURL is, for a URL source, the URL that served the bytes after the
	// redirects followed (the source's own URL when there were none).
	FinalURL string `json:"final_url,omitempty"`
}

// Table describes one published table.
type Table struct {
	Name   string `json:"name"`
	Layer  string `json:"layer"` // LayerRaw, LayerMart or LayerHistory
	Path   string `json:"path"`  // slash-separated, relative to the snapshot folder
	Rows   int64  `json:"rows"`
	SHA256 string `json:"sha256"`
}

// File is a published file that is not a table.
type File struct {
	Path   string `json:"path"` // slash-separated, relative to the snapshot folder
	SHA256 string `json:"sha256"`
}

// Check is one data test's outcome.
type Check struct {
	Model       string `json:"model"`
	Check       string `json:"check"`
	FailingRows int64  `json:"failing_rows"`
}

// RejectSummary counts rejected rows by file.
type RejectSummary struct {
	Total  int            `json:"total"`
	ByFile map[string]int `json:"by_file"`
}

// Created is the manifest's creation time; an error when created_at is not RFC 3339.
func (m *Manifest) Created() (time.Time, error) {
	t, err := time.Parse(time.RFC3339, m.CreatedAt)
	if err != nil {
		return time.Time{}, fmt.Errorf("%s created_at: %w", ManifestFile, err)
	}
	return t, nil
}

// FailedChecks counts the data tests with failing rows.
func (m *Manifest) FailedChecks() int {
	n := 0
	for _, c := range m.Checks {
		if c.FailingRows > 0 {
			n++
		}
	}
	return n
}

// ReadManifest decodes a manifest from r; name (the file's path) is for errors.
func ReadManifest(r io.Reader, name string) (*Manifest, error) {
	var m Manifest
	if err := json.NewDecoder(r).Decode(&m); err != nil {
		return nil, &ManifestError{Path: name, Err: err}
	}
	return &m, nil
}

// WriteManifest writes m as dir/manifest.json, indented, ending with a newline.
func WriteManifest(dir string, m *Manifest) error {
	return writeJSON(filepath.Join(dir, ManifestFile), m)
}

func writeJSON(path string, v any) error {
	data, err := json.MarshalIndent(v, "", "  ")
	if err != nil {
		return err
	}
	return os.WriteFile(path, append(data, '\n'), 0o644)
}

// ID names a snapshot by its start time and a digest of its inputs, so two runs are
// told apart and the same inputs are recognisable. [Prune] orders snapshots by the
// time it starts with.
func ID(started time.Time, inputs []Input) string {
	h := sha256.New()
	for _, in := range inputs {
		fmt.Fprintf(h, "%s %s\n", in.File, in.SHA256)
	}
	return started.UTC().Format(idTimeLayout) + "-" + hex.EncodeToString(h.Sum(nil))[:8]
}
