-- grain: one row per meeting left out of meeting_pairs
-- description: The meetings meeting_pairs and the Rec 8 marts leave out
--   (int_meetings_dated.is_pairable false), with the reason: 'cancelled',
--   'postponed', 'start known only to the month' / 'to the year',
--   'start date missing', 'end known only to the month' / 'to the year',
--   'end date missing' (first failing rule). start_text and end_text are
--   what the source gave.
-- partition: meeting = meeting_id
-- check: unique(meeting_id)
-- check: not_null(meeting_id, instrument_id, body, status, reason)
-- check: relationship(meeting_id -> stg_synergy__meetings.meeting_id)
-- check: accepted_values(reason, 'cancelled', 'postponed',
--   'start known only to the month', 'start known only to the year',
--   'start date missing', 'end known only to the month',
--   'end known only to the year', 'end date missing')

with

meetings as (
    select * from int_meetings_dated
),

unpaired as (
    select
        meeting_id,
        instrument_id,
        body,
        status,
        start_precision,
        start_text,
        end_precision,
        end_text,
        city,
        unpaired_reason as reason
    from meetings
    where not is_pairable
),

final as (
    select * from unpaired
)

select * from final
