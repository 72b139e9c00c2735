package themes

import (
	"errors"
	"fmt"
)

// Sentinel errors. Every error [Load] returns wraps one of them in a [*ParseError];
// match them with errors.Is.
var (
	ErrHeader         = errors.New("themes: bad header")
	ErrFieldCount     = errors.New("themes: wrong number of fields")
	ErrEmptyField     = errors.New("themes: empty field")
	ErrDuplicateTheme = errors.New("themes: duplicate theme_id")
	ErrUnknownTheme   = errors.New("themes: unknown theme_id")
	ErrBadLang        = errors.New("themes: unsupported lang")
	ErrBadMatch       = errors.New("themes: unsupported match kind")
	ErrEmptyTerm      = errors.New("themes: term is empty after normalisation")
	ErrBadURL         = errors.New("themes: source_url is not an http(s) URL")
	ErrNoThemes       = errors.New("themes: no themes")
)

// ParseError reports a bad row of themes.csv or theme_terms.csv. Line is 1-based and
// counts the header; Column is 1-based, 0 when the whole row is at fault.
type ParseError struct {
	File   string // "themes.csv" or "theme_terms.csv"
	Line   int
	Column int
	Err    error
}

func (e *ParseError) Error() string {
	if e.Column > 0 {
		return fmt.Sprintf("%s line %d column %d: %v", e.File, e.Line, e.Column, e.Err)
	}
	return fmt.Sprintf("%s line %d: %v", e.File, e.Line, e.Err)
}

// Unwrap returns the sentinel (or the csv package's error) behind e.
func (e *ParseError) Unwrap() error { return e.Err }

func parseErr(file string, line, col int, err error) error {
	return &ParseError{File: file, Line: line, Column: col, Err: err}
}

func fieldErr(file string, line, col int, sentinel error, format string, args ...any) error {
	return parseErr(file, line, col, fmt.Errorf("%w: "+format, append([]any{sentinel}, args...)...))
}
