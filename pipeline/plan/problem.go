package plan

import (
	"context"

	"synergy/pipeline/civil"
)

// Meeting is one meeting of a draft calendar.
type Meeting struct {
	ID         string   // meeting_id
	Instrument string   // instrument_id
	Body       string   // MSP, RevCon, Intersessional …
	Title      string   // for people
	Cities     []string // allowed cities (at least one); "" inside means no city known
	// Length is the meeting's length in working days (Monday to Friday), at least 1.
	Length int
	// DraftStart and DraftEnd are the draft's dates (DraftEnd the last day).
	DraftStart, DraftEnd civil.Day
	// Earliest and Latest bound the start date (inclusive).
	Earliest, Latest civil.Day
	Fixed            bool   // the meeting does not move (start = DraftStart)
	Mode             string // in_person, online, hybrid, written_procedure
	// Parties are the states party to the meeting's instrument on its draft opening
	// day (ISO 3166-1 alpha-3), sorted. Only clearance and victim-assistance
	// meetings (Rec 8) count for trips; Rec8 says whether this one is.
	Parties []string
	Rec8    bool
	// Projected is set for a meeting projected from its body's recurring pattern,
	// with the pattern in Pattern (for people).
	Projected bool
	Pattern   string
}

// Remote reports whether the meeting is attended without a journey (online or by
// written procedure): such a meeting is never a trip.
func (m Meeting) Remote() bool { return m.Mode == "online" || m.Mode == "written_procedure" }

// Problem is one year's draft calendar and its constraints.
type Problem struct {
	Year     int
	Meetings []Meeting // draft order
	// Blocked are days no meeting may be held on (holidays); nil blocks none.
	Blocked map[civil.Day]bool
	// MaxGap is the most working days strictly between one meeting's end and the
	// next one's start for both to be one trip (2, as state_year_burden counts).
	MaxGap int
	// Capacity, when positive, is the most meetings at once in one city.
	Capacity int
	// Parallel lists pairs of meeting ids the draft allows to overlap although they
	// share parties.
	Parallel [][2]string
}

// Solution is a proposed calendar.
type Solution struct {
	Start map[string]civil.Day // meeting_id → planned start
	City  map[string]string    // meeting_id → planned city
	// Trips is the year's delegation trips under this calendar (summed over states);
	// LowerBound the (city, half-year) bound of state_year_burden for the draft.
	Trips, LowerBound int
	// Optimal is true when the solver proved that no calendar within the
	// constraints has fewer trips (and, among those, less movement); else Gap is
	// the relative gap it reported when it stopped.
	Optimal bool
	Gap     float64
	// Inversions counts the pairs of meetings held in the opposite order to the
	// draft; OrderOptimal is true when no calendar as good (trips, then movement)
	// has fewer.
	Inversions   int
	OrderOptimal bool
	Solver       string  // name and version
	Seconds      float64 // solve time
}

// Solver solves a Problem.
type Solver interface {
	Solve(ctx context.Context, p *Problem) (*Solution, error)
}
