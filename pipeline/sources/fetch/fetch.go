package fetch

import (
	"context"
	"errors"
	"fmt"
	"io"
	"math/rand/v2"
	"net/http"
	"net/url"
	"time"

	"synergy/pipeline/sources/archive"
)

// Defaults of a Fetcher's zero fields.
const (
	DefaultTimeout     = 30 * time.Second
	DefaultRetries     = 3
	DefaultBackoffBase = time.Second
	DefaultBackoffMax  = 30 * time.Second
	DefaultMaxBytes    = 50 << 20 // 50 MiB
	DefaultUserAgent   = "synergy-fetch/1"
)

// Fetcher downloads sources over http and https. The zero value is ready to use with
// the defaults below; a Fetcher is safe for concurrent use once set up.
type Fetcher struct {
	// Client sends the requests; nil means http.DefaultClient. Its own Timeout, if
	// any, applies as well as Timeout below.
	Client *http.Client
	// Timeout bounds each attempt, from sending the request to reading the last byte
	// of the body; 0 means DefaultTimeout (30 s).
	Timeout time.Duration
	// Retries is how many times a failed attempt is retried (network error, timeout or
	// 5xx): 0 means DefaultRetries (3), a negative number none.
	Retries int
	// Backoff says how long to wait before retry n (n from 1); nil means
	// Exponential(DefaultBackoffBase, DefaultBackoffMax, nil), which has no jitter.
	// [New] sets a jittered one.
	Backoff func(attempt int) time.Duration
	// UserAgent is sent with every request; "" means DefaultUserAgent.
	UserAgent string
	// MaxBytes is the longest body accepted; 0 means DefaultMaxBytes (50 MiB).
	MaxBytes int64
}

// New returns a Fetcher with the defaults and a backoff jittered from src
// (exponential from 1 s to 30 s, see [Exponential]); src nil gives no jitter. The
// caller owns the randomness: seed src from the clock or crypto/rand in main, or with
// fixed numbers in tests.
func New(src rand.Source) *Fetcher {
	return &Fetcher{
		Timeout:   DefaultTimeout,
		Retries:   DefaultRetries,
		Backoff:   Exponential(DefaultBackoffBase, DefaultBackoffMax, src),
		UserAgent: DefaultUserAgent,
		MaxBytes:  DefaultMaxBytes,
	}
}

// Result is a successful Fetch.
type Result struct {
	URL string // the URL asked for
	// FinalURL is the URL that answered, after the redirects followed; URL when
	// there were none.
	FinalURL string
	// NotModified is set when the server answered 304 to the conditional request:
	// the previous version is still current and Body is nil.
	NotModified bool
	Status      int    // 200 or 304
	Body        []byte // the body of a 200; nil for a 304
	// ETag, LastModified and ContentType are the response's headers; for a 304
	// without them, ETag and LastModified are the previous version's.
	ETag, LastModified, ContentType string
	Attempts                        int // attempts made, 1 + retries used
}

// Meta returns the result's ETag and Last-Modified, to store with the version.
func (r Result) Meta() archive.Meta {
	return archive.Meta{ETag: r.ETag, LastModified: r.LastModified}
}

// Fetch gets rawURL. prev is the source's latest stored version, or nil for a source
// never fetched: its ETag and Last-Modified make the request conditional. See the
// package documentation for retries and errors; every error is an [*Error].
// Redirects follow [Redirects]' default: to the same host only.
func (f *Fetcher) Fetch(ctx context.Context, rawURL string, prev *archive.Version) (Result, error) {
	return f.FetchWith(ctx, rawURL, prev, Redirects{})
}

// FetchWith is Fetch with a redirect policy: a redirect the policy refuses fails
// the fetch at once, without retries, with an error matching [ErrRedirect].
func (f *Fetcher) FetchWith(ctx context.Context, rawURL string, prev *archive.Version, redirects Redirects) (Result, error) {
	u, err := url.Parse(rawURL)
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
		return Result{}, &Error{URL: rawURL, Err: ErrBadURL}
	}
	client := *f.client() // a copy, to carry this source's policy
	client.CheckRedirect = redirects.check(u)
	attempts := 1 + f.retries()
	var last error
	for attempt := 1; attempt <= attempts; attempt++ {
		if attempt > 1 {
			if err := sleep(ctx, f.backoff(attempt-1)); err != nil {
				return Result{}, &Error{URL: rawURL, Attempts: attempt - 1, Err: fmt.Errorf("%w; last failure: %w", err, last)}
			}
		}
		res, retry, err := f.once(ctx, &client, rawURL, prev)
		if err == nil {
			res.Attempts = attempt
			return res, nil
		}
		if cerr := ctx.Err(); cerr != nil { // cancelled by the caller: no more attempts
			if !errors.Is(err, cerr) {
				err = fmt.Errorf("%w: %w", cerr, err)
			}
			return Result{}, &Error{URL: rawURL, Attempts: attempt, Err: err}
		}
		if !retry {
			return Result{}, &Error{URL: rawURL, Attempts: attempt, Err: err}
		}
		last = err
	}
	return Result{}, &Error{URL: rawURL, Attempts: attempts, Err: fmt.Errorf("%w: %w", ErrUnavailable, last)}
}

