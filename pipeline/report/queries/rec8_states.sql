-- rec8_states: the states with Rec 8 meetings in the years $1 to $2, grouped
-- by their profile over the period (state_year_burden summed per state:
-- meetings, remote_meetings (online or written procedure: no trip), trips,
-- trips_lower_bound, trips_saveable), one row per profile
-- with how many states have it and their names (sorted by name; ids in
-- state_ids, same order). states_saving and states_total are the same on
-- every row: how many states could save a trip, and how many had meetings.
-- Most trips saveable first, then most trips, then most meetings.
with per_state as (
    select
        b.state_id, coalesce(any_value(s.name), b.state_id) as name,
        sum(b.meetings) as meetings,
        sum(b.remote_meetings) as remote_meetings,
        sum(b.trips) as trips,
        sum(b.trips_lower_bound) as trips_lower_bound,
        sum(b.trips_saveable) as trips_saveable
    from state_year_burden as b
    left join states as s using (state_id)
    where b.year between $1 and $2
    group by b.state_id
)

select
    meetings, remote_meetings, trips, trips_lower_bound, trips_saveable,
    count(*) as states,
    list(name order by name, state_id) as names,
    list(state_id order by name, state_id) as state_ids,
    sum(count(*) filter (where trips_saveable > 0)) over () as states_saving,
    sum(count(*)) over () as states_total
from per_state
group by meetings, remote_meetings, trips, trips_lower_bound, trips_saveable
order by trips_saveable desc, trips desc, meetings desc, trips_lower_bound
