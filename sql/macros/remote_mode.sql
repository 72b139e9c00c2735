-- description: is_remote_mode(mode) is true for a meeting mode that needs no
--   journey: 'online' and 'written_procedure' (DESIGN §4: meetings a
--   delegation attends but never trips). A 'hybrid' meeting has an
--   in-person part and counts as a journey. Used by int_meetings_dated and,
--   through it, by the trip counts and meeting_pairs' relations.

create or replace macro is_remote_mode(mode) as (
    mode in ('online', 'written_procedure')
);
