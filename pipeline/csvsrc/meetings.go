package csvsrc

import (
	"errors"
	"io"
	"regexp"
	"strings"

	"synergy/pipeline/civil"
	"synergy/pipeline/rawtable"
	"synergy/pipeline/treaty"
)

var meetingColumns = []string{
	"instrument", "body", "meeting_code", "title", "start_date", "end_date", "city",
	"country", "venue", "president", "agenda_clearance", "agenda_victim_assistance",
	"agenda_stockpile", "agenda_cooperation", "agenda_transparency", "source_url",
	"confidence",
}

// Update is a row that corrects or completes a meeting given by another row with the
// same meeting id; the source marks it "(update: …)" in its title or confidence.
// Meeting holds the row's values, the marker removed from Title; a field the row leaves
// empty (nil, "", PrecisionMissing) states nothing. [MergeMeetings] applies it.
type Update struct {
	Meeting rawtable.Meeting `json:"meeting"`
	What    string           `json:"what"` // the marker's text, e.g. "president"
}

// updateRE matches the update marker, e.g. " (update: date)".
var updateRE = regexp.MustCompile(`(?i)\s*\(update:\s*([^)]*)\)`)

// cityRE splits "Geneva (virtual)" into a city and a note.
var cityRE = regexp.MustCompile(`^(.*?)\s*\(([^)]*)\)$`)

// titleModeRE matches the mode notes titles carry, e.g. " (video conference)".
var titleModeRE = regexp.MustCompile(`(?i)\s*\((virtual|online|video conference|hybrid|(?:by )?written procedure)\)`)

// venueModeRE matches a venue that is only a mode ("hybrid format") or a mode
// note after the venue ("Palais des Nations (hybrid)").
var venueModeRE = regexp.MustCompile(`(?i)^(hybrid|virtual|online)(?: format)?$|\s*\((hybrid|virtual|online)\)$`)

// ReadMeetings reads a meetings CSV (columns instrument, body, meeting_code, title,
// start_date, end_date, city, country, venue, president, agenda_clearance,
// agenda_victim_assistance, agenda_stockpile, agenda_cooperation, agenda_transparency,
// source_url, confidence, found by name). file names the input in rows and errors.
//
// Each data row becomes a rawtable.Meeting, an [Update] (a row marked "(update: …)"), or
// a rawtable.Reject; a bad row never stops the others.
//
//   - MeetingID is "<instrument>_<meeting_code>" (APMBC_10MSP, CCW_APII-23), the stem of
//     the agenda file names. InstrumentID is the instrument column, except CCW rows of
//     an APII-… body (APII-Conference, APII-GoE) → CCW-APII and of a PV-… body
//     (PV-Conference, PV-Experts, PV-PrepCom) → CCW-PV.
//   - Dates are parsed with civil.ParsePartial: StartDate and EndDate are set only for
//     dates known to the day; the precision and text columns always say what the
//     source gave. An end before the start is rejected.
//   - City: a note after the city is dropped from it ("Geneva (virtual)" gives
//     Geneva; "Virtual (…)" and "Online" give no city). Empty city, country, venue or
//     president give nil. country is resolved with states.
//   - Mode (rawtable.Mode…): what the row says of how the meeting was held, from the
//     optional mode column, the notes "(virtual)", "(video conference)", "(hybrid)",
//     "(by written procedure)" in the title (removed from it), the city's note
//     ("Geneva (virtual)", "Geneva (written procedure)", "Virtual (planned: …)";
//     "hybrid/virtual" reads as hybrid, the reading with an in-person part) and the
//     venue ("hybrid format", "Palais des Nations (hybrid)", removed from it; "held
//     fully virtually"). "virtual", "online" and "video conference" mean online. A
//     row that says two modes is rejected; a row that says none is in_person with
//     ModeStated false, what a source giving the meeting a place implies. Virtual is
//     Mode == online.
//   - Agenda flags: "true", "false"; "unknown" or empty give nil (unknown is not false).
//   - Status: the optional status column (held, planned, postponed, cancelled) when
//     the file has it and the row fills it; otherwise "planned" when confidence starts
//     with "planned", "cancelled" or "postponed" when the title or confidence says
//     so, else "held". The reader does not know the run's as-of day: the caller
//     settles the merged meetings' statuses against it
//     (rawtable.Meeting.SettleStatus).
//
// The error is non-nil only for a file that cannot be read as a whole, as for
// [ReadParticipation].
func ReadMeetings(r io.Reader, file string, states StateResolver) ([]rawtable.Meeting, []Update, []rawtable.Reject, error) {
	t, err := newTable(r, file, meetingColumns)
	if err != nil {
		return nil, nil, nil, err
	}
	var meetings []rawtable.Meeting
	var updates []Update
	var rejects []rawtable.Reject
	for {
		rw, err := t.next()
		if errors.Is(err, io.EOF) {
			return meetings, updates, rejects, nil
		}
		if err != nil {
			return nil, nil, nil, err
		}
		if rej := t.check(rw); rej != nil {
			rejects = append(rejects, *rej)
			continue
		}
		m, what, isUpdate, errs := parseMeeting(t, rw, states)
		switch {
		case len(errs) > 0:
			rejects = append(rejects, *t.reject(rw, errs...))
		case isUpdate:
			updates = append(updates, Update{Meeting: m, What: what})
		default:
			meetings = append(meetings, m)
		}
	}
}

