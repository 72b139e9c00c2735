-- rec8_timeline_pairs: pairs of meetings whose earlier meeting starts in the
-- years $1 to $2, one row per meeting pair in start order, with the figures
-- the marked-pairs table shows. marked: a clash or back-to-back pair of
-- Rec 8 meetings (both clearance or both victim assistance), drawn on the
-- timeline. shares_trip: same city, same year, and at most 2 working days
-- between them (or overlapping), so that every state party to both makes
-- one trip for the two, as state_year_burden counts trips; the key figures
-- tell the CCW family's pairs among these from the pairs across families.
select
    meeting_id_a, meeting_id_b, instrument_a, instrument_b, relation,
    same_family, gap_working_days, shared_parties, jaccard, shared_themes,
    coherence, clash_cost,
    relation in ('clash', 'back_to_back')
    and (both_clearance or both_victim_assistance) as marked,
    same_city and year(start_a) = year(start_b)
    and (dates_overlap or gap_working_days <= 2) as shares_trip
from meeting_pairs
where year(start_a) between $1 and $2
    and (
        relation in ('clash', 'back_to_back')
        and (both_clearance or both_victim_assistance)
        or same_city and (dates_overlap or gap_working_days <= 2)
    )
order by start_a, meeting_id_a, meeting_id_b
