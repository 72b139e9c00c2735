package plan

import (
	"cmp"
	"context"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"time"

	"synergy/pipeline/civil"
)

// Query runs one SQL statement against the published snapshot and returns its
// rows (the command's reader; this package never links DuckDB).
type Query func(ctx context.Context, sql string) ([][]any, error)

// SnapshotFacts are [Facts] read from a published snapshot by [LoadFacts].
type SnapshotFacts struct {
	spells   map[string][]pcSpell // instrument → spells
	rec8     map[string]bool      // meeting_id → addresses clearance or victim assistance
	meetings map[string]bool      // meeting ids of the snapshot
	standing map[[2]string]bool   // (instrument, body) whose standing agenda has a Rec 8 theme
	states   map[string]bool
}

// pcSpell is a state's participation spell: party from From, until Until
// (exclusive; 0 for still in force), as int_participation_spells has it.
type pcSpell struct {
	state       string
	from, until civil.Day
}

// Queries LoadFacts runs: participation spells as int_participation_spells
// makes them (a notified withdrawal not yet in effect keeps the state a party),
// the meetings' Rec 8 themes as int_meeting_scopes_listed reads them, the
// standing agendas' and the states.
const (
	factsSpellsSQL = `select state_id, instrument_id, cast(entry_into_force_date as varchar),
	case when withdrawal_status = 'notified' then null else cast(withdrawal_effective_date as varchar) end
	from participation where entry_into_force_date is not null`
	factsThemesSQL = `select m.meeting_id, coalesce(bool_or(t.theme in ('clearance', 'victim_assistance')), false)
	from meetings m left join meeting_theme_vectors t on m.meeting_id = t.meeting_id group by m.meeting_id`
	factsStandingSQL = `select distinct instrument_id, body from standing_agendas
	where theme in ('clearance', 'victim_assistance')`
	factsStatesSQL = `select state_id from states`
)

// LoadFacts reads what drafts need from the snapshot through q.
func LoadFacts(ctx context.Context, q Query) (*SnapshotFacts, error) {
	f := &SnapshotFacts{spells: map[string][]pcSpell{}, rec8: map[string]bool{}, meetings: map[string]bool{},
		standing: map[[2]string]bool{}, states: map[string]bool{}}
	rows, err := pcRows(ctx, q, factsSpellsSQL, 4)
	if err != nil {
		return nil, err
	}
	for _, r := range rows {
		s := pcSpell{state: pcStr(r[0])}
		var e1, e2 error
		s.from, e1 = civil.ParseDay(pcStr(r[2]))
		if u := pcStr(r[3]); u != "" {
			s.until, e2 = civil.ParseDay(u)
		}
		if e1 != nil || e2 != nil {
			return nil, fmt.Errorf("participation of %s in %s: bad date %v", s.state, pcStr(r[1]), cmp.Or(e1, e2))
		}
		f.spells[pcStr(r[1])] = append(f.spells[pcStr(r[1])], s)
	}
	if rows, err = pcRows(ctx, q, factsThemesSQL, 2); err != nil {
		return nil, err
	}
	for _, r := range rows {
		f.meetings[pcStr(r[0])] = true
		f.rec8[pcStr(r[0])] = r[1] == true
	}
	if rows, err = pcRows(ctx, q, factsStandingSQL, 2); err != nil {
		return nil, err
	}
	for _, r := range rows {
		f.standing[[2]string{pcStr(r[0]), pcStr(r[1])}] = true
	}
	if rows, err = pcRows(ctx, q, factsStatesSQL, 1); err != nil {
		return nil, err
	}
	for _, r := range rows {
		f.states[pcStr(r[0])] = true
	}
	return f, nil
}

// Parties returns the states for which instrument was in force on day, sorted.
func (f *SnapshotFacts) Parties(instrument string, day civil.Day) []string {
	var out []string
	for _, s := range f.spells[instrument] {
		if s.from <= day && (s.until == 0 || day < s.until) {
			out = append(out, s.state)
		}
	}
	slices.Sort(out)
	return slices.Compact(out)
}

