-- rec9_pairs: every instrument pair of year $1 with each component of its
-- synergy potential and what the score rests on, one row per pair. evidence
-- lists the components that are known (membership always; agendas when
-- agenda_theme_cosine is known; obligations when obligation_share is), so
-- its length is synergy_components. obligations_data says what the
-- obligations data hold for the pair: 'yes' (both instruments have rows of
-- high or medium confidence: obligations_covered), 'low' (both have rows,
-- one only of low confidence or from memory, so the share is not scored)
-- or 'no' (an instrument has no row at all). low_confidence_states: the
-- states among states_same_theme_obligations whose shared obligation rests
-- on a row that is not of high or medium confidence on either side (the
-- test of int_obligations_held, repeated here). Same-family pairs last,
-- then most evidence first, then highest synergy potential: a score on
-- fewer components never outranks one on more.
-- The evidence list and the low-confidence count are computed here from
-- today's columns; instrument_pair_synergy's own evidence and
-- low-confidence columns, once published, replace them.
with obligation_rows as (
    select
        instrument_id,
        bool_or(confidence in ('high', 'medium')) as strong,
        count(*) as n
    from obligations
    group by instrument_id
),

held as (
    select
        o.state_id, o.instrument_id, o.article, o.theme,
        bool_or(o.confidence in ('high', 'medium')) as strong
    from obligations as o
    where coalesce(o.start_date <= make_date($1, 12, 31), true)
        and (
            o.status in ('ongoing', 'overdue')
            or coalesce(o.completed_date, o.deadline, o.original_deadline)
            >= make_date($1, 1, 1)
        )
    group by all
),

shared as (
    select instrument_a, instrument_b, unnest(shared_obligations) as s
    from instrument_pair_synergy
    where year = $1
),

weak as (
    select
        shared.instrument_a, shared.instrument_b,
        count(distinct shared.s.state_id) filter (
            where not (
                coalesce(ha.strong, false) and coalesce(hb.strong, false)
            )
        ) as low_confidence_states
    from shared
    left join held as ha
        on ha.state_id = shared.s.state_id
        and ha.instrument_id = shared.instrument_a
        and ha.article = shared.s.article_a and ha.theme = shared.s.theme
    left join held as hb
        on hb.state_id = shared.s.state_id
        and hb.instrument_id = shared.instrument_b
        and hb.article = shared.s.article_b and hb.theme = shared.s.theme
    group by all
)

select
    p.instrument_a, p.instrument_b, p.same_family, p.parties_a, p.parties_b,
    p.parties_both, p.parties_either, p.membership_jaccard,
    p.containment_a_in_b, p.containment_b_in_a, p.obligations_covered,
    p.states_same_theme_obligations, p.obligation_share,
    p.agenda_theme_cosine, p.synergy_potential, p.synergy_components,
    list_concat(
        ['membership'],
        case
            when p.agenda_theme_cosine is not null then ['agendas'] else []
        end,
        case
            when p.obligation_share is not null then ['obligations'] else []
        end
    ) as evidence,
    case
        when p.obligations_covered then 'yes'
        when oa.n > 0 and ob.n > 0 then 'low'
        else 'no'
    end as obligations_data,
    coalesce(w.low_confidence_states, 0) as low_confidence_states
from instrument_pair_synergy as p
left join obligation_rows as oa on oa.instrument_id = p.instrument_a
left join obligation_rows as ob on ob.instrument_id = p.instrument_b
left join weak as w using (instrument_a, instrument_b)
where p.year = $1
order by
    p.same_family, p.synergy_components desc, p.synergy_potential desc,
    p.instrument_a, p.instrument_b
