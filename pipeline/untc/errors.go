package untc

import (
	"errors"
	"fmt"
)

// Sentinel errors. Match them with [errors.Is]; a [*ParseError] wraps them with the
// file, line, column and field where the fault was found.
var (
	// ErrNoParticipantTable means the input holds no participant grid: no table row whose
	// first cell is "Participant" and which has a consent column (ratification, accession,
	// succession, acceptance, approval or consent to be bound). Decode returns it as the
	// page's error; nothing else on the page is read.
	ErrNoParticipantTable = errors.New("no participant table")
	// ErrUnknownColumn means the participant grid has a column the reader cannot interpret.
	ErrUnknownColumn = errors.New("unknown column in participant table")
	// ErrTooManyCells means a participant row has more cells than the grid's header.
	ErrTooManyCells = errors.New("more cells than the header")
	// ErrMissingName means a participant row has no participant name.
	ErrMissingName = errors.New("missing participant name")
	// ErrBadDate means a date cell is not "D Mon YYYY" or names an impossible date.
	ErrBadDate = errors.New("bad date")
	// ErrBadMarker means the marker after a date is not one the column's legend declares.
	ErrBadMarker = errors.New("bad marker")
	// ErrBadBracket means a date cell opens a square bracket without closing it, or the
	// reverse.
	ErrBadBracket = errors.New("unbalanced square bracket")
	// ErrTruncated means an HTML page ends with a table still open: the download was
	// cut short, and participants or notes are missing.
	ErrTruncated = errors.New("truncated page")
	// ErrRead means the input could not be read.
	ErrRead = errors.New("read input")
)

// ParseError is a fault in one place of one input: a rejected row (in [Page.Rejects]) or
// the reason a whole page could not be decoded.
type ParseError struct {
	File   string // the name given to Decode
	Line   int    // 1-based line in the input; 0 when the fault has no single place
	Column int    // 1-based byte column where the cell (or HTML <td>) starts; 0 if unknown
	Field  string // "participant", "signature", "provisional_application", "consent", "row"; "" for the page
	Err    error  // wraps one of the Err… sentinels
}

// Error formats the error as "file:line: field: reason", leaving out the parts that are
// unknown.
func (e *ParseError) Error() string {
	s := e.File
	if e.Line > 0 {
		s = fmt.Sprintf("%s:%d", s, e.Line)
	}
	if e.Field != "" {
		s += ": " + e.Field
	}
	return s + ": " + e.Err.Error()
}

// Unwrap returns the underlying error.
func (e *ParseError) Unwrap() error { return e.Err }

// Place returns where e is, for [rawtable.RejectOf]; a page keeps no raw row text.
func (e *ParseError) Place() (file string, line int, field, raw string) {
	return e.File, e.Line, e.Field, ""
}

// badValue wraps sentinel with the offending text.
func badValue(sentinel error, value string) error {
	return fmt.Errorf("%w %q", sentinel, value)
}