// Rec8 reports whether the meeting addresses clearance or victim assistance: by
// its own themes when the snapshot has it, else by its body's standing agenda.
func (f *SnapshotFacts) Rec8(meetingID, instrument, body string) bool {
	if f.meetings[meetingID] {
		return f.rec8[meetingID]
	}
	return f.standing[[2]string{instrument, body}]
}

// KnownState reports whether id is a state of the snapshot.
func (f *SnapshotFacts) KnownState(id string) bool { return f.states[id] }

// SnapshotOptions says which draft [FromSnapshot] makes.
type SnapshotOptions struct {
	Year       int
	WindowDays int       // either side of each meeting's start; negative: DefaultWindowDays
	AsOf       civil.Day // the snapshot's as-of day: a year before its year is complete
}

// pcHeld is a meeting of the snapshot dated to the day.
type pcHeld struct {
	id, instrument, body, title, city, mode string
	start, end                              civil.Day
}

// heldSQL reads the meetings the calendar views place (int_meetings_dated's
// is_pairable: both dates known to the day, not cancelled or postponed).
const heldSQL = `select meeting_id, instrument_id, body, coalesce(title, ''), coalesce(city, ''), coalesce(mode, 'in_person'),
	cast(start_date as varchar), cast(end_date as varchar) from meetings
	where start_precision = 'day' and end_precision = 'day' and start_date is not null and end_date is not null
	and coalesce(status, '') not in ('cancelled', 'postponed')
	order by start_date, end_date, meeting_id`

// FromSnapshot makes the draft of a year from the snapshot. For a year before
// the as-of day's (complete data) it is the meetings as held, a backtest. For
// the as-of year and later it is the year's meetings already dated to the day,
// plus, for every body with none yet, the meetings its recurring pattern
// projects ([Meeting.Projected], with the pattern in [Meeting.Pattern]). Each
// meeting may start on any working day within WindowDays calendar days of its
// draft start, in the year; none is fixed. Meetings that overlap in the draft in
// the same city (or with one held remotely) and share parties may keep doing so
// (Problem.Parallel): that is how they were held.
func FromSnapshot(ctx context.Context, q Query, f Facts, opt SnapshotOptions) (*Problem, error) {
	if opt.WindowDays < 0 {
		opt.WindowDays = DefaultWindowDays
	}
	rows, err := pcRows(ctx, q, heldSQL, 8)
	if err != nil {
		return nil, err
	}
	var held []pcHeld
	for _, r := range rows {
		h := pcHeld{id: pcStr(r[0]), instrument: pcStr(r[1]), body: pcStr(r[2]), title: pcStr(r[3]), city: pcStr(r[4]), mode: pcStr(r[5])}
		var e1, e2 error
		h.start, e1 = civil.ParseDay(pcStr(r[6]))
		h.end, e2 = civil.ParseDay(pcStr(r[7]))
		if e1 != nil || e2 != nil {
			return nil, fmt.Errorf("meeting %s: bad date %v", h.id, cmp.Or(e1, e2))
		}
		held = append(held, h)
	}
	p := &Problem{Year: opt.Year, MaxGap: 2}
	has := make(map[[2]string]bool)
	for _, h := range held {
		if h.start.Year() != opt.Year {
			continue
		}
		has[[2]string{h.instrument, h.body}] = true
		// A meeting held only on a weekend has no working day to move to: it stays
		// where it was (fixed), and still counts, as state_year_burden counts it.
		length := workingDays(h.start, h.end)
		m := Meeting{ID: h.id, Instrument: h.instrument, Body: h.body, Title: h.title, Cities: []string{h.city},
			Length: max(length, 1), DraftStart: h.start, DraftEnd: h.end, Mode: h.mode, Fixed: length == 0,
			Parties: f.Parties(h.instrument, h.start), Rec8: f.Rec8(h.id, h.instrument, h.body)}
		p.Meetings = append(p.Meetings, m)
	}
	if opt.AsOf == 0 || opt.Year >= opt.AsOf.Year() {
		for _, m := range pcProject(held, opt.Year, f) {
			if !has[[2]string{m.Instrument, m.Body}] {
				p.Meetings = append(p.Meetings, m)
			}
		}
	}
	slices.SortStableFunc(p.Meetings, func(a, b Meeting) int {
		return cmp.Or(cmp.Compare(a.DraftStart, b.DraftStart), cmp.Compare(a.DraftEnd, b.DraftEnd), cmp.Compare(a.ID, b.ID))
	})
	for i := range p.Meetings {
		m := &p.Meetings[i]
		m.Earliest, m.Latest = pcClipWindow(m.DraftStart.AddDays(-opt.WindowDays), m.DraftStart.AddDays(opt.WindowDays), opt.Year)
	}
	p.Parallel = pcHeldParallel(p.Meetings)
	if len(p.Meetings) == 0 {
		return nil, fmt.Errorf("no meetings dated to the day in %d, and no body's pattern projects one", opt.Year)
	}
	return p, nil
}

