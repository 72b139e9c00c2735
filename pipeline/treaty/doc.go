// Package treaty holds what synergy knows of the instruments themselves: their ids
// ([IDs], the one list of them), and the readers of the curated catalogue —
// the instruments (datasets/instruments.csv), the legal map from articles to themes
// (datasets/instrument_articles.csv), the bodies' standing agendas
// (datasets/standing_agendas.csv), and the instruments' and their meeting bodies' names
// in French and Spanish (datasets/instrument_names.csv, meeting_body_names.csv; see
// [ApplyNames]). These files are small and curated, so any bad row is an error naming
// file, line and field rather than a reject.
//
// # Entry into force
//
// A treaty's entry-into-force rule gives the date on which it enters into force for a
// State that deposits its instrument of ratification, acceptance, approval or
// accession after the treaty itself is in force.
//
// A [Rule] is parsed (by [ParseRule]) from the eif_rule column of datasets/instruments.csv. The column
// holds one of three forms, each with the date the treaty itself entered into force and
// the article that states the rule:
//
//	first_day_of_month_after:6;not_before:1999-03-01;art:17(2)
//	months_after_deposit:6;not_before:1983-12-02;art:5(2)
//	days_after_deposit:90;not_before:2014-12-24;art:22(2)
//
// # Readings of the entry-into-force rules
//
// first_day_of_month_after:N is "the first day of the Nth month after the month in
// which the instrument was deposited" (Mine Ban Convention Art. 17(2), Convention on
// Cluster Munitions Art. 17(2)): a deposit on any day of February gives 1 August.
//
// months_after_deposit:N is "N months after the date of deposit" (CCW Art. 5(2)-(4));
// a day missing from the target month is clipped to the month's end, as
// [civil.Day.AddMonths] does: 31 October + 6 months = 30 April.
//
// days_after_deposit:N is "the Nth day after the date of deposit" (ATT Art. 22(2),
// CRPD Art. 45(2)): deposit + N days.
//
// not_before is the treaty's own entry into force: a State is never bound earlier.
//
// # Anchors: deposits made before the treaty entered into force
//
// Most of these treaties count a State's delay from the deposit of the Nth instrument
// that brought the treaty into force (Mine Ban Convention: 40th; CCM: 30th; CCW:
// 20th; CRPD: 20th). A State that deposited after that instrument but before the
// treaty's own entry into force still gets deposit plus the delay, which then falls
// after not_before, so the result is simply the later of the two. This is the default
// anchor, nth_deposit (CRPD: Egypt deposited 2008-04-14, bound 2008-05-14, eleven
// days after the Convention's entry into force).
//
// The Arms Trade Treaty counts from its own entry into force (Art. 22(2): "subsequent
// to the entry into force of this Treaty"), so the depositary gives 24 December 2014
// to every State that deposited on or before that day, including the eight that
// deposited after the 50th instrument (Guinea deposited 2014-10-21, bound
// 2014-12-24). The four-part form says so:
//
//	days_after_deposit:90;not_before:2014-12-24;art:22(2);anchor:entry_into_force
//
// Under anchor entry_into_force a deposit on or before not_before gives not_before,
// and a later one gives deposit plus the delay.
//
// Successions are not covered: a successor State is bound from the date of succession,
// which these rules do not give.
package treaty
