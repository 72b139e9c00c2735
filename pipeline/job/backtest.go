package job

import (
	"context"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"time"

	"synergy/pipeline/parquetout"
	"synergy/pipeline/plan"
	"synergy/pipeline/snapshot"
)

// The planner's tables: made by the plan backtest step between the two builds,
// read by the marts plan_backtest and state_year_burden (sql/marts). They are
// tables of the run's DuckDB only, never published as they are.
const (
	plannerYears      = "planner_years"
	plannerStateYears = "planner_state_years"
)

// plannerTables are the tables the second build waits for (models.Project.Split).
var plannerTables = []string{plannerYears, plannerStateYears}

// backtestTimeLimit stops the solver on one year of the backtest (the issue's
// target for one year proven optimal), in the solver's CPU seconds so that the
// published tables do not depend on how busy the machine is; the year's row is
// then published with optimal false and the gap CBC reported.
const backtestTimeLimit = 10 * time.Second

// newBacktestSolver is the backtest's solver.
func newBacktestSolver() plan.Solver {
	return plan.CBC{Options: plan.Options{TimeLimit: backtestTimeLimit, CPUTime: true}}
}

// plannerYear is one row of planner_years.
type plannerYear struct {
	Year            int32   `parquet:"year"`
	Meetings        int32   `parquet:"meetings"`
	Movable         int32   `parquet:"movable"`
	TripsActual     int32   `parquet:"trips_actual"`
	TripsPlanned    int32   `parquet:"trips_planned"`
	TripsLowerBound int32   `parquet:"trips_lower_bound"`
	Optimal         bool    `parquet:"optimal"`
	Gap             float64 `parquet:"gap"`
	MovedMeetings   int32   `parquet:"moved_meetings"`
	MaxMoveDays     int32   `parquet:"max_move_days"`
}

// plannerStateYear is one row of planner_state_years.
type plannerStateYear struct {
	StateID      string `parquet:"state_id,dict"`
	Year         int32  `parquet:"year"`
	TripsActual  int32  `parquet:"trips_actual"`
	TripsPlanned int32  `parquet:"trips_planned"`
}

// backtestYearsSQL lists the years the backtest plans: those with a Rec 8
// meeting (the years of state_year_burden, through its trip counts) before the
// as-of year, whose data is complete.
const backtestYearsSQL = `select distinct year from int_profile_trips_counted where year < $1 order by year`

// planBacktest is the step "plan backtest": for every complete year it plans the
// meetings as held with the default window (±28 days, all movable), as `synergy
// plan --year Y` does on the published snapshot, checks every calendar
// (plan.NewPlan verifies it), loads the results as the planner's tables and
// builds the models that read them (the second build) with their data tests.
func (r *runState) planBacktest(ctx context.Context, wh *warehouseRun, stageDir string) error {
	t0 := time.Now()
	r.step(4)
	r.crash("plan-backtest")
	years, states, err := r.backtest(ctx, wh, stageDir)
	if err != nil {
		return fmt.Errorf("plan backtest: %w", err)
	}
	if err := loadPlanner(ctx, wh, years, states); err != nil {
		return fmt.Errorf("plan backtest: %w", err)
	}
	r.timings["plan_backtest"] = time.Since(t0).Milliseconds()
	r.log.Info("plan backtest", "years", len(years), "duration", time.Since(t0).Round(time.Millisecond))

	t1 := time.Now()
	res, runErr := r.runModels(ctx, wh, r.after)
	r.checks = append(r.checks, res...)
	r.timings["build"] += time.Since(t1).Milliseconds()
	return modelsError(runErr)
}