// pcHeldParallel lists the pairs of meetings that overlap in the draft, share a
// party and sit in the same city (or one is remote).
func pcHeldParallel(ms []Meeting) [][2]string {
	var out [][2]string
	for i, a := range ms {
		for _, b := range ms[i+1:] {
			if a.DraftStart > b.DraftEnd || b.DraftStart > a.DraftEnd || !pcShare(a.Parties, b.Parties) {
				continue
			}
			if a.Remote() || b.Remote() || a.Cities[0] != "" && a.Cities[0] == b.Cities[0] {
				out = append(out, [2]string{a.ID, b.ID})
			}
		}
	}
	return out
}

// pcShare reports whether two sorted lists share an entry.
func pcShare(a, b []string) bool {
	for i, j := 0, 0; i < len(a) && j < len(b); {
		switch {
		case a[i] == b[j]:
			return true
		case a[i] < b[j]:
			i++
		default:
			j++
		}
	}
	return false
}

// pcProject projects, for every body that has met in at least two years before
// year, the meetings of year from its last three cycles (the last three years it
// met in): the cycle is the commonest gap between those years (the shorter on a
// tie), and the body meets in year when year is a whole number of cycles after
// its last meeting and at most two years later than one cycle. It meets as
// many times as in its latest year; each occurrence in the usual month, week of
// the month (days 1-7, 8-14 …) and weekday, with the usual length in working
// days, city and mode (the commonest among the three; on a tie the latest's).
func pcProject(held []pcHeld, year int, f Facts) []Meeting {
	type key = [2]string
	years := make(map[key]map[int][]pcHeld)
	var order []key
	for _, h := range held {
		if h.start.Year() >= year {
			continue
		}
		k := key{h.instrument, h.body}
		if years[k] == nil {
			years[k] = make(map[int][]pcHeld)
			order = append(order, k)
		}
		years[k][h.start.Year()] = append(years[k][h.start.Year()], h)
	}
	var out []Meeting
	for _, k := range order {
		ys := slices.Sorted(func(yield func(int) bool) {
			for y := range years[k] {
				if !yield(y) {
					return
				}
			}
		})
		if len(ys) < 2 {
			continue
		}
		last3 := ys[max(0, len(ys)-3):]
		var gaps []int
		for i := 1; i < len(last3); i++ {
			gaps = append(gaps, last3[i]-last3[i-1])
		}
		cycle := pcCommonest(gaps, func(a, b int) bool { return a < b })
		last := last3[len(last3)-1]
		if d := year - last; d <= 0 || d%cycle != 0 || d > cycle+2 {
			continue
		}
		n := len(years[k][last])
		for occ := range n {
			var src []pcHeld // latest first
			for i := len(last3) - 1; i >= 0; i-- {
				if ms := years[k][last3[i]]; occ < len(ms) {
					src = append(src, ms[occ])
				}
			}
			pick := func(get func(pcHeld) string) string {
				vals := make([]string, len(src))
				for i, h := range src {
					vals[i] = get(h)
				}
				return pcCommonest(vals, nil)
			}
			month, _ := strconv.Atoi(pick(func(h pcHeld) string { return strconv.Itoa(int(h.start.Time().Month())) }))
			week, _ := strconv.Atoi(pick(func(h pcHeld) string { return strconv.Itoa((h.start.Time().Day() - 1) / 7) }))
			wd, _ := strconv.Atoi(pick(func(h pcHeld) string { return strconv.Itoa(int(h.start.Weekday())) }))
			length, _ := strconv.Atoi(pick(func(h pcHeld) string { return strconv.Itoa(workingDays(h.start, h.end)) }))
			city := pick(func(h pcHeld) string { return h.city })
			mode := pick(func(h pcHeld) string { return h.mode })
			start := pcNthWeekday(year, time.Month(month), week, time.Weekday(wd))
			var from []string
			for _, h := range src {
				from = append(from, h.id+" ("+h.start.String()+")")
			}
			place := city
			if place == "" {
				place = "no city known"
			}
			id := fmt.Sprintf("%s-%s-%d-projected", k[0], strings.ReplaceAll(k[1], " ", "_"), year)
			if n > 1 {
				id += "-" + strconv.Itoa(occ+1)
			}
			out = append(out, Meeting{
				ID: id, Instrument: k[0], Body: k[1], Cities: []string{city},
				Title:  fmt.Sprintf("%s %s %d (projected)", k[0], k[1], year),
				Length: length, DraftStart: start, DraftEnd: endAfter(start, length), Mode: mode,
				Parties: f.Parties(k[0], start), Rec8: f.Rec8(src[0].id, src[0].instrument, src[0].body),
				Projected: true,
				Pattern: fmt.Sprintf("every %d year(s); usually %s, week %d of the month, on a %s, %d working days, %s; from %s",
					cycle, time.Month(month), week+1, time.Weekday(wd), length, place, strings.Join(from, ", ")),
			})
		}
	}
	return out
}

