package cli

import (
	"bytes"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"

	"synergy/pipeline/atomicfile"
	"synergy/pipeline/report"
)

func reportCmd(e env, args []string) int {
	fs := newFlags(e, "report", "", "Writes the periodic assessment report (Recommendations 8 and 9) for a year or a range of years\n"+
		"from the current snapshot under --out: report.html (self-contained: inline CSS and SVG charts, opens\n"+
		"offline) and report.md with the same content. Snapshots are immutable, so the report goes to --dir,\n"+
		"by default ./report-<period> in the working folder. With --state ISO3, writes a delegation's view of\n"+
		"that state instead (its instruments, obligations, meetings, trips and peers), by default to\n"+
		"./report-<period>-<ISO3>.")
	periodFlag := fs.String("period", "", "the report's year, e.g. 2024 (or use --from and --to)")
	from := fs.Int("from", 0, "first year of a multi-year period")
	to := fs.Int("to", 0, "last year of a multi-year period")
	out := outFlag(fs)
	dir := fs.String("dir", "", "folder to write report.html and report.md to (default ./report-<period>, or ./report-<period>-<ISO3> with --state)")
	lang := fs.String("lang", "en", "report language: en, fr or es")
	top := fs.Int("top", 50, "how many rows (groups of states with the same trips) the Rec 8 states table lists")
	state := fs.String("state", "", "a delegation's view of this state instead of the report: its ISO 3166-1 alpha-3 code, e.g. COL")
	if code, ok := parse(fs, args); !ok {
		return code
	}
	if fs.NArg() > 0 {
		fmt.Fprintf(e.stderr, "synergy report: unexpected arguments %q\n", fs.Args())
		return ExitUsage
	}
	period, err := reportPeriod(*periodFlag, *from, *to)
	if err != nil {
		fmt.Fprintln(e.stderr, "synergy report:", err)
		return ExitUsage
	}
	l, err := report.ParseLang(*lang)
	if err != nil {
		fmt.Fprintln(e.stderr, "synergy report:", err)
		return ExitUsage
	}
	*state = strings.ToUpper(strings.TrimSpace(*state))
	if *dir == "" {
		*dir = "report-" + period.String()
		if *state != "" {
			*dir += "-" + *state
		}
	}
	s, err := openSnapshot(e, *out)
	if err != nil {
		fmt.Fprintln(e.stderr, "synergy report:", err)
		return ExitFailure
	}
	defer s.Close()
	if s.publishedHolds(*dir, *out) {
		fmt.Fprintf(e.stderr, "synergy report: --dir %s is inside the published snapshots, which are never written after publishing\n", *dir)
		return ExitUsage
	}
	opts := report.Options{Period: period, Lang: l, Snapshot: s.Manifest, TopStates: *top}
	rep, err := buildReport(e, s.db, *state, opts)
	if err != nil {
		fmt.Fprintln(e.stderr, "synergy report:", err)
		if errors.Is(err, report.ErrNoData) || errors.Is(err, report.ErrState) {
			return ExitUsage
		}
		return ExitFailure
	}
	if code := writeReport(e, rep, *dir); code != ExitOK {
		return code
	}
	fmt.Fprintf(e.stderr, "synergy report: %s (%s) from snapshot %s\n", strings.TrimSpace(period.String()+" "+*state), l,
		s.Manifest.Snapshot)
	return ExitOK
}

// buildReport builds the report for opts, or a delegation's view of state when
// state is not empty.
func buildReport(e env, q report.Querier, state string, opts report.Options) (*report.Report, error) {
	if state != "" {
		return report.BuildState(e.ctx, q, state, opts)
	}
	return report.Build(e.ctx, q, opts)
}

// writeReport writes rep as report.html and report.md into dir, atomically, and
// prints their paths.
func writeReport(e env, rep *report.Report, dir string) int {
	var html, md bytes.Buffer
	if err := rep.WriteHTML(&html); err != nil {
		fmt.Fprintln(e.stderr, "synergy report:", err)
		return ExitFailure
	}
	if err := rep.WriteMarkdown(&md); err != nil {
		fmt.Fprintln(e.stderr, "synergy report:", err)
		return ExitFailure
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		fmt.Fprintln(e.stderr, "synergy report:", err)
		return ExitFailure
	}
	for _, f := range []struct {
		name string
		data []byte
	}{{"report.html", html.Bytes()}, {"report.md", md.Bytes()}} {
		path := filepath.Join(dir, f.name)
		if err := atomicfile.Write(path, f.data); err != nil {
			fmt.Fprintln(e.stderr, "synergy report:", err)
			return ExitFailure
		}
		fmt.Fprintln(e.stdout, path)
	}
	return ExitOK
}

// reportPeriod reads --period YEAR or --from YEAR --to YEAR.
func reportPeriod(period string, from, to int) (report.Period, error) {
	var p report.Period
	switch {
	case period != "" && (from != 0 || to != 0):
		return p, errors.New("give either --period or --from and --to, not both")
	case period != "":
		y, err := strconv.Atoi(period)
		if err != nil {
			return p, fmt.Errorf("--period %q: want a year such as 2024", period)
		}
		p = report.Year(y)
	case from != 0 && to != 0:
		p = report.Period{From: from, To: to}
	case from != 0 || to != 0:
		return p, errors.New("--from and --to go together")
	default:
		return p, errors.New("which period? give --period YEAR or --from YEAR --to YEAR")
	}
	return p, p.Validate()
}

// inside reports whether path is dir or lies under it, symbolic links (such as
// out/current) resolved.
func inside(path, dir string) bool {
	p, d := resolve(path), resolve(dir)
	rel, err := filepath.Rel(d, p)
	return err == nil && rel != ".." && !strings.HasPrefix(rel, ".."+string(filepath.Separator))
}

// resolve returns path made absolute with the symbolic links of its longest
// existing prefix resolved (the rest may not exist yet).
func resolve(path string) string {
	p, err := filepath.Abs(path)
	if err != nil {
		return path
	}
	rest := ""
	for {
		if r, err := filepath.EvalSymlinks(p); err == nil {
			return filepath.Join(r, rest)
		}
		parent := filepath.Dir(p)
		if parent == p {
			return filepath.Join(p, rest)
		}
		rest = filepath.Join(filepath.Base(p), rest)
		p = parent
	}
}
