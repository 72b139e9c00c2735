-- grain: one row per theme_scope × state × meeting
-- description: The delegation's view of Rec 8 (DESIGN §4, per state and
--   year): each Rec 8 meeting (int_meeting_scopes_listed) of every
--   instrument the state is party to on the meeting's opening day
--   (int_meeting_parties_listed), grouped into trips. Within one state, year
--   (of the start date) and scope, meetings in the same city form one trip
--   while each starts at most 2 working days after the latest end so far in
--   the trip (working days strictly between; overlaps join the trip).
--   trip_number numbers the trips by first start date; trip_half_year
--   (1 = January-June, 2 = July-December) is the half-year the trip starts
--   in, so a trip never counts twice in the lower bound. A meeting without a
--   city cannot join a trip: it is a trip of its own. is_mergeable: the trip
--   shares its city and half-year with another trip of the state that year,
--   so a better calendar could have merged them.
-- check: unique(theme_scope, state_id, meeting_id)
-- check: not_null(theme_scope, state_id, meeting_id, year, start_date,
--   end_date, trip_number, trip_start_date, trip_half_year, is_mergeable)
-- check: accepted_values(theme_scope, 'any', 'clearance', 'victim_assistance')
-- check: accepted_values(trip_half_year, 1, 2)
-- check: relationship(meeting_id -> stg_synergy__meetings.meeting_id)
-- check: relationship(state_id -> stg_synergy__states.state_id)
-- check: expression(trip_start_date <= start_date)
-- check: expression(year(trip_start_date) = year)
-- check: expression(city is not null or not is_mergeable)

with

scoped_meetings as (
    select * from int_meeting_scopes_listed
),

meeting_parties as (
    select * from int_meeting_parties_listed
),

state_meetings as (
    select
        scoped_meetings.theme_scope,
        meeting_parties.state_id,
        scoped_meetings.meeting_id,
        scoped_meetings.instrument_id,
        scoped_meetings.year,
        scoped_meetings.city,
        scoped_meetings.start_date,
        scoped_meetings.end_date
    from scoped_meetings
    inner join meeting_parties
        on scoped_meetings.meeting_id = meeting_parties.meeting_id
),

-- the latest end among the earlier meetings in the same city
with_previous_end as (
    select
        *,
        max(end_date) over (
            partition by theme_scope, state_id, year, city
            order by start_date, end_date, meeting_id
            rows between unbounded preceding and 1 preceding
        ) as previous_end
    from state_meetings
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
        partition by theme_scope, state_id, year, city
        order by start_date, end_date, meeting_id
        rows between unbounded preceding and current row
    )
),

numbered as (
    select
        *,
        dense_rank() over (
            partition by theme_scope, state_id, year
            order by trip_start_date, city nulls last, city_trip
        ) as trip_number,
        case when month(trip_start_date) <= 6 then 1 else 2 end
            as trip_half_year
    from city_trips
),

-- trips per state, year, scope, city and half-year
city_half_trips as (
    select
        theme_scope,
        state_id,
        year,
        city,
        trip_half_year,
        count(distinct trip_number) as trips_in_city_half
    from numbered
    where city is not null
    group by theme_scope, state_id, year, city, trip_half_year
),

final as (
    select
        numbered.theme_scope,
        numbered.state_id,
        numbered.meeting_id,
        numbered.instrument_id,
        numbered.year,
        numbered.city,
        numbered.start_date,
        numbered.end_date,
        numbered.trip_number,
        numbered.trip_start_date,
        numbered.trip_half_year,
        coalesce(city_half_trips.trips_in_city_half > 1, false)
            as is_mergeable
    from numbered
    left join city_half_trips
        on
            numbered.theme_scope = city_half_trips.theme_scope
            and numbered.state_id = city_half_trips.state_id
            and numbered.year = city_half_trips.year
            and numbered.city = city_half_trips.city
            and numbered.trip_half_year = city_half_trips.trip_half_year
)

select * from final