// pcCommonest returns the commonest of vals; on a tie the first of them (less
// reports which of two is preferred when not nil).
func pcCommonest[T comparable](vals []T, less func(a, b T) bool) T {
	count := make(map[T]int)
	for _, v := range vals {
		count[v]++
	}
	best := vals[0]
	for _, v := range vals {
		if c, b := count[v], count[best]; c > b || c == b && less != nil && less(v, best) {
			best = v
		}
	}
	return best
}

// pcNthWeekday is the first wd on or after day 7*week+1 of the month, or the
// month's last wd when that runs past the month.
func pcNthWeekday(year int, month time.Month, week int, wd time.Weekday) civil.Day {
	d := civil.Date(year, month, 7*week+1)
	for d.Weekday() != wd {
		d++
	}
	for d.Time().Month() != month {
		d -= 7
	}
	if !isWorkingDay(d) { // a weekend weekday: the next Monday
		for !isWorkingDay(d) {
			d++
		}
	}
	return d
}

// pcRows runs sql and checks that every row has cols columns.
func pcRows(ctx context.Context, q Query, sql string, cols int) ([][]any, error) {
	rows, err := q(ctx, sql)
	if err != nil {
		return nil, fmt.Errorf("read the snapshot: %w", err)
	}
	for _, r := range rows {
		if len(r) != cols {
			return nil, fmt.Errorf("read the snapshot: %d columns, want %d", len(r), cols)
		}
	}
	return rows, nil
}

// pcStr is a text value of a row, "" for NULL.
func pcStr(v any) string {
	s, _ := v.(string)
	return s
}
