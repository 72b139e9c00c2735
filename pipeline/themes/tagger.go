package themes

import (
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"net/url"
	"runtime"
	"slices"
	"strings"
	"sync"
	"unicode/utf8"

	"github.com/kljensen/snowball"

	"synergy/pipeline/csvtable"
	"synergy/pipeline/rawtable"
)

// Match is one theme found in a text, with the taxonomy term that matched (as
// written in theme_terms.csv).
type Match struct {
	ThemeID string
	Term    string
}

// Languages are the six UN languages the taxonomy may hold terms in.
var Languages = []string{"ar", "zh", "en", "fr", "es", "ru"}

// Match kinds of theme_terms.csv: how each term may match a text.
const (
	MatchStem      = "stem"      // word sequence compared by stems: Snowball (en, fr, es, ru) or the Arabic light stemmer (ar)
	MatchPrefix    = "prefix"    // word sequence, each text word starting with the term word (any language but zh)
	MatchPhrase    = "phrase"    // exact normalised word sequence (any language but zh)
	MatchSubstring = "substring" // normalised substring, no word boundaries (any language; the only kind for zh)
)

// matchKinds lists the kinds Load accepts.
var matchKinds = []string{MatchStem, MatchPrefix, MatchPhrase, MatchSubstring}

// strategy is how "stem" terms compare words; see docs/tagger.md for the measurement
// that chose the default.
type strategy int

const (
	stemPrefix strategy = iota // stems are prefix-compatible, see stemCompatible (default)
	stemEqual                  // stem(text word) == stem(term word)
	rawPrefix                  // unstemmed text word has the unstemmed term word as a prefix
)

type term struct {
	theme, lang, raw, match string
	words                   []string // folded words (phrase, stem)
	stems                   []string // stemmed, mark-free words (stem)
	sub                     string   // folded text (substring)
}

// Tagger tags texts with themes. It is safe for concurrent use once loaded.
type Tagger struct {
	themes   []rawtable.Theme
	byLang   map[string][]term // terms in CSV order
	strategy strategy
}

var stemLang = map[string]string{"en": "english", "fr": "french", "es": "spanish", "ru": "russian", "ar": "arabic-light"}

// Load reads the theme taxonomy (themes.csv: theme_id,label,description,source_url)
// and its terms (theme_terms.csv: theme_id,lang,term,match,source_url). Every row is
// validated; all bad rows are reported together with errors.Join, each as a
// [*ParseError] with its file and line. A term's theme must be in themes.csv.
func Load(themesCSV, termsCSV io.Reader) (*Tagger, error) {
	t := &Tagger{byLang: map[string][]term{}}
	var errs []error
	known := map[string]bool{}
	err := readCSV(themesCSV, "themes.csv", []string{"theme_id", "label", "description", "source_url"}, func(line int, f []string) {
		if err := checkFields("themes.csv", line, f, 0, 1, 3); err != nil {
			errs = append(errs, err)
			return
		}
		th := rawtable.Theme{ThemeID: f[0], Label: f[1], Description: f[2], SourceURL: f[3]}
		if err := checkURL("themes.csv", line, 4, f[3]); err != nil {
			errs = append(errs, err)
			return
		}
		if known[th.ThemeID] {
			errs = append(errs, fieldErr("themes.csv", line, 1, ErrDuplicateTheme, "%q", th.ThemeID))
			return
		}
		known[th.ThemeID] = true
		t.themes = append(t.themes, th)
	})
	if err != nil {
		return nil, err
	}
	if len(t.themes) == 0 && len(errs) == 0 {
		return nil, parseErr("themes.csv", 1, 0, ErrNoThemes)
	}
	err = readCSV(termsCSV, "theme_terms.csv", []string{"theme_id", "lang", "term", "match", "source_url"}, func(line int, f []string) {
		if err := checkFields("theme_terms.csv", line, f, 0, 1, 2, 3, 4); err != nil {
			errs = append(errs, err)
			return
		}
		if !known[f[0]] {
			errs = append(errs, fieldErr("theme_terms.csv", line, 1, ErrUnknownTheme, "%q", f[0]))
			return
		}
		if !slices.Contains(Languages, f[1]) {
			errs = append(errs, fieldErr("theme_terms.csv", line, 2, ErrBadLang, "%q", f[1]))
			return
		}
		if !slices.Contains(matchKinds, f[3]) {
			errs = append(errs, fieldErr("theme_terms.csv", line, 4, ErrBadMatch, "%q (%s)", f[3], strings.Join(matchKinds, ", ")))
			return
		}
		if f[3] == MatchStem && stemLang[f[1]] == "" || f[1] == "zh" && f[3] != MatchSubstring {
			errs = append(errs, fieldErr("theme_terms.csv", line, 4, ErrBadMatch, "%s is not available for %q; use substring", f[3], f[1]))
			return
		}
		if err := checkURL("theme_terms.csv", line, 5, f[4]); err != nil {
			errs = append(errs, err)
			return
		}
		tm := compile(f[0], f[1], f[2], f[3])
		if len(tm.words) == 0 && tm.sub == "" {
			errs = append(errs, fieldErr("theme_terms.csv", line, 3, ErrEmptyTerm, "%q", f[2]))
			return
		}
		t.byLang[tm.lang] = append(t.byLang[tm.lang], tm)
	})
	if err != nil {
		return nil, err
	}
	if len(errs) > 0 {
		return nil, errors.Join(errs...)
	}
	return t, nil
}

