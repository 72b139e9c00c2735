-- grain: one row per meeting × theme
-- description: The published theme vector of every meeting (DESIGN §3): each
--   theme a meeting addresses, with where it comes from — from_items (the
--   tagger found it in items_tagged of the meeting's items_total agenda
--   items; item_share their ratio), from_flag (the meeting list's agenda_*
--   flag), from_standing (the body's standing agenda, with its article) —
--   and provenance joining them with '+'. weight is the theme-vector
--   component meeting_pairs.theme_similarity uses (docs/metrics.md);
--   in_vector is false for 'procedural' and 'implementation_support'.
-- partition: meeting = meeting_id
-- check: unique(meeting_id, theme)
-- check: not_null(meeting_id, instrument_id, theme, provenance, weight)
-- check: relationship(meeting_id -> stg_synergy__meetings.meeting_id)
-- check: relationship(theme -> stg_synergy__themes.theme_id)
-- check: expression(weight between 0 and 1)

with

meeting_themes as (
    select * from int_meeting_themes_combined
),

meetings as (
    select meeting_id, instrument_id from stg_synergy__meetings
),

final as (
    select
        meeting_themes.meeting_id,
        meetings.instrument_id,
        meeting_themes.* exclude (meeting_id)
    from meeting_themes
    inner join meetings on meeting_themes.meeting_id = meetings.meeting_id
)

select * from final
