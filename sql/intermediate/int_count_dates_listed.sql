-- grain: one row per instrument × count_date × date_kind
-- description: The dates on which party counts are taken for each instrument:
--   'meeting_opening', the opening day of every meeting of the instrument
--   whose start is known to the day (meeting_ids lists the meetings opening
--   that day, as two bodies of one instrument may open on the same day), and
--   'year_end', every 31 December from the year the instrument was adopted
--   (or, if unknown, its earliest consent) through the year of the latest
--   date anywhere in meetings or participation. The range comes from the
--   data, never from the clock, so a run is reproducible.
-- check: unique(instrument_id, count_date, date_kind)
-- check: not_null(instrument_id, count_date, date_kind, meeting_ids)
-- check: accepted_values(date_kind, 'meeting_opening', 'year_end')
-- check: relationship(instrument_id -> stg_synergy__instruments.instrument_id)
-- check: expression((date_kind = 'meeting_opening') = (len(meeting_ids) > 0))
-- check: expression(date_kind = 'meeting_opening'
--   or strftime(count_date, '%m-%d') = '12-31')

with

instruments as (
    select * from stg_synergy__instruments
),

meetings as (
    select * from stg_synergy__meetings
),

spells as (
    select * from int_participation_spells
),

data_dates as (
    select start_date as known_date from meetings
    union all
    select end_date as known_date from meetings
    union all
    select signature_date as known_date from spells
    union all
    select consented_from as known_date from spells
    union all
    select in_force_from as known_date from spells
    union all
    select withdrawal_notified_date as known_date from spells
    union all
    select withdrawal_effective_date as known_date from spells
),

horizon as (
    select year(max(known_date)) as last_year
    from data_dates
),

first_consents as (
    select
        instrument_id,
        min(consented_from) as first_consent_date
    from spells
    group by instrument_id
),

year_ranges as (
    select
        instruments.instrument_id,
        coalesce(
            year(instruments.adopted_date),
            year(first_consents.first_consent_date)
        ) as first_year,
        horizon.last_year
    from instruments
    left join first_consents
        on instruments.instrument_id = first_consents.instrument_id
    cross join horizon
),

years as (
    select
        instrument_id,
        unnest(generate_series(first_year, last_year)) as count_year
    from year_ranges
    where first_year is not null and last_year is not null
),

year_ends as (
    select
        instrument_id,
        make_date(count_year, 12, 31) as count_date,
        'year_end' as date_kind,
        cast([] as varchar []) as meeting_ids
    from years
),

meeting_openings as (
    select
        instrument_id,
        start_date as count_date,
        'meeting_opening' as date_kind,
        list_sort(list(meeting_id)) as meeting_ids
    from meetings
    where start_date is not null and start_precision = 'day'
    group by instrument_id, start_date
),

final as (
    select * from year_ends
    union all
    select * from meeting_openings
)

select * from final
