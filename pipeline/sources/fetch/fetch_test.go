package fetch

import (
	"bytes"
	"context"
	"errors"
	"net/http"
	"strconv"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"synergy/pipeline/civil"
	"synergy/pipeline/sources/archive"
)

// TestNightlyCycle runs three nights against one source: first fetch, unchanged
// (304 on If-None-Match), changed (new ETag, new body), storing each in a
// archive and replaying by day.
func TestNightlyCycle(t *testing.T) {
	v1 := fixture(t, ccmPage)
	v2 := append(bytes.Clone(v1), "\n<!-- status changed -->\n"...)
	var (
		mu   sync.Mutex
		etag = `"v1"`
		body = v1
		inm  []string // If-None-Match of each request
	)
	srv := serve(t, func(w http.ResponseWriter, r *http.Request) {
		mu.Lock()
		defer mu.Unlock()
		inm = append(inm, r.Header.Get("If-None-Match"))
		w.Header().Set("ETag", etag)
		if r.Header.Get("If-None-Match") == etag {
			w.WriteHeader(http.StatusNotModified)
			return
		}
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		w.Write(body)
	})
	store, err := archive.Open(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	f := fastFetcher(srv)
	url := srv.URL + "/Pages/ViewDetails.aspx?mtdsg_no=XXVI-6"

	night := func(day civil.Day) (Result, archive.Version) {
		t.Helper()
		at := day.Time().Add(2 * time.Hour)
		var prev *archive.Version
		if v, err := store.Latest("ccm"); err == nil {
			prev = &v
		} else if !errors.Is(err, archive.ErrNoVersion) {
			t.Fatal(err)
		}
		res, err := f.Fetch(t.Context(), url, prev)
		if err != nil {
			t.Fatalf("%s: %v", day, err)
		}
		if res.NotModified {
			v, err := store.Unchanged("ccm", url, res.Meta(), at)
			if err != nil {
				t.Fatal(err)
			}
			return res, v
		}
		if err := Validate("untc", res.Body); err != nil {
			t.Fatalf("%s: %v", day, err)
		}
		v, _, err := store.Put("ccm", url, "html", bytes.NewReader(res.Body), res.Meta(), at)
		if err != nil {
			t.Fatal(err)
		}
		return res, v
	}

	d1, d2, d3 := civil.Date(2026, 2, 3), civil.Date(2026, 2, 4), civil.Date(2026, 2, 5)
	res, first := night(d1)
	if res.NotModified || res.Status != http.StatusOK || !bytes.Equal(res.Body, v1) || res.ETag != `"v1"` {
		t.Fatalf("night 1: status %d, not modified %v, etag %s, %d bytes", res.Status, res.NotModified, res.ETag, len(res.Body))
	}
	res, second := night(d2)
	if !res.NotModified || res.Body != nil || second.Status != archive.StatusUnchanged || second.SHA256 != first.SHA256 {
		t.Fatalf("night 2: not modified %v, %d bytes, stored %+v", res.NotModified, len(res.Body), second)
	}
	mu.Lock()
	etag, body = `"v2"`, v2
	mu.Unlock()
	res, third := night(d3)
	if res.NotModified || !bytes.Equal(res.Body, v2) || third.Status != archive.StatusNew || third.ETag != `"v2"` {
		t.Fatalf("night 3: not modified %v, stored %+v", res.NotModified, third)
	}

	if diff := cmp.Diff([]string{"", `"v1"`, `"v1"`}, inm); diff != "" {
		t.Errorf("If-None-Match sent (-want +got):\n%s", diff)
	}
	for _, tc := range []struct {
		day  civil.Day
		want []byte
	}{{d1, v1}, {d2, v1}, {d3, v2}} {
		v, err := store.AsOf("ccm", tc.day)
		if err != nil {
			t.Fatal(err)
		}
		got := fixture(t, store.Path(v))
		if !bytes.Equal(got, tc.want) {
			t.Errorf("replay as of %s: %d bytes, want %d", tc.day, len(got), len(tc.want))
		}
	}
}

func TestIfModifiedSince(t *testing.T) {
	const lm = "Tue, 03 Feb 2026 01:00:00 GMT"
	srv := serve(t, func(w http.ResponseWriter, r *http.Request) {
		if r.Header.Get("If-Modified-Since") == lm {
			w.WriteHeader(http.StatusNotModified)
			return
		}
		w.Header().Set("Last-Modified", lm)
		w.Write([]byte("BEGIN:VCALENDAR"))
	})
	f := fastFetcher(srv)
	res, err := f.Fetch(t.Context(), srv.URL, nil)
	if err != nil || res.LastModified != lm {
		t.Fatalf("first fetch: %+v, %v", res, err)
	}
	prev := &archive.Version{LastModified: res.LastModified}
	res, err = f.Fetch(t.Context(), srv.URL, prev)
	if err != nil || !res.NotModified || res.LastModified != lm {
		t.Fatalf("second fetch: %+v, %v", res, err)
	}
}

func TestRetries(t *testing.T) {
	ics := fixture(t, utcICS)
	tests := []struct {
		name         string
		fail         int // requests that fail before one succeeds
		failWith     func(w http.ResponseWriter, r *http.Request)
		wantAttempts int
		wantErr      []error // errors.Is targets; nil for success
		wantCode     int     // StatusError code in the error; 0 if none
	}{
		{
			name: "500 then 200", fail: 1, wantAttempts: 2,
			failWith: func(w http.ResponseWriter, r *http.Request) { http.Error(w, "oops", http.StatusInternalServerError) },
		},
		{
			name: "two 502 then 200", fail: 2, wantAttempts: 3,
			failWith: func(w http.ResponseWriter, r *http.Request) { http.Error(w, "bad gateway", http.StatusBadGateway) },
		},
		{
			name: "503 on every attempt", fail: 99, wantAttempts: 3, wantCode: 503,
			wantErr:  []error{ErrUnavailable, ErrStatus},
			failWith: func(w http.ResponseWriter, r *http.Request) { http.Error(w, "down", http.StatusServiceUnavailable) },
		},
		{
			name: "404 is not retried", fail: 99, wantAttempts: 1, wantCode: 404,
			wantErr:  []error{ErrStatus},
			failWith: func(w http.ResponseWriter, r *http.Request) { http.NotFound(w, r) },
		},
		{
			name: "403 is not retried", fail: 99, wantAttempts: 1, wantCode: 403,
			wantErr:  []error{ErrStatus},
			failWith: func(w http.ResponseWriter, r *http.Request) { http.Error(w, "no", http.StatusForbidden) },
		},
		{
			name: "304 to an unconditional request", fail: 99, wantAttempts: 1, wantCode: 304,
			wantErr:  []error{ErrStatus},
			failWith: func(w http.ResponseWriter, r *http.Request) { w.WriteHeader(http.StatusNotModified) },
		},
		{
			name: "connection dropped then 200", fail: 1, wantAttempts: 2,
			failWith: func(w http.ResponseWriter, r *http.Request) {
				conn, _, err := http.NewResponseController(w).Hijack()
				if err == nil {
					conn.Close()
				}
			},
		},
		{
			name: "body cut off then 200", fail: 1, wantAttempts: 2,
			failWith: func(w http.ResponseWriter, r *http.Request) {
				w.Header().Set("Content-Length", strconv.Itoa(len(ics)))
				w.Write(ics[:10])
				conn, _, err := http.NewResponseController(w).Hijack()
				if err == nil {
					conn.Close()
				}
			},
		},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			var hits atomic.Int32
			srv := serve(t, func(w http.ResponseWriter, r *http.Request) {
				if int(hits.Add(1)) <= tc.fail {
					tc.failWith(w, r)
					return
				}
				w.Header().Set("Content-Type", "text/calendar")
				w.Write(ics)
			})
			res, err := fastFetcher(srv).Fetch(t.Context(), srv.URL+"/cal.ics", nil)
			if int(hits.Load()) != tc.wantAttempts {
				t.Errorf("server saw %d requests, want %d", hits.Load(), tc.wantAttempts)
			}
			if tc.wantErr == nil {
				if err != nil {
					t.Fatal(err)
				}
				if res.Attempts != tc.wantAttempts || !bytes.Equal(res.Body, ics) {
					t.Errorf("attempts %d, %d bytes; want %d, %d", res.Attempts, len(res.Body), tc.wantAttempts, len(ics))
				}
				return
			}
			checkFetchError(t, err, tc.wantAttempts, tc.wantErr...)
			var se *StatusError
			if !errors.As(err, &se) || se.Code != tc.wantCode {
				t.Errorf("status error %v, want code %d", se, tc.wantCode)
			}
			if tc.wantCode < 500 && errors.Is(err, ErrUnavailable) {
				t.Errorf("%v: a %d is not unavailability", err, tc.wantCode)
			}
		})
	}
}

