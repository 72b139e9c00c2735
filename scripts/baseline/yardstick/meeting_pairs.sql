-- The yardstick for meeting_pairs: a careful analyst's hand-written query for the
-- same pairs and their core measures, from the dated meetings
-- (int_meetings_dated), the participation spells (int_participation_spells) and
-- the meetings' theme weights (int_meeting_themes_combined, in_vector rows).
-- Pairs: meetings of different instruments, both dated to the day, the later
-- starting at most 90 days after the earlier ends; a is the one starting first
-- (ties: the smaller id). Shared parties by intersecting the two party lists; theme
-- similarity as the cosine of the weight vectors by joining on the theme.
with

dated as (
    select * from int_meetings_dated where is_pairable
),

pairs as (
    select
        a.meeting_id as meeting_id_a,
        b.meeting_id as meeting_id_b,
        b.start_date <= a.end_date as dates_overlap,
        coalesce(a.city = b.city, false) as same_city,
        a.mode in ('online', 'written_procedure')
        or b.mode in ('online', 'written_procedure') as remote_involved,
        case
            when b.start_date <= a.end_date
                then -working_days(b.start_date, least(a.end_date, b.end_date))
            else working_days(a.end_date + 1, b.start_date - 1)
        end as gap_working_days
    from dated as a
    inner join dated as b
        on
            a.instrument_id <> b.instrument_id
            and b.start_date >= a.start_date
            and b.start_date <= a.end_date + 90
            and (b.start_date > a.start_date or b.meeting_id > a.meeting_id)
),

parties as (
    select dated.meeting_id, spells.state_id
    from dated
    inner join int_participation_spells as spells
        on
            dated.instrument_id = spells.instrument_id
            and spells.in_force_from <= dated.start_date
            and dated.start_date < coalesce(spells.in_force_until, date '9999-12-31')
),

party_lists as (
    select meeting_id, list(state_id) as states
    from parties
    group by meeting_id
),

shared as (
    select
        pairs.meeting_id_a,
        pairs.meeting_id_b,
        len(list_intersect(la.states, lb.states)) as shared_parties
    from pairs
    inner join party_lists as la on pairs.meeting_id_a = la.meeting_id
    inner join party_lists as lb on pairs.meeting_id_b = lb.meeting_id
),

weights as (
    select meeting_id, theme, weight
    from int_meeting_themes_combined
    where in_vector
),

norms as (
    select meeting_id, sqrt(sum(weight * weight)) as norm
    from weights
    group by meeting_id
),

pair_weights_a as materialized (
    select pairs.meeting_id_a, pairs.meeting_id_b, wa.theme, wa.weight
    from pairs
    inner join weights as wa on pairs.meeting_id_a = wa.meeting_id
),

cosines as (
    select
        pair_weights_a.meeting_id_a,
        pair_weights_a.meeting_id_b,
        sum(pair_weights_a.weight * wb.weight) as dot
    from pair_weights_a
    inner join weights as wb
        on pair_weights_a.meeting_id_b = wb.meeting_id and pair_weights_a.theme = wb.theme
    group by pair_weights_a.meeting_id_a, pair_weights_a.meeting_id_b
)

select
    pairs.meeting_id_a,
    pairs.meeting_id_b,
    case
        when dates_overlap and not same_city and not remote_involved then 'clash'
        when dates_overlap then 'concurrent'
        when remote_involved then 'separate'
        when same_city and gap_working_days between 0 and 1 then 'back_to_back'
        when same_city and gap_working_days between 2 and 10 then 'same_city_window'
        else 'separate'
    end as relation,
    pairs.gap_working_days,
    coalesce(shared.shared_parties, 0) as shared_parties,
    case
        when na.norm > 0 and nb.norm > 0
            then least(1.0, coalesce(cosines.dot, 0) / (na.norm * nb.norm))
    end as theme_similarity
from pairs
left join shared
    on pairs.meeting_id_a = shared.meeting_id_a and pairs.meeting_id_b = shared.meeting_id_b
left join cosines
    on pairs.meeting_id_a = cosines.meeting_id_a and pairs.meeting_id_b = cosines.meeting_id_b
left join norms as na on pairs.meeting_id_a = na.meeting_id
left join norms as nb on pairs.meeting_id_b = nb.meeting_id
