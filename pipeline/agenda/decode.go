package agenda

import (
	"bufio"
	"errors"
	"fmt"
	"io"
	"net/url"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"
)

// MaxLineBytes is the longest line [Decode] accepts.
const MaxLineBytes = 1 << 20

// FileNamePattern is the one pattern agenda file names must match:
// <INSTRUMENT>_<CODE>.<lang>.txt, where INSTRUMENT is upper-case letters and
// digits, CODE is letters and digits in hyphen-separated groups, and lang is then
// checked against the six UN languages (ar, zh, en, fr, es, ru).
var FileNamePattern = regexp.MustCompile(`^([A-Z][A-Z0-9]*)_([A-Za-z0-9]+(?:-[A-Za-z0-9]+)*)\.([^.]+)\.txt$`)

// langs are the accepted language codes (ISO 639-1): the six UN languages.
var langs = []string{"ar", "zh", "en", "fr", "es", "ru"}

var (
	// A UN document symbol: upper-case series, then at least one "/" part.
	symbolRE = regexp.MustCompile(`^[A-Z][A-Z0-9.]*(?:/[A-Za-z0-9.]+)+`)
	urlSepRE = regexp.MustCompile(`\s*;\s+|\s+;\s*`)
	headerRE = regexp.MustCompile(`^(Meeting|Réunion|Status|Statut)\s*:\s*(.*)$`)
	// "1. T", "10.a. T", "10.h.i. T", "1.a T", "10f. T", "11.B. T".
	numberedRE = regexp.MustCompile(`^(\d+(?:\.?[A-Za-z]+)?(?:\.[A-Za-z0-9]+)*)(\.?)(?:\s+(.*))?$`)
	// "A - T", "ii - T", "a) T", "A. T" (sub-items only).
	letterRE = regexp.MustCompile(`^([A-Za-z]|[ivxIVX]{1,4})(?:\s+[-–—]|[.)])(?:\s+(.*))?$`)
	// "(a) T", "(2) T" (sub-items only).
	parenRE = regexp.MustCompile(`^\(([A-Za-z]|[ivxIVX]{1,4}|\d{1,3})\)(?:\s+(.*))?$`)
	// "- T", "• T".
	bulletRE    = regexp.MustCompile(`^[-•*](?:\s+(.*))?$`)
	sectionRE   = regexp.MustCompile(`^([^\s\d\[(\-•*][^:]*):(?:\s+(.*))?$`)
	glueRE      = regexp.MustCompile(`^(\d+)([A-Za-z])`)
	truncatedRE = regexp.MustCompile(`\[[^\]]*(?:\.\.\.|…|\bcut\b)[^\]]*\]`)
	partialRE   = regexp.MustCompile(`(?i)\bpartial\b|\bfragment\b|\bnot the official agenda\b|\bnot an agenda\b|\bcut\b`)
	fragmentRE  = regexp.MustCompile(`(?i)\bfragment\b|\bonly the (?:provisional-)?agenda item cited\b`)
)

// maxSectionWords bounds the label of a section heading, so that a stray sentence
// containing a colon is rejected rather than taken for a heading.
const maxSectionWords = 8

// Decode reads one agenda file from r. file is the file's name or path; its base
// name gives the meeting ID and the language and is recorded in errors and records.
//
// Decode returns an error, and no Agenda, when the name is malformed
// ([ErrBadFileName], [ErrBadLang]), when line 1 cannot be read ([ErrEmpty],
// [ErrNoDescriptor], [ErrNoSource], [ErrBadURL], [ErrInvalidUTF8]), on a read error
// or an over-long line, or when no item was decoded ([ErrNoItems], joined with the
// rejects that explain why). Problems with single body lines do not stop decoding:
// each becomes a [*ParseError] in [Agenda.Rejects]. A leading byte-order mark is
// removed and CRLF line ends are accepted.
func Decode(r io.Reader, file string) (*Agenda, error) {
	a, err := decodeName(file)
	if err != nil {
		return nil, err
	}
	d := &decoder{a: a, seen: make(map[string]bool)}

	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 0, 64*1024), MaxLineBytes)
	n := 0
	for sc.Scan() {
		n++
		line := sc.Text()
		if n == 1 {
			line = strings.TrimPrefix(line, "\ufeff")
			if err := d.firstLine(line); err != nil {
				return nil, err
			}
			continue
		}
		d.line(n, line)
	}
	if err := sc.Err(); err != nil {
		if errors.Is(err, bufio.ErrTooLong) {
			err = ErrLineTooLong
		}
		return nil, &ParseError{File: a.File, Line: n + 1, Field: "line", Err: err}
	}
	if n == 0 {
		return nil, &ParseError{File: a.File, Line: 1, Field: "source", Err: ErrEmpty}
	}
	if len(a.Items) == 0 {
		errs := []error{&ParseError{File: a.File, Field: "items", Err: ErrNoItems}}
		for _, e := range a.Rejects {
			errs = append(errs, e)
		}
		return nil, errors.Join(errs...)
	}
	d.classify()
	return a, nil
}

