package history

import (
	"cmp"
	"slices"
	"time"
)

// TestResult is one data test's outcome in one run (table test_history).
type TestResult struct {
	RunID string `parquet:"run_id,dict"`
	// SnapshotID is the snapshot the run published, empty for a run that
	// published nothing (a failed data test stops the publish).
	SnapshotID  string    `parquet:"snapshot_id,dict"`
	RunAt       time.Time `parquet:"run_at,timestamp(millisecond)"` // UTC, to the millisecond
	Model       string    `parquet:"model,dict"`
	Check       string    `parquet:"check"`
	FailingRows int64     `parquet:"failing_rows"`
	Passed      bool      `parquet:"passed"` // the check ran and returned no row
}

// AppendResults returns the test history prev followed by the results of run,
// passes included: one row per run × model × check. Rows of prev whose run ID
// appears in run are replaced, so appending a run twice keeps it once. RunAt is
// normalised to UTC truncated to the millisecond (what the Parquet column
// holds), and rows are sorted by run_at, run_id, model and check. prev and run
// are not modified.
func AppendResults(prev []TestResult, run []TestResult) []TestResult {
	ids := map[string]bool{}
	for _, r := range run {
		ids[r.RunID] = true
	}
	out := make([]TestResult, 0, len(prev)+len(run))
	for _, r := range prev {
		if !ids[r.RunID] {
			out = append(out, r)
		}
	}
	out = append(out, run...)
	for i := range out {
		out[i].RunAt = out[i].RunAt.UTC().Truncate(time.Millisecond)
	}
	slices.SortStableFunc(out, func(a, b TestResult) int {
		return cmp.Or(
			a.RunAt.Compare(b.RunAt),
			cmp.Compare(a.RunID, b.RunID),
			cmp.Compare(a.Model, b.Model),
			cmp.Compare(a.Check, b.Check),
		)
	})
	return out
}