// readCSV reads a CSV with the given header and calls row for each data row with its
// line and fields; fields is nil for a row with the wrong number of them. It returns
// the first syntax or header error.
func readCSV(r io.Reader, file string, header []string, row func(line int, f []string)) error {
	t, err := csvtable.New(r)
	if err == io.EOF {
		return parseErr(file, 1, 0, fmt.Errorf("%w: empty file", ErrHeader))
	}
	if err != nil {
		return csvErr(file, err)
	}
	if !slices.Equal(t.Header(), header) {
		return parseErr(file, t.HeaderLine(), 0, fmt.Errorf("%w: got %q, want %q", ErrHeader, strings.Join(t.Header(), ","), strings.Join(header, ",")))
	}
	for {
		rec, err := t.Next()
		if err == io.EOF {
			return nil
		}
		if err != nil {
			return csvErr(file, err)
		}
		if len(rec.Fields) != len(header) {
			row(rec.Line, nil) // the callback reports ErrFieldCount via checkFields
			continue
		}
		row(rec.Line, rec.Fields)
	}
}

// csvErr places an encoding/csv error in file.
func csvErr(file string, err error) error {
	var pe *csv.ParseError
	if errors.As(err, &pe) {
		return parseErr(file, pe.Line, pe.Column, err)
	}
	return parseErr(file, 0, 0, err)
}

func checkFields(file string, line int, f []string, required ...int) error {
	if f == nil {
		return parseErr(file, line, 0, ErrFieldCount)
	}
	for _, i := range required {
		if strings.TrimSpace(f[i]) == "" {
			return parseErr(file, line, i+1, ErrEmptyField)
		}
	}
	return nil
}

func checkURL(file string, line, col int, s string) error {
	for _, part := range strings.Split(s, " ; ") {
		u, err := url.Parse(strings.TrimSpace(part))
		if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
			return fieldErr(file, line, col, ErrBadURL, "%q", part)
		}
	}
	return nil
}

func compile(theme, lang, raw, match string) term {
	tm := term{theme: theme, lang: lang, raw: raw, match: match}
	folded := fold(raw, lang)
	if match == MatchSubstring {
		tm.sub = strings.Join(strings.Fields(folded), " ")
		return tm
	}
	ws := wordsIn(folded, lang)
	for _, w := range ws {
		tm.words = append(tm.words, stripMarks(w))
		if match == MatchStem {
			tm.stems = append(tm.stems, stem(w, lang))
		}
	}
	return tm
}

func stem(w, lang string) string {
	if lang == "ar" {
		return lightStemArabic(w)
	}
	s, err := snowball.Stem(w, stemLang[lang], true)
	if err != nil || s == "" {
		s = w
	}
	return stripMarks(s)
}

// text is one text prepared for one language.
type text struct {
	sub   string   // folded, spaces collapsed (substring)
	words []string // folded, mark-free
	stems []string
}

