-- names_states: every state's name in the language $1 ('fr' or 'es') as the UN's
-- M49 standard gives it (raw table states); a state without one is left out, so
-- the report keeps the data's English name.
select
    state_id,
    case $1 when 'fr' then name_fr when 'es' then name_es end as name,
from states
where case $1 when 'fr' then name_fr when 'es' then name_es end is not null
order by state_id
