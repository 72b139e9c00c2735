package plan

import (
	"bytes"
	"context"
	"encoding/csv"
	"encoding/json"
	"html"
	"image/png"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"
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

// headless runs chromium on the file, off the network and out of the user's
// profile, and returns its standard output.
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

// inkShare is the share of the PNG's (sampled) pixels that are not white.
func inkShare(t *testing.T, path string) float64 {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatalf("no screenshot: %v", err)
	}
	defer f.Close()
	img, err := png.Decode(f)
	if err != nil {
		t.Fatalf("%s: %v", path, err)
	}
	b := img.Bounds()
	ink, n := 0, 0
	for y := b.Min.Y; y < b.Max.Y; y += 2 {
		for x := b.Min.X; x < b.Max.X; x += 2 {
			r, g, bl, _ := img.At(x, y).RGBA()
			if r < 0xf000 || g < 0xf000 || bl < 0xf000 {
				ink++
			}
			n++
		}
	}
	return float64(ink) / float64(n)
}

func readCSVFile(t *testing.T, path string) [][]string {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	rows, err := csv.NewReader(f).ReadAll()
	if err != nil || len(rows) < 2 {
		t.Fatalf("%s: %v (%d rows)", path, err, len(rows))
	}
	return rows
}

var (
	tlRowRE    = regexp.MustCompile(`<div class="tl-row">`)
	tlBarRE    = regexp.MustCompile(`class="tl-bar tl-(draft|plan)" style="left: ([0-9.]+)%; width: ([0-9.]+)%"`)
	tableRE    = regexp.MustCompile(`(?s)<table id="(plan-meetings|plan-states)">.*?<tbody>(.*?)</tbody>`)
	trRE       = regexp.MustCompile(`(?s)<tr>(.*?)</tr>`)
	tdRE       = regexp.MustCompile(`(?s)<td[^>]*>(.*?)</td>`)
	savingsRE  = regexp.MustCompile(`<h2 id="savings">`)
	beforeRE   = regexp.MustCompile(`<h2 id="before-after">`)
	badMarkers = []string{"%!", "<no value>", "NaN", "panic", "template:", "ZgotmplZ", "{{"}
)

