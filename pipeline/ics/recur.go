package ics

import (
	"maps"
	"slices"
	"strings"
	"time"

	"synergy/pipeline/civil"
)

// maxOccurrences bounds the occurrences of one recurring event within the window;
// a rule that gives more is rejected, not cut.
const maxOccurrences = 1000

// The default window of a [Decoder]: the treaties' era (the oldest, the CCW, was
// adopted in 1980) to the end of the century.
var (
	DefaultWindowFirst = civil.Date(1980, time.January, 1)
	DefaultWindowLast  = civil.Date(2099, time.December, 31)
)

// Window sets the days within which recurring events (RRULE, RDATE) are expanded:
// an occurrence is kept when its first day is from first to last, inclusive.
// Events without recurrence are not affected. The default is DefaultWindowFirst
// to DefaultWindowLast. Call it before Decode.
func (d *Decoder) Window(first, last civil.Day) {
	d.first, d.last = first, last
}

// recurrence holds an event's RRULE, RDATE, EXDATE and RECURRENCE-ID lines.
type recurrence struct {
	rrule           *contentLine
	rdates, exdates []contentLine
	id              *contentLine
}

func (r recurrence) recurs() bool {
	return r.rrule != nil || len(r.rdates) > 0 || len(r.exdates) > 0
}

// occurrences expands e, an event with DTSTART and an RRULE, RDATEs or EXDATEs,
// into one event per occurrence within the window (RFC 5545 §3.8.5): DTSTART
// first, then the dates of the rule (COUNT counting DTSTART) and the RDATEs, less
// the EXDATEs. Each keeps the exact length of the first (whole days for all-day
// events) and carries its start as RecurrenceID. A problem comes with its line.
func (d *Decoder) occurrences(e Event, rec recurrence) ([]Event, *contentLine, error) {
	loc := e.Start.Location()
	starts := []time.Time{e.Start}
	if rec.rrule != nil {
		more, err := ruleStarts(e, rec.rrule.value, d.first, d.last)
		if err != nil {
			return nil, rec.rrule, err
		}
		starts = append(starts, more...)
	}
	for _, rd := range rec.rdates {
		ts, err := d.dateList(rd, e.AllDay)
		if err != nil {
			return nil, &rd, err
		}
		starts = append(starts, ts...)
	}
	excluded := make(map[int64]bool)
	for _, ex := range rec.exdates {
		ts, err := d.dateList(ex, e.AllDay)
		if err != nil {
			return nil, &ex, err
		}
		for _, t := range ts {
			excluded[t.Unix()] = true
		}
	}
	slices.SortFunc(starts, func(a, b time.Time) int { return a.Compare(b) })
	starts = slices.CompactFunc(starts, func(a, b time.Time) bool { return a.Equal(b) })
	var out []Event
	for _, t := range starts {
		if day := civil.DayOf(t.In(loc)); excluded[t.Unix()] || day < d.first || day > d.last {
			continue
		}
		if len(out) == maxOccurrences {
			return nil, rec.rrule, wrapf(ErrBadRecurrence, "more than %d occurrences from %s to %s", maxOccurrences, d.first, d.last)
		}
		out = append(out, occurrence(e, t.In(loc)))
	}
	if len(out) == 0 {
		at := rec.rrule
		if at == nil {
			at = &contentLine{line: e.Line, name: "VEVENT"}
		}
		return nil, at, wrapf(ErrBadRecurrence, "no occurrence from %s to %s", d.first, d.last)
	}
	return out, nil, nil
}

