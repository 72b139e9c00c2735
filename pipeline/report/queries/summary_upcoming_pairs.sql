-- summary_upcoming_pairs: the pairs of meetings that open after $1 (the
-- snapshot's as-of date) and no later than $2 (twelve months on) and that
-- share parties and either overlap (clash, or concurrent in one city) or meet
-- in the same city 2 to $3 working days apart (back to back would save a trip):
-- one row per pair in start order, with each meeting's title, dates, city and
-- status, the first one's instrument family, the relation, same_family,
-- gap_working_days and shared_parties.
select
    p.meeting_id_a, a.title as title_a, p.start_a, p.end_a, p.city_a,
    a.instrument_family as family,
    a.status as status_a,
    p.meeting_id_b, b.title as title_b, p.start_b, p.end_b, p.city_b,
    b.status as status_b,
    p.relation, p.same_family, p.gap_working_days, p.shared_parties
from meeting_pairs as p
inner join meetings_enriched as a on p.meeting_id_a = a.meeting_id
inner join meetings_enriched as b on p.meeting_id_b = b.meeting_id
where
    p.start_a > cast($1 as date) and p.start_b <= cast($2 as date)
    and p.shared_parties > 0
    and (
        p.relation in ('clash', 'concurrent')
        or (p.same_city and p.gap_working_days between 2 and $3)
    )
order by p.start_a, p.start_b, p.meeting_id_a, p.meeting_id_b
