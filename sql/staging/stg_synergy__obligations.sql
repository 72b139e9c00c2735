-- grain: one row per state × instrument × article × obligation start
-- description: Treaty obligations of states (table obligations): a
--   deadline-bound clearance or stockpile-destruction duty, or a
--   responsibility for survivors, under the article that creates it.
--   deadline is the current deadline after extensions; extensions_text is
--   the source's account of each extension. A state may hold the same
--   article twice (Nigeria, APMBC Art. 5: completed 2011, new obligation
--   2019), told apart by start_date. Renames and casts only.
-- check: unique(state_id, instrument_id, article, start_date)
-- check: not_null(state_id, instrument_id, article, theme, status)
-- check: relationship(state_id -> stg_synergy__states.state_id)
-- check: relationship(instrument_id -> stg_synergy__instruments.instrument_id)
-- check: relationship(theme -> stg_synergy__themes.theme_id)
-- check: accepted_values(status, 'ongoing', 'completed', 'overdue')
-- check: expression(extensions_granted is null or extensions_granted >= 0)

with

source as (
    select * from raw_obligations
),

renamed as (
    select
        cast(state_id as varchar) as state_id,
        cast(instrument_id as varchar) as instrument_id,
        cast(article as varchar) as article,
        cast(theme as varchar) as theme,
        cast(start_date as date) as start_date,
        cast(original_deadline as date) as original_deadline,
        cast(deadline as date) as deadline,
        cast(extensions_granted as integer) as extensions_granted,
        cast(extensions as varchar) as extensions_text,
        cast(status as varchar) as status,
        cast(status_date as date) as status_date,
        cast(completed_date as date) as completed_date,
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
