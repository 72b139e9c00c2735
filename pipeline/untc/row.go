package untc

import (
	"regexp"
	"strconv"
	"strings"
	"time"

	"synergy/pipeline/civil"
)

// Kind is how a participant consented to be bound, as the marker after the date says.
type Kind string

// Consent kinds. The markers are case-sensitive: "a" is accession, "A" acceptance.
const (
	KindRatification     Kind = "ratification"        // no marker
	KindAccession        Kind = "accession"           // a
	KindAcceptance       Kind = "acceptance"          // A
	KindApproval         Kind = "approval"            // AA
	KindSuccession       Kind = "succession"          // d
	KindConsentToBeBound Kind = "consent_to_be_bound" // P (CCW protocols)
	// KindFormalConfirmation is an international organisation's consent (CRPD art. 43).
	KindFormalConfirmation Kind = "formal_confirmation" // c
)

// kindOf maps a consent-column marker to its kind.
var kindOf = map[string]Kind{
	"":   KindRatification,
	"a":  KindAccession,
	"A":  KindAcceptance,
	"AA": KindApproval,
	"d":  KindSuccession,
	"P":  KindConsentToBeBound,
	"c":  KindFormalConfirmation,
}

// Field names used in [ParseError.Field].
const (
	fieldParticipant = "participant"
	fieldSignature   = "signature"
	fieldProvisional = "provisional_application"
	fieldConsent     = "consent"
)

// column says what one column of the participant grid holds.
type column struct {
	field   string
	markers map[string]bool // markers the header's legend declares; "" when a bare date is allowed
}

var legendRe = regexp.MustCompile(`\(([A-Za-z]{1,2})\)`)

// classify reads the grid's header row. It reports ok=false when the row is not a
// participant grid header, and ErrUnknownColumn for a column it cannot interpret.
func classify(header []cell) (cols []column, bad *cell, ok bool) {
	// The first header cell may carry a note reference ("Participant 3", chapter IV).
	if name, _ := splitName(header[0].text); len(header) < 2 || name != "Participant" {
		return nil, nil, false
	}
	cols = []column{{field: fieldParticipant}}
	consent := 0
	for i := 1; i < len(header); i++ {
		h := header[i].text
		c := column{markers: map[string]bool{}}
		for _, m := range legendRe.FindAllStringSubmatch(h, -1) {
			c.markers[m[1]] = true
		}
		lower := strings.ToLower(h)
		switch {
		case strings.HasPrefix(lower, "signature"):
			// A bare date, and what the legend declares: "Signature, Succession to
			// signature(d)" on pages of treaties open to successor states.
			c.field = fieldSignature
			c.markers[""] = true
		case strings.Contains(lower, "provisional application"):
			c.field = fieldProvisional
		case containsAny(lower, "ratification", "accession", "acceptance", "approval", "succession", "consent to be bound", "formal confirmation"):
			c.field = fieldConsent
			if strings.Contains(lower, "ratification") {
				c.markers[""] = true
			}
			consent++
		default:
			if bad == nil {
				bad = &header[i]
			}
		}
		cols = append(cols, c)
	}
	if consent != 1 {
		return nil, nil, false
	}
	return cols, bad, true
}

func containsAny(s string, subs ...string) bool {
	for _, sub := range subs {
		if strings.Contains(s, sub) {
			return true
		}
	}
	return false
}

// footRefsRe matches footnote numbers printed after a name: "Montenegro 6",
// "Netherlands (Kingdom of the)4", "Name 1, 2".
var footRefsRe = regexp.MustCompile(`^(.*?[^\d\s,])\s*(\d{1,3}(?:\s*,?\s*\d{1,3})*)$`)

// splitName separates a participant cell into the name and its footnote references.
func splitName(s string) (name string, refs []string) {
	s = normSpace(s)
	m := footRefsRe.FindStringSubmatch(s)
	if m == nil {
		return s, nil
	}
	refs = strings.FieldsFunc(m[2], func(r rune) bool { return r == ',' || r == ' ' })
	return m[1], refs
}

// dateCell is a parsed date cell: "3 Dec 2008", "[24 Mar 2011 n]".
type dateCell struct {
	day       civil.Day
	marker    string
	bracketed bool
}

// parseDateCell parses a cell of a date column; empty=true for an empty cell.
func parseDateCell(s string) (dc dateCell, empty bool, err error) {
	s = normSpace(s)
	if s == "" {
		return dc, true, nil
	}
	open, closed := strings.HasPrefix(s, "["), strings.HasSuffix(s, "]")
	if open != closed || strings.Count(s, "[") > 1 || strings.Count(s, "]") > 1 {
		return dc, false, badValue(ErrBadBracket, s)
	}
	inner := s
	if open {
		dc.bracketed = true
		inner = normSpace(s[1 : len(s)-1])
		if inner == "" {
			return dc, false, badValue(ErrBadDate, s)
		}
	}
	f := strings.Fields(inner)
	switch len(f) {
	case 3:
	case 4:
		dc.marker = f[3]
		f = f[:3]
	default:
		return dc, false, badValue(ErrBadDate, s)
	}
	d, ok := parseDay(strings.Join(f, " "))
	if !ok {
		return dc, false, badValue(ErrBadDate, s)
	}
	dc.day = d
	return dc, false, nil
}

var months = [...]string{"january", "february", "march", "april", "may", "june", "july",
	"august", "september", "october", "november", "december"}

var dayRe = regexp.MustCompile(`^(\d{1,2}) ([A-Za-z]{3,9})\.? (\d{4})$`)

// parseDay parses "3 Dec 1997", "03 Dec 1997" or "3 December 1997" (a month name or its
// abbreviation of three letters or more, any case) and rejects impossible dates such as
// 31 Feb.
func parseDay(s string) (civil.Day, bool) {
	m := dayRe.FindStringSubmatch(normSpace(s))
	if m == nil {
		return 0, false
	}
	mon := 0
	lower := strings.ToLower(m[2])
	for i, name := range months {
		if strings.HasPrefix(name, lower) {
			mon = i + 1
			break
		}
	}
	d, _ := strconv.Atoi(m[1])
	y, _ := strconv.Atoi(m[3])
	if mon == 0 || y < 1000 || d < 1 {
		return 0, false
	}
	if last := time.Date(y, time.Month(mon)+1, 0, 0, 0, 0, 0, time.UTC).Day(); d > last {
		return 0, false
	}
	return civil.Date(y, time.Month(mon), d), true
}
