-- rec8_timeline_meetings: the meetings on the Rec 8 timeline for the years $1
-- to $2, one row per meeting in start order: those state_year_burden lists
-- (the clearance and victim-assistance meetings states were party to), with
-- their title (the name the tables show), dates, city, status and source
-- from meetings_enriched.
with ids as (
    select distinct unnest(meeting_ids) as meeting_id
    from state_year_burden where year between $1 and $2
)

select
    m.meeting_id, m.instrument_id, m.body, m.code, m.title, m.start_date,
    m.end_date, m.city, m.status, m.source_file, m.source_line, m.source_url
from meetings_enriched as m
inner join ids using (meeting_id)
order by m.start_date, m.meeting_id
