package ics

import (
	"errors"
	"fmt"
	"io"
	"slices"
	"strings"
	"time"

	"synergy/pipeline/civil"
)

// Event is one VEVENT that is a direct child of a VCALENDAR.
type Event struct {
	Line int // line of BEGIN:VEVENT

	UID, Summary, Description, Location string // TEXT escapes undone
	URL                                 string // as written
	Status                              string // "", "CONFIRMED", "TENTATIVE" or "CANCELLED"

	Categories []string // every CATEGORIES property, split at unescaped commas, in order

	// AllDay is true when DTSTART is a DATE. Start and End are then midnight UTC of
	// the dates.
	AllDay bool
	// Start is DTSTART: in its TZID's zone, in UTC for a Z value, and as wall clock in
	// UTC for a floating time. It is the zero time when the event has no DTSTART; End,
	// FirstDay and LastDay are then zero too.
	Start time.Time
	// End is DTEND, exclusive as in the file, in its own zone. Without DTEND it is
	// Start plus DURATION, or the next day for an all-day event, or Start.
	End time.Time
	// StartText and EndText are the DTSTART and DTEND values as written, "" if absent.
	StartText, EndText string

	// FirstDay and LastDay are the calendar dates of the event, LastDay inclusive. For
	// an all-day event LastDay is the day before End; for a timed one it is End's
	// date in Start's zone, less one day when End falls exactly at midnight. LastDay
	// is never before FirstDay.
	FirstDay, LastDay civil.Day

	// RecurrenceID is set on the occurrences of a recurring event (RRULE, RDATE):
	// the occurrence's start, in the form DTSTART was written; and on an event that
	// overrides one occurrence, its RECURRENCE-ID as written. OccurrenceDay is then
	// that start's day, which stays the occurrence's identity when an override moves
	// it. Both are zero for an event that does not recur.
	RecurrenceID  string
	OccurrenceDay civil.Day

	// Props holds the event's other properties by upper-case name (DTSTAMP,
	// X-SYNERGY-INSTRUMENT, RRULE…), TEXT escapes undone; for a repeated one, its
	// first value. Parameters are dropped. Nil when there are none.
	Props map[string]string

	// Stamp, when not zero, is the event's own DTSTAMP for the encoder (else the
	// calendar's); Transp its TRANSP, OPAQUE or TRANSPARENT, written when not "".
	// The decoder leaves both zero: it keeps DTSTAMP and TRANSP in Props.
	Stamp  time.Time
	Transp string
}

// Decoder reads events from an iCalendar (RFC 5545) stream of one or more VCALENDARs.
type Decoder struct {
	r           io.Reader
	name        string
	rejects     []*ParseError
	zones       map[string]*time.Location // the open calendar's resolved TZIDs
	vtimezones  map[string]*vtimezone     // the open calendar's VTIMEZONE components
	first, last civil.Day                 // the window of recurring events
}

// NewDecoder returns a decoder reading r. name identifies the input in errors and
// rejects (usually the file name); the decoder does not open or close anything.
func NewDecoder(r io.Reader, name string) *Decoder {
	return &Decoder{r: r, name: name, first: DefaultWindowFirst, last: DefaultWindowLast}
}

// Rejects returns the row-level problems met by Decode: each is an event (or, outside
// events, a content line) that was left out, with the line and property at fault.
func (d *Decoder) Rejects() []*ParseError { return d.rejects }

// frame is an open component.
type frame struct {
	name string
	line int
}

