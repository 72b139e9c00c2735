-- quality_unpaired: every meeting left out of the pairs, one row per meeting
-- with its title and the reason; in_period says its start_text falls in the
-- years $1 to $2.
select
    u.meeting_id, m.title, u.instrument_id, u.body, u.status, u.start_text,
    u.end_text, u.city, u.reason,
    try_cast(left(u.start_text, 4) as integer) between $1 and $2 as in_period
from meetings_unpaired as u
left join meetings_enriched as m using (meeting_id)
order by u.start_text, u.meeting_id
