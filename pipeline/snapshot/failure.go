package snapshot

import (
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"time"
)

// Failure is the content of [LastFailureFile]: why the last failed run failed. A
// successful run leaves it in place; it is news only when it is newer than the
// current snapshot.
type Failure struct {
	Time     time.Time `json:"time"`               // when the run failed
	Started  time.Time `json:"started"`            // when the run started
	Snapshot string    `json:"snapshot,omitempty"` // the snapshot id it attempted; empty if it failed before ingest ended
	Error    string    `json:"error"`
	// ExitKind classifies the error: "data_tests", "rejects", "shrunk",
	// "interrupted" (cancelled, e.g. SIGTERM) or "failure" (anything else).
	ExitKind string `json:"exit_kind"`
}

// ReadLastFailure reads [LastFailureFile] under root; it returns nil and no error
// when no run has failed there.
func ReadLastFailure(root string) (*Failure, error) {
	data, err := os.ReadFile(filepath.Join(root, LastFailureFile))
	if errors.Is(err, os.ErrNotExist) {
		return nil, nil
	}
	if err != nil {
		return nil, err
	}
	var f Failure
	if err := json.Unmarshal(data, &f); err != nil {
		return nil, fmt.Errorf("read %s: %w", LastFailureFile, err)
	}
	return &f, nil
}

// WriteLastFailure records f as [LastFailureFile] under root, atomically.
func WriteLastFailure(root string, f Failure) error {
	data, err := json.MarshalIndent(f, "", "  ")
	if err != nil {
		return err
	}
	return WriteFile(root, LastFailureFile, append(data, '\n'))
}
