-- grain: one row per state × instrument × article × obligation start × year
-- description: The years in which each obligation (stg_synergy__obligations)
--   is held, among the years its instrument has a year-end count date
--   (int_count_dates_listed). An obligation is held in a year when it had
--   begun by 31 December (start_date; unknown counts as begun) and had not
--   ended before 1 January: status 'ongoing' or 'overdue', or its end
--   (completed_date, else the current deadline, else the original deadline)
--   on or after 1 January. is_low_confidence: the obligation row's
--   confidence is neither high nor medium (low, memory).
-- check: unique(state_id, instrument_id, article, start_date, year)
-- check: not_null(state_id, instrument_id, article, theme, year,
--   is_low_confidence)
-- check: relationship(state_id -> stg_synergy__states.state_id)
-- check: relationship(instrument_id -> stg_synergy__instruments.instrument_id)

with

obligations as (
    select * from stg_synergy__obligations
),

count_dates as (
    select * from int_count_dates_listed
),

instrument_years as (
    select
        instrument_id,
        year(count_date) as year,
        count_date as year_end
    from count_dates
    where date_kind = 'year_end'
),

held_obligations as (
    select
        obligations.state_id,
        obligations.instrument_id,
        obligations.article,
        obligations.start_date,
        obligations.theme,
        obligations.confidence not in ('high', 'medium') as is_low_confidence,
        instrument_years.year
    from obligations
    inner join instrument_years
        on obligations.instrument_id = instrument_years.instrument_id
    where
        coalesce(obligations.start_date <= instrument_years.year_end, true)
        and (
            obligations.status in ('ongoing', 'overdue')
            or coalesce(
                obligations.completed_date,
                obligations.deadline,
                obligations.original_deadline
            ) >= make_date(instrument_years.year, 1, 1)
        )
),

final as (
    select * from held_obligations
)

select * from final
