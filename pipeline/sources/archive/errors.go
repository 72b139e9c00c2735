package archive

import (
	"errors"
	"fmt"
)

// Errors of the store; match them with errors.Is.
var (
	// ErrNoVersion means the store holds no version of the source (at all, or on or
	// before the day asked for).
	ErrNoVersion = errors.New("no stored version")
	// ErrNotPublished means versions of the source are kept, but none was seen by
	// a run that published (they failed their run, or it was killed). It matches
	// ErrNoVersion too.
	ErrNotPublished = fmt.Errorf("%w published", ErrNoVersion)
	// ErrBadName means a source name or extension cannot be a file name: names are
	// letters, digits, '.', '_' and '-', starting with a letter or digit; extensions
	// letters and digits.
	ErrBadName = errors.New("bad source name or extension")
	// ErrCorruptLog means a complete line of versions.jsonl does not decode as a
	// version. A torn last line is not an error; see the package documentation.
	ErrCorruptLog = errors.New("corrupt versions log")
)

// LogError locates a problem in a source's versions.jsonl.
type LogError struct {
	File string // path of the log
	Line int    // 1-based line
	Err  error  // wraps ErrCorruptLog
}

// Error formats the error as "file:line: reason".
func (e *LogError) Error() string { return fmt.Sprintf("%s:%d: %v", e.File, e.Line, e.Err) }

// Unwrap returns the underlying error.
func (e *LogError) Unwrap() error { return e.Err }