func prepare(s, lang string, needStems bool) text {
	folded := fold(s, lang)
	tx := text{sub: strings.Join(strings.Fields(folded), " ")}
	if lang == "zh" {
		return tx
	}
	ws := wordsIn(folded, lang)
	tx.words = make([]string, len(ws))
	for i, w := range ws {
		tx.words[i] = stripMarks(w)
	}
	if needStems {
		tx.stems = make([]string, len(ws))
		for i, w := range ws {
			tx.stems[i] = stem(w, lang)
		}
	}
	return tx
}

// Hit is one term found in a text, and where: Start and End (exclusive) count the
// text's normalised words (Unit "word") or, for substring terms, its normalised
// characters (Unit "char"); Text is the normalised text they cover.
type Hit struct {
	ThemeID, Term, Match string
	Unit                 string
	Start, End           int
	Text                 string
}

// Tag returns the themes whose terms in lang occur in text: at most one [Match]
// per theme (the first of its terms, in theme_terms.csv order, that matches), sorted
// by theme id. lang is an ISO 639-1 code; for an unsupported or empty lang Tag uses
// [Guess]. Empty text gives nil.
func (t *Tagger) Tag(text, lang string) []Match {
	seen := map[string]bool{}
	var out []Match
	t.scan(text, lang, func(tm term, _ Hit) {
		seen[tm.theme] = true
		out = append(out, Match{ThemeID: tm.theme, Term: tm.raw})
	}, func(tm term) bool { return seen[tm.theme] })
	slices.SortFunc(out, func(a, b Match) int { return strings.Compare(a.ThemeID, b.ThemeID) })
	return out
}

// Explain returns every term of lang found in text, in theme_terms.csv order, with
// where it matched. [Tag] keeps the first hit of each theme. lang as for Tag.
func (t *Tagger) Explain(text, lang string) []Hit {
	var out []Hit
	t.scan(text, lang, func(_ term, h Hit) { out = append(out, h) }, func(term) bool { return false })
	return out
}

// scan calls hit for each term of lang found in text; skip(term) saves the search
// of terms whose result no longer matters.
func (t *Tagger) scan(s, lang string, hit func(term, Hit), skip func(term) bool) {
	if !slices.Contains(Languages, lang) {
		lang = Guess(s)
	}
	terms := t.byLang[lang]
	if len(terms) == 0 || strings.TrimSpace(s) == "" {
		return
	}
	tx := prepare(s, lang, t.strategy != rawPrefix)
	for _, tm := range terms {
		if skip(tm) {
			continue
		}
		if h, ok := t.find(tm, tx); ok {
			hit(tm, h)
		}
	}
}

// TagAny tags text in the language [Guess] gives for it.
func (t *Tagger) TagAny(text string) []Match {
	lang := Guess(text)
	if lang == "" {
		return nil
	}
	return t.Tag(text, lang)
}

// find looks for term tm in tx and says where it is.
func (t *Tagger) find(tm term, tx text) (Hit, bool) {
	h := Hit{ThemeID: tm.theme, Term: tm.raw, Match: tm.match, Unit: "word"}
	if tm.match == MatchSubstring {
		i := strings.Index(tx.sub, tm.sub)
		if i < 0 {
			return h, false
		}
		h.Unit = "char"
		h.Start = utf8.RuneCountInString(tx.sub[:i])
		h.End = h.Start + utf8.RuneCountInString(tm.sub)
		h.Text = tm.sub
		return h, true
	}
	start, end := t.findWords(tm, tx)
	if start < 0 {
		return h, false
	}
	h.Start, h.End = start, end
	h.Text = strings.Join(tx.words[h.Start:h.End], " ")
	return h, true
}

// findWords returns where term tm occurs in tx as words [start, end), or -1, -1.
// Phrase and prefix terms must occur as consecutive words; stem terms may have
// one extra word inside them (see stemGap).
func (t *Tagger) findWords(tm term, tx text) (start, end int) {
	switch {
	case tm.match == MatchPhrase:
		return seq(tx.words, tm.words, func(a, b string) bool { return a == b }, 0)
	case tm.match == MatchPrefix:
		return seq(tx.words, tm.words, strings.HasPrefix, 0)
	case t.strategy == rawPrefix:
		return seq(tx.words, tm.words, strings.HasPrefix, stemGap)
	case t.strategy == stemEqual:
		return seq(tx.stems, tm.stems, func(a, b string) bool { return a == b }, stemGap)
	}
	return seq(tx.stems, tm.stems, stemCompatible, stemGap)
}

