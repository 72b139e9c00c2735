package untc

import (
	"bytes"
	"fmt"
	"io"
	"regexp"
	"strconv"
	"strings"

	"synergy/pipeline/civil"
)

// Page is one decoded status page.
type Page struct {
	// Title is the treaty's title as the page header prints it, without its number
	// ("Convention on Cluster Munitions"); "" if the header is missing.
	Title string
	// TreatyID is the depositary's reference, chapter and number ("XXVI-6", "XXVI-2-b"),
	// built from the header's "CHAPTER XXVI" and "6." / "2. b"; "" if either is missing.
	TreatyID string
	// DeclaredSignatories and DeclaredParties are the counts in the header's status line
	// ("Signatories : 107. Parties : 112"); nil when the line does not give them.
	DeclaredSignatories, DeclaredParties *int
	// StatusAsAt is the day the depositary says the page's status holds on, from the
	// header's "STATUS AS AT : 03-02-2026 10:16:18 EDT"; nil when the line is missing.
	// A nightly fetch dates the page by it, not by the clock.
	StatusAsAt *civil.Day
	// Participants are the rows of the participant grid that decoded, in page order.
	Participants []Participant
	// Footnotes are the end notes, in page order.
	Footnotes []Footnote
	// Rejects are the grid rows that did not decode, one error per bad field. A rejected
	// row is not in Participants.
	Rejects []*ParseError
}

// Participant is one row of the participant grid. Dates are nil when the cell is empty.
// A bracketed date ("[24 Mar 2011 ]") is one the depositary keeps for a participation
// that has ended, for example by withdrawal.
type Participant struct {
	Line      int      // 1-based line in the input where the row starts
	Name      string   // as printed, footnote references removed, white space normalised
	Footnotes []string // footnote references printed after the name ("3"), in order

	Signature          *civil.Day
	SignatureBracketed bool

	// Provisional is the date of notification of provisional application (marker "n"),
	// on pages that have that column (CCM, ATT).
	Provisional          *civil.Day
	ProvisionalBracketed bool

	Consent          *civil.Day // date of the instrument of ratification, accession, …
	ConsentKind      Kind       // "" when Consent is nil
	ConsentBracketed bool       // participation ended (e.g. withdrawal)
}

// Footnote is one end note of the page.
type Footnote struct {
	Ref  string // the number printed before the note ("3")
	Text string // white space normalised; paragraphs joined by one space
	Line int    // 1-based line where the note starts
}

// Decode reads one status page from r: either the page's HTML as the UN Treaty
// Collection serves it, or the page's text as a browser copies it (a table row on one
// line, cells separated by tabs). It tells the two apart by whether the input starts
// with markup. name is used in errors.
//
// A page without a participant grid is an error wrapping [ErrNoParticipantTable]; a grid
// with a column the reader cannot interpret, one wrapping [ErrUnknownColumn]. Bad rows do
// not fail the page: they are returned in [Page.Rejects] and the rest of the page decodes.
//
// HTML that ends with a table still open (a download cut short, in the participant grid
// or in the notes, which record withdrawals) is an error wrapping [ErrTruncated] at the
// input's last line: a partial page would silently lose participants or withdrawals.
func Decode(r io.Reader, name string) (*Page, error) {
	src, err := io.ReadAll(r)
	if err != nil {
		return nil, &ParseError{File: name, Err: fmt.Errorf("%w: %w", ErrRead, err)}
	}
	var items []item
	var cut *openTable
	if isHTML(src) {
		items, cut = htmlItems(src)
	} else {
		items = textItems(src)
	}
	p, grid, err := decodeItems(items, name)
	if err != nil {
		return nil, err
	}
	if cut != nil {
		what := "a table"
		if cut.group == grid {
			what = "the participant grid"
		}
		return nil, &ParseError{File: name, Line: cut.end, Err: fmt.Errorf("%w: the input ends inside %s (opened at line %d) after %d participant rows",
			ErrTruncated, what, cut.line, len(p.Participants)+len(p.Rejects))}
	}
	return p, nil
}

