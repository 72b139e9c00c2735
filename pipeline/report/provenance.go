package report

import (
	"fmt"
	"path"
	"slices"
	"sort"
	"strings"
)

// Lineage: the manifest sources each mart is built from (sql/marts headers).
var (
	srcRec8  = []string{"meetings", "membership", "depositary", "agendas", "standing_agendas", "theme_terms"}
	srcRec9  = []string{"membership", "depositary", "obligations", "instrument_articles", "meetings", "agendas", "standing_agendas", "theme_terms"}
	srcParty = []string{"membership", "depositary", "instruments"}
)

// prov writes a provenance line: the snapshot, the tables read and the input files
// of sources (manifest source names); files narrows a source to the files the rows
// shown came from (their source_file column).
func (b *builder) prov(tables []string, sources []string, files []string) *Provenance {
	l := b.l
	bySource := map[string][]string{}
	for _, in := range b.o.Snapshot.Inputs {
		bySource[in.Source] = append(bySource[in.Source], in.File)
	}
	narrowed := map[string][]string{}
	for _, f := range files {
		for _, in := range b.o.Snapshot.Inputs {
			if in.File == f {
				narrowed[in.Source] = append(narrowed[in.Source], f)
			}
		}
	}
	for _, src := range sortedKeys(narrowed) {
		if !slices.Contains(sources, src) {
			sources = append(slices.Clip(sources), src)
		}
	}
	var parts []string
	for _, src := range sources {
		fs := bySource[src]
		if n, ok := narrowed[src]; ok {
			fs = uniqueSorted(n)
		}
		switch {
		case len(fs) == 0:
			continue
		case len(fs) <= 4:
			parts = append(parts, strings.Join(fs, ", "))
		default:
			parts = append(parts, l.T("prov.files", len(fs), commonDir(fs)+"/"))
		}
	}
	inputs := strings.Join(parts, "; ")
	if inputs == "" {
		inputs = "—"
	}
	return &Provenance{Text: l.T("prov", b.o.Snapshot.Snapshot, b.o.Snapshot.CreatedAt, strings.Join(tables, ", "), inputs)}
}

func uniqueSorted(in []string) []string {
	seen := map[string]bool{}
	var out []string
	for _, s := range in {
		if s != "" && !seen[s] {
			seen[s] = true
			out = append(out, s)
		}
	}
	sort.Strings(out)
	return out
}

func commonDir(files []string) string {
	dir := path.Dir(files[0])
	for _, f := range files[1:] {
		for !strings.HasPrefix(path.Dir(f)+"/", dir+"/") && dir != "." {
			dir = path.Dir(dir)
		}
	}
	return dir
}

// srcLine formats a row's source as file:line, the file alone when the line is
// NULL, or an em dash when there is no file.
func srcLine(file string, line any) string {
	if file == "" {
		return "—"
	}
	n, ok := toFloat(line)
	if !ok {
		return file
	}
	return fmt.Sprintf("%s:%d", file, int(n))
}
