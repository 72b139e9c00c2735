-- grain: one row per instrument
-- description: Treaties and protocols (table instruments), typed; renames
--   only. Protocols are instruments of their own, linked to their framework
--   by parent_instrument_id. Names and acronyms in French and Spanish are
--   NULL where no source gives them.
-- check: unique(instrument_id)
-- check: not_null(instrument_id, short_name, full_name, family)
-- check: relationship(parent_instrument_id -> stg_synergy__instruments.instrument_id)
-- check: expression(entry_into_force_date is null or adopted_date is null
--   or entry_into_force_date >= adopted_date)

with

source as (
    select * from raw_instruments
),

renamed as (
    select
        cast(instrument_id as varchar) as instrument_id,
        cast(short_name as varchar) as short_name,
        cast(full_name as varchar) as full_name,
        cast(family as varchar) as family,
        cast(parent_instrument_id as varchar) as parent_instrument_id,
        cast(adopted_date as date) as adopted_date,
        cast(entry_into_force_date as date) as entry_into_force_date,
        cast(depositary as varchar) as depositary,
        cast(untc_id as varchar) as untc_id,
        cast(eif_rule as varchar) as eif_rule,
        cast(source_url as varchar) as source_url,
        cast(short_name_fr as varchar) as short_name_fr,
        cast(short_name_es as varchar) as short_name_es,
        cast(full_name_fr as varchar) as full_name_fr,
        cast(full_name_es as varchar) as full_name_es,
        cast(acronym_fr as varchar) as acronym_fr,
        cast(acronym_es as varchar) as acronym_es,
        cast(names_fr_es_source_url as varchar) as names_fr_es_source_url
    from source
),

final as (
    select * from renamed
)

select * from final
