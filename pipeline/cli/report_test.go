package cli

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"synergy/pipeline/snapshot"
)

// runReport calls the report command directly, so the test does not depend on its
// registration in commands().
func runReport(t *testing.T, args ...string) result {
	t.Helper()
	var out, errb bytes.Buffer
	code := reportCmd(env{ctx: t.Context(), stdin: strings.NewReader(""), stdout: &out, stderr: &errb}, args)
	return result{code, out.String(), errb.String()}
}

func TestReportWritesHTMLAndMarkdown(t *testing.T) {
	out := publishOnce(t)
	snap, err := snapshot.Current(out)
	if err != nil {
		t.Fatal(err)
	}
	man := readManifest(t, out)

	t.Run("explicit dir, French", func(t *testing.T) {
		dir := filepath.Join(t.TempDir(), "r")
		r := runReport(t, "--out", out, "--period", "2024", "--dir", dir, "--lang", "fr")
		if r.code != ExitOK {
			t.Fatalf("exit %d: %s", r.code, r.stderr)
		}
		want := filepath.Join(dir, "report.html") + "\n" + filepath.Join(dir, "report.md") + "\n"
		if r.stdout != want {
			t.Errorf("stdout %q, want the two paths %q", r.stdout, want)
		}
		html := string(must(os.ReadFile(filepath.Join(dir, "report.html"))))
		md := string(must(os.ReadFile(filepath.Join(dir, "report.md"))))
		for _, s := range []string{`<html lang="fr">`, man.Snapshot, "Recommandation 8", "<svg"} {
			if !strings.Contains(html, s) {
				t.Errorf("report.html lacks %q", s)
			}
		}
		for _, s := range []string{"# Synergies entre les traités", man.Snapshot, man.CreatedAt} {
			if !strings.Contains(md, s) {
				t.Errorf("report.md lacks %q", s)
			}
		}
	})

	t.Run("default dir in the working folder, range of years", func(t *testing.T) {
		wd := t.TempDir()
		t.Chdir(wd)
		r := runReport(t, "--out", out, "--from", "2022", "--to", "2024")
		if r.code != ExitOK {
			t.Fatalf("exit %d: %s", r.code, r.stderr)
		}
		for _, f := range []string{"report.html", "report.md"} {
			if _, err := os.Stat(filepath.Join(wd, "report-2022-2024", f)); err != nil {
				t.Error(err)
			}
		}
		if !strings.Contains(r.stdout, filepath.Join("report-2022-2024", "report.md")) {
			t.Errorf("stdout %q does not print the paths", r.stdout)
		}
	})

	t.Run("snapshot left untouched", func(t *testing.T) {
		after, err := snapshot.Current(out)
		if err != nil || after != snap {
			t.Fatalf("current moved: %s → %s (%v)", snap, after, err)
		}
		entries, _ := os.ReadDir(snap)
		for _, e := range entries {
			if strings.HasPrefix(e.Name(), "report") {
				t.Errorf("report written into the snapshot: %s", e.Name())
			}
		}
	})

	usage := []struct {
		name string
		args []string
		code int
		msg  string
	}{
		{"no period", []string{"--out", out}, ExitUsage, "which period"},
		{"both period forms", []string{"--out", out, "--period", "2024", "--from", "2023", "--to", "2024"}, ExitUsage, "not both"},
		{"half a range", []string{"--out", out, "--from", "2023"}, ExitUsage, "go together"},
		{"bad year", []string{"--out", out, "--period", "last"}, ExitUsage, "want a year"},
		{"reversed range", []string{"--out", out, "--from", "2024", "--to", "2020"}, ExitUsage, "invalid period"},
		{"bad language", []string{"--out", out, "--period", "2024", "--lang", "de"}, ExitUsage, "unknown language"},
		{"dir inside the snapshot", []string{"--out", out, "--period", "2024", "--dir", filepath.Join(out, "current", "report")}, ExitUsage, "inside the published snapshots"},
		{"period without data", []string{"--out", out, "--period", "1950", "--dir", t.TempDir()}, ExitUsage, "no data for the period"},
		{"no snapshot", []string{"--out", t.TempDir(), "--period", "2024"}, ExitFailure, "no published snapshot"},
	}
	for _, tc := range usage {
		t.Run(tc.name, func(t *testing.T) {
			r := runReport(t, tc.args...)
			if r.code != tc.code || !strings.Contains(r.stderr, tc.msg) {
				t.Errorf("exit %d, stderr %q; want exit %d mentioning %q", r.code, r.stderr, tc.code, tc.msg)
			}
		})
	}
}
