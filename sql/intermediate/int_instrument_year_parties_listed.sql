-- grain: one row per instrument × year × state
-- description: The parties of each instrument on 31 December of every year
--   it has a year-end count date (int_count_dates_listed): states for which
--   the instrument was in force that day (in_force_from <= year_end <
--   in_force_until, spells of int_participation_spells). A state counts
--   once however many spells it has.
-- check: unique(instrument_id, year, state_id)
-- check: not_null(instrument_id, year, state_id)
-- check: relationship(instrument_id -> stg_synergy__instruments.instrument_id)
-- check: relationship(state_id -> stg_synergy__states.state_id)

with

count_dates as (
    select * from int_count_dates_listed
),

spells as (
    select * from int_participation_spells
),

instrument_years as (
    select
        instrument_id,
        year(count_date) as year,
        count_date as year_end
    from count_dates
    where date_kind = 'year_end'
),

year_parties as (
    select
        instrument_years.instrument_id,
        instrument_years.year,
        spells.state_id
    from instrument_years
    inner join spells
        on
            instrument_years.instrument_id = spells.instrument_id
            and spells.in_force_from <= instrument_years.year_end
            and instrument_years.year_end
            < coalesce(spells.in_force_until, date '9999-12-31')
    group by instrument_years.instrument_id, instrument_years.year,
        spells.state_id
),

final as (
    select * from year_parties
)

select * from final
