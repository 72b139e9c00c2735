package cli

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"time"

	"synergy/pipeline/civil"
	"synergy/pipeline/ics"
)

// flagThemes maps meetings_enriched's agenda flags to theme ids, as
// int_meeting_themes_combined does.
var flagThemes = []struct{ column, theme string }{
	{"agenda_clearance", "clearance"},
	{"agenda_victim_assistance", "victim_assistance"},
	{"agenda_stockpile", "stockpile_destruction"},
	{"agenda_cooperation", "cooperation_assistance"},
	{"agenda_transparency", "transparency"},
}

// themeTables are published tables of (meeting_id, theme, in_vector) rows the
// calendar prefers to the flags, first found first. Only themes in the meetings' theme
// vectors are listed: procedural and implementation-support items are on nearly every
// agenda and would say nothing in a calendar.
var themeTables = []string{"meeting_theme_vectors"}

func calendarCmd(e env, args []string) int {
	fs := newFlags(e, "calendar", "", "Writes an iCalendar (RFC 5545) file of every meeting in the current snapshot under --out\n"+
		"whose dates are known to the day: all-day events with the instrument, body, place, themes\n"+
		"and the meeting's relations to other instruments' meetings (meeting_pairs). UIDs are\n"+
		"<meeting_id>@synergy and DTSTAMP is the snapshot's creation time, so the same snapshot\n"+
		"always gives the same file. Meetings left out (dates not known to the day) are listed on\n"+
		"standard error with the reason.\n\n"+
		"The calendar goes to standard output unless --file is given: published snapshots are\n"+
		"never modified, so it is not written into one.")
	out := outFlag(fs)
	file := fs.String("file", "", "write the calendar to this file (replaced whole) instead of standard output")
	from := fs.Int("from", 0, "first year to include, by start date (0: no limit)")
	to := fs.Int("to", 0, "last year to include, by start date (0: no limit)")
	if code, ok := parse(fs, args); !ok {
		return code
	}
	if fs.NArg() > 0 {
		fmt.Fprintf(e.stderr, "synergy calendar: unexpected arguments %q\n", fs.Args())
		return ExitUsage
	}
	if *from < 0 || *to < 0 || *to != 0 && *from > *to {
		fmt.Fprintf(e.stderr, "synergy calendar: --from %d --to %d is not a range of years\n", *from, *to)
		return ExitUsage
	}
	snap, err := openSnapshot(e, *out)
	if err != nil {
		fmt.Fprintln(e.stderr, "synergy calendar:", err)
		return ExitFailure
	}
	defer snap.Close()
	if *file != "" && *file != "-" {
		if err := outsideSnapshots(*file, snap.Dir); err != nil {
			fmt.Fprintln(e.stderr, "synergy calendar: --file:", err)
			return ExitUsage
		}
	}

	cal, left, err := buildCalendar(e, snap, yearRange{*from, *to})
	if err != nil {
		fmt.Fprintln(e.stderr, "synergy calendar:", err)
		return ExitFailure
	}
	var buf bytes.Buffer
	if err := ics.NewEncoder(&buf).Encode(cal); err != nil {
		fmt.Fprintln(e.stderr, "synergy calendar:", err)
		return ExitFailure
	}
	dest := "standard output"
	if *file == "" || *file == "-" {
		_, err = e.stdout.Write(buf.Bytes())
	} else {
		dest, err = *file, writeFileAtomic(*file, buf.Bytes())
	}
	if err != nil {
		fmt.Fprintln(e.stderr, "synergy calendar:", err)
		return ExitFailure
	}
	reportCalendar(e.stderr, len(cal.Events), dest, snap.Manifest.Snapshot, left)
	return ExitOK
}

// yearRange selects meetings by the year of their start; 0 leaves a side open.
type yearRange struct{ from, to int }

func (r yearRange) has(year int) bool {
	return (r.from == 0 || year >= r.from) && (r.to == 0 || year <= r.to)
}

// leftOut is a meeting the calendar could not place, with the reason.
type leftOut struct {
	meetingID, title, reason string
}

func reportCalendar(w io.Writer, events int, dest, snapshot string, left []leftOut) {
	var b strings.Builder
	fmt.Fprintf(&b, "synergy calendar: %d events from snapshot %s written to %s\n", events, snapshot, dest)
	if len(left) > 0 {
		fmt.Fprintf(&b, "%d meetings left out, their dates not known to the day:\n", len(left))
		for _, l := range left {
			fmt.Fprintf(&b, "  %-20s %s (%s)\n", l.meetingID, l.reason, l.title)
		}
	}
	io.WriteString(w, b.String())
}

