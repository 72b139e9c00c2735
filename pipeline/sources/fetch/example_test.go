package fetch_test

import (
	"context"
	"errors"
	"fmt"
	"log"
	"math/rand/v2"
	"net/http"
	"net/http/httptest"

	"synergy/pipeline/sources/archive"
	"synergy/pipeline/sources/fetch"
)

// A conditional fetch: the first request gets the calendar, the second, sent with
// the ETag of what was stored, gets "304 Not Modified".
func ExampleFetcher_Fetch() {
	const cal = "BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\nUID:csp11\r\nDTSTART;VALUE=DATE:20250825\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n"
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("ETag", `"a1"`)
		if r.Header.Get("If-None-Match") == `"a1"` {
			w.WriteHeader(http.StatusNotModified)
			return
		}
		w.Write([]byte(cal))
	}))
	defer srv.Close()

	f := fetch.New(rand.NewPCG(1, 2)) // seed from the clock in main
	f.Client = srv.Client()
	res, err := f.Fetch(context.Background(), srv.URL+"/att.ics", nil)
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println(res.Status, res.ETag, len(res.Body), "bytes; valid:", fetch.Validate("ics", res.Body) == nil)

	prev := &archive.Version{ETag: res.ETag} // as stored by archive.Put
	res, err = f.Fetch(context.Background(), srv.URL+"/att.ics", prev)
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println(res.Status, "not modified:", res.NotModified)
	// Output:
	// 200 "a1" 98 bytes; valid: true
	// 304 not modified: true
}

// A server's error page served with status 200 instead of the calendar is refused.
func ExampleValidate() {
	page := []byte("<!DOCTYPE html><html><body><h1>Service unavailable</h1></body></html>")
	err := fetch.Validate("ics", page)
	fmt.Println(errors.Is(err, fetch.ErrWrongContent))
	fmt.Println(err)
	// Output:
	// true
	// wrong content for format ics (an HTML page): response:1: expected BEGIN:VCALENDAR
}
