package main

import (
	"bufio"
	"encoding/json"
	"flag"
	"fmt"
	"math"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"time"

	"synergy/pipeline/snapshot"
)

// run is one scale's measurements, read from bench.sh's result files.
type run struct {
	scale                     float64
	meetings, items           int64
	rawRows                   int64
	inputBytes                int64
	wall, rerunWall           float64 // s
	rss, rerunRSS             int64   // KiB
	timings                   map[string]int64
	marts                     map[string]float64 // ms, model built
	martRows                  map[string]int64
	models                    float64 // ms, all models built
	baseIngest, baseMarts     []Timing
	baseIngestWall, baseMWall float64
	baseIngestRSS, baseMRSS   int64
	load                      string
	rc                        string  // synergy run's exit code; 124: timed out
	cpu, baseCPU              float64 // user+sys seconds of the synergy run and of both baseline steps
	finished                  bool    // the run published a snapshot
	guard                     string  // why bench.sh's disk guard stopped the run, if it did
	// The run after one meeting's start day changed (bench.sh change_one_meeting):
	// wall and peak RSS, and its manifest's build and stage timings.
	incrWall    float64
	incrRSS     int64
	incrBuild   *snapshot.Build
	incrTimings map[string]int64
}

var (
	elapsedRE = regexp.MustCompile(`Elapsed \(wall clock\) time \(h:mm:ss or m:ss\): (\S+)`)
	cpuRE     = regexp.MustCompile(`(?:User|System) time \(seconds\): ([0-9.]+)`)
	rssRE     = regexp.MustCompile(`Maximum resident set size \(kbytes\): (\d+)`)
	stampRE   = regexp.MustCompile(`^time=(\S+) `)
	countRE   = regexp.MustCompile(` (?:participation|meetings|agenda_items)=(\d+)`)
	builtRE   = regexp.MustCompile(`msg="model built" model=(\S+) layer=(\S+) as=\S+ duration=(\S+)`)
)

func timeFile(path string) (wall float64, rss int64, err error) {
	b, err := os.ReadFile(path)
	if err != nil {
		return 0, 0, err
	}
	if m := elapsedRE.FindSubmatch(b); m != nil {
		parts := strings.Split(string(m[1]), ":")
		for _, p := range parts {
			v, _ := strconv.ParseFloat(p, 64)
			wall = wall*60 + v
		}
	}
	if m := rssRE.FindSubmatch(b); m != nil {
		rss, _ = strconv.ParseInt(string(m[1]), 10, 64)
	}
	return wall, rss, nil
}

// cpuSeconds returns user + system CPU seconds from a /usr/bin/time -v file, 0 if
// unreadable.
func cpuSeconds(path string) float64 {
	b, err := os.ReadFile(path)
	if err != nil {
		return 0
	}
	var s float64
	for _, m := range cpuRE.FindAllSubmatch(b, -1) {
		v, _ := strconv.ParseFloat(string(m[1]), 64)
		s += v
	}
	return s
}

func readJSON(path string, v any) error {
	b, err := os.ReadFile(path)
	if err != nil {
		return err
	}
	return json.Unmarshal(b, v)
}

// readRun reads the result files of one scale, named tag.*, from dir.
func readRun(dir, tag string) (*run, error) {
	file := func(ext string) string { return filepath.Join(dir, tag+"."+ext) }
	r := &run{marts: map[string]float64{}, martRows: map[string]int64{}}
	if err := r.readGen(file("gen.json")); err != nil {
		return nil, err
	}
	r.rc = readTrimmed(file("synergy.rc"))
	r.guard = readTrimmed(file("guard"))
	if err := r.readManifest(file(snapshot.ManifestFile)); err != nil && r.rc == "0" {
		return nil, err
	}
	var err error
	if r.wall, r.rss, err = timeFile(file("synergy.time")); err != nil {
		return nil, err
	}
	r.rerunWall, r.rerunRSS, _ = timeFile(file("rerun.time"))
	r.readIncremental(file("incr.time"), file("incr."+snapshot.ManifestFile))
	r.cpu = cpuSeconds(file("synergy.time"))
	r.baseCPU = cpuSeconds(file("baseline-ingest.time")) + cpuSeconds(file("baseline-marts.time"))
	if err := r.readLog(file("synergy.log")); err != nil {
		return nil, err
	}
	if err := readJSON(file("baseline-ingest.json"), &r.baseIngest); err != nil {
		return nil, err
	}
	_ = readJSON(file("baseline-marts.json"), &r.baseMarts)
	r.baseIngestWall, r.baseIngestRSS, _ = timeFile(file("baseline-ingest.time"))
	r.baseMWall, r.baseMRSS, _ = timeFile(file("baseline-marts.time"))
	if b, err := os.ReadFile(file("load")); err == nil {
		if i := strings.Index(string(b), "load average:"); i >= 0 {
			r.load = strings.TrimSpace(string(b[i+len("load average:"):]))
		}
	}
	return r, nil
}

