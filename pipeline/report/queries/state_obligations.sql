-- state_obligations: the treaty obligations of state $1 (table obligations),
-- one row per instrument × article × start, with the original and current
-- deadlines, extensions, status and its date, completion, confidence and
-- source; earliest current deadline first, open-ended ones last.
select
    instrument_id, article, theme, start_date, original_deadline, deadline,
    extensions_granted, status, status_date, completed_date, confidence,
    source_file, source_line, source_url
from obligations
where state_id = $1
order by deadline nulls last, instrument_id, article, start_date
