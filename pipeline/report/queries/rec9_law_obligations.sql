-- rec9_law_obligations: the obligations instrument pairs share in year $1,
-- one row per pair × theme × pair of articles, with the number of states
-- bound by both and their ids, and low_confidence_ids: those of them whose
-- obligation row under either article is not of high or medium confidence
-- (low, or from memory), so that every count the report shows says what it
-- rests on. The rows held in the year are found as int_obligations_held
-- finds them; instrument_pair_synergy's low-confidence flag, once
-- published, replaces this join.
with s as (
    select instrument_a, instrument_b, unnest(shared_obligations) as o
    from instrument_pair_synergy
    where year = $1
),

held as (
    select
        state_id, instrument_id, article, theme,
        bool_or(confidence in ('high', 'medium')) as strong
    from obligations
    where coalesce(start_date <= make_date($1, 12, 31), true)
        and (
            status in ('ongoing', 'overdue')
            or coalesce(completed_date, deadline, original_deadline)
            >= make_date($1, 1, 1)
        )
    group by all
),

rated as (
    select
        s.instrument_a, s.instrument_b, s.o.theme as theme,
        s.o.article_a as article_a, s.o.article_b as article_b,
        s.o.state_id as state_id,
        not (coalesce(ha.strong, false) and coalesce(hb.strong, false)) as low
    from s
    left join held as ha
        on ha.state_id = s.o.state_id and ha.instrument_id = s.instrument_a
        and ha.article = s.o.article_a and ha.theme = s.o.theme
    left join held as hb
        on hb.state_id = s.o.state_id and hb.instrument_id = s.instrument_b
        and hb.article = s.o.article_b and hb.theme = s.o.theme
)

select
    instrument_a, instrument_b, theme, article_a, article_b,
    count(*) as states,
    string_agg(state_id, ', ' order by state_id) as state_ids,
    count(*) filter (where low) as low_confidence,
    coalesce(
        string_agg(state_id, ', ' order by state_id) filter (where low), ''
    ) as low_confidence_ids
from rated
group by all
order by instrument_a, instrument_b, theme, article_a, article_b
