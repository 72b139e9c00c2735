-- grain: one row per theme_scope × year × profile_number × meeting
-- description: The delegation's view of Rec 8 (DESIGN §4, per state and
--   year), computed once per attendance profile (int_attendance_profiles:
--   the states that attend the same Rec 8 meetings in a year): each Rec 8
--   meeting (int_meeting_scopes_listed) of the profile, grouped into trips,
--   which every state of the profile (states of them) makes. Within one
--   profile, year (of the start date) and scope, meetings in the same city
--   form one trip while each starts at most 2 working days after the latest
--   end so far in the trip (working days strictly between; overlaps join the
--   trip). trip_number numbers the trips by first start date;
--   trip_half_year (1 = January-June, 2 = July-December) is the half-year
--   the trip starts in, so a trip never counts twice in the lower bound. A
--   meeting without a city cannot join a trip: it is a trip of its own.
--   is_mergeable: the trip shares its city and half-year with another trip
--   of the profile that year, so a better calendar could have merged them.
--   A remote meeting (is_remote: online or by written procedure) is a
--   meeting of the profile but no trip: it joins no trip and has no
--   trip_number, trip_start_date or trip_half_year, and is never mergeable.
-- check: unique(theme_scope, year, profile_number, meeting_id)
-- check: not_null(theme_scope, year, profile_number, meeting_id, states,
--   start_date, end_date, is_remote, is_mergeable)
-- check: expression((trip_number is null) = is_remote)
-- check: expression((trip_start_date is null) = is_remote)
-- check: expression((trip_half_year is null) = is_remote)
-- check: expression(not (is_remote and is_mergeable))
-- check: accepted_values(theme_scope, 'any', 'clearance', 'victim_assistance')
-- check: accepted_values(trip_half_year, 1, 2)
-- check: relationship(meeting_id -> stg_synergy__meetings.meeting_id)
-- check: expression(is_remote or trip_start_date <= start_date)
-- check: expression(is_remote or year(trip_start_date) = year)
-- check: expression(city is not null or not is_mergeable)
-- check: expression(states >= 1)

with

scoped_meetings as (
    select * from int_meeting_scopes_listed
),

profiles as (
    select * from int_attendance_profiles
),

profile_meeting_ids as (
    select
        year,
        profile_number,
        states,
        unnest(meeting_ids) as meeting_id
    from profiles
),

profile_meetings as (
    select
        scoped_meetings.theme_scope,
        profile_meeting_ids.year,
        profile_meeting_ids.profile_number,
        profile_meeting_ids.states,
        scoped_meetings.meeting_id,
        scoped_meetings.instrument_id,
        scoped_meetings.city,
        scoped_meetings.start_date,
        scoped_meetings.end_date,
        scoped_meetings.is_remote
    from profile_meeting_ids
    inner join scoped_meetings
        on profile_meeting_ids.meeting_id = scoped_meetings.meeting_id
),

-- the meetings a delegation travels to; remote ones are added back at the end
travel_meetings as (
    select * from profile_meetings
    where not is_remote
),

-- the latest end among the earlier meetings in the same city
with_previous_end as (
    select
        *,
        max(end_date) over (
            partition by theme_scope, year, profile_number, city
            order by start_date, end_date, meeting_id
            rows between unbounded preceding and 1 preceding
        ) as previous_end
    from travel_meetings
),

trip_starts as (
    select
        *,
        case
            when city is null or previous_end is null then 1
            when working_days(previous_end + 1, start_date - 1) > 2 then 1
            else 0
        end as starts_trip
    from with_previous_end
),

-- trip numbers within the city, and each trip's first start: rows are in
-- start order, so the latest start of a trip-opening row so far is the start
-- of the current row's trip (one window pass, not a second one per trip)
city_trips as (
    select
        *,
        sum(starts_trip) over city_order as city_trip,
        max(case when starts_trip = 1 then start_date end) over city_order
            as trip_start_date
    from trip_starts
    window city_order as (
        partition by theme_scope, year, profile_number, city
        order by start_date, end_date, meeting_id
        rows between unbounded preceding and current row
    )
),

numbered as (
    select
        *,
        dense_rank() over (
            partition by theme_scope, year, profile_number
            order by trip_start_date, city nulls last, city_trip
        ) as trip_number,
        case when month(trip_start_date) <= 6 then 1 else 2 end
            as trip_half_year
    from city_trips
),

-- trips per profile, year, scope, city and half-year
city_half_trips as (
    select
        theme_scope,
        year,
        profile_number,
        city,
        trip_half_year,
        count(distinct trip_number) as trips_in_city_half
    from numbered
    where city is not null
    group by theme_scope, year, profile_number, city, trip_half_year
),

travelled as (
    select
        numbered.theme_scope,
        numbered.year,
        numbered.profile_number,
        numbered.states,
        numbered.meeting_id,
        numbered.instrument_id,
        numbered.city,
        numbered.start_date,
        numbered.end_date,
        false as is_remote,
        numbered.trip_number,
        numbered.trip_start_date,
        numbered.trip_half_year,
        coalesce(city_half_trips.trips_in_city_half > 1, false)
            as is_mergeable
    from numbered
    left join city_half_trips
        on
            numbered.theme_scope = city_half_trips.theme_scope
            and numbered.year = city_half_trips.year
            and numbered.profile_number = city_half_trips.profile_number
            and numbered.city = city_half_trips.city
            and numbered.trip_half_year = city_half_trips.trip_half_year
),

remote as (
    select
        theme_scope,
        year,
        profile_number,
        states,
        meeting_id,
        instrument_id,
        city,
        start_date,
        end_date,
        true as is_remote,
        cast(null as bigint) as trip_number,
        cast(null as date) as trip_start_date,
        cast(null as integer) as trip_half_year,
        false as is_mergeable
    from profile_meetings
    where is_remote
),

final as (
    select * from travelled
    union all
    select * from remote
)

select * from final
