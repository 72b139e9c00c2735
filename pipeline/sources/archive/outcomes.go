package archive

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"time"

	"synergy/pipeline/civil"
)

// RunsLog is the store's log of run outcomes, one JSON object per line:
//
//	{"run":"20261127T020000.123Z-4242","outcome":"published","at":"2026-11-27T02:01:10Z"}
//
// Its name cannot be a source's (a source name starts with a letter or digit).
const RunsLog = "_runs.jsonl"

// Outcomes of a run, the values [Store.RecordOutcome] takes.
const (
	OutcomePublished = "published" // the run published a snapshot from what it kept
	OutcomeFailed    = "failed"    // the run failed; what it kept was not published
)

type outcomeLine struct {
	Run     string `json:"run"`
	Outcome string `json:"outcome"`
	At      string `json:"at"`
}

// RecordOutcome appends run's outcome to the runs log, durably. A run killed
// before it records one has none: its versions count as unpublished.
func (s *Store) RecordOutcome(run, outcome string, at time.Time) error {
	if run == "" || (outcome != OutcomePublished && outcome != OutcomeFailed) {
		return fmt.Errorf("archive: record outcome %q of run %q", outcome, run)
	}
	data, err := json.Marshal(outcomeLine{Run: run, Outcome: outcome, At: at.UTC().Truncate(time.Second).Format(time.RFC3339)})
	if err != nil {
		return fmt.Errorf("archive: %w", err)
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	path := filepath.Join(s.root, RunsLog)
	f, err := os.OpenFile(path, os.O_WRONLY|os.O_APPEND|os.O_CREATE, 0o644)
	if err != nil {
		return fmt.Errorf("archive: %w", err)
	}
	_, err = f.Write(append(data, '\n'))
	if err == nil {
		err = f.Sync()
	}
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		return fmt.Errorf("archive: record outcome in %s: %w", path, err)
	}
	return nil
}

// outcomes reads the runs log as run → outcome (the last line for a run wins).
// A torn last line is ignored, as in a versions log.
func (s *Store) outcomes() (map[string]string, error) {
	path := filepath.Join(s.root, RunsLog)
	data, err := os.ReadFile(path)
	if errors.Is(err, fs.ErrNotExist) {
		return map[string]string{}, nil
	}
	if err != nil {
		return nil, fmt.Errorf("archive: %w", err)
	}
	out := map[string]string{}
	end := bytes.LastIndexByte(data, '\n') + 1
	for i, raw := range bytes.Split(data[:end], []byte("\n")) {
		if len(bytes.TrimSpace(raw)) == 0 {
			continue
		}
		var l outcomeLine
		if err := json.Unmarshal(raw, &l); err != nil || l.Run == "" {
			return nil, &LogError{File: path, Line: i + 1, Err: fmt.Errorf("%w: %v", ErrCorruptLog, err)}
		}
		out[l.Run] = l.Outcome
	}
	return out, nil
}

// published reports whether v was seen by a run that published, or before runs
// were named (lines without a run, which were only kept by runs that went on).
func published(v Version, outcomes map[string]string) bool {
	return v.Run == "" || outcomes[v.Run] == OutcomePublished
}

// LatestPublished is [Store.Latest] among the versions a published run saw. When
// the latest version was seen by a run that failed or never finished, and no
// published one exists, the error matches [ErrNotPublished] and says which.
func (s *Store) LatestPublished(name string) (Version, error) {
	return s.publishedBefore(name, time.Time{}, "")
}

// AsOfPublished is [Store.AsOf] among the versions a published run saw.
func (s *Store) AsOfPublished(name string, day civil.Day) (Version, error) {
	return s.publishedBefore(name, day.AddDays(1).Time(), " on or before "+day.String())
}

func (s *Store) publishedBefore(name string, cutoff time.Time, when string) (Version, error) {
	versions, err := s.Versions(name)
	if err != nil {
		return Version{}, err
	}
	outcomes, err := s.outcomes()
	if err != nil {
		return Version{}, err
	}
	var ok []Version
	for _, v := range versions {
		if published(v, outcomes) {
			ok = append(ok, v)
		}
	}
	if v, found := latest(ok, cutoff); found {
		return v, nil
	}
	if v, found := latest(versions, cutoff); found {
		outcome := outcomes[v.Run]
		if outcome == "" {
			outcome = "did not finish"
		}
		return Version{}, fmt.Errorf("archive: %w: of %s%s only versions of runs that did not publish are kept (the latest seen %s by run %s, which %s)",
			ErrNotPublished, name, when, v.SeenAt.Format(time.RFC3339), v.Run, outcome)
	}
	return Version{}, fmt.Errorf("archive: %w of %s%s", ErrNoVersion, name, when)
}
