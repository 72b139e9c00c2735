-- changes_meeting_status: every meeting of the years $1 to $2, one row per
-- meeting with its title, status, dates as given, city and source line, in date
-- order. A meeting's year is its start date's, else the year its start_text
-- gives.
select
    meeting_id, title, instrument_id, body, status, start_text, end_text,
    city, source_file, source_line
from meetings_enriched
where
    coalesce(year(start_date), try_cast(left(start_text, 4) as integer))
    between $1 and $2
order by
    coalesce(year(start_date), try_cast(left(start_text, 4) as integer)),
    start_text, meeting_id
