package calendar

import "errors"

var (
	// ErrNotPublished: the snapshot does not publish a table the calendar reads;
	// one made by an older synergy may lack meeting_theme_vectors.
	ErrNotPublished = errors.New("table not published")
	// ErrUnknownMeeting: meeting_pairs names a meeting that meetings_enriched lacks.
	ErrUnknownMeeting = errors.New("meeting not in meetings_enriched")
	// ErrBadURL: a URL the calendar would write is not an absolute http(s) URL
	// without spaces.
	ErrBadURL = errors.New("not an absolute http(s) URL without spaces")
)
