package warehouse

import (
	"context"
	"errors"
)

// Session opens a second connection to the same database. It sees every table,
// view and macro the other connections made, has synergy's SQL functions and the
// same settings, and runs its statements beside them: work that only reads (the
// data tests) can then use both threads of a small machine for many small
// queries, where one query at a time leaves one idle. Close the session before
// the DB; closing it leaves the database open.
func (d *DB) Session(ctx context.Context) (*DB, error) {
	d.mu.Lock()
	defer d.mu.Unlock()
	if d.closed {
		return nil, &Error{Op: "session", Kind: ErrClosed, Err: errors.New("database is closed")}
	}
	conn, err := d.sqlDB.Conn(ctx)
	if err != nil {
		return nil, wrapError("session", "", ctxErr(ctx, err))
	}
	if err := registerFunctions(conn); err != nil {
		return nil, errors.Join(wrapError("session", "", err), conn.Close())
	}
	return &DB{sqlDB: d.sqlDB, conn: conn, tempDir: d.tempDir, readOnly: d.readOnly, session: true, memoryLimit: d.memoryLimit}, nil
}
