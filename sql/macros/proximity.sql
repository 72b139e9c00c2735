-- description: proximity(gap_working_days) is the discount applied to a
--   meeting pair's coherence for the working days between the end of the
--   earlier meeting and the start of the later (DESIGN §4): 1 for a gap of
--   at most 1 (back to back; a negative gap, overlapping dates, also gives
--   1), else 0.5^((gap - 1) / 5), halving every 5 working days beyond back to
--   back (proximity(6) = 0.5, proximity(11) = 0.25); in (0, 1]. meeting_pairs
--   scores it only for back_to_back and same_city_window pairs;
--   TestProximityMacro checks it against cited values.

create or replace macro proximity(gap_working_days) as (
    case
        when gap_working_days <= 1 then 1.0
        else 0.5 ^ ((gap_working_days - 1) / 5.0)
    end
);
