package models

import (
	"context"
	"errors"
	"sync"
	"sync/atomic"
)

// Sessions is a [DB] that can open more connections to the same database. The
// data tests are many small read-only queries, each mostly planning on one
// thread: with a second connection [Run] and [RunPartial] run them two at a
// time.
type Sessions interface {
	DB
	OpenSession(ctx context.Context) (Session, error)
}

// Session is a further connection opened by [Sessions.OpenSession].
type Session interface {
	DB
	Close() error
}

// checkConnections is how many connections run the data tests at once: the
// machines synergy targets have two cores, and DuckDB's threads are per query.
const checkConnections = 2

// checkRunner runs data tests on db and, when db is a [Sessions], on as many
// further connections as checkConnections allows, opened once per build.
type checkRunner struct {
	conns    []DB
	sessions []Session
}

// openCheckRunner opens the connections the checks of one build run on. Close it.
func openCheckRunner(ctx context.Context, db DB) (*checkRunner, error) {
	cr := &checkRunner{conns: []DB{db}}
	s, ok := db.(Sessions)
	if !ok {
		return cr, nil
	}
	for range checkConnections - 1 {
		session, err := s.OpenSession(ctx)
		if err != nil {
			return nil, errors.Join(err, cr.Close())
		}
		cr.sessions = append(cr.sessions, session)
		cr.conns = append(cr.conns, session)
	}
	return cr, nil
}

// Close closes the further connections; db stays open.
func (cr *checkRunner) Close() error {
	var errs []error
	for _, s := range cr.sessions {
		errs = append(errs, s.Close())
	}
	cr.sessions, cr.conns = nil, cr.conns[:1]
	return errors.Join(errs...)
}

// run runs checks and returns their results in the same order. Each connection
// takes the next check not yet taken, so one slow check does not hold the rest.
func (cr *checkRunner) run(ctx context.Context, checks []Check) ([]CheckResult, error) {
	results := make([]CheckResult, len(checks))
	var next atomic.Int64
	var wg sync.WaitGroup
	for _, conn := range cr.conns[:min(len(cr.conns), max(1, len(checks)))] {
		wg.Go(func() {
			for {
				i := int(next.Add(1)) - 1
				if i >= len(checks) || ctx.Err() != nil {
					return
				}
				results[i] = runCheck(ctx, conn, checks[i])
			}
		})
	}
	wg.Wait()
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	return results, nil
}
