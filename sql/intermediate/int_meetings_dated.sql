-- grain: one row per meeting
-- description: Every meeting with what the Rec 8 calendar views need: its
--   instrument's family, and whether it can be placed on the calendar
--   (is_pairable: start and end both known to the day, and not cancelled or
--   postponed). unpaired_reason says why not, first failing rule first:
--   'cancelled', 'postponed', 'start known only to the month' (or year),
--   'start date missing', 'end known only to the month' (or year),
--   'end date missing'. Planned and virtual meetings stay on the calendar.
-- check: unique(meeting_id)
-- check: not_null(meeting_id, instrument_id, family, body, status,
--   is_virtual, is_pairable)
-- check: relationship(meeting_id -> stg_synergy__meetings.meeting_id)
-- check: expression(is_pairable = (unpaired_reason is null))
-- check: expression(not is_pairable
--   or (start_date is not null and end_date is not null))

with

meetings as (
    select * from stg_synergy__meetings
),

instruments as (
    select * from stg_synergy__instruments
),

checked as (
    select
        meetings.meeting_id,
        meetings.instrument_id,
        instruments.family,
        meetings.body,
        meetings.start_date,
        meetings.end_date,
        meetings.start_precision,
        meetings.end_precision,
        meetings.start_text,
        meetings.end_text,
        meetings.city,
        meetings.country_id,
        meetings.is_virtual,
        meetings.status,
        case
            when meetings.status = 'cancelled' then 'cancelled'
            when meetings.status = 'postponed' then 'postponed'
            when meetings.start_precision = 'month'
                then 'start known only to the month'
            when meetings.start_precision = 'year'
                then 'start known only to the year'
            when meetings.start_date is null then 'start date missing'
            when meetings.end_precision = 'month'
                then 'end known only to the month'
            when meetings.end_precision = 'year'
                then 'end known only to the year'
            when meetings.end_date is null then 'end date missing'
        end as unpaired_reason
    from meetings
    left join instruments
        on meetings.instrument_id = instruments.instrument_id
),

final as (
    select
        meeting_id,
        instrument_id,
        family,
        body,
        start_date,
        end_date,
        start_precision,
        end_precision,
        start_text,
        end_text,
        city,
        country_id,
        is_virtual,
        status,
        unpaired_reason is null as is_pairable,
        unpaired_reason
    from checked
)

select * from final
