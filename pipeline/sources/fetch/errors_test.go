package fetch

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"strings"
	"testing"
	"time"
)

// TestErrorsWrap checks each way Fetch and Validate fail: the sentinel matches through
// every wrapper, and no part of the message appears twice.
func TestErrorsWrap(t *testing.T) {
	srv := serve(t, func(w http.ResponseWriter, r *http.Request) {
		switch r.URL.Path {
		case "/503":
			http.Error(w, "down", http.StatusServiceUnavailable)
		case "/404":
			http.NotFound(w, r)
		case "/big":
			w.Write(make([]byte, 100))
		case "/slow":
			<-r.Context().Done()
		}
	})
	f := fastFetcher(srv)
	f.MaxBytes = 10
	f.Timeout = 20 * time.Millisecond
	fetchErr := func(path string) error {
		_, err := f.Fetch(t.Context(), srv.URL+path, nil)
		return err
	}
	tests := []struct {
		name     string
		err      error
		sentinel error
		once     []string // must appear exactly once in the message
	}{
		{"unavailable", fetchErr("/503"), ErrUnavailable, []string{"/503", "3 attempts", "503 Service Unavailable"}},
		{"timeout", fetchErr("/slow"), context.DeadlineExceeded, []string{"/slow", "3 attempts", "source unavailable"}},
		{"status", fetchErr("/404"), ErrStatus, []string{"/404", "1 attempt", "404 Not Found"}},
		{"too large", fetchErr("/big"), ErrTooLarge, []string{"/big", "response too large"}},
		{"bad url", func() error { _, err := f.Fetch(t.Context(), "ftp://x", nil); return err }(), ErrBadURL, []string{"ftp://x"}},
		{"wrong content", Validate("ics", []byte("<html>")), ErrWrongContent, []string{"wrong content", "ics"}},
		{"unknown format", Validate("agenda", nil), ErrUnknownFormat, []string{`"agenda"`}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if !errors.Is(tc.err, tc.sentinel) {
				t.Fatalf("%v does not match %v", tc.err, tc.sentinel)
			}
			msg := tc.err.Error()
			for _, s := range tc.once {
				if n := strings.Count(msg, s); n != 1 {
					t.Errorf("%q holds %q %d times, want once", msg, s, n)
				}
			}
			if strings.Count(msg, "fetch ") > 1 {
				t.Errorf("%q repeats its prefix", msg)
			}
			wrapped := fmt.Errorf("source ccm: %w", tc.err)
			if !errors.Is(wrapped, tc.sentinel) {
				t.Errorf("sentinel lost through a caller's wrapper")
			}
		})
	}
}
