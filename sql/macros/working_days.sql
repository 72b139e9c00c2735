-- description: working_days(start_day, end_day) counts the working days
--   (Monday to Friday) from start_day to end_day, both included; 0 when
--   end_day is before start_day; NULL when either is NULL. Public holidays are
--   not skipped (DESIGN.md §4: "working days" skip Saturdays and Sundays).
--
-- Closed form: working_days_through(d) counts working days from Monday
-- 1969-12-29 up to d (negative before it), in whole weeks of 5 plus the days
-- of d's own week up to Friday; the floor keeps it right before 1969.
-- working_days(a, b) = working_days_through(b) - working_days_through(a - 1).
-- Examples: Fri 2024-11-15 .. Mon 2024-11-18 = 2;
-- Mon 2010-11-29 .. Fri 2010-12-03 = 5; Sat .. Sun = 0.

create or replace macro working_days_through(day) as (
    5 * cast(floor((day - date '1969-12-29') / 7) as bigint)
    + least(
        (day - date '1969-12-29')
        - 7 * cast(floor((day - date '1969-12-29') / 7) as bigint)
        + 1,
        5
    )
);

create or replace macro working_days(start_day, end_day) as (
    case
        when start_day is null or end_day is null then null
        when end_day < start_day then 0
        else working_days_through(end_day) - working_days_through(start_day - 1)
    end
);
