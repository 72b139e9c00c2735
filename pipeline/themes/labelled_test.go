package themes

import (
	"encoding/csv"
	"fmt"
	"os"
	"slices"
	"strings"
	"testing"
)

type labelled struct {
	lang, text string
	themes     []string
}

func readLabelled(t *testing.T) []labelled {
	t.Helper()
	f, err := os.Open("testdata/labelled.csv")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	recs, err := csv.NewReader(f).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	var out []labelled
	for _, r := range recs[1:] {
		var ths []string
		if r[2] != "" {
			ths = strings.Split(r[2], ";")
		}
		out = append(out, labelled{lang: r[0], text: r[1], themes: ths})
	}
	return out
}

// counts holds micro-averaged true positives, false positives and false negatives:
// each (item, theme) pair counts once. precision = tp/(tp+fp), recall = tp/(tp+fn).
type counts struct{ tp, fp, fn int }

func (c counts) precision() float64 { return ratio(c.tp, c.tp+c.fp) }
func (c counts) recall() float64    { return ratio(c.tp, c.tp+c.fn) }

func ratio(a, b int) float64 {
	if b == 0 {
		return -1 // undefined; printed as "-"
	}
	return float64(a) / float64(b)
}

func pct(f float64) string {
	if f < 0 {
		return "   -"
	}
	return fmt.Sprintf("%.2f", f)
}

type measurement struct {
	total   counts
	byTheme map[string]*counts
	byLang  map[string]*counts
	items   map[string]int
	misses  []string
}

func measure(tg *Tagger, set []labelled) measurement {
	m := measurement{byTheme: map[string]*counts{}, byLang: map[string]*counts{}, items: map[string]int{}}
	add := func(theme, lang string, f func(*counts)) {
		for _, c := range []*counts{&m.total, get(m.byTheme, theme), get(m.byLang, lang)} {
			f(c)
		}
	}
	for _, it := range set {
		m.items[it.lang]++
		var got []string
		for _, g := range tg.Tag(it.text, it.lang) {
			got = append(got, g.ThemeID)
		}
		for _, g := range got {
			if slices.Contains(it.themes, g) {
				add(g, it.lang, func(c *counts) { c.tp++ })
			} else {
				add(g, it.lang, func(c *counts) { c.fp++ })
				m.misses = append(m.misses, fmt.Sprintf("FP %s %s: %q", it.lang, g, it.text))
			}
		}
		for _, w := range it.themes {
			if !slices.Contains(got, w) {
				add(w, it.lang, func(c *counts) { c.fn++ })
				m.misses = append(m.misses, fmt.Sprintf("FN %s %s: %q", it.lang, w, it.text))
			}
		}
	}
	return m
}

func get(m map[string]*counts, k string) *counts {
	if m[k] == nil {
		m[k] = &counts{}
	}
	return m[k]
}

func (m measurement) table(themeOrder []string) string {
	var b strings.Builder
	fmt.Fprintf(&b, "| %-24s | %4s | %4s | %4s | %9s | %6s |\n", "theme", "tp", "fp", "fn", "precision", "recall")
	fmt.Fprintf(&b, "|%s|%s|%s|%s|%s|%s|\n", strings.Repeat("-", 26), "-----:", "-----:", "-----:", "----------:", "-------:")
	for _, th := range themeOrder {
		c := get(m.byTheme, th)
		fmt.Fprintf(&b, "| %-24s | %4d | %4d | %4d | %9s | %6s |\n", th, c.tp, c.fp, c.fn, pct(c.precision()), pct(c.recall()))
	}
	fmt.Fprintf(&b, "\n| %-5s | %5s | %4s | %4s | %4s | %9s | %6s |\n", "lang", "items", "tp", "fp", "fn", "precision", "recall")
	fmt.Fprintf(&b, "|%s|%s|%s|%s|%s|%s|%s|\n", "-------", "------:", "-----:", "-----:", "-----:", "----------:", "-------:")
	for _, l := range Languages {
		c := get(m.byLang, l)
		fmt.Fprintf(&b, "| %-5s | %5d | %4d | %4d | %4d | %9s | %6s |\n", l, m.items[l], c.tp, c.fp, c.fn, pct(c.precision()), pct(c.recall()))
	}
	fmt.Fprintf(&b, "| %-5s | %5d | %4d | %4d | %4d | %9s | %6s |\n", "all", m.items["en"]+m.items["fr"]+m.items["es"]+m.items["ru"]+m.items["ar"]+m.items["zh"],
		m.total.tp, m.total.fp, m.total.fn, pct(m.total.precision()), pct(m.total.recall()))
	return b.String()
}

// TestLabelled measures the shipped taxonomy against testdata/labelled.csv and
// prints precision and recall per theme and per language (micro-averaged over
// (item, theme) pairs). It asserts only floors the tagger meets with margin.
func TestLabelled(t *testing.T) {
	tg := loadDatasets(t)
	set := readLabelled(t)
	var order []string
	for _, th := range tg.Themes() {
		order = append(order, th.ThemeID)
	}
	for _, s := range []struct {
		name string
		st   strategy
	}{{"stem-prefix (default)", stemPrefix}, {"stem-equal", stemEqual}, {"raw-prefix", rawPrefix}} {
		tg.strategy = s.st
		m := measure(tg, set)
		t.Logf("strategy %s: precision %s recall %s (tp %d fp %d fn %d)", s.name, pct(m.total.precision()), pct(m.total.recall()), m.total.tp, m.total.fp, m.total.fn)
	}
	tg.strategy = stemPrefix
	m := measure(tg, set)
	t.Logf("labelled items: %d\n%s", len(set), m.table(order))
	if testing.Verbose() {
		for _, s := range m.misses {
			t.Log(s)
		}
	}
	if r := m.total.recall(); r < 0.7 {
		t.Errorf("overall recall %.2f < 0.70", r)
	}
	if p := m.total.precision(); p < 0.85 {
		t.Errorf("overall precision %.2f < 0.85", p)
	}
	for _, l := range []string{"en", "fr", "es"} {
		if r := get(m.byLang, l).recall(); r < 0.6 {
			t.Errorf("%s recall %.2f < 0.60", l, r)
		}
	}
}