// readTrimmed is the content of the file at path without surrounding space, ""
// if it cannot be read.
func readTrimmed(path string) string {
	b, err := os.ReadFile(path)
	if err != nil {
		return ""
	}
	return strings.TrimSpace(string(b))
}

// readGen reads the size of the generated input from synergy gen's summary.
func (r *run) readGen(path string) error {
	var gen struct {
		Meetings    int64 `json:"meetings"`
		AgendaItems int64 `json:"agenda_items"`
		Bytes       int64 `json:"bytes"`
	}
	if err := readJSON(path, &gen); err != nil {
		return err
	}
	r.inputBytes, r.meetings, r.items = gen.Bytes, gen.Meetings, gen.AgendaItems
	return nil
}

// readManifest reads the stage times and the table sizes from the published
// manifest; a run that published none has not finished.
// readIncremental reads the one-meeting-changed run's time and manifest, when
// bench.sh made them; a run without them reports no such row.
func (r *run) readIncremental(timePath, manifestPath string) {
	wall, rss, err := timeFile(timePath)
	if err != nil {
		return
	}
	f, err := os.Open(manifestPath)
	if err != nil {
		return
	}
	defer f.Close()
	man, err := snapshot.ReadManifest(f, manifestPath)
	if err != nil || man.Build == nil {
		return
	}
	r.incrWall, r.incrRSS, r.incrBuild, r.incrTimings = wall, rss, man.Build, man.TimingsMS
}

func (r *run) readManifest(path string) error {
	r.timings = map[string]int64{}
	f, err := os.Open(path)
	if err != nil {
		return err
	}
	defer f.Close()
	man, err := snapshot.ReadManifest(f, path)
	if err != nil {
		return err
	}
	r.finished = man.TimingsMS != nil
	if r.finished {
		r.timings = man.TimingsMS
	}
	for _, t := range man.Tables {
		switch {
		case t.Layer == snapshot.LayerRaw:
			if t.Name == "meetings" {
				r.meetings = t.Rows
			}
			if t.Name == "agenda_items" {
				r.items = t.Rows
			}
		case t.Layer == snapshot.LayerMart:
			r.martRows[t.Name] = t.Rows
		}
	}
	return nil
}

// readLog reads from the run's log the raw row count and each model's build time,
// and, for a run that did not finish, the ingest time.
func (r *run) readLog(path string) error {
	f, err := os.Open(path)
	if err != nil {
		return err
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 1<<20), 1<<24)
	var tIngest, tFirstModel time.Time
	for sc.Scan() {
		line := sc.Text()
		if m := stampRE.FindStringSubmatch(line); m != nil {
			t, _ := time.Parse(time.RFC3339Nano, m[1])
			switch {
			case strings.Contains(line, "msg=ingest "):
				tIngest = t
			case strings.Contains(line, "msg=ingested "):
				// rows = participation + meetings + agenda items, at every scale
				for _, c := range countRE.FindAllStringSubmatch(line, -1) {
					n, _ := strconv.ParseInt(c[1], 10, 64)
					r.rawRows += n
				}
			case tFirstModel.IsZero() && strings.Contains(line, `msg="model built"`):
				tFirstModel = t
			}
		}
		if m := builtRE.FindStringSubmatch(line); m != nil {
			d, err := time.ParseDuration(m[3])
			if err != nil {
				continue
			}
			ms := float64(d.Microseconds()) / 1000
			r.models += ms
			if m[2] == "marts" {
				r.marts[m[1]] = ms
			}
		}
	}
	if !r.finished && !tIngest.IsZero() && !tFirstModel.IsZero() {
		// ingest and raw Parquet, from the log (the run wrote no manifest)
		r.timings["ingest"] = tFirstModel.Sub(tIngest).Milliseconds()
	}
	return nil
}