func parseMeeting(t *table, rw row, states StateResolver) (m rawtable.Meeting, what string, isUpdate bool, errs []*fieldError) {
	m = rawtable.Meeting{
		Body:       t.get(rw, "body"),
		Code:       t.get(rw, "meeting_code"),
		Title:      t.get(rw, "title"),
		SourceURL:  t.get(rw, "source_url"),
		Confidence: t.get(rw, "confidence"),
		SourceFile: t.file,
		SourceLine: int32(rw.Line),
	}
	for _, s := range []string{m.Title, m.Confidence} {
		if sm := updateRE.FindStringSubmatch(s); sm != nil && !isUpdate {
			isUpdate, what = true, strings.TrimSpace(sm[1])
		}
	}
	m.Title = strings.TrimSpace(updateRE.ReplaceAllString(m.Title, ""))
	var titleMode string
	if sm := titleModeRE.FindStringSubmatch(m.Title); sm != nil {
		titleMode = modeOfNote(sm[1])
		m.Title = strings.TrimSpace(titleModeRE.ReplaceAllString(m.Title, ""))
	}

	instr := t.get(rw, "instrument")
	if _, ok := treaty.ID(instr); !ok {
		errs = append(errs, fieldErr("instrument", ErrUnknownInstrument, "%q", instr))
	}
	if m.SourceURL == "" && !isUpdate {
		errs = append(errs, errNoSource())
	}
	if m.Code == "" {
		errs = append(errs, fieldErr("meeting_code", ErrMissingValue, "meeting_code is empty"))
	}
	if m.Body == "" {
		errs = append(errs, fieldErr("body", ErrMissingValue, "body is empty"))
	}
	m.MeetingID = instr + "_" + m.Code
	m.InstrumentID = meetingInstrument(instr, m.Body)

	errs = append(errs, meetingDates(t, rw, &m)...)
	cityMode, venueMode, ferrs := meetingPlace(t, rw, &m, states)
	errs = append(errs, ferrs...)
	errs = append(errs, meetingMode(t, rw, &m, titleMode, cityMode, venueMode)...)
	errs = append(errs, agendaFlags(t, rw, &m)...)
	errs = append(errs, meetingStatusOf(t, rw, &m)...)
	return m, what, isUpdate, errs
}

