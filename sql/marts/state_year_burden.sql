-- grain: one row per state × year
-- description: Rec 8, the delegation's view (DESIGN §4): for each state and
--   year (of the meetings' start dates), the clearance and victim-assistance
--   meetings of every instrument the state was party to on each meeting's
--   opening day (theme_scope 'any' of int_profile_meetings_clustered and of
--   its counts int_profile_trips_counted, for the attendance profile the
--   state has that year, int_attendance_profiles; meetings left out of
--   meeting_pairs are left out here too). meetings counts them;
--   clearance_meetings and victim_assistance_meetings by theme (a meeting on
--   both counts in both). trips: clusters of those meetings in one city with
--   at most 2 working days between one's end and the next's start; a meeting
--   without a city is a trip of its own (meetings_without_city).
--   remote_meetings: meetings held online or by written procedure, counted
--   in meetings but never in trips (a delegation attends them without a
--   journey), nor in the lower bound.
--   trips_lower_bound: distinct (city, half-year the trip starts in), plus
--   one per meeting without a city: the trips left if every meeting of a
--   half-year in one city sat back to back. trips_saveable = trips -
--   trips_lower_bound; coherence_index = (meetings - remote_meetings -
--   trips) / (meetings - remote_meetings - trips_lower_bound), NULL when
--   the denominator is 0 (nothing could be gained: no index, not a perfect
--   one). mergeable_meetings: the meetings in trips that share a (city,
--   half-year) with another trip.
--   trips_planned: the state's trips under the year's optimal calendar
--   within four weeks (plan_backtest: every meeting of the year may start on
--   any working day within 28 days of its real start, no two meetings that
--   share a party at once), from the planner's table planner_state_years
--   that the run makes between the two builds (pipeline/job, "plan
--   backtest"); NULL for the as-of year and later (not backtested). The
--   planner minimises the year's trips summed over states, so one state's
--   trips_planned may exceed its trips when that saves others more.
-- partition: year = year
-- check: unique(state_id, year)
-- check: not_null(state_id, year, meetings, remote_meetings,
--   clearance_meetings, victim_assistance_meetings, trips, trips_lower_bound,
--   trips_saveable, meetings_without_city, meeting_ids, mergeable_meetings)
-- check: relationship(state_id -> stg_synergy__states.state_id)
-- check: expression(trips between trips_lower_bound
--   and meetings - remote_meetings)
-- check: expression(remote_meetings between 0 and meetings)
-- check: expression((trips_lower_bound >= 1) = (meetings > remote_meetings))
-- check: expression(trips_saveable = trips - trips_lower_bound)
-- check: expression((coherence_index is null)
--   = (meetings - remote_meetings = trips_lower_bound))
-- check: expression(coherence_index is null or coherence_index between 0 and 1)
-- check: expression(greatest(clearance_meetings, victim_assistance_meetings)
--   <= meetings)
-- check: expression(len(meeting_ids) = meetings)
-- check: expression((len(mergeable_meetings) > 0) = (trips_saveable > 0))
-- check: expression((trips_planned is not null)
--   = exists (select 1 from plan_backtest as b
--   where b.year = state_year_burden.year))

with

profile_meetings as (
    select * from int_profile_meetings_clustered
),

profile_trips as (
    select * from int_profile_trips_counted
),

profiles as (
    select * from int_attendance_profiles
),

-- the planner's trips per state and year (made by the run in Go, package plan)
planned as (
    select * from planner_state_years
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

-- what the trip counts do not hold: the meetings by theme and the lists,
-- sorted after aggregating (start date, then meeting_id), since an ORDER BY
-- inside the aggregate buffers every group in memory
listed as (
    select
        year,
        profile_number,
        count_if(is_clearance) as clearance_meetings,
        count_if(is_victim_assistance) as victim_assistance_meetings,
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
    group by year, profile_number
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
        profile_trips.year,
        profile_trips.meetings,
        profile_trips.remote_meetings,
        listed.clearance_meetings,
        listed.victim_assistance_meetings,
        profile_trips.trips,
        profile_trips.trips_lower_bound,
        profile_trips.trips - profile_trips.trips_lower_bound
            as trips_saveable,
        coherence_index(
            profile_trips.meetings - profile_trips.remote_meetings,
            profile_trips.trips,
            profile_trips.trips_lower_bound
        ) as coherence_index,
        profile_trips.meetings_without_city,
        listed.meeting_ids,
        listed.mergeable_meetings,
        planned.trips_planned
    from profile_trips
    inner join listed
        on
            profile_trips.year = listed.year
            and profile_trips.profile_number = listed.profile_number
    inner join state_profiles
        on
            profile_trips.year = state_profiles.year
            and profile_trips.profile_number = state_profiles.profile_number
    left join planned
        on
            state_profiles.state_id = planned.state_id
            and profile_trips.year = planned.year
    where profile_trips.theme_scope = 'any'
)

select * from final
