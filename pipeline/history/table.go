package history

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"io/fs"

	"synergy/pipeline/parquetout"
)

// Paths of the history tables inside a snapshot folder.
const (
	ObservationsPath = "history/observations.parquet"
	TestHistoryPath  = "history/test_history.parquet"
)

// ReadObservations reads the observations table at name in fsys (a snapshot
// folder, for instance os.DirFS(snapshot) and [ObservationsPath]). A missing file
// gives no rows and no error: the first run, or a snapshot from before the
// history existed.
func ReadObservations(fsys fs.FS, name string) ([]Observation, error) {
	return readTable[Observation](fsys, name)
}

// ReadResults reads the test_history table at name in fsys; a missing file gives
// no rows and no error.
func ReadResults(fsys fs.FS, name string) ([]TestResult, error) {
	return readTable[TestResult](fsys, name)
}

// WriteObservations writes obs as one Parquet file on w, which it does not close.
func WriteObservations(w io.Writer, obs []Observation) error {
	return parquetout.Write(w, obs)
}

// WriteResults writes rows as one Parquet file on w, which it does not close.
func WriteResults(w io.Writer, rows []TestResult) error {
	return parquetout.Write(w, rows)
}

func readTable[T any](fsys fs.FS, name string) ([]T, error) {
	data, err := fs.ReadFile(fsys, name)
	if errors.Is(err, fs.ErrNotExist) {
		return nil, nil
	}
	if err != nil {
		return nil, fmt.Errorf("history: read %s: %w", name, err)
	}
	rows, err := parquetout.Read[T](bytes.NewReader(data), int64(len(data)))
	if err != nil {
		return nil, fmt.Errorf("history: read %s: %w", name, err)
	}
	return rows, nil
}
