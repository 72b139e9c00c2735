-- description: coherence_index(meetings, trips, lower_bound) is the
--   delegation coherence index of DESIGN §4 from counts summed over the
--   entries (states, or state-years): (meetings - trips) / (meetings -
--   lower_bound), a ratio of sums, never an average of per-entry ratios.
--   meetings are the meetings travelled to (remote meetings left out by the
--   caller). NULL when the denominator is 0: nothing could have been
--   gained, so there is nothing to score (the earlier rule, 1 there, made
--   years with one meeting per city look perfect). Not clamped: a trip that
--   straddles the half-year boundary counts once in trips and twice in the
--   lower bound, and can push it above 1. state_year_burden (per state and
--   year) and year_coherence (summed over states) use it;
--   TestCoherenceIndexMacro checks it against cited values.

create or replace macro coherence_index(meetings, trips, lower_bound) as (
    (meetings - trips) / nullif(meetings - lower_bound, 0)
);