// meetingDates sets m's dates, their precision and text, from start_date and end_date.
func meetingDates(t *table, rw row, m *rawtable.Meeting) []*fieldError {
	var errs []*fieldError
	start, ferr := partial(t, rw, "start_date")
	if ferr != nil {
		errs = append(errs, ferr)
	}
	end, ferr := partial(t, rw, "end_date")
	if ferr != nil {
		errs = append(errs, ferr)
	}
	setStart(m, start, t.get(rw, "start_date"))
	setEnd(m, end, t.get(rw, "end_date"))
	if start.Precision != civil.PrecisionMissing && end.Precision != civil.PrecisionMissing && end.Last < start.First {
		errs = append(errs, fieldErr("end_date", ErrDateOrder, "end %s before start %s", m.EndText, m.StartText))
	}
	return errs
}

// meetingPlace sets m's city, country, venue and president, and returns the modes
// the city's and the venue's notes state ("" for none).
func meetingPlace(t *table, rw row, m *rawtable.Meeting, states StateResolver) (cityMode, venueMode string, errs []*fieldError) {
	m.City, cityMode = parseCity(t.get(rw, "city"))
	m.Venue, venueMode = parseVenue(t.get(rw, "venue"))
	m.President = optional(t.get(rw, "president"))
	if c := t.get(rw, "country"); c != "" {
		id, ok := states.Resolve(c)
		if !ok {
			return cityMode, venueMode, []*fieldError{fieldErr("country", ErrUnknownState, "%q", c)}
		}
		m.CountryID = &id
	}
	return cityMode, venueMode, nil
}

// meetingMode sets m's mode from the optional mode column and the modes the title,
// city and venue state (in that order, "" for none); they must agree.
func meetingMode(t *table, rw row, m *rawtable.Meeting, title, city, venue string) []*fieldError {
	mode := strings.ToLower(t.get(rw, "mode"))
	switch mode {
	case "", rawtable.ModeInPerson, rawtable.ModeOnline, rawtable.ModeHybrid, rawtable.ModeWrittenProcedure:
	default:
		return []*fieldError{fieldErr("mode", ErrBadMode, "%q is not in_person, online, hybrid or written_procedure", mode)}
	}
	for _, s := range []struct{ field, mode string }{{"title", title}, {"city", city}, {"venue", venue}} {
		switch {
		case s.mode == "" || s.mode == mode:
		case mode == "":
			mode = s.mode
		default:
			return []*fieldError{fieldErr(s.field, ErrModeConflict, "%s says %s, the row says %s elsewhere", s.field, s.mode, mode)}
		}
	}
	m.Mode, m.ModeStated = mode, mode != ""
	if mode == "" {
		m.Mode = rawtable.ModeInPerson
	}
	m.Virtual = m.Mode == rawtable.ModeOnline
	return nil
}

// agendaFlags sets m's agenda flags.
func agendaFlags(t *table, rw row, m *rawtable.Meeting) []*fieldError {
	var errs []*fieldError
	for _, f := range []struct {
		col string
		dst **bool
	}{
		{"agenda_clearance", &m.AgendaClearance},
		{"agenda_victim_assistance", &m.AgendaVictimAssist},
		{"agenda_stockpile", &m.AgendaStockpile},
		{"agenda_cooperation", &m.AgendaCooperation},
		{"agenda_transparency", &m.AgendaTransparency},
	} {
		b, ferr := parseFlag(f.col, t.get(rw, f.col))
		if ferr != nil {
			errs = append(errs, ferr)
		}
		*f.dst = b
	}
	return errs
}

// meetingStatusOf sets m's status: the status column's when the file has one and
// the row fills it, else what the title and confidence say.
func meetingStatusOf(t *table, rw row, m *rawtable.Meeting) []*fieldError {
	m.Status = meetingStatus(m.Title, m.Confidence)
	if !t.tab.Has("status") {
		return nil
	}
	switch st := strings.ToLower(t.get(rw, "status")); st {
	case "":
	case rawtable.StatusHeld, rawtable.StatusPlanned, rawtable.StatusPostponed, rawtable.StatusCancelled:
		m.Status = st
	default:
		return []*fieldError{fieldErr("status", ErrBadStatus, "%q is not held, planned, postponed or cancelled", st)}
	}
	return nil
}

