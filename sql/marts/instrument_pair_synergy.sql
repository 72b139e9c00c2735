-- grain: one row per unordered pair of instruments × year
-- description: Rec 9 (DESIGN §4): per pair of instruments (instrument_a <
--   instrument_b) and year, on 31 December, for every year both instruments
--   have a year-end count date (int_count_dates_listed) and at least one has
--   a party. parties_a, parties_b: states for which the instrument was in
--   force that day; parties_both, parties_either; membership_jaccard =
--   both / either; containment_a_in_b = both / parties_a and
--   containment_b_in_a = both / parties_b (NULL when the divisor is 0).
--   An obligation (stg_synergy__obligations) is held in a year when it had
--   begun by 31 December (start_date; unknown counts as begun) and had not
--   ended before 1 January: status 'ongoing' or 'overdue', or its end
--   (completed_date, else the current deadline, else the original deadline)
--   on or after 1 January. states_same_theme_obligations: states party to
--   both that hold, that year, an obligation under the same theme in each
--   instrument; shared_obligations lists them as {state_id, theme,
--   article_a, article_b}, so each instrument's own article stays visible.
--   obligation_share = states_same_theme_obligations / parties_both; NULL
--   when parties_both is 0 or when the obligations data hold no row of high
--   or medium confidence for one of the two instruments (obligations_covered
--   false: no data, or a few rows of low confidence, is not a zero share).
--   agenda_theme_cosine: synergy_cosine of the two instruments' agenda
--   theme profiles (sum of int_meeting_themes_combined weights per vector
--   theme over the instrument's meetings starting that year, not cancelled
--   or postponed); NULL when either held none. synergy_potential: the
--   arithmetic mean of the components that are not NULL among
--   membership_jaccard, obligation_share and agenda_theme_cosine
--   (synergy_components says how many); every component has its own column
--   so analysts can re-weight (docs/metrics.md).
-- check: unique(instrument_a, instrument_b, year)
-- check: not_null(instrument_a, instrument_b, year, year_end, parties_a,
--   parties_b, parties_both, parties_either, membership_jaccard, same_family,
--   states_same_theme_obligations, shared_obligations, obligations_covered,
--   synergy_potential, synergy_components)
-- check: relationship(instrument_a -> stg_synergy__instruments.instrument_id)
-- check: relationship(instrument_b -> stg_synergy__instruments.instrument_id)
-- check: expression(instrument_a < instrument_b)
-- check: expression(parties_either > 0)
-- check: expression(parties_both <= least(parties_a, parties_b))
-- check: expression(parties_either = parties_a + parties_b - parties_both)
-- check: expression(membership_jaccard between 0 and 1)
-- check: expression(containment_a_in_b is null
--   or containment_a_in_b between 0 and 1)
-- check: expression(containment_b_in_a is null
--   or containment_b_in_a between 0 and 1)
-- check: expression(states_same_theme_obligations <= parties_both)
-- check: expression(len(shared_obligations) >= states_same_theme_obligations)
-- check: expression(obligation_share is null
--   or obligation_share between 0 and 1)
-- check: expression(agenda_theme_cosine is null
--   or agenda_theme_cosine between 0 and 1)
-- check: expression(synergy_potential between 0 and 1)
-- check: expression(synergy_components = 1
--   + cast(obligation_share is not null as integer)
--   + cast(agenda_theme_cosine is not null as integer))

with

count_dates as (
    select * from int_count_dates_listed
),

spells as (
    select * from int_participation_spells
),

instruments as (
    select * from stg_synergy__instruments
),

obligations as (
    select * from stg_synergy__obligations
),

meetings as (
    select * from int_meetings_dated
),

