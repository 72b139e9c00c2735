package job

import (
	"fmt"

	"synergy/pipeline/changes"
	"synergy/pipeline/civil"
)

// writeChanges writes the staged snapshot's digest of what changed since the
// published one (package changes), after the history is written.
func (r *runState) writeChanges(stageDir string, in *sourcesRead) error {
	run := changes.Run{ID: r.id, AsOf: r.cfg.AsOf}
	prevDir := ""
	if p := in.published; p != nil {
		prevDir, run.PreviousID = p.Dir, p.Manifest.Snapshot
		if d, err := civil.ParseDay(p.Manifest.AsOf); err == nil {
			run.PreviousAsOf = d
		}
	}
	d, err := changes.FromSnapshots(stageDir, prevDir, run, in.failed)
	if err != nil {
		return fmt.Errorf("changes digest: %w", err)
	}
	d.HistoryNotes = r.hist.notes
	r.log.Info("changes", "since", run.PreviousID, "changes", len(d.Changes))
	return changes.Write(stageDir, d)
}
