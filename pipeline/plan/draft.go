package plan

import (
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"maps"
	"slices"
	"strings"
	"time"

	"synergy/pipeline/civil"
	"synergy/pipeline/ics"
	"synergy/pipeline/treaty"
)

// draftColumns are a draft CSV's columns, in order.
var draftColumns = []string{"meeting_id", "instrument_id", "body", "title", "city", "start_date",
	"end_date", "earliest_start", "latest_start", "fixed", "mode"}

// draftOptional are the columns a draft may add after draftColumns, in any order:
// parties (ISO 3166-1 alpha-3 codes separated by '|': the states party to the
// meeting, instead of the snapshot's participation on the opening day) and
// parallel_with (meeting ids separated by '|': meetings this one may overlap
// although they share parties).
var draftOptional = []string{"parties", "parallel_with"}

// DefaultWindowDays is the window, in calendar days either side of the draft
// start, of a meeting whose draft gives none.
const DefaultWindowDays = 28

// Facts is what a draft needs from the published snapshot: who is party to an
// instrument on a day, whether a meeting is one of Rec 8's (clearance or victim
// assistance, as state_year_burden counts them), and which states exist. The
// command fills it from a query function ([LoadFacts]), so this package never
// links DuckDB.
type Facts interface {
	// Parties returns the states (ISO 3166-1 alpha-3) for which instrument was in
	// force on day, sorted.
	Parties(instrument string, day civil.Day) []string
	// Rec8 reports whether the meeting addresses clearance or victim assistance:
	// its own themes when the snapshot has the meeting, else its body's standing
	// agenda.
	Rec8(meetingID, instrument, body string) bool
	// KnownState reports whether id is a state of the snapshot.
	KnownState(id string) bool
}

// DraftOptions says how to read a draft.
type DraftOptions struct {
	Year int // the planned year: every meeting must start in it
	// WindowDays is the window, in calendar days either side of the draft start,
	// of a row whose earliest_start and latest_start are empty (0: the meeting
	// keeps its date). Negative means DefaultWindowDays.
	WindowDays int
	Facts      Facts
}

// ReadDraft reads a draft calendar in CSV from r (file names it in errors):
// a header of the columns meeting_id, instrument_id, body, title, city,
// start_date, end_date, earliest_start, latest_start, fixed, mode (optionally
// followed by parties and parallel_with), then one meeting a line. Dates are ISO;
// city may list several allowed cities separated by '|'; an empty
// earliest_start or latest_start is WindowDays before or after the draft start;
// every window is cut to the year. The meeting's length is its working days
// (Monday to Friday) from start_date to end_date. Parties come from the parties
// column or, when it is empty, from opt.Facts on the start date; Rec8 from
// opt.Facts.
//
// Every bad field is a [*DraftError] naming file, line and field; all of them
// are returned together ([errors.Join]) and no Problem.
func ReadDraft(r io.Reader, file string, opt DraftOptions) (*Problem, error) {
	if opt.WindowDays < 0 {
		opt.WindowDays = DefaultWindowDays
	}
	cr := csv.NewReader(r)
	cr.ReuseRecord = false
	header, err := cr.Read()
	if errors.Is(err, io.EOF) {
		return nil, &DraftError{File: file, Line: 1, Field: "header", Err: ErrEmpty}
	}
	if err != nil {
		return nil, &DraftError{File: file, Line: 1, Field: "header", Err: ErrSyntax}
	}
	if len(header) > 0 {
		header[0] = strings.TrimPrefix(header[0], "\ufeff")
	}
	col, err := draftHeader(header)
	if err != nil {
		return nil, &DraftError{File: file, Line: 1, Field: "header", Raw: strings.Join(header, ","), Err: err}
	}
	var rows []draftRow
	var errs []error
	for {
		rec, err := cr.Read()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			line := 0
			var pe *csv.ParseError
			if errors.As(err, &pe) {
				line = pe.Line
			}
			errs = append(errs, &DraftError{File: file, Line: line, Field: "line", Err: fmt.Errorf("%w: %v", ErrSyntax, errors.Unwrap(err))})
			if pe == nil || pe.Err != csv.ErrFieldCount {
				break // the reader cannot resynchronise after a quote error
			}
			continue
		}
		line, _ := cr.FieldPos(0)
		rows = append(rows, draftRow{file: file, line: line, rec: rec, col: col})
	}
	return buildDraft(rows, errs, file, opt)
}

