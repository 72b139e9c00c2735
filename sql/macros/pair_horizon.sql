-- description: pair_horizon_days() is the horizon of meeting_pairs: two
--   meetings of different instruments pair when the later one starts at most
--   this many calendar days after the earlier one ends (DESIGN §4, default
--   90). Set once here; meeting_pairs and its checks read it.

create or replace macro pair_horizon_days() as 90;
