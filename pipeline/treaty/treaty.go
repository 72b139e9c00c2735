package treaty

import (
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"slices"
	"strings"

	"synergy/pipeline/civil"
	"synergy/pipeline/csvtable"
	"synergy/pipeline/rawtable"
)

// IDs are the instrument ids, in the order DESIGN.md §2 lists them.
var IDs = []string{"APMBC", "CCM", "CCW", "CCW-APII", "CCW-PV", "ATT", "CRPD"}

// Known reports whether id is one of [IDs].
func Known(id string) bool {
	return slices.Contains(IDs, id)
}

// otherNames are the names other than their ids by which the reference files write
// instruments.
var otherNames = map[string]string{
	"CCW Amended Protocol II": "CCW-APII",
	"CCW Protocol V":          "CCW-PV",
}

// ID returns the instrument id for a name as the reference files write it
// ("CCW Amended Protocol II" → "CCW-APII"), or for an id itself; surrounding space
// is ignored. ok is false for a name of no instrument in [IDs].
func ID(name string) (id string, ok bool) {
	name = strings.TrimSpace(name)
	if Known(name) {
		return name, true
	}
	id, ok = otherNames[name]
	return id, ok
}

// StandingItem says that every meeting of an instrument's body carries a theme on its
// agenda, by the basis cited (table standing_agendas).
type StandingItem struct {
	InstrumentID string `parquet:"instrument_id,dict"`
	Body         string `parquet:"body,dict"`
	Theme        string `parquet:"theme,dict"`
	Article      string `parquet:"article"`
	Basis        string `parquet:"basis"`
	SourceURL    string `parquet:"source_url"`
}

// table reads a CSV with a header, checking that the required columns are present.
// Lines are 1-based file lines.
type table struct {
	file string
	tab  *csvtable.Table
}

func newTable(r io.Reader, file string, required ...string) (*table, error) {
	tab, err := csvtable.New(r)
	if err != nil {
		return nil, &ParseError{File: file, Line: 1, Err: fmt.Errorf("read header: %w", err)}
	}
	if c, dup := tab.Duplicate(); dup {
		return nil, &ParseError{File: file, Line: 1, Field: c, Err: ErrDuplicateColumn}
	}
	if c, missing := tab.Missing(required); missing {
		return nil, &ParseError{File: file, Line: 1, Field: c, Err: ErrMissingColumn}
	}
	return &table{file: file, tab: tab}, nil
}

// next returns the next row as a getter, its line, or io.EOF.
func (t *table) next() (func(string) string, int, error) {
	row, err := t.tab.Next()
	if err != nil {
		if errors.Is(err, io.EOF) {
			return nil, 0, io.EOF
		}
		var pe *csv.ParseError
		line := 0
		if errors.As(err, &pe) {
			line = pe.Line
		}
		return nil, line, &ParseError{File: t.file, Line: line, Err: err}
	}
	return row.Get, row.Line, nil
}

func optional(s string) *string {
	if s == "" {
		return nil
	}
	return &s
}

func optionalDay(s, file string, line int, field string) (*civil.Day, error) {
	if s == "" {
		return nil, nil
	}
	d, err := civil.ParseDay(s)
	if err != nil {
		return nil, &ParseError{File: file, Line: line, Field: field, Err: fmt.Errorf("%w: %v", ErrBadDate, err)}
	}
	return &d, nil
}

// ReadInstruments reads instruments.csv. Every id must be one of [IDs], appear once,
// and carry an eif_rule (see [ParseRule]).
func ReadInstruments(r io.Reader, file string) ([]rawtable.Instrument, error) {
	t, err := newTable(r, file, "instrument_id", "short_name", "full_name", "family",
		"parent_instrument_id", "adopted_date", "entry_into_force_date", "depositary",
		"untc_id", "eif_rule", "source_url")
	if err != nil {
		return nil, err
	}
	var out []rawtable.Instrument
	seen := map[string]int{}
	for {
		get, line, err := t.next()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			return nil, err
		}
		id := get("instrument_id")
		if !Known(id) {
			return nil, &ParseError{File: file, Line: line, Field: "instrument_id", Err: fmt.Errorf("%w %q", ErrUnknownInstrument, id)}
		}
		if prev, dup := seen[id]; dup {
			return nil, &ParseError{File: file, Line: line, Field: "instrument_id", Err: fmt.Errorf("%w: %s already on line %d", ErrDuplicate, id, prev)}
		}
		seen[id] = line
		in := rawtable.Instrument{
			InstrumentID: id, ShortName: get("short_name"), FullName: get("full_name"),
			Family: get("family"), ParentID: optional(get("parent_instrument_id")),
			Depositary: get("depositary"), UNTCID: optional(get("untc_id")),
			EIFRule: get("eif_rule"), SourceURL: get("source_url"),
		}
		for _, f := range []struct{ name, v string }{{"short_name", in.ShortName}, {"family", in.Family}, {"source_url", in.SourceURL}} {
			if f.v == "" {
				return nil, &ParseError{File: file, Line: line, Field: f.name, Err: ErrEmpty}
			}
		}
		if in.AdoptedDate, err = optionalDay(get("adopted_date"), file, line, "adopted_date"); err != nil {
			return nil, err
		}
		if in.EntryIntoForceDate, err = optionalDay(get("entry_into_force_date"), file, line, "entry_into_force_date"); err != nil {
			return nil, err
		}
		out = append(out, in)
	}
	return out, nil
}

// ReadArticles reads instrument_articles.csv, the legal map.
func ReadArticles(r io.Reader, file string) ([]rawtable.InstrumentArticle, error) {
	t, err := newTable(r, file, "instrument_id", "article", "theme", "obligation_kind", "summary", "source_url")
	if err != nil {
		return nil, err
	}
	var out []rawtable.InstrumentArticle
	for {
		get, line, err := t.next()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			return nil, err
		}
		a := rawtable.InstrumentArticle{
			InstrumentID: get("instrument_id"), Article: get("article"), Theme: get("theme"),
			ObligationKind: get("obligation_kind"), Summary: get("summary"), SourceURL: get("source_url"),
		}
		if !Known(a.InstrumentID) {
			return nil, &ParseError{File: file, Line: line, Field: "instrument_id", Err: fmt.Errorf("%w %q", ErrUnknownInstrument, a.InstrumentID)}
		}
		if a.Article == "" || a.Theme == "" || a.SourceURL == "" {
			return nil, &ParseError{File: file, Line: line, Field: "article/theme/source_url", Err: ErrEmpty}
		}
		out = append(out, a)
	}
	return out, nil
}

// ReadStandingAgendas reads standing_agendas.csv.
func ReadStandingAgendas(r io.Reader, file string) ([]StandingItem, error) {
	t, err := newTable(r, file, "instrument_id", "body", "theme", "article", "basis", "source_url")
	if err != nil {
		return nil, err
	}
	var out []StandingItem
	for {
		get, line, err := t.next()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			return nil, err
		}
		s := StandingItem{
			InstrumentID: get("instrument_id"), Body: get("body"), Theme: get("theme"),
			Article: get("article"), Basis: get("basis"), SourceURL: get("source_url"),
		}
		if !Known(s.InstrumentID) {
			return nil, &ParseError{File: file, Line: line, Field: "instrument_id", Err: fmt.Errorf("%w %q", ErrUnknownInstrument, s.InstrumentID)}
		}
		if s.Body == "" || s.Theme == "" || s.SourceURL == "" {
			return nil, &ParseError{File: file, Line: line, Field: "body/theme/source_url", Err: ErrEmpty}
		}
		out = append(out, s)
	}
	return out, nil
}
