-- quality_rejects: the rows the run rejected, one row per file × field ×
-- reason with their count (n) and line numbers.
select
    source_file, field, reason, count(*) as n,
    string_agg(cast(line as varchar), ', ' order by line) as lines
from rejects
group by all
order by source_file, field, reason
