package ics

import (
	"fmt"
	"math"
	"regexp"
	"strings"

	"synergy/pipeline/civil"
	"synergy/pipeline/rawtable"
	"synergy/pipeline/treaty"
)

// noteRE matches a note after a place, e.g. " (hybrid)".
var noteRE = regexp.MustCompile(`\s*\([^)]*\)$`)

// bodies are the body names a CATEGORIES value may name, in the spelling written to
// rawtable.Meeting.Body.
var bodies = []string{"MSP", "RevCon", "Intersessional", "MHCP", "APII-Conference",
	"PV-Conference", "PV-Experts", "CSP"}

// Meetings maps decoded events to meeting rows, following the convention in the
// package documentation. file fills SourceFile; asOf is the run's as-of day. STATUS
// gives the source's word: CANCELLED is cancelled, TENTATIVE planned; any other event
// is a firm one, held once it has ended before asOf (a feed marks what did not take
// place CANCELLED), planned before. Then the one rule of every source,
// rawtable.Meeting.SettleStatus, turns a planned (tentative) event that ended before
// asOf into unconfirmed. LOCATION gives the mode ("written procedure", "hybrid",
// "virtual" or "online"; else in_person, not stated) and the city: the venue city
// it names, or the first part of a one-line LOCATION (see cityOf). An occurrence
// of a recurring event has its day in its code. An event without an instrument, a
// DTSTART or a code, whose LOCATION names no clear city, whose URL is not http or
// https, or whose meeting_id repeats an earlier event's, becomes a rawtable.Reject
// instead; every event gives exactly one row of either kind.
// events is not modified.
func Meetings(events []Event, file string, asOf civil.Day) ([]rawtable.Meeting, []rawtable.Reject) {
	var (
		meetings []rawtable.Meeting
		rejects  []rawtable.Reject
	)
	firstLine := make(map[string]int)
	for _, e := range events {
		m, field, err := meeting(e, file, asOf)
		if err == nil {
			if line, dup := firstLine[m.MeetingID]; dup {
				field, err = "UID", fmt.Errorf("%w %s (first at line %d)", ErrDuplicateMeeting, m.MeetingID, line)
			} else {
				firstLine[m.MeetingID] = e.Line
			}
		}
		if err != nil {
			pe := &ParseError{File: file, Line: e.Line, Field: field, Raw: e.UID + " " + e.Summary, Err: err}
			rejects = append(rejects, rawtable.RejectOf(pe))
			continue
		}
		meetings = append(meetings, m)
	}
	return meetings, rejects
}

func meeting(e Event, file string, asOf civil.Day) (rawtable.Meeting, string, error) {
	instrument := strings.TrimSpace(e.Props["X-SYNERGY-INSTRUMENT"])
	if instrument == "" {
		instrument = firstOf(e.Categories, treaty.IDs)
	}
	if instrument == "" {
		return rawtable.Meeting{}, "CATEGORIES", ErrNoInstrument
	}
	if e.Start.IsZero() {
		return rawtable.Meeting{}, "DTSTART", ErrNoStart
	}
	code := strings.TrimSpace(e.Props["X-SYNERGY-CODE"])
	if code == "" {
		code = strings.TrimSpace(e.UID)
	}
	if code == "" {
		return rawtable.Meeting{}, "UID", ErrNoCode
	}
	if e.RecurrenceID != "" {
		code += "@" + e.OccurrenceDay.String() // one meeting per occurrence of a series
	}
	if e.URL != "" {
		if err := checkURL(e.URL); err != nil {
			return rawtable.Meeting{}, "URL", err
		}
	}
	body := strings.TrimSpace(e.Props["X-SYNERGY-BODY"])
	if body == "" {
		body = firstOf(e.Categories, bodies)
	}
	m := rawtable.Meeting{
		MeetingID:      instrument + "_" + code,
		InstrumentID:   instrument,
		Body:           body,
		Code:           code,
		Title:          e.Summary,
		StartDate:      civil.Ptr(e.FirstDay),
		EndDate:        civil.Ptr(e.LastDay),
		StartPrecision: string(civil.PrecisionDay),
		EndPrecision:   string(civil.PrecisionDay),
		StartText:      e.StartText,
		EndText:        e.EndText,
		Mode:           rawtable.ModeInPerson,
		SourceURL:      e.URL,
		Confidence:     "source",
		SourceFile:     file,
		SourceLine:     line32(e.Line),
	}
	city, err := cityOf(e.Location)
	if err != nil {
		return rawtable.Meeting{}, "LOCATION", err
	}
	if city != "" {
		m.City = new(city)
	}
	if mode := locationMode(e.Location); mode != "" {
		m.Mode, m.ModeStated = mode, true
	}
	m.Virtual = m.Mode == rawtable.ModeOnline
	switch {
	case e.Status == "CANCELLED":
		m.Status = rawtable.StatusCancelled
	case e.Status != "TENTATIVE" && e.LastDay < asOf:
		m.Status = rawtable.StatusHeld
	default:
		m.Status = rawtable.StatusPlanned
	}
	m.SettleStatus(asOf)
	return m, "", nil
}

// firstOf returns the first of values that is in known (ignoring case), spelt as in
// known, or "".
func firstOf(values, known []string) string {
	for _, v := range values {
		for _, k := range known {
			if strings.EqualFold(strings.TrimSpace(v), k) {
				return k
			}
		}
	}
	return ""
}

// isVirtual reports whether a LOCATION says the meeting is held online.
func isVirtual(location string) bool {
	return locationMode(location) == rawtable.ModeOnline
}

// locationMode is the mode a LOCATION states, "" for none.
func locationMode(location string) string {
	l := strings.ToLower(location)
	switch {
	case strings.Contains(l, "written procedure"):
		return rawtable.ModeWrittenProcedure
	case strings.Contains(l, "hybrid"):
		return rawtable.ModeHybrid
	case strings.Contains(l, "virtual") || strings.Contains(l, "online"):
		return rawtable.ModeOnline
	}
	return ""
}

// line32 narrows a line number for record columns, saturating instead of wrapping.
func line32(n int) int32 {
	if n > math.MaxInt32 {
		return math.MaxInt32
	}
	return int32(n)
}
