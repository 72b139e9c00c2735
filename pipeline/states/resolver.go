package states

import (
	"encoding/csv"
	"errors"
	"io"
	"slices"
	"strings"

	"synergy/pipeline/csvtable"
	"synergy/pipeline/rawtable"
)

var (
	statesHeader = []string{"state_id", "name", "m49_code", "region", "sub_region", "source_url"}
	// namesFrEs are the optional columns after statesHeader: the state's short name in
	// French and in Spanish as the UN writes it, and their source.
	namesFrEs   = []string{"name_fr", "name_es", "name_fr_es_source_url"}
	namesHeader = []string{"name", "state_id", "note", "source_url"}
)

// Resolver maps the spellings of state names to ISO 3166-1 alpha-3 codes. It is
// read-only after [Load] and safe for concurrent use.
type Resolver struct {
	states []rawtable.State
	names  []rawtable.StateName
	byKey  map[string]string   // normalised name -> state_id
	ids    map[string]struct{} // loaded state_ids
}

// Load reads states.csv and state_names.csv and returns a Resolver over them. Both
// readers must start with the header row (a UTF-8 byte order mark is ignored). The
// canonical name of each state in states.csv is indexed as well as every name in
// state_names.csv.
//
// A CSV syntax error or a bad header stops the load and is returned alone; row errors
// are collected and returned together with [errors.Join]. Every error is a
// [*ParseError] wrapping one of the Err sentinels (or an [encoding/csv] error).
func Load(states, names io.Reader) (*Resolver, error) {
	l := &loader{
		r:       &Resolver{byKey: map[string]string{}, ids: map[string]struct{}{}},
		keyLine: map[string]int{}, keyFile: map[string]string{}, seen: map[string]int{},
	}
	if err := readCSV(statesFile, states, statesHeader, l.state, namesFrEs...); err != nil {
		return nil, err
	}
	if err := readCSV(namesFile, names, namesHeader, l.name); err != nil {
		return nil, err
	}
	if len(l.errs) > 0 {
		return nil, errors.Join(l.errs...)
	}
	return l.r, nil
}

// loader is the state of Load between rows.
type loader struct {
	r       *Resolver
	errs    []error           // row errors, in file order
	keyLine map[string]int    // normalised name -> line that set it, for messages
	keyFile map[string]string // normalised name -> file that set it
	seen    map[string]int    // name of state_names.csv -> its line
}

// bad records a row error and returns true.
func (l *loader) bad(file string, line, col int, err error, format string, args ...any) bool {
	l.errs = append(l.errs, parseErr(file, line, col, err, format, args...))
	return true
}

// index makes name resolve to id, unless another state has a name of the same
// normalised form.
func (l *loader) index(file string, line, col int, name, id string) {
	k := key(name)
	if k == "" {
		l.bad(file, line, col, ErrEmptyField, "name %q has no letters", name)
		return
	}
	if prev, ok := l.r.byKey[k]; ok && prev != id {
		l.bad(file, line, col, ErrAmbiguousName,
			"%q (%s) matches the name on %s line %d (%s)", name, id, l.keyFile[k], l.keyLine[k], prev)
		return
	}
	if _, ok := l.r.byKey[k]; !ok {
		l.r.byKey[k], l.keyLine[k], l.keyFile[k] = id, line, file
	}
}

// state reads a row of states.csv.
func (l *loader) state(line int, rec []string, col func(int) int) {
	st := rawtable.State{StateID: rec[0], Name: rec[1], SourceURL: rec[5]}
	st.M49Code, st.Region, st.SubRegion = optional(rec[2]), optional(rec[3]), optional(rec[4])
	bad := false
	if len(rec) > len(statesHeader) {
		st.NameFR, st.NameES, st.NameFrEsSourceURL = optional(rec[6]), optional(rec[7]), optional(rec[8])
		// A translated name without its source is a fact without a citation.
		if (rec[6] != "" || rec[7] != "") && rec[8] == "" {
			bad = l.bad(statesFile, line, col(8), ErrEmptyField, "%s (name_fr or name_es is set)", namesFrEs[2])
		}
	}
	for _, i := range []int{0, 1, 5} {
		if rec[i] == "" {
			bad = l.bad(statesFile, line, col(i), ErrEmptyField, "%s", statesHeader[i])
		}
	}
	if rec[0] != "" && !isStateID(rec[0]) {
		bad = l.bad(statesFile, line, col(0), ErrStateID, "%q", rec[0])
	}
	if rec[2] != "" && !isM49(rec[2]) {
		bad = l.bad(statesFile, line, col(2), ErrM49Code, "%q", rec[2])
	}
	if _, dup := l.r.ids[rec[0]]; dup && rec[0] != "" {
		bad = l.bad(statesFile, line, col(0), ErrDuplicateState, "%s", rec[0])
	}
	if bad {
		return
	}
	l.r.ids[st.StateID] = struct{}{}
	l.r.states = append(l.r.states, st)
	l.index(statesFile, line, col(1), st.Name, st.StateID)
}

