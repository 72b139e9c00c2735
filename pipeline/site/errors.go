package site

import "errors"

// Errors of the package; match them with errors.Is.
var (
	// ErrNotSite: the destination exists and is neither a site this package wrote
	// (a link) nor an empty or earlier-written folder it may replace.
	ErrNotSite = errors.New("destination is not a site folder")
	// ErrNoFeed: a site needs the calendar feed.
	ErrNoFeed = errors.New("no calendar feed")
)
