package themes

import (
	"encoding/csv"
	"flag"
	"fmt"
	"os"
	"slices"
	"strings"
	"testing"
)

var update = flag.Bool("update", false, "rewrite the generated blocks of docs/tagger.md")

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

// Per-language floors. The target is precision 0.90 and recall 0.85 in every
// language; languages whose sourced terms do not reach it yet have a lower recall
// floor at their measured level, listed in docs/tagger.md, so that the test catches
// regressions there too.
const (
	precisionFloor = 0.90
	recallTarget   = 0.85
)

var recallFloorBelowTarget = map[string]float64{"ar": 0.78, "zh": 0.59, "fr": 0.75, "es": 0.72, "ru": 0.78}

// TestLabelled measures the shipped taxonomy against testdata/labelled.csv,
// prints precision and recall per theme and per language (micro-averaged over
// (item, theme) pairs), checks the per-language floors and that docs/tagger.md
// shows the table it measured (go test -run TestLabelled -update rewrites it).
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
	table := m.table(order)
	t.Logf("labelled items: %d\n%s", len(set), table)
	if testing.Verbose() {
		for _, s := range m.misses {
			t.Log(s)
		}
	}
	for _, l := range Languages {
		c := get(m.byLang, l)
		if p := c.precision(); p < precisionFloor {
			t.Errorf("%s precision %.2f < %.2f", l, p, precisionFloor)
		}
		floor, below := recallFloorBelowTarget[l]
		if !below {
			floor = recallTarget
		}
		if r := c.recall(); r < floor {
			t.Errorf("%s recall %.2f < %.2f", l, r, floor)
		} else if below && r >= recallTarget {
			t.Errorf("%s recall %.2f now meets the target %.2f: drop it from recallFloorBelowTarget", l, r, recallTarget)
		}
		if m.items[l] < 40 {
			t.Logf("%s: %d labelled items, fewer than the 40 wanted", l, m.items[l])
		}
	}
	checkDocBlock(t, "labelled", fmt.Sprintf("Labelled items: %d.\n\n%s", len(set), table))
}

// checkDocBlock compares the block named name of docs/tagger.md (between
// "<!-- themes-test:NAME -->" and "<!-- /themes-test:NAME -->") with want, or
// rewrites it under -update.
func checkDocBlock(t *testing.T, name, want string) {
	t.Helper()
	path := "../../docs/tagger.md"
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	open, end := "<!-- themes-test:"+name+" -->\n", "<!-- /themes-test:"+name+" -->"
	doc := string(b)
	i, j := strings.Index(doc, open), strings.Index(doc, end)
	if i < 0 || j < i {
		t.Fatalf("%s: no block %q … %q", path, open, end)
	}
	got := doc[i+len(open) : j]
	want = strings.TrimRight(want, "\n") + "\n"
	if got == want {
		return
	}
	if !*update {
		t.Errorf("%s block %q is stale; run go test ./pipeline/themes -run %s -update", path, name, t.Name())
		return
	}
	if err := os.WriteFile(path, []byte(doc[:i+len(open)]+want+doc[j:]), 0o644); err != nil {
		t.Fatal(err)
	}
}
