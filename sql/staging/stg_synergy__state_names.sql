-- grain: one row per spelling of a state name
-- description: Spellings of state names seen in the sources and the state
--   each one means (table state_names); renames only.
-- check: unique(state_name)
-- check: not_null(state_name, state_id)
-- check: relationship(state_id -> stg_synergy__states.state_id)

with

source as (
    select * from raw_state_names
),

renamed as (
    select
        cast(name as varchar) as state_name,
        cast(state_id as varchar) as state_id,
        cast(note as varchar) as note,
        cast(source_url as varchar) as source_url
    from source
),

final as (
    select * from renamed
)

select * from final
