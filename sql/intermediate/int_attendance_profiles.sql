-- grain: one row per year × profile_number
-- description: Attendance profiles: the Rec 8 meetings (int_meeting_scopes_listed,
--   theme_scope 'any') a state attends in a year (of their start dates),
--   those of every instrument it is party to on the meeting's opening day
--   (int_meeting_parties_listed). States that attend the same meetings in a
--   year share a profile, and their trips are the same in every scope (the
--   clearance and victim-assistance meetings are among the 'any' ones), so
--   int_profile_meetings_clustered groups meetings into trips once per
--   profile, not once per state (docs/performance.md, finding 3).
--   profile_number numbers the year's profiles in the order of their sorted
--   meeting_ids; state_ids lists the states that have the profile (sorted),
--   states counts them.
-- check: unique(year, profile_number)
-- check: not_null(year, profile_number, meeting_ids, state_ids, states)
-- check: expression(len(meeting_ids) >= 1)
-- check: expression(states = len(state_ids))

with

scoped_meetings as (
    select * from int_meeting_scopes_listed
),

meeting_parties as (
    select * from int_meeting_parties_listed
),

attended as (
    select
        meeting_parties.state_id,
        scoped_meetings.year,
        scoped_meetings.meeting_id
    from scoped_meetings
    inner join meeting_parties
        on scoped_meetings.meeting_id = meeting_parties.meeting_id
    where scoped_meetings.theme_scope = 'any'
),

state_years as (
    select
        state_id,
        year,
        list_sort(list(meeting_id)) as meeting_ids
    from attended
    group by state_id, year
),

profiles as (
    select
        year,
        meeting_ids,
        list_sort(list(state_id)) as state_ids,
        count(*) as states
    from state_years
    group by year, meeting_ids
),

final as (
    select
        year,
        row_number() over (partition by year order by meeting_ids)
            as profile_number,
        meeting_ids,
        state_ids,
        states
    from profiles
)

select * from final
