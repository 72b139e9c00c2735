-- grain: one row per instrument × count_date × date_kind
-- description: How many states stood in each relation to an instrument on
--   each count date of int_count_dates_listed (meeting opening days and
--   31 Decembers). Each count is of distinct states, on day count_date:
--   consented = states that had deposited their consent (ratification,
--   accession …) on or before the day and whose withdrawal had not taken
--   effect: the depositary's "Parties" count, as on UNTC status headers,
--   which includes states for which the instrument is not yet in force.
--   in_force = states for which the instrument was in force on the day
--   (entry_into_force_date <= day < withdrawal_effective_date): the
--   conventions' "States Parties" / "High Contracting Parties" count.
--   withdrawn = states whose withdrawal had taken effect by the day and
--   that had not consented again since.
--   consented_without_eif_date = consented states whose entry-into-force date
--   is unknown: they are in consented but can be in neither in_force nor its
--   complement, so nothing is hidden.
--   withdrawal_pending = consented states that had notified withdrawal on
--   or before the day without it having taken effect (notice period, or a
--   contested withdrawal); they stay in consented and in_force.
--   in_force_not_consented = states in force on the day with no consent on
--   record on or before it (consent date unknown, or a data error); so
--   in_force <= consented + in_force_not_consented always holds.
--   meeting_ids lists the meetings opening that day ([] for year ends).
-- partition: year = year(count_date)
-- check: unique(instrument_id, count_date, date_kind)
-- check: not_null(instrument_id, count_date, date_kind, meeting_ids,
--   consented, in_force, withdrawn, consented_without_eif_date,
--   withdrawal_pending, in_force_not_consented)
-- check: accepted_values(date_kind, 'meeting_opening', 'year_end')
-- check: relationship(instrument_id -> stg_synergy__instruments.instrument_id)
-- check: expression(in_force <= consented + in_force_not_consented)
-- check: expression(consented_without_eif_date <= consented)
-- check: expression(withdrawal_pending <= consented)
-- check: expression(in_force_not_consented <= in_force)
-- check: expression(least(consented, in_force, withdrawn) >= 0)

with

count_dates as (
    select * from int_count_dates_listed
),

spells as (
    select * from int_participation_spells
),

-- each spell of the instrument on each count date
spell_days as (
    select
        count_dates.instrument_id,
        count_dates.count_date,
        count_dates.date_kind,
        spells.state_id,
        coalesce(spells.in_force_until <= count_dates.count_date, false)
            as is_withdrawn,
        coalesce(spells.consented_from <= count_dates.count_date, false)
            and not coalesce(
                spells.in_force_until <= count_dates.count_date, false
            ) as is_consented,
        coalesce(spells.in_force_from <= count_dates.count_date, false)
            and not coalesce(
                spells.in_force_until <= count_dates.count_date, false
            ) as is_in_force,
        spells.in_force_from is null as lacks_eif_date,
        coalesce(
            spells.withdrawal_notified_date <= count_dates.count_date, false
        ) as has_notified_withdrawal
    from count_dates
    inner join spells
        on count_dates.instrument_id = spells.instrument_id
),

-- one row per state: a state counts once however many spells it has
state_days as (
    select
        instrument_id,
        count_date,
        date_kind,
        state_id,
        bool_or(is_consented) as is_consented,
        bool_or(is_in_force) as is_in_force,
        bool_or(is_consented and lacks_eif_date)
            as is_consented_without_eif_date,
        bool_or(is_consented and has_notified_withdrawal)
            as is_withdrawal_pending,
        bool_or(is_in_force and not is_consented)
            as is_in_force_not_consented,
        bool_or(is_withdrawn) and not bool_or(is_consented) as is_withdrawn
    from spell_days
    group by instrument_id, count_date, date_kind, state_id
),

counted as (
    select
        instrument_id,
        count_date,
        date_kind,
        count_if(is_consented) as consented,
        count_if(is_in_force) as in_force,
        count_if(is_withdrawn) as withdrawn,
        count_if(is_consented_without_eif_date) as consented_without_eif_date,
        count_if(is_withdrawal_pending) as withdrawal_pending,
        count_if(is_in_force_not_consented) as in_force_not_consented
    from state_days
    group by instrument_id, count_date, date_kind
),

final as (
    select
        count_dates.instrument_id,
        count_dates.count_date,
        count_dates.date_kind,
        count_dates.meeting_ids,
        coalesce(counted.consented, 0) as consented,
        coalesce(counted.in_force, 0) as in_force,
        coalesce(counted.withdrawn, 0) as withdrawn,
        coalesce(counted.consented_without_eif_date, 0)
            as consented_without_eif_date,
        coalesce(counted.withdrawal_pending, 0) as withdrawal_pending,
        coalesce(counted.in_force_not_consented, 0) as in_force_not_consented
    from count_dates
    left join counted
        on
            count_dates.instrument_id = counted.instrument_id
            and count_dates.count_date = counted.count_date
            and count_dates.date_kind = counted.date_kind
)

select * from final
