package rawtable

import "synergy/pipeline/civil"

// Meeting modes, the values of Meeting.Mode.
const (
	ModeInPerson         = "in_person"
	ModeOnline           = "online"
	ModeHybrid           = "hybrid"
	ModeWrittenProcedure = "written_procedure"
)

// IsRemote reports whether a meeting of this mode needs no journey: delegations
// attend an online meeting, or one held by written procedure, from where they are.
// A hybrid meeting has an in-person part, so it is not remote.
func IsRemote(mode string) bool {
	return mode == ModeOnline || mode == ModeWrittenProcedure
}

// Meeting statuses, the values of Meeting.Status.
const (
	StatusHeld      = "held"
	StatusPlanned   = "planned"
	StatusPostponed = "postponed"
	StatusCancelled = "cancelled"
	// StatusUnconfirmed: the meeting's dates are past on the as-of day, but no
	// source says it was held.
	StatusUnconfirmed = "unconfirmed"
)

// SettleStatus makes m's status hold on the day asOf, the run's as-of day. It is the
// one rule for every source:
//
//   - a planned meeting whose last possible day (the end date's, else the start
//     date's, at the precision the source gives) is before asOf is unconfirmed: it
//     is no longer planned, and only a source may say it was held;
//   - a held meeting whose first possible day is after asOf is planned: on that day
//     no source could have said it was held (a replay of an earlier day);
//   - any other status, and a meeting without any date, is kept.
func (m *Meeting) SettleStatus(asOf civil.Day) {
	first, last, ok := m.span()
	switch {
	case !ok:
	case m.Status == StatusPlanned && last < asOf:
		m.Status = StatusUnconfirmed
	case m.Status == StatusHeld && first > asOf:
		m.Status = StatusPlanned
	}
}

// span returns the first possible day of m's start and the last possible day of its
// end (of its start when the end is not given): the exact dates where known, else
// what the texts give at their precision.
func (m *Meeting) span() (first, last civil.Day, ok bool) {
	start, ok := bounds(m.StartDate, m.StartText)
	if !ok {
		return 0, 0, false
	}
	first, last = start.First, start.Last
	if end, ok := bounds(m.EndDate, m.EndText); ok {
		last = end.Last
	}
	return first, last, true
}

// bounds is a date as a civil.Partial: the exact day when given, else the text's.
func bounds(day *civil.Day, text string) (civil.Partial, bool) {
	if day != nil {
		return civil.Partial{First: *day, Last: *day, Precision: civil.PrecisionDay}, true
	}
	p, err := civil.ParsePartial(text)
	return p, err == nil && p.Precision != civil.PrecisionMissing
}
