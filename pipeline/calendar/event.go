package calendar

import (
	"fmt"
	"strings"

	"synergy/pipeline/civil"
	"synergy/pipeline/ics"
)

// days returns the meeting's first and last day, or why they are not known to the
// day (worded as meetings_unpaired's reasons).
func (m *meeting) days() (first, last civil.Day, reason string) {
	for _, side := range []struct{ name, date, precision string }{
		{"start", m.start, m.startPrecision}, {"end", m.end, m.endPrecision},
	} {
		switch {
		case side.precision == "month" || side.precision == "year":
			return 0, 0, side.name + " known only to the " + side.precision
		case side.precision != "day" || side.date == "":
			return 0, 0, side.name + " date missing"
		}
	}
	first, err := civil.ParseDay(m.start)
	if err != nil {
		return 0, 0, "start date unreadable: " + err.Error()
	}
	if last, err = civil.ParseDay(m.end); err != nil {
		return 0, 0, "end date unreadable: " + err.Error()
	}
	if last < first {
		return 0, 0, "end before start"
	}
	return first, last, ""
}

// startYear is the year the meeting starts in, when the source gives at least that.
func (m *meeting) startYear() (int, bool) {
	if d, err := civil.ParseDay(m.start); err == nil {
		return d.Year(), true
	}
	if p, err := civil.ParsePartial(m.startText); err == nil && p.Precision != civil.PrecisionMissing {
		return p.First.Year(), true
	}
	return 0, false
}

// event makes the meeting's all-day event from first to last day; related are
// its relation lines, snapshot the snapshot's id.
func (m *meeting) event(first, last civil.Day, related []string, snapshot string) ics.Event {
	sources := strings.Split(m.sources, " ; ")
	return ics.Event{
		UID:      m.id + "@synergy",
		Summary:  m.instrument + ": " + m.title,
		Location: m.location(),
		AllDay:   true,
		Start:    first.Time(),
		End:      (last + 1).Time(), // DTEND is exclusive
		Props: map[string]string{
			"X-SYNERGY-MEETING-ID": m.id,
			"X-SYNERGY-INSTRUMENT": m.instrument,
			"X-SYNERGY-BODY":       m.body,
			"X-SYNERGY-CODE":       m.code,
		},
		Categories:  append([]string{m.instrument, m.body}, m.themes...),
		Status:      eventStatus(m.status),
		URL:         meetingURL("", m.id, sources), // an http(s) source, never free text
		Description: m.description(first, last, related, sources, snapshot),
	}
}

// eventStatus is the iCalendar STATUS of a meeting status, "" for none. Only a
// meeting a source says was held is CONFIRMED; one whose dates are past without
// that word (unconfirmed) stays TENTATIVE, as a planned one.
func eventStatus(status string) string {
	switch status {
	case "held":
		return "CONFIRMED"
	case "planned", "unconfirmed":
		return "TENTATIVE"
	case "cancelled", "postponed": // not held on these dates
		return "CANCELLED"
	}
	return ""
}

// description is the event's text: the meeting, its place, dates, status and
// themes, its related meetings, its sources and the snapshot.
func (m *meeting) description(first, last civil.Day, related, sources []string, snapshot string) string {
	var d strings.Builder
	fmt.Fprintf(&d, "%s\n\nMeeting %s of the %s (%s), body %s.\n", m.title, m.id, m.instrumentName, m.instrument, m.body)
	place := nonEmpty(m.venue, m.city, m.country)
	if label := modeLabel(m.mode); label != "" {
		place = append(place, label)
	}
	if len(place) > 0 {
		fmt.Fprintf(&d, "Place: %s\n", strings.Join(place, ", "))
	}
	fmt.Fprintf(&d, "Dates: %s to %s. Status: %s.\n", first, last, m.status)
	if len(m.themes) > 0 {
		fmt.Fprintf(&d, "Themes (from %s): %s\n", themeSource, strings.Join(m.themes, ", "))
	} else {
		fmt.Fprintf(&d, "Themes: none known (from %s)\n", themeSource)
	}
	if len(related) > 0 {
		d.WriteString("\nRelated meetings of other instruments (meeting_pairs):\n")
		for _, r := range related {
			d.WriteString(r + "\n")
		}
	}
	if s := strings.Join(nonEmpty(sources...), "\n"); s != "" {
		fmt.Fprintf(&d, "\nSources:\n%s\n", s)
	}
	fmt.Fprintf(&d, "\nsynergy snapshot %s", snapshot)
	return d.String()
}

// relationLine describes m as the other meeting of a pair.
func (m *meeting) relationLine(relation, detail string) string {
	place := ""
	if m.city != "" {
		place = ", " + m.city
	}
	return fmt.Sprintf("- %s with %s (%s): %s, %s to %s%s; %s", relation, m.id, m.instrument, m.title, m.start, m.end, place, detail)
}

// location is "city, country", the city first as the ics package's meetings
// convention reads it, with how the meeting was held added unless in person
// ("online", "hybrid", "by written procedure", which that convention reads back as
// the mode).
func (m *meeting) location() string {
	parts := []string{}
	if m.city != "" {
		parts = nonEmpty(m.city, m.country)
	}
	if label := modeLabel(m.mode); label != "" {
		parts = append(parts, label)
	}
	return strings.Join(parts, ", ")
}

// modeLabel is how a meeting of this mode is said to be held, "" in person.
func modeLabel(mode string) string {
	switch mode {
	case "online":
		return "online"
	case "hybrid":
		return "hybrid"
	case "written_procedure":
		return "by written procedure"
	}
	return ""
}

// nonEmpty returns the values trimmed of surrounding space, empty ones dropped.
func nonEmpty(values ...string) []string {
	var out []string
	for _, v := range values {
		if v = strings.TrimSpace(v); v != "" {
			out = append(out, v)
		}
	}
	return out
}

// cleanText makes a value from the snapshot safe for iCalendar TEXT: line breaks
// become "\n", other control characters spaces, invalid UTF-8 the replacement
// character.
func cleanText(s string) string {
	s = strings.ToValidUTF8(s, "\uFFFD")
	s = strings.NewReplacer("\r\n", "\n", "\r", "\n").Replace(s)
	return strings.Map(func(r rune) rune {
		if r < 0x20 && r != '\n' && r != '\t' || r == 0x7f {
			return ' '
		}
		return r
	}, s)
}