// TestBrowserRendersPlan runs `synergy plan --year 2019` on a snapshot of the
// shipped data, in each language, and opens plan.html in headless Chromium: the
// screenshot must not be blank, and the DOM Chromium built must hold the
// before/after timeline (a draft and a planned bar for every meeting of plan.csv,
// inside the year), the meetings table (one row per meeting, every title) and the
// savings table, whose states and savings add up to what plan_states.csv says was
// saved, and no sign of a template or formatting error. Set SYNERGY_PLAN_SHOTS to a
// folder to keep the screenshots.
func TestBrowserRendersPlan(t *testing.T) {
	bin := chromium(t)
	query(t, "select 1") // builds the synergy command and the snapshot once
	for _, lang := range []string{"en", "fr", "es"} {
		t.Run(lang, func(t *testing.T) {
			dir := t.TempDir()
			cmd := exec.Command(snapshot.bin, "plan", "--year", "2019", "--out", snapshot.out, "--dir", dir, "--lang", lang)
			if b, err := cmd.CombinedOutput(); err != nil {
				t.Fatalf("synergy plan: %v\n%s", err, b)
			}
			var js struct {
				Meetings     int `json:"meetings"`
				TripsDraft   int `json:"trips_draft"`
				TripsPlanned int `json:"trips_planned"`
			}
			b, err := os.ReadFile(filepath.Join(dir, "plan.json"))
			if err != nil {
				t.Fatal(err)
			}
			if err := json.Unmarshal(b, &js); err != nil {
				t.Fatal(err)
			}
			meetings := readCSVFile(t, filepath.Join(dir, "plan.csv"))[1:]
			states := readCSVFile(t, filepath.Join(dir, "plan_states.csv"))[1:]
			if len(meetings) != js.Meetings || js.Meetings == 0 {
				t.Fatalf("plan.csv has %d meetings, plan.json %d", len(meetings), js.Meetings)
			}
			saved, savers := 0, 0
			for _, r := range states {
				d, _ := strconv.Atoi(r[2])
				p, _ := strconv.Atoi(r[3])
				if d > p {
					saved += d - p
					savers++
				}
			}
			if saved == 0 {
				t.Fatal("plan_states.csv: no state saves a trip in 2019; the savings table would not be shown")
			}

			page := filepath.Join(dir, "plan.html")
			shot := filepath.Join(dir, "plan.png")
			if keep := os.Getenv("SYNERGY_PLAN_SHOTS"); keep != "" {
				shot = filepath.Join(keep, "plan-2019-"+lang+".png")
			}
			headless(t, bin, page, "--screenshot="+shot, "--window-size=1280,2400")
			if share := inkShare(t, shot); share < 0.02 {
				t.Errorf("screenshot %s is nearly blank: %.3f of its pixels are not white", shot, share)
			}

			dom := string(headless(t, bin, page, "--dump-dom"))
			text := html.UnescapeString(dom)
			for _, bad := range badMarkers {
				if strings.Contains(dom, bad) {
					t.Errorf("DOM contains %q", bad)
				}
			}
			if !beforeRE.MatchString(dom) || !savingsRE.MatchString(dom) {
				t.Error("DOM lacks the before/after or the savings heading")
			}
			if got := len(tlRowRE.FindAllString(dom, -1)); got != js.Meetings {
				t.Errorf("timeline has %d rows, want %d (one per meeting)", got, js.Meetings)
			}
			bars := map[string]int{}
			for _, m := range tlBarRE.FindAllStringSubmatch(dom, -1) {
				left, _ := strconv.ParseFloat(m[2], 64)
				width, _ := strconv.ParseFloat(m[3], 64)
				if left < 0 || width <= 0 || left+width > 100.01 {
					t.Errorf("timeline bar %s at left %v%%, width %v%%: outside the year or empty", m[1], left, width)
				}
				bars[m[1]]++
			}
			if bars["draft"] != js.Meetings || bars["plan"] != js.Meetings {
				t.Errorf("timeline has %d draft and %d planned bars, want %d of each", bars["draft"], bars["plan"], js.Meetings)
			}
			tables := map[string][][]string{}
			for _, m := range tableRE.FindAllStringSubmatch(dom, -1) {
				for _, tr := range trRE.FindAllStringSubmatch(m[2], -1) {
					var cells []string
					for _, td := range tdRE.FindAllStringSubmatch(tr[1], -1) {
						cells = append(cells, html.UnescapeString(strings.TrimSpace(td[1])))
					}
					tables[m[1]] = append(tables[m[1]], cells)
				}
			}
			if got := len(tables["plan-meetings"]); got != js.Meetings {
				t.Errorf("meetings table has %d rows, want %d", got, js.Meetings)
			}
			for _, r := range meetings {
				if !strings.Contains(text, r[2]) {
					t.Errorf("DOM lacks the title of %s: %q", r[0], r[2])
				}
			}
			// the savings table: states, meetings, trips (draft), trips (plan), saved, lower bound
			domSaved, domSavers := 0, 0
			for _, r := range tables["plan-states"] {
				if len(r) != 6 {
					t.Fatalf("savings table row %q: %d cells, want 6", r, len(r))
				}
				n := len(strings.Split(r[0], ", "))
				s, err := strconv.Atoi(r[4])
				if err != nil || s <= 0 {
					t.Errorf("savings table row %q: saved %q, want a positive number", r[0], r[4])
				}
				domSaved += n * s
				domSavers += n
			}
			if domSaved != saved || domSavers != savers {
				t.Errorf("savings table: %d states save %d trips; plan_states.csv: %d states save %d", domSavers, domSaved, savers, saved)
			}
			if saved < js.TripsDraft-js.TripsPlanned {
				t.Errorf("states save %d trips, fewer than plan.json's %d − %d", saved, js.TripsDraft, js.TripsPlanned)
			}
		})
	}
}
