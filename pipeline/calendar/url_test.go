package calendar

import (
	"errors"
	"testing"
)

// TestEventURLs checks which values an event may carry as its URL: absolute http
// or https URLs without spaces; otherwise the next source, or none.
func TestEventURLs(t *testing.T) {
	for _, c := range []struct {
		sources []string
		want    string
	}{
		{[]string{"https://www.apminebanconvention.org/en/meetings/"}, "https://www.apminebanconvention.org/en/meetings/"},
		{[]string{"Final report, para. 3", "http://example.org/a"}, "http://example.org/a"},
		{[]string{"https://example.org/a b"}, ""},
		{[]string{"ftp://example.org/x", "javascript:alert(1)", "https:///nohost"}, ""},
		{[]string{" https://example.org/trimmed "}, "https://example.org/trimmed"},
	} {
		if got := meetingURL("", "M", c.sources); got != c.want {
			t.Errorf("meetingURL(%q) = %q, want %q", c.sources, got, c.want)
		}
	}
	if got := meetingURL("https://site.example/x/", "CCW_7RC", nil); got != "https://site.example/x/meetings.html#CCW_7RC" {
		t.Errorf("site link: %q", got)
	}
	if err := checkURL("webcal://example.org/c.ics"); !errors.Is(err, ErrBadURL) {
		t.Errorf("checkURL(webcal) = %v, want ErrBadURL", err)
	}
}
