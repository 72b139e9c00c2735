-- summary_shared_trips: the pairs of Rec 8 meetings of the years $1 to $2 that a
-- delegation could attend in one trip (same city, at most two working days
-- apart, as the trips of state_year_burden count them), one row per pair in
-- start order, with each meeting's title, dates and city, the first one's
-- instrument family, same_family and shared_parties.
with rec8 as (
    select distinct unnest(meeting_ids) as meeting_id
    from state_year_burden where year between $1 and $2
)

select
    p.meeting_id_a, a.title as title_a, p.start_a, p.end_a, p.city_a,
    a.instrument_family as family,
    p.meeting_id_b, b.title as title_b, p.start_b, p.end_b,
    p.relation, p.gap_working_days, p.same_family, p.shared_parties
from meeting_pairs as p
inner join rec8 as ra on p.meeting_id_a = ra.meeting_id
inner join rec8 as rb on p.meeting_id_b = rb.meeting_id
inner join meetings_enriched as a on p.meeting_id_a = a.meeting_id
inner join meetings_enriched as b on p.meeting_id_b = b.meeting_id
where p.same_city and p.gap_working_days <= 2
order by p.start_a, p.start_b, p.meeting_id_a, p.meeting_id_b
