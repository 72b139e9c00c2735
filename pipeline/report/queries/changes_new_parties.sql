-- changes_new_parties: the participation spells whose consent or entry into
-- force falls in the years $1 to $2, one row per spell with the state's name
-- and source line, by instrument then date.
select
    p.state_id, s.name, p.instrument_id, p.spell, p.consent_date,
    p.consent_kind, p.entry_into_force_date, p.entry_into_force_derived,
    p.source_file, p.source_line
from participation as p
left join states as s using (state_id)
where year(p.consent_date) between $1 and $2
    or year(p.entry_into_force_date) between $1 and $2
order by
    p.instrument_id, coalesce(p.entry_into_force_date, p.consent_date),
    p.state_id
