package ics

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"sort"
	"strings"
	"time"
	"unicode/utf8"
)

// ErrUnencodable means a [Calendar] or [Event] value cannot be written as valid iCalendar
// (a missing required property, a TEXT value with control characters or invalid
// UTF-8, an unknown STATUS, a bad X- property name, an end before the start).
//
// It lives here rather than in errors.go while the encoder is new; it belongs with
// the other sentinels.
var ErrUnencodable = errors.New("cannot encode")

// maxOctets is the longest physical line an Encoder writes, CRLF excluded
// (RFC 5545 §3.1: "Lines of text SHOULD NOT be longer than 75 octets").
const maxOctets = 75

// Calendar is one VCALENDAR for an [Encoder] to write.
type Calendar struct {
	// ProdID is the PRODID property (RFC 5545 §3.7.3), such as
	// "-//synergy//calendar//EN". Required.
	ProdID string
	// Name, when not "", is written as NAME (RFC 7986 §5.1) and as X-WR-CALNAME,
	// the name Google Calendar, Apple Calendar and Outlook show.
	Name string
	// Stamp is the DTSTAMP of every event (RFC 5545 §3.8.7.2), written in UTC to
	// the second. Required: the encoder never reads the clock, so the same Calendar
	// always gives the same bytes.
	Stamp time.Time
	// Events are written in order.
	Events []Event
}

// Encoder writes iCalendar (RFC 5545) to an io.Writer.
type Encoder struct {
	w io.Writer
}

// NewEncoder returns an encoder writing to w. It does not close w.
func NewEncoder(w io.Writer) *Encoder { return &Encoder{w: w} }

// Encode writes cal as one VCALENDAR (VERSION 2.0, CALSCALE GREGORIAN) with one VEVENT
// per event, and nothing else. Output is deterministic: the same Calendar gives the
// same bytes.
//
// Format: lines end in CRLF and are folded so that no physical line exceeds 75
// octets, never inside a UTF-8 sequence (a continuation line starts with one space).
// TEXT values (PRODID, NAME, UID, SUMMARY, LOCATION, DESCRIPTION, CATEGORIES, X-
// properties) are escaped as RFC 5545 §3.3.11 says: \\ \; \, and \n for a line feed.
// They must be valid UTF-8 without ASCII control characters other than tab and line
// feed (so "\r\n" line breaks must be turned into "\n" by the caller).
//
// Of each [Event], Encode writes, in this order:
//
//   - UID (required) and DTSTAMP (cal.Stamp);
//   - for an all-day event (AllDay), DTSTART;VALUE=DATE with Start's date and DTEND;
//     VALUE=DATE with End's date, exclusive (RFC 5545 §3.6.1), dates read in the
//     values' own locations: an event on 29 November to 3 December 2010 has Start
//     2010-11-29 and End 2010-12-04, which is what [Decoder] returns. A zero End
//     means one day; End must be after Start's date;
//   - otherwise DTSTART (required) and, unless End is zero, DTEND as UTC DATE-TIME
//     ("…Z"), to the second (fractions are dropped); End must not be before Start;
//   - SUMMARY, LOCATION and DESCRIPTION when not "";
//   - CATEGORIES, one property listing every value, each trimmed of surrounding
//     space; empty values are left out (as Decoder does), none gives no property;
//   - STATUS when not "": CONFIRMED, TENTATIVE or CANCELLED (any case, written
//     upper-case);
//   - URL when not "", trimmed of surrounding space and written as is (URI, not TEXT:
//     no escapes); it must be an absolute http or https URL with a host, without
//     spaces or control characters (not "javascript:…", not "www.example.org");
//   - the entries of Props whose name starts with "X-", by name, upper-cased, as TEXT.
//     Other Props entries (DTSTAMP, RRULE, …, as a decoded event carries them) are
//     not written: DTSTAMP comes from cal.Stamp, and the encoder does not know the
//     other properties' value types.
//
// Line and the FirstDay, LastDay, StartText and EndText fields are not read.
//
// Encode checks the whole calendar before writing: on error (wrapping
// [ErrUnencodable], naming the event by index and UID) nothing has been written.
// Events that Encode writes decode with [Decoder] to the same UID, Summary,
// Description, Location, URL, Status (upper-cased), Categories (trimmed, empty ones
// dropped), X- Props (names upper-cased) and AllDay; timed events to the same Start
// and End instants (to the second), all-day events to Start and End at midnight UTC
// of the dates written, which are the values given when those were midnight UTC
// already (as [synergy/pipeline/civil.Day.Time] gives).
func (enc *Encoder) Encode(cal Calendar) error {
	var b bytes.Buffer
	lw := lineWriter{b: &b}
	if strings.TrimSpace(cal.ProdID) == "" {
		return unencodable("calendar: PRODID is empty")
	}
	if cal.Stamp.IsZero() {
		return unencodable("calendar: DTSTAMP (Stamp) is zero")
	}
	stamp, err := utcDateTime(cal.Stamp)
	if err != nil {
		return fmt.Errorf("calendar: DTSTAMP: %w", err)
	}
	lw.line("BEGIN:VCALENDAR")
	lw.line("VERSION:2.0")
	lw.text("PRODID", cal.ProdID)
	lw.line("CALSCALE:GREGORIAN")
	if cal.Name != "" {
		lw.text("NAME", cal.Name)
		lw.text("X-WR-CALNAME", cal.Name)
	}
	if lw.err != nil {
		return fmt.Errorf("calendar: %w", lw.err)
	}
	for i := range cal.Events {
		if err := lw.event(&cal.Events[i], stamp); err != nil {
			return fmt.Errorf("event %d (UID %q): %w", i, cal.Events[i].UID, err)
		}
	}
	lw.line("END:VCALENDAR")
	_, err = enc.w.Write(b.Bytes())
	return err
}

