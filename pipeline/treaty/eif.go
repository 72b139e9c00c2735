package treaty

import (
	"regexp"
	"strconv"
	"strings"

	"synergy/pipeline/civil"
	"synergy/pipeline/rawtable"
)

// RuleKind is the shape of an entry-into-force rule.
type RuleKind string

// The rule kinds of datasets/instruments.csv; their readings are in the package
// documentation.
const (
	FirstDayOfMonthAfter RuleKind = "first_day_of_month_after"
	MonthsAfterDeposit   RuleKind = "months_after_deposit"
	DaysAfterDeposit     RuleKind = "days_after_deposit"
)

// Anchor says what a deposit made before the treaty's own entry into force is
// measured against; see the package documentation.
type Anchor string

// The anchors. AnchorNthDeposit is the default when a rule has no anchor part.
const (
	AnchorNthDeposit     Anchor = "nth_deposit"
	AnchorEntryIntoForce Anchor = "entry_into_force"
)

// MaxRuleCount bounds the month or day count of a rule. Real treaties use 6 months or
// 30–90 days; the bound keeps date arithmetic far from overflow.
const MaxRuleCount = 1200

// Rule is a parsed entry-into-force rule. The zero Rule is not valid; get one from
// [ParseRule].
type Rule struct {
	kind      RuleKind
	n         int
	notBefore civil.Day
	article   string
	anchor    Anchor
}

// articleRE matches article references such as 17, 17(2), 5(2)(b), 8bis.
var articleRE = regexp.MustCompile(`^[0-9]+[a-z]*(\([0-9a-z]+\))*$`)

// ParseRule parses a rule of the form "<kind>:<n>;not_before:<YYYY-MM-DD>;art:<article>",
// optionally followed by ";anchor:<nth_deposit|entry_into_force>", the parts in that
// order, with no spaces inside. Surrounding white space is ignored. Errors are
// *[RuleError] wrapping one of the Err… sentinels.
func ParseRule(s string) (Rule, error) {
	parts := strings.Split(strings.TrimSpace(s), ";")
	if len(parts) != 3 && len(parts) != 4 {
		return Rule{}, ruleErr(s, ErrRuleSyntax, "want 3 or 4 parts separated by ';', got %d", len(parts))
	}
	var vals [4]string
	for i, want := range []string{"", "not_before", "art", "anchor"}[:len(parts)] {
		k, v, ok := strings.Cut(parts[i], ":")
		if !ok {
			return Rule{}, ruleErr(s, ErrRuleSyntax, "part %q has no ':'", parts[i])
		}
		if i == 0 {
			want = k
		}
		if k != want {
			return Rule{}, ruleErr(s, ErrRuleSyntax, "part %d is %q, want %q", i+1, k, want)
		}
		vals[i] = v
	}
	var r Rule
	kind, _, _ := strings.Cut(parts[0], ":")
	switch r.kind = RuleKind(kind); r.kind {
	case FirstDayOfMonthAfter, MonthsAfterDeposit, DaysAfterDeposit:
	default:
		return Rule{}, ruleErr(s, ErrRuleKind, "%q", kind)
	}
	n, err := strconv.Atoi(vals[0])
	if err != nil || n < 1 || n > MaxRuleCount || vals[0] != strconv.Itoa(n) {
		return Rule{}, ruleErr(s, ErrRuleCount, "%q", vals[0])
	}
	r.n = n
	if len(vals[1]) != len("2006-01-02") {
		return Rule{}, ruleErr(s, ErrRuleDate, "%q", vals[1])
	}
	if r.notBefore, err = civil.ParseDay(vals[1]); err != nil {
		return Rule{}, ruleErr(s, ErrRuleDate, "%q", vals[1])
	}
	if !articleRE.MatchString(vals[2]) {
		return Rule{}, ruleErr(s, ErrRuleArticle, "%q", vals[2])
	}
	r.article = vals[2]
	r.anchor = AnchorNthDeposit
	if len(parts) == 4 {
		r.anchor = Anchor(vals[3])
	}
	switch r.anchor {
	case AnchorNthDeposit, AnchorEntryIntoForce:
	default:
		return Rule{}, ruleErr(s, ErrRuleAnchor, "%q", vals[3])
	}
	return r, nil
}

// EntryIntoForce returns the date the treaty enters into force for a State that
// deposited its instrument on deposit: the rule's date, or NotBefore if that is later.
// Under [AnchorEntryIntoForce] a deposit on or before NotBefore gives NotBefore.
// It panics on the zero Rule, which is a programming error.
func (r Rule) EntryIntoForce(deposit civil.Day) civil.Day {
	if r.anchor == AnchorEntryIntoForce && deposit <= r.notBefore {
		return r.notBefore
	}
	var d civil.Day
	switch r.kind {
	case FirstDayOfMonthAfter:
		y, m, _ := deposit.Time().Date()
		d = civil.Date(y, m, 1).AddMonths(r.n)
	case MonthsAfterDeposit:
		d = deposit.AddMonths(r.n)
	case DaysAfterDeposit:
		d = deposit.AddDays(r.n)
	default:
		panic("treaty: EntryIntoForce on a Rule not made by ParseRule")
	}
	return max(d, r.notBefore)
}

// Kind returns the rule's kind.
func (r Rule) Kind() RuleKind { return r.kind }

// Count returns the number of months or days the rule adds.
func (r Rule) Count() int { return r.n }

// NotBefore returns the earliest possible entry-into-force date: the treaty's own.
func (r Rule) NotBefore() civil.Day { return r.notBefore }

// Article returns the article stating the rule, as written in the rule: "17(2)".
func (r Rule) Article() string { return r.article }

// Anchor returns the rule's anchor, AnchorNthDeposit unless the rule names another.
func (r Rule) Anchor() Anchor { return r.anchor }

// String returns the rule in the form ParseRule reads, omitting the default anchor;
// ParseRule(r.String()) == r.
func (r Rule) String() string {
	s := string(r.kind) + ":" + strconv.Itoa(r.n) + ";not_before:" + r.notBefore.String() + ";art:" + r.article
	if r.anchor != AnchorNthDeposit {
		s += ";anchor:" + string(r.anchor)
	}
	return s
}

// DeriveEntryIntoForce fills each row's missing entry-into-force date and marks it
// derived, rules giving each instrument's rule by id. For ratification, accession,
// acceptance, approval and consent to be bound it applies the instrument's rule to
// the deposit date. A successor State is bound from the date of succession, which the
// sources do not give but which cannot be later than its notification of succession:
// the notification date is used, an upper bound that may count the State as party
// later than it was, never earlier. A row without a consent date, or of an
// instrument rules lacks, is left as it is.
func DeriveEntryIntoForce(rows []rawtable.Participation, rules map[string]Rule) {
	for i := range rows {
		p := &rows[i]
		if p.EntryIntoForceDate != nil || p.ConsentDate == nil {
			continue
		}
		if p.ConsentKind != nil && *p.ConsentKind == "succession" {
			d := *p.ConsentDate
			p.EntryIntoForceDate = &d
			p.EntryIntoForceDerived = true
			continue
		}
		rule, ok := rules[p.InstrumentID]
		if !ok {
			continue
		}
		d := rule.EntryIntoForce(*p.ConsentDate)
		p.EntryIntoForceDate = &d
		p.EntryIntoForceDerived = true
	}
}
