// Package agenda reads the agenda text files of synergy's meeting reference data
// (reference/meetings/agendas/*.txt): one meeting's agenda items, in one language,
// as transcribed from archived secretariat pages and document headers.
//
// # File name
//
// A file is named <INSTRUMENT>_<CODE>.<lang>.txt ([FileNamePattern]), for example
// APMBC_10MSP.en.txt or CCW_PV-MoE-2019.en.txt. INSTRUMENT_CODE is the meeting ID
// used by table meetings; lang is one of the six UN languages: ar, zh, en, fr,
// es or ru.
//
// # Format
//
// Line 1 names the source:
//
//	<symbol> [- <symbol>…] [(<note>)] | <URL> [; <URL>…]
//	(<note>) | <URL>
//	<page title and note, possibly containing " | "> | <URL>
//
// Everything before the first "|"-separated part that starts with http:// or
// https:// describes the source; a leading UN document symbol
// ("APLC/MSP.10/2010/1", "CCW/CONF.III/7/Add.8") becomes [Agenda.Symbol] and the
// rest [Agenda.Note].
//
// Then come optional header lines "Meeting: …" and "Status: …" (in French
// "Réunion : …", "Statut : …"), blank lines, and the body, whose lines are:
//
//	line as printed             decoded as
//	10. Title                   item 10 (also "10.a. T", "10.h.i. T", "1.a T"; "10f. T" is 10.f)
//	    B - Title               sub-item of the last top-level item: 11.B under 11
//	    (a) Title               likewise: 5.a under 5
//	    11b. Title              indented numbered sub-item; must share its parent's root
//	- Title                     unnumbered item, given a synthetic number "#1", "#2", …
//	    - Title                 unnumbered sub-item: "3.#1", "3.#2", … under 3
//	[... items 4-10 not seen ...]
//	                            gap marker, indented or not
//	Heading:                    section heading of at most 8 words, optionally
//	                            followed by text on the same line
//
// A title wholly in square brackets ("11. [Consideration of …]") was reconstructed
// by the transcriber ([Item.Reconstructed]); a bracketed "..." or "cut" inside a
// title means the stored copy broke off there ([Item.Truncated]). Titles are kept as
// printed, brackets included; only white space is normalised.
//
// # Errors
//
// [Decode] fails only when the file cannot be identified: a bad name, a bad line 1,
// a read error, or no items at all. Any other line it cannot read becomes a
// [*ParseError] in [Agenda.Rejects] with its line number, so no line is dropped
// silently. All errors wrap the sentinels in errors.go and are matched with
// [errors.Is].
//
// [Agenda.Records] turns a decoded file into rows of table agenda_items
// ([synergy/pipeline/rawtable.AgendaItem]); [Agenda.RejectRecords] gives rows of
// table rejects.
package agenda
