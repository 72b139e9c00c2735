-- rec8_states_mergeable: the meetings a state could have merged with another
-- in the years $1 to $2, one row per meeting with its title, instrument,
-- start and city and the number of states for which it is mergeable, most
-- states first.
with m as (
    select unnest(mergeable_meetings) as meeting_id, state_id
    from state_year_burden where year between $1 and $2
)

select
    m.meeting_id, e.title, e.instrument_id, e.start_date, e.city,
    count(distinct m.state_id) as states
from m
left join meetings_enriched as e using (meeting_id)
group by all
order by states desc, e.start_date, m.meeting_id
