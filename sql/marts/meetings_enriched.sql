-- grain: one row per meeting
-- description: Every meeting with its instrument's names and family, its
--   length in working days and the instrument's party counts on its opening
--   day. length_working_days counts Monday to Friday from start to end, both
--   included (macro working_days), and is NULL unless both dates are known to
--   the day. parties_on_opening_day is party_counts.in_force on start_date
--   (States Parties for which the instrument was in force);
--   consented_on_opening_day is party_counts.consented (depositary-style
--   Parties). Both are NULL when the start is not known to the day. mode
--   (in_person, online, hybrid, written_procedure), mode_stated and
--   is_remote (online or by written procedure: attended without a journey)
--   say how it was held; status is as of the run's as-of day (manifest):
--   a meeting whose dates are past is never 'planned' ('unconfirmed' when no
--   source says it was held).
-- partition: meeting = meeting_id
-- check: unique(meeting_id)
-- check: not_null(meeting_id, instrument_id, body, status, mode, is_remote)
-- check: relationship(meeting_id -> stg_synergy__meetings.meeting_id)
-- check: relationship(instrument_id -> stg_synergy__instruments.instrument_id)
-- check: expression(length_working_days is null
--   or length_working_days between 0 and end_date - start_date + 1)
-- check: expression((length_working_days is null)
--   = (start_date is null or end_date is null))
-- check: expression((parties_on_opening_day is null) = (start_date is null))
-- check: expression((consented_on_opening_day is null) = (start_date is null))

with

meetings as (
    select * from stg_synergy__meetings
),

instruments as (
    select * from stg_synergy__instruments
),

opening_counts as (
    select
        instrument_id,
        count_date,
        in_force,
        consented
    from party_counts
    where date_kind = 'meeting_opening'
),

enriched as (
    select
        meetings.*,
        instruments.short_name as instrument_short_name,
        instruments.full_name as instrument_full_name,
        instruments.family as instrument_family,
        is_remote_mode(meetings.mode) as is_remote,
        case
            when
                meetings.start_precision = 'day'
                and meetings.end_precision = 'day'
                then working_days(meetings.start_date, meetings.end_date)
        end as length_working_days,
        opening_counts.in_force as parties_on_opening_day,
        opening_counts.consented as consented_on_opening_day
    from meetings
    left join instruments
        on meetings.instrument_id = instruments.instrument_id
    left join opening_counts
        on
            meetings.instrument_id = opening_counts.instrument_id
            and meetings.start_date = opening_counts.count_date
),

final as (
    select * from enriched
)

select * from final
