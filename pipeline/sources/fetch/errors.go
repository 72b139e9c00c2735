package fetch

import (
	"errors"
	"fmt"
)

// Errors of Fetch and Validate; match them with errors.Is.
var (
	// ErrUnavailable means every attempt failed with a network error, a timeout or a
	// 5xx answer. The error also wraps the last failure: a *StatusError, or the
	// transport's error (context.DeadlineExceeded for a timed-out attempt).
	ErrUnavailable = errors.New("source unavailable")
	// ErrStatus means the server answered with a status Fetch does not accept; a
	// [*StatusError] carries it. A 4xx is not retried.
	ErrStatus = errors.New("unexpected HTTP status")
	// ErrTooLarge means the body is longer than Fetcher.MaxBytes. Not retried.
	ErrTooLarge = errors.New("response too large")
	// ErrBadURL means the URL cannot be fetched: it does not parse, or its scheme is
	// not http or https.
	ErrBadURL = errors.New("not an http or https URL")
	// ErrRedirect means the server redirected to a URL the source's redirect
	// policy refuses ([Redirects]): another host or port, a downgrade from https,
	// a scheme other than http(s), or too many hops. Not retried.
	ErrRedirect = errors.New("redirect refused")
	// ErrWrongContent means Validate refused a body: it is not what the manifest's
	// format says (an HTML error page instead of a calendar, a page without a
	// participant grid, a CSV without the expected columns).
	ErrWrongContent = errors.New("wrong content")
	// ErrUnknownFormat means Validate has no check for the format, so a source of that
	// format cannot be fetched.
	ErrUnknownFormat = errors.New("format has no content check")
)

// Error is a failed Fetch: which URL, after how many attempts, and why.
type Error struct {
	URL      string
	Attempts int   // attempts made, 1 + retries used
	Err      error // wraps one of the Err… sentinels, or the context's error
}

// Error formats the error as "fetch URL (n attempts): reason".
func (e *Error) Error() string {
	plural := "s"
	if e.Attempts == 1 {
		plural = ""
	}
	return fmt.Sprintf("fetch %s (%d attempt%s): %v", e.URL, e.Attempts, plural, e.Err)
}

// Unwrap returns the underlying error.
func (e *Error) Unwrap() error { return e.Err }

// StatusError is an answer with a status Fetch does not accept.
type StatusError struct {
	Code   int    // e.g. 503
	Status string // the status line's text, e.g. "503 Service Unavailable"
}

// Error returns the status line.
func (e *StatusError) Error() string { return e.Status }

// Unwrap returns [ErrStatus].
func (e *StatusError) Unwrap() error { return ErrStatus }

// Temporary reports whether the status is worth retrying: a 5xx.
func (e *StatusError) Temporary() bool { return e.Code >= 500 && e.Code <= 599 }
