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
--   L2-normalised per meeting, so sum(weight^2) = 1 over a meeting's
--   vector themes. in_vector is false, and weight 0, for 'procedural' and
--   'implementation_support', which are on nearly every agenda
--   (docs/tagger.md).
-- check: unique(meeting_id, theme)
-- check: not_null(meeting_id, theme, from_items, from_flag, from_standing,
--   provenance, items_tagged, items_total, in_vector, weight)
-- check: relationship(meeting_id -> stg_synergy__meetings.meeting_id)
-- check: relationship(theme -> stg_synergy__themes.theme_id)
-- check: expression(from_items or from_flag or from_standing)
-- check: expression(from_items = (items_tagged > 0))
-- check: expression(items_tagged <= items_total)
-- check: expression((item_share is null) = (items_total = 0))
-- check: expression(item_share is null or item_share between 0 and 1)
-- check: expression(weight between 0 and 1)
-- check: expression((weight > 0) = in_vector)
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

-- one row per source asserting a theme, then one per meeting and theme
assertions as (
    select
        meeting_id,
        theme,
        items_tagged,
        true as from_items,
        false as from_flag,
        false as from_standing,
        null as article
    from tagged
    union all
    select
        meeting_id,
        theme,
        0 as items_tagged,
        false as from_items,
        true as from_flag,
        false as from_standing,
        null as article
    from flags
    union all
    select
        meeting_id,
        theme,
        0 as items_tagged,
        false as from_items,
        false as from_flag,
        true as from_standing,
        article
    from standing
),

asserted as (
    select
        meeting_id,
        theme,
        max(items_tagged) as items_tagged,
        bool_or(from_items) as from_items,
        bool_or(from_flag) as from_flag,
        bool_or(from_standing) as from_standing,
        max(article) as article
    from assertions
    group by meeting_id, theme
),

combined as (
    select
        asserted.meeting_id,
        asserted.theme,
        asserted.from_items,
        asserted.items_tagged,
        coalesce(meeting_items.items_total, 0) as items_total,
        asserted.items_tagged
        / nullif(meeting_items.items_total, 0) as item_share,
        asserted.from_flag,
        asserted.from_standing,
        asserted.article
    from asserted
    left join meeting_items
        on asserted.meeting_id = meeting_items.meeting_id
),

-- procedural and implementation_support items (opening, elections, ISU
-- budget …) are on every agenda: kept as rows, left out of the vector
-- (docs/tagger.md), or every pair of meetings would look alike
vector_counts as (
    select
        *,
        theme not in ('procedural', 'implementation_support') as in_vector,
        case
            when theme not in ('procedural', 'implementation_support')
                then greatest(items_tagged, 1)
            else 0
        end as vector_count
    from combined
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
        coalesce(
            vector_count
            / nullif(
                sqrt(sum(vector_count ^ 2) over (partition by meeting_id)), 0
            ),
            0
        ) as weight
    from vector_counts
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
        in_vector,
        weight
    from weighted
)

select * from final