meeting_themes as (
    select * from int_meeting_themes_combined
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

party_sizes as (
    select
        instrument_id,
        year,
        count(*) as parties
    from year_parties
    group by instrument_id, year
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

common_party_counts as (
    select
        instrument_a,
        instrument_b,
        year,
        count(*) as parties_both
    from common_parties
    group by instrument_a, instrument_b, year
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

-- obligations held at some point of the year
held_obligations as (
    select
        obligations.state_id,
        obligations.instrument_id,
        obligations.theme,
        obligations.article,
        instrument_years.year
    from obligations
    inner join instrument_years
        on obligations.instrument_id = instrument_years.instrument_id
    where
        coalesce(obligations.start_date <= instrument_years.year_end, true)
        and (
            obligations.status in ('ongoing', 'overdue')
            or coalesce(
                obligations.completed_date,
                obligations.deadline,
                obligations.original_deadline
            ) >= make_date(instrument_years.year, 1, 1)
        )
),

shared_obligation_rows as (
    select distinct
        common_parties.instrument_a,
        common_parties.instrument_b,
        common_parties.year,
        common_parties.state_id,
        held_a.theme,
        held_a.article as article_a,
        held_b.article as article_b
    from common_parties
    inner join held_obligations as held_a
        on
            common_parties.instrument_a = held_a.instrument_id
            and common_parties.year = held_a.year
            and common_parties.state_id = held_a.state_id
    inner join held_obligations as held_b
        on
            common_parties.instrument_b = held_b.instrument_id
            and common_parties.year = held_b.year
            and common_parties.state_id = held_b.state_id
            and held_a.theme = held_b.theme
),

shared_obligation_lists as (
    select
        instrument_a,
        instrument_b,
        year,
        count(distinct state_id) as states_same_theme_obligations,
        list(
            {
                'state_id': state_id,
                'theme': theme,
                'article_a': article_a,
                'article_b': article_b
            }
            order by state_id, theme, article_a, article_b
        ) as shared_obligations
    from shared_obligation_rows
    group by instrument_a, instrument_b, year
),

-- an instrument whose only rows are of low confidence or from memory (two
-- Protocol V rows today) is not covered: its near-empty data would read as a
-- share close to zero
covered_instruments as (
    select distinct instrument_id
    from obligations
    where confidence in ('high', 'medium')
),

-- agenda theme profile: the summed meeting weights per instrument, year, theme
agenda_profiles as (
    select
        meetings.instrument_id,
        year(meetings.start_date) as year,
        meeting_themes.theme,
        -- ordered, so the float sum is the same on every run
        sum(meeting_themes.weight order by meetings.meeting_id) as weight
    from meetings
    inner join meeting_themes
        on meetings.meeting_id = meeting_themes.meeting_id
    where
        meetings.start_date is not null
        and meetings.status not in ('cancelled', 'postponed')
        and meeting_themes.in_vector
    group by meetings.instrument_id, year(meetings.start_date),
        meeting_themes.theme
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

-- cosine over the themes of either profile in a fixed (alphabetical) order,
-- by synergy_cosine (pipeline/warehouse: the project's one cosine, shared
-- with the Go statistics; NULL for a zero vector)
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

measured as (
    select
        instrument_pairs.instrument_a,
        instrument_pairs.instrument_b,
        instrument_pairs.year,
        instrument_pairs.year_end,
        coalesce(sizes_a.parties, 0) as parties_a,
        coalesce(sizes_b.parties, 0) as parties_b,
        coalesce(common_party_counts.parties_both, 0) as parties_both,
        coalesce(instruments_a.family = instruments_b.family, false)
            as same_family,
        coalesce(shared_obligation_lists.states_same_theme_obligations, 0)
            as states_same_theme_obligations,
        coalesce(
            shared_obligation_lists.shared_obligations,
            []
        ) as shared_obligations,
        covered_a.instrument_id is not null
        and covered_b.instrument_id is not null as obligations_covered,
        agenda_cosines.agenda_theme_cosine
    from instrument_pairs
    left join party_sizes as sizes_a
        on
            instrument_pairs.instrument_a = sizes_a.instrument_id
            and instrument_pairs.year = sizes_a.year
    left join party_sizes as sizes_b
        on
            instrument_pairs.instrument_b = sizes_b.instrument_id
            and instrument_pairs.year = sizes_b.year
    left join common_party_counts
        on
            instrument_pairs.instrument_a = common_party_counts.instrument_a
            and instrument_pairs.instrument_b = common_party_counts.instrument_b
            and instrument_pairs.year = common_party_counts.year
    left join instruments as instruments_a
        on instrument_pairs.instrument_a = instruments_a.instrument_id
    left join instruments as instruments_b
        on instrument_pairs.instrument_b = instruments_b.instrument_id
    left join shared_obligation_lists
        on
            instrument_pairs.instrument_a = shared_obligation_lists.instrument_a
            and instrument_pairs.instrument_b
            = shared_obligation_lists.instrument_b
            and instrument_pairs.year = shared_obligation_lists.year
    left join covered_instruments as covered_a
        on instrument_pairs.instrument_a = covered_a.instrument_id
    left join covered_instruments as covered_b
        on instrument_pairs.instrument_b = covered_b.instrument_id
    left join agenda_cosines
        on
            instrument_pairs.instrument_a = agenda_cosines.instrument_a
            and instrument_pairs.instrument_b = agenda_cosines.instrument_b
            and instrument_pairs.year = agenda_cosines.year
),

components as (
    select
        *,
        parties_a + parties_b - parties_both as parties_either,
        parties_both / (parties_a + parties_b - parties_both)
            as membership_jaccard,
        parties_both / nullif(parties_a, 0) as containment_a_in_b,
        parties_both / nullif(parties_b, 0) as containment_b_in_a,
        case
            when obligations_covered
                then states_same_theme_obligations / nullif(parties_both, 0)
        end as obligation_share
    from measured
    where parties_a + parties_b - parties_both > 0
),

final as (
    select
        instrument_a,
        instrument_b,
        year,
        year_end,
        same_family,
        parties_a,
        parties_b,
        parties_both,
        parties_either,
        membership_jaccard,
        containment_a_in_b,
        containment_b_in_a,
        obligations_covered,
        states_same_theme_obligations,
        shared_obligations,
        obligation_share,
        agenda_theme_cosine,
        (
            membership_jaccard
            + coalesce(obligation_share, 0)
            + coalesce(agenda_theme_cosine, 0)
        )
        / (
            1
            + cast(obligation_share is not null as integer)
            + cast(agenda_theme_cosine is not null as integer)
        ) as synergy_potential,
        1
        + cast(obligation_share is not null as integer)
        + cast(agenda_theme_cosine is not null as integer) as synergy_components
    from components
)

select * from final
