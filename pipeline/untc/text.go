package untc

import (
	"bufio"
	"bytes"
	"strings"
)

// textItems reads a status page's text as a browser copies it: one line per block of
// text, and a table row as one line with its cells separated by tabs. A run of lines
// holding tabs is one table; blank lines inside it are skipped.
func textItems(src []byte) []item {
	var items []item
	group, groups := 0, 0
	sc := bufio.NewScanner(bytes.NewReader(src))
	sc.Buffer(make([]byte, 0, 64*1024), len(src)+1)
	for n := 1; sc.Scan(); n++ {
		raw := strings.TrimSuffix(sc.Text(), "\r")
		if strings.TrimSpace(raw) == "" {
			continue
		}
		if !strings.Contains(raw, "\t") {
			group = 0
			items = append(items, item{line: n, cells: []cell{{text: normSpace(raw), line: n, col: 1}}})
			continue
		}
		if group == 0 {
			groups++
			group = groups
		}
		it := item{line: n, group: group}
		col := 1
		for _, f := range strings.Split(raw, "\t") {
			it.cells = append(it.cells, cell{text: normSpace(f), line: n, col: col})
			col += len(f) + 1
		}
		items = append(items, it)
	}
	return items
}
