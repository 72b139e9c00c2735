-- grain: one row per instrument × article × theme
-- description: The legal map (table instrument_articles): which article of
--   which instrument creates an obligation under which theme; renames only.
-- check: unique(instrument_id, article, theme)
-- check: not_null(instrument_id, article, theme, obligation_kind)
-- check: relationship(instrument_id -> stg_synergy__instruments.instrument_id)
-- check: accepted_values(obligation_kind, 'state_obligation',
--   'shared_obligation', 'reporting', 'institutional')
-- check: accepted_values(theme, 'clearance', 'victim_assistance',
--   'stockpile_destruction', 'cooperation_assistance', 'transparency',
--   'compliance', 'national_implementation', 'universalization')

with

source as (
    select * from raw_instrument_articles
),

renamed as (
    select
        cast(instrument_id as varchar) as instrument_id,
        cast(article as varchar) as article,
        cast(theme as varchar) as theme,
        cast(obligation_kind as varchar) as obligation_kind,
        cast(summary as varchar) as summary,
        cast(source_url as varchar) as source_url
    from source
),

final as (
    select * from renamed
)

select * from final
