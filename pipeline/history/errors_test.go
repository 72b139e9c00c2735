package history

import (
	"errors"
	"fmt"
	"strings"
	"testing"
)

func TestErrorCatalogue(t *testing.T) {
	for _, e := range []error{ErrDuplicateKey, ErrRunOrder, ErrCorrupt} {
		wrapped := errors.Join(fmt.Errorf("%w: detail", e), errors.New("other"))
		if !errors.Is(wrapped, e) {
			t.Errorf("errors.Is fails through a join for %v", e)
		}
		if msg := e.Error(); !strings.HasPrefix(msg, "history: ") || strings.Contains(msg, "history: history: ") {
			t.Errorf("%q: want one package prefix", msg)
		}
	}
}
