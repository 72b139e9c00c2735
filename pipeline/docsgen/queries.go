package docsgen

import (
	"bufio"
	"io"
	"regexp"
	"sort"
	"strings"
)

// Queries are the named queries of a queries file, by name.
type Queries map[string]Query

// Query is one named query and the line of its name.
type Query struct {
	SQL  string
	Line int
}

var queryName = regexp.MustCompile(`^-- name: (\S+)\s*$`)

// ParseQueries reads a queries file (file names it in errors): sections that each
// begin with a line "-- name: NAME", as sqlc's query files do, and hold one
// statement; a final ";" is dropped, and so are the comment lines that open a
// section (what the query is for). Lines before the first name are a header.
func ParseQueries(file string, r io.Reader) (Queries, error) {
	qs := Queries{}
	var name string
	var body []string
	flush := func() {
		if name != "" {
			// Comment lines right after the name describe the query; they are not shown.
			for len(body) > 0 && (strings.HasPrefix(strings.TrimSpace(body[0]), "--") || strings.TrimSpace(body[0]) == "") {
				body = body[1:]
			}
			q := qs[name]
			q.SQL = strings.TrimSuffix(strings.TrimSpace(strings.Join(body, "\n")), ";")
			qs[name] = q
		}
	}
	sc := bufio.NewScanner(r)
	for n := 1; sc.Scan(); n++ {
		line := sc.Text()
		m := queryName.FindStringSubmatch(line)
		if m == nil {
			body = append(body, line)
			continue
		}
		flush()
		name, body = m[1], nil
		if !nameRE.MatchString(name) {
			return nil, markerErr(file, n, "", "query name %q (lower-case letters, digits, _ . -)", name)
		}
		if q, dup := qs[name]; dup {
			return nil, markerErr(file, n, name, "named again (first on line %d)", q.Line)
		}
		qs[name] = Query{Line: n}
	}
	if err := sc.Err(); err != nil {
		return nil, err
	}
	flush()
	for n, q := range qs {
		if q.SQL == "" {
			return nil, markerErr(file, q.Line, n, "empty query")
		}
	}
	return qs, nil
}

// Unused returns the names of qs that no block of docs uses, sorted.
func (qs Queries) Unused(docs []*Doc) []string {
	used := map[string]bool{}
	for _, d := range docs {
		for _, b := range d.Blocks() {
			if b.SQL == "" {
				used[b.Name] = true
			}
		}
	}
	var names []string
	for n := range qs {
		if !used[n] {
			names = append(names, n)
		}
	}
	sort.Strings(names)
	return names
}
