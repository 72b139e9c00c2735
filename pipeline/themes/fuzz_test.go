package themes

import (
	"os"
	"strings"
	"testing"
	"unicode/utf8"
)

// FuzzTag feeds arbitrary text in every language to the shipped taxonomy; Tag
// must not panic and must return themes sorted, without duplicates, all known.
func FuzzTag(f *testing.F) {
	if b, err := os.ReadFile("testdata/labelled.csv"); err == nil {
		for i, line := range strings.Split(string(b), "\n") {
			if i > 0 && i%10 == 0 {
				f.Add(line, "en")
			}
		}
	}
	for _, s := range []string{"Déminer", "разминированию", "إزالة الألغام", "排雷", "", "\ufeff", "ال", "ﻻ", "a\u0301"} {
		f.Add(s, "fr")
	}
	tg := loadDatasets(f)
	known := map[string]bool{}
	for _, th := range tg.Themes() {
		known[th.ThemeID] = true
	}
	f.Fuzz(func(t *testing.T, text, lang string) {
		if !utf8.ValidString(text) {
			return
		}
		for _, l := range append([]string{lang}, Languages...) {
			ms := tg.Tag(text, l)
			for i, m := range ms {
				if !known[m.ThemeID] {
					t.Fatalf("unknown theme %q", m.ThemeID)
				}
				if i > 0 && ms[i-1].ThemeID >= m.ThemeID {
					t.Fatalf("not sorted or duplicated: %v", ms)
				}
			}
		}
	})
}

// FuzzLoad checks that malformed CSV fails cleanly.
func FuzzLoad(f *testing.F) {
	f.Add(fixtureThemes, fixtureTerms)
	f.Add("theme_id,label,description,source_url\n\"", "")
	f.Fuzz(func(t *testing.T, a, b string) {
		tg, err := Load(strings.NewReader(a), strings.NewReader(b))
		if err == nil && tg == nil {
			t.Fatal("nil tagger without error")
		}
	})
}
