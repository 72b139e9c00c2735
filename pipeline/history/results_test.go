package history

import (
	"slices"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
)

func TestAppendResults(t *testing.T) {
	paris := time.FixedZone("CET", 3600)
	t1 := time.Date(2024, 1, 1, 2, 0, 0, 0, time.UTC)
	t2 := time.Date(2024, 1, 2, 3, 0, 0, 0, paris).Add(1500 * time.Microsecond)
	run1 := []TestResult{
		{RunID: "r1", SnapshotID: "r1", RunAt: t1, Model: "meetings", Check: "unique(meeting_id)", Passed: true},
		{RunID: "r1", SnapshotID: "r1", RunAt: t1, Model: "meeting_pairs", Check: "not_null(a)", Passed: true},
	}
	run2 := []TestResult{
		{RunID: "r2", RunAt: t2, Model: "meetings", Check: "unique(meeting_id)", FailingRows: 2},
	}
	h1 := AppendResults(nil, run1)
	h2 := AppendResults(h1, run2)
	t2n := time.Date(2024, 1, 2, 2, 0, 0, 1_000_000, time.UTC)
	want := []TestResult{
		{RunID: "r1", SnapshotID: "r1", RunAt: t1, Model: "meeting_pairs", Check: "not_null(a)", Passed: true},
		{RunID: "r1", SnapshotID: "r1", RunAt: t1, Model: "meetings", Check: "unique(meeting_id)", Passed: true},
		{RunID: "r2", RunAt: t2n, Model: "meetings", Check: "unique(meeting_id)", FailingRows: 2},
	}
	if diff := cmp.Diff(want, h2); diff != "" {
		t.Errorf("history (-want +got):\n%s", diff)
	}
	if again := AppendResults(h2, run2); !cmp.Equal(h2, again) {
		t.Errorf("appending run 2 twice: %d rows, want %d", len(again), len(h2))
	}
	if run2[0].RunAt != t2 || run1[0].Model != "meetings" {
		t.Error("AppendResults modified its input")
	}
	// Whatever order the runs arrive in, the history is ordered by run time.
	if diff := cmp.Diff(h2, AppendResults(run2, slices.Clone(run1))); diff != "" {
		t.Errorf("order depends on the order of appending (-want +got):\n%s", diff)
	}
}
