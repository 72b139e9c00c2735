-- grain: one row per unordered pair of instruments × year
-- description: Rec 9 (DESIGN §4): per pair of instruments (instrument_a <
--   instrument_b) and year, on 31 December, for every year both instruments
--   have a year-end count date (int_instrument_pairs_listed) and at least
--   one has a party. parties_a, parties_b: states for which the instrument
--   was in force that day (int_instrument_year_parties_listed);
--   parties_both (int_instrument_pair_parties_shared), parties_either;
--   membership_jaccard = both / either; containment_a_in_b = both /
--   parties_a and containment_b_in_a = both / parties_b (NULL when the
--   divisor is 0). states_same_theme_obligations, shared_obligations: the
--   states party to both that hold, that year, an obligation under the same
--   theme in each instrument (int_instrument_pair_obligations_shared, from
--   int_obligations_held). obligation_share =
--   states_same_theme_obligations / parties_both; NULL when parties_both is
--   0 or when the obligations data hold no row of high or medium confidence
--   for one of the two instruments (obligations_covered false: no data, or
--   a few rows of low confidence, is not a zero share).
--   agenda_theme_cosine: the cosine of the two instruments' agenda theme
--   profiles that year (int_instrument_pair_agendas_compared, from
--   int_agenda_profiles_summed); NULL when either held no meeting with a
--   vector theme. synergy_potential: the arithmetic mean of the components
--   that are not NULL among membership_jaccard, obligation_share and
--   agenda_theme_cosine (synergy_components says how many); every component
--   has its own column so analysts can re-weight (docs/metrics.md).
--   evidence lists the components the score rests on, in the order
--   'membership' (always), 'agendas' (agenda_theme_cosine not NULL),
--   'obligations' (obligation_share not NULL); evidence_count = its length
--   (= synergy_components), so "evidence first, same family apart" is
--   order by same_family, evidence_count desc, synergy_potential desc.
--   states_low_confidence_obligations: of states_same_theme_obligations,
--   those whose shared entries all rest on an obligation row of low
--   confidence (shared_obligations marks each entry low_confidence);
--   obligations_low_confidence_only: there are shared obligations and all
--   rest so. Shared obligations without obligations_covered are always
--   low-confidence only, so "obligations data: no" beside a shared row
--   never contradicts it once the row is labelled.
-- partition: year = year
-- check: unique(instrument_a, instrument_b, year)
-- check: not_null(instrument_a, instrument_b, year, year_end, parties_a,
--   parties_b, parties_both, parties_either, membership_jaccard, same_family,
--   states_same_theme_obligations, shared_obligations, obligations_covered,
--   states_low_confidence_obligations, obligations_low_confidence_only,
--   synergy_potential, synergy_components, evidence, evidence_count)
-- check: relationship(instrument_a -> stg_synergy__instruments.instrument_id)
-- check: relationship(instrument_b -> stg_synergy__instruments.instrument_id)
-- check: expression(instrument_a < instrument_b)
-- check: expression(parties_either > 0)
-- check: expression(parties_both <= least(parties_a, parties_b))
-- check: expression(parties_either = parties_a + parties_b - parties_both)
-- check: expression(membership_jaccard between 0 and 1)
-- check: expression(containment_a_in_b is null
--   or containment_a_in_b between 0 and 1)
-- check: expression(containment_b_in_a is null
--   or containment_b_in_a between 0 and 1)
-- check: expression(states_same_theme_obligations <= parties_both)
-- check: expression(len(shared_obligations) >= states_same_theme_obligations)
-- check: expression(obligation_share is null
--   or obligation_share between 0 and 1)
-- check: expression(agenda_theme_cosine is null
--   or agenda_theme_cosine between 0 and 1)
-- check: expression(synergy_potential between 0 and 1)
-- check: expression(synergy_components = 1
--   + cast(obligation_share is not null as integer)
--   + cast(agenda_theme_cosine is not null as integer))
-- check: expression(evidence_count = synergy_components
--   and evidence_count = len(evidence))
-- check: expression(list_contains(evidence, 'obligations')
--   = (obligation_share is not null))
-- check: expression(list_contains(evidence, 'agendas')
--   = (agenda_theme_cosine is not null))
-- check: expression(states_low_confidence_obligations
--   between 0 and states_same_theme_obligations)
-- check: expression(obligations_low_confidence_only
--   = (states_same_theme_obligations > 0
--   and states_low_confidence_obligations = states_same_theme_obligations))
-- check: expression(obligations_covered or states_same_theme_obligations = 0
--   or obligations_low_confidence_only)

with

instrument_pairs as (
    select * from int_instrument_pairs_listed
),

year_parties as (
    select * from int_instrument_year_parties_listed
),

common_parties as (
    select * from int_instrument_pair_parties_shared
),

