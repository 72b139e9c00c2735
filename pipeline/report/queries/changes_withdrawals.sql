-- changes_withdrawals: the participation spells whose withdrawal was notified
-- or took effect in the years $1 to $2, one row per spell with the state's
-- name and source line; effective_in_period says it took effect in them.
select
    p.state_id, s.name, p.instrument_id, p.withdrawal_notified_date,
    p.withdrawal_effective_date, p.withdrawal_status, p.source_file,
    p.source_line,
    coalesce(year(p.withdrawal_effective_date) between $1 and $2, false)
        as effective_in_period
from participation as p
left join states as s using (state_id)
where year(p.withdrawal_effective_date) between $1 and $2
    or year(p.withdrawal_notified_date) between $1 and $2
order by p.withdrawal_effective_date, p.instrument_id, p.state_id
