-- summary_upcoming_meetings: the meetings not cancelled or postponed that open
-- after $1 (the snapshot's as-of date) and no later than $2 (twelve months on),
-- and those whose start is not known to the day but whose start_text gives a
-- year from $1's to $2's: one row per meeting, dated ones first in start
-- order, with title, dates, dates as given, city, status and dated (start known
-- to the day).
select
    meeting_id, title, start_date, end_date, start_text, end_text, city,
    status, start_date is not null as dated
from meetings_enriched
where
    status not in ('cancelled', 'postponed')
    and (
        (start_date > cast($1 as date) and start_date <= cast($2 as date))
        or (
            start_date is null
            and try_cast(left(start_text, 4) as integer)
            between year(cast($1 as date)) and year(cast($2 as date))
        )
    )
order by dated desc, start_date, start_text, meeting_id