// isHTML reports whether src starts, after white space and a byte-order mark, with "<".
func isHTML(src []byte) bool {
	src = bytes.TrimPrefix(src, []byte("\xef\xbb\xbf"))
	src = bytes.TrimLeft(src, " \t\r\n")
	return len(src) > 0 && src[0] == '<'
}

// decodeItems decodes a page's items; grid is the participant grid's item group.
func decodeItems(items []item, name string) (p *Page, grid int, err error) {
	head := -1
	var cols []column
	for i, it := range items {
		c, bad, ok := classify(it.cells)
		if !ok {
			continue
		}
		if bad != nil {
			return nil, 0, &ParseError{File: name, Line: bad.line, Column: bad.col, Err: badValue(ErrUnknownColumn, bad.text)}
		}
		head, cols = i, c
		break
	}
	if head < 0 {
		return nil, 0, &ParseError{File: name, Err: ErrNoParticipantTable}
	}
	p = new(Page)
	p.readHeader(items[:head])
	i := head + 1
	for ; i < len(items) && items[i].group == items[head].group; i++ {
		p.addRow(items[i], cols, name)
	}
	p.readFootnotes(items[i:])
	return p, items[head].group, nil
}

var (
	chapterRe = regexp.MustCompile(`^CHAPTER ([IVXLC]+)$`)
	treatyRe  = regexp.MustCompile(`^(\d+)\.(?: ?([a-z])\b)? ?([A-Z].*)$`)
	signRe    = regexp.MustCompile(`Signatories ?: ?(\d+)`)
	partiesRe = regexp.MustCompile(`Parties ?: ?(\d+)`)
	asAtRe    = regexp.MustCompile(`(?i)^STATUS AS AT ?: ?(\d{1,2})-(\d{1,2})-(\d{4})\b`)
)

// readHeader takes the title, treaty id and declared counts from the items before the
// grid. The treaty line is the first "N. Title" or "N. x Title" block; its chapter is the
// nearest "CHAPTER …" block before it (the site's menu lists every chapter earlier on).
func (p *Page) readHeader(items []item) {
	chapter := ""
	for _, it := range items {
		t := it.text()
		if m := chapterRe.FindStringSubmatch(t); m != nil {
			chapter = m[1]
			continue
		}
		if p.Title == "" {
			if m := treatyRe.FindStringSubmatch(t); m != nil && len(it.cells) == 1 {
				p.Title = m[3]
				if chapter != "" {
					p.TreatyID = chapter + "-" + m[1]
					if m[2] != "" {
						p.TreatyID += "-" + m[2]
					}
				}
				continue
			}
		}
		if m := asAtRe.FindStringSubmatch(t); m != nil && p.StatusAsAt == nil {
			p.StatusAsAt = dayOf(m[3], m[2], m[1])
			continue
		}
		if p.DeclaredParties == nil && p.DeclaredSignatories == nil {
			if m := signRe.FindStringSubmatch(t); m != nil {
				p.DeclaredSignatories = atoiPtr(m[1])
			}
			if m := partiesRe.FindStringSubmatch(t); m != nil {
				p.DeclaredParties = atoiPtr(m[1])
			}
		}
	}
}

// dayOf is the day of the numeric year, month and day, or nil when they name none.
func dayOf(year, month, day string) *civil.Day {
	y, _ := strconv.Atoi(year)
	m, _ := strconv.Atoi(month)
	dd, _ := strconv.Atoi(day)
	d, err := civil.ParseDay(fmt.Sprintf("%04d-%02d-%02d", y, m, dd))
	if err != nil {
		return nil
	}
	return &d
}

func atoiPtr(s string) *int {
	n, err := strconv.Atoi(s)
	if err != nil {
		return nil
	}
	return &n
}