// buildDraft makes the Problem of a draft's rows (errs: those the reader met).
func buildDraft(rows []draftRow, errs []error, file string, opt DraftOptions) (*Problem, error) {
	p := &Problem{Year: opt.Year, MaxGap: 2}
	lineOf := make(map[string]int)
	parallel := make(map[string][]string)
	parallelRow := make(map[string]draftRow)
	for _, row := range rows {
		m, rowErrs := row.meeting(opt)
		if len(rowErrs) > 0 {
			errs = append(errs, rowErrs...)
			continue
		}
		if first, dup := lineOf[m.ID]; dup {
			errs = append(errs, row.err("meeting_id", fmt.Errorf("%w: %q (first on line %d)", ErrDuplicateID, m.ID, first)))
			continue
		}
		lineOf[m.ID] = row.line
		if with := row.list("parallel_with"); len(with) > 0 {
			parallel[m.ID] = with
			parallelRow[m.ID] = row
		}
		p.Meetings = append(p.Meetings, m)
	}
	if len(errs) == 0 && len(p.Meetings) == 0 {
		errs = append(errs, &DraftError{File: file, Field: "line", Err: ErrNoMeetings})
	}
	// parallel pairs, once each, in draft order
	seen := make(map[[2]string]bool)
	for _, m := range p.Meetings {
		for _, other := range parallel[m.ID] {
			if _, ok := lineOf[other]; !ok {
				e := parallelRow[m.ID].err("parallel_with", fmt.Errorf("%w: %q", ErrUnknownMeeting, other))
				e.Raw = other
				errs = append(errs, e)
				continue
			}
			pair := [2]string{m.ID, other}
			if other < m.ID {
				pair = [2]string{other, m.ID}
			}
			if other != m.ID && !seen[pair] {
				seen[pair] = true
				p.Parallel = append(p.Parallel, pair)
			}
		}
	}
	if len(errs) > 0 {
		return nil, errors.Join(errs...)
	}
	return p, nil
}

// draftHeader checks the header and returns each column's index.
func draftHeader(h []string) (map[string]int, error) {
	if len(h) < len(draftColumns) {
		return nil, ErrHeader
	}
	col := make(map[string]int)
	for i, name := range h {
		name = strings.TrimSpace(name)
		switch {
		case i < len(draftColumns) && name != draftColumns[i]:
			return nil, ErrHeader
		case i >= len(draftColumns) && !slices.Contains(draftOptional, name):
			return nil, fmt.Errorf("%w (then optionally %s): unknown column %q", ErrHeader, strings.Join(draftOptional, ", "), name)
		}
		if _, dup := col[name]; dup {
			return nil, fmt.Errorf("%w: column %q twice", ErrHeader, name)
		}
		col[name] = i
	}
	return col, nil
}

// draftRow is one record of a draft being read.
type draftRow struct {
	file string
	line int
	rec  []string
	col  map[string]int
	// names, when not nil, gives the name a column has in the file (an
	// iCalendar property), for errors.
	names map[string]string
}

func (r draftRow) get(name string) string {
	i, ok := r.col[name]
	if !ok || i >= len(r.rec) {
		return ""
	}
	return strings.TrimSpace(r.rec[i])
}

// list splits a '|'-separated field, trimming each entry.
func (r draftRow) list(name string) []string {
	v := r.get(name)
	if v == "" {
		return nil
	}
	parts := strings.Split(v, "|")
	for i := range parts {
		parts[i] = strings.TrimSpace(parts[i])
	}
	return parts
}

func (r draftRow) err(field string, err error) *DraftError {
	name := field
	if n, ok := r.names[field]; ok {
		name = n
	}
	return &DraftError{File: r.file, Line: r.line, Field: name, Raw: r.get(field), Err: err}
}

// date reads an ISO date field; ok is false when it is empty.
func (r draftRow) date(field string, errs *[]error) (d civil.Day, ok bool) {
	v := r.get(field)
	if v == "" {
		return 0, false
	}
	t, err := time.Parse("2006-01-02", v)
	if err != nil {
		*errs = append(*errs, r.err(field, fmt.Errorf("%w: %q", ErrDate, v)))
		return 0, false
	}
	return civil.DayOf(t), true
}

