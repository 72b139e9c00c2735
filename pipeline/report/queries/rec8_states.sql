-- rec8_states: one row per state with Rec 8 meetings in the years $1 to $2,
-- state_year_burden summed over the period with the state's name, the
-- coherence index recomputed from the sums, and states_saving (the same on
-- every row): how many states could save a trip. Most trips first.
with per_state as (
    select
        b.state_id, any_value(s.name) as name,
        sum(b.meetings) as meetings,
        sum(b.clearance_meetings) as clearance_meetings,
        sum(b.victim_assistance_meetings) as victim_assistance_meetings,
        sum(b.trips) as trips,
        sum(b.trips_lower_bound) as trips_lower_bound,
        sum(b.trips_saveable) as trips_saveable,
        list_sort(list_distinct(flatten(list(b.mergeable_meetings))))
            as mergeable_meetings
    from state_year_burden as b
    left join states as s using (state_id)
    where b.year between $1 and $2
    group by b.state_id
)

select
    *,
    case when meetings = trips_lower_bound then 1.0
        else (meetings - trips) / (meetings - trips_lower_bound)
    end as coherence_index,
    count(*) filter (where trips_saveable > 0) over () as states_saving
from per_state
order by trips desc, trips_saveable desc, meetings desc, state_id