// checkFetchError checks that err is an *Error with the attempts made, naming the URL,
// and matching every target.
func checkFetchError(t *testing.T, err error, attempts int, targets ...error) {
	t.Helper()
	var fe *Error
	if !errors.As(err, &fe) {
		t.Fatalf("error %v (%T) is not a *fetch.Error", err, err)
	}
	if fe.Attempts != attempts {
		t.Errorf("%v: %d attempts, want %d", err, fe.Attempts, attempts)
	}
	for _, target := range targets {
		if !errors.Is(err, target) {
			t.Errorf("%v does not match %v", err, target)
		}
	}
}

func TestTimeout(t *testing.T) {
	var hits atomic.Int32
	srv := serve(t, func(w http.ResponseWriter, r *http.Request) {
		hits.Add(1)
		select { // longer than the Fetcher's timeout; returns when the client gives up
		case <-r.Context().Done():
		case <-time.After(3 * time.Second):
		}
	})
	f := fastFetcher(srv)
	f.Timeout = 50 * time.Millisecond
	start := time.Now()
	_, err := f.Fetch(t.Context(), srv.URL, nil)
	elapsed := time.Since(start)
	checkFetchError(t, err, 3, ErrUnavailable, context.DeadlineExceeded)
	if hits.Load() != 3 {
		t.Errorf("server saw %d requests, want 3", hits.Load())
	}
	if elapsed > 2*time.Second {
		t.Errorf("took %s; each attempt should stop after %s", elapsed, f.Timeout)
	}
}

