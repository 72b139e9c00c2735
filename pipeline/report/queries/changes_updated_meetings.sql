-- changes_updated_meetings: the fields of the meetings of the years $1 to $2
-- that a later source updated ('update wins'), one row per meeting × field:
-- the values replaced (before), the value used (after) and every source line.
-- A meeting's year is its start date's, else the year its start_text gives,
-- so meetings dated only to the month or year still belong to a year.
with m as (
    select meeting_id from meetings_enriched
    where
        coalesce(year(start_date), try_cast(left(start_text, 4) as integer))
        between $1 and $2
)

select
    d.entity_key, d.field,
    string_agg(d.value, ' ; ' order by d.source_file, d.source_line)
        filter (where not d.used) as before,
    any_value(d.used_value) as after,
    string_agg(
        d.source_file || ':' || d.source_line, ' ; '
        order by d.source_file, d.source_line
    ) as sources
from source_discrepancies as d
inner join m on m.meeting_id = d.entity_key
where d.entity = 'meeting' and d.rule = 'update wins'
group by d.entity_key, d.field
order by d.entity_key, d.field
