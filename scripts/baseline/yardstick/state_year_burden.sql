-- The yardstick for state_year_burden: what a careful analyst would write by hand,
-- per state (no attendance profiles), from the Rec 8 meetings
-- (int_meeting_scopes_listed, scope 'any') and the participation spells
-- (int_participation_spells). Same rules: parties on the opening day; a trip is
-- a run of meetings in one city, each starting at most 2 working days after the
-- latest end so far; a meeting without a city is a trip of its own; remote
-- meetings count as meetings but never as trips; the lower bound is the distinct
-- (city, half-year the trip starts in) plus the meetings without a city.
with

attended as (
    select
        spells.state_id,
        rec8.year,
        rec8.meeting_id,
        rec8.city,
        rec8.start_date,
        rec8.end_date,
        rec8.is_remote
    from int_meeting_scopes_listed as rec8
    inner join int_participation_spells as spells
        on
            rec8.instrument_id = spells.instrument_id
            and spells.in_force_from <= rec8.start_date
            and rec8.start_date < coalesce(spells.in_force_until, date '9999-12-31')
    where rec8.theme_scope = 'any'
),

ordered as (
    select
        *,
        max(end_date) over (
            partition by state_id, year, city
            order by start_date, end_date, meeting_id
            rows between unbounded preceding and 1 preceding
        ) as previous_end
    from attended
    where not is_remote
),

opened as (
    select
        *,
        city is null or previous_end is null
        or working_days(previous_end + 1, start_date - 1) > 2 as opens_trip
    from ordered
),

trip_starts as (
    select
        state_id,
        year,
        city,
        max(case when opens_trip then start_date end) over (
            partition by state_id, year, city
            order by start_date, end_date, meeting_id
            rows between unbounded preceding and current row
        ) as trip_start,
        opens_trip
    from opened
),

travel as (
    select
        state_id,
        year,
        count_if(opens_trip) as trips,
        count(distinct case
            when city is not null then city || month(trip_start) // 7
        end) + count_if(city is null) as trips_lower_bound
    from trip_starts
    group by state_id, year
),

counted as (
    select
        state_id,
        year,
        count(*) as meetings,
        count_if(is_remote) as remote_meetings
    from attended
    group by state_id, year
)

select
    counted.state_id,
    counted.year,
    counted.meetings,
    counted.remote_meetings,
    coalesce(travel.trips, 0) as trips,
    coalesce(travel.trips_lower_bound, 0) as trips_lower_bound
from counted
left join travel
    on counted.state_id = travel.state_id and counted.year = travel.year