// meeting reads one row as a Meeting.
func (r draftRow) meeting(opt DraftOptions) (Meeting, []error) {
	var errs []error
	m := Meeting{ID: r.get("meeting_id"), Instrument: r.get("instrument_id"), Body: r.get("body"), Title: r.get("title")}
	for _, f := range []string{"meeting_id", "instrument_id", "start_date", "end_date"} {
		if r.get(f) == "" {
			errs = append(errs, r.err(f, ErrMissing))
		}
	}
	if m.Instrument != "" && !treaty.Known(m.Instrument) {
		errs = append(errs, r.err("instrument_id", fmt.Errorf("%w: %q (one of %s)", ErrUnknownInstrument, m.Instrument, strings.Join(treaty.IDs, ", "))))
	}
	m.Cities = r.list("city")
	if len(m.Cities) == 0 || slices.Contains(m.Cities, "") {
		errs = append(errs, r.err("city", ErrNoCity))
	}
	start, okS := r.date("start_date", &errs)
	end, okE := r.date("end_date", &errs)
	if okS && okE {
		m.DraftStart, m.DraftEnd = start, end
		switch {
		case end < start:
			errs = append(errs, r.err("end_date", fmt.Errorf("%w: %s is before %s", ErrEndBeforeStart, end, start)))
		case workingDays(start, end) == 0:
			errs = append(errs, r.err("end_date", fmt.Errorf("%w: %s to %s", ErrNoWorkingDay, start, end)))
		default:
			m.Length = workingDays(start, end)
		}
		if start.Year() != opt.Year {
			errs = append(errs, r.err("start_date", fmt.Errorf("%w: %s is not in %d", ErrOtherYear, start, opt.Year)))
		}
	}
	switch strings.ToLower(r.get("fixed")) {
	case "", "false", "no", "0":
	case "true", "yes", "1":
		m.Fixed = true
	default:
		errs = append(errs, r.err("fixed", fmt.Errorf("%w: %q", ErrBool, r.get("fixed"))))
	}
	switch m.Mode = r.get("mode"); m.Mode {
	case "":
		m.Mode = "in_person"
	case "in_person", "online", "hybrid", "written_procedure":
	default:
		errs = append(errs, r.err("mode", fmt.Errorf("%w: %q", ErrMode, m.Mode)))
	}
	earliest, okEarliest := r.date("earliest_start", &errs)
	latest, okLatest := r.date("latest_start", &errs)
	for _, s := range r.list("parties") {
		if opt.Facts != nil && !opt.Facts.KnownState(s) {
			errs = append(errs, r.err("parties", fmt.Errorf("%w: %q", ErrUnknownState, s)))
		}
	}
	if len(errs) > 0 {
		return m, errs
	}
	if !okEarliest {
		earliest = start.AddDays(-opt.WindowDays)
	}
	if !okLatest {
		latest = start.AddDays(opt.WindowDays)
	}
	if m.Fixed {
		earliest, latest = start, start
		if !isWorkingDay(start) {
			return m, []error{r.err("start_date", fmt.Errorf("%w: %s is a %s", ErrFixedStart, start, start.Weekday()))}
		}
	}
	m.Earliest, m.Latest = pcClipWindow(earliest, latest, opt.Year)
	switch {
	case earliest > latest:
		return m, []error{r.err("latest_start", fmt.Errorf("%w: latest start %s is before earliest start %s", ErrWindow, latest, earliest))}
	case !pcHasStart(m.Earliest, m.Latest):
		return m, []error{r.err("earliest_start", fmt.Errorf("%w: no working day in %d from %s to %s to start on", ErrWindow, opt.Year, earliest, latest))}
	}
	if ps := r.list("parties"); len(ps) > 0 {
		m.Parties = slices.Compact(slices.Sorted(slices.Values(ps)))
	} else if opt.Facts != nil {
		m.Parties = opt.Facts.Parties(m.Instrument, start)
	}
	if opt.Facts != nil {
		m.Rec8 = opt.Facts.Rec8(m.ID, m.Instrument, m.Body)
	}
	return m, nil
}

// pcClipWindow cuts [earliest, latest] to the year.
func pcClipWindow(earliest, latest civil.Day, year int) (civil.Day, civil.Day) {
	first, last := civil.Date(year, time.January, 1), civil.Date(year, time.December, 31)
	return max(earliest, first), min(latest, last)
}