// Decode reads the input to its end and returns the events of all its calendars in
// file order. Events with row-level problems (bad dates, unknown zones, malformed
// lines, repeated properties) are left out and reported by Rejects. A structurally
// broken input (no BEGIN:VCALENDAR, a component without END, an END without BEGIN,
// content between calendars, an over-long line, a read error) returns no events and a
// *ParseError naming the line; read errors are wrapped, not replaced. Call Decode once.
func (d *Decoder) Decode() ([]Event, error) {
	lr := newLineReader(d.r)
	w := &walk{d: d}
	calendars := 0
	for {
		s, n, err := lr.next()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			return nil, &ParseError{File: d.name, Line: n, Err: err}
		}
		cl, err := parseContentLine(s, n)
		var broken error // a structural error: the input cannot be read past it
		switch {
		case len(w.stack) == 0:
			// Between calendars only BEGIN:VCALENDAR may appear.
			if err != nil || cl.name != "BEGIN" || !strings.EqualFold(cl.value, "VCALENDAR") {
				return nil, &ParseError{File: d.name, Line: n, Raw: s, Err: ErrNoCalendar}
			}
			w.stack = append(w.stack, frame{"VCALENDAR", n})
			w.openCalendar(n)
			calendars++
		case err != nil:
			d.problem(w.ev, &ParseError{File: d.name, Line: n, Raw: s, Err: err})
		case cl.name == "BEGIN":
			broken = w.begin(cl)
		case cl.name == "END":
			broken = w.end(cl)
		case w.ev != nil && len(w.stack) == 2:
			w.ev.lines = append(w.ev.lines, cl)
		case w.tz != nil && len(w.stack) == 2 && cl.name == "TZID":
			w.tz.tzid = strings.TrimSpace(unescapeText(cl.value))
		case w.obs != nil && len(w.stack) == 3:
			w.obs.lines = append(w.obs.lines, cl)
			// Properties of VCALENDAR, VALARM and the like are not needed.
		}
		if broken != nil {
			return nil, broken
		}
	}
	if calendars == 0 {
		return nil, &ParseError{File: d.name, Line: 1, Err: ErrNoCalendar}
	}
	if len(w.stack) > 0 {
		top := w.stack[len(w.stack)-1]
		return nil, &ParseError{File: d.name, Line: top.line, Field: top.name,
			Err: fmt.Errorf("%w at end of input", ErrUnterminated)}
	}
	slices.SortStableFunc(d.rejects, func(a, b *ParseError) int { return a.Line - b.Line })
	return w.events, nil
}

// walk is Decode's place in the input: the open components and the event being read.
type walk struct {
	d       *Decoder
	stack   []frame
	ev      *eventBuilder   // the open VEVENT of the open calendar, nil outside one
	tz      *vtimezone      // the open VTIMEZONE, nil outside one
	obs     *observance     // its open STANDARD or DAYLIGHT, nil outside one
	pending []*eventBuilder // the open calendar's events, built at its END
	vevents int             // VEVENT components in the open calendar
	calLine int             // line of its BEGIN:VCALENDAR
	events  []Event
}

// openCalendar starts a calendar at line n: TZIDs resolve anew in each.
func (w *walk) openCalendar(n int) {
	w.calLine, w.vevents, w.pending = n, 0, nil
	w.d.zones = make(map[string]*time.Location)
	w.d.vtimezones = make(map[string]*vtimezone)
}

// begin opens a component at content line cl. A BEGIN:VCALENDAR inside a calendar
// is a structural error.
func (w *walk) begin(cl contentLine) error {
	comp := strings.ToUpper(strings.TrimSpace(cl.value))
	switch {
	case comp == "":
		w.d.problem(w.ev, &ParseError{File: w.d.name, Line: cl.line, Field: "BEGIN", Raw: cl.raw,
			Err: wrapf(ErrSyntax, "BEGIN without component name")})
		return nil
	case comp == "VCALENDAR":
		top := w.stack[len(w.stack)-1]
		return &ParseError{File: w.d.name, Line: top.line, Field: top.name,
			Err: fmt.Errorf("%w before BEGIN:VCALENDAR at line %d", ErrUnterminated, cl.line)}
	case comp == "VEVENT" && len(w.stack) == 1:
		w.ev = &eventBuilder{line: cl.line}
		w.vevents++
	case comp == "VTIMEZONE" && len(w.stack) == 1:
		w.tz = &vtimezone{line: cl.line}
	case (comp == "STANDARD" || comp == "DAYLIGHT") && w.tz != nil && len(w.stack) == 2:
		w.obs = &observance{line: cl.line, daylight: comp == "DAYLIGHT"}
	}
	w.stack = append(w.stack, frame{comp, cl.line})
	return nil
}

