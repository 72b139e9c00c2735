-- grain: one row per meeting
-- description: Formal meetings of the instruments' bodies (table meetings).
--   start_date and end_date are set only when the source gives the day;
--   otherwise they are NULL and the precision and *_text columns say what the
--   source gave. mode: in_person, online, hybrid or written_procedure, as
--   the sources state it (mode_stated) or, when they say nothing, in_person.
--   status: held, planned, unconfirmed (dates past on the run's as-of
--   day, and no source says it was held), postponed, cancelled. Renames and casts only.
-- check: unique(meeting_id)
-- check: not_null(meeting_id, instrument_id, body, status, start_precision,
--   end_precision, is_virtual, mode, mode_stated)
-- check: relationship(instrument_id -> stg_synergy__instruments.instrument_id)
-- check: relationship(country_id -> stg_synergy__states.state_id)
-- check: accepted_values(status, 'held', 'planned', 'unconfirmed', 'postponed',
--   'cancelled')
-- check: accepted_values(mode, 'in_person', 'online', 'hybrid',
--   'written_procedure')
-- check: expression(is_virtual = (mode = 'online'))
-- check: expression(mode_stated or mode = 'in_person')
-- check: accepted_values(start_precision, 'day', 'month', 'year', 'missing')
-- check: accepted_values(end_precision, 'day', 'month', 'year', 'missing')
-- check: expression(start_date is null or start_precision = 'day')
-- check: expression(end_date is null or end_precision = 'day')
-- check: expression(start_date is null or end_date is null
--   or end_date >= start_date)

with

source as (
    select * from raw_meetings
),

renamed as (
    select
        cast(meeting_id as varchar) as meeting_id,
        cast(instrument_id as varchar) as instrument_id,
        cast(body as varchar) as body,
        cast(code as varchar) as code,
        cast(title as varchar) as title,
        cast(start_date as date) as start_date,
        cast(end_date as date) as end_date,
        cast(start_precision as varchar) as start_precision,
        cast(end_precision as varchar) as end_precision,
        cast(start_text as varchar) as start_text,
        cast(end_text as varchar) as end_text,
        cast(city as varchar) as city,
        cast(country_id as varchar) as country_id,
        cast(venue as varchar) as venue,
        cast(virtual as boolean) as is_virtual,
        cast(mode as varchar) as mode,
        cast(mode_stated as boolean) as mode_stated,
        cast(status as varchar) as status,
        cast(president as varchar) as president,
        cast(agenda_clearance as boolean) as agenda_clearance,
        cast(agenda_victim_assistance as boolean) as agenda_victim_assistance,
        cast(agenda_stockpile as boolean) as agenda_stockpile,
        cast(agenda_cooperation as boolean) as agenda_cooperation,
        cast(agenda_transparency as boolean) as agenda_transparency,
        cast(source_url as varchar) as source_url,
        cast(confidence as varchar) as confidence,
        cast(source_file as varchar) as source_file,
        cast(source_line as integer) as source_line
    from source
),

final as (
    select * from renamed
)

select * from final
