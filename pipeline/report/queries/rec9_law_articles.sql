-- rec9_law_articles: the instrument articles the shared obligations of year $1
-- cite, one row per instrument × article × theme, with the obligation's kind,
-- summary and source URL from instrument_articles.
with s as (
    select instrument_a, instrument_b, unnest(shared_obligations) as o
    from instrument_pair_synergy
    where year = $1
),

cited as (
    select instrument_a as instrument_id, o.article_a as article, o.theme as theme
    from s
    union
    select instrument_b, o.article_b, o.theme from s
)

select
    a.instrument_id, a.article, a.theme, a.obligation_kind, a.summary,
    a.source_url
from instrument_articles as a
inner join cited using (instrument_id, article, theme)
order by a.instrument_id, a.article, a.theme
