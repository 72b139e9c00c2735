package plan

import (
	"errors"
	"strconv"
	"strings"
)

// Errors reported by [ReadDraft] and [CheckConflicts]. Each bad place in a draft
// is a [*DraftError] wrapping one of these; match them with [errors.Is] and the
// position with [errors.As]. ReadDraft joins the errors of every bad row
// ([errors.Join]), so one bad row never hides another.
var (
	// ErrEmpty: the draft has no header line.
	ErrEmpty = errors.New("empty draft")
	// ErrHeader: the header is not the draft's columns in their order.
	ErrHeader = errors.New("header is not " + strings.Join(draftColumns, ","))
	// ErrSyntax: the line is not CSV (a stray quote, a wrong number of fields).
	ErrSyntax = errors.New("not a CSV record of the header's columns")
	// ErrMissing: a required field is empty.
	ErrMissing = errors.New("required field is empty")
	// ErrDate: a date is not an ISO date (YYYY-MM-DD).
	ErrDate = errors.New("not an ISO date (YYYY-MM-DD)")
	// ErrUnknownInstrument: instrument_id is not one of treaty.IDs.
	ErrUnknownInstrument = errors.New("unknown instrument")
	// ErrUnknownState: a state in parties is not in the snapshot's states.
	ErrUnknownState = errors.New("unknown state")
	// ErrEndBeforeStart: end_date is before start_date.
	ErrEndBeforeStart = errors.New("end date before start date")
	// ErrNoWorkingDay: the meeting has no working day (Monday to Friday) between
	// its start and end.
	ErrNoWorkingDay = errors.New("no working day between start and end")
	// ErrWindow: the window cannot hold the meeting (its earliest start is after
	// its latest, or it has no working day in the year to start on).
	ErrWindow = errors.New("window cannot hold the meeting")
	// ErrFixedStart: a fixed meeting starts on a Saturday or Sunday, where no
	// meeting may start.
	ErrFixedStart = errors.New("fixed meeting does not start on a working day")
	// ErrOtherYear: the meeting's start is not in the planned year.
	ErrOtherYear = errors.New("start date is not in the planned year")
	// ErrDuplicateID: a meeting_id is used twice.
	ErrDuplicateID = errors.New("duplicate meeting id")
	// ErrNoCity: the city list is empty, or has an empty entry between '|'.
	ErrNoCity = errors.New("empty city list")
	// ErrBool: fixed is not true, false, yes, no, 1, 0 or empty.
	ErrBool = errors.New("not true or false")
	// ErrMode: mode is not in_person, online, hybrid, written_procedure or empty.
	ErrMode = errors.New("mode is not in_person, online, hybrid or written_procedure")
	// ErrUnknownMeeting: parallel_with names a meeting that is not in the draft.
	ErrUnknownMeeting = errors.New("no such meeting in the draft")
	// ErrNoMeetings: the draft has a header and no meeting.
	ErrNoMeetings = errors.New("no meetings")
	// ErrConflict: fixed meetings that share a party overlap; no calendar
	// within the draft's constraints exists.
	ErrConflict = errors.New("infeasible")
)

// DraftError is a problem at one place in a draft file. Line is 1-based (the
// header is line 1); 0 means the file as a whole. Field names the column
// concerned ("header" or "line" for the whole line). Raw is the field's value as
// read.
type DraftError struct {
	File  string
	Line  int
	Field string
	Raw   string
	Err   error
}

// Error returns "file:line: field: reason", or "file: field: reason" when Line is 0.
func (e *DraftError) Error() string {
	s := e.File
	if e.Line > 0 {
		s += ":" + strconv.Itoa(e.Line)
	}
	return s + ": " + e.Field + ": " + e.Err.Error()
}

// Unwrap returns the underlying error, usually one of the Err… sentinels.
func (e *DraftError) Unwrap() error { return e.Err }