// name reads a row of state_names.csv.
func (l *loader) name(line int, rec []string, col func(int) int) {
	sn := rawtable.StateName{Name: rec[0], StateID: rec[1], Note: rec[2], SourceURL: rec[3]}
	bad := false
	for _, i := range []int{0, 1, 3} {
		if rec[i] == "" {
			bad = l.bad(namesFile, line, col(i), ErrEmptyField, "%s", namesHeader[i])
		}
	}
	if _, ok := l.r.ids[sn.StateID]; !ok && sn.StateID != "" {
		bad = l.bad(namesFile, line, col(1), ErrUnknownState, "%q", sn.StateID)
	}
	if prev, dup := l.seen[sn.Name]; dup && sn.Name != "" {
		bad = l.bad(namesFile, line, col(0), ErrDuplicateName, "%q already on line %d", sn.Name, prev)
	}
	if bad {
		return
	}
	l.seen[sn.Name] = line
	l.r.names = append(l.r.names, sn)
	l.index(namesFile, line, col(0), sn.Name, sn.StateID)
}

// readCSV reads a CSV with the given header, or with the header followed by all the
// optional columns, and calls row for each data row with its line number, its fields
// and a function giving a field's column. It returns the first syntax or header error;
// row validation is row's business.
func readCSV(file string, rd io.Reader, header []string, row func(line int, rec []string, col func(int) int), optionalCols ...string) error {
	t, err := csvtable.New(rd)
	if err == io.EOF {
		return parseErr(file, 1, 0, ErrHeader, "no header row")
	}
	if err != nil {
		return csvErr(file, err)
	}
	full := append(slices.Clip(header), optionalCols...)
	if !slices.Equal(t.Header(), header) && !slices.Equal(t.Header(), full) {
		return parseErr(file, t.HeaderLine(), 0, ErrHeader, "got %q, want %q", t.Header(), full)
	}
	header = t.Header()
	for {
		r, err := t.Next()
		if err == io.EOF {
			return nil
		}
		if err != nil {
			return csvErr(file, err)
		}
		if len(r.Fields) != len(header) {
			return parseErr(file, r.Line, 0, ErrFieldCount, "got %d, want %d", len(r.Fields), len(header))
		}
		row(r.Line, r.Fields, t.Column)
	}
}

// csvErr places an encoding/csv error in file.
func csvErr(file string, err error) error {
	var pe *csv.ParseError
	if errors.As(err, &pe) {
		return &ParseError{File: file, Line: pe.Line, Column: pe.Column, Err: pe.Err}
	}
	return &ParseError{File: file, Err: err}
}

// Resolve returns the ISO 3166-1 alpha-3 code of the state that name designates, with
// ok == false when the name (after normalisation, see the package documentation) is
// not in the tables. It never guesses: a near miss is a miss. A loaded state_id, in any
// letter case and with surrounding space, resolves to itself.
func (r *Resolver) Resolve(name string) (stateID string, ok bool) {
	if id, ok := r.byKey[key(name)]; ok {
		return id, true
	}
	code := strings.ToUpper(strings.TrimSpace(name))
	if _, ok := r.ids[code]; ok {
		return code, true
	}
	return "", false
}

// States returns the rows of states.csv in file order. The slice is a copy; the
// pointers in its elements are shared with the Resolver and must not be written.
func (r *Resolver) States() []rawtable.State { return slices.Clone(r.states) }

// Names returns the rows of state_names.csv in file order, as a copy.
func (r *Resolver) Names() []rawtable.StateName { return slices.Clone(r.names) }

func optional(s string) *string {
	if s == "" {
		return nil
	}
	return &s
}

func isStateID(s string) bool {
	if len(s) != 3 {
		return false
	}
	for i := range len(s) {
		if s[i] < 'A' || s[i] > 'Z' {
			return false
		}
	}
	return true
}

func isM49(s string) bool {
	if len(s) != 3 {
		return false
	}
	for i := range len(s) {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return true
}
