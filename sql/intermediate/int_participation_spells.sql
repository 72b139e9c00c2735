-- grain: one row per state × instrument × spell
-- description: Each participation spell as half-open date intervals for
--   counting: consented_from (consent deposited), in_force_from (entry into
--   force for that state) and in_force_until (withdrawal took effect; the
--   state is no longer bound from that day on, so the bound is exclusive). A
--   state is a party on day d when in_force_from <= d < in_force_until (NULL
--   until = still in force); it has consented on d when
--   consented_from <= d < in_force_until. A withdrawal counts only once it
--   has taken effect: in_force_until is withdrawal_effective_date unless
--   withdrawal_status is 'notified' (notice given, effect not established,
--   e.g. contested during armed conflict, DESIGN §3), when it stays NULL and
--   the recorded date is kept in withdrawal_effective_date. A state's spells
--   in force for one instrument never overlap (checked below), so a state is
--   a party on a day through at most one spell: int_meeting_parties_listed
--   relies on it.
-- check: unique(state_id, instrument_id, spell)
-- check: not_null(state_id, instrument_id, spell)
-- check: relationship(state_id -> stg_synergy__states.state_id)
-- check: relationship(instrument_id -> stg_synergy__instruments.instrument_id)
-- check: expression(not exists (select 1 from int_participation_spells as other
--   where other.state_id = int_participation_spells.state_id
--   and other.instrument_id = int_participation_spells.instrument_id
--   and other.spell <> int_participation_spells.spell
--   and other.in_force_from
--   < coalesce(int_participation_spells.in_force_until, date '9999-12-31')
--   and int_participation_spells.in_force_from
--   < coalesce(other.in_force_until, date '9999-12-31')))

with

participation as (
    select * from stg_synergy__participation
),

spells as (
    select
        state_id,
        instrument_id,
        spell,
        consent_kind,
        signature_date,
        consent_date as consented_from,
        entry_into_force_date as in_force_from,
        case
            when withdrawal_status = 'notified' then null
            else withdrawal_effective_date
        end as in_force_until,
        withdrawal_notified_date,
        withdrawal_effective_date,
        withdrawal_status,
        is_entry_into_force_derived,
        confidence,
        source_url
    from participation
),

final as (
    select * from spells
)

select * from final
