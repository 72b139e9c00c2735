package archive

import (
	"bufio"
	"encoding/json"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"synergy/pipeline/civil"
)

func openTestStore(t *testing.T) *Store {
	t.Helper()
	s, err := Open(filepath.Join(t.TempDir(), "sources"))
	if err != nil {
		t.Fatal(err)
	}
	return s
}

func put(t *testing.T, s *Store, name, body string, at time.Time) (Version, bool) {
	t.Helper()
	v, isNew, err := s.Put(name, "https://example.org/"+name, "html", strings.NewReader(body), Meta{ETag: `"` + body + `"`}, at)
	if err != nil {
		t.Fatalf("Put(%s, %q): %v", name, body, err)
	}
	return v, isNew
}

func utc(s string) time.Time {
	t, err := time.Parse(time.RFC3339, s)
	if err != nil {
		panic(err)
	}
	return t
}

func TestPutStatusAndDedupe(t *testing.T) {
	s := openTestStore(t)
	at := utc("2026-02-03T02:00:00Z")
	steps := []struct {
		body    string
		wantNew bool
	}{
		{"A", true},  // first sighting
		{"A", false}, // same bytes
		{"B", true},  // a change
		{"A", true},  // back to earlier bytes: a change, its file reused
	}
	for i, st := range steps {
		v, isNew := put(t, s, "ccm", st.body, at.Add(time.Duration(i)*time.Hour))
		if isNew != st.wantNew {
			t.Errorf("step %d (%s): new = %v, want %v", i, st.body, isNew, st.wantNew)
		}
		got, err := os.ReadFile(s.Path(v))
		if err != nil || string(got) != st.body {
			t.Errorf("step %d: Path holds %q, %v; want %q", i, got, err, st.body)
		}
	}
	files, err := filepath.Glob(filepath.Join(s.Root(), "ccm", "*"))
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, f := range files {
		names = append(names, filepath.Base(f))
	}
	// sha256("A") and sha256("B").
	want := []string{
		"559aead08264d5795d3909718cdd05abd49572e84fe55590eef31a88a08fdffd.html",
		"df7e70e5021544f4834bbee64a9e3789febc4be81470df629cad6ddb03320a5c.html",
		"versions.jsonl",
	}
	if diff := cmp.Diff(want, names); diff != "" {
		t.Errorf("files (-want +got):\n%s", diff)
	}
	vs, err := s.Versions("ccm")
	if err != nil {
		t.Fatal(err)
	}
	var statuses []string
	for _, v := range vs {
		statuses = append(statuses, v.Status)
	}
	if diff := cmp.Diff([]string{"new", "unchanged", "new", "new"}, statuses); diff != "" {
		t.Errorf("statuses (-want +got):\n%s", diff)
	}
}

func TestLogLineFormat(t *testing.T) {
	s := openTestStore(t)
	at := time.Date(2026, 2, 3, 3, 4, 5, 999, time.FixedZone("CET", 3600))
	v, _, err := s.Put("cal", "/data/cal.ics", "ics", strings.NewReader("BEGIN:VCALENDAR"), Meta{ETag: `W/"x"`, LastModified: "Tue, 03 Feb 2026 01:00:00 GMT"}, at)
	if err != nil {
		t.Fatal(err)
	}
	data, err := os.ReadFile(filepath.Join(s.Root(), "cal", LogName))
	if err != nil {
		t.Fatal(err)
	}
	var got map[string]any
	if err := json.Unmarshal(data, &got); err != nil {
		t.Fatal(err)
	}
	want := map[string]any{
		"seen_at": "2026-02-03T02:04:05Z", "sha256": v.SHA256, "bytes": float64(15), "ext": "ics",
		"origin": "/data/cal.ics", "etag": `W/"x"`, "last_modified": "Tue, 03 Feb 2026 01:00:00 GMT",
		"status": "new",
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("log line (-want +got):\n%s", diff)
	}
	latest, err := s.Latest("cal")
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(v, latest); diff != "" {
		t.Errorf("Latest differs from what Put returned (-put +latest):\n%s", diff)
	}
}

