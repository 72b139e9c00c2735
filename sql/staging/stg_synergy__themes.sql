-- grain: one row per theme
-- description: The theme taxonomy (table themes): clearance,
--   victim_assistance, stockpile_destruction … with an English label and a
--   description. Renames only.
-- check: unique(theme_id)
-- check: not_null(theme_id, theme_label)

with

source as (
    select * from raw_themes
),

renamed as (
    select
        cast(theme_id as varchar) as theme_id,
        cast(label as varchar) as theme_label,
        cast(description as varchar) as description,
        cast(source_url as varchar) as source_url
    from source
),

final as (
    select * from renamed
)

select * from final
