package treaty

import (
	"fmt"
	"net/url"
	"os"
	"regexp"
	"strings"
	"testing"
)

// officialSites are the only sites a legal citation may point to (issue 12 item 6): the
// depositary, the conventions' own sites and support units, UNODA, UN Geneva, OHCHR, the
// ICRC treaty database, the ATT secretariat, and the UN's legal, document, disarmament
// and disability pages. Hosts match with or without "www."; a path, when given, must
// prefix the URL's path. Third-party copies of treaty text (studylib.net, zvon.org,
// vdocuments…) are not sources for law, nor are test or dev hosts of official sites.
var officialSites = []struct{ host, path string }{
	{"treaties.un.org", ""},
	{"legal.un.org", ""},
	{"documents.un.org", ""},
	{"undocs.org", ""},
	{"un.org", "/disarmament/"},
	{"un.org", "/disabilities/"},
	{"un.org", "/development/desa/disabilities/"},
	{"apminebanconvention.org", ""},
	{"clusterconvention.org", ""},
	{"disarmament.unoda.org", ""},
	{"unoda.org", ""},
	{"meetings.unoda.org", ""},
	{"ungeneva.org", ""},
	{"unog.ch", ""},
	{"ohchr.org", ""},
	{"ihl-databases.icrc.org", ""},
	{"thearmstradetreaty.org", ""},
}

// urlSep separates several URLs in one source_url field.
const urlSep = " ; "

// unofficial returns why raw is not a URL on an official site, or "" when it is.
func unofficial(raw string) string {
	// A missing separator would hide a second URL in the first one's path.
	if raw != strings.TrimSpace(raw) || strings.ContainsAny(raw, " \t") || strings.Count(raw, "://") != 1 {
		return "not one URL (separate URLs with \" ; \")"
	}
	u, err := url.Parse(raw)
	if err != nil {
		return err.Error()
	}
	if u.Scheme != "https" && u.Scheme != "http" {
		return "scheme " + u.Scheme
	}
	host := strings.TrimPrefix(strings.ToLower(u.Hostname()), "www.")
	for _, s := range officialSites {
		if host == s.host && strings.HasPrefix(u.Path, s.path) {
			return ""
		}
	}
	return "host " + u.Hostname() + " is not an official site"
}

// offSite lists, one line each, the URLs of a source_url field that are not on an
// official site.
func offSite(where, field string) []string {
	var bad []string
	for _, raw := range strings.Split(field, urlSep) {
		if why := unofficial(raw); why != "" {
			bad = append(bad, fmt.Sprintf("%s: %q: %s", where, raw, why))
		}
	}
	return bad
}

func TestUnofficial(t *testing.T) {
	tests := []struct {
		url      string
		official bool
	}{
		{"https://treaties.un.org/doc/Publication/CTC/26-6.pdf", true},
		{"http://www.un.org/disarmament/convarms/landmines/mineban/", true},
		{"https://www.un.org/en/about-us/copyright", false},
		{"https://www.apminebanconvention.org/en/resources", true},
		{"http://zvon.org/law/r/ban.html", false},
		{"https://studylib.net/doc/15272856/implementation-support", false},
		{"https://fdokumen.com/documents/ambiguity-in-practice.html", false},
		{"https://vdocuments.mx/protocol-on-prohibitions.html", false},
		{"https://web.test.ohchr.un-icc.cloud/EN/Issues/Disability/Pages/Article11.aspx", false},
		{"http://dev.unoda.org/geneva/erw/", false},
		{"https://treaties.un.org.evil.example/x", false},
		{"https://treaties.un.org/x;https://studylib.net/y", false},
		{"ftp://treaties.un.org/x", false},
		{"treaties.un.org/x", false},
	}
	for _, tt := range tests {
		if got := unofficial(tt.url) == ""; got != tt.official {
			t.Errorf("unofficial(%q) = %q, want official %v", tt.url, unofficial(tt.url), tt.official)
		}
	}
}

// TestShippedSourcesOfficial reads the shipped catalogues through the package's readers
// and requires every URL of every row to be on an official site.
func TestShippedSourcesOfficial(t *testing.T) {
	arts, err := ReadArticles(open(t, "instrument_articles.csv"), "instrument_articles.csv")
	if err != nil {
		t.Fatal(err)
	}
	var bad []string
	for _, a := range arts {
		bad = append(bad, offSite("instrument_articles "+a.InstrumentID+" "+a.Article, a.SourceURL)...)
	}
	ins, err := ReadInstruments(open(t, "instruments.csv"), "instruments.csv")
	if err != nil {
		t.Fatal(err)
	}
	for _, in := range ins {
		bad = append(bad, offSite("instruments "+in.InstrumentID, in.SourceURL)...)
	}
	for _, b := range bad {
		t.Error(b)
	}
}

// ctcLink finds, on a captured UNTC status page, the link its "Text" field gives to the
// certified true copy of the instrument.
var ctcLink = regexp.MustCompile(`id="[^"]*_hypCTC" href="([^"]+)"`)

// statusPages maps instrument ids to their captured UNTC status page in datasets/untc.
var statusPages = map[string]string{
	"APMBC": "apmbc.html", "CCM": "ccm.html", "CCW": "ccw.html", "CCW-APII": "ccw_p2a.html",
	"CCW-PV": "ccw_p5.html", "ATT": "att.html", "CRPD": "crpd.html",
}

// TestShippedArticlesCiteCertifiedText requires every treaty article to link the
// authentic text: the certified true copy that the depositary's own status page (the
// capture in datasets/untc) links. Decisions of a body ("decision:…") are not treaty
// articles and cite the body's record instead.
func TestShippedArticlesCiteCertifiedText(t *testing.T) {
	ctc := map[string]string{}
	for id, page := range statusPages {
		b, err := os.ReadFile("../../datasets/untc/" + page)
		if err != nil {
			t.Fatal(err)
		}
		m := ctcLink.FindSubmatch(b)
		if m == nil {
			t.Fatalf("%s: no certified true copy link on %s", id, page)
		}
		ctc[id] = "https://treaties.un.org" + string(m[1])
	}
	arts, err := ReadArticles(open(t, "instrument_articles.csv"), "instrument_articles.csv")
	if err != nil {
		t.Fatal(err)
	}
	for _, a := range arts {
		if strings.HasPrefix(a.Article, "decision:") {
			continue
		}
		if !strings.Contains(urlSep+a.SourceURL+urlSep, urlSep+ctc[a.InstrumentID]+urlSep) {
			t.Errorf("%s %s does not cite the certified true copy %s", a.InstrumentID, a.Article, ctc[a.InstrumentID])
		}
	}
}
