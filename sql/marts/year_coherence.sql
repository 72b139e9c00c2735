-- grain: one row per year × theme
-- description: Rec 8, the calendar's view per year (DESIGN §4), for theme
--   'clearance', 'victim_assistance' and 'any' (either). Rows for every year
--   with a Rec 8 meeting on the calendar, all three themes each year.
--   meetings: pairable meetings of the year (start date) addressing the
--   theme (int_meeting_scopes_listed). Pair counts come from meeting_pairs,
--   pairs where both meetings address the theme, counted in the year of the
--   earlier meeting's start; as DESIGN §2 asks, the relation counts
--   (clash_pairs … separate_pairs, pairs) are across families and
--   same_family_pairs shows the CCW-family pairs left out of them.
--   meetings_with_back_to_back_partner: meetings of the theme with a
--   back_to_back partner across families that also addresses the theme;
--   share_with_back_to_back_partner = that / meetings. The same three for
--   same-family pairs, apart (the CCW family meets back to back by design):
--   same_family_back_to_back_pairs,
--   meetings_with_same_family_back_to_back_partner,
--   share_with_same_family_back_to_back_partner. clash_shared_parties
--   = sum of shared_parties over the clash pairs (clashes weighted by shared
--   parties); clash_cost = sum of their clash_cost. state_meetings,
--   state_remote_meetings, state_trips, state_trips_lower_bound,
--   trips_saveable: sums over states of state_year_burden's counts,
--   recomputed here on the theme's meetings only (int_profile_trips_counted,
--   each profile's counts times its states; 'any' equals
--   state_year_burden). Remote meetings (online, written procedure) are
--   state-meetings but never trips.
--   coherence_index = sum(meetings - remote - trips) / sum(meetings - remote
--   - lower bound) over states, NULL when the denominator is 0 (nothing
--   could be gained); never an average of ratios.
--   state_trips_avoided_cross_family: of the trips avoided (meetings -
--   remote - trips), those that brought a trip a further instrument family
--   (int_profile_trips_counted); coherence_index_cross_family = that /
--   sum(meetings - remote - lower bound), NULL with coherence_index: the
--   share of what could be gained that co-location across families gained,
--   the CCW family's own weeks left out.
-- partition: year = year
-- check: unique(year, theme)
-- check: not_null(year, theme, meetings, pairs, clash_pairs,
--   concurrent_pairs, back_to_back_pairs, same_city_window_pairs,
--   separate_pairs, same_family_pairs, meetings_with_back_to_back_partner,
--   same_family_back_to_back_pairs,
--   meetings_with_same_family_back_to_back_partner, clash_shared_parties,
--   state_meetings, state_remote_meetings, state_trips,
--   state_trips_lower_bound, trips_saveable, state_trips_avoided_cross_family)
-- check: accepted_values(theme, 'any', 'clearance', 'victim_assistance')
-- check: expression(pairs = clash_pairs + concurrent_pairs
--   + back_to_back_pairs + same_city_window_pairs + separate_pairs)
-- check: expression(meetings_with_back_to_back_partner <= meetings)
-- check: expression(share_with_back_to_back_partner is null
--   or share_with_back_to_back_partner between 0 and 1)
-- check: expression(meetings_with_same_family_back_to_back_partner
--   <= meetings)
-- check: expression(same_family_back_to_back_pairs <= same_family_pairs)
-- check: expression(share_with_same_family_back_to_back_partner is null
--   or share_with_same_family_back_to_back_partner between 0 and 1)
-- check: expression(state_trips between state_trips_lower_bound
--   and state_meetings - state_remote_meetings)
-- check: expression(trips_saveable = state_trips - state_trips_lower_bound)
-- check: expression((coherence_index is null)
--   = (state_meetings - state_remote_meetings = state_trips_lower_bound))
-- check: expression(coherence_index is null or coherence_index between 0 and 1)
-- check: expression((coherence_index_cross_family is null)
--   = (coherence_index is null))
-- check: expression(coherence_index_cross_family is null
--   or coherence_index_cross_family between 0 and coherence_index)
-- check: expression(clash_shared_parties >= 0)

