-- grain: one row per meeting × language × item number × theme
-- description: Themes the tagger found in agenda items (table
--   agenda_item_themes), with the taxonomy term that matched; an item in
--   several languages may be tagged once per language. Renames only.
-- check: unique(meeting_id, lang, item_number, theme_id)
-- check: not_null(meeting_id, lang, item_number, theme_id)
-- check: relationship(meeting_id -> stg_synergy__meetings.meeting_id)
-- check: relationship(theme_id -> stg_synergy__themes.theme_id)
-- check: accepted_values(lang, 'ar', 'zh', 'en', 'fr', 'es', 'ru')

with

source as (
    select * from raw_agenda_item_themes
),

renamed as (
    select
        cast(meeting_id as varchar) as meeting_id,
        cast(item_number as varchar) as item_number,
        cast(lang as varchar) as lang,
        cast(theme_id as varchar) as theme_id,
        cast(term as varchar) as term
    from source
),

final as (
    select * from renamed
)

select * from final
