package snapshot_test

import (
	"fmt"
	"os"
	"path/filepath"
	"time"

	"synergy/pipeline/snapshot"
)

// Four nightly snapshots across a month boundary; keeping the newest 1 still keeps
// the first snapshot of each month.
func ExamplePrune() {
	root, _ := os.MkdirTemp("", "prune-example-")
	defer os.RemoveAll(root)
	for _, id := range []string{
		"20261030T023000.000Z-aaaaaaaa", // first of October
		"20261031T023000.000Z-bbbbbbbb",
		"20261101T023000.000Z-cccccccc", // first of November
		"20261102T023000.000Z-dddddddd", // current
	} {
		st, _ := snapshot.Begin(root, id)
		os.WriteFile(filepath.Join(st.Dir(), "manifest.json"), []byte("{}"), 0o644)
		st.Commit()
	}
	now := time.Date(2026, 11, 2, 3, 0, 0, 0, time.UTC)
	removed, err := snapshot.Prune(root, 1, now)
	fmt.Println(removed, err)
	// Output:
	// [20261031T023000.000Z-bbbbbbbb] <nil>
}
