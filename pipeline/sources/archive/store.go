package archive

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"sync"
	"time"

	"synergy/pipeline/civil"
)

// LogName is the file name of each source's versions log.
const LogName = "versions.jsonl"

// Statuses of a version, the values of [Version.Status].
const (
	StatusNew       = "new"       // content differs from the latest version before it
	StatusUnchanged = "unchanged" // content equals the latest version before it
)

var (
	namePattern = regexp.MustCompile(`^[A-Za-z0-9][A-Za-z0-9._-]{0,99}$`)
	extPattern  = regexp.MustCompile(`^[A-Za-z0-9]{1,16}$`)
	shaPattern  = regexp.MustCompile(`^[0-9a-f]{64}$`)
)

// Meta is what the origin said about the bytes, kept for the next conditional request.
type Meta struct {
	ETag         string // the ETag response header, as sent (quotes included); "" if none
	LastModified string // the Last-Modified response header, as sent; "" if none
}

// Version is one line of a source's versions log: one sighting of the source.
type Version struct {
	Name         string    // the source's name (its folder); not stored in the line
	SeenAt       time.Time // when the bytes were seen, UTC, whole seconds
	SHA256       string    // lower-case hex digest of the bytes
	Bytes        int64     // length of the bytes
	Ext          string    // extension of the content file, without the dot
	Origin       string    // URL or local path the bytes came from
	ETag         string    // see [Meta]
	LastModified string    // see [Meta]
	Status       string    // StatusNew or StatusUnchanged
	// Run names the run that saw the bytes ([Store.Run]); "" in lines written
	// before runs were named. Whether that run published is in the runs log
	// ([Store.RecordOutcome]).
	Run string
}

// Meta returns the version's ETag and Last-Modified.
func (v Version) Meta() Meta { return Meta{ETag: v.ETag, LastModified: v.LastModified} }

// line is the JSON form of a Version in versions.jsonl.
type line struct {
	SeenAt       string `json:"seen_at"`
	SHA256       string `json:"sha256"`
	Bytes        int64  `json:"bytes"`
	Ext          string `json:"ext"`
	Origin       string `json:"origin"`
	ETag         string `json:"etag"`
	LastModified string `json:"last_modified"`
	Status       string `json:"status"`
	Run          string `json:"run,omitempty"`
}

// Store is a folder of source versions; see the package documentation for its layout.
type Store struct {
	root string
	mu   sync.Mutex // serialises writes to the logs
	// Run names the run writing through this store: every line Put and
	// Unchanged append carries it, so that the run's outcome, recorded at its
	// end, tells whether the bytes it kept were published. Set it before the
	// first write.
	Run string
}

// Open returns the store in folder root, creating the folder if needed.
func Open(root string) (*Store, error) {
	if err := os.MkdirAll(root, 0o755); err != nil {
		return nil, fmt.Errorf("archive: open %s: %w", root, err)
	}
	return &Store{root: root}, nil
}

// Root returns the store's folder.
func (s *Store) Root() string { return s.root }

// Path returns the file holding v's bytes. v must come from this store.
func (s *Store) Path(v Version) string {
	return filepath.Join(s.root, v.Name, v.SHA256+"."+v.Ext)
}

// Put stores the bytes read from body as the content of source name seen at time at,
// coming from origin (a URL or a local path), with extension ext ("html", "ics",
// "csv") and the origin's meta. It reads body to its end and does not close it.
//
// The bytes are written once per distinct content: when a file with the same digest
// exists, it is kept and the new copy discarded. Put always appends a line to the log;
// the returned bool reports whether the content differs from the latest version
// before it (status "new"), false when it is the same ("unchanged"). at is stored in
// UTC to the second.
//
// name must be a plain file name and ext letters and digits, else [ErrBadName].
func (s *Store) Put(name, origin, ext string, body io.Reader, meta Meta, at time.Time) (Version, bool, error) {
	if err := checkName(name, ext); err != nil {
		return Version{}, false, err
	}
	sum, n, err := writeContent(filepath.Join(s.root, name), ext, body, true)
	if err != nil {
		return Version{}, false, fmt.Errorf("archive: put %s: %w", name, err)
	}

	s.mu.Lock()
	defer s.mu.Unlock()
	versions, end, err := s.read(name)
	if err != nil {
		return Version{}, false, err
	}
	v := Version{
		Name: name, SeenAt: at.UTC().Truncate(time.Second), SHA256: sum, Bytes: n, Ext: ext,
		Origin: origin, ETag: meta.ETag, LastModified: meta.LastModified, Status: StatusNew, Run: s.Run,
	}
	if prev, ok := latest(versions, time.Time{}); ok && prev.SHA256 == sum {
		v.Status = StatusUnchanged
	}
	if err := s.append(v, end); err != nil {
		return Version{}, false, err
	}
	return v, v.Status == StatusNew, nil
}

