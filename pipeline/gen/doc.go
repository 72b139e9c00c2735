// Package gen writes a synthetic datasets folder of the real data's shape, for
// benchmarks: the same files and formats as datasets/ (sources.json, the catalogue
// CSVs, membership/*.csv, meetings/meetings*.csv, meetings/agendas/*.txt,
// obligations/obligations.csv), so `synergy run --datasets DIR` ingests it unchanged.
//
// # What scales
//
// The readers accept only the seven instruments (treaty.ID)
// and states must resolve to ISO 3166-1 codes, so instruments, states, themes and
// their catalogues are copied from the reference folder unchanged, and membership
// stays at one row per state and instrument (about the real count). What grows with
// the scale s is what grows in the real world:
//
//   - meetings: round(130·s) (scale 1 ≈ the 156 real ones; 1000 ≈ 130,000);
//   - years: the calendar runs from 1999 for 28·⌈√s⌉ years, so meetings per year
//     grow as about √s (1, 2.5, 10, 31 per real year's worth at s = 1, 10, 100,
//     1000) and pairs of meetings within the 90-day horizon grow as about s^1.5,
//     not s² (which packing every meeting into 1999–2026 would give);
//   - agendas: each meeting has an English agenda with probability 0.85 and one
//     in each other UN language with probability 0.25 (fr), 0.2 (es), 0.12 (ru),
//     0.08 (ar, zh), each of 3–8 items with some lettered sub-items: about 11
//     items per meeting, so 1,443 at scale 1 (the real files hold 219) and 1.39
//     million at scale 1000 (seed 1).
//
// Meetings follow the real distributions read from the reference meetings CSVs:
// bodies and their weights, each body's first year, cities and countries (Geneva
// dominates), months (November dominates) and lengths in days; 7% have a start known
// only to the year or month and 4% no end, 2% carry an "(update: president)" row in
// a second file, and statuses are held up to 2026 and planned after, with 1%
// cancelled or postponed. Membership rows use the real instruments' party counts,
// consent types and state spellings (10% written with another spelling from
// state_names.csv), dates skewed to each instrument's first years, and 2.5% notified
// withdrawals (most of them effective six months later). Agenda item titles are the
// real agenda titles of each language, and for every language items built from the
// theme terms of theme_terms.csv, so the tagger finds themes at the real rate or
// above.
//
// The depositary's status pages (format untc) are left out of the generated
// sources.json at every scale: they describe the real parties, and reconciling the
// synthetic membership against them would replace it by the real one. untc.Decode
// is measured on the real pages by its Go benchmark instead.
//
// Output is deterministic: the same reference folder, scale and seed give the same
// bytes.
package gen