// pcHasStart reports whether [earliest, latest] holds a working day.
func pcHasStart(earliest, latest civil.Day) bool {
	return latest >= earliest && workingDays(earliest, latest) > 0
}

// icsNames are the iCalendar properties that carry a draft's columns.
var icsNames = map[string]string{
	"meeting_id": "X-SYNERGY-MEETING-ID", "instrument_id": "X-SYNERGY-INSTRUMENT", "body": "X-SYNERGY-BODY",
	"title": "SUMMARY", "city": "LOCATION", "start_date": "DTSTART", "end_date": "DTEND",
	"earliest_start": "X-SYNERGY-EARLIEST-START", "latest_start": "X-SYNERGY-LATEST-START", "fixed": "X-SYNERGY-FIXED",
	"mode": "X-SYNERGY-MODE", "parties": "X-SYNERGY-PARTIES", "parallel_with": "X-SYNERGY-PARALLEL-WITH",
}

// ReadDraftICS reads a draft calendar in iCalendar (RFC 5545; package ics
// decodes it), one all-day VEVENT a meeting, with the facts of [ReadDraft]'s
// columns in properties: X-SYNERGY-MEETING-ID (else UID), X-SYNERGY-INSTRUMENT
// (else the first CATEGORIES value that is an instrument id), X-SYNERGY-BODY,
// SUMMARY (title), X-SYNERGY-CITIES ('|'-separated, else LOCATION up to its
// first comma, a note in brackets dropped), DTSTART and DTEND,
// X-SYNERGY-EARLIEST-START, X-SYNERGY-LATEST-START, X-SYNERGY-FIXED,
// X-SYNERGY-MODE (else what LOCATION says: online, virtual, hybrid, written
// procedure), X-SYNERGY-PARTIES and X-SYNERGY-PARALLEL-WITH. The calendars
// `synergy calendar` and `synergy plan` write read back this way. Errors name
// the file, the event's line and the property.
func ReadDraftICS(r io.Reader, file string, opt DraftOptions) (*Problem, error) {
	if opt.WindowDays < 0 {
		opt.WindowDays = DefaultWindowDays
	}
	dec := ics.NewDecoder(r, file)
	events, err := dec.Decode()
	if err != nil {
		return nil, err
	}
	var errs []error
	for _, pe := range dec.Rejects() {
		errs = append(errs, pe)
	}
	cols := append(slices.Clone(draftColumns), draftOptional...)
	col := make(map[string]int)
	for i, c := range cols {
		col[c] = i
	}
	var rows []draftRow
	for _, e := range events {
		v := make(map[string]string)
		for c, prop := range icsNames {
			v[c] = strings.TrimSpace(e.Props[prop])
		}
		names := maps.Clone(icsNames)
		if v["meeting_id"] == "" {
			v["meeting_id"], names["meeting_id"] = strings.TrimSpace(e.UID), "UID"
		}
		if v["instrument_id"] == "" {
			for _, c := range e.Categories {
				if treaty.Known(strings.TrimSpace(c)) {
					v["instrument_id"] = strings.TrimSpace(c)
					break
				}
			}
		}
		v["title"] = e.Summary
		if cities := strings.TrimSpace(e.Props["X-SYNERGY-CITIES"]); cities != "" {
			v["city"], names["city"] = cities, "X-SYNERGY-CITIES"
		} else {
			city, _, _ := strings.Cut(e.Location, ",")
			if i := strings.LastIndex(city, "("); i > 0 && strings.HasSuffix(strings.TrimSpace(city), ")") {
				city = city[:i]
			}
			v["city"] = strings.TrimSpace(city)
		}
		if !e.Start.IsZero() {
			v["start_date"], v["end_date"] = e.FirstDay.String(), e.LastDay.String()
		}
		if v["mode"] == "" {
			loc := strings.ToLower(e.Location)
			switch {
			case strings.Contains(loc, "written procedure"):
				v["mode"] = "written_procedure"
			case strings.Contains(loc, "hybrid"):
				v["mode"] = "hybrid"
			case strings.Contains(loc, "online"), strings.Contains(loc, "virtual"):
				v["mode"] = "online"
			}
		}
		rec := make([]string, len(cols))
		for i, c := range cols {
			rec[i] = v[c]
		}
		names["line"] = "VEVENT"
		rows = append(rows, draftRow{file: file, line: e.Line, rec: rec, col: col, names: names})
	}
	return buildDraft(rows, errs, file, opt)
}
