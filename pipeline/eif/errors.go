package eif

import (
	"errors"
	"fmt"
)

// Sentinel errors returned, wrapped, by [Parse]. Match them with errors.Is.
var (
	// ErrSyntax means the rule string is not of the form
	// "<kind>:<n>;not_before:<YYYY-MM-DD>;art:<article>".
	ErrSyntax = errors.New("malformed rule")
	// ErrUnknownKind means the first part names no rule this package knows.
	ErrUnknownKind = errors.New("unknown rule kind")
	// ErrBadCount means the month or day count is not an integer in [1, MaxCount].
	ErrBadCount = errors.New("bad count")
	// ErrBadDate means not_before is not a calendar date YYYY-MM-DD.
	ErrBadDate = errors.New("bad not_before date")
	// ErrBadArticle means the art part is not an article number such as 17 or 17(2).
	ErrBadArticle = errors.New("bad article")
	// ErrBadAnchor means the optional anchor part is neither nth_deposit nor
	// entry_into_force.
	ErrBadAnchor = errors.New("bad anchor")
)

// RuleError reports a rule string that [Parse] refused.
type RuleError struct {
	Rule string // the string given to Parse
	Err  error  // one of the Err… sentinels, possibly wrapping a cause
}

func (e *RuleError) Error() string { return fmt.Sprintf("eif: rule %q: %v", e.Rule, e.Err) }

// Unwrap returns the underlying error, so errors.Is finds the sentinel.
func (e *RuleError) Unwrap() error { return e.Err }

func ruleErr(rule string, sentinel error, format string, args ...any) error {
	return &RuleError{Rule: rule, Err: fmt.Errorf("%w: "+format, append([]any{sentinel}, args...)...)}
}
