-- changes_party_counts: one row per instrument with its parties in force on
-- 31 December of year $1 (before) and of year $2 (after); NULL when
-- party_counts has no year-end count for that date.
select
    instrument_id,
    max(in_force) filter (where count_date = make_date($1, 12, 31)) as before,
    max(in_force) filter (where count_date = make_date($2, 12, 31)) as after
from party_counts
where date_kind = 'year_end'
group by instrument_id
order by instrument_id