// end closes the innermost component at content line cl, building the event it
// ends. An END that closes an outer component, or none, is a structural error.
func (w *walk) end(cl contentLine) error {
	comp := strings.ToUpper(strings.TrimSpace(cl.value))
	top := w.stack[len(w.stack)-1]
	if comp != top.name {
		for _, f := range w.stack {
			if f.name == comp {
				return &ParseError{File: w.d.name, Line: top.line, Field: top.name,
					Err: fmt.Errorf("%w before END:%s at line %d", ErrUnterminated, comp, cl.line)}
			}
		}
		return &ParseError{File: w.d.name, Line: cl.line, Field: "END", Raw: cl.raw,
			Err: wrapf(ErrUnexpectedEnd, "END:%s", comp)}
	}
	w.stack = w.stack[:len(w.stack)-1]
	switch {
	case w.ev != nil && len(w.stack) == 1:
		w.pending = append(w.pending, w.ev)
		w.ev = nil
	case w.obs != nil && len(w.stack) == 2:
		w.tz.observances = append(w.tz.observances, w.obs)
		w.obs = nil
	case w.tz != nil && len(w.stack) == 1:
		w.closeTimezone(cl)
	case len(w.stack) == 0:
		w.closeCalendar()
	}
	return nil
}

// closeTimezone keeps the VTIMEZONE just read, for the events of its calendar
// wherever they are; one without TZID, or repeating one, is rejected.
func (w *walk) closeTimezone(cl contentLine) {
	tz := w.tz
	w.tz = nil
	switch _, dup := w.d.vtimezones[tz.tzid]; {
	case tz.tzid == "":
		w.d.rejects = append(w.d.rejects, &ParseError{File: w.d.name, Line: tz.line, Field: "VTIMEZONE",
			Err: wrapf(ErrUnknownTZ, "VTIMEZONE without TZID")})
	case dup:
		w.d.rejects = append(w.d.rejects, &ParseError{File: w.d.name, Line: tz.line, Field: "VTIMEZONE",
			Err: wrapf(ErrDuplicate, "second VTIMEZONE %q", tz.tzid)})
	default:
		w.d.vtimezones[tz.tzid] = tz
	}
}

// closeCalendar builds the events of the calendar just ended, now that all its
// VTIMEZONEs are known, expands recurring ones, and lets an event with a
// RECURRENCE-ID replace the occurrence it names. A calendar without any VEVENT is
// rejected: an empty feed is more likely a broken export than a quiet year.
func (w *walk) closeCalendar() {
	if w.vevents == 0 {
		w.d.rejects = append(w.d.rejects, &ParseError{File: w.d.name, Line: w.calLine, Field: "VCALENDAR", Err: ErrNoEvents})
	}
	var built []Event
	overrides := make(map[string]bool)
	for _, b := range w.pending {
		evs, perr := w.d.build(b)
		if perr != nil {
			w.d.rejects = append(w.d.rejects, perr)
			continue
		}
		if len(evs) == 1 && evs[0].RecurrenceID != "" && evs[0].Props["RRULE"] == "" {
			overrides[occurrenceKey(evs[0].UID, evs[0].OccurrenceDay)] = true
		}
		built = append(built, evs...)
	}
	for _, e := range built {
		if e.Props["RRULE"] != "" || e.Props["RDATE"] != "" {
			if overrides[occurrenceKey(e.UID, e.OccurrenceDay)] {
				continue // replaced by the event that overrides it
			}
		}
		w.events = append(w.events, e)
	}
	w.pending = nil
}

// occurrenceKey identifies an occurrence of a series by UID and start day.
func occurrenceKey(uid string, day civil.Day) string {
	return uid + "\x00" + day.String()
}

// problem records a row-level problem: inside an event, the event's first problem
// rejects it when it ends; elsewhere the line is rejected at once.
func (d *Decoder) problem(ev *eventBuilder, pe *ParseError) {
	if ev != nil {
		if ev.err == nil {
			ev.err = pe
		}
		return
	}
	d.rejects = append(d.rejects, pe)
}

