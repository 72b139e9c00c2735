// Package fetch downloads the sources of the manifest that live at an http or https
// URL, and checks that what came back is what the manifest says it is.
//
// # Fetching
//
// [Fetcher.Fetch] makes a conditional GET: given the source's previous version (from
// package archive) it sends If-None-Match with its ETag and If-Modified-Since with
// its Last-Modified, and a "304 Not Modified" answer gives a [Result] with NotModified
// set and no body. A 200 answer gives the body, at most [Fetcher.MaxBytes] long.
//
// Each attempt is bounded by [Fetcher.Timeout]. Network errors, timeouts and 5xx
// answers are retried up to [Fetcher.Retries] times, waiting [Fetcher.Backoff] between
// attempts; when every attempt failed the error wraps [ErrUnavailable] and the last
// failure. Any other answer (a 4xx, a redirect not followed, a 204) fails at once with
// a [*StatusError] wrapping [ErrStatus]; a body over the limit fails at once with
// [ErrTooLarge]. A cancelled ctx stops the attempts and the waits. Every error of
// Fetch is an [*Error] naming the URL and the number of attempts made.
//
// # Redirects
//
// Redirects are followed only as a [Redirects] policy allows ([Fetcher.FetchWith];
// Fetch uses the default): to the host and port asked for, over https (or http when
// the URL asked for was http), at most [MaxRedirects] hops, and to the policy's
// AllowHosts over https. Any other redirect (another host or port, file://, a
// downgrade to http) fails at once, not retried, with [ErrRedirect].
// [Result.FinalURL] is the URL that answered.
//
// # Validating
//
// A server may answer 200 with something other than the source: a maintenance page, a
// login form, an error page of a content-management system. [Validate] refuses such a
// body with [ErrWrongContent] by reading it with the reader the manifest names:
//
//   - untc: [untc.Decode] must find a participant grid with at least one participant;
//   - ics: [ics.NewDecoder] must decode the calendar and yield at least one VEVENT;
//   - membership, meetings, obligations: the CSV's header line must name every column
//     package csvsrc needs (the data rows are left to csvsrc, which rejects bad rows
//     one by one).
//
// The Content-Type header is not used: servers label calendars and CSV files
// text/html or application/octet-stream often enough that only the content decides.
// Formats with no check here ([Formats] lists those with one) give [ErrUnknownFormat]:
// they are not meant to be fetched.
//
// Errors are listed in errors.go; match them with errors.Is and errors.As.
package fetch