func TestAsOf(t *testing.T) {
	s := openTestStore(t)
	// v1 seen at the very start of 3 Feb, v2 at its last second, v3 at the start of
	// 5 Feb, v4 in the same second as v3 (a later line wins a tie).
	put(t, s, "att", "v1", utc("2026-02-03T00:00:00Z"))
	put(t, s, "att", "v2", utc("2026-02-03T23:59:59Z"))
	put(t, s, "att", "v3", utc("2026-02-05T00:00:00Z"))
	put(t, s, "att", "v4", utc("2026-02-05T00:00:00Z"))
	tests := []struct {
		name string
		day  civil.Day
		want string // ETag of the version; "" for ErrNoVersion
	}{
		{"before first", civil.Date(2026, 2, 2), ""},
		{"long before first", civil.Date(1999, 1, 1), ""},
		{"day of v1 and v2: last of the day", civil.Date(2026, 2, 3), `"v2"`},
		{"day with no sighting keeps the last before", civil.Date(2026, 2, 4), `"v2"`},
		{"midnight sighting belongs to its day; tie to the later line", civil.Date(2026, 2, 5), `"v4"`},
		{"after last", civil.Date(2030, 1, 1), `"v4"`},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			v, err := s.AsOf("att", tc.day)
			if tc.want == "" {
				if !errors.Is(err, ErrNoVersion) {
					t.Fatalf("AsOf(%s) = %+v, %v; want ErrNoVersion", tc.day, v, err)
				}
				return
			}
			if err != nil {
				t.Fatalf("AsOf(%s): %v", tc.day, err)
			}
			if v.ETag != tc.want {
				t.Errorf("AsOf(%s) = version %s seen %s, want %s", tc.day, v.ETag, v.SeenAt, tc.want)
			}
		})
	}
	if _, err := s.AsOf("never-seen", civil.Date(2026, 2, 3)); !errors.Is(err, ErrNoVersion) {
		t.Errorf("AsOf of an unknown source: %v, want ErrNoVersion", err)
	}
}

func TestLatestPrefersLatestSeenAt(t *testing.T) {
	s := openTestStore(t)
	put(t, s, "x", "late", utc("2026-02-05T00:00:00Z"))
	put(t, s, "x", "early", utc("2026-02-01T00:00:00Z")) // a backfill, appended last
	v, err := s.Latest("x")
	if err != nil {
		t.Fatal(err)
	}
	if v.ETag != `"late"` {
		t.Errorf("Latest = %s, want the one seen last", v.ETag)
	}
}

func TestTornLastLineIgnored(t *testing.T) {
	s := openTestStore(t)
	first, _ := put(t, s, "ccw", "one", utc("2026-02-03T00:00:00Z"))
	log := filepath.Join(s.Root(), "ccw", LogName)
	// A crash in the middle of an append: part of a line, no newline.
	f, err := os.OpenFile(log, os.O_APPEND|os.O_WRONLY, 0)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := f.WriteString(`{"seen_at":"2026-02-04T00:00:00Z","sha256":"ab`); err != nil {
		t.Fatal(err)
	}
	f.Close()

	vs, err := s.Versions("ccw")
	if err != nil {
		t.Fatalf("Versions with a torn last line: %v", err)
	}
	if diff := cmp.Diff([]Version{first}, vs); diff != "" {
		t.Errorf("Versions (-want +got):\n%s", diff)
	}

	// The next append cuts the torn line off instead of gluing onto it.
	second, _ := put(t, s, "ccw", "two", utc("2026-02-05T00:00:00Z"))
	vs, err = s.Versions("ccw")
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff([]Version{first, second}, vs); diff != "" {
		t.Errorf("Versions after append (-want +got):\n%s", diff)
	}
	data, err := os.ReadFile(log)
	if err != nil {
		t.Fatal(err)
	}
	if strings.Contains(string(data), `"sha256":"ab`+"{") || strings.Count(string(data), "\n") != 2 {
		t.Errorf("log after repair:\n%s", data)
	}
}

func TestTornNULTail(t *testing.T) {
	// Some file systems leave zeros where an unsynced write was going.
	s := openTestStore(t)
	first, _ := put(t, s, "ccw", "one", utc("2026-02-03T00:00:00Z"))
	log := filepath.Join(s.Root(), "ccw", LogName)
	f, err := os.OpenFile(log, os.O_APPEND|os.O_WRONLY, 0)
	if err != nil {
		t.Fatal(err)
	}
	f.Write(make([]byte, 40))
	f.Close()
	v, err := s.Latest("ccw")
	if err != nil || v != first {
		t.Errorf("Latest = %+v, %v; want %+v", v, err, first)
	}
}

