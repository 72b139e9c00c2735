-- grain: one row per unordered pair of instruments × year
-- description: Every pair of instruments (instrument_a < instrument_b) and
--   year in which both have a year-end count date (int_count_dates_listed,
--   date_kind 'year_end'); year_end is that 31 December. same_family: both
--   instruments of one family (CCW and its protocols). The spine of
--   instrument_pair_synergy.
-- check: unique(instrument_a, instrument_b, year)
-- check: not_null(instrument_a, instrument_b, year, year_end, same_family)
-- check: relationship(instrument_a -> stg_synergy__instruments.instrument_id)
-- check: relationship(instrument_b -> stg_synergy__instruments.instrument_id)
-- check: expression(instrument_a < instrument_b)
-- check: expression(year_end = make_date(year, 12, 31))

with

count_dates as (
    select * from int_count_dates_listed
),

instruments as (
    select * from stg_synergy__instruments
),

instrument_years as (
    select
        instrument_id,
        year(count_date) as year,
        count_date as year_end
    from count_dates
    where date_kind = 'year_end'
),

instrument_pairs as (
    select
        years_a.instrument_id as instrument_a,
        years_b.instrument_id as instrument_b,
        years_a.year,
        years_a.year_end
    from instrument_years as years_a
    inner join instrument_years as years_b
        on
            years_a.year = years_b.year
            and years_a.instrument_id < years_b.instrument_id
),

final as (
    select
        instrument_pairs.instrument_a,
        instrument_pairs.instrument_b,
        instrument_pairs.year,
        instrument_pairs.year_end,
        coalesce(instruments_a.family = instruments_b.family, false)
            as same_family
    from instrument_pairs
    left join instruments as instruments_a
        on instrument_pairs.instrument_a = instruments_a.instrument_id
    left join instruments as instruments_b
        on instrument_pairs.instrument_b = instruments_b.instrument_id
)

select * from final
