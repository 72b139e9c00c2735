package sources

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"synergy/pipeline/formats"
)

func TestParseShippedManifest(t *testing.T) {
	f, err := os.Open("../../datasets/sources.json")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	m, err := Parse(f, "datasets/sources.json")
	if err != nil {
		t.Fatal(err)
	}
	if len(m.Sources) == 0 {
		t.Fatal("shipped manifest lists no sources")
	}
	for _, s := range m.Sources {
		files, err := s.Files("../../datasets")
		if err != nil {
			t.Errorf("shipped source %s: %v", s.Name, err)
			continue
		}
		for _, file := range files {
			if got, ok := formats.Guess(file); ok && got != s.Format {
				t.Errorf("%s: check would guess format %q, manifest says %q", file, got, s.Format)
			}
		}
	}
}

func TestParseErrors(t *testing.T) {
	tests := []struct {
		name, in string
		want     error
		line     int
	}{
		{"syntax", "{\n\"sources\": [\n{\"name\": \"a\",, }]}", ErrSyntax, 3},
		{"unknown format", "{\"sources\": [\n{\"name\": \"a\", \"path\": \"x\", \"format\": \"xls\"}]}", ErrUnknownFormat, 2},
		{"missing path", "{\"sources\": [{\"name\": \"a\", \"format\": \"ics\"}]}", ErrMissingField, 1},
		{"duplicate", "{\"sources\": [{\"name\": \"a\", \"path\": \"x\", \"format\": \"ics\"},\n{\"name\": \"a\", \"path\": \"y\", \"format\": \"ics\"}]}", ErrDuplicateName, 1},
		{"unknown field", "{\"sources\": [{\"name\": \"a\", \"paht\": \"x\"}]}", ErrSyntax, 1},
		{"parent path", "{\"sources\": [\n{\"name\": \"a\", \"path\": \"../../elsewhere/obligations.csv\", \"format\": \"obligations\"}]}", ErrOutside, 2},
		{"inner parent path", "{\"sources\": [\n{\"name\": \"a\", \"path\": \"membership/../../x.csv\", \"format\": \"obligations\"}]}", ErrOutside, 2},
		{"absolute path", "{\"sources\": [\n{\"name\": \"a\", \"path\": \"/etc/passwd\", \"format\": \"obligations\"}]}", ErrOutside, 2},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			_, err := Parse(strings.NewReader(tc.in), "m.json")
			if !errors.Is(err, tc.want) {
				t.Fatalf("err = %v, want %v", err, tc.want)
			}
			var e *Error
			if !errors.As(err, &e) || e.File != "m.json" || e.Line != tc.line {
				t.Errorf("error location = %+v, want m.json line %d", e, tc.line)
			}
		})
	}
}

func TestFilesNoMatch(t *testing.T) {
	_, err := Source{Name: "x", Path: "nothing-*.csv", Format: "membership"}.Files(t.TempDir())
	if !errors.Is(err, ErrNoFiles) {
		t.Fatalf("err = %v, want ErrNoFiles", err)
	}
}

func FuzzParse(f *testing.F) {
	if b, err := os.ReadFile("../../datasets/sources.json"); err == nil {
		f.Add(string(b))
	}
	f.Add(`{"sources": [{"name": "a", "path": "x", "format": "ics"}]}`)
	f.Add(`{"sources": [`)
	f.Fuzz(func(t *testing.T, in string) {
		m, err := Parse(strings.NewReader(in), "m.json")
		if err != nil {
			var e *Error
			if !errors.As(err, &e) || e.Line < 1 {
				t.Fatalf("error without a line: %v", err)
			}
			return
		}
		for _, s := range m.Sources {
			if s.Name == "" || s.Path == "" || !known(s.Format) {
				t.Fatalf("accepted an invalid source %+v", s)
			}
		}
	})
}

func TestOnlyFile(t *testing.T) {
	f, err := os.Open("../../datasets/sources.json")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	m, err := Parse(f, "datasets/sources.json")
	if err != nil {
		t.Fatal(err)
	}
	got, err := m.OnlyFile("../../datasets", "states")
	if err != nil || got != "../../datasets/states.csv" {
		t.Errorf("OnlyFile(states) = %q, %v", got, err)
	}
	for _, format := range []string{"membership", "ics"} { // several files; none
		if got, err := m.OnlyFile("../../datasets", format); !errors.Is(err, ErrNotOne) {
			t.Errorf("OnlyFile(%s) = %q, %v; want ErrNotOne", format, got, err)
		}
	}
}

// TestFilesRefusesLinksOut: a file, or a folder on the way to it, that is a
// symbolic link out of the datasets folder is refused; one inside is read.
func TestFilesRefusesLinksOut(t *testing.T) {
	outside := t.TempDir()
	if err := os.WriteFile(filepath.Join(outside, "secret.csv"), []byte("x\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	if err := os.WriteFile(filepath.Join(dir, "real.csv"), []byte("x\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	for link, target := range map[string]string{"file.csv": filepath.Join(outside, "secret.csv"), "sub": outside, "inside.csv": "real.csv"} {
		if err := os.Symlink(target, filepath.Join(dir, link)); err != nil {
			t.Fatal(err)
		}
	}
	for _, path := range []string{"file.csv", "sub/secret.csv", "*.csv"} {
		if files, err := (Source{Name: "x", Path: path}).Files(dir); !errors.Is(err, ErrOutside) {
			t.Errorf("Files(%s) = %v, %v; want ErrOutside", path, files, err)
		}
	}
	if files, err := (Source{Name: "x", Path: "inside.csv"}).Files(dir); err != nil || len(files) != 1 {
		t.Errorf("a link inside the folder: %v, %v", files, err)
	}
}
