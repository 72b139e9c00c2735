// Package formats is the table from a source format, as the sources manifest names
// it, to the reader of its files. A run's ingest and `synergy check` both look
// readers up here, so a format is registered once: add a format by adding a row to
// [table], and the manifest, ingest and check all know it.
//
// Every reader takes an io.Reader and the name to cite in rows and errors, and gives
// [Rows]: the records of the file's kind and its rejects. Four catalogue formats
// (states with state_names, themes with theme_terms) are read in pairs by
// [synergy/pipeline/states.Load] and [synergy/pipeline/themes.Load] and have no
// per-file reader.
package formats

import (
	"errors"
	"io"
	"path/filepath"
	"strings"

	"synergy/pipeline/agenda"
	"synergy/pipeline/civil"
	"synergy/pipeline/csvsrc"
	"synergy/pipeline/ics"
	"synergy/pipeline/rawtable"
	"synergy/pipeline/treaty"
	"synergy/pipeline/untc"
)

// Env is what a reader may need besides its file.
type Env struct {
	// States resolves state names; a format with NeedsStates set needs it.
	States csvsrc.StateResolver
	// AsOf is the day against which a calendar's meetings count as held or planned.
	AsOf civil.Day
}

// Rows is what a reader gives for one file. Only the fields of the file's format are
// set; the slices are the caller's.
type Rows struct {
	Participation   []rawtable.Participation     // membership
	Meetings        []rawtable.Meeting           // meetings, ics
	Updates         []csvsrc.Update              // meetings: rows that correct a meeting
	Obligations     []rawtable.Obligation        // obligations
	Agenda          *agenda.Agenda               // agenda; its Records are the rows
	Page            *untc.Page                   // untc; ingest reconciles its rows (package reconcile)
	Instruments     []rawtable.Instrument        // instruments
	Articles        []rawtable.InstrumentArticle // instrument_articles
	StandingAgendas []treaty.StandingItem        // standing_agendas
	InstrumentNames []treaty.InstrumentName      // instrument_names
	BodyNames       []treaty.BodyName            // meeting_body_names
	Rejects         []rawtable.Reject            // the rows refused, in file order
}

// Format is one source format.
type Format struct {
	// Name is the format as the sources manifest names it.
	Name string
	// NeedsStates says the reader resolves state names with Env.States.
	NeedsStates bool
	// PairedWith names the catalogue format read together with this one, for the
	// four formats without a per-file reader.
	PairedWith string
	// FileName, for a catalogue, is the name its file has in the datasets folder.
	FileName string
	// Read decodes one file: r is its content, file the name cited in rows and errors.
	// A structurally broken file is an error; bad rows are rejects in the Rows. Read
	// is nil for a format read in a pair (see PairedWith).
	Read func(r io.Reader, file string, env Env) (*Rows, error)
}

// table lists every format, in the order the sources manifest documents them.
var table = []Format{
	{Name: "states", PairedWith: "state_names", FileName: "states.csv"},
	{Name: "state_names", PairedWith: "states", FileName: "state_names.csv"},
	{Name: "instruments", FileName: "instruments.csv", Read: readInstruments},
	{Name: "instrument_articles", FileName: "instrument_articles.csv", Read: readArticles},
	{Name: "standing_agendas", FileName: "standing_agendas.csv", Read: readStandingAgendas},
	{Name: "instrument_names", FileName: "instrument_names.csv", Read: readInstrumentNames},
	{Name: "meeting_body_names", FileName: "meeting_body_names.csv", Read: readBodyNames},
	{Name: "themes", PairedWith: "theme_terms", FileName: "themes.csv"},
	{Name: "theme_terms", PairedWith: "themes", FileName: "theme_terms.csv"},
	{Name: "membership", NeedsStates: true, Read: readMembership},
	{Name: "meetings", NeedsStates: true, Read: readMeetings},
	{Name: "obligations", NeedsStates: true, Read: readObligations},
	{Name: "agenda", Read: readAgenda},
	{Name: "ics", Read: readCalendar},
	{Name: "untc", Read: readStatusPage},
}

// Lookup returns the format called name.
func Lookup(name string) (Format, bool) {
	for _, f := range table {
		if f.Name == name {
			return f, true
		}
	}
	return Format{}, false
}

// Names returns the names of all formats, in the table's order.
func Names() []string {
	out := make([]string, len(table))
	for i, f := range table {
		out[i] = f.Name
	}
	return out
}

