// Command planbacktest writes the planner's backtest table (docs/planner.md): it
// runs `synergy plan --year Y` on a snapshot for every year of a range, reads each
// year's plan.json and plan.csv, and writes one row per year and one for the period
// between the markers <!-- plan-backtest:begin --> and <!-- plan-backtest:end -->
// of a markdown file (or, with -check, fails when the file's table differs). It is
// run by scripts/plan-backtest.sh, which builds the command and the snapshot.
package main

import (
	"encoding/csv"
	"encoding/json"
	"flag"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
)

// year is one year's plan, as plan.json and plan.csv give it.
type year struct {
	Year            int     `json:"year"`
	Meetings        int     `json:"meetings"`
	Movable         int     `json:"movable"`
	TripsDraft      int     `json:"trips_draft"`
	TripsPlanned    int     `json:"trips_planned"`
	TripsLowerBound int     `json:"trips_lower_bound"`
	Optimal         bool    `json:"optimal"`
	Gap             float64 `json:"gap"`
	moved, maxMove  int
}

const begin, end = "<!-- plan-backtest:begin -->", "<!-- plan-backtest:end -->"

func main() {
	bin := flag.String("synergy", "bin/synergy", "the synergy command")
	out := flag.String("out", "out", "the output root whose current snapshot is planned (synergy --out)")
	from := flag.Int("from", 2000, "first year")
	to := flag.Int("to", 2025, "last year")
	window := flag.Int("window-days", 28, "synergy plan --window-days")
	doc := flag.String("doc", "", "markdown file whose plan-backtest block is rewritten (default: print the table)")
	check := flag.Bool("check", false, "with -doc: fail, writing nothing, when the block differs")
	flag.Parse()
	if err := run(*bin, *out, *from, *to, *window, *doc, *check); err != nil {
		fmt.Fprintln(os.Stderr, "planbacktest:", err)
		os.Exit(1)
	}
}

func run(bin, out string, from, to, window int, doc string, check bool) error {
	tmp, err := os.MkdirTemp("", "synergy-plan-backtest-")
	if err != nil {
		return err
	}
	defer os.RemoveAll(tmp)
	var years []year
	for y := from; y <= to; y++ {
		dir := filepath.Join(tmp, strconv.Itoa(y))
		cmd := exec.Command(bin, "plan", "--year", strconv.Itoa(y), "--out", out, "--dir", dir,
			"--window-days", strconv.Itoa(window))
		if b, err := cmd.CombinedOutput(); err != nil {
			return fmt.Errorf("synergy plan --year %d: %v\n%s", y, err, b)
		}
		yr, err := readYear(dir)
		if err != nil {
			return err
		}
		years = append(years, yr)
	}
	table := render(years, window)
	if doc == "" {
		fmt.Print(table)
		return nil
	}
	return replace(doc, table, check)
}

// readYear reads plan.json and, from plan.csv, how many meetings moved and the
// largest move in days.
func readYear(dir string) (year, error) {
	var y year
	b, err := os.ReadFile(filepath.Join(dir, "plan.json"))
	if err != nil {
		return y, err
	}
	if err := json.Unmarshal(b, &y); err != nil {
		return y, fmt.Errorf("%s: %w", filepath.Join(dir, "plan.json"), err)
	}
	path := filepath.Join(dir, "plan.csv")
	f, err := os.Open(path)
	if err != nil {
		return y, err
	}
	defer f.Close()
	rows, err := csv.NewReader(f).ReadAll()
	if err != nil {
		return y, fmt.Errorf("%s: %w", path, err)
	}
	col := -1
	for i, h := range rows[0] {
		if h == "moved_days" {
			col = i
		}
	}
	if col < 0 {
		return y, fmt.Errorf("%s:1: no moved_days column", path)
	}
	for n, r := range rows[1:] {
		d, err := strconv.Atoi(r[col])
		if err != nil {
			return y, fmt.Errorf("%s:%d: moved_days: %q: %v", path, n+2, r[col], err)
		}
		if d != 0 {
			y.moved++
		}
		y.maxMove = max(y.maxMove, abs(d))
	}
	return y, nil
}

func abs(n int) int {
	if n < 0 {
		return -n
	}
	return n
}

func render(years []year, window int) string {
	var b strings.Builder
	fmt.Fprintf(&b, "| year | meetings | movable | trips as held | trips planned | saved | lower bound | proven optimal | meetings moved | largest move (days) |\n")
	b.WriteString("|---|---|---|---|---|---|---|---|---|---|\n")
	var t year
	optimal := 0
	for _, y := range years {
		opt := "yes"
		if !y.Optimal {
			opt = fmt.Sprintf("no (gap %.3g)", y.Gap)
		} else {
			optimal++
		}
		fmt.Fprintf(&b, "| %d | %d | %d | %d | %d | %d | %d | %s | %d | %d |\n", y.Year, y.Meetings, y.Movable,
			y.TripsDraft, y.TripsPlanned, y.TripsDraft-y.TripsPlanned, y.TripsLowerBound, opt, y.moved, y.maxMove)
		t.Meetings += y.Meetings
		t.Movable += y.Movable
		t.TripsDraft += y.TripsDraft
		t.TripsPlanned += y.TripsPlanned
		t.TripsLowerBound += y.TripsLowerBound
		t.moved += y.moved
		t.maxMove = max(t.maxMove, y.maxMove)
	}
	if len(years) > 0 {
		saved := t.TripsDraft - t.TripsPlanned
		fmt.Fprintf(&b, "| **%d–%d** | %d | %d | %d | %d | %d (%.1f%%) | %d | %d of %d years | %d | %d |\n",
			years[0].Year, years[len(years)-1].Year, t.Meetings, t.Movable, t.TripsDraft, t.TripsPlanned,
			saved, 100*float64(saved)/float64(t.TripsDraft), t.TripsLowerBound, optimal, len(years), t.moved, t.maxMove)
	}
	fmt.Fprintf(&b, "\nEach year planned with `synergy plan --year Y --window-days %d` (every meeting movable within %d calendar days of its real start) on the shipped data as of the docs' as-of date; written by scripts/plan-backtest.sh.\n", window, window)
	return b.String()
}

// replace rewrites the block between the markers of doc, or with check fails when
// it differs.
func replace(doc, table string, check bool) error {
	text, err := os.ReadFile(doc)
	if err != nil {
		return err
	}
	s := string(text)
	i, j := strings.Index(s, begin), strings.Index(s, end)
	if i < 0 || j < i {
		return fmt.Errorf("%s has no %s … %s block", doc, begin, end)
	}
	next := s[:i+len(begin)] + "\n" + table + s[j:]
	if next == s {
		return nil
	}
	if check {
		line := strings.Count(s[:i], "\n") + 1
		return fmt.Errorf("%s:%d: the backtest table is stale; run scripts/plan-backtest.sh\nwant:\n%s", doc, line, table)
	}
	return os.WriteFile(doc, []byte(next), 0o644)
}
