-- state_burden: state $1's row of state_year_burden for every year from $2
-- to $3 it has one: its clearance and victim-assistance meetings, of them
-- remote_meetings (online or written procedure: no trip), trips,
-- trips_lower_bound (the fewest possible), trips_saveable, trips_planned (the
-- trips under the year's optimal plan within four weeks of the real dates,
-- plan_backtest), coherence_index
-- (NULL where nothing could be gained) and meetings_without_city, in year
-- order.
select
    year, meetings, clearance_meetings, victim_assistance_meetings,
    remote_meetings, trips, trips_planned,
    trips_lower_bound, trips_saveable, coherence_index, meetings_without_city
from state_year_burden
where state_id = $1 and year between $2 and $3
order by year
