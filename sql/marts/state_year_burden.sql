-- grain: one row per state × year
-- description: Rec 8, the delegation's view (DESIGN §4): for each state and
--   year (of the meetings' start dates), the clearance and victim-assistance
--   meetings of every instrument the state was party to on each meeting's
--   opening day (int_state_meetings_clustered, theme_scope 'any'; meetings
--   left out of meeting_pairs are left out here too). meetings counts them;
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

state_meetings as (
    select * from int_state_meetings_clustered
),

scoped_meetings as (
    select * from int_meeting_scopes_listed
),

delegation_meetings as (
    select
        state_meetings.*,
        clearance.meeting_id is not null as is_clearance,
        victim_assistance.meeting_id is not null as is_victim_assistance
    from state_meetings
    left join scoped_meetings as clearance
        on
            state_meetings.meeting_id = clearance.meeting_id
            and clearance.theme_scope = 'clearance'
    left join scoped_meetings as victim_assistance
        on
            state_meetings.meeting_id = victim_assistance.meeting_id
            and victim_assistance.theme_scope = 'victim_assistance'
    where state_meetings.theme_scope = 'any'
),

counted as (
    select
        state_id,
        year,
        count(*) as meetings,
        count_if(is_clearance) as clearance_meetings,
        count_if(is_victim_assistance) as victim_assistance_meetings,
        count(distinct trip_number) as trips,
        count(distinct {'city': city, 'half': trip_half_year})
            filter (where city is not null)
        + count_if(city is null) as trips_lower_bound,
        count_if(city is null) as meetings_without_city,
        list(meeting_id order by start_date, meeting_id) as meeting_ids,
        coalesce(
            list(meeting_id order by start_date, meeting_id)
                filter (where is_mergeable),
            cast([] as varchar [])
        ) as mergeable_meetings
    from delegation_meetings
    group by state_id, year
),

final as (
    select
        state_id,
        year,
        meetings,
        clearance_meetings,
        victim_assistance_meetings,
        trips,
        trips_lower_bound,
        trips - trips_lower_bound as trips_saveable,
        coalesce(
            (meetings - trips) / nullif(meetings - trips_lower_bound, 0), 1
        ) as coherence_index,
        meetings_without_city,
        meeting_ids,
        mergeable_meetings
    from counted
)

select * from final