// calMeeting is one row of the meetings query.
type calMeeting struct {
	id, instrument, instrumentName, body, code, title string
	start, end                                        string // YYYY-MM-DD or ""
	startPrecision, endPrecision, startText, endText  string
	city, country, venue, status, sources             string
	virtual                                           bool
	themes                                            []string
}

// meetingsQuery reads every meeting with its country's name; the flags follow.
const meetingsQuery = `select
    m.meeting_id, m.instrument_id, m.instrument_short_name, m.body, m.code, m.title,
    m.start_date, m.end_date, m.start_precision, m.end_precision, m.start_text, m.end_text,
    m.city, s.name as country, m.venue, m.status, m.source_url, m.is_virtual`

// pairsQuery reads the pairs a calendar event describes; 'separate' pairs are not
// worth a line.
const pairsQuery = `select meeting_id_a, meeting_id_b, relation, dates_overlap, gap_working_days
from meeting_pairs
where relation in ('clash', 'concurrent', 'back_to_back', 'same_city_window')
order by meeting_id_a, meeting_id_b`

// buildCalendar reads the snapshot's meetings, themes and pairs and makes the
// calendar's events, in start order; left lists the meetings not placed.
func buildCalendar(e env, snap *snapshotDB, years yearRange) (ics.Calendar, []leftOut, error) {
	stamp, err := time.Parse(time.RFC3339, snap.Manifest.CreatedAt)
	if err != nil {
		return ics.Calendar{}, nil, fmt.Errorf("snapshot manifest created_at: %w", err)
	}
	cal := ics.Calendar{
		ProdID: "-//synergy//calendar " + Version() + "//EN",
		Name:   "synergy: conventional-weapons treaty meetings",
		Stamp:  stamp,
	}
	meetings, themeSource, err := readMeetings(e, snap)
	if err != nil {
		return cal, nil, err
	}
	byID := make(map[string]*calMeeting, len(meetings))
	for i := range meetings {
		byID[meetings[i].id] = &meetings[i]
	}
	related, err := readRelations(e, snap, byID)
	if err != nil {
		return cal, nil, err
	}
	var left []leftOut
	for i := range meetings {
		m := &meetings[i]
		first, last, reason := m.days()
		if reason != "" {
			if y, known := m.startYear(); !known || years.has(y) {
				left = append(left, leftOut{m.id, m.title, reason})
			}
			continue
		}
		if !years.has(first.Year()) {
			continue
		}
		cal.Events = append(cal.Events, m.event(first, last, themeSource, related[m.id], snap.Manifest.Snapshot))
	}
	sort.Slice(left, func(i, j int) bool { return left[i].meetingID < left[j].meetingID })
	return cal, left, nil
}

// readMeetings reads meetings_enriched in start order with each meeting's themes,
// and says where the themes came from.
func readMeetings(e env, snap *snapshotDB) ([]calMeeting, string, error) {
	q := meetingsQuery
	for _, f := range flagThemes {
		q += ", m." + f.column
	}
	q += "\nfrom meetings_enriched as m\nleft join states as s on m.country_id = s.state_id\norder by m.start_date nulls last, m.meeting_id"
	res, err := snap.db.Query(e.ctx, q)
	if err != nil {
		return nil, "", fmt.Errorf("read meetings: %w", err)
	}
	str := func(v any) string { s, _ := v.(string); return cleanText(s) }
	meetings := make([]calMeeting, len(res.Rows))
	for i, r := range res.Rows {
		m := calMeeting{
			id: str(r[0]), instrument: str(r[1]), instrumentName: str(r[2]), body: str(r[3]),
			code: str(r[4]), title: str(r[5]), start: str(r[6]), end: str(r[7]),
			startPrecision: str(r[8]), endPrecision: str(r[9]), startText: str(r[10]), endText: str(r[11]),
			city: str(r[12]), country: str(r[13]), venue: str(r[14]), status: str(r[15]), sources: str(r[16]),
		}
		m.virtual, _ = r[17].(bool)
		for j, f := range flagThemes {
			if set, _ := r[18+j].(bool); set {
				m.themes = append(m.themes, f.theme)
			}
		}
		meetings[i] = m
	}
	source := "the meeting's agenda flags"
	for _, name := range themeTables {
		if !snap.publishes(name) {
			continue
		}
		res, err := snap.db.Query(e.ctx, "select meeting_id, theme from "+name+" where in_vector order by meeting_id, theme")
		if err != nil {
			return nil, "", fmt.Errorf("read themes: %w", err)
		}
		themes := make(map[string][]string)
		for _, r := range res.Rows {
			id, _ := r[0].(string)
			theme, _ := r[1].(string)
			themes[id] = append(themes[id], cleanText(theme))
		}
		for i := range meetings {
			meetings[i].themes = themes[meetings[i].id]
		}
		source = name
		break
	}
	return meetings, source, nil
}

