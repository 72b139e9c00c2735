package fetch

import (
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"testing"
	"time"
)

// Paths of the real fixtures, relative to this package.
var (
	ccmPage   = filepath.Join("..", "..", "..", "datasets", "untc", "ccm.html")
	utcICS    = filepath.Join("..", "..", "ics", "testdata", "utc", "input.ics")
	errorPage = filepath.Join("testdata", "error_page.html")
)

func fixture(t testing.TB, path string) []byte {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return data
}

// serve starts a local server for the test and closes it when the test ends.
func serve(t *testing.T, h http.HandlerFunc) *httptest.Server {
	t.Helper()
	srv := httptest.NewServer(h)
	t.Cleanup(srv.Close)
	return srv
}

// fastFetcher returns a Fetcher for srv with tiny timeouts and no waits between
// attempts, so failing tests end in milliseconds.
func fastFetcher(srv *httptest.Server) *Fetcher {
	return &Fetcher{
		Client:  srv.Client(),
		Timeout: 100 * time.Millisecond,
		Retries: 2,
		Backoff: func(int) time.Duration { return time.Millisecond },
	}
}