func timing(ts []Timing, name string) Timing {
	for _, t := range ts {
		if t.Name == name {
			return t
		}
	}
	return Timing{}
}

func secs(ms float64) string {
	switch {
	case ms < 10:
		return fmt.Sprintf("%.3f", ms/1000)
	case ms < 10000:
		return fmt.Sprintf("%.2f", ms/1000)
	}
	return fmt.Sprintf("%.1f", ms/1000)
}

func ratio(a, b float64) string {
	if b <= 0 {
		return "–"
	}
	return fmt.Sprintf("%.2f×", a/b)
}

func rate(rows int64, ms float64) string {
	if ms <= 0 {
		return "–"
	}
	v := float64(rows) / (ms / 1000)
	switch {
	case v >= 1e6:
		return fmt.Sprintf("%.2f M", v/1e6)
	case v >= 1e3:
		return fmt.Sprintf("%.0f k", v/1e3)
	}
	return fmt.Sprintf("%.0f", v)
}

func mib(kib int64) string {
	if kib == 0 {
		return "–"
	}
	return fmt.Sprintf("%.0f MiB", float64(kib)/1024)
}

// slope fits log(y) = a + b log(x) by least squares and returns b.
func slope(xs, ys []float64) float64 {
	var n, sx, sy, sxx, sxy float64
	for i := range xs {
		if xs[i] <= 0 || ys[i] <= 0 {
			continue
		}
		x, y := math.Log(xs[i]), math.Log(ys[i])
		n++
		sx += x
		sy += y
		sxx += x * x
		sxy += x * y
	}
	if n < 2 || n*sxx-sx*sx == 0 {
		return math.NaN()
	}
	return (n*sxy - sx*sy) / (n*sxx - sx*sx)
}

// series is one line of the scaling table and chart: a stage's time in ms.
type series struct {
	name string
	get  func(*run) float64
}

// scalingSeries are the stages whose time is fitted against meetings; the first
// five, synergy's, are charted.
func scalingSeries() []series {
	return []series{
		{"total wall", func(r *run) float64 { return r.wall * 1000 }},
		{"ingest", func(r *run) float64 { return float64(r.timings["ingest"] + r.timings["write_raw"]) }},
		{"models (no tests)", func(r *run) float64 { return r.models }},
		{"data tests", func(r *run) float64 { return float64(r.timings["build"]) - r.models }},
		{"publish", func(r *run) float64 { return float64(r.timings["export"]) }},
		{"baseline ingest", func(r *run) float64 { return timing(r.baseIngest, "total").MS }},
		{"baseline models", func(r *run) float64 { return timing(r.baseMarts, "build").MS }},
	}
}

func report(args []string) error {
	fs := flag.NewFlagSet("report", flag.ContinueOnError)
	dir := fs.String("dir", "", "bench.sh results folder")
	doc := fs.String("doc", "", "markdown file whose bench section is replaced (optional)")
	svg := fs.String("svg", "", "scaling chart to write (optional)")
	if err := fs.Parse(args); err != nil {
		return err
	}
	runs, err := readRuns(*dir)
	if err != nil {
		return err
	}
	var b strings.Builder
	machine, _ := os.ReadFile(filepath.Join(*dir, "machine.txt"))
	fmt.Fprintf(&b, "Machine (from the last bench.sh invocation; each scale's load average is in its rows):\n\n```\n%s```\n\n", machine)
	writeStageTable(&b, runs)
	series := scalingSeries()
	writeScalingTable(&b, runs, series)
	writeYardstickTable(&b, *dir, runs)
	writePlannerTable(&b, *dir)
	if *doc == "" {
		fmt.Print(b.String())
	} else if err := replaceBenchSection(*doc, b.String()); err != nil {
		return err
	}
	if *svg != "" {
		return writeSVG(*svg, runs, series[:5])
	}
	return nil
}