// Guess picks a format from a file name, for `synergy check`: .ics is ics,
// .html or .htm untc, a .txt named <meeting>.<lang>.txt agenda, meetings*.csv
// meetings, obligations*.csv obligations, <catalogue>.csv that catalogue, and any
// other .csv membership. ok is false for a name it cannot place.
func Guess(name string) (format string, ok bool) {
	base := strings.ToLower(filepath.Base(name))
	switch {
	case strings.HasSuffix(base, ".ics"):
		return "ics", true
	case strings.HasSuffix(base, ".html") || strings.HasSuffix(base, ".htm"):
		return "untc", true
	case strings.HasSuffix(base, ".txt") && strings.Count(base, ".") >= 2:
		return "agenda", true
	case strings.HasPrefix(base, "meetings") && strings.HasSuffix(base, ".csv"):
		return "meetings", true
	case strings.HasPrefix(base, "obligations") && strings.HasSuffix(base, ".csv"):
		return "obligations", true
	case strings.HasSuffix(base, ".csv"):
		for _, f := range table {
			if f.FileName != "" && base == f.FileName {
				return f.Name, true
			}
		}
		return "membership", true
	}
	return "", false
}

func readInstruments(r io.Reader, file string, _ Env) (*Rows, error) {
	rows, err := treaty.ReadInstruments(r, file)
	return &Rows{Instruments: rows}, err
}

func readArticles(r io.Reader, file string, _ Env) (*Rows, error) {
	rows, err := treaty.ReadArticles(r, file)
	return &Rows{Articles: rows}, err
}

func readStandingAgendas(r io.Reader, file string, _ Env) (*Rows, error) {
	rows, err := treaty.ReadStandingAgendas(r, file)
	return &Rows{StandingAgendas: rows}, err
}

func readMembership(r io.Reader, file string, env Env) (*Rows, error) {
	rows, rejects, err := csvsrc.ReadParticipation(r, file, env.States)
	return &Rows{Participation: rows, Rejects: rejects}, err
}

func readMeetings(r io.Reader, file string, env Env) (*Rows, error) {
	rows, updates, rejects, err := csvsrc.ReadMeetings(r, file, env.States)
	return &Rows{Meetings: rows, Updates: updates, Rejects: rejects}, err
}

func readObligations(r io.Reader, file string, env Env) (*Rows, error) {
	rows, rejects, err := csvsrc.ReadObligations(r, file, env.States)
	return &Rows{Obligations: rows, Rejects: rejects}, err
}

// readAgenda decodes an agenda, whose base name gives its meeting and language, and
// cites file (its place in the datasets folder) in its records, rejects and errors.
func readAgenda(r io.Reader, file string, _ Env) (*Rows, error) {
	a, err := agenda.Decode(r, filepath.Base(file))
	if err != nil {
		var pe *agenda.ParseError
		if errors.As(err, &pe) {
			pe.File = file
		}
		return nil, err
	}
	a.File = file
	for _, pe := range a.Rejects {
		pe.File = file
	}
	return &Rows{Agenda: a, Rejects: a.RejectRecords()}, nil
}

// readCalendar decodes an iCalendar feed and maps its events to meetings as of
// env.AsOf; the decoder's rejects come before the mapping's.
func readCalendar(r io.Reader, file string, env Env) (*Rows, error) {
	dec := ics.NewDecoder(r, file)
	events, err := dec.Decode()
	if err != nil {
		return nil, err
	}
	rejects := rawtable.RejectsOf(dec.Rejects())
	meetings, more := ics.Meetings(events, file, env.AsOf)
	return &Rows{Meetings: meetings, Rejects: append(rejects, more...)}, nil
}

// readStatusPage decodes a depositary status page; its rejects are the grid rows
// that did not decode.
func readStatusPage(r io.Reader, file string, _ Env) (*Rows, error) {
	page, err := untc.Decode(r, file)
	if err != nil {
		return nil, err
	}
	return &Rows{Page: page, Rejects: rawtable.RejectsOf(page.Rejects)}, nil
}

func readInstrumentNames(r io.Reader, file string, _ Env) (*Rows, error) {
	rows, err := treaty.ReadInstrumentNames(r, file)
	return &Rows{InstrumentNames: rows}, err
}

func readBodyNames(r io.Reader, file string, _ Env) (*Rows, error) {
	rows, err := treaty.ReadBodyNames(r, file)
	return &Rows{BodyNames: rows}, err
}
