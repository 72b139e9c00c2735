-- rec9_law_obligations: the obligations instrument pairs share in year $1,
-- one row per pair × theme × pair of articles, with the number of states
-- bound by both and their ids.
with s as (
    select instrument_a, instrument_b, unnest(shared_obligations) as o
    from instrument_pair_synergy
    where year = $1
)

select
    instrument_a, instrument_b, o.theme as theme, o.article_a as article_a,
    o.article_b as article_b, count(*) as states,
    string_agg(o.state_id, ', ' order by o.state_id) as state_ids
from s
group by all
order by instrument_a, instrument_b, theme, article_a, article_b