// readRuns reads every scale's results in dir, smallest scale first; a scale whose
// results cannot be read is skipped with a warning.
func readRuns(dir string) ([]*run, error) {
	tags, err := filepath.Glob(filepath.Join(dir, "s*.gen.json"))
	if err != nil {
		return nil, err
	}
	var runs []*run
	for _, t := range tags {
		tag := strings.TrimSuffix(filepath.Base(t), ".gen.json")
		r, err := readRun(dir, tag)
		if err != nil {
			fmt.Fprintf(os.Stderr, "baseline report: skip %s: %v\n", tag, err)
			continue
		}
		r.scale, _ = strconv.ParseFloat(strings.TrimPrefix(tag, "s"), 64)
		runs = append(runs, r)
	}
	sort.Slice(runs, func(i, j int) bool { return runs[i].scale < runs[j].scale })
	return runs, nil
}

// writeStageTable writes the table of every scale's stages, synergy against the
// baseline.
func writeStageTable(b *strings.Builder, runs []*run) {
	b.WriteString("| scale | meetings | agenda items | stage | synergy s | baseline s | synergy / baseline | rows | synergy rows/s | baseline rows/s |\n")
	b.WriteString("|---|---|---|---|---|---|---|---|---|---|\n")
	for _, r := range runs {
		t := stageTable{b: b, r: r, dnf: fmt.Sprintf("did not finish (run stopped at %.0f s)", r.wall)}
		if r.rc != "" && r.rc != "0" && r.rc != "124" {
			t.dnf = fmt.Sprintf("run failed at %.0f s (exit %s, see the run's log)", r.wall, r.rc)
		}
		t.writeRun()
	}
}

// stageTable writes the rows of one run r into b; dnf is what a stage that did
// not finish shows.
type stageTable struct {
	b   *strings.Builder
	r   *run
	dnf string
}

// writeIncremental writes the rows of the run after one meeting changed: its
// wall, and the build and export stages with the build mode and years rebuilt.
func (t stageTable) writeIncremental() {
	r := t.r
	if r.incrBuild == nil {
		return
	}
	b := r.incrBuild
	what := b.Mode
	if b.Mode == "incremental" {
		what = fmt.Sprintf("incremental: %d meeting(s), %d year(s)", b.Meetings, len(b.Years))
	} else if b.Reason != "" {
		what += ": " + b.Reason
	}
	t.row("one meeting changed: wall ("+what+")", r.incrWall*1000, 0, 0, 0, "")
	t.row("one meeting changed: build (models, merge, data tests)", float64(r.incrTimings["build"]), 0, 0, 0, "")
	t.row("one meeting changed: export", float64(r.incrTimings["export"]), 0, 0, 0, "")
	fmt.Fprintf(t.b, "| %g | | | peak RSS, one meeting changed | %s | | | | | |\n", r.scale, mib(r.incrRSS))
}

func (t stageTable) writeRun() {
	r := t.r
	var biRows int64
	for _, bt := range r.baseIngest {
		biRows += bt.Rows
	}
	ing := float64(r.timings["ingest"] + r.timings["write_raw"])
	t.row("ingest (read+validate+raw Parquet)", ing, timing(r.baseIngest, "total").MS, r.rawRows, biRows, "")
	bb := timing(r.baseMarts, "build")
	if r.finished {
		t.row("build: all models, no tests", r.models, bb.MS, 0, 0, "")
		t.row("build: data tests", float64(r.timings["build"])-r.models, 0, 0, 0, "")
	} else {
		t.row("build: models that finished", r.models, 0, 0, 0, "")
	}
	for _, n := range r.martNames() {
		bt := timing(r.baseMarts, n)
		v, ok := r.marts[n]
		if !ok {
			v = -1
		}
		t.row("mart "+n, v, bt.MS, r.martRows[n], bt.Rows, bt.Error)
	}
	be := timing(r.baseMarts, "export")
	if r.finished {
		t.row("publish (export marts, manifest, commit)", float64(r.timings["export"]), be.MS, 0, 0, "")
		t.row("total wall (process)", r.wall*1000, (r.baseIngestWall+r.baseMWall)*1000, 0, 0, "")
		t.row("unchanged rerun wall", r.rerunWall*1000, 0, 0, 0, "")
		t.writeIncremental()
		t.row("total CPU time (user+sys, less sensitive to load)", r.cpu*1000, r.baseCPU*1000, 0, 0, "")
	} else {
		t.row("publish", -1, be.MS, 0, 0, "")
		fmt.Fprintf(t.b, "| %g | %d | %d | total wall (process) | > %.0f (stopped) | %s | | | | |\n",
			r.scale, r.meetings, r.items, r.wall, secs((r.baseIngestWall+r.baseMWall)*1000))
	}
	fmt.Fprintf(t.b, "| %g | | | peak RSS | %s | %s (ingest), %s (marts) | | | | |\n",
		r.scale, mib(r.rss), mib(r.baseIngestRSS), mib(r.baseMRSS))
	if r.guard != "" {
		fmt.Fprintf(t.b, "| %g | | | run killed by the disk guard | %s | | | | | |\n", r.scale, r.guard)
	}
	if r.load != "" {
		fmt.Fprintf(t.b, "| %g | | | load average (1, 5, 15 min) before the run | %s | | | | | |\n", r.scale, r.load)
	}
}

