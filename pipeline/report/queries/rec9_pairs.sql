-- rec9_pairs: every instrument pair of year $1 with each component of its
-- synergy potential, one row per pair, highest synergy potential first.
select
    instrument_a, instrument_b, same_family, parties_a, parties_b,
    parties_both, parties_either, membership_jaccard, containment_a_in_b,
    containment_b_in_a, obligations_covered, states_same_theme_obligations,
    obligation_share, agenda_theme_cosine, synergy_potential,
    synergy_components
from instrument_pair_synergy
where year = $1
order by synergy_potential desc, instrument_a, instrument_b
