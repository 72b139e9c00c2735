-- grain: one row per theme_scope × year × profile_number
-- description: The trip counts of each attendance profile (int_profile_meetings_clustered),
--   which every state of the profile (states of them) has: meetings (remote
--   ones included), remote_meetings (online or by written procedure: no
--   trip), trips, trips_lower_bound (distinct (city, half-year the trip
--   starts in), plus one per meeting without a city) and
--   meetings_without_city (meetings travelled to whose city is unknown, each
--   a trip of its own). trip_number is a dense rank from 1 within the
--   scope, profile and year, so its maximum is the number of trips (0 when
--   every meeting is remote). trips_avoided_cross_family: of the meetings
--   that shared a trip (meetings - remote_meetings - trips), those that
--   brought a trip a further instrument family (per trip, its families
--   minus one; stg_synergy__instruments.family), so that co-location inside
--   the CCW family (CCW, CCW-APII, CCW-PV) can be told apart.
--   state_year_burden reads the 'any' rows, year_coherence all three
--   scopes: the lower bound is counted in this one place.
-- check: unique(theme_scope, year, profile_number)
-- check: not_null(theme_scope, year, profile_number, states, meetings,
--   remote_meetings, trips, trips_lower_bound, meetings_without_city,
--   trips_avoided_cross_family)
-- check: expression(trips between trips_lower_bound
--   and meetings - remote_meetings)
-- check: expression((trips_lower_bound >= 1) = (meetings > remote_meetings))
-- check: expression(trips_avoided_cross_family between 0
--   and meetings - remote_meetings - trips)

with

profile_meetings as (
    select * from int_profile_meetings_clustered
),

instruments as (
    select * from stg_synergy__instruments
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
        where city is not null and not is_remote
    )
    group by theme_scope, year, profile_number
),

-- per trip, the instrument families it brings together
trip_families as (
    select
        profile_meetings.theme_scope,
        profile_meetings.year,
        profile_meetings.profile_number,
        profile_meetings.trip_number,
        count(distinct instruments.family) as families
    from profile_meetings
    inner join instruments
        on profile_meetings.instrument_id = instruments.instrument_id
    where not profile_meetings.is_remote
    group by
        profile_meetings.theme_scope,
        profile_meetings.year,
        profile_meetings.profile_number,
        profile_meetings.trip_number
),

cross_family as (
    select
        theme_scope,
        year,
        profile_number,
        sum(families - 1) as trips_avoided_cross_family
    from trip_families
    group by theme_scope, year, profile_number
),

counted as (
    select
        profile_meetings.theme_scope,
        profile_meetings.year,
        profile_meetings.profile_number,
        any_value(profile_meetings.states) as states,
        count(*) as meetings,
        count_if(profile_meetings.is_remote) as remote_meetings,
        coalesce(max(profile_meetings.trip_number), 0) as trips,
        coalesce(any_value(city_halves.city_halves), 0)
        + count_if(
            profile_meetings.city is null and not profile_meetings.is_remote
        ) as trips_lower_bound,
        count_if(
            profile_meetings.city is null and not profile_meetings.is_remote
        ) as meetings_without_city,
        coalesce(any_value(cross_family.trips_avoided_cross_family), 0)
            as trips_avoided_cross_family
    from profile_meetings
    left join city_halves
        on
            profile_meetings.theme_scope = city_halves.theme_scope
            and profile_meetings.year = city_halves.year
            and profile_meetings.profile_number = city_halves.profile_number
    left join cross_family
        on
            profile_meetings.theme_scope = cross_family.theme_scope
            and profile_meetings.year = cross_family.year
            and profile_meetings.profile_number = cross_family.profile_number
    group by
        profile_meetings.theme_scope,
        profile_meetings.year,
        profile_meetings.profile_number
),

final as (
    select * from counted
)

select * from final
