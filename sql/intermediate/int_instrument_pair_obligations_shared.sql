-- grain: one row per unordered pair of instruments × year with a shared
--   obligation theme
-- description: For each pair of instruments (instrument_a < instrument_b)
--   and year, the states party to both (int_instrument_pair_parties_shared)
--   that hold that year (int_obligations_held) an obligation under the same
--   theme in each instrument: states_same_theme_obligations counts them,
--   shared_obligations lists them as {state_id, theme, article_a,
--   article_b, low_confidence}, so each instrument's own article stays
--   visible; low_confidence: either obligation row is of low confidence
--   (int_obligations_held.is_low_confidence).
--   states_low_confidence_only counts the states whose every shared entry
--   is low_confidence. Pairs and years without such a state have no row.
-- check: unique(instrument_a, instrument_b, year)
-- check: not_null(instrument_a, instrument_b, year,
--   states_same_theme_obligations, shared_obligations,
--   states_low_confidence_only)
-- check: expression(instrument_a < instrument_b)
-- check: expression(states_same_theme_obligations >= 1)
-- check: expression(len(shared_obligations) >= states_same_theme_obligations)
-- check: expression(states_low_confidence_only
--   between 0 and states_same_theme_obligations)

with

common_parties as (
    select * from int_instrument_pair_parties_shared
),

held_obligations as (
    select * from int_obligations_held
),

shared_obligation_rows as (
    select distinct
        common_parties.instrument_a,
        common_parties.instrument_b,
        common_parties.year,
        common_parties.state_id,
        held_a.theme,
        held_a.article as article_a,
        held_b.article as article_b,
        held_a.is_low_confidence or held_b.is_low_confidence
            as low_confidence
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

-- per state: are all its shared entries of low confidence
state_confidence as (
    select
        instrument_a,
        instrument_b,
        year,
        state_id,
        bool_and(low_confidence) as low_confidence_only
    from shared_obligation_rows
    group by instrument_a, instrument_b, year, state_id
),

low_only_counts as (
    select
        instrument_a,
        instrument_b,
        year,
        count_if(low_confidence_only) as states_low_confidence_only
    from state_confidence
    group by instrument_a, instrument_b, year
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
                'article_b': article_b,
                'low_confidence': low_confidence
            }
            order by state_id, theme, article_a, article_b, low_confidence
        ) as shared_obligations
    from shared_obligation_rows
    group by instrument_a, instrument_b, year
),

final as (
    select
        shared_obligation_lists.*,
        low_only_counts.states_low_confidence_only
    from shared_obligation_lists
    inner join low_only_counts
        on
            shared_obligation_lists.instrument_a = low_only_counts.instrument_a
            and shared_obligation_lists.instrument_b
            = low_only_counts.instrument_b
            and shared_obligation_lists.year = low_only_counts.year
)

select * from final
