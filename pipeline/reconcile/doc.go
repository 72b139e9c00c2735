// Package reconcile settles the membership CSVs against the depositary's status pages
// (the UN Treaty Collection pages read by package untc) and says, field by field, which
// source the published participation follows and why.
//
// [Participation] takes the merged membership rows ([csvsrc.MergeParticipation]), one
// decoded status page per instrument ([Source]), the day the pages were captured and a
// [StateResolver], and returns the participation to publish, one
// [rawtable.SourceDiscrepancy] row per source value of every field the two sources
// disagree on, and a [rawtable.Reject] for every page row it cannot publish.
//
// # The rule
//
// The depositary page is the record of every signature, consent and withdrawal up to the
// day it was captured. So, for each (instrument, state):
//
//   - On the page and in the CSV: each field — signature_date, consent_date,
//     consent_type, withdrawal_notified_date, withdrawal_effective_date — takes the
//     page's value ([RuleDepositaryWins]), including an empty one, unless the CSV's date
//     for that field is after the capture day: a later dated source the page could not
//     know, and the CSV's value is kept ([RuleLaterSourceWins]). consent_type follows
//     consent_date. A page without a signature column (the CCW protocols, which are not
//     signed) says nothing about signatures; the CSV's are kept.
//   - Only on the page: a row is added ([RuleOnlyInDepositary]) with the page's dates,
//     source_url the page's address, confidence "source: depositary page captured
//     <day>", and entry_into_force_date NULL, for the pipeline's entry-into-force rule to
//     derive.
//   - Only in the CSV: the row is kept ([RuleOnlyInCSV]). Its dates up to the capture day
//     are ones the depositary does not record, so they are not published (the row stays,
//     as a participant without dates, counted neither as consented nor in force); its
//     dates after the capture day are kept.
//
// A date in square brackets on the page marks a participation that has ended; its
// withdrawal notification and effective dates come from the page's end notes
// ([untc.Page.Withdrawals]). A note is taken for the participant whose row cites it (or
// the state it names) when it gives an effective date or the row is bracketed; notes
// about withdrawing a reservation or declaration are not withdrawals.
//
// A bracketed row for which neither the notes nor the CSV give an effective date keeps
// no withdrawal and gets [NoteEndedUndated] in its confidence.
//
// When consent_date changes and the CSV's entry-into-force date was derived from the
// old one, entry_into_force_date is set to NULL so the pipeline derives it again; a
// date a source stated is kept; a row that loses its consent date loses its entry into
// force. Every published row that takes a value from the page lists the page's address
// in source_url and the fields it took in confidence; a computed withdrawal
// notification the page confirms is noted as confirmed.
//
// The run calls Participation after csvsrc.MergeParticipation and before it derives
// entry-into-force dates.
//
// With these rules the number of states with a consent date on or before the capture
// day and no withdrawal in effect on it equals the "Parties" count in each page's
// header (docs/reconciliation.md gives the figures).
//
// # Spells
//
// The page has one row per participant. It is matched to the state's latest spell whose
// consent date is not after the capture day (else its first spell). Earlier spells are
// history the page no longer prints and pass unchanged; later spells are kept as the
// later dated source they are, with an [RuleOnlyInCSV] discrepancy.
//
// # Output
//
// published is sorted by instrument, state and spell; disc by the same key, then by
// field (in the order above) with the CSV's value before the page's; rejects by file,
// line and field. Rows of instruments without a page pass unchanged. The inputs are not
// modified.
package reconcile
