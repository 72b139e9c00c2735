package job

import (
	"fmt"
	"time"
)

// blobCopy copies the inputs the store lacks on one goroutine while the run
// builds: a first run at scale keeps 200,000 small files, which then cost the
// file system's time beside DuckDB's instead of after it. The blobs are named by
// their content, so a run that fails leaves at most unnamed copies; only the
// listing, stored after the snapshot is ready, makes them part of a kept day.
type blobCopy struct {
	listing string
	done    chan struct{}
	err     error
}

// startKeeping starts copying this run's local inputs into the store (nothing on
// a replay, which keeps nothing new). Call keepInputs, or wait on every path.
func (r *runState) startKeeping(in *sourcesRead) error {
	if r.cfg.Replay {
		return nil
	}
	missing, listing, err := inputsToKeep(in.store, r.localInputs(in))
	if err != nil {
		return fmt.Errorf("keep inputs for replay: %w", err)
	}
	k := &blobCopy{listing: listing, done: make(chan struct{})}
	go func() {
		defer close(k.done)
		start := time.Now()
		for _, x := range missing {
			if err := keepOne(in.store, r.cfg.DatasetsDir, x); err != nil {
				k.err = err
				return
			}
		}
		r.log.Info("inputs copied for replay", "files", len(missing), "duration", time.Since(start).Round(time.Millisecond))
	}()
	r.keeping = k
	return nil
}

// waitKeeping waits for the copy startKeeping began, if any, and returns its error.
func (r *runState) waitKeeping() error {
	if r.keeping == nil {
		return nil
	}
	<-r.keeping.done
	return r.keeping.err
}

// localInputs are the inputs a replay needs from the store: sources.json and
// every local file the run read.
func (r *runState) localInputs(in *sourcesRead) []Input {
	local := []Input{in.manifestIn}
	for _, x := range r.raw.Inputs {
		if !x.Remote {
			local = append(local, x)
		}
	}
	return local
}
