-- grain: one row per meeting
-- description: Every meeting with what the Rec 8 calendar views need:
--   whether it can be placed on the calendar
--   (is_pairable: start and end both known to the day, and not cancelled or
--   postponed). unpaired_reason says why not, first failing rule first:
--   'cancelled', 'postponed', 'start known only to the month' (or year),
--   'start date missing', 'end known only to the month' (or year),
--   'end date missing'. Planned, unconfirmed and remote meetings stay on the
--   calendar. mode as the sources give it; is_remote (macro is_remote_mode:
--   online or by written procedure) marks the meetings a delegation attends
--   without a journey: they count as meetings, never as trips, and never
--   clash by city (meeting_pairs).
--   It reads stg_synergy__meetings alone, with no join: meeting_pair_spans
--   self-joins it and must stay free of materialized subplans (see there).
-- check: unique(meeting_id)
-- check: not_null(meeting_id, instrument_id, body, status,
--   is_virtual, mode, is_remote, is_pairable)
-- check: relationship(meeting_id -> stg_synergy__meetings.meeting_id)
-- check: expression(is_pairable = (unpaired_reason is null))
-- check: expression(not is_pairable
--   or (start_date is not null and end_date is not null))

with

meetings as (
    select * from stg_synergy__meetings
),

checked as (
    select
        meeting_id,
        instrument_id,
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
        mode,
        is_remote_mode(mode) as is_remote,
        status,
        case
            when status = 'cancelled' then 'cancelled'
            when status = 'postponed' then 'postponed'
            when start_precision = 'month'
                then 'start known only to the month'
            when start_precision = 'year'
                then 'start known only to the year'
            when start_date is null then 'start date missing'
            when end_precision = 'month'
                then 'end known only to the month'
            when end_precision = 'year'
                then 'end known only to the year'
            when end_date is null then 'end date missing'
        end as unpaired_reason
    from meetings
),

final as (
    select
        meeting_id,
        instrument_id,
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
        mode,
        is_remote,
        status,
        unpaired_reason is null as is_pairable,
        unpaired_reason
    from checked
)

select * from final
