package agenda

import (
	"errors"
	"strconv"
)

// Errors reported by [Decode]. A fatal error (the file cannot be identified or its
// first line cannot be read) is returned by Decode; a bad body line becomes a
// [*ParseError] in [Agenda.Rejects]. Either way the sentinel is reachable with
// [errors.Is] and the position with [errors.As].
var (
	// ErrBadFileName: the file name is not <INSTRUMENT>_<CODE>.<lang>.txt.
	ErrBadFileName = errors.New("file name is not <INSTRUMENT>_<CODE>.<lang>.txt")
	// ErrBadLang: the file name's language is not one of ar, zh, en, fr, es, ru.
	ErrBadLang = errors.New("language is not one of ar, zh, en, fr, es, ru")
	// ErrEmpty: the input has no first line.
	ErrEmpty = errors.New("empty file")
	// ErrNoDescriptor: line 1 has nothing (symbol, note or title) before its URLs.
	ErrNoDescriptor = errors.New("no document symbol or note before the source URL")
	// ErrNoSource: line 1 has no " | " followed by an http(s) URL.
	ErrNoSource = errors.New("no source URL")
	// ErrBadURL: one of the URLs on line 1 is not an absolute http(s) URL.
	ErrBadURL = errors.New("source is not an http(s) URL")
	// ErrInvalidUTF8: a line is not valid UTF-8.
	ErrInvalidUTF8 = errors.New("invalid UTF-8")
	// ErrLineTooLong: a line is longer than [MaxLineBytes].
	ErrLineTooLong = errors.New("line too long")
	// ErrDuplicateHeader: a Meeting or Status line appears twice.
	ErrDuplicateHeader = errors.New("duplicate header line")
	// ErrMisplacedHeader: a Meeting or Status line appears after the first item.
	ErrMisplacedHeader = errors.New("header line after the items began")
	// ErrEmptyTitle: an item number has no title after it.
	ErrEmptyTitle = errors.New("item has no title")
	// ErrOrphanSubItem: an indented sub-item comes before any top-level item.
	ErrOrphanSubItem = errors.New("sub-item has no parent item")
	// ErrSubItemParent: an indented sub-item's number does not start with its
	// parent's number.
	ErrSubItemParent = errors.New("sub-item number does not extend its parent's")
	// ErrDuplicateNumber: an item number is used twice in one file.
	ErrDuplicateNumber = errors.New("duplicate item number")
	// ErrUnrecognisedLine: a line is neither header, item, sub-item, section
	// heading, gap marker nor blank.
	ErrUnrecognisedLine = errors.New("line is not a header, item, sub-item, section heading or gap marker")
	// ErrNoItems: the file has no agenda item.
	ErrNoItems = errors.New("no agenda items")
)

// ParseError is a problem at one place in one agenda file. Line is 1-based; 0 means
// the file as a whole (its name, or the absence of items). Field names the part of
// the format concerned ("file_name", "lang", "source", "header", "item", "line").
// Raw is the offending line as read (after BOM and CR removal), empty when Line is 0.
type ParseError struct {
	File  string // base name of the file
	Line  int
	Field string
	Raw   string
	Err   error
}

// Error returns "file:line: field: reason", or "file: field: reason" when Line is 0.
func (e *ParseError) Error() string {
	s := e.File
	if e.Line > 0 {
		s += ":" + strconv.Itoa(e.Line)
	}
	return s + ": " + e.Field + ": " + e.Err.Error()
}

// Unwrap returns the underlying error, usually one of the Err… sentinels.
func (e *ParseError) Unwrap() error { return e.Err }

// Place returns where e is, for [rawtable.RejectOf].
func (e *ParseError) Place() (file string, line int, field, raw string) {
	return e.File, e.Line, e.Field, e.Raw
}