// backtest plans every year and returns the planner's rows, in year and state order.
func (r *runState) backtest(ctx context.Context, wh *warehouseRun, stageDir string) ([]plannerYear, []plannerStateYear, error) {
	// The snapshot's raw tables by their published names (views.sql), so that
	// the planner reads this run exactly as `synergy plan` reads the snapshot.
	var raw []snapshot.Table
	for _, t := range r.tables {
		if t.Layer == snapshot.LayerRaw {
			raw = append(raw, t)
		}
	}
	for _, line := range strings.Split(snapshot.ViewsSQL(raw, stageDir), "\n") {
		if line = strings.TrimSpace(line); line == "" || strings.HasPrefix(line, "--") {
			continue
		}
		if err := wh.db.Exec(ctx, strings.Replace(line, "create or replace view", "create or replace temp view", 1)); err != nil {
			return nil, nil, err
		}
	}
	q := wh.db.Rows
	facts, err := plan.LoadFacts(ctx, q)
	if err != nil {
		return nil, nil, err
	}
	if r.cfg.NoPlanBacktest {
		r.log.Warn("plan backtest skipped (--plan-backtest=false): plan_backtest is empty and trips_planned NULL")
		return nil, nil, nil
	}
	res, err := wh.db.Query(ctx, backtestYearsSQL, r.cfg.AsOf.Year())
	if err != nil {
		return nil, nil, err
	}
	solver := newBacktestSolver()
	if cbc, ok := solver.(plan.CBC); ok && cbc.Options.Command == "" {
		if _, err := exec.LookPath("cbc"); err != nil {
			// Never a snapshot without the backtest: the run fails, saying how to install it.
			return nil, nil, fmt.Errorf("%w; `make deps` (and so `make run`) installs it", plan.ErrNoCBC)
		}
	}
	var years []plannerYear
	var states []plannerStateYear
	for _, row := range res.Rows {
		y, ok := asInt(row[0])
		if !ok {
			return nil, nil, fmt.Errorf("year %v: not an integer", row[0])
		}
		p, err := plan.FromSnapshot(ctx, q, facts, plan.SnapshotOptions{Year: y, WindowDays: plan.DefaultWindowDays, AsOf: r.cfg.AsOf})
		if err != nil {
			return nil, nil, fmt.Errorf("%d: %w", y, err)
		}
		if err := plan.CheckConflicts(p); err != nil {
			return nil, nil, fmt.Errorf("%d: %w", y, err)
		}
		sol, err := solver.Solve(ctx, p)
		if err != nil {
			return nil, nil, fmt.Errorf("%d: %w", y, err)
		}
		pl, err := plan.NewPlan(p, sol)
		if err != nil {
			return nil, nil, fmt.Errorf("%d: %w", y, err)
		}
		s := pl.Summary()
		py := plannerYear{Year: int32(y), Meetings: int32(s.Meetings), Movable: int32(s.Movable), TripsActual: int32(s.TripsDraft),
			TripsPlanned: int32(s.TripsPlanned), TripsLowerBound: int32(s.TripsLowerBound), Optimal: s.Optimal, Gap: s.Gap}
		for _, row := range pl.Rows {
			if row.MovedDays != 0 {
				py.MovedMeetings++
				py.MaxMoveDays = max(py.MaxMoveDays, int32(abs(row.MovedDays)))
			}
		}
		years = append(years, py)
		for _, st := range pl.States { // by state id
			states = append(states, plannerStateYear{StateID: st.State, Year: int32(y), TripsActual: int32(st.TripsDraft), TripsPlanned: int32(st.TripsPlanned)})
		}
		r.log.Debug("planned", "year", y, "meetings", s.Meetings, "trips_actual", s.TripsDraft, "trips_planned", s.TripsPlanned,
			"optimal", s.Optimal, "seconds", s.SolveSeconds)
	}
	return years, states, nil
}

// loadPlanner writes the planner's rows as Parquet in the warehouse's scratch
// folder and loads them as the planner's tables.
func loadPlanner(ctx context.Context, wh *warehouseRun, years []plannerYear, states []plannerStateYear) error {
	write := func(name string, w func(f *os.File) error) error {
		path := filepath.Join(wh.tmp, name+".parquet")
		f, err := os.Create(path)
		if err != nil {
			return err
		}
		if err := errors.Join(w(f), f.Close()); err != nil {
			return fmt.Errorf("write %s: %w", path, err)
		}
		return wh.db.Exec(ctx, fmt.Sprintf("create or replace table %s as select * from read_parquet('%s')",
			name, strings.ReplaceAll(path, "'", "''")))
	}
	if err := write(plannerYears, func(f *os.File) error { return parquetout.Write(f, years) }); err != nil {
		return err
	}
	return write(plannerStateYears, func(f *os.File) error { return parquetout.Write(f, states) })
}

func asInt(v any) (int, bool) {
	switch n := v.(type) {
	case int64:
		return int(n), true
	case int32:
		return int(n), true
	case int:
		return n, true
	}
	return 0, false
}

func abs(n int) int {
	if n < 0 {
		return -n
	}
	return n
}