// publishes reports whether the snapshot's manifest lists table name.
// readRelations gives, for each meeting, one description line per related meeting
// of another instrument, ordered by the other meeting's start.
func readRelations(e env, snap *snapshotDB, byID map[string]*calMeeting) (map[string][]string, error) {
	res, err := snap.db.Query(e.ctx, pairsQuery)
	if err != nil {
		return nil, fmt.Errorf("read meeting_pairs: %w", err)
	}
	type rel struct {
		other *calMeeting
		line  string
	}
	rels := make(map[string][]rel)
	for _, r := range res.Rows {
		a, _ := r[0].(string)
		b, _ := r[1].(string)
		relation, _ := r[2].(string)
		overlap, _ := r[3].(bool)
		gap, _ := r[4].(int64)
		ma, mb := byID[a], byID[b]
		if ma == nil || mb == nil {
			return nil, fmt.Errorf("meeting_pairs: %s or %s is not in meetings_enriched", a, b)
		}
		detail := "dates overlap"
		if !overlap {
			detail = fmt.Sprintf("%d working days between", gap)
			if gap == 1 {
				detail = "1 working day between"
			}
		}
		rels[a] = append(rels[a], rel{mb, mb.relationLine(relation, detail)})
		rels[b] = append(rels[b], rel{ma, ma.relationLine(relation, detail)})
	}
	out := make(map[string][]string, len(rels))
	for id, rs := range rels {
		sort.Slice(rs, func(i, j int) bool {
			if rs[i].other.start != rs[j].other.start {
				return rs[i].other.start < rs[j].other.start
			}
			return rs[i].other.id < rs[j].other.id
		})
		for _, r := range rs {
			out[id] = append(out[id], r.line)
		}
	}
	return out, nil
}

// relationLine describes m as the other meeting of a pair.
func (m *calMeeting) relationLine(relation, detail string) string {
	place := ""
	if m.city != "" {
		place = ", " + m.city
	}
	return fmt.Sprintf("- %s with %s (%s): %s, %s to %s%s; %s", relation, m.id, m.instrument, m.title, m.start, m.end, place, detail)
}

// days returns the meeting's first and last day, or why they are not known to the
// day (worded as meetings_unpaired's reasons).
func (m *calMeeting) days() (first, last civil.Day, reason string) {
	for _, side := range []struct{ name, date, precision string }{
		{"start", m.start, m.startPrecision}, {"end", m.end, m.endPrecision},
	} {
		switch {
		case side.precision == "month" || side.precision == "year":
			return 0, 0, side.name + " known only to the " + side.precision
		case side.precision != "day" || side.date == "":
			return 0, 0, side.name + " date missing"
		}
	}
	first, err := civil.ParseDay(m.start)
	if err != nil {
		return 0, 0, "start date unreadable: " + err.Error()
	}
	if last, err = civil.ParseDay(m.end); err != nil {
		return 0, 0, "end date unreadable: " + err.Error()
	}
	if last < first {
		return 0, 0, "end before start"
	}
	return first, last, ""
}

// startYear is the year the meeting starts in, when the source gives at least that.
func (m *calMeeting) startYear() (int, bool) {
	if d, err := civil.ParseDay(m.start); err == nil {
		return d.Year(), true
	}
	if p, err := civil.ParsePartial(m.startText); err == nil && p.Precision != civil.PrecisionMissing {
		return p.First.Year(), true
	}
	return 0, false
}

