-- grain: one row per theme_scope × year × profile_number
-- description: The trip counts of each attendance profile (int_profile_meetings_clustered),
--   which every state of the profile (states of them) has: meetings,
--   trips, trips_lower_bound (distinct (city, half-year the trip starts in),
--   plus one per meeting without a city) and meetings_without_city.
--   trip_number is a dense rank from 1 within the scope, profile and year,
--   so its maximum is the number of trips. state_year_burden reads the
--   'any' rows, year_coherence all three scopes: the lower bound is counted
--   in this one place.
-- check: unique(theme_scope, year, profile_number)
-- check: not_null(theme_scope, year, profile_number, states, meetings,
--   trips, trips_lower_bound, meetings_without_city)
-- check: expression(trips between trips_lower_bound and meetings)
-- check: expression(trips_lower_bound >= 1)

with

profile_meetings as (
    select * from int_profile_meetings_clustered
),

-- the distinct (city, half-year) per scope, profile and year: the lower
-- bound's trips with a city
city_halves as (
    select
        theme_scope,
        year,
        profile_number,
        count(*) as city_halves
    from (
        select distinct
            theme_scope,
            year,
            profile_number,
            city,
            trip_half_year
        from profile_meetings
        where city is not null
    )
    group by theme_scope, year, profile_number
),

counted as (
    select
        profile_meetings.theme_scope,
        profile_meetings.year,
        profile_meetings.profile_number,
        any_value(profile_meetings.states) as states,
        count(*) as meetings,
        max(profile_meetings.trip_number) as trips,
        coalesce(any_value(city_halves.city_halves), 0)
        + count_if(profile_meetings.city is null) as trips_lower_bound,
        count_if(profile_meetings.city is null) as meetings_without_city
    from profile_meetings
    left join city_halves
        on
            profile_meetings.theme_scope = city_halves.theme_scope
            and profile_meetings.year = city_halves.year
            and profile_meetings.profile_number = city_halves.profile_number
    group by
        profile_meetings.theme_scope,
        profile_meetings.year,
        profile_meetings.profile_number
),

final as (
    select * from counted
)

select * from final
