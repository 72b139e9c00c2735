package fetch

import (
	"errors"
	"net/http"
	"net/http/httptest"
	"net/url"
	"testing"
)

// TestRedirectPolicy: a redirect on the same host is followed and the final URL
// reported; one to another port, to file://, or from http to an https host not
// allowed fails at once (one attempt, not retried as unavailable); a host named
// in AllowHosts is followed over https.
func TestRedirectPolicy(t *testing.T) {
	ics := fixture(t, utcICS)
	tlsSrv := httptest.NewTLSServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) { w.Write(ics) }))
	t.Cleanup(tlsSrv.Close)
	other := serve(t, func(w http.ResponseWriter, r *http.Request) { w.Write(ics) })
	hits := 0
	srv := serve(t, func(w http.ResponseWriter, r *http.Request) {
		hits++
		switch r.URL.Path {
		case "/moved":
			http.Redirect(w, r, "/feed.ics", http.StatusMovedPermanently)
		case "/other-port":
			http.Redirect(w, r, other.URL+"/feed.ics", http.StatusFound)
		case "/file":
			http.Redirect(w, r, "file:///etc/passwd", http.StatusFound)
		case "/tls":
			http.Redirect(w, r, tlsSrv.URL+"/feed.ics", http.StatusFound)
		case "/loop":
			http.Redirect(w, r, "/loop", http.StatusFound)
		default:
			w.Write(ics)
		}
	})
	f := fastFetcher(srv)
	f.Client = tlsSrv.Client() // trusts the TLS server; plain http works as well

	res, err := f.Fetch(t.Context(), srv.URL+"/moved", nil)
	if err != nil || res.FinalURL != srv.URL+"/feed.ics" || res.URL != srv.URL+"/moved" {
		t.Fatalf("same-host redirect: %+v, %v", res, err)
	}
	tlsHost := mustHost(t, tlsSrv.URL)
	for path, allow := range map[string][]string{"/other-port": nil, "/file": nil, "/tls": nil, "/loop": nil,
		"/other-port?allowed-but-http": {mustHost(t, other.URL)}} {
		hits = 0
		_, err := f.FetchWith(t.Context(), srv.URL+path, nil, Redirects{AllowHosts: allow})
		var fe *Error
		if !errors.Is(err, ErrRedirect) || errors.Is(err, ErrUnavailable) || !errors.As(err, &fe) || fe.Attempts != 1 {
			t.Errorf("%s: %v; want ErrRedirect after one attempt", path, err)
		}
		if path != "/loop" && hits != 1 {
			t.Errorf("%s: the server was asked %d times", path, hits)
		}
	}
	res, err = f.FetchWith(t.Context(), srv.URL+"/tls", nil, Redirects{AllowHosts: []string{tlsHost}})
	if err != nil || res.FinalURL != tlsSrv.URL+"/feed.ics" {
		t.Errorf("redirect to an allowed https host: %+v, %v", res, err)
	}
}

func mustHost(t *testing.T, raw string) string {
	t.Helper()
	u, err := url.Parse(raw)
	if err != nil {
		t.Fatal(err)
	}
	return u.Host
}