// lineWriter folds and writes content lines; the first problem is kept in err and
// later calls do nothing.
type lineWriter struct {
	b   *bytes.Buffer
	err error
}

func (lw *lineWriter) event(e *Event, stamp string) error {
	if strings.TrimSpace(e.UID) == "" {
		return unencodable("UID is empty")
	}
	lw.line("BEGIN:VEVENT")
	lw.text("UID", e.UID)
	if !e.Stamp.IsZero() {
		own, err := utcDateTime(e.Stamp)
		if err != nil {
			return fmt.Errorf("DTSTAMP: %w", err)
		}
		stamp = own
	}
	lw.line("DTSTAMP:" + stamp)
	if err := lw.dates(e); err != nil {
		return err
	}
	for _, p := range []struct{ name, value string }{
		{"SUMMARY", e.Summary}, {"LOCATION", e.Location}, {"DESCRIPTION", e.Description},
	} {
		if p.value != "" {
			lw.text(p.name, p.value)
		}
	}
	var cats []string
	for _, c := range e.Categories {
		if c = strings.TrimSpace(c); c != "" {
			if err := checkText("CATEGORIES", c); err != nil {
				return err
			}
			cats = append(cats, escapeText(c))
		}
	}
	if len(cats) > 0 {
		lw.line("CATEGORIES:" + strings.Join(cats, ","))
	}
	if e.Status != "" {
		s := strings.ToUpper(e.Status)
		switch s {
		case "CONFIRMED", "TENTATIVE", "CANCELLED":
		default:
			return unencodable("STATUS %q is not CONFIRMED, TENTATIVE or CANCELLED", e.Status)
		}
		lw.line("STATUS:" + s)
	}
	switch e.Transp {
	case "":
	case "OPAQUE", "TRANSPARENT":
		lw.line("TRANSP:" + e.Transp)
	default:
		return unencodable("TRANSP %q is not OPAQUE or TRANSPARENT", e.Transp)
	}
	if u := strings.TrimSpace(e.URL); u != "" {
		if !utf8.ValidString(u) || strings.ContainsFunc(u, isControl) || strings.ContainsAny(u, "\t\n") {
			return unencodable("URL %q holds control characters or invalid UTF-8", u)
		}
		if err := checkURL(u); err != nil {
			return fmt.Errorf("%w: URL: %w", ErrUnencodable, err)
		}
		lw.line("URL:" + u)
	}
	if err := lw.xprops(e.Props); err != nil {
		return err
	}
	lw.line("END:VEVENT")
	return lw.err
}

func (lw *lineWriter) dates(e *Event) error {
	if e.AllDay {
		if e.Start.IsZero() {
			return unencodable("all-day event without DTSTART (Start is zero)")
		}
		start := dateOf(e.Start)
		end := start.AddDate(0, 0, 1)
		if !e.End.IsZero() {
			end = dateOf(e.End)
		}
		if !end.After(start) {
			return unencodable("DTEND %s is not after DTSTART %s (all-day DTEND is exclusive)",
				end.Format(time.DateOnly), start.Format(time.DateOnly))
		}
		if start.Year() < 0 || end.Year() > 9999 {
			return unencodable("dates %s to %s are outside years 0000-9999", start, end)
		}
		lw.line("DTSTART;VALUE=DATE:" + start.Format("20060102"))
		lw.line("DTEND;VALUE=DATE:" + end.Format("20060102"))
		return nil
	}
	if e.Start.IsZero() {
		return unencodable("no DTSTART (Start is zero)")
	}
	start, err := utcDateTime(e.Start)
	if err != nil {
		return fmt.Errorf("DTSTART: %w", err)
	}
	lw.line("DTSTART:" + start)
	if e.End.IsZero() {
		return nil
	}
	if e.End.Truncate(time.Second).Before(e.Start.Truncate(time.Second)) {
		return unencodable("DTEND %s is before DTSTART %s", e.End.UTC(), e.Start.UTC())
	}
	end, err := utcDateTime(e.End)
	if err != nil {
		return fmt.Errorf("DTEND: %w", err)
	}
	lw.line("DTEND:" + end)
	return nil
}

