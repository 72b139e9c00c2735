-- state_instruments: every instrument with the participation of state $1,
-- one row per instrument × spell (one row with NULL dates when the state
-- never took part), in the instruments' order: signature, consent and its
-- kind, entry into force (derived or read), withdrawal, and whether the state
-- was party (in force) and had consented on 31 December of year $2, with
-- the row's source.
with spells as (
    select * from participation where state_id = $1
)

select
    i.instrument_id, i.short_name, i.family, p.spell, p.signature_date,
    p.consent_date, p.consent_kind, p.entry_into_force_date,
    p.entry_into_force_derived, p.withdrawal_notified_date,
    p.withdrawal_effective_date,
    coalesce(
        p.entry_into_force_date <= make_date($2, 12, 31)
        and coalesce(p.withdrawal_effective_date > make_date($2, 12, 31), true),
        false
    ) as party_at_end,
    coalesce(
        p.consent_date <= make_date($2, 12, 31)
        and coalesce(p.withdrawal_effective_date > make_date($2, 12, 31), true),
        false
    ) as consented_at_end,
    p.source_file, p.source_line, p.source_url
from instruments as i
left join spells as p using (instrument_id)
order by
    case i.instrument_id
        when 'APMBC' then 1 when 'CCM' then 2 when 'CCW' then 3
        when 'CCW-APII' then 4 when 'CCW-PV' then 5 when 'ATT' then 6
        else 7
    end,
    i.instrument_id, p.spell