with

scoped_meetings as (
    select * from int_meeting_scopes_listed
),

profile_trips as (
    select * from int_profile_trips_counted
),

pairs as (
    select * from meeting_pairs
),

theme_years as (
    select
        years.year,
        themes.theme
    from (
        select distinct year from scoped_meetings where theme_scope = 'any'
    ) as years
    cross join (
        select unnest(['any', 'clearance', 'victim_assistance']) as theme
    ) as themes
),

meeting_counts as (
    select
        year,
        theme_scope as theme,
        count(*) as meetings
    from scoped_meetings
    group by year, theme_scope
),

meeting_scope_lists as (
    select
        meeting_id,
        list_sort(list(theme_scope)) as theme_scopes
    from scoped_meetings
    group by meeting_id
),

-- pairs whose two meetings both address the theme (joined on meeting_id
-- only, then the common scopes unnested, so no join runs on the theme alone)
theme_pairs as (
    select
        unnest(
            list_intersect(scopes_a.theme_scopes, scopes_b.theme_scopes)
        ) as theme,
        year(pairs.start_a) as year,
        pairs.*
    from pairs
    inner join meeting_scope_lists as scopes_a
        on pairs.meeting_id_a = scopes_a.meeting_id
    inner join meeting_scope_lists as scopes_b
        on pairs.meeting_id_b = scopes_b.meeting_id
),

pair_counts as (
    select
        year,
        theme,
        count(*) filter (where not same_family) as pairs,
        count(*) filter (where not same_family and relation = 'clash')
            as clash_pairs,
        count(*) filter (where not same_family and relation = 'concurrent')
            as concurrent_pairs,
        count(*) filter (where not same_family and relation = 'back_to_back')
            as back_to_back_pairs,
        count(*) filter (
            where not same_family and relation = 'same_city_window'
        ) as same_city_window_pairs,
        count(*) filter (where not same_family and relation = 'separate')
            as separate_pairs,
        count(*) filter (where same_family) as same_family_pairs,
        count(*) filter (where same_family and relation = 'back_to_back')
            as same_family_back_to_back_pairs,
        coalesce(
            sum(shared_parties)
                filter (where not same_family and relation = 'clash'),
            0
        ) as clash_shared_parties,
        -- summed in (meeting_id_a, meeting_id_b) order, so the float sum is
        -- the same on every run; sorted after aggregating, as an ORDER BY
        -- inside the aggregate buffers every group in memory. Only clashes
        -- have a clash_cost: the others would add NULL, which sum skips.
        list_sum(list_transform(
            list_sort(
                list({
                    'meeting_id_a': meeting_id_a,
                    'meeting_id_b': meeting_id_b,
                    'clash_cost': clash_cost
                }) filter (where not same_family and clash_cost is not null)
            ),
            p -> p.clash_cost
        )) as clash_cost
    from theme_pairs
    group by year, theme
),

-- the meetings with a back_to_back partner, across families or in the same
-- family (a meeting can have both)
back_to_back_members as (
    select
        theme,
        same_family,
        meeting_id_a as meeting_id
    from theme_pairs
    where relation = 'back_to_back'
    union
    select
        theme,
        same_family,
        meeting_id_b as meeting_id
    from theme_pairs
    where relation = 'back_to_back'
),

back_to_back_counts as (
    select
        scoped_meetings.year,
        back_to_back_members.theme,
        count(*) filter (where not back_to_back_members.same_family)
            as meetings_with_back_to_back_partner,
        count(*) filter (where back_to_back_members.same_family)
            as meetings_with_same_family_back_to_back_partner
    from back_to_back_members
    inner join scoped_meetings
        on
            back_to_back_members.meeting_id = scoped_meetings.meeting_id
            and back_to_back_members.theme = scoped_meetings.theme_scope
    group by scoped_meetings.year, back_to_back_members.theme
),

