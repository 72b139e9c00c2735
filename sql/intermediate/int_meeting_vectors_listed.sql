-- grain: one row per meeting with at least one vector theme
-- description: Each meeting's theme vector as two aligned lists: themes, the
--   vector themes of int_meeting_themes_combined (in_vector: procedural and
--   implementation_support left out) in alphabetical order, and weights,
--   their weights in the same order. meeting_pairs aligns a pair's two
--   vectors on the union of their theme lists, per pair and in memory, so no
--   pair is ever joined to the themes of its meetings.
-- check: unique(meeting_id)
-- check: not_null(meeting_id, themes, weights)
-- check: relationship(meeting_id -> stg_synergy__meetings.meeting_id)
-- check: expression(len(themes) >= 1)
-- check: expression(len(weights) = len(themes))
-- check: expression(themes = list_sort(list_distinct(themes)))

with

meeting_themes as (
    select * from int_meeting_themes_combined
),

vector_themes as (
    select * from meeting_themes where in_vector
),

sorted_themes as (
    select
        meeting_id,
        list_sort(list({'theme': theme, 'weight': weight})) as sorted
    from vector_themes
    group by meeting_id
),

final as (
    select
        meeting_id,
        list_transform(sorted, t -> t.theme) as themes,
        list_transform(sorted, t -> t.weight) as weights
    from sorted_themes
)

select * from final
