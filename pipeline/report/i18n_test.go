package report

import (
	"regexp"
	"testing"
)

var verbRE = regexp.MustCompile(`%[-+# 0]*[0-9]*(\.[0-9]+)?[a-zA-Z%]`)

func TestCatalogueComplete(t *testing.T) {
	seen := map[string]int{}
	for _, c := range catalogues {
		for key := range c {
			if seen[key]++; seen[key] == 2 {
				t.Errorf("%s is in two catalogues", key)
			}
		}
	}
	for key, m := range allMessages() {
		texts := map[Lang]string{English: m.en, French: m.fr, Spanish: m.es}
		for l, s := range texts {
			if s == "" {
				t.Errorf("%s: no %s text", key, l)
			}
		}
		if !sameInAllLangs[key] {
			if m.fr == m.en && !allowedSameFR[key] {
				t.Errorf("%s: French text is the English one: %q", key, m.en)
			}
			if m.es == m.en && !allowedSameES[key] {
				t.Errorf("%s: Spanish text is the English one: %q", key, m.en)
			}
		}
		want := verbRE.FindAllString(m.en, -1)
		for l, s := range texts {
			if got := verbRE.FindAllString(s, -1); len(got) != len(want) {
				t.Errorf("%s %s: verbs %v, English %v", key, l, got, want)
			} else {
				for i := range got {
					if got[i] != want[i] {
						t.Errorf("%s %s: verb %d is %s, English %s", key, l, i, got[i], want[i])
					}
				}
			}
		}
	}
}

// Words that are spelled the same in English and French or Spanish.
var (
	allowedSameFR = map[string]bool{"col.instrument": true, "col.source": true, "col.format": true, "col.article": true,
		"col.relation": true, "col.parties_a": true, "col.parties_b": true, "plan.optimal": true}
	allowedSameES = map[string]bool{"col.end": true, "col.bytes": true, "no": true}
)

func TestNumberFormatting(t *testing.T) {
	const nnbsp, nbsp = "\u202f", "\u00a0"
	cases := []struct {
		name       string
		f          func(Lang) string
		en, fr, es string
	}{
		{"ratio", func(l Lang) string { return l.Float(0.97, 2) }, "0.97", "0,97", "0,97"},
		{"ratio rounding", func(l Lang) string { return l.Float(0.5182926829268293, 2) }, "0.52", "0,52", "0,52"},
		{"negative zero", func(l Lang) string { return l.Float(-0.001, 2) }, "0.00", "0,00", "0,00"},
		{"negative", func(l Lang) string { return l.Float(-1.25, 1) }, "-1.2", "-1,2", "-1,2"},
		{"thousands", func(l Lang) string { return l.Int(12345) }, "12,345", "12" + nnbsp + "345", "12.345"},
		{"four digits", func(l Lang) string { return l.Int(1234) }, "1,234", "1" + nnbsp + "234", "1234"},
		{"millions", func(l Lang) string { return l.Int(-1234567) }, "-1,234,567", "-1" + nnbsp + "234" + nnbsp + "567", "-1.234.567"},
		{"small", func(l Lang) string { return l.Int(640) }, "640", "640", "640"},
		{"float grouping", func(l Lang) string { return l.Float(12345.678, 1) }, "12,345.7", "12" + nnbsp + "345,7", "12.345,7"},
		{"percent", func(l Lang) string { return l.Percent(0.144, 1) }, "14.4%", "14,4" + nbsp + "%", "14,4" + nbsp + "%"},
		{"NULL ratio", func(l Lang) string { return l.Ratio(nil) }, "—", "—", "—"},
		{"integer ratio", func(l Lang) string { return l.Ratio(int64(1)) }, "1.00", "1,00", "1,00"},
		{"count", func(l Lang) string { return l.Count(float64(4283)) }, "4,283", "4" + nnbsp + "283", "4283"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			for l, want := range map[Lang]string{English: tc.en, French: tc.fr, Spanish: tc.es} {
				if got := tc.f(l); got != want {
					t.Errorf("%s: got %q, want %q", l, got, want)
				}
			}
		})
	}
}

func TestParseLang(t *testing.T) {
	for _, s := range []string{"en", "fr", "es"} {
		if l, err := ParseLang(s); err != nil || string(l) != s {
			t.Errorf("ParseLang(%q) = %q, %v", s, l, err)
		}
	}
	for _, s := range []string{"", "EN", "de", "fr-CH"} {
		if _, err := ParseLang(s); err == nil {
			t.Errorf("ParseLang(%q): no error", s)
		}
	}
}

func TestMarkdownEscaping(t *testing.T) {
	cases := map[string]string{
		"state_year_burden":       "state_year_burden",
		"_emphasis_":              `\_emphasis\_`,
		"a*b":                     `a\*b`,
		"<b>":                     `\<b\>`,
		"# not a heading":         `\# not a heading`,
		"Σ(meetings − trips) [1]": `Σ(meetings − trips) \[1\]`,
	}
	for in, want := range cases {
		if got := mdText(in); got != want {
			t.Errorf("mdText(%q) = %q, want %q", in, got, want)
		}
	}
	if got := mdCell("a|b"); got != `a\|b` {
		t.Errorf("mdCell = %q", got)
	}
}

func TestCatalogueExceptionsExist(t *testing.T) {
	for _, m := range []map[string]bool{sameInAllLangs, allowedSameFR, allowedSameES} {
		for key := range m {
			if _, ok := message(key); !ok {
				t.Errorf("exception list names %q, which the catalogue lacks", key)
			}
		}
	}
}