// zone resolves a TZID once per calendar: by the calendar's own VTIMEZONE of that
// TZID when it has one (RFC 5545 §3.6.5: it defines the zone), else by name in the
// embedded IANA database or the Windows names Outlook writes. A VTIMEZONE that
// cannot be read falls back to the name, and failing that is the reason given.
func (d *Decoder) zone(tzid string) (*time.Location, error) {
	if loc, ok := d.zones[tzid]; ok {
		return loc, nil
	}
	var loc *time.Location
	var err error
	if tz, ok := d.vtimezones[tzid]; ok {
		if loc, err = tz.location(); err != nil {
			var lerr error
			if loc, lerr = loadZone(tzid); lerr != nil {
				return nil, wrapf(ErrUnknownTZ, "%v", err)
			}
		}
	} else if loc, err = loadZone(tzid); err != nil {
		return nil, err
	}
	d.zones[tzid] = loc
	return loc, nil
}

// eventBuilder gathers the properties of one VEVENT until its END.
type eventBuilder struct {
	line  int
	lines []contentLine
	err   *ParseError // first problem met inside the event
}

// add keeps a recurrence line; an event has at most one RRULE (RFC 5545 §3.6.1
// says SHOULD NOT occur more than once; two would make the set ambiguous) and one
// RECURRENCE-ID.
func (r *recurrence) add(cl *contentLine) error {
	switch cl.name {
	case "RRULE":
		if r.rrule != nil {
			return wrapf(ErrBadRecurrence, "more than one RRULE")
		}
		r.rrule = cl
	case "RDATE":
		r.rdates = append(r.rdates, *cl)
	case "EXDATE":
		r.exdates = append(r.exdates, *cl)
	case "RECURRENCE-ID":
		if r.id != nil {
			return ErrDuplicate
		}
		r.id = cl
	}
	return nil
}

// singular lists the properties an event may carry at most once (RFC 5545 §3.6.1).
var singular = map[string]bool{
	"UID": true, "SUMMARY": true, "DESCRIPTION": true, "LOCATION": true, "URL": true,
	"STATUS": true, "DTSTART": true, "DTEND": true, "DURATION": true,
}

// notText lists properties whose values are not TEXT and keep their backslashes.
var notText = map[string]bool{
	"URL": true, "DTSTAMP": true, "CREATED": true, "LAST-MODIFIED": true, "SEQUENCE": true,
	"RRULE": true, "RDATE": true, "EXDATE": true, "RECURRENCE-ID": true, "ORGANIZER": true,
	"ATTENDEE": true, "ATTACH": true, "GEO": true, "PRIORITY": true,
}

// build makes the event of b (its occurrences, when it recurs), or gives the
// problem at the line that spoils it.
func (d *Decoder) build(b *eventBuilder) ([]Event, *ParseError) {
	if b.err != nil {
		return nil, b.err
	}
	e := Event{Line: b.line}
	tm, at, err := readProperties(&e, b.lines)
	if err == nil {
		at, err = d.setTimes(&e, tm)
	}
	if err == nil && tm.rec.id != nil {
		at, err = d.setRecurrenceID(&e, tm.rec.id)
	}
	events := []Event{e}
	if err == nil && tm.rec.recurs() {
		if e.Start.IsZero() {
			at, err = tm.rec.rrule, wrapf(ErrBadRecurrence, "a recurring event needs DTSTART")
			if at == nil {
				at = &contentLine{line: b.line, name: "VEVENT"}
			}
		} else {
			events, at, err = d.occurrences(e, tm.rec)
		}
	}
	if err != nil {
		return nil, &ParseError{File: d.name, Line: at.line, Field: at.name, Raw: at.raw, Err: err}
	}
	return events, nil
}

// setRecurrenceID reads the RECURRENCE-ID of an event that overrides one
// occurrence of a series.
func (d *Decoder) setRecurrenceID(e *Event, cl *contentLine) (*contentLine, error) {
	w, err := parseWhen(*cl, d.zone)
	if err != nil {
		return cl, err
	}
	e.RecurrenceID, e.OccurrenceDay = strings.TrimSpace(cl.value), civil.DayOf(w.t)
	return nil, nil
}

// timing holds an event's DTSTART, DTEND and DURATION lines, nil when absent, and
// its recurrence lines.
type timing struct {
	start, end, dur *contentLine
	rec             recurrence
}

