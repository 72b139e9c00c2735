package eif

import (
	"errors"
	"fmt"
	"strings"
	"testing"
)

func TestErrorsIsThroughWrappers(t *testing.T) {
	for _, sentinel := range []error{ErrSyntax, ErrUnknownKind, ErrBadCount, ErrBadDate, ErrBadArticle, ErrBadAnchor} {
		err := ruleErr("r", sentinel, "detail %d", 1)
		wrapped := fmt.Errorf("load instruments.csv line 3: %w", err)
		if !errors.Is(wrapped, sentinel) {
			t.Errorf("errors.Is(%v, %v) = false", wrapped, sentinel)
		}
		var re *RuleError
		if !errors.As(wrapped, &re) || re.Rule != "r" {
			t.Errorf("errors.As(%v) did not find the *RuleError", wrapped)
		}
		if msg := err.Error(); strings.Count(msg, "eif:") != 1 {
			t.Errorf("%q: prefix eif: appears %d times", msg, strings.Count(msg, "eif:"))
		}
	}
}
