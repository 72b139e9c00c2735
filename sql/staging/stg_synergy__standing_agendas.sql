-- grain: one row per instrument × body × theme
-- description: The bodies' standing agendas (table standing_agendas): every
--   meeting of the body carries the theme under the article cited, by the
--   basis quoted (DESIGN §3: the standing-agenda defaults are data with a
--   source). Renames only.
-- check: unique(instrument_id, body, theme)
-- check: not_null(instrument_id, body, theme, article, source_url)
-- check: relationship(instrument_id -> stg_synergy__instruments.instrument_id)
-- check: relationship(theme -> stg_synergy__themes.theme_id)

with

source as (
    select * from raw_standing_agendas
),

renamed as (
    select
        cast(instrument_id as varchar) as instrument_id,
        cast(body as varchar) as body,
        cast(theme as varchar) as theme,
        cast(article as varchar) as article,
        cast(basis as varchar) as basis,
        cast(source_url as varchar) as source_url
    from source
),

final as (
    select * from renamed
)

select * from final
