-- planned_backtest: plan_backtest up to year $1, one row per year: the year
-- planned again within four weeks of each meeting's real dates (synergy plan's
-- default window, every meeting movable): trips as held (trips_actual), as
-- planned, the (city, half-year) bound, meetings moved, the longest move in
-- days, and whether the solver proved the plan optimal (else its gap).
select
    year, meetings, movable, trips_actual, trips_planned, trips_lower_bound,
    optimal, gap, moved_meetings, max_move_days,
from plan_backtest
where year <= $1
order by year
