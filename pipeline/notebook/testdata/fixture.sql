-- A tiny snapshot for the golden tests: three instruments, their party counts.
create table instruments as
select * from (values
    ('APMBC', 'Anti-Personnel Mine Ban Convention', date '1999-03-01'),
    ('CCM', 'Convention on Cluster Munitions', date '2010-08-01'),
    ('ATT', 'Arms Trade Treaty', null)
) as t(instrument_id, short_name, entry_into_force_date);
create table party_counts as
select * from (values
    ('APMBC', 2024, 164.0, ['EST', 'LVA']),
    ('APMBC', 2025, 163.0, []::varchar[]),
    ('CCM', 2024, 112.0, ['LTU']),
    ('CCM', 2025, 111.0, []::varchar[]),
    ('ATT', 2025, 117.0, null)
) as t(instrument_id, year, in_force, withdrawals_notified);
