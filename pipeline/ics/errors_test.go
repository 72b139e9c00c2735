package ics

import (
	"errors"
	"fmt"
	"strings"
	"testing"

	"synergy/pipeline/rawtable"
)

// sentinels is the catalogue of errors.go; a new sentinel belongs here too.
var sentinels = []error{
	ErrNoCalendar, ErrUnterminated, ErrUnexpectedEnd, ErrLineTooLong,
	ErrSyntax, ErrBadDate, ErrUnknownTZ, ErrBadDuration, ErrEndBeforeStart, ErrBadStatus, ErrDuplicate,
	ErrBadRecurrence, ErrNoEvents,
	ErrNoInstrument, ErrNoStart, ErrNoCode, ErrDuplicateMeeting, ErrPlace, ErrBadURL,
}

func TestErrorsIsThroughWrappers(t *testing.T) {
	for _, s := range sentinels {
		t.Run(s.Error(), func(t *testing.T) {
			pe := &ParseError{File: "m.ics", Line: 7, Field: "DTSTART", Err: wrapf(s, "%q", "x")}
			wrapped := fmt.Errorf("load meetings: %w", pe)
			joined := errors.Join(errors.New("other"), wrapped)
			for _, err := range []error{pe, wrapped, joined} {
				if !errors.Is(err, s) {
					t.Errorf("errors.Is(%v, %v) = false", err, s)
				}
				var got *ParseError
				if !errors.As(err, &got) || got != pe {
					t.Errorf("errors.As(%v) did not find the *ParseError", err)
				}
			}
			for _, other := range sentinels {
				if other != s && errors.Is(pe, other) {
					t.Errorf("%v also matches %v", pe, other)
				}
			}
		})
	}
}

func TestParseErrorMessage(t *testing.T) {
	tests := []struct {
		pe   *ParseError
		want string
	}{
		{&ParseError{File: "m.ics", Line: 7, Field: "DTSTART", Err: wrapf(ErrBadDate, "%q is not a valid date", "20240230")},
			`m.ics:7: DTSTART: bad date: "20240230" is not a valid date`},
		{&ParseError{File: "m.ics", Line: 1, Err: ErrNoCalendar}, "m.ics:1: expected BEGIN:VCALENDAR"},
	}
	for _, tc := range tests {
		if got := tc.pe.Error(); got != tc.want {
			t.Errorf("Error() = %q, want %q", got, tc.want)
		}
	}
}

// TestMessagesNoRepeatedPrefix guards against wrapping that says the same thing
// twice, such as "m.ics:3: m.ics:3: …" or "bad date: bad date: …".
func TestMessagesNoRepeatedPrefix(t *testing.T) {
	seen := map[string]bool{}
	for _, s := range sentinels {
		msg := s.Error()
		if seen[msg] {
			t.Errorf("two sentinels say %q", msg)
		}
		seen[msg] = true
		if msg != strings.ToLower(msg[:1])+msg[1:] && !strings.HasPrefix(msg, "END") {
			t.Errorf("sentinel %q should start lower-case", msg)
		}
	}
	inputs := []string{
		"",
		"BEGIN:VCALENDAR\nBEGIN:VEVENT\n",
		"BEGIN:VCALENDAR\nEND:VEVENT\n",
		cal("UID:a", "DTSTART;TZID=Nowhere/Else:20240101T090000"),
		cal("UID:a", "DTSTART:20240230"),
		cal("UID:a", "DTSTART:20240102T000000Z", "DTEND:20240101T000000Z"),
	}
	for _, in := range inputs {
		d := NewDecoder(strings.NewReader(in), "m.ics")
		_, err := d.Decode()
		errs := []error{err}
		for _, r := range d.Rejects() {
			errs = append(errs, r)
		}
		for _, err := range errs {
			if err == nil {
				continue
			}
			msg := err.Error()
			if strings.Count(msg, "m.ics:") != 1 {
				t.Errorf("%q names the file %d times", msg, strings.Count(msg, "m.ics:"))
			}
			for _, s := range sentinels {
				if strings.Count(msg, s.Error()+":") > 1 {
					t.Errorf("%q repeats %q", msg, s.Error())
				}
			}
		}
	}
}

func TestRejectOfParseError(t *testing.T) {
	pe := &ParseError{File: "m.ics", Line: 12, Field: "DTSTART", Raw: "DTSTART:2024", Err: wrapf(ErrBadDate, "%q", "2024")}
	r := rawtable.RejectOf(pe)
	if r.SourceFile != "m.ics" || r.Line != 12 || r.Field != "DTSTART" || r.Raw != "DTSTART:2024" ||
		r.Reason != `bad date: "2024"` {
		t.Errorf("Reject() = %+v", r)
	}
}
