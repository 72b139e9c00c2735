package job

import (
	"errors"
	"io/fs"
	"runtime/debug"
	"strings"
	"testing"
	"testing/fstest"
)

func sqlFiles() fstest.MapFS {
	return fstest.MapFS{
		"staging/stg_meetings.sql":   {Data: []byte("select * from raw_meetings\n")},
		"marts/meeting_pairs.sql":    {Data: []byte("select 1 as a\n")},
		"macros/working_days.sql":    {Data: []byte("create macro m() as 1;\n")},
		"intermediate/int_x_ys.sql":  {Data: []byte("select 2\n")},
		"marts/meeting_pairs.sql.md": {Data: []byte("notes\n")},
	}
}

func mustFingerprint(t *testing.T, in []InputSum, version string, sql fs.FS, asOf string) string {
	t.Helper()
	fp, err := Fingerprint(in, version, sql, asOf)
	if err != nil {
		t.Fatal(err)
	}
	return fp
}

func TestFingerprint(t *testing.T) {
	inputs := []InputSum{{"meetings/meetings.csv", "aa"}, {"membership/apmbc.csv", "bb"}, {"states.csv", "cc"}}
	base := mustFingerprint(t, inputs, "git:abc go1.26.8", sqlFiles(), "2024-01-02")
	if len(base) != 64 {
		t.Fatalf("fingerprint %q is not hex SHA-256", base)
	}
	reversed := []InputSum{inputs[2], inputs[0], inputs[1]}
	if got := mustFingerprint(t, reversed, "git:abc go1.26.8", sqlFiles(), "2024-01-02"); got != base {
		t.Error("fingerprint depends on the order of the inputs")
	}
	if inputs[0].File != "meetings/meetings.csv" || reversed[0].File != "states.csv" {
		t.Error("Fingerprint reordered its input slice")
	}

	with := func(edit func(in []InputSum, sql fstest.MapFS) ([]InputSum, string, string)) string {
		in := append([]InputSum(nil), inputs...)
		sql := sqlFiles()
		in, version, asOf := edit(in, sql)
		return mustFingerprint(t, in, version, sql, asOf)
	}
	same := func(in []InputSum, _ fstest.MapFS) ([]InputSum, string, string) {
		return in, "git:abc go1.26.8", "2024-01-02"
	}
	changes := []struct {
		name string
		edit func(in []InputSum, sql fstest.MapFS) ([]InputSum, string, string)
	}{
		{"input checksum", func(in []InputSum, sql fstest.MapFS) ([]InputSum, string, string) {
			in[1].SHA256 = "bc"
			return same(in, sql)
		}},
		{"input renamed", func(in []InputSum, sql fstest.MapFS) ([]InputSum, string, string) {
			in[1].File = "membership/ccm.csv"
			return same(in, sql)
		}},
		{"input added", func(in []InputSum, sql fstest.MapFS) ([]InputSum, string, string) {
			return same(append(in, InputSum{"agendas/x.txt", "dd"}), sql)
		}},
		{"input dropped", func(in []InputSum, sql fstest.MapFS) ([]InputSum, string, string) {
			return same(in[:2], sql)
		}},
		{"SQL edited", func(in []InputSum, sql fstest.MapFS) ([]InputSum, string, string) {
			sql["marts/meeting_pairs.sql"] = &fstest.MapFile{Data: []byte("select 1 as b\n")}
			return same(in, sql)
		}},
		{"SQL renamed", func(in []InputSum, sql fstest.MapFS) ([]InputSum, string, string) {
			sql["marts/meeting_pairs2.sql"] = sql["marts/meeting_pairs.sql"]
			delete(sql, "marts/meeting_pairs.sql")
			return same(in, sql)
		}},
		{"SQL added", func(in []InputSum, sql fstest.MapFS) ([]InputSum, string, string) {
			sql["marts/new.sql"] = &fstest.MapFile{Data: []byte("select 3\n")}
			return same(in, sql)
		}},
		{"code version", func(in []InputSum, sql fstest.MapFS) ([]InputSum, string, string) {
			return in, "git:abd go1.26.8", "2024-01-02"
		}},
		{"as-of day", func(in []InputSum, sql fstest.MapFS) ([]InputSum, string, string) {
			return in, "git:abc go1.26.8", "2024-01-03"
		}},
	}
	if got := with(same); got != base {
		t.Fatal("the unedited case differs from the base")
	}
	for _, tc := range changes {
		t.Run(tc.name, func(t *testing.T) {
			if got := with(tc.edit); got == base {
				t.Errorf("%s does not change the fingerprint", tc.name)
			}
		})
	}
}

// Items are quoted, so moving text between fields changes the digest.
func TestFingerprintFraming(t *testing.T) {
	a := mustFingerprint(t, []InputSum{{"a b", "c"}}, "v", nil, "d")
	b := mustFingerprint(t, []InputSum{{"a", "b c"}}, "v", nil, "d")
	c := mustFingerprint(t, nil, "v\ninput \"a\" \"b c\"", nil, "d")
	if a == b || b == c || a == c {
		t.Error("differently split items give the same fingerprint")
	}
}

type brokenFS struct{}

func (brokenFS) Open(string) (fs.File, error) { return nil, fs.ErrPermission }

func TestFingerprintFSError(t *testing.T) {
	_, err := Fingerprint(nil, "v", brokenFS{}, "d")
	if !errors.Is(err, fs.ErrPermission) {
		t.Fatalf("Fingerprint = %v, want fs.ErrPermission", err)
	}
}

func TestVCSVersion(t *testing.T) {
	bi := func(settings ...string) *debug.BuildInfo {
		b := &debug.BuildInfo{GoVersion: "go1.26.8"}
		for i := 0; i < len(settings); i += 2 {
			b.Settings = append(b.Settings, debug.BuildSetting{Key: settings[i], Value: settings[i+1]})
		}
		return b
	}
	tests := []struct {
		name   string
		bi     *debug.BuildInfo
		want   string
		wantOK bool
	}{
		{"clean checkout", bi("vcs", "git", "vcs.revision", "890ec61", "vcs.modified", "false"), "git:890ec61 go1.26.8", true},
		{"uncommitted changes", bi("vcs.revision", "890ec61", "vcs.modified", "true"), "", false},
		{"no vcs stamp", bi("-compiler", "gc"), "", false},
		{"no build info", nil, "", false},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got, ok := VCSVersion(tc.bi)
			if got != tc.want || ok != tc.wantOK {
				t.Errorf("VCSVersion = %q, %v; want %q, %v", got, ok, tc.want, tc.wantOK)
			}
		})
	}
}

func TestExecutableVersion(t *testing.T) {
	got, err := ExecutableVersion(strings.NewReader(""))
	// Cited value: the SHA-256 of empty input (FIPS 180-4 test vectors).
	if err != nil || got != "exe:e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855" {
		t.Errorf("ExecutableVersion(empty) = %q, %v", got, err)
	}
}
