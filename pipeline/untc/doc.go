// Package untc reads the status pages of the UN Treaty Collection, the depositary's
// record of who has signed, ratified, acceded to or withdrawn from a multilateral
// treaty (treaties.un.org, "Status of Treaties", for example chapter XXVI, disarmament).
//
// [Decode] takes one page from an [io.Reader], either its HTML as the site serves it or
// its text as a browser copies it, and returns a [Page]: the header's title, reference
// ("XXVI-6") and declared counts; one [Participant] per row of the participant grid; the
// end notes; and the rows it could not read, as [*ParseError] values in [Page.Rejects].
// [Page.Withdrawals] reads withdrawal notifications and their effective dates from the
// notes.
//
// # What a page holds
//
// The participant grid's header names its columns and, in parentheses, the marker each
// kind of instrument carries after its date: "Approval(AA), Acceptance(A),
// Accession(a), Succession(d), Ratification", "Provisional application(n)",
// "Succession(d), Consent to be bound(P)". Markers are case-sensitive; a date without
// one is a ratification where the header lists "Ratification". The reader accepts in a
// column only the markers its header declares. Footnote numbers follow names
// ("Montenegro 6", "Netherlands (Kingdom of the)4"). Dates read "3 Dec 1997",
// "03 Dec 1997" or "3 December 1997"; a date in square brackets belongs to a
// participation that has ended, as after a withdrawal. The page's other tables (the
// per-protocol table of the CCW, territorial applications, declarations) are skipped:
// the grid is the table whose header starts with "Participant" and has a consent column.
//
// The header's "Parties" count equals the number of rows with an unbracketed consent
// date on each captured page (CCM, ATT, CCW, CCW Amended Protocol II and Protocol V,
// 2026-02-03), and "Signatories" the number with an unbracketed signature.
package untc