// martNames are the marts synergy built and those the baseline timed, sorted.
func (r *run) martNames() []string {
	seen := map[string]bool{}
	var names []string
	for n := range r.marts {
		seen[n] = true
		names = append(names, n)
	}
	for _, t := range r.baseMarts {
		if !seen[t.Name] && t.Name != "build" && t.Name != "export" {
			names = append(names, t.Name)
		}
	}
	sort.Strings(names)
	return names
}

// row writes one stage: synergy's time s and the baseline's base in ms, and the
// rows each produced. A negative s did not finish; a negative base is one of the
// baseline's codes (-1 timed out, -2 not run, -3 failed with baseErr).
func (t stageTable) row(stage string, s, base float64, rows, baseRows int64, baseErr string) {
	ss, bs, rt, br := secs(s), "–", "–", "–"
	switch {
	case s < 0:
		ss = t.dnf
	case base > 0:
		rt = ratio(s, base)
	}
	switch {
	case base > 0:
		bs, br = secs(base), rate(baseRows, base)
	case base == -1:
		bs = "did not finish (timeout)"
	case base == -2:
		bs = "not run (input mart did not finish)"
	case base == -3:
		bs = "failed: " + baseErr
	}
	rs, sr := "–", "–"
	if rows > 0 {
		rs = strconv.FormatInt(rows, 10)
		if s > 0 {
			sr = rate(rows, s)
		}
	}
	if baseRows == 0 && base > 0 {
		br = "–"
	}
	fmt.Fprintf(t.b, "| %g | %d | %d | %s | %s | %s | %s | %s | %s | %s |\n",
		t.r.scale, t.r.meetings, t.r.items, stage, ss, bs, rt, rs, sr, br)
}

// writeScalingTable writes each series' time against meetings and its fitted
// exponent.
func writeScalingTable(b *strings.Builder, runs []*run, series []series) {
	b.WriteString("\nScaling: seconds against meetings, and the exponent k of a least-squares fit time ∝ meetings^k over the scales where the stage finished (k = 1 is linear; n log n fits as about 1.1 over this range).\n\n| series |")
	for _, r := range runs {
		fmt.Fprintf(b, " %d meetings |", r.meetings)
	}
	b.WriteString(" k |\n|---|")
	for range runs {
		b.WriteString("---|")
	}
	b.WriteString("---|\n")
	for _, s := range series {
		fmt.Fprintf(b, "| %s |", s.name)
		var xs, ys []float64
		for _, r := range runs {
			v := s.get(r)
			partial := !r.finished && !strings.Contains(s.name, "ingest")
			if partial || v <= 0 {
				b.WriteString(" – |")
				continue
			}
			fmt.Fprintf(b, " %s |", secs(v))
			xs, ys = append(xs, float64(r.meetings)), append(ys, v)
		}
		if k := slope(xs, ys); math.IsNaN(k) {
			b.WriteString(" – |\n")
		} else {
			fmt.Fprintf(b, " %.2f |\n", k)
		}
	}
}

