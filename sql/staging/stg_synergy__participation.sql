-- grain: one row per state × instrument × spell
-- description: Participation spells (table participation): signature,
--   consent, entry into force and withdrawal of one state in one instrument;
--   re-joining after a withdrawal is a new spell. Renames and casts only.
-- check: unique(state_id, instrument_id, spell)
-- check: not_null(state_id, instrument_id, spell, is_entry_into_force_derived)
-- check: relationship(state_id -> stg_synergy__states.state_id)
-- check: relationship(instrument_id -> stg_synergy__instruments.instrument_id)
-- check: accepted_values(consent_kind, 'ratification', 'accession',
--   'succession', 'acceptance', 'approval', 'consent_to_be_bound',
--   'formal_confirmation')
-- check: accepted_values(withdrawal_status, 'notified', 'effective')
-- check: expression(spell >= 1)
-- check: expression(withdrawal_effective_date is null
--   or withdrawal_notified_date is null
--   or withdrawal_effective_date >= withdrawal_notified_date)

with

source as (
    select * from raw_participation
),

renamed as (
    select
        cast(state_id as varchar) as state_id,
        cast(instrument_id as varchar) as instrument_id,
        cast(spell as integer) as spell,
        cast(state_name_in_source as varchar) as state_name_in_source,
        cast(signature_date as date) as signature_date,
        cast(consent_date as date) as consent_date,
        cast(consent_kind as varchar) as consent_kind,
        cast(entry_into_force_date as date) as entry_into_force_date,
        cast(entry_into_force_derived as boolean)
            as is_entry_into_force_derived,
        cast(withdrawal_notified_date as date) as withdrawal_notified_date,
        cast(withdrawal_effective_date as date) as withdrawal_effective_date,
        cast(withdrawal_status as varchar) as withdrawal_status,
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
