-- names_instruments: each instrument's label in the language $1 ('fr' or 'es'),
-- the acronym its texts and the UN use in that language, and its short name in
-- that language (raw table instruments, from datasets/instrument_names.csv);
-- either is NULL where the data hold none, and the report keeps the id or the
-- English name.
select
    instrument_id,
    case $1 when 'fr' then acronym_fr when 'es' then acronym_es end as label,
    case $1 when 'fr' then short_name_fr when 'es' then short_name_es end
        as short_name,
from instruments
order by instrument_id
