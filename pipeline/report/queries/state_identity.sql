-- state_identity: the state $1 (an ISO 3166-1 alpha-3 code) as states gives
-- it: one row with its name, region and sub-region, or no row when the
-- snapshot has no such state.
select state_id, name, region, sub_region, source_url
from states
where state_id = $1
