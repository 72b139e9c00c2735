package themes

import (
	"errors"
	"strings"
	"testing"
)

func TestLoadErrors(t *testing.T) {
	okThemes := "theme_id,label,description,source_url\nclearance,Clearance,d,https://example.org/\n"
	okTerms := "theme_id,lang,term,match,source_url\n"
	tests := []struct {
		name, themes, terms string
		want                error
		line                int
	}{
		{"empty themes", "", okTerms, ErrHeader, 1},
		{"bad header", "id,label\n", okTerms, ErrHeader, 1},
		{"no themes", "theme_id,label,description,source_url\n", okTerms, ErrNoThemes, 1},
		{"field count", okThemes + "x,y\n", okTerms, ErrFieldCount, 3},
		{"empty id", okThemes + ",L,d,https://example.org/\n", okTerms, ErrEmptyField, 3},
		{"duplicate", okThemes + "clearance,C,d,https://example.org/\n", okTerms, ErrDuplicateTheme, 3},
		{"bad theme url", okThemes + "x,X,d,ftp://example.org/\n", okTerms, ErrBadURL, 3},
		{"unknown theme", okThemes, okTerms + "nope,en,mine,stem,https://example.org/\n", ErrUnknownTheme, 2},
		{"bad lang", okThemes, okTerms + "clearance,de,Minen,stem,https://example.org/\n", ErrBadLang, 2},
		{"bad match", okThemes, okTerms + "clearance,en,mine,regex,https://example.org/\n", ErrBadMatch, 2},
		{"stem for zh", okThemes, okTerms + "clearance,zh,排雷,stem,https://example.org/\n", ErrBadMatch, 2},
		{"empty term", okThemes, okTerms + "clearance,en,---,phrase,https://example.org/\n", ErrEmptyTerm, 2},
		{"no url", okThemes, okTerms + "clearance,en,mine,stem,\n", ErrEmptyField, 2},
		{"bad terms header", okThemes, "theme,lang\n", ErrHeader, 1},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			_, err := Load(strings.NewReader(tc.themes), strings.NewReader(tc.terms))
			if !errors.Is(err, tc.want) {
				t.Fatalf("err = %v, want %v", err, tc.want)
			}
			var pe *ParseError
			if !errors.As(err, &pe) {
				t.Fatalf("err %v is not a *ParseError", err)
			}
			if pe.Line != tc.line {
				t.Errorf("line = %d, want %d (%v)", pe.Line, tc.line, err)
			}
		})
	}
}

func TestLoadJoinsRowErrors(t *testing.T) {
	themes := "theme_id,label,description,source_url\nclearance,C,d,https://example.org/\n"
	terms := "theme_id,lang,term,match,source_url\nx,en,a,stem,https://e.org/\nclearance,xx,a,stem,https://e.org/\n"
	_, err := Load(strings.NewReader(themes), strings.NewReader(terms))
	if !errors.Is(err, ErrUnknownTheme) || !errors.Is(err, ErrBadLang) {
		t.Fatalf("want both row errors, got %v", err)
	}
	if !strings.Contains(err.Error(), "theme_terms.csv line 2") || !strings.Contains(err.Error(), "theme_terms.csv line 3") {
		t.Errorf("error lacks line numbers: %v", err)
	}
}

// TestSentinelPrefixes checks the catalogue: every sentinel is distinct and
// carries the package prefix once.
func TestSentinelPrefixes(t *testing.T) {
	seen := map[string]bool{}
	for _, e := range []error{ErrHeader, ErrFieldCount, ErrEmptyField, ErrDuplicateTheme, ErrUnknownTheme, ErrBadLang, ErrBadMatch, ErrEmptyTerm, ErrBadURL, ErrNoThemes} {
		msg := e.Error()
		if seen[msg] {
			t.Errorf("duplicate sentinel text %q", msg)
		}
		seen[msg] = true
		if strings.Count(msg, "themes:") != 1 {
			t.Errorf("%q: want exactly one %q prefix", msg, "themes:")
		}
		wrapped := &ParseError{File: "f", Line: 1, Err: e}
		if !errors.Is(wrapped, e) || strings.Count(wrapped.Error(), "themes:") != 1 {
			t.Errorf("ParseError wrapping %q: %v", msg, wrapped)
		}
	}
}
