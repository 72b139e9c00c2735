package warehouse

import (
	"errors"
	"strings"

	duckdb "github.com/duckdb/duckdb-go/v2"
)

// Sentinels for the classes of DuckDB errors callers act on. Every error the
// package returns from a failed DuckDB call is an [*Error] whose Kind is one of
// these, so callers write errors.Is(err, warehouse.ErrCatalog) and never match
// DuckDB's message text. The class comes from the driver's error type
// (duckdb.Error.Type), not from the message.
var (
	// ErrCatalog: a table, view, function or macro does not exist or already
	// exists. A function of an extension that is not linked (st_point of spatial)
	// is a catalog error too, since the extension is never autoloaded.
	ErrCatalog = errors.New("catalog error")
	// ErrBinder: a column or parameter cannot be bound (unknown column, wrong
	// argument types).
	ErrBinder = errors.New("binder error")
	// ErrParser: the SQL does not parse (DuckDB's Parser and Syntax errors).
	ErrParser = errors.New("parser error")
	// ErrConstraint: a PRIMARY KEY, UNIQUE, NOT NULL, CHECK or FOREIGN KEY
	// constraint was violated.
	ErrConstraint = errors.New("constraint error")
	// ErrConversion: a value could not be cast or is out of range (DuckDB's
	// Conversion, Out of Range and Invalid Input errors).
	ErrConversion = errors.New("conversion error")
	// ErrIO: a file could not be read or written, including LOAD or INSTALL of an
	// extension that is not on disk.
	ErrIO = errors.New("io error")
	// ErrExtensionDownload: DuckDB needed an extension it could not autoload or
	// install (DuckDB's Missing Extension and Extension Autoloading errors).
	ErrExtensionDownload = errors.New("extension not available")
	// ErrNetwork: DuckDB tried the network (DuckDB's Network and HTTP errors).
	ErrNetwork = errors.New("network error")
	// ErrInterrupted: the query was interrupted, usually because its context was
	// cancelled; the error then also matches the context's error.
	ErrInterrupted = errors.New("query interrupted")
	// ErrOutOfMemory: the query exceeded memory_limit and could not spill.
	ErrOutOfMemory = errors.New("out of memory")
	// ErrReadOnly: a database opened by OpenReadOnly refused a statement that
	// could write or change it (COPY, ATTACH, INSTALL, SET …), or several
	// statements in one call.
	ErrReadOnly = errors.New("read-only database")
	// ErrClosed: the DB was used after Close.
	ErrClosed = errors.New("database closed")
	// ErrDuckDB: any other DuckDB error (planner, executor, internal …).
	ErrDuckDB = errors.New("duckdb error")
)

// kinds maps the driver's error types to the sentinels above; types not listed
// map to ErrDuckDB.
var kinds = map[duckdb.ErrorType]error{
	duckdb.ErrorTypeCatalog:          ErrCatalog,
	duckdb.ErrorTypeBinder:           ErrBinder,
	duckdb.ErrorTypeParser:           ErrParser,
	duckdb.ErrorTypeSyntax:           ErrParser,
	duckdb.ErrorTypeConstraint:       ErrConstraint,
	duckdb.ErrorTypeConversion:       ErrConversion,
	duckdb.ErrorTypeOutOfRange:       ErrConversion,
	duckdb.ErrorTypeInvalidInput:     ErrConversion,
	duckdb.ErrorTypeIO:               ErrIO,
	duckdb.ErrorTypeMissingExtension: ErrExtensionDownload,
	duckdb.ErrorTypeAutoLoad:         ErrExtensionDownload,
	duckdb.ErrorTypeNetwork:          ErrNetwork,
	duckdb.ErrorTypeHTTP:             ErrNetwork,
	duckdb.ErrorTypeInterrupt:        ErrInterrupted,
	duckdb.ErrorTypeOutOfMemory:      ErrOutOfMemory,
}

// Error is a failed DuckDB call. It matches its Kind and its cause under
// errors.Is; errors.As(err, **duckdb.Error) still reaches the driver's error for
// code inside this package's tests.
type Error struct {
	Op    string // "open", "exec", "query" or "copy"
	Query string // the statement as sent, "" for open
	Kind  error  // one of the Err… sentinels
	Err   error  // the driver's error (message starts with DuckDB's class, "Catalog Error: …")
}

func (e *Error) Error() string {
	return "warehouse " + e.Op + ": " + strings.TrimSpace(e.Err.Error())
}

// Unwrap returns the Kind and the cause.
func (e *Error) Unwrap() []error { return []error{e.Kind, e.Err} }

// wrapError classifies err (from the driver) as an [*Error]; nil stays nil.
func wrapError(op, query string, err error) error {
	if err == nil {
		return nil
	}
	kind := ErrDuckDB
	var de *duckdb.Error
	if errors.As(err, &de) {
		if k, ok := kinds[de.Type]; ok {
			kind = k
		}
	}
	return &Error{Op: op, Query: query, Kind: kind, Err: err}
}
