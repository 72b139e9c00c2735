package ics

import (
	"errors"
	"fmt"
)

// Structural errors. Decode returns them (inside a *ParseError) and no events: the
// file cannot be read reliably past them.
var (
	// ErrNoCalendar: the input does not start with BEGIN:VCALENDAR, is empty, or has
	// content between two calendars.
	ErrNoCalendar = errors.New("expected BEGIN:VCALENDAR")
	// ErrUnterminated: a component has no END line (the error names its BEGIN line).
	ErrUnterminated = errors.New("unterminated component")
	// ErrUnexpectedEnd: an END line closes no open component.
	ErrUnexpectedEnd = errors.New("END without matching BEGIN")
	// ErrLineTooLong: an unfolded content line exceeds the decoder's limit (1 MiB).
	ErrLineTooLong = errors.New("content line too long")
)

// Row-level errors. Decode records them in Rejects and drops the event they occur in
// (or, outside events, the line); decoding goes on.
var (
	// ErrSyntax: a content line is not NAME *(;PARAM=VALUE) :VALUE (RFC 5545 §3.1).
	ErrSyntax = errors.New("malformed content line")
	// ErrBadDate: a DTSTART or DTEND value is not a valid DATE or DATE-TIME.
	ErrBadDate = errors.New("bad date")
	// ErrUnknownTZ: a TZID names no zone in the IANA database (nor a Windows name we map).
	ErrUnknownTZ = errors.New("unknown time zone")
	// ErrBadDuration: a DURATION value is malformed or conflicts with DTEND.
	ErrBadDuration = errors.New("bad duration")
	// ErrEndBeforeStart: the event ends before it starts.
	ErrEndBeforeStart = errors.New("end before start")
	// ErrBadStatus: STATUS is not CONFIRMED, TENTATIVE or CANCELLED.
	ErrBadStatus = errors.New("bad status")
	// ErrDuplicate: a property that may occur once in an event occurs again.
	ErrDuplicate = errors.New("property repeated")
	// ErrBadRecurrence: an RRULE, RDATE or EXDATE that the decoder cannot expand
	// (a rule part it does not support, a malformed value, no occurrence or too many
	// within the window).
	ErrBadRecurrence = errors.New("recurrence not expanded")
	// ErrNoEvents: a VCALENDAR holds no VEVENT at all.
	ErrNoEvents = errors.New("calendar has no events")
)

// Mapping errors, reported by [Meetings] as rawtable.Reject reasons.
var (
	// ErrNoInstrument: neither X-SYNERGY-INSTRUMENT nor CATEGORIES names an instrument.
	ErrNoInstrument = errors.New("no instrument")
	// ErrNoStart: the event has no DTSTART.
	ErrNoStart = errors.New("no DTSTART")
	// ErrNoCode: the event has neither X-SYNERGY-CODE nor UID.
	ErrNoCode = errors.New("no X-SYNERGY-CODE or UID")
	// ErrDuplicateMeeting: two events map to the same meeting_id.
	ErrDuplicateMeeting = errors.New("duplicate meeting_id")
	// ErrPlace: LOCATION names two of the known venue cities, or spans several lines
	// without naming one, so the meeting's city cannot be told.
	ErrPlace = errors.New("city not clear from LOCATION")
	// ErrBadURL: URL is not an absolute http or https address.
	ErrBadURL = errors.New("not an http or https URL")
)

// ParseError is a problem at one line of one input. Its message is
// "file:line: field: reason" (without "field: " when Field is empty).
type ParseError struct {
	File  string // the name given to NewDecoder or Meetings
	Line  int    // 1-based physical line; for folded lines, the first of them
	Field string // property or component name, e.g. "DTSTART" or "VEVENT"; may be empty
	Raw   string // the unfolded content line, when there is one; not in the message
	Err   error  // wraps one of the Err… sentinels
}

func (e *ParseError) Error() string {
	if e.Field == "" {
		return fmt.Sprintf("%s:%d: %v", e.File, e.Line, e.Err)
	}
	return fmt.Sprintf("%s:%d: %s: %v", e.File, e.Line, e.Field, e.Err)
}

// Unwrap returns the underlying error, so errors.Is matches the sentinels.
func (e *ParseError) Unwrap() error { return e.Err }

// Place returns where e is, for [rawtable.RejectOf].
func (e *ParseError) Place() (file string, line int, field, raw string) {
	return e.File, e.Line, e.Field, e.Raw
}

// wrapf returns an error wrapping sentinel with detail appended: "sentinel: detail".
func wrapf(sentinel error, format string, args ...any) error {
	return fmt.Errorf("%w: "+format, append([]any{sentinel}, args...)...)
}
