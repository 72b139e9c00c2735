package report_test

import (
	"bytes"
	"context"
	"image/png"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"synergy/pipeline/report"
)

// chromium returns the headless browser's path. Without one the test is skipped on
// a developer machine and fails in CI (CI set): CI installs Debian's chromium.
func chromium(t *testing.T) string {
	t.Helper()
	for _, name := range []string{"chromium", "chromium-browser", "/usr/bin/chromium"} {
		if p, err := exec.LookPath(name); err == nil {
			return p
		}
	}
	if os.Getenv("CI") == "" {
		t.Skip("chromium not installed (apt-get install chromium); CI runs this test")
	}
	t.Fatal("chromium not installed, and CI is set: install Debian's chromium package")
	return ""
}

// headless runs chromium on the file with the flags that keep it off the network
// and out of the user's profile, and returns its standard output.
func headless(t *testing.T, bin, file string, extra ...string) []byte {
	t.Helper()
	ctx, cancel := context.WithTimeout(t.Context(), 2*time.Minute)
	defer cancel()
	args := append([]string{"--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
		"--disable-component-update", "--disable-sync", "--no-first-run", "--hide-scrollbars",
		"--user-data-dir=" + t.TempDir()}, extra...)
	args = append(args, "file://"+file)
	var stdout, stderr bytes.Buffer
	cmd := exec.CommandContext(ctx, bin, args...)
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	if err := cmd.Run(); err != nil {
		t.Fatalf("chromium %v: %v\n%s", extra, err, stderr.String())
	}
	return stdout.Bytes()
}

// TestBrowserRendersReport opens report.html in headless Chromium for each
// language: the screenshot must show something (not a blank page), and the DOM
// Chromium built must hold every chart and table and no sign of a template or
// formatting error. Set SYNERGY_REPORT_SHOTS to a folder to keep the screenshots.
func TestBrowserRendersReport(t *testing.T) {
	bin := chromium(t)
	for _, l := range report.Langs {
		t.Run(string(l), func(t *testing.T) {
			r := build(t, report.Year(2024), l)
			dir := t.TempDir()
			page := filepath.Join(dir, "report.html")
			var buf bytes.Buffer
			if err := r.WriteHTML(&buf); err != nil {
				t.Fatal(err)
			}
			if err := os.WriteFile(page, buf.Bytes(), 0o644); err != nil {
				t.Fatal(err)
			}

			shot := filepath.Join(dir, "report.png")
			if keep := os.Getenv("SYNERGY_REPORT_SHOTS"); keep != "" {
				shot = filepath.Join(keep, "report-2024-"+string(l)+".png")
			}
			headless(t, bin, page, "--screenshot="+shot, "--window-size=1280,4000")
			f, err := os.Open(shot)
			if err != nil {
				t.Fatalf("no screenshot: %v", err)
			}
			img, err := png.Decode(f)
			f.Close()
			if err != nil {
				t.Fatalf("screenshot: %v", err)
			}
			b := img.Bounds()
			ink := 0
			for y := b.Min.Y; y < b.Max.Y; y += 2 {
				for x := b.Min.X; x < b.Max.X; x += 2 {
					r, g, bl, _ := img.At(x, y).RGBA()
					if r < 0xf000 || g < 0xf000 || bl < 0xf000 {
						ink++
					}
				}
			}
			sampled := (b.Dx() / 2) * (b.Dy() / 2)
			if share := float64(ink) / float64(sampled); share < 0.02 {
				t.Errorf("screenshot %dx%d is nearly blank: %.2f%% non-white pixels", b.Dx(), b.Dy(), 100*share)
			}

			dom := string(headless(t, bin, page, "--dump-dom"))
			wantSVG := len(r.Figures())
			wantTables := len(r.Tables())
			for _, f := range r.Figures() {
				if f.Data != nil {
					wantTables++
				}
			}
			if got := strings.Count(dom, "<svg"); got != wantSVG || wantSVG != 4 {
				t.Errorf("DOM has %d <svg> charts, want %d (4 figures)", got, wantSVG)
			}
			if got := strings.Count(dom, "<table"); got != wantTables {
				t.Errorf("DOM has %d <table>s, want %d", got, wantTables)
			}
			if !strings.Contains(dom, r.Title) {
				t.Errorf("DOM lacks the title %q", r.Title)
			}
			for _, bad := range []string{"%!", "<no value>", "NaN", "panic", "template:", "ZgotmplZ"} {
				if strings.Contains(dom, bad) {
					t.Errorf("DOM contains %q", bad)
				}
			}
		})
	}
}
