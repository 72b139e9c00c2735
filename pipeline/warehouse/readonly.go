package warehouse

import (
	"context"
	"errors"
	"fmt"
	"strings"

	duckdb "github.com/duckdb/duckdb-go/v2"
)

// readOnlyStatements are the statement types a read-only [DB] runs: reading,
// and making objects in its own in-memory catalog (temporary tables, views,
// macros), which disappear with it. Everything else is refused before DuckDB
// sees it: COPY and EXPORT (they write files), ATTACH and DETACH, INSTALL and
// LOAD, PREPARE and EXECUTE (which would run a statement unchecked), SET and
// RESET (the configuration is locked anyway), VACUUM, and several statements
// at once.
var readOnlyStatements = map[duckdb.StmtType]bool{
	duckdb.STATEMENT_TYPE_SELECT:       true,
	duckdb.STATEMENT_TYPE_EXPLAIN:      true,
	duckdb.STATEMENT_TYPE_PRAGMA:       true,
	duckdb.STATEMENT_TYPE_CALL:         true,
	duckdb.STATEMENT_TYPE_CREATE:       true,
	duckdb.STATEMENT_TYPE_CREATE_FUNC:  true,
	duckdb.STATEMENT_TYPE_DROP:         true,
	duckdb.STATEMENT_TYPE_INSERT:       true,
	duckdb.STATEMENT_TYPE_UPDATE:       true,
	duckdb.STATEMENT_TYPE_DELETE:       true,
	duckdb.STATEMENT_TYPE_ALTER:        true,
	duckdb.STATEMENT_TYPE_TRANSACTION:  true,
	duckdb.STATEMENT_TYPE_ANALYZE:      true,
	duckdb.STATEMENT_TYPE_VARIABLE_SET: true,
}

// OpenReadOnly opens a database that can read the files in readable and write
// nowhere, for the commands that read a published snapshot. It opens like
// [Open], runs setup (statements registering views over those files, say) with
// full access, and then:
//
//   - turns off enable_external_access with allowed_paths set to readable and
//     allowed_directories to its own scratch folder: no other file can be read,
//     created or written, by any statement or function;
//   - locks the configuration (lock_configuration): SET of any option fails, so
//     extensions stay impossible to install, autoload or load;
//   - runs only one statement per call, of a type in a short list (reading,
//     and objects of its own in-memory catalog): a COPY or EXPORT into one of
//     readable, an ATTACH, an INSTALL, a PREPARE are refused with [ErrReadOnly]
//     before DuckDB sees them.
func OpenReadOnly(ctx context.Context, opts Options, setup string, readable []string) (*DB, error) {
	d, err := Open(ctx, opts)
	if err != nil {
		return nil, err
	}
	if setup != "" {
		if err := d.Exec(ctx, setup); err != nil {
			d.Close()
			return nil, err
		}
	}
	quoted := make([]string, len(readable))
	for i, p := range readable {
		quoted[i] = QuoteString(p)
	}
	lock := fmt.Sprintf("set allowed_paths = [%s];\nset allowed_directories = [%s];\n"+
		"set enable_external_access = false;\nset lock_configuration = true;",
		strings.Join(quoted, ", "), QuoteString(d.tempDir+"/"))
	if err := d.Exec(ctx, lock); err != nil {
		d.Close()
		return nil, err
	}
	d.readOnly = true
	return d, nil
}

// ReadOnly reports whether d was opened by [OpenReadOnly].
func (d *DB) ReadOnly() bool { return d.readOnly }

// allow checks query against a read-only DB's rules (see OpenReadOnly); a DB
// opened by Open allows everything. The caller holds d.mu.
func (d *DB) allow(op, query string) error {
	if !d.readOnly {
		return nil
	}
	refuse := func(why string) error {
		return &Error{Op: op, Query: query, Kind: ErrReadOnly, Err: errors.New(why)}
	}
	var typ duckdb.StmtType
	err := d.conn.Raw(func(dc any) error {
		c, ok := dc.(*duckdb.Conn)
		if !ok {
			return fmt.Errorf("driver connection is %T", dc)
		}
		// Prepare without a context prepares one statement and refuses several,
		// where PrepareContext would run all but the last.
		st, err := c.Prepare(query)
		if err != nil {
			return err
		}
		defer st.Close()
		typ, err = st.(*duckdb.Stmt).StatementType()
		return err
	})
	switch {
	case err != nil && strings.Contains(err.Error(), "multi-statement"):
		return refuse("one statement at a time: the snapshot is read with one statement per call")
	case err != nil:
		return wrapError(op, query, err)
	case !readOnlyStatements[typ]:
		return refuse(fmt.Sprintf("%s statements are not allowed: a published snapshot is read only (reading commands cannot write files, attach databases, load extensions or change settings)", statementName(typ)))
	}
	return nil
}

// statementName names a statement type for an error message.
func statementName(t duckdb.StmtType) string {
	names := map[duckdb.StmtType]string{
		duckdb.STATEMENT_TYPE_COPY: "COPY", duckdb.STATEMENT_TYPE_EXPORT: "EXPORT",
		duckdb.STATEMENT_TYPE_ATTACH: "ATTACH", duckdb.STATEMENT_TYPE_DETACH: "DETACH",
		duckdb.STATEMENT_TYPE_LOAD: "INSTALL/LOAD", duckdb.STATEMENT_TYPE_EXTENSION: "extension",
		duckdb.STATEMENT_TYPE_PREPARE: "PREPARE", duckdb.STATEMENT_TYPE_EXECUTE: "EXECUTE",
		duckdb.STATEMENT_TYPE_SET: "SET/RESET", duckdb.STATEMENT_TYPE_VACUUM: "VACUUM",
	}
	if n, ok := names[t]; ok {
		return n
	}
	return fmt.Sprintf("statement type %d", t)
}
