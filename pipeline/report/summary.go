package report

import (
	"fmt"
	"time"
)

// The summary's limits: how far ahead it looks, how far apart two meetings in one
// city may be and still be called a missed back-to-back opportunity, and how many
// items each list shows on the one page before pointing to the detail.
const (
	upcomingMonths = 12
	upcomingGapMax = 20 // working days: four weeks
	summaryItems   = 3
)

// summaryFacts is the model of the one-page summary: the period's quantities, what
// they rest on, and what the calendar holds for the twelve months after the
// snapshot's as-of date.
type summaryFacts struct {
	all, clear, va yearRow   // the period's sums
	prev           yearRow   // the previous period's sums, theme any
	hasPrev        bool      // year_coherence has a row in the previous period
	base, prevBase indexBase // what the period's and the previous period's index rest on
	shared         []sharedTrip
	places         []savePlace
	window         upcomingWindow
}

// indexBase is what a coherence index over a period rests on: the state-years whose
// meetings outnumber their fewest possible trips (elsewhere the index is 0/0).
type indexBase struct{ states, stateYears, stateMeetings int }

// sharedTrip is a pair of the period's Rec 8 meetings a delegation could attend
// in one trip.
type sharedTrip struct {
	a, b          summaryMeeting
	sameFamily    bool
	family        string // instrument family of the first meeting
	sharedParties any    // as read, nil for NULL
}

// summaryMeeting is a meeting as the summary names it: title, dates, city, status.
type summaryMeeting struct {
	id, title, start, end, city, status string
	startText                           string // the start as the source gave it, for undated meetings
}

// savePlace is a city and half-year whose meetings some states attended in
// separate trips.
type savePlace struct {
	year, half int
	city       string
	states     int
	meetings   []summaryMeeting
}

// upcomingPair is a pair of meetings in the coming months that risks a clash or
// misses a back-to-back opportunity.
type upcomingPair struct {
	a, b       summaryMeeting
	relation   string // clash, concurrent, or another relation of two meetings in one city a few weeks apart
	sameFamily bool
	family     string // instrument family of the first meeting
	gap        any    // working days, as read
	parties    any    // shared parties, as read
}

// upcomingWindow is the twelve months after the snapshot's as-of date and what the
// calendar holds in them.
type upcomingWindow struct {
	from, until string // as-of date (excluded) and the window's last day
	known       bool   // the snapshot has an as-of date
	pairs       []upcomingPair
	dated       []summaryMeeting
	undated     []summaryMeeting
}

// summary writes the one-page summary that opens the report: what happened in the
// period, what could have been saved, and what is coming in the next twelve months.
// Its sections are Lead sections, which the writers put before the front matter.
func (b *builder) summary(r *Report) error {
	f, err := b.summaryFacts()
	if err != nil {
		return err
	}
	r.Sections = append(r.Sections, b.summarySections(f)...)
	return nil
}

// summaryFacts runs the summary's queries and shapes their rows.
func (b *builder) summaryFacts() (summaryFacts, error) {
	var f summaryFacts
	f.all, _ = b.periodYears(b.p, "any")
	f.clear, _ = b.periodYears(b.p, "clearance")
	f.va, _ = b.periodYears(b.p, "victim_assistance")
	f.prev, f.hasPrev = b.periodYears(b.prev, "any")
	var err error
	if f.base, err = b.indexBase(b.p); err != nil {
		return f, err
	}
	if f.prevBase, err = b.indexBase(b.prev); err != nil {
		return f, err
	}
	st, err := b.query("summary_shared_trips", b.p.From, b.p.To)
	if err != nil {
		return f, err
	}
	f.shared = shapeSharedTrips(st)
	sv, err := b.query("summary_saveable", b.p.From, b.p.To)
	if err != nil {
		return f, err
	}
	f.places = shapePlaces(sv)
	f.window, err = b.upcoming()
	return f, err
}

// indexBase reads what the coherence index over p rests on.
func (b *builder) indexBase(p Period) (indexBase, error) {
	ib, err := b.query("summary_index_base", p.From, p.To)
	if err != nil || ib.len() == 0 {
		return indexBase{}, err
	}
	return indexBase{states: ib.int(0, "states"), stateYears: ib.int(0, "state_years"),
		stateMeetings: ib.int(0, "state_meetings")}, nil
}

