-- grain: one row per meeting × theme
-- description: The themes each meeting addresses, from the three places
--   DESIGN §3 names, each kept with its provenance: from_items (the tagger
--   found the theme in at least one agenda item: items_tagged of the
--   meeting's items_total distinct agenda items, an item counted once across
--   languages by item_number; item_share = items_tagged / items_total, NULL
--   when the meeting has no agenda items), from_flag (the meeting's
--   agenda_* flag is true: clearance, victim_assistance,
--   stockpile_destruction, cooperation_assistance, transparency) and
--   from_standing (the body's standing agenda, standing_agendas joined on
--   instrument_id and body; article is the standing agenda's article).
--   provenance joins the sources present in that order with '+'.
--   weight is the meeting's theme-vector component (docs/metrics.md): each
--   theme counts max(items_tagged, 1) items, since a theme asserted by flag
--   or standing agenda is on the agenda at least once even when the
--   (often partial) agenda text does not show it; the counts are then
--   L2-normalised per meeting, so sum(weight^2) = 1 for every meeting.
-- check: unique(meeting_id, theme)
-- check: not_null(meeting_id, theme, from_items, from_flag, from_standing,
--   provenance, items_tagged, items_total, weight)
-- check: relationship(meeting_id -> stg_synergy__meetings.meeting_id)
-- check: relationship(theme -> stg_synergy__themes.theme_id)
-- check: expression(from_items or from_flag or from_standing)
-- check: expression(from_items = (items_tagged > 0))
-- check: expression(items_tagged <= items_total)
-- check: expression((item_share is null) = (items_total = 0))
-- check: expression(item_share is null or item_share between 0 and 1)
-- check: expression(weight > 0 and weight <= 1)
-- check: expression(from_standing or article is null)

with

meetings as (
    select * from stg_synergy__meetings
),

agenda_items as (
    select * from stg_synergy__agenda_items
),

item_themes as (
    select * from stg_synergy__agenda_item_themes
),

standing_agendas as (
    select * from stg_synergy__standing_agendas
),

-- distinct agenda items per meeting, an item counted once across languages
meeting_items as (
    select
        meeting_id,
        count(distinct item_number) as items_total
    from agenda_items
    group by meeting_id
),

tagged as (
    select
        meeting_id,
        theme_id as theme,
        count(distinct item_number) as items_tagged
    from item_themes
    group by meeting_id, theme_id
),

flags as (
    select
        meeting_id,
        flag.theme
    from meetings,
        unnest([
            {'theme': 'clearance', 'is_set': agenda_clearance},
            {'theme': 'victim_assistance', 'is_set': agenda_victim_assistance},
            {'theme': 'stockpile_destruction', 'is_set': agenda_stockpile},
            {'theme': 'cooperation_assistance', 'is_set': agenda_cooperation},
            {'theme': 'transparency', 'is_set': agenda_transparency}
        ]) as flags_unnested (flag)
    where flag.is_set
),

standing as (
    select
        meetings.meeting_id,
        standing_agendas.theme,
        standing_agendas.article
    from meetings
    inner join standing_agendas
        on
            meetings.instrument_id = standing_agendas.instrument_id
            and meetings.body = standing_agendas.body
),

theme_keys as (
    select meeting_id, theme from tagged
    union
    select meeting_id, theme from flags
    union
    select meeting_id, theme from standing
),

combined as (
    select
        theme_keys.meeting_id,
        theme_keys.theme,
        tagged.meeting_id is not null as from_items,
        coalesce(tagged.items_tagged, 0) as items_tagged,
        coalesce(meeting_items.items_total, 0) as items_total,
        coalesce(tagged.items_tagged, 0)
        / nullif(meeting_items.items_total, 0) as item_share,
        flags.meeting_id is not null as from_flag,
        standing.meeting_id is not null as from_standing,
        standing.article
    from theme_keys
    left join tagged
        on
            theme_keys.meeting_id = tagged.meeting_id
            and theme_keys.theme = tagged.theme
    left join flags
        on
            theme_keys.meeting_id = flags.meeting_id
            and theme_keys.theme = flags.theme
    left join standing
        on
            theme_keys.meeting_id = standing.meeting_id
            and theme_keys.theme = standing.theme
    left join meeting_items
        on theme_keys.meeting_id = meeting_items.meeting_id
),

weighted as (
    select
        *,
        concat_ws(
            '+',
            case when from_items then 'items' end,
            case when from_flag then 'flag' end,
            case when from_standing then 'standing' end
        ) as provenance,
        greatest(items_tagged, 1)
        / sqrt(
            sum(greatest(items_tagged, 1) ^ 2) over (partition by meeting_id)
        ) as weight
    from combined
),

final as (
    select
        meeting_id,
        theme,
        from_items,
        items_tagged,
        items_total,
        item_share,
        from_flag,
        from_standing,
        provenance,
        article,
        weight
    from weighted
)

select * from final
