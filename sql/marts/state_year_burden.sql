-- grain: one row per state × year
-- description: Rec 8, the delegation's view (DESIGN §4): for each state and
--   year (of the meetings' start dates), the clearance and victim-assistance
--   meetings of every instrument the state was party to on each meeting's
--   opening day (theme_scope 'any' of int_profile_meetings_clustered, for
--   the attendance profile the state has that year, int_attendance_profiles;
--   meetings left out of meeting_pairs are left out here too). meetings counts them;
--   clearance_meetings and victim_assistance_meetings by theme (a meeting on
--   both counts in both). trips: clusters of those meetings in one city with
--   at most 2 working days between one's end and the next's start; a meeting
--   without a city is a trip of its own (meetings_without_city).
--   trips_lower_bound: distinct (city, half-year the trip starts in), plus
--   one per meeting without a city: the trips left if every meeting of a
--   half-year in one city sat back to back. trips_saveable = trips -
--   trips_lower_bound; coherence_index = (meetings - trips) / (meetings -
--   trips_lower_bound), 1 when the denominator is 0. mergeable_meetings: the
--   meetings in trips that share a (city, half-year) with another trip.
-- check: unique(state_id, year)
-- check: not_null(state_id, year, meetings, clearance_meetings,
--   victim_assistance_meetings, trips, trips_lower_bound, trips_saveable,
--   coherence_index, meetings_without_city, meeting_ids, mergeable_meetings)
-- check: relationship(state_id -> stg_synergy__states.state_id)
-- check: expression(trips between trips_lower_bound and meetings)
-- check: expression(trips_lower_bound >= 1)
-- check: expression(trips_saveable = trips - trips_lower_bound)
-- check: expression(coherence_index between 0 and 1)
-- check: expression(greatest(clearance_meetings, victim_assistance_meetings)
--   <= meetings)
-- check: expression(len(meeting_ids) = meetings)
-- check: expression((len(mergeable_meetings) > 0) = (trips_saveable > 0))

with

profile_meetings as (
    select * from int_profile_meetings_clustered
),

profiles as (
    select * from int_attendance_profiles
),

scoped_meetings as (
    select * from int_meeting_scopes_listed
),

-- per meeting: does it address clearance, victim assistance (one row each,
-- so the profile rows join it once instead of twice)
meeting_flags as (
    select
        meeting_id,
        bool_or(theme_scope = 'clearance') as is_clearance,
        bool_or(theme_scope = 'victim_assistance') as is_victim_assistance
    from scoped_meetings
    group by meeting_id
),

delegation_meetings as (
    select
        profile_meetings.*,
        meeting_flags.is_clearance,
        meeting_flags.is_victim_assistance
    from profile_meetings
    inner join meeting_flags
        on profile_meetings.meeting_id = meeting_flags.meeting_id
    where profile_meetings.theme_scope = 'any'
),

-- the distinct (city, half-year) of each profile and year: the lower
-- bound's trips with a city
city_halves as (
    select
        year,
        profile_number,
        count(*) as city_halves
    from (
        select distinct
            year,
            profile_number,
            city,
            trip_half_year
        from delegation_meetings
        where city is not null
    )
    group by year, profile_number
),

-- trip_number is a dense rank from 1 within the profile and year, so its
-- maximum is the number of trips. The lists are sorted after aggregating
-- (start date, then meeting_id): an ORDER BY inside the aggregate buffers
-- every group in memory.
counted as (
    select
        delegation_meetings.year,
        delegation_meetings.profile_number,
        count(*) as meetings,
        count_if(is_clearance) as clearance_meetings,
        count_if(is_victim_assistance) as victim_assistance_meetings,
        max(trip_number) as trips,
        coalesce(any_value(city_halves.city_halves), 0)
        + count_if(city is null) as trips_lower_bound,
        count_if(city is null) as meetings_without_city,
        list_transform(
            list_sort(list({'start_date': start_date, 'meeting_id': meeting_id})),
            m -> m.meeting_id
        ) as meeting_ids,
        list_transform(
            list_sort(
                coalesce(
                    list({'start_date': start_date, 'meeting_id': meeting_id})
                        filter (where is_mergeable),
                    []
                )
            ),
            m -> m.meeting_id
        ) as mergeable_meetings
    from delegation_meetings
    left join city_halves
        on
            delegation_meetings.year = city_halves.year
            and delegation_meetings.profile_number = city_halves.profile_number
    group by delegation_meetings.year, delegation_meetings.profile_number
),

-- each state of a profile has the profile's counts
state_profiles as (
    select
        year,
        profile_number,
        unnest(state_ids) as state_id
    from profiles
),

final as (
    select
        state_profiles.state_id,
        counted.year,
        counted.meetings,
        counted.clearance_meetings,
        counted.victim_assistance_meetings,
        counted.trips,
        counted.trips_lower_bound,
        counted.trips - counted.trips_lower_bound as trips_saveable,
        coalesce(
            (counted.meetings - counted.trips)
            / nullif(counted.meetings - counted.trips_lower_bound, 0),
            1
        ) as coherence_index,
        counted.meetings_without_city,
        counted.meeting_ids,
        counted.mergeable_meetings
    from counted
    inner join state_profiles
        on
            counted.year = state_profiles.year
            and counted.profile_number = state_profiles.profile_number
)

select * from final