// meetingInstrument returns the instrument id of a meeting from its instrument column
// and body.
func meetingInstrument(instr, body string) string {
	if instr == "CCW" {
		switch {
		case strings.HasPrefix(body, "APII-"):
			return "CCW-APII"
		case strings.HasPrefix(body, "PV-"):
			return "CCW-PV"
		}
	}
	if id, ok := treaty.ID(instr); ok {
		return id
	}
	return instr
}

func partial(t *table, rw row, field string) (civil.Partial, *fieldError) {
	s := t.get(rw, field)
	p, err := civil.ParsePartial(s)
	if err != nil || (s != "" && len(s) != 4 && len(s) != 7 && len(s) != 10) {
		return civil.Partial{Precision: civil.PrecisionMissing}, fieldErr(field, ErrBadDate, "%q is not YYYY, YYYY-MM or YYYY-MM-DD", s)
	}
	return p, nil
}

func setStart(m *rawtable.Meeting, p civil.Partial, text string) {
	m.StartDate, m.StartPrecision, m.StartText = exact(p), string(p.Precision), text
}

func setEnd(m *rawtable.Meeting, p civil.Partial, text string) {
	m.EndDate, m.EndPrecision, m.EndText = exact(p), string(p.Precision), text
}

func exact(p civil.Partial) *civil.Day {
	if d, ok := p.Exact(); ok {
		return &d
	}
	return nil
}

// parseCity splits a city cell into the city and the mode its note states.
func parseCity(s string) (*string, string) {
	city, note := s, ""
	if sm := cityRE.FindStringSubmatch(s); sm != nil {
		city, note = sm[1], sm[2]
	}
	if strings.EqualFold(city, "virtual") || strings.EqualFold(city, "online") {
		return nil, rawtable.ModeOnline
	}
	return optional(city), modeOfNote(note)
}

// parseVenue returns the venue without a mode note, and the mode it states.
func parseVenue(s string) (*string, string) {
	if sm := venueModeRE.FindStringSubmatch(s); sm != nil {
		return optional(strings.TrimSpace(venueModeRE.ReplaceAllString(s, ""))), modeOfNote(sm[1] + sm[2])
	}
	return optional(s), modeOfNote(s)
}

// modeOfNote is the mode a note names, "" for none. "hybrid/virtual" is hybrid: the
// reading with an in-person part, which counts a journey.
func modeOfNote(note string) string {
	n := strings.ToLower(note)
	switch {
	case strings.Contains(n, "written procedure"):
		return rawtable.ModeWrittenProcedure
	case strings.Contains(n, "hybrid"):
		return rawtable.ModeHybrid
	case strings.Contains(n, "virtual"), strings.Contains(n, "online"), strings.Contains(n, "video conference"):
		return rawtable.ModeOnline
	}
	return ""
}

func parseFlag(field, s string) (*bool, *fieldError) {
	switch strings.ToLower(s) {
	case "true":
		b := true
		return &b, nil
	case "false":
		b := false
		return &b, nil
	case "unknown", "":
		return nil, nil
	}
	return nil, fieldErr(field, ErrBadFlag, "%q is not true, false or unknown", s)
}

func meetingStatus(title, confidence string) string {
	tc := strings.ToLower(title + " " + confidence)
	switch {
	case strings.Contains(tc, "cancelled") || strings.Contains(tc, "canceled"):
		return rawtable.StatusCancelled
	case strings.Contains(tc, "postponed"):
		return rawtable.StatusPostponed
	case strings.HasPrefix(strings.ToLower(confidence), "planned"):
		return rawtable.StatusPlanned
	}
	return rawtable.StatusHeld
}

func optional(s string) *string {
	if s == "" {
		return nil
	}
	return &s
}