// addRow decodes one grid row into p.Participants, or its faults into p.Rejects.
func (p *Page) addRow(it item, cols []column, file string) {
	var errs []*ParseError
	reject := func(c cell, field string, err error) {
		errs = append(errs, &ParseError{File: file, Line: c.line, Column: c.col, Field: field, Err: err})
	}
	if len(it.cells) > len(cols) {
		extra := it.cells[len(cols)]
		reject(extra, "row", badValue(ErrTooManyCells, it.text()))
		p.Rejects = append(p.Rejects, errs...)
		return
	}
	part := Participant{Line: it.line}
	part.Name, part.Footnotes = splitName(it.cells[0].text)
	if part.Name == "" {
		reject(it.cells[0], fieldParticipant, ErrMissingName)
	}
	for j := 1; j < len(it.cells); j++ {
		c, col := it.cells[j], cols[j]
		dc, empty, err := parseDateCell(c.text)
		if err != nil {
			reject(c, col.field, err)
			continue
		}
		if empty {
			continue
		}
		if !col.markers[dc.marker] {
			reject(c, col.field, badValue(ErrBadMarker, dc.marker))
			continue
		}
		day := dc.day
		switch col.field {
		case fieldSignature:
			part.Signature, part.SignatureBracketed = &day, dc.bracketed
		case fieldProvisional:
			part.Provisional, part.ProvisionalBracketed = &day, dc.bracketed
		case fieldConsent:
			kind, ok := kindOf[dc.marker]
			if !ok {
				reject(c, col.field, badValue(ErrBadMarker, dc.marker))
				continue
			}
			part.Consent, part.ConsentKind, part.ConsentBracketed = &day, kind, dc.bracketed
		}
	}
	if len(errs) > 0 {
		p.Rejects = append(p.Rejects, errs...)
		return
	}
	p.Participants = append(p.Participants, part)
}

var (
	noteRe = regexp.MustCompile(`^(\d{1,3})([^\d.,:;)\]].*)?$`)
	// footerRe matches the first line of the site's footer, which follows the notes.
	footerRe = regexp.MustCompile(`^(?:chevron-down\b|ABOUT$)`)
)

// readFootnotes reads the end notes from the items after the grid: they follow a block
// "End Note". A note starts with its number, which may be glued to its text ("2Upon its
// ratification"), and the numbers run 1, 2, 3, …; any other block continues the note
// before it (a text copy puts a note's paragraphs on lines of their own). In HTML the
// notes are one table and end with it; in a text copy they end at the next table, at the
// site's footer ("chevron-down", "ABOUT") or at the end of the input.
func (p *Page) readFootnotes(items []item) {
	start := -1
	for i, it := range items {
		if t := it.text(); t == "End Note" || t == "End Notes" {
			start = i + 1
			break
		}
	}
	if start < 0 {
		return
	}
	group := -1
	var paras [][]string // each note's paragraphs, joined at the end
	for _, it := range items[start:] {
		t := normSpace(it.text())
		if (group >= 0 && it.group != group) || footerRe.MatchString(t) {
			break
		}
		n := len(p.Footnotes)
		if m := noteRe.FindStringSubmatch(t); m != nil && (n == 0 || isNext(p.Footnotes[n-1].Ref, m[1])) {
			if group < 0 {
				group = it.group
			}
			p.Footnotes = append(p.Footnotes, Footnote{Ref: m[1], Line: it.line})
			paras = append(paras, []string{strings.TrimSpace(m[2])})
			continue
		}
		if n > 0 {
			paras[n-1] = append(paras[n-1], t)
		}
	}
	for i := range p.Footnotes {
		p.Footnotes[i].Text = normSpace(strings.Join(paras[i], " "))
	}
}

// isNext reports whether ref is the number after prev.
func isNext(prev, ref string) bool {
	a, err1 := strconv.Atoi(prev)
	b, err2 := strconv.Atoi(ref)
	return err1 == nil && err2 == nil && b == a+1
}
