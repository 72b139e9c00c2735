-- grain: one row per unordered pair of instruments × year with a shared
--   obligation theme
-- description: For each pair of instruments (instrument_a < instrument_b)
--   and year, the states party to both (int_instrument_pair_parties_shared)
--   that hold that year (int_obligations_held) an obligation under the same
--   theme in each instrument: states_same_theme_obligations counts them,
--   shared_obligations lists them as {state_id, theme, article_a,
--   article_b}, so each instrument's own article stays visible. Pairs and
--   years without such a state have no row.
-- check: unique(instrument_a, instrument_b, year)
-- check: not_null(instrument_a, instrument_b, year,
--   states_same_theme_obligations, shared_obligations)
-- check: expression(instrument_a < instrument_b)
-- check: expression(states_same_theme_obligations >= 1)
-- check: expression(len(shared_obligations) >= states_same_theme_obligations)

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

final as (
    select * from shared_obligation_lists
)

select * from final
