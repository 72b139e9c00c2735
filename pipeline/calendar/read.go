package calendar

import (
	"context"
	"fmt"
	"sort"
)

// themeSource is the published mart the themes come from, named in every
// description. Only themes in the meetings' theme vectors are listed:
// procedural and implementation-support items are on nearly every agenda and
// would say nothing in a calendar.
const themeSource = "meeting_theme_vectors"

// meetingsQuery reads every meeting with its country's name, in start order.
const meetingsQuery = `select
    m.meeting_id, m.instrument_id, m.instrument_short_name, m.body, m.code, m.title,
    m.start_date, m.end_date, m.start_precision, m.end_precision, m.start_text, m.end_text,
    m.city, s.name as country, m.venue, m.status, m.source_url, m.mode
from meetings_enriched as m
left join states as s on m.country_id = s.state_id
order by m.start_date nulls last, m.meeting_id`

// themesQuery reads each meeting's theme-vector themes.
const themesQuery = `select meeting_id, theme from ` + themeSource + ` where in_vector order by meeting_id, theme`

// pairsQuery reads the pairs a calendar event describes; 'separate' pairs are not
// worth a line.
const pairsQuery = `select meeting_id_a, meeting_id_b, relation, dates_overlap, gap_working_days
from meeting_pairs
where relation in ('clash', 'concurrent', 'back_to_back', 'same_city_window')
order by meeting_id_a, meeting_id_b`

// meeting is one meeting as the calendar shows it, its text cleaned for
// iCalendar.
type meeting struct {
	id, instrument, instrumentName, body, code, title string
	start, end                                        string // YYYY-MM-DD or ""
	startPrecision, endPrecision, startText, endText  string
	city, country, venue, status, sources             string
	mode                                              string // in_person, online, hybrid, written_procedure
	themes                                            []string
}

// str is a text value of a row, "" for NULL or another type, cleaned for iCalendar.
func str(v any) string {
	s, _ := v.(string)
	return cleanText(s)
}

// readMeetings reads meetings_enriched in start order with each meeting's themes.
func readMeetings(ctx context.Context, query Query) ([]meeting, error) {
	rows, err := query(ctx, meetingsQuery)
	if err != nil {
		return nil, fmt.Errorf("read meetings: %w", err)
	}
	themes, err := readThemes(ctx, query)
	if err != nil {
		return nil, err
	}
	meetings := make([]meeting, len(rows))
	for i, r := range rows {
		if len(r) != 18 {
			return nil, fmt.Errorf("read meetings: %d columns, want 18", len(r))
		}
		m := meeting{
			id: str(r[0]), instrument: str(r[1]), instrumentName: str(r[2]), body: str(r[3]),
			code: str(r[4]), title: str(r[5]), start: str(r[6]), end: str(r[7]),
			startPrecision: str(r[8]), endPrecision: str(r[9]), startText: str(r[10]), endText: str(r[11]),
			city: str(r[12]), country: str(r[13]), venue: str(r[14]), status: str(r[15]), sources: str(r[16]),
		}
		m.mode = str(r[17])
		m.themes = themes[m.id]
		meetings[i] = m
	}
	return meetings, nil
}

// readThemes gives the theme-vector themes of each meeting, by meeting id, the
// themes in id order.
func readThemes(ctx context.Context, query Query) (map[string][]string, error) {
	rows, err := query(ctx, themesQuery)
	if err != nil {
		return nil, fmt.Errorf("read %s: %w", themeSource, err)
	}
	themes := make(map[string][]string)
	for _, r := range rows {
		if len(r) != 2 {
			return nil, fmt.Errorf("read %s: %d columns, want 2", themeSource, len(r))
		}
		id, _ := r[0].(string)
		themes[id] = append(themes[id], str(r[1]))
	}
	return themes, nil
}

// readRelations gives, for each meeting, one description line per related meeting
// of another instrument, ordered by the other meeting's start.
func readRelations(ctx context.Context, query Query, meetings []meeting) (map[string][]string, error) {
	rows, err := query(ctx, pairsQuery)
	if err != nil {
		return nil, fmt.Errorf("read meeting_pairs: %w", err)
	}
	byID := make(map[string]*meeting, len(meetings))
	for i := range meetings {
		byID[meetings[i].id] = &meetings[i]
	}
	type rel struct {
		other *meeting
		line  string
	}
	rels := make(map[string][]rel)
	for _, r := range rows {
		if len(r) != 5 {
			return nil, fmt.Errorf("read meeting_pairs: %d columns, want 5", len(r))
		}
		a, _ := r[0].(string)
		b, _ := r[1].(string)
		relation, _ := r[2].(string)
		overlap, _ := r[3].(bool)
		gap, _ := r[4].(int64)
		ma, mb := byID[a], byID[b]
		if ma == nil || mb == nil {
			return nil, fmt.Errorf("meeting_pairs: %s or %s: %w", a, b, ErrUnknownMeeting)
		}
		detail := pairDetail(overlap, gap)
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

// pairDetail says how close a pair's dates are.
func pairDetail(overlap bool, gapWorkingDays int64) string {
	switch {
	case overlap:
		return "dates overlap"
	case gapWorkingDays == 1:
		return "1 working day between"
	default:
		return fmt.Sprintf("%d working days between", gapWorkingDays)
	}
}
