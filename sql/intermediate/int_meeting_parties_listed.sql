-- grain: one row per meeting × state
-- description: The parties of each meeting's instrument on the meeting's own
--   opening day, P(i, s) in DESIGN §4: states for which the instrument was in
--   force that day (in_force_from <= start_date < in_force_until, spells of
--   int_participation_spells; a notified withdrawal not yet in effect keeps
--   the state a party). A state counts once: its spells never overlap
--   (int_participation_spells checks it), so no group-by is needed.
--   Only meetings whose start is known to the day; the count per meeting
--   equals meetings_enriched.parties_on_opening_day.
-- check: unique(meeting_id, state_id)
-- check: not_null(meeting_id, state_id, instrument_id, start_date)
-- check: relationship(meeting_id -> stg_synergy__meetings.meeting_id)
-- check: relationship(state_id -> stg_synergy__states.state_id)

with

meetings as (
    select * from stg_synergy__meetings
),

spells as (
    select * from int_participation_spells
),

parties as (
    select
        meetings.meeting_id,
        spells.state_id,
        meetings.instrument_id,
        meetings.start_date
    from meetings
    inner join spells
        on
            meetings.instrument_id = spells.instrument_id
            and spells.in_force_from <= meetings.start_date
            and meetings.start_date
            < coalesce(spells.in_force_until, date '9999-12-31')
    where meetings.start_date is not null
),

final as (
    select * from parties
)

select * from final
