package states

import (
	"regexp"
	"strings"
	"unicode"

	"golang.org/x/text/cases"
	"golang.org/x/text/runes"
	"golang.org/x/text/transform"
	"golang.org/x/text/unicode/norm"
)

// apostrophes maps apostrophe-like characters to the ASCII apostrophe.
var apostrophes = strings.NewReplacer(
	"\u2019", "'", // right single quotation mark
	"\u2018", "'", // left single quotation mark
	"\u02bc", "'", // modifier letter apostrophe
	"\u0060", "'", // grave accent
	"\u00b4", "'", // acute accent
	"\u2032", "'", // prime
)

// footnote matches footnote numbers and markers glued to the end of a name, as the
// UN Treaty Collection prints them ("Montenegro 6", "Netherlands (Kingdom of the)4",
// "Denmark 1, 2"), after NFKC has turned superscript digits into ASCII digits.
var footnote = regexp.MustCompile(`(?:[\s,]*(?:\d+|[*†‡§#]+))+$`)

// key returns the form of name used for matching: see the package documentation for
// the steps. Footnotes are stripped after the marks, so that a mark on a footnote
// digit cannot keep it. It returns "" for a name made only of footnote markers.
func key(name string) string {
	s := norm.NFKC.String(name)
	s = apostrophes.Replace(s)
	s = cases.Fold().String(s)
	s = stripMarks(s)
	s = strings.Join(strings.Fields(s), " ")
	s = strings.TrimSpace(footnote.ReplaceAllString(s, ""))
	for strings.HasPrefix(s, "the ") {
		s = s[len("the "):]
	}
	return s
}

// stripMarks removes combining marks after canonical decomposition, so that "ü"
// matches "u". The result is NFC.
func stripMarks(s string) string {
	t := transform.Chain(norm.NFD, runes.Remove(runes.In(unicode.Mn)), norm.NFC)
	out, _, err := transform.String(t, s)
	if err != nil {
		// The chain only fails on invalid transformer state, never on input text.
		panic("states: strip marks: " + err.Error())
	}
	return out
}
