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

-- name: readme-query
-- the README's example of synergy query (the command shown must contain this query)
select meeting_id_a, meeting_id_b, start_b, relation, gap_working_days as gap,
    shared_parties from meeting_pairs where relation in ('back_to_back','concurrent')
    and not same_family order by start_a desc limit 3

-- name: readme-sql
select state_id, year, meetings, trips, trips_saveable from state_year_burden
    where year = 2024 order by trips_saveable desc, state_id limit 2

-- name: calendar-events
-- the events of synergy calendar: meetings whose start and end are known to the day
select count(*) from meetings_enriched
where start_precision = 'day' and end_precision = 'day'
    and start_date is not null and end_date is not null

-- name: meetings-coverage
with dated as (
    select
        meeting_id,
        instrument_id,
        coalesce(year(start_date), try_cast(left(start_text, 4) as integer)) as y,
        start_precision = 'day' and end_precision = 'day'
            and start_date is not null and end_date is not null as to_the_day,
        meeting_id in (select meeting_id from agenda_items) as with_items
    from meetings
),
periods as (
    select
        *,
        case
            when y < 2000 then y::varchar
            when y >= 2025 then '2025–' || (select max(y) from dated)
            else (2000 + 5 * ((y - 2000) // 5))::varchar || '–' || (2004 + 5 * ((y - 2000) // 5))::varchar
        end as period
    from dated
)
select
    period,
    count(*) filter (where instrument_id = 'APMBC') as "APMBC",
    count(*) filter (where instrument_id = 'CCM') as "CCM",
    count(*) filter (where instrument_id = 'CCW') as "CCW",
    count(*) filter (where instrument_id = 'CCW-APII') as "CCW-APII",
    count(*) filter (where instrument_id = 'CCW-PV') as "CCW-PV",
    count(*) filter (where instrument_id = 'ATT') as "ATT",
    count(*) as meetings,
    count(*) filter (where to_the_day) as "dated to the day",
    count(*) filter (where with_items) as "with agenda items"
from periods
group by period
order by min(y)

-- name: obligations-coverage
select
    instrument_id as instrument,
    article || ' (' || replace(theme, '_', ' ') || ')' as "article (theme)",
    count(*) as "rows",
    count(*) filter (where status = 'ongoing') as ongoing,
    count(*) filter (where status = 'completed') as completed,
    count(*) filter (where status = 'overdue') as overdue,
    count(deadline) as "with a deadline",
    count(*) filter (where confidence in ('low', 'memory')) as "low or memory"
from obligations
group by all
order by instrument, "article (theme)"

-- name: states
select count(*) from states

-- name: state-names
select count(*) from state_names

-- name: instrument-articles
select count(*) from instrument_articles

-- name: standing-agendas
select count(*) from standing_agendas

-- name: meetings-first-year
select min(coalesce(year(start_date), try_cast(left(start_text, 4) as integer))) from meetings

-- name: meetings-last-year
select max(coalesce(year(start_date), try_cast(left(start_text, 4) as integer))) from meetings

-- name: meetings-start-partial
select count(*) from meetings where start_precision in ('month', 'year')

-- name: meetings-end-partial
select count(*) from meetings where end_date is null

-- name: agenda-items
select count(*) from agenda_items

-- name: agenda-items-en
select count(*) from agenda_items where lang = 'en'

-- name: agenda-items-fr
select count(*) from agenda_items where lang = 'fr'

-- name: agenda-items-ru
select count(*) from agenda_items where lang = 'ru'

-- name: agenda-items-es
select count(*) from agenda_items where lang = 'es'

-- name: parties-2026-02-03-apmbc
-- parties as the depositary counts them: consent deposited, withdrawal not in effect
select count(*) from participation
where instrument_id = 'APMBC' and consent_date <= date '2026-02-03'
    and (withdrawal_effective_date is null or withdrawal_effective_date > date '2026-02-03')

-- name: parties-2026-02-03-ccm
-- parties as the depositary counts them: consent deposited, withdrawal not in effect
select count(*) from participation
where instrument_id = 'CCM' and consent_date <= date '2026-02-03'
    and (withdrawal_effective_date is null or withdrawal_effective_date > date '2026-02-03')

-- name: parties-2026-02-03-ccw
-- parties as the depositary counts them: consent deposited, withdrawal not in effect
select count(*) from participation
where instrument_id = 'CCW' and consent_date <= date '2026-02-03'
    and (withdrawal_effective_date is null or withdrawal_effective_date > date '2026-02-03')

-- name: parties-2026-02-03-ccw-apii
-- parties as the depositary counts them: consent deposited, withdrawal not in effect
select count(*) from participation
where instrument_id = 'CCW-APII' and consent_date <= date '2026-02-03'
    and (withdrawal_effective_date is null or withdrawal_effective_date > date '2026-02-03')

-- name: parties-2026-02-03-ccw-pv
-- parties as the depositary counts them: consent deposited, withdrawal not in effect
select count(*) from participation
where instrument_id = 'CCW-PV' and consent_date <= date '2026-02-03'
    and (withdrawal_effective_date is null or withdrawal_effective_date > date '2026-02-03')

-- name: parties-2026-02-03-att
-- parties as the depositary counts them: consent deposited, withdrawal not in effect
select count(*) from participation
where instrument_id = 'ATT' and consent_date <= date '2026-02-03'
    and (withdrawal_effective_date is null or withdrawal_effective_date > date '2026-02-03')

-- name: parties-2026-02-03-crpd
-- parties as the depositary counts them: consent deposited, withdrawal not in effect
select count(*) from participation
where instrument_id = 'CRPD' and consent_date <= date '2026-02-03'
    and (withdrawal_effective_date is null or withdrawal_effective_date > date '2026-02-03')

-- name: year-2019-more-state-meetings
-- against the DESIGN prototype's 456 state-meetings and lower bound 297 in 2019
select state_meetings - 456 from year_coherence where theme = 'any' and year = 2019

-- name: year-2019-more-lower-bound
select state_trips_lower_bound - 297 from year_coherence where theme = 'any' and year = 2019

-- name: ccw-apii-21-parties
select coalesce(
    any_value(parties_a) filter (where meeting_id_a = 'CCW_APII-21'),
    any_value(parties_b) filter (where meeting_id_b = 'CCW_APII-21')
)
from meeting_pairs

-- name: participation-discrepancies
-- every rule of docs/reconciliation.md, with 0 where the data have none
with rules (rule, ord) as (
    values
        ('depositary wins', 1),
        ('later dated source wins', 2),
        ('only in depositary', 3),
        ('only in csv', 4)
),
found as (
    select rule, count(*) as n, count(*) filter (where used) as used,
        count(distinct (entity_key, field)) as fields
    from source_discrepancies
    where entity = 'participation'
    group by rule
)
select
    '`' || rule || '`' as rule,
    coalesce(n, 0) as "rows",
    coalesce(used, 0) as used,
    coalesce(fields, 0) as fields
from rules full join found using (rule)
order by coalesce(ord, 99), rule

-- name: participation-rows
select count(*) from participation

-- name: planner-burden-trips-2000-2025
select format('{:,}', sum(trips)) from state_year_burden where year between 2000 and 2025

-- name: planner-burden-lower-bound-2000-2025
select format('{:,}', sum(trips_lower_bound)) from state_year_burden where year between 2000 and 2025

-- name: plan-backtest-table
-- docs/planner.md: the mart plan_backtest for 2000–2025 and its total row
select
    year, meetings, movable, "trips as held", "trips planned", saved,
    "lower bound", "proven optimal", "meetings moved", "largest move (days)"
from (
    select
        0 as k, year::varchar as year, meetings, movable,
        trips_actual as "trips as held", trips_planned as "trips planned",
        (trips_actual - trips_planned)::varchar as saved,
        trips_lower_bound as "lower bound",
        case when optimal then 'yes' else 'gap ' || round(100 * gap, 1) || '%' end
            as "proven optimal",
        moved_meetings as "meetings moved",
        max_move_days as "largest move (days)"
    from plan_backtest
    where year between 2000 and 2025
    union all
    select
        1, '**2000–2025**', sum(meetings), sum(movable), sum(trips_actual),
        sum(trips_planned),
        sum(trips_actual - trips_planned) || ' ('
            || round(100 * sum(trips_actual - trips_planned) / sum(trips_actual), 1)
            || '%)',
        sum(trips_lower_bound),
        count(*) filter (where optimal) || ' of ' || count(*) || ' years',
        sum(moved_meetings), max(max_move_days)
    from plan_backtest
    where year between 2000 and 2025
)
order by k, year