func TestCorruptLine(t *testing.T) {
	tests := []struct {
		name, log string
		line      int
	}{
		{"not json", "garbage\n", 1},
		{"bad time", `{"seen_at":"yesterday","sha256":"` + strings.Repeat("a", 64) + `","bytes":1,"ext":"html","origin":"","etag":"","last_modified":"","status":"new"}` + "\n", 1},
		{"bad sha", `{"seen_at":"2026-02-03T00:00:00Z","sha256":"../x","bytes":1,"ext":"html","origin":"","etag":"","last_modified":"","status":"new"}` + "\n", 1},
		{"bad status", `{"seen_at":"2026-02-03T00:00:00Z","sha256":"` + strings.Repeat("a", 64) + `","bytes":1,"ext":"html","origin":"","etag":"","last_modified":"","status":"gone"}` + "\n", 1},
		{"second line", `{"seen_at":"2026-02-03T00:00:00Z","sha256":"` + strings.Repeat("a", 64) + `","bytes":1,"ext":"html","origin":"","etag":"","last_modified":"","status":"new"}` + "\n{}\n", 2},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			s := openTestStore(t)
			if err := os.MkdirAll(filepath.Join(s.Root(), "src"), 0o755); err != nil {
				t.Fatal(err)
			}
			if err := os.WriteFile(filepath.Join(s.Root(), "src", LogName), []byte(tc.log), 0o644); err != nil {
				t.Fatal(err)
			}
			_, err := s.Versions("src")
			var le *LogError
			if !errors.Is(err, ErrCorruptLog) || !errors.As(err, &le) || le.Line != tc.line {
				t.Fatalf("Versions = %v; want ErrCorruptLog at line %d", err, tc.line)
			}
			if _, _, err := s.Put("src", "", "html", strings.NewReader("x"), Meta{}, time.Now()); !errors.Is(err, ErrCorruptLog) {
				t.Errorf("Put over a corrupt log = %v; want ErrCorruptLog", err)
			}
		})
	}
}

func TestBadNames(t *testing.T) {
	s := openTestStore(t)
	for _, tc := range []struct{ name, ext string }{
		{"", "html"}, {"..", "html"}, {"a/b", "html"}, {".hidden", "html"}, {`a\b`, "html"},
		{"ok", ""}, {"ok", ".html"}, {"ok", "h/t"},
	} {
		if _, _, err := s.Put(tc.name, "", tc.ext, strings.NewReader("x"), Meta{}, time.Now()); !errors.Is(err, ErrBadName) {
			t.Errorf("Put(%q, ext %q) = %v; want ErrBadName", tc.name, tc.ext, err)
		}
	}
	if _, err := s.Latest("../etc"); !errors.Is(err, ErrBadName) {
		t.Errorf("Latest(../etc) = %v; want ErrBadName", err)
	}
}

func TestUnchanged(t *testing.T) {
	s := openTestStore(t)
	if _, err := s.Unchanged("cal", "https://x", Meta{}, time.Now()); !errors.Is(err, ErrNoVersion) {
		t.Fatalf("Unchanged with no version: %v; want ErrNoVersion", err)
	}
	first, _ := put(t, s, "cal", "body", utc("2026-02-03T00:00:00Z"))
	v, err := s.Unchanged("cal", "https://y", Meta{ETag: `"e2"`}, utc("2026-02-04T00:00:00Z"))
	if err != nil {
		t.Fatal(err)
	}
	want := first
	want.SeenAt, want.Origin, want.ETag, want.Status = utc("2026-02-04T00:00:00Z"), "https://y", `"e2"`, StatusUnchanged
	if diff := cmp.Diff(want, v); diff != "" {
		t.Errorf("Unchanged (-want +got):\n%s", diff)
	}
	if s.Path(v) != s.Path(first) {
		t.Errorf("Path of the unchanged version %s, want %s", s.Path(v), s.Path(first))
	}
	vs, _ := s.Versions("cal")
	if len(vs) != 2 {
		t.Errorf("%d versions, want 2", len(vs))
	}
}

func TestConcurrentPuts(t *testing.T) {
	s := openTestStore(t)
	var wg sync.WaitGroup
	for i := range 16 {
		wg.Go(func() {
			body := []string{"A", "B"}[i%2]
			if _, _, err := s.Put("c", "", "csv", strings.NewReader(body), Meta{}, time.Now()); err != nil {
				t.Error(err)
			}
		})
	}
	wg.Wait()
	f, err := os.Open(filepath.Join(s.Root(), "c", LogName))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	n := 0
	for sc := bufio.NewScanner(f); sc.Scan(); n++ {
		if !json.Valid(sc.Bytes()) {
			t.Errorf("line %d is not JSON: %s", n+1, sc.Text())
		}
	}
	if n != 16 {
		t.Errorf("%d lines, want 16", n)
	}
}

func TestOpenOnFile(t *testing.T) {
	f := filepath.Join(t.TempDir(), "file")
	if err := os.WriteFile(f, nil, 0o644); err != nil {
		t.Fatal(err)
	}
	if _, err := Open(f); err == nil {
		t.Error("Open on a regular file succeeded")
	}
}