// readProperties sets e's fields from its content lines, except the times, whose
// lines it returns. A problem comes with the line it is at.
func readProperties(e *Event, lines []contentLine) (timing, *contentLine, error) {
	var tm timing
	seen := make(map[string]bool)
	for i := range lines {
		cl := &lines[i]
		if singular[cl.name] && seen[cl.name] {
			return tm, cl, ErrDuplicate
		}
		seen[cl.name] = true
		text := unescapeText(cl.value)
		switch cl.name {
		case "UID":
			e.UID = text
		case "SUMMARY":
			e.Summary = text
		case "DESCRIPTION":
			e.Description = text
		case "LOCATION":
			e.Location = text
		case "URL":
			e.URL = strings.TrimSpace(cl.value)
		case "STATUS":
			e.Status = strings.ToUpper(strings.TrimSpace(text))
			switch e.Status {
			case "CONFIRMED", "TENTATIVE", "CANCELLED":
			default:
				return tm, cl, wrapf(ErrBadStatus, "%q", text)
			}
		case "CATEGORIES":
			e.Categories = append(e.Categories, splitTextList(cl.value)...)
		case "DTSTART":
			tm.start = cl
		case "DTEND":
			tm.end = cl
		case "DURATION":
			tm.dur = cl
		case "RRULE", "RDATE", "EXDATE", "RECURRENCE-ID":
			if err := tm.rec.add(cl); err != nil {
				return tm, cl, err
			}
		}
		switch cl.name {
		case "UID", "SUMMARY", "DESCRIPTION", "LOCATION", "URL", "STATUS", "CATEGORIES", "DTSTART", "DTEND", "DURATION":
		default:
			if e.Props == nil {
				e.Props = make(map[string]string)
			}
			if _, ok := e.Props[cl.name]; !ok {
				if notText[cl.name] {
					text = cl.value
				}
				e.Props[cl.name] = text
			}
		}
	}
	return tm, nil, nil
}

// setTimes sets e's start, end and days from its time lines. An event without
// DTSTART keeps only its DTEND text. A problem comes with the line it is at.
func (d *Decoder) setTimes(e *Event, tm timing) (*contentLine, error) {
	if tm.end != nil && tm.dur != nil {
		return tm.dur, wrapf(ErrBadDuration, "DURATION and DTEND both given")
	}
	if tm.start == nil {
		if tm.end != nil {
			e.EndText = tm.end.value
		}
		return nil, nil
	}
	st, err := parseWhen(*tm.start, d.zone)
	if err != nil {
		return tm.start, err
	}
	e.Start, e.AllDay, e.StartText = st.t, st.allDay, tm.start.value
	switch {
	case tm.end != nil:
		en, err := parseWhen(*tm.end, d.zone)
		if err != nil {
			return tm.end, err
		}
		if en.allDay != st.allDay {
			return tm.end, wrapf(ErrBadDate, "DTEND and DTSTART differ in value type (DATE vs DATE-TIME)")
		}
		e.End, e.EndText = en.t, tm.end.value
	case tm.dur != nil:
		if e.End, err = addDuration(e.Start, tm.dur.value); err != nil {
			return tm.dur, err
		}
	case e.AllDay:
		e.End = e.Start.AddDate(0, 0, 1)
	default:
		e.End = e.Start
	}
	if e.End.Before(e.Start) {
		at := tm.end
		if at == nil {
			at = tm.dur
		}
		return at, wrapf(ErrEndBeforeStart, "%s is before DTSTART %s", at.value, tm.start.value)
	}
	setDays(e)
	return nil, nil
}

// setDays sets the calendar days of an event with a start and an end: an all-day
// event's end is exclusive, and a timed event ending at midnight ends the day before.
func setDays(e *Event) {
	e.FirstDay = civil.DayOf(e.Start)
	if e.AllDay {
		e.LastDay = civil.DayOf(e.End) - 1
	} else {
		endLocal := e.End.In(e.Start.Location())
		e.LastDay = civil.DayOf(endLocal)
		if h, m, sec := endLocal.Clock(); e.End.After(e.Start) && h == 0 && m == 0 && sec == 0 && endLocal.Nanosecond() == 0 {
			e.LastDay--
		}
	}
	e.LastDay = max(e.LastDay, e.FirstDay)
}