func TestSlowBodyTimesOut(t *testing.T) {
	srv := serve(t, func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Length", "1000")
		w.Write([]byte("BEGIN:VCALENDAR\n"))
		http.NewResponseController(w).Flush()
		select {
		case <-r.Context().Done():
		case <-time.After(3 * time.Second):
		}
	})
	f := fastFetcher(srv)
	f.Timeout = 50 * time.Millisecond
	f.Retries = -1
	_, err := f.Fetch(t.Context(), srv.URL, nil)
	checkFetchError(t, err, 1, ErrUnavailable, context.DeadlineExceeded)
}

func TestCancelStopsRetries(t *testing.T) {
	var hits atomic.Int32
	srv := serve(t, func(w http.ResponseWriter, r *http.Request) {
		hits.Add(1)
		http.Error(w, "down", http.StatusServiceUnavailable)
	})
	f := fastFetcher(srv)
	f.Backoff = func(int) time.Duration { return time.Minute }
	ctx, cancel := context.WithTimeout(t.Context(), 50*time.Millisecond)
	defer cancel()
	start := time.Now()
	_, err := f.Fetch(ctx, srv.URL, nil)
	checkFetchError(t, err, 1, context.DeadlineExceeded, ErrStatus)
	if errors.Is(err, ErrUnavailable) {
		t.Errorf("%v: a cancelled fetch is not ErrUnavailable", err)
	}
	if hits.Load() != 1 || time.Since(start) > 2*time.Second {
		t.Errorf("%d requests in %s; want 1, stopped by the context", hits.Load(), time.Since(start))
	}
}

