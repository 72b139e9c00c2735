package untc

import (
	"regexp"
	"strings"

	"synergy/pipeline/civil"
)

// Withdrawal is a withdrawal that an end note records.
type Withdrawal struct {
	Name        string     // the participant whose row cites the note, else the state the note names
	FootnoteRef string     // the note's number
	Notified    *civil.Day // the day the notification was deposited or received; nil if not stated
	Effective   *civil.Day // the day the withdrawal took or takes effect; nil if not stated
	Text        string     // the note's sentences from the notification to the effect
}

// The depositary's phrasing, as in CCM note 3: "On 6 September 2024, the Government of
// the Republic of Lithuania deposited with the Secretary-General a notification of
// withdrawal. The withdrawal took effect for Lithuania on 6 March 2025 in accordance
// with article 20 (3) of the Convention." Also accepted: "notified the Secretary-General
// of its decision to withdraw", "will take effect on".
const dateExpr = `(\d{1,2} [A-Z][a-z]+ \d{4})`

var (
	notifiedRe  = regexp.MustCompile(`On ` + dateExpr + `, ([^.]*?)(?:a notification of withdrawal|(?:its|a) decision to withdraw|notified [^.]*withdraw)`)
	effectiveRe = regexp.MustCompile(`(?:[Ww]ithdrawal|[Ww]hich|[Ii]t) (?:took|takes|will take|shall take) effect(?: for ([^.,]+?))? on ` + dateExpr)
	governRe    = regexp.MustCompile(`Government of (?:the )?(.+?) (?:deposited|notified|informed)`)
	// reservationRe spots notes about withdrawing a reservation, declaration or
	// objection, which are not withdrawals from the treaty (CRPD notes 14 and 15).
	reservationRe = regexp.MustCompile(`withdraw(?:al of)? (?:the |its |a |their )?(?:following )?(?:reservations?|declarations?|objections?)`)
)

// Withdrawals returns the withdrawals that the page's end notes record, in note order.
// A note counts when it states a dated notification of withdrawal ("On 6 September 2024,
// … a notification of withdrawal"); the effective date is read from the sentence that
// follows ("The withdrawal took effect … on 6 March 2025"). Notes that only mention
// earlier states' history are not withdrawals.
func (p *Page) Withdrawals() []Withdrawal {
	var out []Withdrawal
	for _, fn := range p.Footnotes {
		text := normSpace(fn.Text)
		m := notifiedRe.FindStringSubmatchIndex(text)
		if m == nil || reservationRe.MatchString(text[m[0]:]) {
			continue
		}
		w := Withdrawal{FootnoteRef: fn.Ref}
		if d, ok := parseDay(text[m[2]:m[3]]); ok {
			w.Notified = &d
		}
		end := m[1]
		forName := ""
		if e := effectiveRe.FindStringSubmatchIndex(text[end:]); e != nil {
			if e[2] >= 0 {
				forName = text[end+e[2] : end+e[3]]
			}
			if d, ok := parseDay(text[end+e[4] : end+e[5]]); ok {
				w.Effective = &d
			}
			end += e[1]
		}
		if i := strings.Index(text[end:], ". "); i >= 0 {
			end += i + 1
		} else if strings.HasSuffix(text, ".") {
			end = len(text)
		}
		w.Text = text[m[0]:end]
		w.Name = p.citing(fn.Ref)
		if w.Name == "" {
			w.Name = forName
		}
		if w.Name == "" {
			if g := governRe.FindStringSubmatch(text[m[4]:m[5]]); g != nil {
				w.Name = g[1]
			}
		}
		out = append(out, w)
	}
	return out
}

// citing returns the one participant whose row cites note ref, or "" if none or several.
func (p *Page) citing(ref string) string {
	name := ""
	for _, pt := range p.Participants {
		for _, r := range pt.Footnotes {
			if r == ref {
				if name != "" && name != pt.Name {
					return ""
				}
				name = pt.Name
			}
		}
	}
	return name
}