// Unchanged records that source name was seen at time at, from origin, with the
// content of its latest version, without reading the bytes again: the origin answered
// a conditional request with "304 Not Modified". It appends an "unchanged" line with
// the latest version's digest, length and extension and the given meta, and returns
// it. A source with no version gives [ErrNoVersion].
func (s *Store) Unchanged(name, origin string, meta Meta, at time.Time) (Version, error) {
	if err := checkName(name, "x"); err != nil {
		return Version{}, err
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	versions, end, err := s.read(name)
	if err != nil {
		return Version{}, err
	}
	prev, ok := latest(versions, time.Time{})
	if !ok {
		return Version{}, fmt.Errorf("archive: %w of %s", ErrNoVersion, name)
	}
	v := prev
	v.SeenAt, v.Origin, v.ETag, v.LastModified, v.Status = at.UTC().Truncate(time.Second), origin, meta.ETag, meta.LastModified, StatusUnchanged
	v.Run = s.Run
	if err := s.append(v, end); err != nil {
		return Version{}, err
	}
	return v, nil
}

// Versions returns every line of source name's log, oldest first; none (and no error)
// for a source the store has never seen.
func (s *Store) Versions(name string) ([]Version, error) {
	if err := checkName(name, "x"); err != nil {
		return nil, err
	}
	versions, _, err := s.read(name)
	return versions, err
}

// Latest returns the version of source name with the latest seen_at (of equal ones,
// the later line), or [ErrNoVersion].
func (s *Store) Latest(name string) (Version, error) {
	versions, err := s.Versions(name)
	if err != nil {
		return Version{}, err
	}
	v, ok := latest(versions, time.Time{})
	if !ok {
		return Version{}, fmt.Errorf("archive: %w of %s", ErrNoVersion, name)
	}
	return v, nil
}

// AsOf returns the version of source name that was current at the end of day (UTC):
// the one with the latest seen_at before midnight starting the next day, of equal
// ones the later line. A source first seen after that day gives [ErrNoVersion].
func (s *Store) AsOf(name string, day civil.Day) (Version, error) {
	versions, err := s.Versions(name)
	if err != nil {
		return Version{}, err
	}
	v, ok := latest(versions, day.AddDays(1).Time())
	if !ok {
		return Version{}, fmt.Errorf("archive: %w of %s on or before %s", ErrNoVersion, name, day)
	}
	return v, nil
}

// latest picks the version with the greatest SeenAt before cutoff (any, if cutoff is
// zero); the later one wins a tie.
func latest(versions []Version, cutoff time.Time) (Version, bool) {
	var best Version
	found := false
	for _, v := range versions {
		if !cutoff.IsZero() && !v.SeenAt.Before(cutoff) {
			continue
		}
		if !found || !v.SeenAt.Before(best.SeenAt) {
			best, found = v, true
		}
	}
	return best, found
}

// read decodes source name's log. end is the length of its terminated lines: what
// follows is a torn write, ignored, and cut off by the next append.
func (s *Store) read(name string) (versions []Version, end int64, err error) {
	path := filepath.Join(s.root, name, LogName)
	data, err := os.ReadFile(path)
	if errors.Is(err, fs.ErrNotExist) {
		return nil, 0, nil
	}
	if err != nil {
		return nil, 0, fmt.Errorf("archive: %w", err)
	}
	end = int64(bytes.LastIndexByte(data, '\n') + 1)
	for i, raw := range bytes.SplitAfter(data[:end], []byte("\n")) {
		raw = bytes.TrimSpace(raw)
		if len(raw) == 0 {
			continue
		}
		v, err := decodeLine(raw)
		if err != nil {
			return nil, 0, &LogError{File: path, Line: i + 1, Err: fmt.Errorf("%w: %w", ErrCorruptLog, err)}
		}
		v.Name = name
		versions = append(versions, v)
	}
	return versions, end, nil
}

func decodeLine(raw []byte) (Version, error) {
	var l line
	dec := json.NewDecoder(bytes.NewReader(raw))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&l); err != nil {
		return Version{}, err
	}
	at, err := time.Parse(time.RFC3339, l.SeenAt)
	switch {
	case err != nil:
		return Version{}, fmt.Errorf("seen_at: %w", err)
	case !shaPattern.MatchString(l.SHA256):
		return Version{}, fmt.Errorf("sha256 %q is not 64 lower-case hex digits", l.SHA256)
	case !extPattern.MatchString(l.Ext):
		return Version{}, fmt.Errorf("ext %q", l.Ext)
	case l.Bytes < 0:
		return Version{}, fmt.Errorf("bytes %d", l.Bytes)
	case l.Status != StatusNew && l.Status != StatusUnchanged:
		return Version{}, fmt.Errorf("status %q", l.Status)
	}
	return Version{
		SeenAt: at.UTC(), SHA256: l.SHA256, Bytes: l.Bytes, Ext: l.Ext, Origin: l.Origin,
		ETag: l.ETag, LastModified: l.LastModified, Status: l.Status, Run: l.Run,
	}, nil
}

