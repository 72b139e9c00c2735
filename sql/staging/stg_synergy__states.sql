-- grain: one row per state
-- description: States seen in any source (table states), keyed by ISO 3166-1
--   alpha-3 code, with the UN M49 code and region and the UN's French and
--   Spanish short names (NULL where no source gives them); renames only.
-- check: unique(state_id)
-- check: not_null(state_id, state_name)

with

source as (
    select * from raw_states
),

renamed as (
    select
        cast(state_id as varchar) as state_id,
        cast(name as varchar) as state_name,
        cast(m49_code as varchar) as m49_code,
        cast(region as varchar) as region,
        cast(sub_region as varchar) as sub_region,
        cast(source_url as varchar) as source_url,
        cast(name_fr as varchar) as state_name_fr,
        cast(name_es as varchar) as state_name_es,
        cast(name_fr_es_source_url as varchar) as state_name_fr_es_source_url
    from source
),

final as (
    select * from renamed
)

select * from final
