-- grain: one row per year
-- description: Recommendation 8 made actionable, as a backtest (issue 13,
--   docs/planner.md): for every complete year of state_year_burden (its first
--   year through the year before the run's as-of year), the calendar planner
--   (package plan, solver CBC) run on the meetings as held, each free to start
--   on any working day within 28 days of its real start in the year (the
--   default window of `synergy plan --year Y`), none fixed. The run makes the
--   planner's results in Go between the two builds (pipeline/job, step "plan
--   backtest") as the table planner_years; this mart publishes them.
--   meetings: the year's meetings dated to the day (not cancelled or
--   postponed), all of them movable (movable = meetings). trips_actual: the
--   delegation trips of the calendar as held, counted as state_year_burden
--   counts them (the sum of its trips for the year, checked);
--   trips_planned: under the planner's calendar (the sum of
--   state_year_burden.trips_planned, checked); trips_lower_bound: the
--   (city, half-year) bound of the calendar as held (the sum of
--   state_year_burden.trips_lower_bound, checked). trips_planned is not
--   checked against the bound: a plan may merge two meetings across 30 June
--   and 1 July into one trip, which the half-year bound counts twice.
--   optimal: the solver proved that no calendar within the windows has fewer
--   trips (then the least total movement); gap: the relative gap CBC
--   reported when a time limit stopped it (0 when optimal).
--   moved_meetings: meetings whose planned start differs from the real one;
--   max_move_days: the largest move, in calendar days.
-- partition: year = year
-- check: unique(year)
-- check: not_null(year, meetings, movable, trips_actual, trips_planned,
--   trips_lower_bound, optimal, gap, moved_meetings, max_move_days)
-- check: expression(movable <= meetings)
-- check: expression(moved_meetings <= movable)
-- check: expression(max_move_days between 0 and 28)
-- check: expression((moved_meetings = 0) = (max_move_days = 0))
-- check: expression(gap >= 0 and (not optimal or gap = 0))
-- check: expression(not optimal or trips_planned <= trips_actual)
-- check: expression(trips_actual = (select coalesce(sum(b.trips), 0)
--   from state_year_burden as b where b.year = plan_backtest.year))
-- check: expression(trips_planned = (select coalesce(sum(b.trips_planned), 0)
--   from state_year_burden as b where b.year = plan_backtest.year))
-- check: expression(trips_lower_bound
--   = (select coalesce(sum(b.trips_lower_bound), 0)
--   from state_year_burden as b where b.year = plan_backtest.year))

with

planned as (
    select * from planner_years
),

final as (
    select
        year,
        meetings,
        movable,
        trips_actual,
        trips_planned,
        trips_lower_bound,
        optimal,
        gap,
        moved_meetings,
        max_move_days
    from planned
)

select * from final
