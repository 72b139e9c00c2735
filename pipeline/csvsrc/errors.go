package csvsrc

import (
	"errors"
	"fmt"
	"strings"
)

// Sentinel errors. File-level failures come wrapped in a *[ParseError]; row-level ones
// become the reason of a rawtable.Reject. Match them with errors.Is.
var (
	// ErrNoHeader means the input is empty: not even a header line.
	ErrNoHeader = errors.New("no header line")
	// ErrMissingColumn means the header lacks a column the reader needs.
	ErrMissingColumn = errors.New("missing column")
	// ErrDuplicateColumn means the header names a column twice.
	ErrDuplicateColumn = errors.New("duplicate column")
	// ErrMalformedCSV means the input is not well-formed CSV (e.g. a bare or
	// unterminated quote); the whole file is refused.
	ErrMalformedCSV = errors.New("malformed CSV")

	// ErrFieldCount means a row has a different number of fields from the header.
	ErrFieldCount = errors.New("wrong number of fields")
	// ErrNotUTF8 means a row is not valid UTF-8 (the reject names the first bad
	// field), or, in a *ParseError at line 1, that the whole file is UTF-16.
	ErrNotUTF8 = errors.New("not valid UTF-8")
	// ErrFieldTooLong means a field is longer than [MaxFieldBytes].
	ErrFieldTooLong = errors.New("field too long")
	// ErrDuplicate means a row repeats an earlier row exactly; the reason reads
	// "duplicate of line N".
	ErrDuplicate = errors.New("duplicate")
	// ErrMissingValue means a required field is empty.
	ErrMissingValue = errors.New("missing value")
	// ErrBadDate means a date is not a possible calendar date in the expected form.
	ErrBadDate = errors.New("bad date")
	// ErrDateOrder means two dates of a row are in an impossible order.
	ErrDateOrder = errors.New("dates out of order")
	// ErrUnknownInstrument means the instrument is not one of the known treaties.
	ErrUnknownInstrument = errors.New("unknown instrument")
	// ErrUnknownState means a state or country name resolves to no state.
	ErrUnknownState = errors.New("unknown state")
	// ErrStateMismatch means the iso3 column names a different state from state_name.
	ErrStateMismatch = errors.New("iso3 does not match state_name")
	// ErrBadConsentType means consent_type is not a known kind of consent.
	ErrBadConsentType = errors.New("unknown consent type")
	// ErrBadFlag means an agenda flag is not true, false, unknown or empty.
	ErrBadFlag = errors.New("bad flag")
	// ErrBadTheme means an obligation's theme is not clearance, stockpile_destruction
	// or victim_assistance.
	ErrBadTheme = errors.New("unknown theme")
	// ErrBadArticle means an obligation's article is not the one its instrument gives
	// its theme (APMBC 5 clearance, CCM 3 stockpile destruction, …).
	ErrBadArticle = errors.New("article does not match theme")
	// ErrBadStatus means an obligation's status is not ongoing, completed or overdue,
	// or a meeting's is not held, planned, postponed or cancelled.
	ErrBadStatus = errors.New("unknown status")
	// ErrBadMode means a meeting's mode column is not in_person, online, hybrid or
	// written_procedure.
	ErrBadMode = errors.New("unknown mode")
	// ErrModeConflict means a meeting row states two different modes (e.g. its title
	// says "(hybrid)" and its city "(virtual)").
	ErrModeConflict = errors.New("conflicting modes")
)

// ParseError is a failure of a whole input file: a missing column, or CSV that
// cannot be tokenised. Line and Column are 1-based; 0 means not applicable.
type ParseError struct {
	File   string // the file name given to the reader
	Line   int    // line of the failure
	Column int    // byte column of the failure, when known
	Field  string // the column concerned, when known
	Err    error  // wraps one of the Err… sentinels
}

func (e *ParseError) Error() string {
	var b strings.Builder
	b.WriteString("csvsrc: ")
	b.WriteString(e.File)
	if e.Line > 0 {
		fmt.Fprintf(&b, ":%d", e.Line)
		if e.Column > 0 {
			fmt.Fprintf(&b, ":%d", e.Column)
		}
	}
	if e.Field != "" {
		fmt.Fprintf(&b, ": column %s", e.Field)
	}
	fmt.Fprintf(&b, ": %v", e.Err)
	return b.String()
}

// Unwrap returns the underlying error.
func (e *ParseError) Unwrap() error { return e.Err }

// fieldError is a row-level failure of one field; its text becomes a Reject reason.
type fieldError struct {
	field string
	err   error
}

func (e *fieldError) Error() string { return e.err.Error() }
func (e *fieldError) Unwrap() error { return e.err }

// fieldErr returns a *fieldError wrapping sentinel with detail.
func fieldErr(field string, sentinel error, format string, args ...any) *fieldError {
	return &fieldError{field: field, err: fmt.Errorf("%w: "+format, append([]any{sentinel}, args...)...)}
}

// errNoSource refuses a row that cites no source: synergy ships no fact without the
// source it was read in (a row filled from memory has none).
func errNoSource() *fieldError {
	return fieldErr("source_url", ErrMissingValue, "no source cited for this row")
}
