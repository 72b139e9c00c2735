-- quality_discrepancies: one row counting the sources' disagreements (rule
-- other than 'filled'): the values, the fields they touch, and the fields a
-- later source updated.
select
    count(*) as n_values,
    count(distinct (entity, entity_key, field)) as n_fields,
    count(distinct (entity, entity_key, field))
        filter (where rule = 'update wins') as n_updates
from source_discrepancies
where rule <> 'filled'
