package models

import (
	"errors"
	"fmt"
	"io/fs"
	"regexp"
	"slices"
	"sort"
	"strings"
)

// NamePattern is the one rule for file names under the SQL FS (see the package
// documentation). Each alternative captures the object's name:
//
//   - macros/<name>.sql: any snake_case name;
//   - staging/stg_<source>__<entity>.sql: the source is one word, the entity
//     snake_case (stg_synergy__instrument_articles);
//   - intermediate/int_<entity>_<verb>.sql: at least two words after int_
//     (int_participation_spells, int_count_dates_listed);
//   - marts/<name>.sql: any snake_case name (party_counts).
//
// Snake_case here means lower-case letters and digits in words joined by single
// underscores, starting with a letter.
var NamePattern = regexp.MustCompile(`^(?:` +
	`macros/(?P<macro>[a-z][a-z0-9]*(?:_[a-z0-9]+)*)` +
	`|staging/(?P<staging>stg_[a-z][a-z0-9]*__[a-z][a-z0-9]*(?:_[a-z0-9]+)*)` +
	`|intermediate/(?P<intermediate>int_[a-z][a-z0-9]*(?:_[a-z0-9]+)*_[a-z][a-z0-9]*)` +
	`|marts/(?P<marts>[a-z][a-z0-9]*(?:_[a-z0-9]+)*)` +
	`)\.sql$`)

// Layer is a model layer; layers build in the order staging, intermediate,
// marts.
type Layer int

// The layers, in build order.
const (
	LayerStaging Layer = iota + 1
	LayerIntermediate
	LayerMarts
)

var layerNames = map[Layer]string{LayerStaging: "staging", LayerIntermediate: "intermediate", LayerMarts: "marts"}

// String returns the layer's folder name.
func (l Layer) String() string {
	if s, ok := layerNames[l]; ok {
		return s
	}
	return fmt.Sprintf("Layer(%d)", int(l))
}

// Materialization returns how the layer's models are built: "view" for staging
// (renames and casts over the raw Parquet, read once by their consumers), "table" for
// intermediate models and marts. Intermediate models are tables so that their data
// tests and their several consumers do not each recompute them (docs/performance.md).
func (l Layer) Materialization() string {
	if l == LayerStaging {
		return "view"
	}
	return "table"
}

// Model is one SQL model file.
type Model struct {
	Name        string // file name without .sql; also the view or table name
	Layer       Layer
	Path        string // slash path inside the FS, "marts/party_counts.sql"
	SQL         string // the SELECT statement (header included), without a final semicolon
	Grain       string // "one row per …"
	Description string
	Checks      []Check
	Refs        []string // other models the SQL mentions, sorted
	RawRefs     []string // raw tables (raw_<name>) the SQL mentions, by name without raw_, sorted
	// Partition says how the model can be rebuilt in part (the '-- partition:'
	// header line); the zero value (PartitionNone) means only as a whole.
	Partition Partition
}

// GrainColumns returns the columns of the model's first unique check, or nil.
func (m *Model) GrainColumns() []string {
	for _, c := range m.Checks {
		if c.Kind == CheckUnique {
			return slices.Clone(c.Columns)
		}
	}
	return nil
}

// Macro is a file of DuckDB macro definitions, run before every model.
type Macro struct {
	Name        string
	Path        string
	SQL         string // one or more statements
	Description string
}

// Project is a loaded set of SQL files in build order.
type Project struct {
	Macros []*Macro // in name order
	Models []*Model // staging, intermediate, marts; topological within a layer
	// spent are the intermediate tables [Run] drops once nothing left in the
	// project reads them ([Project.Split] sets it); nil keeps every table.
	spent map[string]bool
}

// Model returns the model called name, or nil.
func (p *Project) Model(name string) *Model {
	for _, m := range p.Models {
		if m.Name == name {
			return m
		}
	}
	return nil
}

// Layer returns the models of layer l in build order.
func (p *Project) Layer(l Layer) []*Model {
	var out []*Model
	for _, m := range p.Models {
		if m.Layer == l {
			out = append(out, m)
		}
	}
	return out
}

