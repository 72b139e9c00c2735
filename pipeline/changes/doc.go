// Package changes computes what changed from one published snapshot to the next:
// the digest a nightly run prints and publishes (snapshot.ChangesJSONFile and
// snapshot.ChangesMarkdownFile).
//
// [Diff] reads the history's observations (package history), which hold both the
// version a record had in the previous snapshot and the version this run saw, and
// the source_discrepancies of both snapshots. It reports, one [Change] per line,
// each naming its source:
//
//   - participation: new signatures, consents (ratification, accession, …),
//     entries into force, withdrawals notified, and the entries into force and
//     withdrawals whose dates fell between the two snapshots' as-of days;
//   - meetings added, moved (dates or city), newly dated, cancelled or postponed,
//     held, removed, or otherwise changed;
//   - obligations added, changed or removed;
//   - fields on which sources disagree that did not before;
//   - URL sources the run could not read, whose last good version it used.
//
// Records whose only change is in notes or provenance (confidence, source_url)
// are not listed: they are not news to a reader of the digest.
package changes