func (lw *lineWriter) xprops(props map[string]string) error {
	names := make([]string, 0, len(props))
	upper := make(map[string]string, len(props))
	for name := range props {
		if len(name) < 2 || !strings.EqualFold(name[:2], "X-") {
			continue
		}
		u := strings.ToUpper(name)
		if prev, dup := upper[u]; dup {
			a, b := min(prev, name), max(prev, name)
			return unencodable("X- properties %q and %q differ only in case", a, b)
		}
		if len(u) == 2 || strings.IndexFunc(u, func(r rune) bool { return r > 0x7f || !isNameChar(byte(r)) }) >= 0 {
			return unencodable("property name %q is not X- followed by letters, digits and '-'", name)
		}
		upper[u] = name
		names = append(names, u)
	}
	sort.Strings(names)
	for _, u := range names {
		lw.text(u, props[upper[u]])
	}
	return lw.err
}

// text writes a TEXT property, escaped.
func (lw *lineWriter) text(name, value string) {
	if lw.err != nil {
		return
	}
	if err := checkText(name, value); err != nil {
		lw.err = err
		return
	}
	lw.line(name + ":" + escapeText(value))
}

// line writes one content line, folded at maxOctets between UTF-8 sequences
// (RFC 5545 §3.1), with CRLF.
func (lw *lineWriter) line(s string) {
	if lw.err != nil {
		return
	}
	if len(s) >= maxLine {
		lw.err = unencodable("%.20s… is %d octets long, over the decoders' limit", s, len(s))
		return
	}
	limit := maxOctets
	for len(s) > limit {
		cut := limit
		for !utf8.RuneStart(s[cut]) {
			cut--
		}
		lw.b.WriteString(s[:cut])
		lw.b.WriteString("\r\n ")
		s = s[cut:]
		limit = maxOctets - 1 // the leading space counts
	}
	lw.b.WriteString(s)
	lw.b.WriteString("\r\n")
}

// checkText reports whether value can be written as TEXT: valid UTF-8 without ASCII
// control characters other than tab and line feed (RFC 5545 §3.3.11 TSAFE-CHAR).
func checkText(name, value string) error {
	if !utf8.ValidString(value) {
		return unencodable("%s: invalid UTF-8 in %q", name, value)
	}
	if i := strings.IndexFunc(value, isControl); i >= 0 {
		return unencodable("%s: control character %U in %q", name, value[i], value)
	}
	return nil
}

// isControl reports an ASCII control character that TEXT cannot carry; tab is TSAFE
// and line feed is written as \n.
func isControl(r rune) bool {
	return (r < 0x20 && r != '\t' && r != '\n') || r == 0x7f
}

// escapeText applies the TEXT escapes of RFC 5545 §3.3.11, undone by unescapeText.
func escapeText(s string) string {
	if !strings.ContainsAny(s, "\\;,\n") {
		return s
	}
	var b strings.Builder
	b.Grow(len(s) + 8)
	for i := 0; i < len(s); i++ {
		switch c := s[i]; c {
		case '\\', ';', ',':
			b.WriteByte('\\')
			b.WriteByte(c)
		case '\n':
			b.WriteString(`\n`)
		default:
			b.WriteByte(c)
		}
	}
	return b.String()
}

// dateOf returns midnight UTC of t's date in t's own location.
func dateOf(t time.Time) time.Time {
	y, m, d := t.Date()
	return time.Date(y, m, d, 0, 0, 0, 0, time.UTC)
}

// utcDateTime formats t as an RFC 5545 UTC DATE-TIME, "20060102T150405Z".
func utcDateTime(t time.Time) (string, error) {
	u := t.UTC()
	if u.Year() < 0 || u.Year() > 9999 {
		return "", unencodable("%s is outside years 0000-9999", u)
	}
	return u.Format("20060102T150405Z"), nil
}

func unencodable(format string, args ...any) error {
	return wrapf(ErrUnencodable, format, args...)
}