// stemGap is how many extra text words a stem term of two or more words may
// enclose: one, so that an ordinal or adjective inserted into a term still
// matches ("участие в шестом совещании" for "участие в совещании"), as the
// inflected forms do.
const stemGap = 1

// stemCompatible reports whether text stem w and term stem p name the same word
// family: w starts with p ("universalis" / "universal"), or p starts with a w of at
// least minStem letters, which catches derivations the stemmer leaves apart
// ("démin" from "déminer" / "déminag" from "déminage").
func stemCompatible(w, p string) bool {
	return strings.HasPrefix(w, p) || (utf8.RuneCountInString(w) >= minStem && strings.HasPrefix(p, w))
}

const minStem = 5

// seq returns the first occurrence [start, end) of pattern in ws under
// eq(word, pat): its words in order, with at most maxGap extra words between
// them in all (never before the first or after the last), or -1, -1.
func seq(ws, pattern []string, eq func(w, p string) bool, maxGap int) (start, end int) {
	if len(pattern) == 0 || len(pattern) > len(ws) {
		return -1, -1
	}
	for i := range ws {
		if !eq(ws[i], pattern[0]) {
			continue
		}
		if end := seqFrom(ws, i+1, pattern[1:], eq, maxGap); end >= 0 {
			return i, end
		}
	}
	return -1, -1
}

// seqFrom returns the end of pattern matched from ws[k:] with at most gap extra
// words in between, preferring the match without them, or -1.
func seqFrom(ws []string, k int, pattern []string, eq func(w, p string) bool, gap int) int {
	if len(pattern) == 0 {
		return k
	}
	for skip := 0; skip <= gap && k+skip < len(ws); skip++ {
		if eq(ws[k+skip], pattern[0]) {
			if end := seqFrom(ws, k+skip+1, pattern[1:], eq, gap-skip); end >= 0 {
				return end
			}
		}
	}
	return -1
}

// Themes returns the taxonomy in themes.csv order. The slice is a copy.
func (t *Tagger) Themes() []rawtable.Theme {
	return slices.Clone(t.themes)
}

// TagItems tags each item's title in the item's language and returns one row per
// (item, theme) in item order, themes sorted by id within an item.
//
// The items are split into one contiguous share per CPU, tagged concurrently (a
// Tagger is read-only once loaded) and joined in order, so the result does not
// depend on the number of CPUs. Each share remembers the matches of every (language,
// title) it has tagged: agenda titles repeat ("Adoption of the agenda") and tagging
// one costs tens of microseconds.
func TagItems(t *Tagger, items []rawtable.AgendaItem) []rawtable.AgendaItemTheme {
	shares := runtime.GOMAXPROCS(0)
	if shares > len(items)/minShare {
		shares = max(1, len(items)/minShare)
	}
	parts := make([][]rawtable.AgendaItemTheme, shares)
	var wg sync.WaitGroup
	for i := range shares {
		lo, hi := i*len(items)/shares, (i+1)*len(items)/shares
		wg.Go(func() { parts[i] = tagShare(t, items[lo:hi]) })
	}
	wg.Wait()
	return slices.Concat(parts...)
}

// minShare is the fewest items worth a goroutine of their own.
const minShare = 2048

func tagShare(t *Tagger, items []rawtable.AgendaItem) []rawtable.AgendaItemTheme {
	type key struct{ lang, text string }
	seen := map[key][]Match{}
	var out []rawtable.AgendaItemTheme
	for _, it := range items {
		k := key{it.Lang, it.Title}
		ms, ok := seen[k]
		if !ok {
			ms = t.Tag(it.Title, it.Lang)
			seen[k] = ms
		}
		for _, m := range ms {
			out = append(out, rawtable.AgendaItemTheme{
				MeetingID: it.MeetingID, ItemNumber: it.ItemNumber, Lang: it.Lang,
				ThemeID: m.ThemeID, Term: m.Term,
			})
		}
	}
	return out
}
