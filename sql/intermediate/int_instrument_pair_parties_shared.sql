-- grain: one row per unordered pair of instruments × year × state
-- description: The states party to both instruments of a pair (instrument_a
--   < instrument_b) on 31 December of the year
--   (int_instrument_year_parties_listed).
-- check: unique(instrument_a, instrument_b, year, state_id)
-- check: not_null(instrument_a, instrument_b, year, state_id)
-- check: relationship(state_id -> stg_synergy__states.state_id)
-- check: expression(instrument_a < instrument_b)

with

year_parties as (
    select * from int_instrument_year_parties_listed
),

common_parties as (
    select
        parties_a.instrument_id as instrument_a,
        parties_b.instrument_id as instrument_b,
        parties_a.year,
        parties_a.state_id
    from year_parties as parties_a
    inner join year_parties as parties_b
        on
            parties_a.year = parties_b.year
            and parties_a.state_id = parties_b.state_id
            and parties_a.instrument_id < parties_b.instrument_id
),

final as (
    select * from common_parties
)

select * from final
