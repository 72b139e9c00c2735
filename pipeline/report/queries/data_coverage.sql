-- data_coverage: one row saying whether the snapshot holds anything for the
-- period from $1 to $2: rec8_years, the year_coherence rows of the period's
-- years, and rec9_pairs, the instrument_pair_synergy rows of its last year.
select
    (
        select count(*) from year_coherence
        where year between $1 and $2
    ) as rec8_years,
    (
        select count(*) from instrument_pair_synergy
        where year = $2
    ) as rec9_pairs
