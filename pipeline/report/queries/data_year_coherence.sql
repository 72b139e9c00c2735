-- data_year_coherence: year_coherence up to year $1, one row per year × theme,
-- every count the Rec 8 tables, charts and key figures use, by year and theme.
-- The coherence indices are NULL where nothing could have been gained.
select
    year, theme, meetings, pairs, clash_pairs, concurrent_pairs,
    back_to_back_pairs, same_city_window_pairs, separate_pairs,
    same_family_pairs, meetings_with_back_to_back_partner,
    share_with_back_to_back_partner, clash_shared_parties, clash_cost,
    state_meetings, state_remote_meetings, state_trips, state_trips_lower_bound,
    trips_saveable, coherence_index, state_trips_avoided_cross_family,
    coherence_index_cross_family
from year_coherence
where year <= $1
order by year, theme
