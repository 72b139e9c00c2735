package models

import (
	"errors"
	"fmt"
	"strings"
)

// Sentinels; errors returned by this package match them under errors.Is.
var (
	// ErrName: a file under the SQL FS does not match NamePattern, or two models
	// share a name.
	ErrName = errors.New("bad model file name")
	// ErrHeader: a model's header comment is missing a field or has a bad check.
	ErrHeader = errors.New("bad model header")
	// ErrSQL: a model file is not exactly one statement.
	ErrSQL = errors.New("bad model sql")
	// ErrDependency: a model references a model of a later layer, a staging model
	// references another model, or models reference each other in a cycle.
	ErrDependency = errors.New("bad model dependency")
	// ErrBuild: building a raw view, a macro or a model failed in the database.
	ErrBuild = errors.New("model build failed")
	// ErrCheckFailed: a data check returned failing rows or could not run.
	ErrCheckFailed = errors.New("model check failed")
	// ErrNoGrain: a mart to export has no unique check to order its rows by.
	ErrNoGrain = errors.New("mart has no unique grain")
	// ErrNoPartition: a partial build was asked of a mart that declares no
	// partition ('-- partition: none' or no such line).
	ErrNoPartition = errors.New("mart has no partition to rebuild in part")
)

// FileError is a problem with one SQL file, at a line when known (0 otherwise).
type FileError struct {
	Path string
	Line int
	Err  error // wraps one of ErrName, ErrHeader, ErrSQL, ErrDependency
}

func (e *FileError) Error() string {
	if e.Line > 0 {
		return fmt.Sprintf("%s:%d: %v", e.Path, e.Line, e.Err)
	}
	return fmt.Sprintf("%s: %v", e.Path, e.Err)
}

func (e *FileError) Unwrap() error { return e.Err }

func fileErr(path string, line int, kind error, format string, args ...any) error {
	return &FileError{Path: path, Line: line, Err: fmt.Errorf("%w: %s", kind, fmt.Sprintf(format, args...))}
}

// CheckError is one failed check: its result, with sample rows, or the error
// that kept it from running.
type CheckError struct {
	Result CheckResult
	Err    error // non-nil when the check query itself failed
}

func (e *CheckError) Error() string {
	r := e.Result
	if e.Err != nil {
		return fmt.Sprintf("model %s: check %s could not run: %v", r.Model, r.Name, e.Err)
	}
	var b strings.Builder
	fmt.Fprintf(&b, "model %s: check %s: %d failing rows", r.Model, r.Name, r.FailingRows)
	for i, row := range r.Samples {
		if i == 0 {
			b.WriteString(", e.g. ")
		} else {
			b.WriteString("; ")
		}
		b.WriteString("{")
		for j, v := range row {
			if j > 0 {
				b.WriteString(", ")
			}
			if v == nil {
				v = "NULL"
			}
			fmt.Fprintf(&b, "%s=%v", r.Columns[j], v)
		}
		b.WriteString("}")
	}
	return b.String()
}

// Unwrap returns ErrCheckFailed and, when the check could not run, its cause.
func (e *CheckError) Unwrap() []error {
	if e.Err != nil {
		return []error{ErrCheckFailed, e.Err}
	}
	return []error{ErrCheckFailed}
}
