package ics

import (
	"fmt"
	"math"
	"strings"

	"synergy/pipeline/civil"
	"synergy/pipeline/rawtable"
	"synergy/pipeline/treaty"
)

// bodies are the body names a CATEGORIES value may name, in the spelling written to
// rawtable.Meeting.Body.
var bodies = []string{"MSP", "RevCon", "Intersessional", "MHCP", "APII-Conference",
	"PV-Conference", "PV-Experts", "CSP"}

// Meetings maps decoded events to meeting rows, following the convention in the
// package documentation. file fills SourceFile; asOf is the day against which a
// meeting counts as held (its LastDay before asOf) or planned. An event without an
// instrument, a DTSTART or a code, or whose meeting_id repeats an earlier event's,
// becomes a rawtable.Reject instead; every event gives exactly one row of either kind.
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
		Virtual:        isVirtual(e.Location),
		SourceURL:      e.URL,
		Confidence:     "source",
		SourceFile:     file,
		SourceLine:     line32(e.Line),
	}
	if city, _, _ := strings.Cut(e.Location, ","); strings.TrimSpace(city) != "" && !isVirtual(city) {
		m.City = new(strings.TrimSpace(city))
	}
	switch {
	case e.Status == "CANCELLED":
		m.Status = "cancelled"
	case e.Status == "TENTATIVE":
		m.Status = "planned"
	case e.LastDay < asOf:
		m.Status = "held"
	default:
		m.Status = "planned"
	}
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
	l := strings.ToLower(location)
	return strings.Contains(l, "virtual") || strings.Contains(l, "online")
}

// line32 narrows a line number for record columns, saturating instead of wrapping.
func line32(n int) int32 {
	if n > math.MaxInt32 {
		return math.MaxInt32
	}
	return int32(n)
}