// writePlannerTable writes the planner's timings on the real data (bench.sh's
// planner.* files), when bench.sh ran the planner: one year's plan and the whole
// backtest, a `synergy plan` per year, against the targets of issue 13 (10 s and
// 60 s).
func writePlannerTable(b *strings.Builder, dir string) {
	years, err := os.ReadFile(filepath.Join(dir, "planner.years"))
	if err != nil {
		return
	}
	var year, from, to int
	if _, err := fmt.Sscan(string(years), &year, &from, &to); err != nil {
		fmt.Fprintf(os.Stderr, "baseline report: %s: %v\n", filepath.Join(dir, "planner.years"), err)
		return
	}
	load := readTrimmed(filepath.Join(dir, "planner.load"))
	fmt.Fprintf(b, "\nPlanner on the real data (datasets/, every meeting movable within 28 days; `synergy plan`, CBC; load average 1, 5, 15 min before: %s):\n\n", load)
	b.WriteString("| run | wall s | CPU s (user+sys) | peak RSS | target | result |\n|---|---|---|---|---|---|\n")
	row := func(name, file, target, result string) {
		path := filepath.Join(dir, file)
		wall, rss, err := timeFile(path)
		if err != nil {
			fmt.Fprintf(b, "| %s | – | – | – | %s | not measured: %v |\n", name, target, err)
			return
		}
		fmt.Fprintf(b, "| %s | %.2f | %.2f | %s | %s | %s |\n", name, wall, cpuSeconds(path), mib(rss), target, result)
	}
	summary := readTrimmed(filepath.Join(dir, "planner.year.out"))
	row(fmt.Sprintf("`synergy plan --year %d`", year), "planner.year.time", "< 10 s, proven optimal", summary)
	out, _ := os.ReadFile(filepath.Join(dir, "planner.backtest.out"))
	lines := strings.Split(strings.TrimSpace(string(out)), "\n")
	optimal := 0
	for _, l := range lines {
		if strings.Contains(l, "; optimal") { // "; not proven optimal, gap …" otherwise
			optimal++
		}
	}
	row(fmt.Sprintf("backtest %d–%d (`synergy plan` per year)", from, to), "planner.backtest.time", "< 60 s",
		fmt.Sprintf("%d of %d years proven optimal", optimal, to-from+1))
}

// replaceBenchSection replaces what lies between the bench markers of the
// markdown file doc with table.
func replaceBenchSection(doc, table string) error {
	text, err := os.ReadFile(doc)
	if err != nil {
		return err
	}
	const begin, end = "<!-- bench:begin -->", "<!-- bench:end -->"
	s := string(text)
	i, j := strings.Index(s, begin), strings.Index(s, end)
	if i < 0 || j < i {
		return fmt.Errorf("%s has no %s … %s section", doc, begin, end)
	}
	s = s[:i+len(begin)] + "\n" + table + s[j:]
	return os.WriteFile(doc, []byte(s), 0o644)
}

