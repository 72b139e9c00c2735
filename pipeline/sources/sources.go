// Package sources reads a run's sources manifest (datasets/sources.json): which input
// files a run reads, with which reader, feeding which raw tables.
package sources

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"path/filepath"
	"sort"
	"strings"

	"synergy/pipeline/formats"
)

// Formats are the readers a source may name: the formats of package formats' table.
var Formats = formats.Names()

// Errors of the manifest reader; match them with errors.Is.
var (
	ErrSyntax        = errors.New("manifest is not valid JSON")
	ErrUnknownFormat = errors.New("unknown format")
	ErrMissingField  = errors.New("required field missing")
	ErrDuplicateName = errors.New("duplicate source name")
	ErrNoFiles       = errors.New("path matches no file")
	ErrNotOne        = errors.New("not exactly one file")
)

// Error locates a manifest problem.
type Error struct {
	File string
	Line int
	Err  error
}

func (e *Error) Error() string { return fmt.Sprintf("%s:%d: %v", e.File, e.Line, e.Err) }
func (e *Error) Unwrap() error { return e.Err }

// Source is one entry of the manifest.
type Source struct {
	Name   string   `json:"name"`
	Path   string   `json:"path,omitempty"` // a local file or glob, relative to the manifest
	URL    string   `json:"url,omitempty"`  // or an HTTP(S) feed, fetched each run (docs/sources.md)
	Format string   `json:"format"`
	Feeds  []string `json:"feeds"`
	About  string   `json:"about"`
	// Captured is the day (YYYY-MM-DD) a snapshot of a changing source, such as a
	// depositary status page, was taken; required for format untc. A fetched page
	// may say CapturedAsAt instead: its day is the page's own status date.
	Captured string `json:"captured,omitempty"`
}

// CapturedAsAt is the captured value that dates a fetched status page by the
// "STATUS AS AT" line of its header rather than by a fixed day.
const CapturedAsAt = "status-as-at"

// Manifest is the parsed sources manifest.
type Manifest struct {
	Description string   `json:"description"`
	Sources     []Source `json:"sources"`
}

// Parse reads a manifest; file names it in errors.
func Parse(r io.Reader, file string) (*Manifest, error) {
	data, err := io.ReadAll(r)
	if err != nil {
		return nil, &Error{File: file, Err: err}
	}
	var m Manifest
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&m); err != nil {
		line := 1
		var se *json.SyntaxError
		var te *json.UnmarshalTypeError
		switch {
		case errors.As(err, &se):
			line = lineAt(data, se.Offset)
		case errors.As(err, &te):
			line = lineAt(data, te.Offset)
		}
		return nil, &Error{File: file, Line: line, Err: fmt.Errorf("%w: %v", ErrSyntax, err)}
	}
	seen := map[string]bool{}
	for i, s := range m.Sources {
		line := lineOfEntry(data, s.Name)
		switch {
		case s.Name == "" || (s.Path == "") == (s.URL == "") || s.Format == "":
			return nil, &Error{File: file, Line: line, Err: fmt.Errorf("%w: source %d needs a name, a format and either a path or a url", ErrMissingField, i+1)}
		case s.URL != "" && !strings.HasPrefix(s.URL, "http://") && !strings.HasPrefix(s.URL, "https://"):
			return nil, &Error{File: file, Line: line, Err: fmt.Errorf("%w: source %s: url %q is not http(s)", ErrMissingField, s.Name, s.URL)}
		case !known(s.Format):
			return nil, &Error{File: file, Line: line, Err: fmt.Errorf("%w %q for %s (known: %s)", ErrUnknownFormat, s.Format, s.Name, strings.Join(Formats, ", "))}
		case s.Format == "untc" && s.Captured == "":
			return nil, &Error{File: file, Line: line, Err: fmt.Errorf("%w: source %s (untc) needs its captured date", ErrMissingField, s.Name)}
		case seen[s.Name]:
			return nil, &Error{File: file, Line: line, Err: fmt.Errorf("%w %q", ErrDuplicateName, s.Name)}
		}
		seen[s.Name] = true
	}
	return &m, nil
}

// Remote reports whether the source is fetched from a URL rather than read from disk.
func (s Source) Remote() bool { return s.URL != "" }

// Files expands a source's path (relative to dir, glob allowed) into sorted file
// paths, so runs read inputs in a stable order. A path matching nothing is an error.
func (s Source) Files(dir string) ([]string, error) {
	pattern := filepath.Join(dir, filepath.FromSlash(s.Path))
	files, err := filepath.Glob(pattern)
	if err != nil {
		return nil, fmt.Errorf("source %s: %w", s.Name, err)
	}
	if len(files) == 0 {
		return nil, fmt.Errorf("source %s: %w: %s", s.Name, ErrNoFiles, pattern)
	}
	sort.Strings(files)
	return files, nil
}

// OnlyFile returns the file of the one local source of format, under dir, for the
// catalogues a run reads exactly one of. It is an error wrapping [ErrNotOne] when
// the manifest names no such file or several.
func (m *Manifest) OnlyFile(dir, format string) (string, error) {
	var files []string
	for _, s := range m.Sources {
		if s.Format != format {
			continue
		}
		if s.Remote() {
			return "", fmt.Errorf("source %s: %w: a %s source must be a local file", s.Name, ErrNotOne, format)
		}
		fs, err := s.Files(dir)
		if err != nil {
			return "", err
		}
		files = append(files, fs...)
	}
	if len(files) != 1 {
		return "", fmt.Errorf("the sources manifest must name exactly one %s file: %w", format, ErrNotOne)
	}
	return files[0], nil
}

func known(f string) bool {
	_, ok := formats.Lookup(f)
	return ok
}

func lineAt(data []byte, offset int64) int {
	if offset > int64(len(data)) {
		offset = int64(len(data))
	}
	return 1 + bytes.Count(data[:offset], []byte("\n"))
}

// lineOfEntry finds the line of the entry whose name is given, for error messages.
func lineOfEntry(data []byte, name string) int {
	if name == "" {
		return 1
	}
	i := bytes.Index(data, []byte(`"name": "`+name+`"`))
	if i < 0 {
		return 1
	}
	return lineAt(data, int64(i))
}
