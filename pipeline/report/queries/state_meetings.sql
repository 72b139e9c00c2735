-- state_meetings: the meetings of the years $2 to $3 of every instrument
-- state $1 was party to on the meeting's opening day (when only the month
-- or year of the meeting is known, party at some time in it), one row per
-- meeting in date order, with its title, dates (or the text of a date known
-- only to the month or year), city, online flag, status and source.
-- in_trips: the meeting is among the state's clearance and
-- victim-assistance meetings that state_year_burden counts in its trips;
-- mergeable: it is among that row's mergeable_meetings; half_year: 1 for
-- January-June, 2 for July-December, of its start.
with burden as (
    select
        year,
        meeting_ids,
        mergeable_meetings
    from state_year_burden
    where state_id = $1 and year between $2 and $3
),

spans as (
    select
        m.*,
        coalesce(
            m.start_date,
            case m.start_precision
                when 'month' then cast(m.start_text || '-01' as date)
                when 'year' then make_date(cast(m.start_text as integer), 1, 1)
            end
        ) as span_start,
        coalesce(
            m.start_date,
            case m.start_precision
                when 'month'
                    then last_day(cast(m.start_text || '-01' as date))
                when 'year'
                    then make_date(cast(m.start_text as integer), 12, 31)
            end
        ) as span_end
    from meetings_enriched as m
),

attended as (
    select distinct s.meeting_id
    from spans as s
    inner join participation as p
        on p.instrument_id = s.instrument_id and p.state_id = $1
    where year(s.span_start) between $2 and $3
        and p.entry_into_force_date <= s.span_end
        and coalesce(p.withdrawal_effective_date > s.span_start, true)
)

select
    s.meeting_id, s.title, s.instrument_id, s.body, s.start_date, s.end_date,
    s.start_precision, s.start_text, s.end_text, s.city, s.mode,
    s.status,
    coalesce(list_contains(b.meeting_ids, s.meeting_id), false) as in_trips,
    coalesce(list_contains(b.mergeable_meetings, s.meeting_id), false)
        as mergeable,
    case when month(s.span_start) <= 6 then 1 else 2 end as half_year,
    s.source_file, s.source_line, s.source_url
from spans as s
inner join attended using (meeting_id)
left join burden as b on b.year = year(s.span_start)
order by s.span_start, s.start_date nulls last, s.meeting_id
