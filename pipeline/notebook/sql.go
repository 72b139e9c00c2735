package notebook

import (
	"regexp"
	"strings"
	"unicode"
	"unicode/utf8"
)

// Magic is the cell magic that marks a SQL cell.
const Magic = "%%sql"

// SQLCell splits a code cell's source into the %%sql line's options and the SQL
// after it. ok is false when the cell is not a %%sql cell. Blank lines before
// the magic are allowed, as IPython allows them.
func SQLCell(source string) (options, sql string, ok bool) {
	s := strings.TrimLeft(source, " \t\r\n")
	first, body, _ := strings.Cut(s, "\n")
	first = strings.TrimRight(first, " \t\r")
	if first != Magic && !strings.HasPrefix(first, Magic+" ") && !strings.HasPrefix(first, Magic+"\t") {
		return "", "", false
	}
	return strings.TrimSpace(first[len(Magic):]), body, true
}

// dollarTag matches the opening of a dollar-quoted string: $$ or $tag$.
var dollarTag = regexp.MustCompile(`^\$([A-Za-z_][A-Za-z0-9_]*)?\$`)

// Statements splits sql at its top-level semicolons and returns the statements
// that hold more than white space and comments, trimmed, without the semicolon.
// Semicolons inside 'strings' (a doubled quote escapes a quote, and in E'…'
// strings so does a backslash), "identifiers", $tag$ strings, -- line
// comments and /* */ comments do not split. An unterminated string or comment runs to the end.
func Statements(sql string) []string {
	var out []string
	start, content := 0, false
	flush := func(end int) {
		if content {
			out = append(out, strings.TrimSpace(sql[start:end]))
		}
		start, content = end+1, false
	}
	for i := 0; i < len(sql); {
		ch := sql[i]
		switch {
		case ch == ';':
			flush(i)
			i++
		case ch == '-' && strings.HasPrefix(sql[i:], "--"):
			if j := strings.IndexByte(sql[i:], '\n'); j >= 0 {
				i += j + 1
			} else {
				i = len(sql)
			}
		case ch == '/' && strings.HasPrefix(sql[i:], "/*"):
			if j := strings.Index(sql[i+2:], "*/"); j >= 0 {
				i += j + 4
			} else {
				i = len(sql)
			}
		case ch == '\'' || ch == '"':
			content = true
			escapes := ch == '\'' && i > 0 && (sql[i-1] == 'E' || sql[i-1] == 'e') &&
				(i == 1 || !isIdent(sql[i-2]))
			i = skipQuoted(sql, i, escapes)
		case ch == '$':
			content = true
			if m := dollarTag.FindString(sql[i:]); m != "" && (i == 0 || !isIdent(sql[i-1])) {
				if j := strings.Index(sql[i+len(m):], m); j >= 0 {
					i += len(m) + j + len(m)
				} else {
					i = len(sql)
				}
			} else {
				i++
			}
		default:
			r, size := utf8.DecodeRuneInString(sql[i:])
			if !unicode.IsSpace(r) {
				content = true
			}
			i += size
		}
	}
	flush(len(sql))
	return out
}

// skipQuoted returns the index just past the quoted text starting at sql[i];
// a doubled quote is an escaped quote, and with escapes so is a backslash
// followed by any byte.
func skipQuoted(sql string, i int, escapes bool) int {
	q := sql[i]
	for j := i + 1; j < len(sql); j++ {
		switch {
		case escapes && sql[j] == '\\':
			j++
		case sql[j] == q:
			if j+1 < len(sql) && sql[j+1] == q {
				j++
				continue
			}
			return j + 1
		}
	}
	return len(sql)
}

func isIdent(b byte) bool {
	return b == '_' || b >= '0' && b <= '9' || b >= 'a' && b <= 'z' || b >= 'A' && b <= 'Z' || b >= 0x80
}
