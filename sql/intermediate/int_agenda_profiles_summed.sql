-- grain: one row per instrument × year × theme
-- description: Each instrument's agenda theme profile per year: weight is
--   the sum of int_meeting_themes_combined weights of a vector theme
--   (in_vector) over the instrument's meetings (int_meetings_dated) starting
--   that year, not cancelled or postponed, summed in meeting_id order so the
--   float sum is the same on every run. Years without such a meeting have
--   no row.
-- check: unique(instrument_id, year, theme)
-- check: not_null(instrument_id, year, theme, weight)
-- check: relationship(instrument_id -> stg_synergy__instruments.instrument_id)
-- check: relationship(theme -> stg_synergy__themes.theme_id)
-- check: expression(weight >= 0)

with

meetings as (
    select * from int_meetings_dated
),

meeting_themes as (
    select * from int_meeting_themes_combined
),

agenda_profiles as (
    select
        meetings.instrument_id,
        year(meetings.start_date) as year,
        meeting_themes.theme,
        sum(meeting_themes.weight order by meetings.meeting_id) as weight
    from meetings
    inner join meeting_themes
        on meetings.meeting_id = meeting_themes.meeting_id
    where
        meetings.start_date is not null
        and meetings.status not in ('cancelled', 'postponed')
        and meeting_themes.in_vector
    group by meetings.instrument_id, year(meetings.start_date),
        meeting_themes.theme
),

final as (
    select * from agenda_profiles
)

select * from final
