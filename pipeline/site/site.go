package site

import (
	"bytes"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"

	"synergy/pipeline/calendar"
	"synergy/pipeline/snapshot"
)

// Stable paths of the site, the ones to link to and subscribe to.
const (
	IndexFile    = "index.html"
	FeedFile     = "calendar.ics"
	MeetingsFile = calendar.MeetingsPage
	ChangesFile  = "changes.html"
	LatestDir    = "latest"  // the latest period's report.html and report.md
	ReportsDir   = "reports" // reports/<period>/report.html and report.md
	DataDir      = "data"    // the Parquet tables under their snapshot paths, views.sql, dictionary.md
	DictFile     = "dictionary.md"
)

// Report is one period's report, as package report writes it.
type Report struct {
	Period   string // "2025", "2019-2023"
	HTML, MD []byte
}

// Column is one column of a published table, for the data dictionary.
type Column struct {
	Table, Name, Type string
}

// Site is what a site shows.
type Site struct {
	Manifest    snapshot.Manifest
	SnapshotDir string // the published snapshot's folder (its tables and digest are copied)
	SiteURL     string // the site's address, "" when not known
	Latest      string // the period of the latest report, one of Reports
	Reports     []Report
	Feed        *calendar.Calendar
	Columns     []Column
}

// file is one file of the site, its path relative to the site's folder.
type file struct {
	path string
	data []byte
	from string // or copied from this file
}

// files lists every file of the site.
func (s *Site) files() ([]file, error) {
	if s.Feed == nil {
		return nil, ErrNoFeed
	}
	var ics bytes.Buffer
	if err := s.Feed.Write(&ics); err != nil {
		return nil, fmt.Errorf("calendar feed: %w", err)
	}
	fs := []file{{path: FeedFile, data: ics.Bytes()}, {path: MeetingsFile, data: s.meetingsPage()}}
	for _, r := range s.Reports {
		dir := ReportsDir + "/" + r.Period
		fs = append(fs, file{path: dir + "/report.html", data: r.HTML}, file{path: dir + "/report.md", data: r.MD})
		if r.Period == s.Latest {
			fs = append(fs, file{path: LatestDir + "/report.html", data: r.HTML}, file{path: LatestDir + "/report.md", data: r.MD})
		}
	}
	for _, name := range []string{snapshot.ChangesJSONFile, snapshot.ChangesMarkdownFile} {
		if _, err := os.Stat(filepath.Join(s.SnapshotDir, name)); err == nil {
			fs = append(fs, file{path: name, from: filepath.Join(s.SnapshotDir, name)})
		}
	}
	changesPage, err := s.changesPage()
	if err != nil {
		return nil, err
	}
	fs = append(fs, file{path: ChangesFile, data: changesPage})
	for _, t := range s.Manifest.Tables {
		fs = append(fs, file{path: DataDir + "/" + t.Path, from: filepath.Join(s.SnapshotDir, filepath.FromSlash(t.Path))})
	}
	fs = append(fs,
		file{path: DataDir + "/" + snapshot.ViewsFile, data: []byte(snapshot.ViewsSQL(s.Manifest.Tables, ""))},
		file{path: DataDir + "/" + DictFile, data: s.dictionary()},
		file{path: DataDir + "/" + IndexFile, data: s.dataPage()},
		file{path: IndexFile, data: s.indexPage()},
		file{path: MarkerFile, data: []byte(s.Manifest.Snapshot + "\n")})
	return fs, nil
}

// writeFiles writes fs under root, copying (or hard-linking) the files taken
// from the snapshot.
func writeFiles(root string, fs []file) error {
	for _, f := range fs {
		path := filepath.Join(root, filepath.FromSlash(f.path))
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			return err
		}
		if f.from == "" {
			if err := os.WriteFile(path, f.data, 0o644); err != nil {
				return err
			}
			continue
		}
		if err := copyFile(f.from, path); err != nil {
			return err
		}
	}
	return nil
}

// copyFile links src at dst when both are on one file system (the snapshot is
// never modified, so sharing its bytes is safe), else copies it.
func copyFile(src, dst string) error {
	if err := os.Link(src, dst); err == nil {
		return nil
	}
	in, err := os.Open(src)
	if err != nil {
		return err
	}
	defer in.Close()
	out, err := os.OpenFile(dst, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o644)
	if err != nil {
		return err
	}
	if _, err := io.Copy(out, in); err != nil {
		out.Close()
		return err
	}
	return out.Close()
}

// safeName is s with anything but letters, digits, '-' and '.' replaced by '-'.
func safeName(s string) string {
	return strings.Map(func(r rune) rune {
		if r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9' || r == '-' || r == '.' {
			return r
		}
		return '-'
	}, s)
}
