-- grain: one row per meeting × language × item number
-- description: Agenda items of meetings, one language per row (table
--   agenda_items); many agendas are partial reconstructions (is_partial).
--   Renames only.
-- check: unique(meeting_id, lang, item_number)
-- check: not_null(meeting_id, lang, item_number, title, is_partial)
-- check: relationship(meeting_id -> stg_synergy__meetings.meeting_id)
-- check: accepted_values(lang, 'ar', 'zh', 'en', 'fr', 'es', 'ru')

with

source as (
    select * from raw_agenda_items
),

renamed as (
    select
        cast(meeting_id as varchar) as meeting_id,
        cast(item_number as varchar) as item_number,
        cast(lang as varchar) as lang,
        cast(title as varchar) as title,
        cast(symbol as varchar) as symbol,
        cast(partial as boolean) as is_partial,
        cast(source_url as varchar) as source_url,
        cast(source_file as varchar) as source_file,
        cast(source_line as integer) as source_line
    from source
),

final as (
    select * from renamed
)

select * from final
