package treaty

import (
	"errors"
	"fmt"
	"io"
	"slices"

	"synergy/pipeline/rawtable"
)

// NameLangs are the languages instrument_names.csv and meeting_body_names.csv may
// give names in: the UN's official languages other than English, which
// instruments.csv and the meetings carry already.
var NameLangs = []string{"ar", "zh", "fr", "ru", "es"}

// InstrumentName is an instrument's names in one language, with their source (file
// instrument_names.csv). An empty name or acronym is one no source was found for.
type InstrumentName struct {
	InstrumentID string `parquet:"instrument_id,dict"`
	Lang         string `parquet:"lang,dict"` // ISO 639-1
	ShortName    string `parquet:"short_name"`
	FullName     string `parquet:"full_name"`
	Acronym      string `parquet:"acronym"`
	SourceURL    string `parquet:"source_url"`
	Note         string `parquet:"note"`
}

// BodyName is the name of one body of an instrument in one language, as the body's
// documents write it, with its source (file meeting_body_names.csv). Body is the code
// that meetings carry in their body column ("MSP", "RevCon", "CSP"…).
type BodyName struct {
	InstrumentID string `parquet:"instrument_id,dict"`
	Body         string `parquet:"body,dict"`
	Lang         string `parquet:"lang,dict"` // ISO 639-1
	Name         string `parquet:"name"`
	SourceURL    string `parquet:"source_url"`
	Note         string `parquet:"note"`
}

// ReadInstrumentNames reads instrument_names.csv: one row per instrument and
// language, each id one of [IDs], each language one of [NameLangs], each pair once,
// and a source_url on every row that gives a name.
func ReadInstrumentNames(r io.Reader, file string) ([]InstrumentName, error) {
	t, err := newTable(r, file, "instrument_id", "lang", "short_name", "full_name", "acronym", "source_url", "note")
	if err != nil {
		return nil, err
	}
	var out []InstrumentName
	seen := map[string]int{}
	for {
		get, line, err := t.next()
		if errors.Is(err, io.EOF) {
			return out, nil
		}
		if err != nil {
			return nil, err
		}
		n := InstrumentName{
			InstrumentID: get("instrument_id"), Lang: get("lang"), ShortName: get("short_name"),
			FullName: get("full_name"), Acronym: get("acronym"), SourceURL: get("source_url"), Note: get("note"),
		}
		if err := checkKey(file, line, n.InstrumentID, n.Lang, n.InstrumentID+" "+n.Lang, seen); err != nil {
			return nil, err
		}
		if n.ShortName == "" && n.FullName == "" && n.Acronym == "" {
			return nil, &ParseError{File: file, Line: line, Field: "short_name/full_name/acronym", Err: ErrEmpty}
		}
		if n.SourceURL == "" {
			return nil, &ParseError{File: file, Line: line, Field: "source_url", Err: ErrEmpty}
		}
		out = append(out, n)
	}
}

// ReadBodyNames reads meeting_body_names.csv: one row per instrument, body and
// language, with the name and its source.
func ReadBodyNames(r io.Reader, file string) ([]BodyName, error) {
	t, err := newTable(r, file, "instrument_id", "body", "lang", "name", "source_url", "note")
	if err != nil {
		return nil, err
	}
	var out []BodyName
	seen := map[string]int{}
	for {
		get, line, err := t.next()
		if errors.Is(err, io.EOF) {
			return out, nil
		}
		if err != nil {
			return nil, err
		}
		b := BodyName{
			InstrumentID: get("instrument_id"), Body: get("body"), Lang: get("lang"),
			Name: get("name"), SourceURL: get("source_url"), Note: get("note"),
		}
		if b.Body == "" || b.Name == "" || b.SourceURL == "" {
			return nil, &ParseError{File: file, Line: line, Field: "body/name/source_url", Err: ErrEmpty}
		}
		if err := checkKey(file, line, b.InstrumentID, b.Lang, b.InstrumentID+" "+b.Body+" "+b.Lang, seen); err != nil {
			return nil, err
		}
		out = append(out, b)
	}
}

// checkKey checks a row's instrument id and language, and that its key (the id and
// language, with the body for a body name) has not been seen before.
func checkKey(file string, line int, id, lang, key string, seen map[string]int) error {
	if !Known(id) {
		return &ParseError{File: file, Line: line, Field: "instrument_id", Err: fmt.Errorf("%w %q", ErrUnknownInstrument, id)}
	}
	if !slices.Contains(NameLangs, lang) {
		return &ParseError{File: file, Line: line, Field: "lang", Err: fmt.Errorf("%w: %q is none of %v", ErrLang, lang, NameLangs)}
	}
	if prev, dup := seen[key]; dup {
		return &ParseError{File: file, Line: line, Field: "key", Err: fmt.Errorf("%w: %s already on line %d", ErrDuplicate, key, prev)}
	}
	seen[key] = line
	return nil
}

// ApplyNames copies the French and Spanish names of names onto the instruments they
// name, with one source_url per language in NamesFrEsSourceURL; names in other
// languages are left to the names table. A name of an instrument missing from
// instruments is an error.
func ApplyNames(instruments []rawtable.Instrument, names []InstrumentName) error {
	idx := map[string]int{}
	for i, in := range instruments {
		idx[in.InstrumentID] = i
	}
	for _, n := range names {
		i, ok := idx[n.InstrumentID]
		if !ok {
			return fmt.Errorf("treaty: names of %s: %w (not in the instruments)", n.InstrumentID, ErrUnknownInstrument)
		}
		in := &instruments[i]
		switch n.Lang {
		case "fr":
			in.ShortNameFR, in.FullNameFR, in.AcronymFR = optional(n.ShortName), optional(n.FullName), optional(n.Acronym)
		case "es":
			in.ShortNameES, in.FullNameES, in.AcronymES = optional(n.ShortName), optional(n.FullName), optional(n.Acronym)
		default:
			continue
		}
		src := n.Lang + ": " + n.SourceURL
		if in.NamesFrEsSourceURL != nil {
			src = *in.NamesFrEsSourceURL + " | " + src
		}
		in.NamesFrEsSourceURL = &src
	}
	return nil
}
