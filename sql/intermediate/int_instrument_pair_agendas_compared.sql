-- grain: one row per unordered pair of instruments × year with an agenda
--   profile
-- description: For each pair of instruments and year of
--   int_instrument_pairs_listed where at least one of the two has an agenda
--   profile (int_agenda_profiles_summed): agenda_theme_cosine, the
--   synergy_cosine of the two profiles over the themes of either in
--   alphabetical order (synergy_cosine: pipeline/warehouse, the project's
--   one cosine); NULL when either instrument has no profile that year.
-- check: unique(instrument_a, instrument_b, year)
-- check: not_null(instrument_a, instrument_b, year)
-- check: expression(instrument_a < instrument_b)
-- check: expression(agenda_theme_cosine is null
--   or agenda_theme_cosine between 0 and 1)

with

instrument_pairs as (
    select * from int_instrument_pairs_listed
),

agenda_profiles as (
    select * from int_agenda_profiles_summed
),

profile_keys as (
    select
        instrument_pairs.instrument_a,
        instrument_pairs.instrument_b,
        instrument_pairs.year,
        agenda_profiles.theme
    from instrument_pairs
    inner join agenda_profiles
        on
            instrument_pairs.instrument_a = agenda_profiles.instrument_id
            and instrument_pairs.year = agenda_profiles.year
    union
    select
        instrument_pairs.instrument_a,
        instrument_pairs.instrument_b,
        instrument_pairs.year,
        agenda_profiles.theme
    from instrument_pairs
    inner join agenda_profiles
        on
            instrument_pairs.instrument_b = agenda_profiles.instrument_id
            and instrument_pairs.year = agenda_profiles.year
),

profile_weights as (
    select
        profile_keys.instrument_a,
        profile_keys.instrument_b,
        profile_keys.year,
        profile_keys.theme,
        profiles_a.instrument_id is not null as in_a,
        profiles_b.instrument_id is not null as in_b,
        coalesce(profiles_a.weight, 0) as weight_a,
        coalesce(profiles_b.weight, 0) as weight_b
    from profile_keys
    left join agenda_profiles as profiles_a
        on
            profile_keys.instrument_a = profiles_a.instrument_id
            and profile_keys.year = profiles_a.year
            and profile_keys.theme = profiles_a.theme
    left join agenda_profiles as profiles_b
        on
            profile_keys.instrument_b = profiles_b.instrument_id
            and profile_keys.year = profiles_b.year
            and profile_keys.theme = profiles_b.theme
),

agenda_cosines as (
    select
        instrument_a,
        instrument_b,
        year,
        case
            when bool_or(in_a) and bool_or(in_b)
                then synergy_cosine(
                    list(weight_a order by theme),
                    list(weight_b order by theme)
                )
        end as agenda_theme_cosine
    from profile_weights
    group by instrument_a, instrument_b, year
),

final as (
    select * from agenda_cosines
)

select * from final
