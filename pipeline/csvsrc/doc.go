// Package csvsrc reads synergy's canonical CSV sources — the membership files (one per
// instrument, plus ccw_members_added.csv) and the meeting files (meetings.csv,
// meetings_added.csv) — into rawtable.Participation, rawtable.Meeting and rawtable.Reject
// rows, and merges the files of each kind.
//
// # Reading
//
// [ReadParticipation] and [ReadMeetings] take an io.Reader and the file name to cite.
// Columns are found by header name (extra columns are ignored); a UTF-8 byte-order mark
// and CRLF line ends are accepted. A file is refused as a whole, with a *[ParseError]
// giving file, line and column, only when a needed column is missing or the CSV cannot
// be tokenised. Otherwise every data row gives exactly one record or one
// rawtable.Reject naming file, line, field (empty when the whole row is at fault) and
// reason, with the raw row; a bad row never stops the others. Sources' quirks are
// handled here, not fixed in the files: old and new state names (through a
// [StateResolver]), exact duplicate rows (rejected as "duplicate of line N"), dates
// known only to the month or year (kept with their precision), "unknown" agenda
// flags (NULL, not false), update rows marked "(update: …)" (returned as [Update]), and
// the notes that say how a meeting was held ("(virtual)", "(video conference)",
// "(hybrid)", "(by written procedure)" in titles, "Geneva (virtual)" in cities, "hybrid
// format" in venues), read as its mode and removed from the field.
//
// # Merging
//
// [MergeParticipation] and [MergeMeetings] fold a later file into an earlier one. A
// later row fills what the earlier left empty; where both give different values the
// earlier wins for participation and the update wins for meeting updates. Nothing is
// picked silently: every fill and every disagreement is returned as a [Discrepancy]
// listing each value with its file, line and source URL. Merged records keep their
// first row's file and line, and list every contributing row's source URL and
// confidence. A State that rejoins after its withdrawal took effect gets a new spell.
//
// Errors are listed in errors.go; match them with errors.Is and errors.As.
package csvsrc
