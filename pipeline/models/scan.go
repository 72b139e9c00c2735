package models

import (
	"fmt"
	"strings"
)

// scanned is what scanSQL finds outside comments and string literals.
type scanned struct {
	idents             []string // identifiers, lower-cased; quoted ones unquoted
	semicolons         []int    // byte offsets of statement separators
	afterLastSemicolon bool     // code follows the last semicolon
	hasCode            bool     // anything but comments and blanks
}

// scanSQL tokenizes DuckDB SQL just enough to find identifiers and statement
// separators: it skips -- and /* */ comments, '…' strings (a doubled quote escapes),
// $$…$$ and $tag$…$tag$ strings and numbers, and reads "…" quoted identifiers.
func scanSQL(s string) (scanned, error) {
	var sc scanned
	code := func() {
		sc.hasCode = true
		if len(sc.semicolons) > 0 {
			sc.afterLastSemicolon = true
		}
	}
	for i := 0; i < len(s); {
		c := s[i]
		switch {
		case c == ' ' || c == '\t' || c == '\n' || c == '\r':
			i++
		case strings.HasPrefix(s[i:], "--"):
			j := strings.IndexByte(s[i:], '\n')
			if j < 0 {
				i = len(s)
			} else {
				i += j + 1
			}
		case strings.HasPrefix(s[i:], "/*"):
			j := strings.Index(s[i+2:], "*/")
			if j < 0 {
				return sc, fmt.Errorf("unterminated /* comment at byte %d", i)
			}
			i += 2 + j + 2
		case c == '\'':
			code()
			j, err := closeQuote(s, i, '\'')
			if err != nil {
				return sc, err
			}
			i = j
		case c == '"':
			code()
			j, err := closeQuote(s, i, '"')
			if err != nil {
				return sc, err
			}
			sc.idents = append(sc.idents, strings.ToLower(strings.ReplaceAll(s[i+1:j-1], `""`, `"`)))
			i = j
		case c == '$':
			code()
			tag := dollarTag(s[i:])
			if tag == "" { // a parameter such as $1
				i++
				continue
			}
			j := strings.Index(s[i+len(tag):], tag)
			if j < 0 {
				return sc, fmt.Errorf("unterminated %s string at byte %d", tag, i)
			}
			i += len(tag) + j + len(tag)
		case c == ';':
			sc.semicolons = append(sc.semicolons, i)
			sc.afterLastSemicolon = false
			i++
		case isIdentStart(c):
			code()
			j := i + 1
			for j < len(s) && isIdentPart(s[j]) {
				j++
			}
			sc.idents = append(sc.idents, strings.ToLower(s[i:j]))
			i = j
		case c >= '0' && c <= '9':
			code()
			j := i + 1
			for j < len(s) && (isIdentPart(s[j]) || s[j] == '.') {
				j++
			}
			i = j
		default:
			code()
			i++
		}
	}
	return sc, nil
}

// closeQuote returns the offset just past the quote that closes the one at
// s[start], treating a doubled quote as an escape.
func closeQuote(s string, start int, q byte) (int, error) {
	for j := start + 1; j < len(s); j++ {
		if s[j] != q {
			continue
		}
		if j+1 < len(s) && s[j+1] == q {
			j++
			continue
		}
		return j + 1, nil
	}
	return 0, fmt.Errorf("unterminated %c quote at byte %d", q, start)
}

// dollarTag returns "$$" or "$tag$" when s starts with one, else "".
func dollarTag(s string) string {
	for j := 1; j < len(s); j++ {
		if s[j] == '$' {
			return s[:j+1]
		}
		if !isIdentPart(s[j]) || (j == 1 && s[j] >= '0' && s[j] <= '9') {
			return ""
		}
	}
	return ""
}

func isIdentStart(c byte) bool {
	return c == '_' || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c >= 0x80
}

func isIdentPart(c byte) bool { return isIdentStart(c) || (c >= '0' && c <= '9') }
