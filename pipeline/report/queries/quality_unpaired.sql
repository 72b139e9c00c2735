-- quality_unpaired: every meeting left out of the pairs, one row per meeting
-- with the reason; in_period says its start_text falls in the years $1 to $2.
select
    meeting_id, instrument_id, body, status, start_text, end_text, city,
    reason,
    try_cast(left(start_text, 4) as integer) between $1 and $2 as in_period
from meetings_unpaired
order by start_text, meeting_id