// append writes v as the log's last line, after cutting the log to end (dropping a
// torn line), in one write, and syncs it. The caller holds s.mu.
func (s *Store) append(v Version, end int64) error {
	dir := filepath.Join(s.root, v.Name)
	path := filepath.Join(dir, LogName)
	data, err := json.Marshal(line{
		SeenAt: v.SeenAt.Format(time.RFC3339), SHA256: v.SHA256, Bytes: v.Bytes, Ext: v.Ext,
		Origin: v.Origin, ETag: v.ETag, LastModified: v.LastModified, Status: v.Status, Run: v.Run,
	})
	if err != nil {
		return fmt.Errorf("archive: %w", err)
	}
	_, statErr := os.Stat(path)
	created := errors.Is(statErr, fs.ErrNotExist)
	f, err := os.OpenFile(path, os.O_RDWR|os.O_CREATE, 0o644)
	if err != nil {
		return fmt.Errorf("archive: %w", err)
	}
	err = f.Truncate(end)
	if err == nil {
		_, err = f.WriteAt(append(data, '\n'), end)
	}
	if err == nil {
		err = f.Sync()
	}
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err == nil && created {
		err = syncDir(dir)
	}
	if err != nil {
		return fmt.Errorf("archive: append to %s: %w", path, err)
	}
	return nil
}

// writeContent writes body into folder dir as <sha256>.<ext>, through a temporary file
// renamed into place, unless a file of that digest exists (it is kept, the copy
// discarded), and returns the digest and length. durable syncs the file before the
// rename and the folder after it; otherwise the caller flushes later ([Store.Sync]).
// Two calls racing with the same bytes both end with the same complete file: rename
// is atomic.
func writeContent(dir, ext string, body io.Reader, durable bool) (string, int64, error) {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return "", 0, err
	}
	tmp, err := os.CreateTemp(dir, ".put-*")
	if err != nil {
		return "", 0, err
	}
	defer os.Remove(tmp.Name()) // fails harmlessly once renamed
	h := sha256.New()
	n, err := io.Copy(io.MultiWriter(tmp, h), body)
	if err == nil {
		err = tmp.Chmod(0o644) // as the snapshots: kept sources are published data too
	}
	if err == nil && durable {
		err = tmp.Sync()
	}
	if cerr := tmp.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		return "", 0, err
	}
	sum := hex.EncodeToString(h.Sum(nil))
	final := filepath.Join(dir, sum+"."+ext)
	switch _, err := os.Stat(final); {
	case errors.Is(err, fs.ErrNotExist):
		if err := os.Rename(tmp.Name(), final); err != nil {
			return "", 0, err
		}
		if durable {
			if err := syncDir(dir); err != nil {
				return "", 0, err
			}
		}
	case err != nil:
		return "", 0, err
	}
	return sum, n, nil
}

func checkName(name, ext string) error {
	if !namePattern.MatchString(name) {
		return fmt.Errorf("archive: %w: source %q", ErrBadName, name)
	}
	if !extPattern.MatchString(ext) {
		return fmt.Errorf("archive: %w: extension %q", ErrBadName, ext)
	}
	return nil
}

// syncDir makes a rename or a new file in dir durable.
func syncDir(dir string) error {
	d, err := os.Open(dir)
	if err != nil {
		return err
	}
	err = d.Sync()
	if cerr := d.Close(); err == nil {
		err = cerr
	}
	return err
}
