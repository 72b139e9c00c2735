package archive

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"synergy/pipeline/civil"
)

// TestErrorsWrap checks that every error the store returns matches its sentinel
// through the wrappers and names its prefix once.
func TestErrorsWrap(t *testing.T) {
	s := openTestStore(t)
	if err := os.MkdirAll(filepath.Join(s.Root(), "bad"), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(s.Root(), "bad", LogName), []byte("{\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	_, _, badName := s.Put("a/b", "", "html", strings.NewReader(""), Meta{}, time.Now())
	_, noVersion := s.AsOf("none", civil.Date(2026, 1, 1))
	_, noLatest := s.Latest("none")
	_, corrupt := s.Versions("bad")
	tests := []struct {
		err      error
		sentinel error
	}{
		{badName, ErrBadName},
		{noVersion, ErrNoVersion},
		{noLatest, ErrNoVersion},
		{corrupt, ErrCorruptLog},
	}
	for _, tc := range tests {
		if !errors.Is(tc.err, tc.sentinel) {
			t.Errorf("%v does not match %v", tc.err, tc.sentinel)
			continue
		}
		msg := tc.err.Error()
		if n := strings.Count(msg, "archive:"); n > 1 {
			t.Errorf("%q repeats its prefix", msg)
		}
		if n := strings.Count(msg, tc.sentinel.Error()); n != 1 {
			t.Errorf("%q names %q %d times", msg, tc.sentinel, n)
		}
	}
}
