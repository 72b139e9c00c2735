// Package ics decodes meeting calendars in iCalendar format (RFC 5545) and maps their
// events to synergy's meeting rows.
//
// # Decoding
//
// A [Decoder] reads an io.Reader holding one or more VCALENDARs, with LF or CRLF line
// ends and an optional UTF-8 byte order mark, and returns the VEVENTs of all of them
// as [Event] values in file order:
//
//	dec := ics.NewDecoder(f, "meetings.ics")
//	events, err := dec.Decode()      // structural failure: *ParseError, no events
//	for _, pe := range dec.Rejects() // events left out, with line and property
//
// What the decoder handles:
//
//   - folded lines (a line starting with a space or tab continues the one before);
//     line numbers are physical lines, a folded line taking the number of its first;
//   - TEXT escapes \\ \; \, \n \N in SUMMARY, DESCRIPTION, LOCATION, UID, STATUS,
//     CATEGORIES and X- properties; CATEGORIES is split only at unescaped commas and
//     may repeat;
//   - DTSTART and DTEND as DATE (all-day), DATE-TIME in UTC ("Z"), DATE-TIME with a
//     TZID, and floating DATE-TIME (returned as wall clock in UTC, never in the
//     machine's zone); DTEND is exclusive; DURATION stands in for DTEND; without
//     either an all-day event lasts one day and a timed one is an instant;
//   - a TZID resolves, per calendar, through the calendar's own VTIMEZONE of that
//     name (RFC 5545 §3.6.5: its STANDARD and DAYLIGHT observances, each a
//     DTSTART with TZOFFSETFROM, TZOFFSETTO, an RRULE and RDATEs, turned into the
//     transitions of a time.Location up to 2100), wherever in the calendar it
//     stands; without one, or when it cannot be read, through the IANA database
//     embedded with time/tzdata, plus the Windows zone names Outlook writes for
//     the venues' zones (CLDR windowsZones). Outlook's "Customized Time Zone" and
//     "(UTC-05:00) Eastern Time (US & Canada)" resolve by their VTIMEZONE;
//   - recurring events (RRULE, RDATE, EXDATE; RFC 5545 §3.3.10, §3.8.5) become one
//     Event per occurrence whose first day is within the decoder's window
//     ([Decoder.Window], default 1980 to 2099), each with its start as
//     [Event.RecurrenceID]; an event with a RECURRENCE-ID replaces the occurrence
//     of its UID on that day. The rules expanded are FREQ DAILY, WEEKLY, MONTHLY
//     and YEARLY with INTERVAL, COUNT or UNTIL, BYDAY (ordinals under MONTHLY and
//     YEARLY), BYMONTH, BYMONTHDAY and WKST; any other part (BYSETPOS, BYWEEKNO,
//     HOURLY…), a PERIOD RDATE, no occurrence in the window or more than 1,000 in
//     it reject the event with the reason (ErrBadRecurrence), never take it once;
//   - VALARM and other nested components are skipped. A VCALENDAR without any
//     VEVENT is a reject (ErrNoEvents, at its BEGIN line): an empty feed is more
//     likely a broken export than a quiet year.
//
// # Errors
//
// Every failure is a [*ParseError] "file:line: field: reason" wrapping one of the
// Err… sentinels in errors.go; match them with errors.Is and errors.As. A file that
// cannot be read reliably (no BEGIN:VCALENDAR, a component without END, an END
// without BEGIN, content between calendars) makes Decode fail. A bad event (a
// malformed line, a bad date, an unknown TZID, DTEND before DTSTART, an unknown
// STATUS, a repeated DTSTART…) is left out and reported by [Decoder.Rejects], so one
// bad row never hides the rest of the file. [ParseError.Reject] turns one into a
// rejects-table row.
//
// # Meetings convention
//
// [Meetings] maps each event to one rawtable.Meeting or one rawtable.Reject:
//
//   - instrument_id: X-SYNERGY-INSTRUMENT, else the first CATEGORIES value that is
//     one of APMBC, CCM, CCW, CCW-APII, CCW-PV, ATT, CRPD (case ignored); none is a
//     reject (field CATEGORIES);
//   - body: X-SYNERGY-BODY, else the first CATEGORIES value among MSP, RevCon,
//     Intersessional, MHCP, APII-Conference, PV-Conference, PV-Experts, CSP; else "";
//   - code: X-SYNERGY-CODE, else UID, and for an occurrence of a recurring event
//     "@" and the occurrence's day ("INF@2025-03-04"); meeting_id is
//     "<instrument>_<code>", and a meeting_id seen before in the same call is a
//     reject;
//   - title: SUMMARY; start_date and end_date: FirstDay and LastDay (inclusive), both
//     with precision "day"; start_text and end_text: DTSTART and DTEND as written;
//     no DTSTART is a reject (field DTSTART);
//   - city: LOCATION (escapes undone) is split at commas, semicolons and line
//     breaks, notes such as " (hybrid)" and virtual parts dropped, and searched for
//     the cities where the instruments meet (those of datasets/meetings): one
//     named anywhere is the city ("Palais des Nations, Geneva\nSwitzerland" and
//     "1400 Vienna" give Geneva and Vienna); two different ones, or several lines
//     naming none, are a reject (ErrPlace, field LOCATION); one line naming none
//     gives its first part ("Lomé, Togo" gives Lomé); empty or virtual gives none;
//   - mode: LOCATION containing "written procedure" gives written_procedure,
//     "hybrid" hybrid, "virtual" or "online" online (case ignored), each stated;
//     otherwise in_person, not stated; virtual: mode online;
//   - status: CANCELLED gives cancelled, TENTATIVE planned; otherwise held when
//     LastDay is before the asOf day given, else planned; then
//     rawtable.Meeting.SettleStatus, the rule of every source, makes a planned event
//     that ended before asOf unconfirmed;
//   - source_url: URL, which must be an absolute http or https URL (else a reject,
//     ErrBadURL, field URL); confidence: "source"; source_file and source_line: the
//     file name given and the line of BEGIN:VEVENT.
//
// # Why a hand-written parser
//
// The project prefers a maintained library to a hand-written parser. Two were
// evaluated against our needs: github.com/arran4/golang-ical v0.3.4 (already in
// go.mod) and github.com/emersion/go-ical. Neither can meet them:
//
//   - Line numbers. Neither records the line where a component or property starts,
//     so Event.Line, reject lines and error lines could not be given. golang-ical's
//     errors count unfolded lines relative to the component ("parsing component
//     property 1"); emersion's carry no position at all.
//   - Several VCALENDARs. golang-ical's ParseCalendar fails on the second one
//     ("malformed calendar; unexpected end"). emersion's decoder reads them in turn.
//   - Broken structure. golang-ical accepts a VCALENDAR that never ends without error.
//   - Row-level recovery. In both, one malformed property aborts the whole calendar.
//   - Values. golang-ical undoes TEXT escapes before CATEGORIES can be split, so
//     "A\,B" becomes two categories, and it reads floating times in time.Local, which
//     differs between machines. emersion indexes past the end of a line such as
//     "DTSTART;TZID=x" (no colon), a panic a fuzz test would find.
//
// Splitting the file into VCALENDAR blocks and handing each to a library was
// considered: to number lines and events we would still need our own unfolding and
// BEGIN/END tracking, leaving the library only the split of NAME;PARAM=V:VALUE,
// which is under a hundred lines here (contentline.go) and came with the quirks above. So
// the package parses content lines itself, following RFC 5545 §3.1 (content lines
// and folding), §3.3.4–3.3.6 and §3.3.11 (DATE, DATE-TIME, DURATION, TEXT),
// §3.3.10 (RECUR), §3.6.1 (VEVENT) and §3.6.5 (VTIMEZONE), and imports no
// iCalendar library. No maintained Go recurrence library (such as
// github.com/teambition/rrule-go) is among the modules this project can fetch, so
// rrule.go expands the subset above; a VTIMEZONE becomes a time.Location through
// time.LoadLocationFromTZData, fed the TZif bytes (RFC 8536) of its transitions.
package ics
