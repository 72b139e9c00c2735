-- grain: one row per unordered pair of meetings of different instruments
--   within the horizon
-- description: The range-join step of meeting_pairs, kept as a table of its
--   own: every pair of pairable meetings (int_meetings_dated: both dates
--   known to the day, not cancelled or postponed) of different instruments
--   where the later starts at most pair_horizon_days() (90) calendar days
--   after the earlier ends, overlaps included; a is the meeting that starts
--   first (ties: the smaller meeting_id). meeting_pairs adds the relation,
--   parties and themes. Why a separate statement: DuckDB 1.5 plans an
--   IEJoin only in a statement without any materialized CTE or common
--   subplan (it checks that no CTE is being planned), and otherwise falls
--   back to a piecewise merge join on one inequality, which is quadratic
--   here. So this query reads one join-free view, reads each CTE once, and
--   writes the two horizon inequalities first in the ON clause with the
--   tie-break last (STACK.md, "IEJoin trap"); TestMeetingPairsPlanIsARangeJoin
--   checks its plan.
-- partition: year = year(start_a)
-- check: unique(meeting_id_a, meeting_id_b)
-- check: not_null(meeting_id_a, meeting_id_b, instrument_a, instrument_b,
--   start_a, end_a, start_b, end_b, mode_a, mode_b)
-- check: relationship(meeting_id_a -> stg_synergy__meetings.meeting_id)
-- check: relationship(meeting_id_b -> stg_synergy__meetings.meeting_id)
-- check: expression(instrument_a <> instrument_b)
-- check: expression(start_a < start_b
--   or (start_a = start_b and meeting_id_a < meeting_id_b))
-- check: expression(start_b - end_a <= pair_horizon_days())

with

-- both CTEs are read twice through the self-join: not materialized, see the
-- description
meetings as not materialized (
    select * from int_meetings_dated
),

dated as not materialized (
    select
        meeting_id,
        instrument_id,
        body,
        start_date,
        end_date,
        city,
        mode,
        end_date + pair_horizon_days() as horizon_end
    from meetings
    where is_pairable
),

paired as (
    select
        earlier.meeting_id as meeting_id_a,
        later.meeting_id as meeting_id_b,
        earlier.instrument_id as instrument_a,
        earlier.body as body_a,
        earlier.start_date as start_a,
        earlier.end_date as end_a,
        earlier.city as city_a,
        earlier.mode as mode_a,
        later.instrument_id as instrument_b,
        later.body as body_b,
        later.start_date as start_b,
        later.end_date as end_b,
        later.city as city_b,
        later.mode as mode_b
    from dated as earlier
    inner join dated as later
        on
            later.start_date <= earlier.horizon_end
            and earlier.start_date <= later.horizon_end
            and earlier.instrument_id <> later.instrument_id
            and (
                earlier.start_date < later.start_date
                or (
                    earlier.start_date = later.start_date
                    and earlier.meeting_id < later.meeting_id
                )
            )
),

final as (
    select * from paired
)

select * from final