// once makes one attempt; retry says whether its failure is worth another.
func (f *Fetcher) once(ctx context.Context, client *http.Client, rawURL string, prev *archive.Version) (res Result, retry bool, err error) {
	ctx, cancel := context.WithTimeout(ctx, f.timeout())
	defer cancel()
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, rawURL, nil)
	if err != nil {
		return Result{}, false, fmt.Errorf("%w: %w", ErrBadURL, err)
	}
	req.Header.Set("User-Agent", f.userAgent())
	if prev != nil {
		if prev.ETag != "" {
			req.Header.Set("If-None-Match", prev.ETag)
		}
		if prev.LastModified != "" {
			req.Header.Set("If-Modified-Since", prev.LastModified)
		}
	}
	resp, err := client.Do(req)
	if err != nil {
		var ue *url.Error
		if errors.As(err, &ue) {
			err = ue.Err // the URL is in *Error already
		}
		if errors.Is(err, ErrRedirect) {
			return Result{}, false, err // the policy, not the network: asking again changes nothing
		}
		return Result{}, true, err // network error or timeout
	}
	defer resp.Body.Close()
	res = Result{
		URL: rawURL, FinalURL: resp.Request.URL.String(), Status: resp.StatusCode, ETag: resp.Header.Get("ETag"),
		LastModified: resp.Header.Get("Last-Modified"), ContentType: resp.Header.Get("Content-Type"),
	}
	status := &StatusError{Code: resp.StatusCode, Status: resp.Status}
	switch {
	case resp.StatusCode == http.StatusNotModified && prev != nil:
		res.NotModified = true
		if res.ETag == "" {
			res.ETag = prev.ETag
		}
		if res.LastModified == "" {
			res.LastModified = prev.LastModified
		}
		return res, false, nil
	case resp.StatusCode == http.StatusOK:
		limit := f.maxBytes()
		if resp.ContentLength > limit {
			return Result{}, false, fmt.Errorf("%w: %d bytes announced, limit %d", ErrTooLarge, resp.ContentLength, limit)
		}
		body, err := io.ReadAll(io.LimitReader(resp.Body, limit+1))
		if err != nil {
			return Result{}, true, fmt.Errorf("read body: %w", err) // cut off or timed out
		}
		if int64(len(body)) > limit {
			return Result{}, false, fmt.Errorf("%w: more than %d bytes", ErrTooLarge, limit)
		}
		res.Body = body
		return res, false, nil
	case status.Temporary():
		io.Copy(io.Discard, io.LimitReader(resp.Body, 64<<10)) // lets the connection be reused
		return Result{}, true, status
	default: // 4xx, 1xx, other 2xx, 3xx not followed, 304 to an unconditional request
		return Result{}, false, status
	}
}

// sleep waits d or until ctx is done.
func sleep(ctx context.Context, d time.Duration) error {
	if d <= 0 {
		return ctx.Err()
	}
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-ctx.Done():
		return ctx.Err()
	case <-t.C:
		return nil
	}
}

func (f *Fetcher) client() *http.Client {
	if f.Client != nil {
		return f.Client
	}
	return http.DefaultClient
}

func (f *Fetcher) timeout() time.Duration {
	if f.Timeout > 0 {
		return f.Timeout
	}
	return DefaultTimeout
}

func (f *Fetcher) retries() int {
	switch {
	case f.Retries < 0:
		return 0
	case f.Retries == 0:
		return DefaultRetries
	}
	return f.Retries
}

func (f *Fetcher) backoff(attempt int) time.Duration {
	if f.Backoff != nil {
		return f.Backoff(attempt)
	}
	return Exponential(DefaultBackoffBase, DefaultBackoffMax, nil)(attempt)
}

func (f *Fetcher) userAgent() string {
	if f.UserAgent != "" {
		return f.UserAgent
	}
	return DefaultUserAgent
}

func (f *Fetcher) maxBytes() int64 {
	if f.MaxBytes > 0 {
		return f.MaxBytes
	}
	return DefaultMaxBytes
}
