-- The queries behind the figures that README.md, docs/*.md and datasets/README.md
-- quote from the data, one per name. A marked figure of that name in a document
-- (<!-- synergy:value name=… --> or a synergy:query block without its own ```sql
-- fence) shows what its query returns; `make docs` rewrites them from a run of the
-- shipped datasets as of 2026-11-27 and `make docs-check` fails when one differs
-- (package docsgen). A value's query returns one row of one column, formatted as the
-- prose shows it: round(x, 3), format('{:,}', n), format('{:g}', x) for 1 not 1.0.
-- snapshot_tables(name, layer, rows) lists the snapshot's tables.

-- name: meetings-total
select count(*) from meetings

-- name: meetings-unpaired
select count(*) from meetings_unpaired

-- name: meetings-pairable
select count(*) - (select count(*) from meetings_unpaired) from meetings

-- name: pairs-clash
select count(*) from meeting_pairs where relation = 'clash'

-- name: pairs-concurrent-cross-family
select count(*) from meeting_pairs where relation = 'concurrent' and not same_family

-- name: pairs-same-family
select count(*) from meeting_pairs where same_family

-- name: pairs-same-family-rec8
select sum(same_family_pairs) from year_coherence where theme = 'any'

-- name: attendance-profiles
select format('{:,}', count(distinct (year, meeting_ids))) from state_year_burden

-- name: state-years
select format('{:,}', count(*)) from state_year_burden

-- name: year-2019-state-meetings
select state_meetings from year_coherence where theme = 'any' and year = 2019

-- name: year-2019-state-trips
select state_trips from year_coherence where theme = 'any' and year = 2019

-- name: year-2019-lower-bound
select state_trips_lower_bound from year_coherence where theme = 'any' and year = 2019

-- name: year-2019-saveable
select trips_saveable from year_coherence where theme = 'any' and year = 2019

-- name: year-2019-index
select coalesce(format('{:g}', round(coherence_index, 3)), 'not defined')
from year_coherence where theme = 'any' and year = 2019

-- name: year-2014-state-meetings
select state_meetings from year_coherence where theme = 'any' and year = 2014

-- name: year-2014-state-trips
select state_trips from year_coherence where theme = 'any' and year = 2014

-- name: year-2014-lower-bound
select state_trips_lower_bound from year_coherence where theme = 'any' and year = 2014

-- name: year-2014-index
select coalesce(format('{:g}', round(coherence_index, 3)), 'not defined')
from year_coherence where theme = 'any' and year = 2014

-- name: year-2014-fewer-state-meetings
-- against the DESIGN prototype's 854 state-meetings and 533 trips in 2014
select 854 - state_meetings from year_coherence where theme = 'any' and year = 2014

-- name: year-2014-fewer-trips
select 533 - state_trips from year_coherence where theme = 'any' and year = 2014

-- name: burden-first-year
select min(year) from state_year_burden

-- name: burden-last-year
select max(year) from state_year_burden

-- name: burden-state-meetings
select format('{:,}', sum(meetings)) from state_year_burden

-- name: burden-trips
select format('{:,}', sum(trips)) from state_year_burden

-- name: burden-lower-bound
select format('{:,}', sum(trips_lower_bound)) from state_year_burden

-- name: burden-saveable
select format('{:,}', sum(trips_saveable)) from state_year_burden

-- name: burden-index
select round(sum(meetings - trips) / sum(meetings - trips_lower_bound), 3)
from state_year_burden
-- name: che-2019-meetings
select meetings from state_year_burden where state_id = 'CHE' and year = 2019

-- name: che-2019-trips
select trips from state_year_burden where state_id = 'CHE' and year = 2019

-- name: che-2019-lower-bound
select trips_lower_bound from state_year_burden where state_id = 'CHE' and year = 2019

-- name: che-2019-index
select coalesce(format('{:g}', round(coherence_index, 3)), 'not defined')
from state_year_burden where state_id = 'CHE' and year = 2019

-- name: che-2019-meeting-ids
select array_to_string(meeting_ids, ', ') from state_year_burden where state_id = 'CHE' and year = 2019

-- name: che-2022-meetings
select meetings from state_year_burden where state_id = 'CHE' and year = 2022

-- name: che-2022-trips
select trips from state_year_burden where state_id = 'CHE' and year = 2022

-- name: che-2022-lower-bound
select trips_lower_bound from state_year_burden where state_id = 'CHE' and year = 2022

-- name: che-2024-meetings
select meetings from state_year_burden where state_id = 'CHE' and year = 2024

-- name: che-2024-trips
select trips from state_year_burden where state_id = 'CHE' and year = 2024

-- name: che-2024-lower-bound
select trips_lower_bound from state_year_burden where state_id = 'CHE' and year = 2024

-- name: che-2024-trips-saveable
select trips_saveable from state_year_burden where state_id = 'CHE' and year = 2024

-- name: che-2024-index
select coalesce(format('{:g}', round(coherence_index, 3)), 'not defined')
from state_year_burden where state_id = 'CHE' and year = 2024

-- name: apmbc-ccm-2024-parties-a
select parties_a from instrument_pair_synergy
where instrument_a = 'APMBC' and instrument_b = 'CCM' and year = 2024

-- name: apmbc-ccm-2024-parties-b
select parties_b from instrument_pair_synergy
where instrument_a = 'APMBC' and instrument_b = 'CCM' and year = 2024

-- name: apmbc-ccm-2024-parties-both
select parties_both from instrument_pair_synergy
where instrument_a = 'APMBC' and instrument_b = 'CCM' and year = 2024

-- name: apmbc-ccm-2024-parties-either
select parties_either from instrument_pair_synergy
where instrument_a = 'APMBC' and instrument_b = 'CCM' and year = 2024

-- name: apmbc-ccm-2024-jaccard
select round(membership_jaccard, 3) from instrument_pair_synergy
where instrument_a = 'APMBC' and instrument_b = 'CCM' and year = 2024

-- name: apmbc-ccm-2024-a-in-b
select round(containment_a_in_b, 3) from instrument_pair_synergy
where instrument_a = 'APMBC' and instrument_b = 'CCM' and year = 2024

-- name: apmbc-ccm-2024-b-in-a
select round(containment_b_in_a, 3) from instrument_pair_synergy
where instrument_a = 'APMBC' and instrument_b = 'CCM' and year = 2024

-- name: apmbc-ccm-2024-states-obligations
select states_same_theme_obligations from instrument_pair_synergy
where instrument_a = 'APMBC' and instrument_b = 'CCM' and year = 2024

-- name: apmbc-ccm-2024-obligation-entries
select len(shared_obligations) from instrument_pair_synergy
where instrument_a = 'APMBC' and instrument_b = 'CCM' and year = 2024

-- name: apmbc-ccm-2024-obligation-share
select round(obligation_share, 3) from instrument_pair_synergy
where instrument_a = 'APMBC' and instrument_b = 'CCM' and year = 2024

-- name: apmbc-ccm-2024-agenda-cosine
select round(agenda_theme_cosine, 3) from instrument_pair_synergy
where instrument_a = 'APMBC' and instrument_b = 'CCM' and year = 2024

-- name: apmbc-ccm-2024-potential
select round(synergy_potential, 3) from instrument_pair_synergy
where instrument_a = 'APMBC' and instrument_b = 'CCM' and year = 2024

-- name: apmbc-ccm-2024-components
select synergy_components from instrument_pair_synergy
where instrument_a = 'APMBC' and instrument_b = 'CCM' and year = 2024

-- name: apmbc-ccm-2024-va-states
-- the states holding victim-assistance obligations under both, as the prose lists them
select string_agg(state_id, ', ' order by state_id)
from (
    select unnest(shared_obligations, recursive := true)
    from instrument_pair_synergy
    where instrument_a = 'APMBC' and instrument_b = 'CCM' and year = 2024
)
where theme = 'victim_assistance'

-- name: apmbc-ccm-2024-clearance-states
select string_agg(state_id, ', ' order by state_id)
from (
    select unnest(shared_obligations, recursive := true)
    from instrument_pair_synergy
    where instrument_a = 'APMBC' and instrument_b = 'CCM' and year = 2024
)
where theme = 'clearance'

-- name: tables-published
select count(*) from snapshot_tables

-- name: tables-by-layer
select
    layer,
    string_agg('`' || name || '`', ', ' order by name) as tables
from snapshot_tables
group by layer
order by case layer when 'raw' then 1 when 'mart' then 2 else 3 end
