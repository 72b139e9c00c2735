-- names_bodies: the name of each instrument's meeting body in the language $1
-- ('fr' or 'es') from the bodies' official documents (raw table
-- meeting_body_names); a body without one is left out.
select instrument_id, body, name,
from meeting_body_names
where lang = $1
order by instrument_id, body
