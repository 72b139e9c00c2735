package report_test

import (
	"bytes"
	"context"
	"html"
	"image/png"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
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
	missing(t, "chromium", "chromium")
	return ""
}

// tool returns the path of a command of Debian package pkg, skipping the test
// without it on a developer machine and failing it in CI, as chromium does.
func tool(t *testing.T, name, pkg string) string {
	t.Helper()
	if p, err := exec.LookPath(name); err == nil {
		return p
	}
	missing(t, name, pkg)
	return ""
}

func missing(t *testing.T, name, pkg string) {
	t.Helper()
	if os.Getenv("CI") == "" {
		t.Skipf("%s not installed (apt-get install %s); CI runs this test", name, pkg)
	}
	t.Fatalf("%s not installed, and CI is set: install Debian's %s package", name, pkg)
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
			notBlank(t, shot, 0.02)

			dom := string(headless(t, bin, page, "--dump-dom"))
			if !strings.Contains(dom, `<section class="summary"`) {
				t.Error("DOM lacks the summary's section")
			}
			wantSVG := len(r.Figures())
			wantTables := len(r.Tables())
			for _, f := range r.Figures() {
				if f.Data != nil {
					wantTables++
				}
			}
			if got := strings.Count(dom, "<svg"); got != wantSVG || wantSVG != 5 {
				t.Errorf("DOM has %d <svg> charts, want %d (5 figures)", got, wantSVG)
			}
			if got := strings.Count(dom, "<table"); got != wantTables {
				t.Errorf("DOM has %d <table>s, want %d", got, wantTables)
			}
			// Chromium writes a no-break space (French typography) as &nbsp;.
			if !strings.Contains(html.UnescapeString(dom), r.Title) {
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

// notBlank fails the test when the PNG at path is missing or has less than min of
// its (sampled) pixels non-white.
func notBlank(t *testing.T, path string, min float64) {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatalf("no image: %v", err)
	}
	img, err := png.Decode(f)
	f.Close()
	if err != nil {
		t.Fatalf("%s: %v", path, err)
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
	if share := float64(ink) / float64(sampled); share < min {
		t.Errorf("%s (%dx%d) is nearly blank: %.2f%% non-white pixels", filepath.Base(path), b.Dx(), b.Dy(), 100*share)
	}
}

// run runs a command and returns its standard output, failing the test on error.
func run(t *testing.T, name string, args ...string) string {
	t.Helper()
	var stdout, stderr bytes.Buffer
	cmd := exec.CommandContext(t.Context(), name, args...)
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	if err := cmd.Run(); err != nil {
		t.Fatalf("%s %v: %v\n%s", name, args, err, stderr.String())
	}
	return stdout.String()
}

var spaces = regexp.MustCompile(`[\s\x{00a0}\x{202f}]+`)

// flat folds every run of spaces (line breaks and no-break spaces too) into one
// space, as text extracted from a PDF breaks lines where the page did.
func flat(s string) string { return strings.TrimSpace(spaces.ReplaceAllString(s, " ")) }

// TestBrowserPrintsReport prints report.html to PDF with Chromium for each
// language, as a reader's "Print to PDF" would, and checks the print stylesheet:
// the first page, rendered with pdftoppm, is not blank and holds the summary and
// nothing of the detail (pdftotext); the values tables, collapsed on screen, are
// printed open. It also takes a screenshot of the summary as a reader opens the
// page. Set SYNERGY_REPORT_SHOTS to a folder to keep the screenshots, the PDFs
// and their first pages.
func TestBrowserPrintsReport(t *testing.T) {
	bin := chromium(t)
	toppm, totext := tool(t, "pdftoppm", "poppler-utils"), tool(t, "pdftotext", "poppler-utils")
	for _, l := range report.Langs {
		t.Run(string(l), func(t *testing.T) {
			r := build(t, report.Year(2024), l)
			dir := t.TempDir()
			keep := os.Getenv("SYNERGY_REPORT_SHOTS")
			out := func(name string) string {
				if keep != "" {
					return filepath.Join(keep, "report-2024-"+string(l)+"-"+name)
				}
				return filepath.Join(dir, name)
			}
			page := filepath.Join(dir, "report.html")
			var buf bytes.Buffer
			if err := r.WriteHTML(&buf); err != nil {
				t.Fatal(err)
			}
			if err := os.WriteFile(page, buf.Bytes(), 0o644); err != nil {
				t.Fatal(err)
			}
			shot := out("summary.png")
			headless(t, bin, page, "--screenshot="+shot, "--window-size=1280,1400")
			notBlank(t, shot, 0.05)

			pdf := out("report.pdf")
			headless(t, bin, page, "--print-to-pdf="+pdf, "--no-pdf-header-footer")
			run(t, toppm, "-png", "-r", "60", "-f", "1", "-l", "1", "-singlefile", pdf, strings.TrimSuffix(out("page1.png"), ".png"))
			notBlank(t, out("page1.png"), 0.02)
			first := flat(run(t, totext, "-f", "1", "-l", "1", pdf, "-"))
			checkFirstPage(t, r, first)
			checkValuesPrinted(t, r, run(t, totext, "-layout", pdf, "-"))
		})
	}
}

// checkFirstPage checks page 1 of the printed report holds the title and every
// summary heading and none of what follows the summary.
func checkFirstPage(t *testing.T, r *report.Report, first string) {
	t.Helper()
	want := []string{r.Title}
	for _, s := range r.Sections {
		if s.Lead {
			want = append(want, s.Title)
		}
	}
	for _, w := range want {
		if !strings.Contains(first, flat(w)) {
			t.Errorf("page 1 lacks %q:\n%s", w, first)
		}
	}
	detail := []string{flat(r.Front[0])[:40]}
	for _, s := range r.Sections {
		if !s.Lead && s.Level == 2 {
			detail = append(detail, flat(s.Title))
		}
	}
	for _, d := range detail {
		if strings.Contains(first, d) {
			t.Errorf("page 1 holds %q of the detail: the summary must be alone on it", d)
		}
	}
}

// checkValuesPrinted checks that each figure's values table, collapsed on screen,
// is in the printed text: a row of short cells must appear on one line, cells in
// order. At least two figures must have such a row, so the check cannot pass empty.
func checkValuesPrinted(t *testing.T, r *report.Report, text string) {
	t.Helper()
	checked := 0
	for _, f := range r.Figures() {
		if f.Data == nil {
			continue
		}
		for _, row := range f.Data.Rows {
			short := true
			var parts []string
			for _, c := range row {
				short = short && len([]rune(c)) <= 12 && !strings.Contains(c, " ")
				parts = append(parts, regexp.QuoteMeta(c))
			}
			if !short {
				continue
			}
			if !regexp.MustCompile(`(?m)` + strings.Join(parts, `[ \t\x{00a0}\x{202f}]+`)).MatchString(text) {
				t.Errorf("%s: the printed report lacks its values row %q (the values table was not printed open)", f.ID, row)
			}
			checked++
			break
		}
	}
	if checked < 2 {
		t.Errorf("only %d figures had a row of short cells to look for", checked)
	}
}
