package plan

import (
	"slices"
	"strings"
	"time"

	"synergy/pipeline/civil"
)

// firstMonday is 1969-12-29, the Monday the SQL macro working_days_through counts from.
const firstMonday = civil.Day(-3)

// workingThrough is the number of working days (Monday to Friday) from firstMonday
// through d, as the SQL macro working_days_through computes it (negative before).
func workingThrough(d civil.Day) int {
	n := int(d - firstMonday)
	w := n / 7
	if n < 0 && n%7 != 0 {
		w-- // floor division
	}
	r := n - 7*w
	return 5*w + min(r+1, 5)
}

// workingDays is the number of working days from a through b inclusive, 0 when b < a
// (the SQL macro working_days).
func workingDays(a, b civil.Day) int {
	if b < a {
		return 0
	}
	return workingThrough(b) - workingThrough(a-1)
}

// isWorkingDay reports whether d is a Monday to Friday.
func isWorkingDay(d civil.Day) bool {
	wd := d.Weekday()
	return wd != time.Saturday && wd != time.Sunday
}

// EndFor returns the last day of the meeting when it starts on start: its draft end
// when start is its draft start, else the day its Length working days (Monday to
// Friday, counting start when start is one) end on.
func (m Meeting) EndFor(start civil.Day) civil.Day {
	if start == m.DraftStart {
		return m.DraftEnd
	}
	return endAfter(start, m.Length)
}

// endAfter is the day the length-th working day (Monday to Friday, counting start
// when start is one) from start falls on; a length under 1 counts as 1.
func endAfter(start civil.Day, length int) civil.Day {
	left := max(length, 1)
	d := start
	for {
		if isWorkingDay(d) {
			left--
			if left == 0 {
				return d
			}
		}
		d++
	}
}

// profile is an attendance profile: the states that attend the same Rec 8 meetings
// (indices into Problem.Meetings, in draft order).
type profile struct {
	states   []string // sorted
	meetings []int
}

// profiles groups the states of p's Rec 8 meetings by the set of them they are party
// to, in the order of their meeting sets, as int_attendance_profiles does.
func profiles(p *Problem) []profile {
	byState := map[string][]int{}
	for i, m := range p.Meetings {
		if !m.Rec8 {
			continue
		}
		for _, s := range m.Parties {
			byState[s] = append(byState[s], i)
		}
	}
	byKey := map[string]*profile{}
	var keys []string
	for s, ms := range byState {
		var b strings.Builder
		for _, i := range ms {
			b.WriteString(p.Meetings[i].ID)
			b.WriteByte(0)
		}
		k := b.String()
		pr, ok := byKey[k]
		if !ok {
			pr = &profile{meetings: ms}
			byKey[k] = pr
			keys = append(keys, k)
		}
		pr.states = append(pr.states, s)
	}
	slices.Sort(keys)
	out := make([]profile, 0, len(keys))
	for _, k := range keys {
		pr := byKey[k]
		slices.Sort(pr.states)
		out = append(out, *pr)
	}
	return out
}

// placed is one meeting as held under a calendar.
type placed struct {
	id         string
	city       string
	start, end civil.Day
}

// placement returns meeting i's start, end and city under start and city (the draft
// start and first city where they have no entry).
func placement(p *Problem, i int, start map[string]civil.Day, city map[string]string) placed {
	m := p.Meetings[i]
	s, ok := start[m.ID]
	if !ok {
		s = m.DraftStart
	}
	c, ok := city[m.ID]
	if !ok && len(m.Cities) > 0 {
		c = m.Cities[0]
	}
	return placed{id: m.ID, city: c, start: s, end: m.EndFor(s)}
}

// trip is one run of meetings a delegation travels to.
type trip struct {
	city  string
	start civil.Day
	ids   []string // its meetings, in order of start
}

// tripsOf groups the meetings of one profile into trips as int_profile_meetings_clustered
// does: remote meetings are no trip; per city, in order of start, end and id, a meeting
// opens a new trip when more than maxGap working days lie strictly between the latest
// end so far and its start; a meeting without a city is a trip of its own.
func tripsOf(p *Problem, meetings []int, start map[string]civil.Day, city map[string]string) []trip {
	var ms []placed
	for _, i := range meetings {
		if p.Meetings[i].Remote() {
			continue
		}
		ms = append(ms, placement(p, i, start, city))
	}
	slices.SortFunc(ms, func(a, b placed) int {
		if c := strings.Compare(a.city, b.city); c != 0 {
			return c
		}
		if a.start != b.start {
			return int(a.start - b.start)
		}
		if a.end != b.end {
			return int(a.end - b.end)
		}
		return strings.Compare(a.id, b.id)
	})
	var trips []trip
	var prevEnd civil.Day
	for j, m := range ms {
		if m.city == "" || j == 0 || ms[j-1].city != m.city || workingDays(prevEnd+1, m.start-1) > p.MaxGap {
			trips = append(trips, trip{city: m.city, start: m.start, ids: []string{m.id}})
			prevEnd = m.end
			continue
		}
		last := &trips[len(trips)-1]
		last.ids = append(last.ids, m.id)
		prevEnd = max(prevEnd, m.end)
	}
	return trips
}

// CountTrips counts the delegation trips of every state under a calendar (start and
// city give each meeting's start and city; a meeting without an entry keeps its draft
// start and first city), exactly as state_year_burden counts them: a state's Rec 8
// meetings are those whose Parties hold it; remote meetings are never a trip;
// meetings in one city form one trip while each starts at most MaxGap working days
// (strictly between, Monday to Friday) after the latest end so far in the trip
// (overlapping meetings join it); a meeting without a city is a trip of its own.
// Every meeting of the Problem counts, whatever year its start falls in. perState has
// an entry for every state with a Rec 8 meeting (0 when all of them are remote).
func CountTrips(p *Problem, start map[string]civil.Day, city map[string]string) (perState map[string]int, total int) {
	perState = map[string]int{}
	for _, pr := range profiles(p) {
		n := len(tripsOf(p, pr.meetings, start, city))
		for _, s := range pr.states {
			perState[s] = n
		}
		total += n * len(pr.states)
	}
	return perState, total
}

// LowerBound is state_year_burden's trips_lower_bound under a calendar: per state, the
// distinct (city, half-year of the trip's start) of its trips, plus one per meeting
// without a city (remote meetings excluded).
func LowerBound(p *Problem, start map[string]civil.Day, city map[string]string) (perState map[string]int, total int) {
	perState = map[string]int{}
	for _, pr := range profiles(p) {
		type half struct {
			city string
			h    int
		}
		seen := map[half]bool{}
		n := 0
		for _, t := range tripsOf(p, pr.meetings, start, city) {
			if t.city == "" {
				n++
				continue
			}
			h := half{t.city, 1}
			if t.start.Time().Month() > 6 {
				h.h = 2
			}
			if !seen[h] {
				seen[h] = true
				n++
			}
		}
		for _, s := range pr.states {
			perState[s] = n
		}
		total += n * len(pr.states)
	}
	return perState, total
}