shared_obligation_lists as (
    select * from int_instrument_pair_obligations_shared
),

agenda_cosines as (
    select * from int_instrument_pair_agendas_compared
),

obligations as (
    select * from stg_synergy__obligations
),

party_sizes as (
    select
        instrument_id,
        year,
        count(*) as parties
    from year_parties
    group by instrument_id, year
),

common_party_counts as (
    select
        instrument_a,
        instrument_b,
        year,
        count(*) as parties_both
    from common_parties
    group by instrument_a, instrument_b, year
),

-- an instrument whose only rows are of low confidence or from memory (two
-- Protocol V rows today) is not covered: its near-empty data would read as a
-- share close to zero
covered_instruments as (
    select distinct instrument_id
    from obligations
    where confidence in ('high', 'medium')
),

measured as (
    select
        instrument_pairs.instrument_a,
        instrument_pairs.instrument_b,
        instrument_pairs.year,
        instrument_pairs.year_end,
        coalesce(sizes_a.parties, 0) as parties_a,
        coalesce(sizes_b.parties, 0) as parties_b,
        coalesce(common_party_counts.parties_both, 0) as parties_both,
        instrument_pairs.same_family,
        coalesce(shared_obligation_lists.states_same_theme_obligations, 0)
            as states_same_theme_obligations,
        coalesce(
            shared_obligation_lists.shared_obligations,
            []
        ) as shared_obligations,
        coalesce(shared_obligation_lists.states_low_confidence_only, 0)
            as states_low_confidence_obligations,
        covered_a.instrument_id is not null
        and covered_b.instrument_id is not null as obligations_covered,
        agenda_cosines.agenda_theme_cosine
    from instrument_pairs
    left join party_sizes as sizes_a
        on
            instrument_pairs.instrument_a = sizes_a.instrument_id
            and instrument_pairs.year = sizes_a.year
    left join party_sizes as sizes_b
        on
            instrument_pairs.instrument_b = sizes_b.instrument_id
            and instrument_pairs.year = sizes_b.year
    left join common_party_counts
        on
            instrument_pairs.instrument_a = common_party_counts.instrument_a
            and instrument_pairs.instrument_b = common_party_counts.instrument_b
            and instrument_pairs.year = common_party_counts.year
    left join shared_obligation_lists
        on
            instrument_pairs.instrument_a = shared_obligation_lists.instrument_a
            and instrument_pairs.instrument_b
            = shared_obligation_lists.instrument_b
            and instrument_pairs.year = shared_obligation_lists.year
    left join covered_instruments as covered_a
        on instrument_pairs.instrument_a = covered_a.instrument_id
    left join covered_instruments as covered_b
        on instrument_pairs.instrument_b = covered_b.instrument_id
    left join agenda_cosines
        on
            instrument_pairs.instrument_a = agenda_cosines.instrument_a
            and instrument_pairs.instrument_b = agenda_cosines.instrument_b
            and instrument_pairs.year = agenda_cosines.year
),

components as (
    select
        *,
        parties_a + parties_b - parties_both as parties_either,
        jaccard_index(parties_both, parties_a, parties_b)
            as membership_jaccard,
        containment(parties_both, parties_a) as containment_a_in_b,
        containment(parties_both, parties_b) as containment_b_in_a,
        case
            when obligations_covered
                then states_same_theme_obligations / nullif(parties_both, 0)
        end as obligation_share
    from measured
    where parties_a + parties_b - parties_both > 0
),

final as (
    select
        instrument_a,
        instrument_b,
        year,
        year_end,
        same_family,
        parties_a,
        parties_b,
        parties_both,
        parties_either,
        membership_jaccard,
        containment_a_in_b,
        containment_b_in_a,
        obligations_covered,
        states_same_theme_obligations,
        shared_obligations,
        states_low_confidence_obligations,
        states_same_theme_obligations > 0
        and states_low_confidence_obligations = states_same_theme_obligations
            as obligations_low_confidence_only,
        obligation_share,
        agenda_theme_cosine,
        (
            membership_jaccard
            + coalesce(obligation_share, 0)
            + coalesce(agenda_theme_cosine, 0)
        )
        / (
            1
            + cast(obligation_share is not null as integer)
            + cast(agenda_theme_cosine is not null as integer)
        ) as synergy_potential,
        1
        + cast(obligation_share is not null as integer)
        + cast(agenda_theme_cosine is not null as integer) as synergy_components,
        list_concat(
            ['membership'],
            case when agenda_theme_cosine is not null then ['agendas'] else [] end,
            case when obligation_share is not null then ['obligations'] else [] end
        ) as evidence,
        1
        + cast(agenda_theme_cosine is not null as integer)
        + cast(obligation_share is not null as integer) as evidence_count
    from components
)

select * from final
