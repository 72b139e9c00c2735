-- state_peers: the states party to the same set of instruments as state $1
-- on 31 December of year $3 (state $1 included), grouped by their profile
-- over the years $2 to $3 (state_year_burden summed: meetings,
-- remote_meetings, trips, trips_lower_bound, trips_saveable; 0 for a state
-- without a row), one row
-- per profile with how many states have it, their names and ids (sorted by
-- name), whether it is state $1's (own), and the shared set (instruments,
-- the same on every row). Most trips saveable first.
with party as (
    select distinct state_id, instrument_id
    from participation
    where entry_into_force_date <= make_date($3, 12, 31)
        and coalesce(withdrawal_effective_date > make_date($3, 12, 31), true)
),

sets as (
    select state_id, list_sort(list(instrument_id)) as instruments
    from party
    group by state_id
),

peers as (
    select sets.state_id, sets.instruments
    from sets
    where sets.instruments = (select instruments from sets where state_id = $1)
),

sums as (
    select
        peers.state_id,
        any_value(peers.instruments) as instruments,
        coalesce(any_value(s.name), peers.state_id) as name,
        coalesce(sum(b.meetings), 0) as meetings,
        coalesce(sum(b.remote_meetings), 0) as remote_meetings,
        coalesce(sum(b.trips), 0) as trips,
        coalesce(sum(b.trips_lower_bound), 0) as trips_lower_bound,
        coalesce(sum(b.trips_saveable), 0) as trips_saveable
    from peers
    left join state_year_burden as b
        on b.state_id = peers.state_id and b.year between $2 and $3
    left join states as s on s.state_id = peers.state_id
    group by peers.state_id
)

select
    meetings, remote_meetings, trips, trips_lower_bound, trips_saveable,
    count(*) as states,
    list(name order by name, state_id) as names,
    list(state_id order by name, state_id) as state_ids,
    bool_or(state_id = $1) as own,
    any_value(instruments) as instruments
from sums
group by meetings, remote_meetings, trips, trips_lower_bound, trips_saveable
order by trips_saveable desc, trips desc, meetings desc, trips_lower_bound
