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

// evaluateChecks runs checks and returns their results in the same order: on db
// alone, or also on further sessions when db is a [Sessions].
func evaluateChecks(ctx context.Context, db DB, checks []Check) ([]CheckResult, error) {
	results := make([]CheckResult, len(checks))
	conns := []DB{db}
	if s, ok := db.(Sessions); ok && len(checks) > 1 {
		for range checkConnections - 1 {
			session, err := s.OpenSession(ctx)
			if err != nil {
				return nil, err
			}
			defer session.Close()
			conns = append(conns, session)
		}
	}
	var next atomic.Int64
	var wg sync.WaitGroup
	for _, conn := range conns {
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
	return results, errors.Join(ctx.Err())
}
