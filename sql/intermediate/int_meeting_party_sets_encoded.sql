-- grain: one row per meeting with at least one party on its opening day
-- description: The parties of each meeting (int_meeting_parties_listed) as
--   one set: parties counts them, party_set holds them as a bitstring over
--   the states (bit n = the state numbered n in state_id order, from 1).
--   meeting_pairs counts a pair's shared parties as bit_count(party_set_a &
--   party_set_b), a constant cost per pair. 1024 bits bound the states: a
--   state numbered above that stops the build with an out-of-range error, it
--   is never dropped.
-- check: unique(meeting_id)
-- check: not_null(meeting_id, parties, party_set)
-- check: relationship(meeting_id -> stg_synergy__meetings.meeting_id)
-- check: expression(parties >= 1)
-- check: expression(bit_count(party_set) = parties)

with

meeting_parties as (
    select * from int_meeting_parties_listed
),

states as (
    select * from stg_synergy__states
),

state_numbers as (
    select
        state_id,
        row_number() over (order by state_id) as state_number
    from states
),

party_sets as (
    select
        meeting_parties.meeting_id,
        count(*) as parties,
        bitstring_agg(cast(state_numbers.state_number as integer), 1, 1024)
            as party_set
    from meeting_parties
    inner join state_numbers
        on meeting_parties.state_id = state_numbers.state_id
    group by meeting_parties.meeting_id
),

final as (
    select * from party_sets
)

select * from final