-- sums over states: each profile's counts times its states
trip_sums as (
    select
        year,
        theme_scope as theme,
        sum(meetings * states) as state_meetings,
        sum(remote_meetings * states) as state_remote_meetings,
        sum(trips * states) as state_trips,
        sum(trips_lower_bound * states) as state_trips_lower_bound,
        sum(trips_avoided_cross_family * states)
            as state_trips_avoided_cross_family
    from profile_trips
    group by year, theme_scope
),

final as (
    select
        theme_years.year,
        theme_years.theme,
        coalesce(meeting_counts.meetings, 0) as meetings,
        coalesce(pair_counts.pairs, 0) as pairs,
        coalesce(pair_counts.clash_pairs, 0) as clash_pairs,
        coalesce(pair_counts.concurrent_pairs, 0) as concurrent_pairs,
        coalesce(pair_counts.back_to_back_pairs, 0) as back_to_back_pairs,
        coalesce(pair_counts.same_city_window_pairs, 0)
            as same_city_window_pairs,
        coalesce(pair_counts.separate_pairs, 0) as separate_pairs,
        coalesce(pair_counts.same_family_pairs, 0) as same_family_pairs,
        coalesce(back_to_back_counts.meetings_with_back_to_back_partner, 0)
            as meetings_with_back_to_back_partner,
        coalesce(back_to_back_counts.meetings_with_back_to_back_partner, 0)
        / nullif(meeting_counts.meetings, 0)
            as share_with_back_to_back_partner,
        coalesce(pair_counts.same_family_back_to_back_pairs, 0)
            as same_family_back_to_back_pairs,
        coalesce(
            back_to_back_counts.meetings_with_same_family_back_to_back_partner,
            0
        ) as meetings_with_same_family_back_to_back_partner,
        coalesce(
            back_to_back_counts.meetings_with_same_family_back_to_back_partner,
            0
        )
        / nullif(meeting_counts.meetings, 0)
            as share_with_same_family_back_to_back_partner,
        coalesce(pair_counts.clash_shared_parties, 0)
            as clash_shared_parties,
        pair_counts.clash_cost,
        coalesce(trip_sums.state_meetings, 0) as state_meetings,
        coalesce(trip_sums.state_remote_meetings, 0) as state_remote_meetings,
        coalesce(trip_sums.state_trips, 0) as state_trips,
        coalesce(trip_sums.state_trips_lower_bound, 0)
            as state_trips_lower_bound,
        coalesce(trip_sums.state_trips, 0)
        - coalesce(trip_sums.state_trips_lower_bound, 0) as trips_saveable,
        coherence_index(
            trip_sums.state_meetings - trip_sums.state_remote_meetings,
            trip_sums.state_trips,
            trip_sums.state_trips_lower_bound
        ) as coherence_index,
        coalesce(trip_sums.state_trips_avoided_cross_family, 0)
            as state_trips_avoided_cross_family,
        trip_sums.state_trips_avoided_cross_family
        / nullif(
            trip_sums.state_meetings
            - trip_sums.state_remote_meetings
            - trip_sums.state_trips_lower_bound,
            0
        ) as coherence_index_cross_family
    from theme_years
    left join meeting_counts
        on
            theme_years.year = meeting_counts.year
            and theme_years.theme = meeting_counts.theme
    left join pair_counts
        on
            theme_years.year = pair_counts.year
            and theme_years.theme = pair_counts.theme
    left join back_to_back_counts
        on
            theme_years.year = back_to_back_counts.year
            and theme_years.theme = back_to_back_counts.theme
    left join trip_sums
        on
            theme_years.year = trip_sums.year
            and theme_years.theme = trip_sums.theme
)

select * from final
