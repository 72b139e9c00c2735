-- rec9_trend: the membership Jaccard of every instrument pair in every year
-- up to $1, one row per pair × year, ordered by pair then year.
select instrument_a, instrument_b, same_family, year, membership_jaccard
from instrument_pair_synergy
where year <= $1
order by instrument_a, instrument_b, year
