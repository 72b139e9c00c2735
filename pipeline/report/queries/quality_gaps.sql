-- quality_gaps: one row measuring what the data lack for the years $1 to $2:
-- the instruments with high or medium confidence obligations (covered), the
-- instrument pairs of year $2 and those without obligation_share or
-- agenda_theme_cosine, and the period's meetings without a city.
select
    (
        select string_agg(distinct instrument_id, ', ' order by instrument_id)
        from obligations where confidence in ('high', 'medium')
    ) as covered,
    (
        select count(*) from instrument_pair_synergy
        where year = $2
    ) as pairs,
    (
        select count(*) from instrument_pair_synergy
        where year = $2 and obligation_share is null
    ) as no_obligations,
    (
        select count(*) from instrument_pair_synergy
        where year = $2 and agenda_theme_cosine is null
    ) as no_agenda,
    (
        select coalesce(sum(meetings_without_city), 0) from state_year_burden
        where year between $1 and $2
    ) as without_city
