package fetch

import (
	"fmt"
	"net/http"
	"net/url"
	"slices"
	"strings"
)

// MaxRedirects is the most redirects one attempt follows.
const MaxRedirects = 5

// Redirects is a source's redirect policy. A redirect is followed when its
// target is on the host (name and port) of the URL asked for, or on one of
// AllowHosts, and its scheme is https, or http when the URL asked for was http
// on that same host (never a downgrade from https). Anything else fails the
// fetch with [ErrRedirect].
type Redirects struct {
	// AllowHosts are the other hosts ("host" or "host:port", as in a URL) a
	// redirect may lead to, over https only: sources.json's redirect_hosts.
	AllowHosts []string
}

// check is the http.Client.CheckRedirect of a fetch of orig.
func (p Redirects) check(orig *url.URL) func(*http.Request, []*http.Request) error {
	return func(req *http.Request, via []*http.Request) error {
		if len(via) > MaxRedirects {
			return fmt.Errorf("%w: more than %d redirects", ErrRedirect, MaxRedirects)
		}
		to := req.URL
		sameHost := strings.EqualFold(to.Host, orig.Host)
		switch {
		case to.Scheme == "https" && (sameHost || slices.ContainsFunc(p.AllowHosts, func(h string) bool { return strings.EqualFold(h, to.Host) })):
			return nil
		case to.Scheme == "http" && orig.Scheme == "http" && sameHost:
			return nil
		}
		return fmt.Errorf("%w: %s redirected to %s (a source follows redirects to its own host, over https unless it is asked for over http, or to its redirect_hosts over https)",
			ErrRedirect, via[len(via)-1].URL, to)
	}
}