// event makes the meeting's all-day event.
func (m *calMeeting) event(first, last civil.Day, themeSource string, related []string, snapshot string) ics.Event {
	ev := ics.Event{
		UID:      m.id + "@synergy",
		Summary:  m.instrument + ": " + m.title,
		Location: m.location(),
		AllDay:   true,
		Start:    first.Time(),
		End:      (last + 1).Time(), // DTEND is exclusive
		Props: map[string]string{
			"X-SYNERGY-MEETING-ID": m.id,
			"X-SYNERGY-INSTRUMENT": m.instrument,
			"X-SYNERGY-BODY":       m.body,
			"X-SYNERGY-CODE":       m.code,
		},
	}
	ev.Categories = append([]string{m.instrument, m.body}, m.themes...)
	switch m.status {
	case "held":
		ev.Status = "CONFIRMED"
	case "planned":
		ev.Status = "TENTATIVE"
	case "cancelled", "postponed": // not held on these dates
		ev.Status = "CANCELLED"
	}
	sources := strings.Split(m.sources, " ; ")
	ev.URL = strings.TrimSpace(sources[0])

	var d strings.Builder
	fmt.Fprintf(&d, "%s\n\nMeeting %s of the %s (%s), body %s.\n", m.title, m.id, m.instrumentName, m.instrument, m.body)
	if place := strings.Join(nonEmpty(m.venue, m.city, m.country), ", "); place != "" || m.virtual {
		if m.virtual {
			place = strings.TrimPrefix(place+", online", ", ")
		}
		fmt.Fprintf(&d, "Place: %s\n", place)
	}
	fmt.Fprintf(&d, "Dates: %s to %s. Status: %s.\n", first, last, m.status)
	if len(m.themes) > 0 {
		fmt.Fprintf(&d, "Themes (from %s): %s\n", themeSource, strings.Join(m.themes, ", "))
	} else {
		fmt.Fprintf(&d, "Themes: none known (from %s)\n", themeSource)
	}
	if len(related) > 0 {
		d.WriteString("\nRelated meetings of other instruments (meeting_pairs):\n")
		for _, r := range related {
			d.WriteString(r + "\n")
		}
	}
	if s := strings.Join(nonEmpty(sources...), "\n"); s != "" {
		fmt.Fprintf(&d, "\nSources:\n%s\n", s)
	}
	fmt.Fprintf(&d, "\nsynergy snapshot %s", snapshot)
	ev.Description = d.String()
	return ev
}

// location is "city, country", the city first as the ics package's meetings
// convention reads it, with "online" added for a meeting held (partly) online.
func (m *calMeeting) location() string {
	parts := []string{}
	if m.city != "" {
		parts = nonEmpty(m.city, m.country)
	}
	if m.virtual {
		parts = append(parts, "online")
	}
	return strings.Join(parts, ", ")
}

func nonEmpty(values ...string) []string {
	var out []string
	for _, v := range values {
		if v = strings.TrimSpace(v); v != "" {
			out = append(out, v)
		}
	}
	return out
}

// cleanText makes a value from the snapshot safe for iCalendar TEXT: line breaks
// become "\n", other control characters spaces, invalid UTF-8 the replacement
// character.
func cleanText(s string) string {
	s = strings.ToValidUTF8(s, "\uFFFD")
	s = strings.NewReplacer("\r\n", "\n", "\r", "\n").Replace(s)
	return strings.Map(func(r rune) rune {
		if r < 0x20 && r != '\n' && r != '\t' || r == 0x7f {
			return ' '
		}
		return r
	}, s)
}

// outsideSnapshots refuses a path inside the snapshots folder that holds snap:
// published snapshots are immutable.
func outsideSnapshots(path, snap string) error {
	abs, err := filepath.Abs(path)
	if err != nil {
		return err
	}
	dir, err := filepath.EvalSymlinks(filepath.Dir(abs))
	if err != nil {
		return err
	}
	root, err := filepath.EvalSymlinks(filepath.Dir(snap))
	if err != nil {
		return err
	}
	if rel, err := filepath.Rel(root, dir); err == nil && rel != ".." && !strings.HasPrefix(rel, ".."+string(filepath.Separator)) {
		return fmt.Errorf("%s is inside %s: published snapshots are never modified", path, root)
	}
	return nil
}

// writeFileAtomic replaces path with data through a temporary file in the same
// folder, so a reader never sees half a calendar.
func writeFileAtomic(path string, data []byte) error {
	f, err := os.CreateTemp(filepath.Dir(path), "."+filepath.Base(path)+".tmp-")
	if err != nil {
		return err
	}
	_, werr := f.Write(data)
	cerr := f.Close()
	if err := errors.Join(werr, cerr); err != nil {
		os.Remove(f.Name())
		return err
	}
	if err := os.Chmod(f.Name(), 0o644); err != nil {
		os.Remove(f.Name())
		return err
	}
	if err := os.Rename(f.Name(), path); err != nil {
		os.Remove(f.Name())
		return err
	}
	return nil
}
