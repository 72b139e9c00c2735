-- grain: one row per unordered pair of meetings of different instruments
--   within the horizon
-- description: Rec 8, the calendar's view (DESIGN §4): every pair of
--   pairable meetings (int_meetings_dated: both dates known to the day, not
--   cancelled or postponed) of different instruments where the later starts
--   at most pair_horizon_days() (90) calendar days after the earlier ends,
--   overlaps included, as meeting_pair_spans found them by a range join.
--   Each pair once: a is the meeting that starts first (ties: the smaller
--   meeting_id). Same-family pairs (CCW and its protocols) are kept,
--   flagged by same_family.
--   gap_working_days: working days strictly between end_a and start_b (Fri
--   to Mon = 0); when the dates overlap, minus the working days they share.
--   same_city: both cities known and equal. mode_a, mode_b: how each was
--   held; remote_involved: either was held online or by written procedure
--   (is_remote_mode). relation: 'clash' (dates overlap, not the same city,
--   neither remote: a meeting without a city clashes), 'concurrent'
--   (overlap, same city or either remote: the sessions compete for the same
--   experts, but no delegation must split between cities), 'back_to_back'
--   (same city, gap 0-1, neither remote), 'same_city_window' (same city, gap
--   2-10, neither remote), 'separate' (otherwise: a remote meeting saves no
--   journey by sitting next to another).
--   parties_a, parties_b: parties of each meeting's instrument on its own
--   opening day (int_meeting_party_sets_encoded); shared_parties = the states
--   in both sets, union_parties = parties_a + parties_b - shared_parties,
--   jaccard = shared/union (0 when the union is empty). shared_themes: the
--   vector themes both meetings address (int_meeting_vectors_listed:
--   procedural and implementation_support left out);
--   both_clearance, both_victim_assistance: clearance / victim_assistance
--   among them. theme_similarity: cosine of the two meetings' weight
--   vectors (NULL when either has no theme). proximity (back_to_back: 1;
--   same_city_window: 0.5^((gap - 1) / 5)) × jaccard × theme_similarity =
--   coherence, NULL for other relations; clash_cost = shared_parties ×
--   theme_similarity for clashes only. See docs/metrics.md.
-- partition: year = year(start_a)
-- check: unique(meeting_id_a, meeting_id_b)
-- check: not_null(meeting_id_a, meeting_id_b, instrument_a, instrument_b,
--   start_a, end_a, start_b, end_b, relation, dates_overlap,
--   gap_working_days, same_city, same_family, mode_a, mode_b, remote_involved, parties_a, parties_b,
--   shared_parties, union_parties, jaccard, shared_themes, both_clearance,
--   both_victim_assistance)
-- check: relationship(meeting_id_a -> stg_synergy__meetings.meeting_id)
-- check: relationship(meeting_id_b -> stg_synergy__meetings.meeting_id)
-- check: relationship(instrument_a -> stg_synergy__instruments.instrument_id)
-- check: relationship(instrument_b -> stg_synergy__instruments.instrument_id)
-- check: accepted_values(relation, 'clash', 'concurrent', 'back_to_back',
--   'same_city_window', 'separate')
-- check: expression(meeting_id_a <> meeting_id_b)
-- check: expression(instrument_a <> instrument_b)
-- check: expression(start_a < start_b
--   or (start_a = start_b and meeting_id_a < meeting_id_b))
-- check: expression(start_b - end_a <= pair_horizon_days())
-- check: expression(dates_overlap = (start_b <= end_a))
-- check: expression(gap_working_days >= 0 or dates_overlap)
-- check: expression(remote_involved
--   = (is_remote_mode(mode_a) or is_remote_mode(mode_b)))
-- check: expression(relation <> 'clash'
--   or (dates_overlap and not same_city and not remote_involved))
-- check: expression(relation <> 'concurrent'
--   or (dates_overlap and (same_city or remote_involved)))
-- check: expression(relation <> 'back_to_back'
--   or (same_city and not remote_involved and not dates_overlap
--   and gap_working_days between 0 and 1))
-- check: expression(relation <> 'same_city_window'
--   or (same_city and not remote_involved and not dates_overlap
--   and gap_working_days between 2 and 10))
-- check: expression(relation <> 'separate'
--   or (not dates_overlap
--   and (not same_city or remote_involved or gap_working_days > 10)))
-- check: expression(shared_parties <= least(parties_a, parties_b))
-- check: expression(union_parties = parties_a + parties_b - shared_parties)
-- check: expression(jaccard between 0 and 1)
-- check: expression(theme_similarity is null
--   or theme_similarity between 0 and 1)
-- check: expression((proximity is not null)
--   = (relation in ('back_to_back', 'same_city_window')))
-- check: expression(proximity is null or proximity between 0 and 1)
-- check: expression(coherence is null or coherence between 0 and 1)
-- check: expression(coherence is null or proximity is not null)
-- check: expression(clash_cost is null
--   or (relation = 'clash' and clash_cost between 0 and shared_parties))
-- check: expression(both_clearance = list_contains(shared_themes, 'clearance'))

with

spans as (
    select * from meeting_pair_spans
),

instruments as (
    select * from stg_synergy__instruments
),

