package cli

import (
	"bytes"
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// chromiumDOM opens file in headless Chromium, with the flags of package report's
// browser tests (off the network, a throw-away profile), and returns the DOM
// after scripts ran. Without chromium the test is skipped, and fails under CI.
func chromiumDOM(t *testing.T, file string) string {
	t.Helper()
	bin, err := exec.LookPath("chromium")
	if err != nil {
		if os.Getenv("CI") != "" {
			t.Fatal("chromium not installed, and CI is set: install Debian's chromium package")
		}
		t.Skip("chromium not installed (apt-get install chromium); CI runs this test")
	}
	ctx, cancel := context.WithTimeout(t.Context(), 2*time.Minute)
	defer cancel()
	var stdout, stderr bytes.Buffer
	cmd := exec.CommandContext(ctx, bin, "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
		"--disable-component-update", "--disable-sync", "--no-first-run", "--user-data-dir="+t.TempDir(),
		"--dump-dom", "file://"+file)
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	if err := cmd.Run(); err != nil {
		t.Fatalf("chromium %s: %v\n%s", file, err, stderr.String())
	}
	return stdout.String()
}

// TestSiteOpensInABrowser publishes the shipped data, writes the site twice (the
// second replaces the first in one switch) and opens its pages in headless
// Chromium: the index links the latest report, the feed and the changes; the
// report and the meetings page render; the feed parses with python3-icalendar.
func TestSiteOpensInABrowser(t *testing.T) {
	if testing.Short() {
		t.Skip("runs the pipeline and builds every year's report")
	}
	out, parent := t.TempDir(), t.TempDir()
	if r := run(t, "", "run", "-q", "--out", out, "--datasets", datasets, "--as-of", "2026-03-01", "--plan-backtest=false"); r.code != ExitOK {
		t.Fatalf("synergy run: exit %d\n%s", r.code, r.stderr)
	}
	dir := filepath.Join(parent, "www")
	for range 2 {
		if r := run(t, "", "site", "--out", out, "--dir", dir, "--site-url", "https://synergy.example.org"); r.code != ExitOK {
			t.Fatalf("synergy site: exit %d\n%s", r.code, r.stderr)
		}
	}
	entries, _ := os.ReadDir(parent)
	if len(entries) != 2 { // www and the one folder it links to
		t.Errorf("after two writes %s holds %d entries, want the link and one folder", parent, len(entries))
	}
	abs, err := filepath.EvalSymlinks(dir)
	if err != nil {
		t.Fatal(err)
	}
	index := chromiumDOM(t, filepath.Join(abs, "index.html"))
	for _, want := range []string{`href="latest/report.html"`, `href="calendar.ics"`, `href="changes.html"`,
		`href="data/views.sql"`, `href="webcal://synergy.example.org/calendar.ics"`, "Latest report (2026)"} {
		if !strings.Contains(index, want) {
			t.Errorf("index.html in Chromium lacks %s", want)
		}
	}
	if dom := chromiumDOM(t, filepath.Join(abs, "latest", "report.html")); !strings.Contains(dom, "<svg") || len(dom) < 10000 {
		t.Errorf("latest/report.html renders %d bytes without a chart", len(dom))
	}
	if dom := chromiumDOM(t, filepath.Join(abs, "meetings.html")); !strings.Contains(dom, `id="ATT_CSP12"`) {
		t.Errorf("meetings.html has no anchor for ATT_CSP12, the feed's link target")
	}
	feed := parseFeed(t, filepath.Join(abs, "calendar.ics"))
	if e := feed["ATT_CSP12@synergy"]; e == nil || e["URL"] != "https://synergy.example.org/meetings.html#ATT_CSP12" {
		t.Errorf("calendar.ics: ATT_CSP12 is %v, want its URL on the site", e)
	}
	for _, f := range []string{"data/views.sql", "data/dictionary.md", "data/marts/party_counts.parquet", "changes.md", "reports/2019/report.html"} {
		if _, err := os.Stat(filepath.Join(abs, f)); err != nil {
			t.Errorf("site lacks %s: %v", f, err)
		}
	}

	notSite := t.TempDir()
	os.WriteFile(filepath.Join(notSite, "thesis.txt"), []byte("mine"), 0o644)
	if r := run(t, "", "site", "--out", out, "--dir", notSite); r.code == ExitOK {
		t.Errorf("synergy site replaced a folder it did not write")
	}
	if _, err := os.Stat(filepath.Join(notSite, "thesis.txt")); err != nil {
		t.Errorf("the folder synergy site refused lost its file: %v", err)
	}
}