// upcoming reads the meetings and pairs of the twelve months after the snapshot's
// as-of date; without a readable as-of date it reads nothing.
func (b *builder) upcoming() (upcomingWindow, error) {
	asOf, err := time.Parse(time.DateOnly, b.o.Snapshot.AsOf)
	if err != nil {
		return upcomingWindow{}, nil
	}
	w := upcomingWindow{from: asOf.Format(time.DateOnly), known: true,
		until: asOf.AddDate(0, upcomingMonths, 0).Format(time.DateOnly)}
	ps, err := b.query("summary_upcoming_pairs", w.from, w.until, upcomingGapMax)
	if err != nil {
		return w, err
	}
	ms, err := b.query("summary_upcoming_meetings", w.from, w.until)
	if err != nil {
		return w, err
	}
	w.pairs = shapeUpcomingPairs(ps)
	for i := 0; i < ms.len(); i++ {
		m := summaryMeeting{id: ms.str(i, "meeting_id"), title: ms.str(i, "title"), start: ms.str(i, "start_date"),
			end: ms.str(i, "end_date"), city: ms.str(i, "city"), status: ms.str(i, "status"), startText: ms.str(i, "start_text")}
		if ms.val(i, "dated") == true {
			w.dated = append(w.dated, m)
		} else {
			w.undated = append(w.undated, m)
		}
	}
	return w, nil
}

// pairMeetings reads the two meetings of a meeting_pairs row shaped by the summary
// queries (title_a, start_a, …).
func pairMeetings(x rows, i int) (a, c summaryMeeting) {
	a = summaryMeeting{id: x.str(i, "meeting_id_a"), title: x.str(i, "title_a"), start: x.str(i, "start_a"),
		end: x.str(i, "end_a"), city: x.str(i, "city_a")}
	c = summaryMeeting{id: x.str(i, "meeting_id_b"), title: x.str(i, "title_b"), start: x.str(i, "start_b"),
		end: x.str(i, "end_b"), city: x.str(i, "city_a")}
	return a, c
}

func shapeSharedTrips(st rows) []sharedTrip {
	var out []sharedTrip
	for i := 0; i < st.len(); i++ {
		a, c := pairMeetings(st, i)
		out = append(out, sharedTrip{a: a, b: c, sameFamily: st.val(i, "same_family") == true,
			family: st.str(i, "family"), sharedParties: st.val(i, "shared_parties")})
	}
	return out
}

func shapePlaces(sv rows) []savePlace {
	var out []savePlace
	for i := 0; i < sv.len(); i++ {
		y, h, c := sv.int(i, "year"), sv.int(i, "half"), sv.str(i, "city")
		if n := len(out); n == 0 || out[n-1].year != y || out[n-1].half != h || out[n-1].city != c {
			out = append(out, savePlace{year: y, half: h, city: c, states: sv.int(i, "states")})
		}
		p := &out[len(out)-1]
		p.meetings = append(p.meetings, summaryMeeting{id: sv.str(i, "meeting_id"), title: sv.str(i, "title"),
			start: sv.str(i, "start_date"), end: sv.str(i, "end_date"), city: c})
	}
	return out
}

func shapeUpcomingPairs(ps rows) []upcomingPair {
	var out []upcomingPair
	for i := 0; i < ps.len(); i++ {
		a, c := pairMeetings(ps, i)
		a.status, c.status, c.city = ps.str(i, "status_a"), ps.str(i, "status_b"), ps.str(i, "city_b")
		rel := ps.str(i, "relation")
		out = append(out, upcomingPair{a: a, b: c, relation: rel, sameFamily: ps.val(i, "same_family") == true,
			family: ps.str(i, "family"), gap: ps.val(i, "gap_working_days"), parties: ps.val(i, "shared_parties")})
	}
	return out
}

// dateRange writes a meeting's dates for a reader: "11 Nov 2024", "11–12 Nov 2024",
// "28 Nov – 2 Dec 2024" (months abbreviated in the language); text it cannot read
// is returned as given.
func dateRange(l Lang, start, end string) string {
	s, err := time.Parse(time.DateOnly, start)
	if err != nil {
		return dash(start)
	}
	e, err := time.Parse(time.DateOnly, end)
	if err != nil || !e.After(s) {
		return fmt.Sprintf("%d %s %d", s.Day(), l.Month(int(s.Month())), s.Year())
	}
	switch {
	case s.Year() != e.Year():
		return fmt.Sprintf("%d %s %d – %d %s %d", s.Day(), l.Month(int(s.Month())), s.Year(), e.Day(), l.Month(int(e.Month())), e.Year())
	case s.Month() != e.Month():
		return fmt.Sprintf("%d %s – %d %s %d", s.Day(), l.Month(int(s.Month())), e.Day(), l.Month(int(e.Month())), e.Year())
	}
	return fmt.Sprintf("%d–%d %s %d", s.Day(), e.Day(), l.Month(int(s.Month())), s.Year())
}

// day1 writes one date as dateRange does ("27 Nov 2026").
func day1(l Lang, d string) string { return dateRange(l, d, d) }
