package job

import (
	"errors"
	"fmt"
	"sort"
	"strings"

	"synergy/pipeline/snapshot"
)

// ErrShrunk means a refresh brought far fewer rows than the published snapshot (an emptied
// or truncated source, most likely); nothing was published.
var ErrShrunk = errors.New("inputs shrank against the published snapshot")

// MaxShrink is the share of a guarded count a refresh may lose before the run stops:
// losing more than 10% of an instrument's parties or of the meetings is not a normal
// nightly change (withdrawals come one at a time).
const MaxShrink = 0.10

// guardCounts are the counts a refresh must not lose in bulk: parties per instrument
// (states with a consent date), meetings, agenda items and obligations.
func guardCounts(raw *Raw) map[string]int {
	c := map[string]int{
		"meetings":     len(raw.Meetings),
		"agenda_items": len(raw.AgendaItems),
		"obligations":  len(raw.Obligations),
		"states":       len(raw.States),
	}
	for _, p := range raw.Participation {
		if p.ConsentDate != nil {
			c["parties/"+p.InstrumentID]++
		}
	}
	return c
}

// checkShrink compares the new counts with the published snapshot's and returns an
// error naming everything that shrank by more than MaxShrink. A first run (published
// nil), or a snapshot without counts, passes.
func checkShrink(published *snapshot.Snapshot, now map[string]int) error {
	if published == nil {
		return nil
	}
	prev := &published.Manifest
	keys := make([]string, 0, len(prev.GuardCounts))
	for k := range prev.GuardCounts {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	var shrank []string
	for _, k := range keys {
		before, after := prev.GuardCounts[k], now[k]
		if before > 0 && float64(before-after) > MaxShrink*float64(before) {
			shrank = append(shrank, fmt.Sprintf("%s %d → %d (−%.0f%%)", k, before, after, 100*float64(before-after)/float64(before)))
		}
	}
	if len(shrank) > 0 {
		return fmt.Errorf("%w %s: %s; if this is real, rerun with --allow-shrink",
			ErrShrunk, prev.Snapshot, strings.Join(shrank, ", "))
	}
	return nil
}