// ruleStarts returns the starts after DTSTART that the RRULE value v gives, up to
// the day last; without COUNT, from the day first on.
func ruleStarts(e Event, v string, first, last civil.Day) ([]time.Time, error) {
	r, err := parseRRule(v)
	if err != nil {
		return nil, err
	}
	loc := e.Start.Location()
	until, err := ruleUntil(r, loc)
	if err != nil {
		return nil, err
	}
	var out []time.Time
	n, scanned := 1, 0 // DTSTART is the first occurrence
	from := civil.DayOf(e.Start)
	if r.count == 0 {
		from = max(from, first) // nothing before the window is kept or counted
	}
	r.each(civil.DayOf(e.Start), from, last, func(day civil.Day) bool {
		scanned++
		t := atDay(e.Start, day, loc)
		switch {
		case !t.After(e.Start):
			return true
		case !until.IsZero() && t.After(until), r.count > 0 && n >= r.count:
			return false
		}
		n++
		out = append(out, t)
		// Bound the work on a rule that gives dates outside any sensible window.
		return scanned < 200*maxOccurrences
	})
	return out, nil
}

// ruleUntil is the rule's UNTIL as an instant; a DATE is the end of that day and a
// floating DATE-TIME is read in loc. Zero when the rule has no UNTIL.
func ruleUntil(r rrule, loc *time.Location) (time.Time, error) {
	if r.until == "" {
		return time.Time{}, nil
	}
	w, err := parseWhen(contentLine{name: "UNTIL", value: r.until}, nil)
	if err != nil {
		return time.Time{}, wrapf(ErrBadRecurrence, "UNTIL=%s is not a DATE or DATE-TIME", r.until)
	}
	t := w.t
	switch {
	case w.allDay:
		y, m, dd := t.Date()
		t = time.Date(y, m, dd, 23, 59, 59, 0, loc)
	case !strings.HasSuffix(r.until, "Z"):
		t = atDay(t, civil.DayOf(t), loc)
	}
	return t, nil
}

// atDay is the time of day of start on day, in loc.
func atDay(start time.Time, day civil.Day, loc *time.Location) time.Time {
	y, m, dd := day.Time().Date()
	h, mi, s := start.Clock()
	return time.Date(y, m, dd, h, mi, s, 0, loc)
}

// dateList parses an RDATE or EXDATE line: comma-separated DATE or DATE-TIME
// values (with the line's TZID). PERIOD values are not supported.
func (d *Decoder) dateList(cl contentLine, allDay bool) ([]time.Time, error) {
	if strings.EqualFold(cl.param("VALUE"), "PERIOD") || strings.Contains(cl.value, "/") {
		return nil, wrapf(ErrBadRecurrence, "%s PERIOD values are not supported", cl.name)
	}
	var out []time.Time
	for _, v := range strings.Split(cl.value, ",") {
		one := cl
		one.value = v
		w, err := parseWhen(one, d.zone)
		if err != nil {
			return nil, err
		}
		if w.allDay != allDay {
			return nil, wrapf(ErrBadDate, "%s and DTSTART differ in value type (DATE vs DATE-TIME)", cl.name)
		}
		out = append(out, w.t)
	}
	return out, nil
}

// occurrence is e moved to start t, with its length kept.
func occurrence(e Event, t time.Time) Event {
	o := e
	o.Categories = slices.Clone(e.Categories)
	o.Props = maps.Clone(e.Props)
	if e.AllDay {
		days := int(civil.DayOf(e.End) - civil.DayOf(e.Start))
		o.Start, o.End = t, t.AddDate(0, 0, days)
	} else {
		o.Start, o.End = t, t.Add(e.End.Sub(e.Start))
	}
	o.StartText = whenText(t, e.StartText, e.AllDay)
	if e.EndText != "" {
		o.EndText = whenText(o.End, e.EndText, e.AllDay)
	}
	o.RecurrenceID = o.StartText
	o.OccurrenceDay = civil.DayOf(t)
	setDays(&o)
	return o
}

// whenText writes t in the form of like, a DTSTART or DTEND as written: a DATE, a
// UTC DATE-TIME or a local one.
func whenText(t time.Time, like string, allDay bool) string {
	switch {
	case allDay:
		return t.Format("20060102")
	case strings.HasSuffix(strings.TrimSpace(like), "Z"):
		return t.UTC().Format("20060102T150405Z")
	}
	return t.Format("20060102T150405")
}
