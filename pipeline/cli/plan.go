package cli

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"time"

	"synergy/pipeline/civil"
	"synergy/pipeline/plan"
	"synergy/pipeline/report"
)

// newPlanSolver is the solver `synergy plan` uses; tests replace it.
var newPlanSolver = planSolver

// planSolver is the solver: CBC, run on the model as a CPLEX LP file (package plan).
func planSolver(limit time.Duration) plan.Solver {
	return plan.CBC{Options: plan.Options{TimeLimit: limit}}
}

// solvePlan adds the --blocked days to p, refuses a draft that cannot be planned,
// solves it and checks the calendar the solver returns.
func solvePlan(e env, p *plan.Problem, blocked string, limit time.Duration) (*plan.Plan, error) {
	if blocked != "" {
		var err error
		if p.Blocked, err = readBlocked(blocked); err != nil {
			return nil, err
		}
	}
	if err := plan.CheckConflicts(p); err != nil {
		return nil, err
	}
	solver := newPlanSolver(limit)
	if solver == nil {
		return nil, errors.New("no solver in this build")
	}
	sol, err := solver.Solve(e.ctx, p)
	if err != nil {
		return nil, err
	}
	return plan.NewPlan(p, sol)
}

// readBlocked reads the --blocked file.
func readBlocked(path string) (map[civil.Day]bool, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	return plan.ReadBlocked(f, path)
}

// planCmd is `synergy plan`: its flags and wiring; package plan reads the draft,
// and checks, explains and writes the solver's calendar.
func planCmd(e env, args []string) int {
	fs := newFlags(e, "plan", "", "Proposes a coherent calendar for one year: the start dates (within each meeting's window)\n"+
		"that minimise the delegation trips to clearance and victim-assistance meetings, counted as\n"+
		"state_year_burden counts them, with no two meetings that share a party at once. The draft is\n"+
		"--draft (CSV: meeting_id,instrument_id,body,title,city,start_date,end_date,earliest_start,\n"+
		"latest_start,fixed,mode; or an iCalendar file, *.ics, with the same facts in X-SYNERGY-\n"+
		"properties, such as plan.ics) or, without it, the year's calendar from the current snapshot under\n"+
		"--out: the meetings as held for a past year (a backtest), projected from each body's recurring\n"+
		"pattern for a year without complete data. Writes plan.csv, plan_states.csv, plan.json, plan.ics,\n"+
		"plan.md and plan.html to --dir and prints one summary line.")
	year := fs.Int("year", 0, "the year to plan, e.g. 2019 (required)")
	draft := fs.String("draft", "", "draft calendar (CSV, or iCalendar when it ends in .ics) instead of the snapshot's")
	window := fs.Int("window-days", plan.DefaultWindowDays, "calendar days either side of the draft start a meeting may move, when the draft gives no window")
	dir := fs.String("dir", "", "folder to write the plan to (default ./plan-YYYY)")
	lang := fs.String("lang", "en", "language of plan.md and plan.html: en, fr or es")
	blocked := fs.String("blocked", "", "CSV of days no meeting may be held on (header with a date column, e.g. date,name,source_url); none by default")
	capacity := fs.Int("capacity", 0, "at most this many meetings at once in one city (0: no limit)")
	timeLimit := fs.Duration("time-limit", time.Minute, "stop the solver after this long and report the best calendar with its gap")
	out := outFlag(fs)
	if code, ok := parse(fs, args); !ok {
		return code
	}
	if fs.NArg() > 0 {
		fmt.Fprintf(e.stderr, "synergy plan: unexpected arguments %q\n", fs.Args())
		return ExitUsage
	}
	if *year < 1900 || *year > 2200 {
		fmt.Fprintf(e.stderr, "synergy plan: --year %d: want a year such as 2019\n", *year)
		return ExitUsage
	}
	if *capacity < 0 || *timeLimit <= 0 {
		fmt.Fprintf(e.stderr, "synergy plan: --capacity %d, --time-limit %s: want 0 or more, and a positive limit\n", *capacity, *timeLimit)
		return ExitUsage
	}
	if *window < 0 {
		fmt.Fprintf(e.stderr, "synergy plan: --window-days %d: want 0 or more\n", *window)
		return ExitUsage
	}
	if _, err := report.ParseLang(*lang); err != nil {
		fmt.Fprintln(e.stderr, "synergy plan:", err)
		return ExitUsage
	}
	if *dir == "" {
		*dir = "plan-" + strconv.Itoa(*year)
	}
	s, err := openSnapshot(e, *out)
	if err != nil {
		fmt.Fprintln(e.stderr, "synergy plan:", err)
		return ExitFailure
	}
	defer s.Close()
	if s.publishedHolds(*dir, *out) {
		fmt.Fprintf(e.stderr, "synergy plan: --dir %s is inside the published snapshots, which are never written after publishing\n", *dir)
		return ExitUsage
	}
	p, err := planProblem(e, s, *year, *draft, *window)
	if err != nil {
		fmt.Fprintln(e.stderr, "synergy plan:", err)
		return ExitFailure
	}
	p.Capacity = *capacity
	pl, err := solvePlan(e, p, *blocked, *timeLimit)
	if err != nil {
		fmt.Fprintln(e.stderr, "synergy plan:", err)
		return ExitFailure
	}
	pl.Lang = *lang
	if pl.Stamp, err = s.Manifest.Created(); err != nil {
		fmt.Fprintln(e.stderr, "synergy plan:", err)
		return ExitFailure
	}
	paths, err := pl.WriteDir(*dir)
	if err != nil {
		fmt.Fprintln(e.stderr, "synergy plan:", err)
		return ExitFailure
	}
	fmt.Fprintln(e.stdout, pl.SummaryLine())
	for _, path := range paths {
		fmt.Fprintln(e.stderr, "synergy plan: wrote", path)
	}
	return ExitOK
}

// planProblem reads the draft file, or makes the year's draft from the snapshot.
func planProblem(e env, s *snapshotDB, year int, draft string, window int) (*plan.Problem, error) {
	q := s.db.Rows
	facts, err := plan.LoadFacts(e.ctx, q)
	if err != nil {
		return nil, err
	}
	if draft != "" {
		f, err := os.Open(draft)
		if err != nil {
			return nil, err
		}
		defer f.Close()
		opt := plan.DraftOptions{Year: year, WindowDays: window, Facts: facts}
		if strings.EqualFold(filepath.Ext(draft), ".ics") {
			return plan.ReadDraftICS(f, draft, opt)
		}
		return plan.ReadDraft(f, draft, opt)
	}
	asOf, err := civil.ParseDay(s.Manifest.AsOf)
	if err != nil {
		return nil, fmt.Errorf("the snapshot's as-of day %q: %w", s.Manifest.AsOf, err)
	}
	return plan.FromSnapshot(e.ctx, q, facts, plan.SnapshotOptions{Year: year, WindowDays: window, AsOf: asOf})
}