func decodeName(file string) (*Agenda, error) {
	base := filepath.Base(file)
	m := FileNamePattern.FindStringSubmatch(base)
	if m == nil {
		return nil, &ParseError{File: base, Field: "file_name", Err: ErrBadFileName}
	}
	lang := m[3]
	if !slices.Contains(langs, lang) {
		return nil, &ParseError{File: base, Field: "lang", Err: fmt.Errorf("%w: %q", ErrBadLang, lang)}
	}
	return &Agenda{
		File:       base,
		MeetingID:  m[1] + "_" + m[2],
		Instrument: m[1],
		Code:       m[2],
		Lang:       lang,
		Items:      []Item{},
	}, nil
}

// firstLine reads "<descriptor> | <URL> [; <URL>…]". The descriptor is everything
// before the first "|"-separated part that starts with a URL, so a page title that
// itself contains " | " stays in the note.
func (d *decoder) firstLine(line string) error {
	a := d.a
	fail := func(err error) error {
		return &ParseError{File: a.File, Line: 1, Field: "source", Raw: line, Err: err}
	}
	if !utf8.ValidString(line) {
		return fail(ErrInvalidUTF8)
	}
	parts := strings.Split(line, "|")
	at := -1
	for i, p := range parts {
		if i > 0 && hasURLScheme(strings.TrimSpace(p)) {
			at = i
			break
		}
	}
	if at < 0 {
		return fail(ErrNoSource)
	}
	desc := normSpace(strings.Join(parts[:at], "|"))
	if desc == "" {
		return fail(ErrNoDescriptor)
	}
	for _, u := range urlSepRE.Split(strings.TrimSpace(strings.Join(parts[at:], "|")), -1) {
		if !validURL(u) {
			return fail(fmt.Errorf("%w: %q", ErrBadURL, u))
		}
		a.SourceURLs = append(a.SourceURLs, u)
	}
	a.SourceURL = a.SourceURLs[0]

	if sym, rest, ok := cutSymbol(desc); ok {
		a.Symbol = &sym
		for {
			after, found := strings.CutPrefix(rest, "- ")
			if !found {
				break
			}
			s, r, ok := cutSymbol(after)
			if !ok {
				break
			}
			a.OtherSymbols = append(a.OtherSymbols, s)
			rest = r
		}
		desc = rest
	}
	a.Note = desc
	return nil
}

// cutSymbol splits a leading document symbol off s (already space-normalised).
func cutSymbol(s string) (sym, rest string, ok bool) {
	sym = symbolRE.FindString(s)
	if sym == "" {
		return "", s, false
	}
	rest = s[len(sym):]
	if rest != "" && rest[0] != ' ' {
		return "", s, false
	}
	return sym, strings.TrimPrefix(rest, " "), true
}

func hasURLScheme(s string) bool {
	l := strings.ToLower(s)
	return strings.HasPrefix(l, "http://") || strings.HasPrefix(l, "https://")
}

func validURL(s string) bool {
	if !hasURLScheme(s) || strings.ContainsFunc(s, unicode.IsSpace) {
		return false
	}
	u, err := url.Parse(s)
	return err == nil && u.Host != ""
}

type decoder struct {
	a       *Agenda
	body    bool            // an item, gap or section has been seen
	parent  string          // number of the last top-level item, for sub-items; "" after a section heading
	section string          // title of the current section heading
	seen    map[string]bool // item numbers used
	loose   int             // unnumbered top-level items so far
	sub     map[string]int  // unnumbered sub-items so far, by parent number

	gotMeeting, gotStatus bool
}

func (d *decoder) reject(n int, raw, field string, err error) {
	d.a.Rejects = append(d.a.Rejects, &ParseError{File: d.a.File, Line: n, Field: field, Raw: raw, Err: err})
}

