-- rec8_timeline_pairs: the clash and back-to-back pairs of Rec 8 meetings
-- (both clearance or both victim assistance) whose earlier meeting starts in
-- the years $1 to $2, one row per meeting pair in start order, with the
-- figures the marked-pairs table shows.
select
    meeting_id_a, meeting_id_b, instrument_a, instrument_b, relation,
    same_family, gap_working_days, shared_parties, jaccard, shared_themes,
    coherence, clash_cost
from meeting_pairs
where year(start_a) between $1 and $2
    and relation in ('clash', 'back_to_back')
    and (both_clearance or both_victim_assistance)
order by start_a, meeting_id_a, meeting_id_b
