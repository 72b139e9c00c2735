-- summary_index_base: one row for the years $1 to $2 saying what the coherence
-- index rests on: states, the state-years (one state in one year) whose
-- meetings travelled to (remote meetings are no journey) outnumber their fewest
-- possible trips, and state_meetings, those meetings. The index is undefined
-- when there is no such state-year: nothing could be gained.
select
    count(distinct state_id) as states,
    count(*) as state_years,
    coalesce(sum(meetings - remote_meetings), 0) as state_meetings
from state_year_burden
where
    year between $1 and $2
    and meetings - remote_meetings > trips_lower_bound