// writeSVG draws a log-log chart of seconds against meetings, one line per series.
func writeSVG(path string, runs []*run, series []series) error {
	const w, h, ml, mr, mt, mb = 640.0, 400.0, 60.0, 170.0, 20.0, 50.0
	var xmin, xmax, ymin, ymax = math.Inf(1), math.Inf(-1), math.Inf(1), math.Inf(-1)
	for _, r := range runs {
		xmin, xmax = math.Min(xmin, float64(r.meetings)), math.Max(xmax, float64(r.meetings))
		for _, s := range series {
			if v := s.get(r) / 1000; v > 0 {
				ymin, ymax = math.Min(ymin, v), math.Max(ymax, v)
			}
		}
	}
	if len(runs) == 0 || xmin <= 0 || ymin <= 0 {
		return fmt.Errorf("nothing to plot")
	}
	lx0, lx1 := math.Floor(math.Log10(xmin)), math.Ceil(math.Log10(xmax))
	ly0, ly1 := math.Floor(math.Log10(ymin)), math.Ceil(math.Log10(ymax))
	if lx1 == lx0 {
		lx1++
	}
	if ly1 == ly0 {
		ly1++
	}
	px := func(x float64) float64 { return ml + (math.Log10(x)-lx0)/(lx1-lx0)*(w-ml-mr) }
	py := func(y float64) float64 { return h - mb - (math.Log10(y)-ly0)/(ly1-ly0)*(h-mt-mb) }
	var b strings.Builder
	fmt.Fprintf(&b, `<svg xmlns="http://www.w3.org/2000/svg" width="%g" height="%g" font-family="sans-serif" font-size="11">`+"\n", w, h)
	fmt.Fprintf(&b, `<rect width="%g" height="%g" fill="white"/>`+"\n", w, h)
	for e := lx0; e <= lx1; e++ {
		x := ml + (e-lx0)/(lx1-lx0)*(w-ml-mr)
		fmt.Fprintf(&b, `<line x1="%.1f" y1="%g" x2="%.1f" y2="%g" stroke="#ddd"/><text x="%.1f" y="%g" text-anchor="middle">%g</text>`+"\n", x, mt, x, h-mb, x, h-mb+15, math.Pow(10, e))
	}
	for e := ly0; e <= ly1; e++ {
		y := h - mb - (e-ly0)/(ly1-ly0)*(h-mt-mb)
		fmt.Fprintf(&b, `<line x1="%g" y1="%.1f" x2="%g" y2="%.1f" stroke="#ddd"/><text x="%g" y="%.1f" text-anchor="end">%g s</text>`+"\n", ml, y, w-mr, y, ml-5, y+4, math.Pow(10, e))
	}
	fmt.Fprintf(&b, `<text x="%g" y="%g" text-anchor="middle">meetings (log)</text>`+"\n", ml+(w-ml-mr)/2, h-12)
	colors := []string{"#000", "#1f77b4", "#ff7f0e", "#d62728", "#2ca02c", "#9467bd", "#8c564b"}
	for i, s := range series {
		var pts []string
		for _, r := range runs {
			if v := s.get(r) / 1000; v > 0 && (r.finished || strings.Contains(s.name, "ingest")) {
				pts = append(pts, fmt.Sprintf("%.1f,%.1f", px(float64(r.meetings)), py(v)))
			}
		}
		c := colors[i%len(colors)]
		fmt.Fprintf(&b, `<polyline fill="none" stroke="%s" stroke-width="2" points="%s"/>`+"\n", c, strings.Join(pts, " "))
		for _, p := range pts {
			xy := strings.Split(p, ",")
			fmt.Fprintf(&b, `<circle cx="%s" cy="%s" r="3" fill="%s"/>`+"\n", xy[0], xy[1], c)
		}
		fmt.Fprintf(&b, `<line x1="%g" y1="%g" x2="%g" y2="%g" stroke="%s" stroke-width="2"/><text x="%g" y="%g">%s</text>`+"\n",
			w-mr+10, mt+10+float64(i)*18, w-mr+30, mt+10+float64(i)*18, c, w-mr+35, mt+14+float64(i)*18, s.name)
	}
	b.WriteString("</svg>\n")
	return os.WriteFile(path, []byte(b.String()), 0o644)
}

// writeYardstickTable writes, per scale, each yardstick mart's time in synergy's
// models against the hand-written query, and whether the two agree.
func writeYardstickTable(b *strings.Builder, dir string, runs []*run) {
	b.WriteString("\nYardstick: the models that make `meeting_pairs` and `state_year_burden` (from the same materialized inputs) against an independent hand-written formulation of each (`scripts/baseline/yardstick/*.sql`), same engine and settings. Ratio = synergy / hand-written (below 1: synergy is faster). Disagree = rows in one result and not the other on the yardstick's columns (must be 0 for the times to compare).\n\n")
	b.WriteString("| scale | mart | rows | synergy s | hand-written s | ratio | disagree |\n|---|---|---|---|---|---|---|\n")
	for _, r := range runs {
		tag := "s" + strconv.FormatFloat(r.scale, 'f', -1, 64)
		var ys []YardstickResult
		if err := readJSON(filepath.Join(dir, tag+".yardstick.json"), &ys); err != nil {
			fmt.Fprintf(b, "| %g | – | – | – | – | – | not measured: %v |\n", r.scale, err)
			continue
		}
		for _, y := range ys {
			fmt.Fprintf(b, "| %g | %s | %d | %s | %s | %s | %d |\n", r.scale, y.Mart, y.Rows, secs(y.ModelsMS), secs(y.YardstickMS),
				ratio(y.ModelsMS, y.YardstickMS), y.Disagree)
		}
	}
}
