package report

import (
	"regexp"
	"strings"
	"testing"
)

func TestDateRange(t *testing.T) {
	cases := []struct {
		start, end string
		l          Lang
		want       string
	}{
		{"2024-11-11", "2024-11-11", English, "11 Nov 2024"},
		{"2024-11-11", "2024-11-12", English, "11–12 Nov 2024"},
		{"2024-11-11", "2024-11-12", French, "11–12 nov. 2024"},
		{"2025-11-28", "2025-12-02", Spanish, "28 nov. – 2 dic. 2025"},
		{"2025-12-30", "2026-01-02", English, "30 Dec 2025 – 2 Jan 2026"},
		{"2024-11-11", "", English, "11 Nov 2024"},
		{"", "", English, "—"},
		{"2026", "2026", English, "2026"},
	}
	for _, c := range cases {
		if got := dateRange(c.l, c.start, c.end); got != c.want {
			t.Errorf("dateRange(%s, %q, %q) = %q, want %q", c.l, c.start, c.end, got, c.want)
		}
	}
}

// TestTypography checks that every catalogue's French texts put a no-break space
// before a colon (U+00A0) and a narrow one before ; ? and ! (U+202F), and inside
// guillemets, and that the Spanish ones open a question or an exclamation.
// Identifiers and symbols (sameInAllLangs) are exempt.
func TestTypography(t *testing.T) {
	frBad := regexp.MustCompile(`[^\x{00a0}][:]|[^\x{202f}][;?!]|«[^\x{00a0}]|[^\x{00a0}]»`)
	for key, m := range allMessages() {
		if sameInAllLangs[key] {
			continue
		}
		// A colon inside a format verb's neighbourhood ("%s:") is still a colon.
		if loc := frBad.FindStringIndex(m.fr); loc != nil {
			t.Errorf("%s fr: %q at %d: missing (narrow) no-break space", key, m.fr[loc[0]:loc[1]], loc[0])
		}
		for _, p := range []struct{ close, open string }{{"?", "¿"}, {"!", "¡"}} {
			if strings.Contains(m.es, p.close) && !strings.Contains(m.es, p.open) {
				t.Errorf("%s es: %q without %s", key, m.es, p.open)
			}
		}
		if strings.Contains(m.en, "\u00a0") {
			t.Errorf("%s en: no-break space in English", key)
		}
	}
}