func TestTooLarge(t *testing.T) {
	const limit = 1024
	big := bytes.Repeat([]byte("x"), 2*limit)
	var hits atomic.Int32
	srv := serve(t, func(w http.ResponseWriter, r *http.Request) {
		hits.Add(1)
		switch r.URL.Path {
		case "/announced": // Content-Length says it all
			w.Write(big)
		case "/chunked": // no Content-Length: found while reading
			for i := range 8 {
				w.Write(big[i*limit/4 : (i+1)*limit/4])
				http.NewResponseController(w).Flush()
			}
		case "/exact":
			w.Write(big[:limit])
		}
	})
	f := fastFetcher(srv)
	f.MaxBytes = limit
	for _, path := range []string{"/announced", "/chunked"} {
		hits.Store(0)
		_, err := f.Fetch(t.Context(), srv.URL+path, nil)
		checkFetchError(t, err, 1, ErrTooLarge)
		if hits.Load() != 1 {
			t.Errorf("%s: %d requests, want 1 (no retry)", path, hits.Load())
		}
	}
	res, err := f.Fetch(t.Context(), srv.URL+"/exact", nil)
	if err != nil || len(res.Body) != limit {
		t.Errorf("body of exactly MaxBytes: %d bytes, %v", len(res.Body), err)
	}
}

// TestWrongContent serves an HTML error page with status 200 where a status page and
// a calendar were expected, and the real files next to them.
func TestWrongContent(t *testing.T) {
	page := fixture(t, errorPage)
	routes := map[string][]byte{
		"/error/ccm.html": page, "/error/cal.ics": page,
		"/ok/ccm.html": fixture(t, ccmPage), "/ok/cal.ics": fixture(t, utcICS),
	}
	srv := serve(t, func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/html") // even for the calendar: content decides
		w.Write(routes[r.URL.Path])
	})
	tests := []struct {
		path, format string
		wantErr      error
	}{
		{"/error/ccm.html", "untc", ErrWrongContent},
		{"/error/cal.ics", "ics", ErrWrongContent},
		{"/ok/ccm.html", "untc", nil},
		{"/ok/cal.ics", "ics", nil},
	}
	for _, tc := range tests {
		t.Run(tc.path, func(t *testing.T) {
			res, err := fastFetcher(srv).Fetch(t.Context(), srv.URL+tc.path, nil)
			if err != nil {
				t.Fatal(err)
			}
			err = Validate(tc.format, res.Body)
			if !errors.Is(err, tc.wantErr) || (tc.wantErr == nil) != (err == nil) {
				t.Errorf("Validate(%s) = %v, want %v", tc.format, err, tc.wantErr)
			}
		})
	}
}

func TestRequestHeaders(t *testing.T) {
	var got http.Header
	srv := serve(t, func(w http.ResponseWriter, r *http.Request) {
		got = r.Header.Clone()
		w.Write([]byte("x"))
	})
	if _, err := (&Fetcher{Client: srv.Client()}).Fetch(t.Context(), srv.URL, &archive.Version{}); err != nil {
		t.Fatal(err)
	}
	if ua := got.Get("User-Agent"); ua != DefaultUserAgent {
		t.Errorf("User-Agent %q, want %q", ua, DefaultUserAgent)
	}
	for _, h := range []string{"If-None-Match", "If-Modified-Since"} {
		if _, ok := got[h]; ok {
			t.Errorf("%s sent for a previous version without one", h)
		}
	}
}

func TestBadURL(t *testing.T) {
	for _, u := range []string{"file:///etc/passwd", "ftp://example.org/x", "datasets/untc/ccm.html", "http://", "::"} {
		_, err := new(Fetcher).Fetch(t.Context(), u, nil)
		checkFetchError(t, err, 0, ErrBadURL)
	}
}

func TestDefaults(t *testing.T) {
	var zero Fetcher
	if zero.timeout() != 30*time.Second || zero.retries() != 3 || zero.maxBytes() != 50<<20 || zero.client() != http.DefaultClient {
		t.Errorf("zero Fetcher: timeout %s, retries %d, max %d", zero.timeout(), zero.retries(), zero.maxBytes())
	}
	if got := (&Fetcher{Retries: -1}).retries(); got != 0 {
		t.Errorf("Retries -1 gives %d retries, want 0", got)
	}
	if got := zero.backoff(2); got != 2*time.Second {
		t.Errorf("default backoff before retry 2 = %s, want 2s", got)
	}
	n := New(nil)
	if n.Timeout != DefaultTimeout || n.Retries != DefaultRetries || n.MaxBytes != DefaultMaxBytes || n.Backoff == nil {
		t.Errorf("New: %+v", n)
	}
}