party_sets as (
    select * from int_meeting_party_sets_encoded
),

meeting_vectors as (
    select * from int_meeting_vectors_listed
),

paired as (
    select
        spans.*,
        coalesce(instruments_a.family = instruments_b.family, false)
            as same_family
    from spans
    left join instruments as instruments_a
        on spans.instrument_a = instruments_a.instrument_id
    left join instruments as instruments_b
        on spans.instrument_b = instruments_b.instrument_id
),

measured as (
    select
        *,
        start_b <= end_a as dates_overlap,
        coalesce(city_a = city_b, false) as same_city,
        is_remote_mode(mode_a) or is_remote_mode(mode_b) as remote_involved,
        case
            when start_b <= end_a
                then -working_days(start_b, least(end_a, end_b))
            else working_days(end_a + 1, start_b - 1)
        end as gap_working_days
    from paired
),

related as (
    select
        *,
        case
            when dates_overlap and not same_city and not remote_involved
                then 'clash'
            when dates_overlap then 'concurrent'
            when remote_involved then 'separate'
            when same_city and gap_working_days between 0 and 1
                then 'back_to_back'
            when same_city and gap_working_days between 2 and 10
                then 'same_city_window'
            else 'separate'
        end as relation
    from measured
),

-- shared parties by AND-ing the two meetings' sets: a constant cost per pair
shared_party_counts as (
    select
        related.meeting_id_a,
        related.meeting_id_b,
        bit_count(sets_a.party_set & sets_b.party_set) as shared_parties
    from related
    inner join party_sets as sets_a
        on related.meeting_id_a = sets_a.meeting_id
    inner join party_sets as sets_b
        on related.meeting_id_b = sets_b.meeting_id
),

-- each pair's two theme vectors, to be aligned on the union of their themes
-- per pair and in memory
paired_vectors as (
    select
        related.meeting_id_a,
        related.meeting_id_b,
        vectors_a.themes as themes_a,
        vectors_a.weights as weights_a,
        vectors_b.themes as themes_b,
        vectors_b.weights as weights_b,
        list_sort(list_distinct(list_concat(vectors_a.themes, vectors_b.themes)))
            as axes
    from related
    inner join meeting_vectors as vectors_a
        on related.meeting_id_a = vectors_a.meeting_id
    inner join meeting_vectors as vectors_b
        on related.meeting_id_b = vectors_b.meeting_id
),

-- cosine over the themes of either meeting in a fixed (alphabetical) order;
-- least() only absorbs floating-point rounding above 1
theme_scores as (
    select
        meeting_id_a,
        meeting_id_b,
        list_filter(axes, t -> list_contains(themes_a, t) and list_contains(themes_b, t))
            as shared_themes,
        least(
            1.0,
            list_cosine_similarity(
                list_transform(
                    axes,
                    t -> coalesce(weights_a[list_position(themes_a, t)], 0.0)
                ),
                list_transform(
                    axes,
                    t -> coalesce(weights_b[list_position(themes_b, t)], 0.0)
                )
            )
        ) as theme_similarity
    from paired_vectors
),

scored as (
    select
        related.*,
        coalesce(sizes_a.parties, 0) as parties_a,
        coalesce(sizes_b.parties, 0) as parties_b,
        coalesce(shared_party_counts.shared_parties, 0) as shared_parties,
        coalesce(theme_scores.shared_themes, cast([] as varchar []))
            as shared_themes,
        theme_scores.theme_similarity,
        case
            when related.relation in ('back_to_back', 'same_city_window')
                then proximity(related.gap_working_days)
        end as proximity
    from related
    left join party_sets as sizes_a
        on related.meeting_id_a = sizes_a.meeting_id
    left join party_sets as sizes_b
        on related.meeting_id_b = sizes_b.meeting_id
    left join shared_party_counts
        on
            related.meeting_id_a = shared_party_counts.meeting_id_a
            and related.meeting_id_b = shared_party_counts.meeting_id_b
    left join theme_scores
        on
            related.meeting_id_a = theme_scores.meeting_id_a
            and related.meeting_id_b = theme_scores.meeting_id_b
),

final as (
    select
        meeting_id_a,
        meeting_id_b,
        instrument_a,
        body_a,
        start_a,
        end_a,
        city_a,
        mode_a,
        instrument_b,
        body_b,
        start_b,
        end_b,
        city_b,
        mode_b,
        relation,
        dates_overlap,
        gap_working_days,
        same_city,
        same_family,
        remote_involved,
        parties_a,
        parties_b,
        shared_parties,
        parties_a + parties_b - shared_parties as union_parties,
        coalesce(jaccard_index(shared_parties, parties_a, parties_b), 0)
            as jaccard,
        shared_themes,
        list_contains(shared_themes, 'clearance') as both_clearance,
        list_contains(shared_themes, 'victim_assistance')
            as both_victim_assistance,
        theme_similarity,
        proximity,
        proximity
        * coalesce(jaccard_index(shared_parties, parties_a, parties_b), 0)
        * theme_similarity as coherence,
        case
            when relation = 'clash' then shared_parties * theme_similarity
        end as clash_cost
    from scored
)

select * from final
