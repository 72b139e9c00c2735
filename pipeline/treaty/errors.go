package treaty

import (
	"errors"
	"fmt"
)

// Errors of the instrument readers; match them with errors.Is.
var (
	ErrMissingColumn     = errors.New("missing column")
	ErrDuplicateColumn   = errors.New("duplicate column")
	ErrUnknownInstrument = errors.New("unknown instrument")
	ErrBadDate           = errors.New("bad date")
	ErrEmpty             = errors.New("required value empty")
	ErrDuplicate         = errors.New("duplicate row")
	ErrLang              = errors.New("unknown language")
)

// ParseError locates a problem in an input file.
type ParseError struct {
	File  string
	Line  int
	Field string
	Err   error
}

func (e *ParseError) Error() string {
	if e.Field == "" {
		return fmt.Sprintf("%s:%d: %v", e.File, e.Line, e.Err)
	}
	return fmt.Sprintf("%s:%d: %s: %v", e.File, e.Line, e.Field, e.Err)
}

func (e *ParseError) Unwrap() error { return e.Err }

// Sentinel errors returned, wrapped, by [ParseRule]. Match them with errors.Is.
var (
	// ErrRuleSyntax means the rule string is not of the form
	// "<kind>:<n>;not_before:<YYYY-MM-DD>;art:<article>".
	ErrRuleSyntax = errors.New("malformed rule")
	// ErrRuleKind means the first part names no rule this package knows.
	ErrRuleKind = errors.New("unknown rule kind")
	// ErrRuleCount means the month or day count is not an integer in [1, MaxRuleCount].
	ErrRuleCount = errors.New("bad count")
	// ErrRuleDate means not_before is not a calendar date YYYY-MM-DD.
	ErrRuleDate = errors.New("bad not_before date")
	// ErrRuleArticle means the art part is not an article number such as 17 or 17(2).
	ErrRuleArticle = errors.New("bad article")
	// ErrRuleAnchor means the optional anchor part is neither nth_deposit nor
	// entry_into_force.
	ErrRuleAnchor = errors.New("bad anchor")
)

// RuleError reports a rule string that [ParseRule] refused.
type RuleError struct {
	Rule string // the string given to ParseRule
	Err  error  // one of the Err… sentinels, possibly wrapping a cause
}

func (e *RuleError) Error() string {
	return fmt.Sprintf("treaty: entry-into-force rule %q: %v", e.Rule, e.Err)
}

// Unwrap returns the underlying error, so errors.Is finds the sentinel.
func (e *RuleError) Unwrap() error { return e.Err }

func ruleErr(rule string, sentinel error, format string, args ...any) error {
	return &RuleError{Rule: rule, Err: fmt.Errorf("%w: "+format, append([]any{sentinel}, args...)...)}
}
