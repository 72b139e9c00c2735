package ics

import (
	"bufio"
	"errors"
	"io"
	"strings"
)

// maxLine bounds one unfolded content line, so a hostile input cannot make the decoder
// buffer without limit. RFC 5545 folds at 75 octets; descriptions stay far below this.
const maxLine = 1 << 20

// contentLine is one unfolded content line (RFC 5545 §3.1):
//
//	name *(";" param) ":" value
type contentLine struct {
	line   int                 // physical line where it starts, 1-based
	name   string              // upper-cased
	params map[string][]string // upper-cased parameter names; values unquoted
	value  string              // as in the file: text escapes not yet undone
	raw    string              // the whole unfolded line, for rejects
}

// param returns the first value of parameter name, or "".
func (cl contentLine) param(name string) string {
	if v := cl.params[name]; len(v) > 0 {
		return v[0]
	}
	return ""
}

// lineReader splits input into physical lines (LF or CRLF), strips a leading UTF-8
// BOM, and joins folded lines: a line starting with a space or tab continues the one
// before, less that first character (RFC 5545 §3.1).
type lineReader struct {
	sc       *bufio.Scanner
	physical int    // physical lines read so far
	peek     string // the next physical line, when has
	has      bool
}

func newLineReader(r io.Reader) *lineReader {
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 0, 4096), maxLine)
	return &lineReader{sc: sc}
}

// fill makes the next physical line available in lr.peek; false at end or on error.
func (lr *lineReader) fill() bool {
	if lr.has {
		return true
	}
	if !lr.sc.Scan() {
		return false
	}
	lr.physical++
	lr.peek = lr.sc.Text()
	if lr.physical == 1 {
		lr.peek = strings.TrimPrefix(lr.peek, "\ufeff")
	}
	lr.has = true
	return true
}

// next returns the next non-empty unfolded line and the number of its first physical
// line. At the end of input it returns io.EOF.
func (lr *lineReader) next() (string, int, error) {
	for {
		if !lr.fill() {
			return "", lr.physical + 1, lr.err()
		}
		lr.has = false
		if lr.peek == "" {
			continue // blank lines are not content lines; tolerate them
		}
		start := lr.physical
		var b strings.Builder
		b.WriteString(lr.peek)
		for lr.fill() && lr.peek != "" && (lr.peek[0] == ' ' || lr.peek[0] == '\t') {
			lr.has = false
			if b.Len()+len(lr.peek) > maxLine {
				return "", start, ErrLineTooLong
			}
			b.WriteString(lr.peek[1:])
		}
		if lr.sc.Err() != nil {
			return "", lr.physical + 1, lr.err()
		}
		return b.String(), start, nil
	}
}

func (lr *lineReader) err() error {
	err := lr.sc.Err()
	switch {
	case err == nil:
		return io.EOF
	case errors.Is(err, bufio.ErrTooLong):
		return ErrLineTooLong
	default:
		return err
	}
}

// parseContentLine splits an unfolded line into name, parameters and value. Parameter
// values may be quoted; a quoted value may hold ';', ':' and ','.
func parseContentLine(s string, line int) (contentLine, error) {
	cl := contentLine{line: line, raw: s}
	i := 0
	for i < len(s) && isNameChar(s[i]) {
		i++
	}
	if i == 0 {
		return cl, wrapf(ErrSyntax, "missing property name")
	}
	cl.name = strings.ToUpper(s[:i])
	for {
		if i >= len(s) {
			return cl, wrapf(ErrSyntax, "missing ':' after %s", cl.name)
		}
		switch s[i] {
		case ':':
			cl.value = s[i+1:]
			return cl, nil
		case ';':
			var err error
			if i, err = cl.parseParam(s, i+1); err != nil {
				return cl, err
			}
		default:
			return cl, wrapf(ErrSyntax, "unexpected %q after %s", s[i], cl.name)
		}
	}
}

// parseParam parses "name=value *(,value)" starting at s[i] and returns the index after it.
func (cl *contentLine) parseParam(s string, i int) (int, error) {
	j := i
	for j < len(s) && isNameChar(s[j]) {
		j++
	}
	if j == i {
		return j, wrapf(ErrSyntax, "missing parameter name in %s", cl.name)
	}
	pname := strings.ToUpper(s[i:j])
	if j >= len(s) || s[j] != '=' {
		return j, wrapf(ErrSyntax, "missing '=' after parameter %s in %s", pname, cl.name)
	}
	j++
	if cl.params == nil {
		cl.params = make(map[string][]string)
	}
	for {
		var v string
		if j < len(s) && s[j] == '"' {
			end := strings.IndexByte(s[j+1:], '"')
			if end < 0 {
				return j, wrapf(ErrSyntax, "unterminated quoted value of %s in %s", pname, cl.name)
			}
			v = s[j+1 : j+1+end]
			j += end + 2
		} else {
			k := j
			for k < len(s) && !strings.ContainsRune(",;:\"", rune(s[k])) {
				k++
			}
			if k < len(s) && s[k] == '"' {
				return k, wrapf(ErrSyntax, "stray '\"' in parameter %s of %s", pname, cl.name)
			}
			v, j = s[j:k], k
		}
		cl.params[pname] = append(cl.params[pname], v)
		if j < len(s) && s[j] == ',' {
			j++
			continue
		}
		return j, nil
	}
}

func isNameChar(c byte) bool {
	return c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '-'
}

// unescapeText undoes the TEXT escapes of RFC 5545 §3.3.11: \\ \; \, \n \N. Any
// other backslash is kept as written.
func unescapeText(s string) string {
	if !strings.Contains(s, `\`) {
		return s
	}
	var b strings.Builder
	b.Grow(len(s))
	for i := 0; i < len(s); i++ {
		if s[i] != '\\' || i+1 == len(s) {
			b.WriteByte(s[i])
			continue
		}
		switch c := s[i+1]; c {
		case '\\', ';', ',':
			b.WriteByte(c)
		case 'n', 'N':
			b.WriteByte('\n')
		default:
			b.WriteByte('\\')
			b.WriteByte(c)
		}
		i++
	}
	return b.String()
}

// splitTextList splits a TEXT list (such as CATEGORIES) at commas that are not
// escaped, unescapes each item and drops empty ones after trimming spaces.
func splitTextList(s string) []string {
	var out []string
	add := func(item string) {
		if item = strings.TrimSpace(unescapeText(item)); item != "" {
			out = append(out, item)
		}
	}
	start := 0
	for i := 0; i < len(s); i++ {
		switch s[i] {
		case '\\':
			i++ // the escaped character cannot end an item
		case ',':
			add(s[start:i])
			start = i + 1
		}
	}
	add(s[start:])
	return out
}