// line decodes body line n (n ≥ 2).
func (d *decoder) line(n int, raw string) {
	if !utf8.ValidString(raw) {
		d.reject(n, strings.ToValidUTF8(raw, "\uFFFD"), "line", ErrInvalidUTF8)
		return
	}
	text := normSpace(raw)
	if text == "" {
		return
	}
	indented := raw != "" && unicode.IsSpace(firstRune(raw))

	if !indented {
		if m := headerRE.FindStringSubmatch(text); m != nil {
			d.header(n, raw, m[1], m[2])
			return
		}
	}
	if text[0] == '[' && text[len(text)-1] == ']' {
		g := Gap{Line: n, Text: text}
		if indented {
			g.Parent = d.parent
		}
		d.a.Gaps = append(d.a.Gaps, g)
		d.body = true
		return
	}
	if m := numberedRE.FindStringSubmatch(text); m != nil && (m[2] == "." || !isDigits(m[1])) {
		num := glueRE.ReplaceAllString(m[1], "$1.$2")
		if indented {
			p := d.parent
			if p == "" {
				d.reject(n, raw, "item", ErrOrphanSubItem)
				return
			}
			if !strings.Contains(num, ".") {
				num = p + "." + num
			} else if root(num) != root(p) {
				d.reject(n, raw, "item", fmt.Errorf("%w: %s under %s", ErrSubItemParent, num, p))
				return
			}
			d.add(n, raw, Item{Number: num, Numbered: true}, m[3], false)
			return
		}
		d.add(n, raw, Item{Number: num, Numbered: true}, m[3], true)
		return
	}
	if m := bulletRE.FindStringSubmatch(text); m != nil {
		if indented {
			d.subItem(n, raw, "", false, m[1])
			return
		}
		d.loose++
		d.add(n, raw, Item{Number: "#" + strconv.Itoa(d.loose)}, m[1], true)
		return
	}
	if m := parenRE.FindStringSubmatch(text); m != nil {
		d.subItem(n, raw, m[1], true, m[2])
		return
	}
	if indented {
		if m := letterRE.FindStringSubmatch(text); m != nil {
			d.subItem(n, raw, m[1], true, m[2])
			return
		}
	}
	if m := sectionRE.FindStringSubmatch(text); !indented && m != nil && len(strings.Fields(m[1])) <= maxSectionWords {
		d.section = strings.TrimSpace(m[1])
		d.a.Sections = append(d.a.Sections, Section{Line: n, Title: d.section, Text: m[2]})
		d.parent = ""
		d.body = true
		return
	}
	d.reject(n, raw, "line", ErrUnrecognisedLine)
}

func (d *decoder) header(n int, raw, key, val string) {
	if d.body {
		d.reject(n, raw, "header", ErrMisplacedHeader)
		return
	}
	dst, got := &d.a.Meeting, &d.gotMeeting
	if key == "Status" || key == "Statut" {
		dst, got = &d.a.Status, &d.gotStatus
	}
	if *got {
		d.reject(n, raw, "header", fmt.Errorf("%w: %s", ErrDuplicateHeader, key))
		return
	}
	*dst, *got = val, true
}

// subItem adds a sub-item of the current parent: mark is its letter or number as
// printed, or "" for a bullet (which gets the next "#" ordinal under the parent).
func (d *decoder) subItem(n int, raw, mark string, numbered bool, title string) {
	p := d.parent
	if p == "" {
		d.reject(n, raw, "item", ErrOrphanSubItem)
		return
	}
	if mark == "" {
		if d.sub == nil {
			d.sub = make(map[string]int)
		}
		d.sub[p]++
		mark = "#" + strconv.Itoa(d.sub[p])
	}
	d.add(n, raw, Item{Number: p + "." + mark, Numbered: numbered}, title, false)
}

// add finishes and appends it (Number and Numbered set) with the raw title.
// top reports a top-level line, which becomes the parent of following sub-items.
func (d *decoder) add(n int, raw string, it Item, title string, top bool) {
	title = strings.TrimSpace(title)
	if title == "" {
		d.reject(n, raw, "item", ErrEmptyTitle)
		return
	}
	if d.seen[it.Number] {
		d.reject(n, raw, "item", fmt.Errorf("%w: %s", ErrDuplicateNumber, it.Number))
		return
	}
	d.seen[it.Number] = true
	it.Line = n
	if i := strings.LastIndexByte(it.Number, '.'); i >= 0 {
		it.Parent = it.Number[:i]
	}
	it.Title = title
	it.Reconstructed = wholeBracketed(title)
	it.Truncated = truncatedRE.MatchString(title)
	it.Section = d.section
	d.a.Items = append(d.a.Items, it)
	d.body = true
	if top {
		d.parent = it.Number
	}
}

// classify sets Kind and Partial once the whole file has been read.
func (d *decoder) classify() {
	a := d.a
	text := a.Status
	if text == "" {
		text = a.Note
	}
	low := strings.ToLower(text)
	switch {
	case strings.Contains(low, "committee titles"):
		a.Kind = KindCommitteeTitles
	case fragmentRE.MatchString(text):
		a.Kind = KindFragment
	case strings.Contains(low, "main issues"):
		a.Kind = KindIssueList
	case strings.Contains(low, "session list"):
		a.Kind = KindSessionList
	default:
		a.Kind = KindAgenda
	}
	a.Partial = partialRE.MatchString(text) || a.Kind == KindFragment || len(a.Gaps) > 0
}

// wholeBracketed reports whether s is one "[…]" group from its first to its last
// byte.
func wholeBracketed(s string) bool {
	if len(s) < 2 || s[0] != '[' || s[len(s)-1] != ']' {
		return false
	}
	depth := 0
	for i := 0; i < len(s); i++ {
		switch s[i] {
		case '[':
			depth++
		case ']':
			depth--
			if depth == 0 && i != len(s)-1 {
				return false
			}
		}
	}
	return depth == 0
}

func root(num string) string {
	r, _, _ := strings.Cut(num, ".")
	return r
}

func isDigits(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return s != ""
}

func firstRune(s string) rune {
	r, _ := utf8.DecodeRuneInString(s)
	return r
}

// normSpace collapses each run of Unicode white space to one space and trims the
// ends.
func normSpace(s string) string {
	return strings.Join(strings.Fields(s), " ")
}
