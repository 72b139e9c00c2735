-- summary_saveable: where trips could have been saved in the years $1 to $2:
-- one row per place (year, city and half-year, 1 for January-June and 2 for
-- July-December, by the meeting's start) and mergeable meeting
-- (state_year_burden.mergeable_meetings), with the meeting's title and dates
-- and the place's states, the number of states for which the place's meetings
-- were separate trips; places with most states first, meetings in start order.
with m as (
    select unnest(mergeable_meetings) as meeting_id, state_id, year
    from state_year_burden where year between $1 and $2
),

placed as (
    select
        m.year, m.state_id, e.meeting_id, e.title, e.start_date, e.end_date,
        e.city,
        case when month(e.start_date) <= 6 then 1 else 2 end as half
    from m
    inner join meetings_enriched as e using (meeting_id)
),

places as (
    select year, city, half, count(distinct state_id) as states
    from placed
    group by all
)

select distinct
    p.year, p.city, p.half, p.states, d.meeting_id, d.title, d.start_date,
    d.end_date
from places as p
inner join placed as d using (year, city, half)
order by p.states desc, p.year, p.city, p.half, d.start_date, d.meeting_id