// Load reads every SQL file of fsys, checks names, headers and dependencies, and
// returns the project in build order. All problems found are returned together
// (errors.Join of [*FileError]s).
func Load(fsys fs.FS) (*Project, error) {
	var errs []error
	p := &Project{}
	byName := map[string]*Model{}
	err := fs.WalkDir(fsys, ".", func(name string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if name == "." {
			return nil
		}
		depth := strings.Count(name, "/")
		if d.IsDir() {
			if depth == 0 && (name == "macros" || slices.Contains([]string{"staging", "intermediate", "marts"}, name)) {
				return nil
			}
			errs = append(errs, fileErr(name, 0, ErrName, "unexpected folder (want macros, staging, intermediate or marts, without subfolders)"))
			return fs.SkipDir
		}
		if depth == 0 {
			return nil // embed.go, .sqlfluff, README.md
		}
		m := NamePattern.FindStringSubmatch(name)
		if m == nil {
			errs = append(errs, fileErr(name, 0, ErrName, "does not match %s", NamePattern))
			return nil
		}
		b, err := fs.ReadFile(fsys, name)
		if err != nil {
			return err
		}
		text := string(b)
		if v := m[NamePattern.SubexpIndex("macro")]; v != "" {
			mac, err := parseMacro(name, v, text)
			if err != nil {
				errs = append(errs, err)
				return nil
			}
			p.Macros = append(p.Macros, mac)
			return nil
		}
		var model *Model
		for _, l := range []Layer{LayerStaging, LayerIntermediate, LayerMarts} {
			if v := m[NamePattern.SubexpIndex(l.String())]; v != "" {
				model = &Model{Name: v, Layer: l, Path: name}
			}
		}
		if prev, ok := byName[model.Name]; ok {
			errs = append(errs, fileErr(name, 0, ErrName, "model %s already defined in %s", model.Name, prev.Path))
			return nil
		}
		if err := parseModel(model, text); err != nil {
			errs = append(errs, err)
			return nil
		}
		byName[model.Name] = model
		p.Models = append(p.Models, model)
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("load models: %w", err)
	}
	if len(errs) > 0 {
		return nil, errors.Join(errs...)
	}
	sort.Slice(p.Macros, func(i, j int) bool { return p.Macros[i].Name < p.Macros[j].Name })
	if err := resolve(p, byName); err != nil {
		return nil, err
	}
	return p, nil
}

func parseMacro(path, name, text string) (*Macro, error) {
	h, _, err := parseHeader(path, text)
	if err != nil {
		return nil, err
	}
	if len(h.checks) > 0 || h.grain != "" || h.partition != "" {
		return nil, fileErr(path, 0, ErrHeader, "a macro file has no grain, checks or partition")
	}
	if _, err := scanSQL(text); err != nil {
		return nil, fileErr(path, 0, ErrSQL, "%v", err)
	}
	return &Macro{Name: name, Path: path, SQL: text, Description: h.description}, nil
}

func parseModel(m *Model, text string) error {
	h, checkLines, err := parseHeader(m.Path, text)
	if err != nil {
		return err
	}
	var errs []error
	if h.grain == "" {
		errs = append(errs, fileErr(m.Path, 0, ErrHeader, "missing '-- grain:' line"))
	}
	if h.description == "" {
		errs = append(errs, fileErr(m.Path, 0, ErrHeader, "missing '-- description:' line"))
	}
	m.Grain, m.Description = h.grain, h.description
	if h.partition != "" {
		part, err := ParsePartition(h.partition)
		if err != nil {
			errs = append(errs, fileErr(m.Path, h.partitionLine, ErrHeader, "%v", err))
		}
		m.Partition = part
	}
	for i, s := range h.checks {
		c, err := ParseCheck(s)
		if err != nil {
			errs = append(errs, fileErr(m.Path, checkLines[i], ErrHeader, "%v", err))
			continue
		}
		c.Model = m.Name
		m.Checks = append(m.Checks, c)
	}
	sc, err := scanSQL(text)
	if err != nil {
		errs = append(errs, fileErr(m.Path, 0, ErrSQL, "%v", err))
		return errors.Join(errs...)
	}
	body, err := singleStatement(text, sc)
	if err != nil {
		errs = append(errs, fileErr(m.Path, 0, ErrSQL, "%v", err))
	}
	m.SQL = body
	if !sc.hasCode {
		errs = append(errs, fileErr(m.Path, 0, ErrSQL, "no SQL statement"))
	}
	seen := map[string]bool{}
	for _, id := range sc.idents {
		seen[id] = true
	}
	for id := range seen {
		m.Refs = append(m.Refs, id) // filtered to model names in resolve
		if name, ok := strings.CutPrefix(id, "raw_"); ok && name != "" {
			m.RawRefs = append(m.RawRefs, name)
		}
	}
	sort.Strings(m.RawRefs)
	return errors.Join(errs...)
}

// singleStatement returns text without its final semicolon, or an error when a
// semicolon is followed by more SQL.
func singleStatement(text string, sc scanned) (string, error) {
	switch len(sc.semicolons) {
	case 0:
		return strings.TrimRight(text, " \t\r\n"), nil
	case 1:
		if sc.afterLastSemicolon {
			return "", errors.New("more than one statement")
		}
		return strings.TrimRight(text[:sc.semicolons[0]], " \t\r\n"), nil
	default:
		return "", errors.New("more than one statement")
	}
}

type header struct {
	grain, description, partition string
	partitionLine                 int
	checks                        []string
}

var headerKey = regexp.MustCompile(`^\s*(?i:(grain|description|check|partition))\s*:\s*(.*)$`)

// parseHeader reads the leading comment block of text. It returns the header
// fields and the 1-based line of each check.
func parseHeader(path, text string) (header, []int, error) {
	var h header
	var lines []int
	field := "" // the field a continuation line extends
	for i, line := range strings.Split(text, "\n") {
		t := strings.TrimSpace(line)
		if t == "" {
			field = ""
			continue
		}
		if !strings.HasPrefix(t, "--") {
			break
		}
		rest := strings.TrimPrefix(t, "--")
		if m := headerKey.FindStringSubmatch(rest); m != nil {
			key, val := strings.ToLower(m[1]), strings.TrimSpace(m[2])
			if val == "" {
				return h, nil, fileErr(path, i+1, ErrHeader, "empty %s", key)
			}
			switch key {
			case "grain":
				if h.grain != "" {
					return h, nil, fileErr(path, i+1, ErrHeader, "second grain line")
				}
				h.grain = val
			case "description":
				if h.description != "" {
					return h, nil, fileErr(path, i+1, ErrHeader, "second description line")
				}
				h.description = val
			case "check":
				h.checks = append(h.checks, val)
				lines = append(lines, i+1)
			case "partition":
				if h.partition != "" {
					return h, nil, fileErr(path, i+1, ErrHeader, "second partition line")
				}
				h.partition, h.partitionLine = val, i+1
			}
			field = key
			continue
		}
		if field != "" && (strings.HasPrefix(rest, "  ") || strings.HasPrefix(rest, "\t")) {
			val := strings.TrimSpace(rest)
			switch field {
			case "grain":
				h.grain += " " + val
			case "description":
				h.description += " " + val
			case "check":
				h.checks[len(h.checks)-1] += " " + val
			}
			continue
		}
		field = "" // a free note ends the field
	}
	return h, lines, nil
}

// resolve keeps only model names in Refs, checks layer rules and relationship
// targets, and orders p.Models.
func resolve(p *Project, byName map[string]*Model) error {
	var errs []error
	for _, m := range p.Models {
		var refs []string
		for _, id := range m.Refs {
			if id != m.Name && byName[id] != nil {
				refs = append(refs, id)
			}
		}
		sort.Strings(refs)
		m.Refs = refs
		for _, r := range refs {
			dep := byName[r]
			switch {
			case m.Layer == LayerStaging:
				errs = append(errs, fileErr(m.Path, 0, ErrDependency, "staging model references model %s; staging reads raw_* tables only", r))
			case dep.Layer > m.Layer:
				errs = append(errs, fileErr(m.Path, 0, ErrDependency, "%s model references %s model %s", m.Layer, dep.Layer, r))
			}
		}
		for _, c := range m.Checks {
			if c.Kind == CheckRelationship && byName[c.RefModel] == nil {
				errs = append(errs, fileErr(m.Path, 0, ErrHeader, "check %s: no model %s", c.Name(), c.RefModel))
			}
		}
	}
	if len(errs) > 0 {
		return errors.Join(errs...)
	}
	var ordered []*Model
	for _, l := range []Layer{LayerStaging, LayerIntermediate, LayerMarts} {
		layer, err := topoSort(p.Layer(l))
		if err != nil {
			return err
		}
		ordered = append(ordered, layer...)
	}
	p.Models = ordered
	return nil
}

// topoSort orders models of one layer so each comes after the models of the same
// layer it references (Kahn's algorithm, ties by name).
func topoSort(models []*Model) ([]*Model, error) {
	in := map[string]*Model{}
	for _, m := range models {
		in[m.Name] = m
	}
	pending := map[string]int{}         // unbuilt same-layer dependencies
	dependents := map[string][]string{} // dependency -> models waiting for it
	for _, m := range models {
		for _, r := range m.Refs {
			if in[r] != nil {
				pending[m.Name]++
				dependents[r] = append(dependents[r], m.Name)
			}
		}
	}
	var ready []string
	for _, m := range models {
		if pending[m.Name] == 0 {
			ready = append(ready, m.Name)
		}
	}
	var out []*Model
	for len(ready) > 0 {
		sort.Strings(ready)
		name := ready[0]
		ready = ready[1:]
		out = append(out, in[name])
		for _, d := range dependents[name] {
			pending[d]--
			if pending[d] == 0 {
				ready = append(ready, d)
			}
		}
	}
	if len(out) == len(models) {
		return out, nil
	}
	// Every model left waits on another one left: walk dependencies to a cycle.
	start := ""
	for _, m := range models {
		if pending[m.Name] > 0 && (start == "" || m.Name < start) {
			start = m.Name
		}
	}
	pos := map[string]int{}
	var walk []string
	for cur := start; ; {
		if i, ok := pos[cur]; ok {
			cycle := append(walk[i:], cur)
			return nil, fileErr(in[cycle[0]].Path, 0, ErrDependency, "cycle: %s", strings.Join(cycle, " -> "))
		}
		pos[cur] = len(walk)
		walk = append(walk, cur)
		for _, r := range in[cur].Refs {
			if in[r] != nil && pending[r] > 0 {
				cur = r
				break
			}
		}
	}
}
