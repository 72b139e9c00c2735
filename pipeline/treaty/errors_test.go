package treaty

import (
	"errors"
	"fmt"
	"strings"
	"testing"
)

func TestRuleErrorsIsThroughWrappers(t *testing.T) {
	for _, sentinel := range []error{ErrRuleSyntax, ErrRuleKind, ErrRuleCount, ErrRuleDate, ErrRuleArticle, ErrRuleAnchor} {
		err := ruleErr("r", sentinel, "detail %d", 1)
		wrapped := fmt.Errorf("load instruments.csv line 3: %w", err)
		if !errors.Is(wrapped, sentinel) {
			t.Errorf("errors.Is(%v, %v) = false", wrapped, sentinel)
		}
		var re *RuleError
		if !errors.As(wrapped, &re) || re.Rule != "r" {
			t.Errorf("errors.As(%v) did not find the *RuleError", wrapped)
		}
		if msg := err.Error(); strings.Count(msg, "treaty:") != 1 {
			t.Errorf("%q: prefix treaty: appears %d times", msg, strings.Count(msg, "treaty:"))
		}
	}
}
