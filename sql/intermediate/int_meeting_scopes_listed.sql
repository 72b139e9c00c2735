-- grain: one row per meeting × theme_scope
-- description: The Rec 8 meetings (DESIGN §1: meetings on clearance and on
--   victim assistance) on the calendar: every pairable meeting
--   (int_meetings_dated.is_pairable) whose combined themes include clearance
--   or victim_assistance, once under theme_scope 'any', and again under
--   'clearance' and/or 'victim_assistance' for each of the two it addresses.
--   is_remote: held online or by written procedure (int_meetings_dated).
-- check: unique(meeting_id, theme_scope)
-- check: not_null(meeting_id, theme_scope, instrument_id, start_date,
--   end_date, year, is_remote)
-- check: accepted_values(theme_scope, 'any', 'clearance', 'victim_assistance')
-- check: relationship(meeting_id -> stg_synergy__meetings.meeting_id)

with

meetings as (
    select * from int_meetings_dated
),

meeting_themes as (
    select * from int_meeting_themes_combined
),

rec8_themes as (
    select
        meeting_id,
        theme
    from meeting_themes
    where theme in ('clearance', 'victim_assistance')
),

scopes as (
    select distinct
        meeting_id,
        'any' as theme_scope
    from rec8_themes
    union all
    select
        meeting_id,
        theme as theme_scope
    from rec8_themes
),

scoped as (
    select
        scopes.meeting_id,
        scopes.theme_scope,
        meetings.instrument_id,
        meetings.body,
        meetings.start_date,
        meetings.end_date,
        year(meetings.start_date) as year,
        meetings.city,
        meetings.is_remote
    from scopes
    inner join meetings
        on scopes.meeting_id = meetings.meeting_id
    where meetings.is_pairable
),

final as (
    select * from scoped
)

select * from final
