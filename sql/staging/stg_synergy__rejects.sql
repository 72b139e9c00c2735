-- grain: one row per refused input row × field × reason (not enforced: a
--   reader may refuse the same row twice for the same reason)
-- description: Input rows the readers refused (table rejects), with the
--   source file, line, field and reason; line is renamed source_line as in
--   the other tables.
-- check: not_null(source_file, source_line, field, reason)
-- check: expression(source_line >= 0)

with

source as (
    select * from raw_rejects
),

renamed as (
    select
        cast(source_file as varchar) as source_file,
        cast(line as integer) as source_line,
        cast(field as varchar) as field,
        cast(reason as varchar) as reason,
        cast(raw as varchar) as raw_text
    from source
),

final as (
    select * from renamed
)

select * from final
