package job

import (
	"errors"
	"fmt"
	"sort"
	"strings"

	"synergy/pipeline/snapshot"
)

// ErrShrunk means a refresh brought far fewer rows than the published snapshots (an emptied
// or truncated source, most likely); nothing was published.
var ErrShrunk = errors.New("inputs shrank against the published snapshots")

// MaxShrink is the share of a guarded count a refresh may lose before the run stops:
// losing more than 10% of an instrument's parties or of the meetings is not a normal
// nightly change (withdrawals come one at a time).
const MaxShrink = 0.10

// DefaultShrinkWindow is how many of the latest published snapshots a count is
// compared against (their largest value): a source losing 9% a night for five
// nights is stopped on the second, not never.
const DefaultShrinkWindow = 7

// Prefixes of the guarded counts (snapshot.Manifest.GuardCounts).
const (
	guardFile       = "file/"              // rows per source file (participation, meetings, obligations)
	guardParties    = "parties/"           // states with a consent date, per instrument
	guardFilled     = "depositary_filled/" // of those, rows only the depositary's pages gave
	guardMeetings   = "meetings/"          // per instrument
	guardObligation = "obligations/"       // per instrument
)

// guardCounts are the counts a refresh must not lose in bulk: totals (meetings,
// agenda items, obligations, states), rows per source file (the depositary's
// pages excepted: their rows are the gaps of the membership files), and per instrument
// parties, meetings and obligations. depositary_filled/<instrument> counts the
// parties whose row comes from the depositary's pages (untc inputs) alone: it is
// reported, not guarded, since it can rightly fall when a membership file catches up.
func guardCounts(raw *Raw) map[string]int {
	c := map[string]int{
		"meetings":     len(raw.Meetings),
		"agenda_items": raw.AgendaItems.Len(),
		"obligations":  len(raw.Obligations),
		"states":       len(raw.States),
	}
	depositary := map[string]bool{}
	for _, in := range raw.Inputs {
		if in.Format == "untc" {
			depositary[in.File] = true
		}
	}
	for _, p := range raw.Participation {
		if !depositary[p.SourceFile] { // a page's rows are those the files lack: not guarded
			c[guardFile+p.SourceFile]++
		}
		if p.ConsentDate != nil {
			c[guardParties+p.InstrumentID]++
			if depositary[p.SourceFile] {
				c[guardFilled+p.InstrumentID]++
			}
		}
	}
	for _, m := range raw.Meetings {
		c[guardFile+m.SourceFile]++
		c[guardMeetings+m.InstrumentID]++
	}
	for _, o := range raw.Obligations {
		c[guardFile+o.SourceFile]++
		c[guardObligation+o.InstrumentID]++
	}
	return c
}

// baseline is, per guarded count, the largest value among recent snapshots and
// the snapshot that had it.
type baseline map[string]struct {
	value    int
	snapshot string
}

func baselineOf(recent []*snapshot.Snapshot) baseline {
	b := baseline{}
	for _, s := range recent {
		for k, v := range s.Manifest.GuardCounts {
			if cur, ok := b[k]; !ok || v > cur.value {
				b[k] = struct {
					value    int
					snapshot string
				}{v, s.Manifest.Snapshot}
			}
		}
	}
	return b
}

// checkShrink compares the new counts with the largest each had in the recent
// published snapshots (newest first; nil on a first run) and returns an error
// naming every count that fell by more than MaxShrink, with the parties the
// depositary's pages now fill alone listed apart. It also returns notes on
// depositary-filled parties that grew, for the log, shrunk or not.
func checkShrink(recent []*snapshot.Snapshot, now map[string]int) (notes []string, err error) {
	if len(recent) == 0 {
		return nil, nil
	}
	base := baselineOf(recent)
	keys := make([]string, 0, len(base))
	for k := range base {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	var shrank []string
	for _, k := range keys {
		before, after := base[k].value, now[k]
		if strings.HasPrefix(k, guardFilled) {
			continue
		}
		if before > 0 && float64(before-after) > MaxShrink*float64(before) {
			shrank = append(shrank, fmt.Sprintf("%s %d → %d (−%.0f%%, against %s)", k, before, after,
				100*float64(before-after)/float64(before), base[k].snapshot))
		}
	}
	for _, k := range sortedKeys(now) {
		if !strings.HasPrefix(k, guardFilled) {
			continue
		}
		inst := strings.TrimPrefix(k, guardFilled)
		if before, after := base[k].value, now[k]; after > before {
			notes = append(notes, fmt.Sprintf("%s: %d of %d parties now come from the depositary's pages alone (was at most %d): a membership file lost rows the pages cover",
				inst, after, now[guardParties+inst], before))
		}
	}
	if len(shrank) > 0 {
		msg := strings.Join(shrank, ", ")
		if len(notes) > 0 {
			msg += "; depositary-filled: " + strings.Join(notes, "; ")
		}
		return notes, fmt.Errorf("%w (largest of the last %d): %s; if this is real, rerun with --allow-shrink",
			ErrShrunk, len(recent), msg)
	}
	return notes, nil
}

func sortedKeys(m map[string]int) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}
