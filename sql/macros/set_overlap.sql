-- description: The overlap of two sets given by their sizes and the size of
--   their intersection (DESIGN §4), for party sets: jaccard_index(shared,
--   size_a, size_b) = |A ∩ B| / |A ∪ B| = shared / (size_a + size_b -
--   shared), in [0, 1], NULL when the union is empty (J(∅, ∅) is
--   undefined); containment(shared, size) = |A ∩ B| / |A|, the share of A
--   that is also in B (1 when A ⊆ B), NULL when A is empty. Both divide
--   integers to a DOUBLE. meeting_pairs (jaccard) and instrument_pair_synergy
--   (membership_jaccard, containment_a_in_b, containment_b_in_a) use them;
--   TestSetOverlapMacros checks them against cited values.

create or replace macro jaccard_index(shared, size_a, size_b) as (
    shared / nullif(size_a + size_b - shared, 0)
);

create or replace macro containment(shared, size) as (
    shared / nullif(size, 0)
);
