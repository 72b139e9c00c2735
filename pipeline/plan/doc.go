// Package plan proposes a coherent calendar for one year of meetings and proves it
// optimal (Recommendation 8 made actionable; docs/planner.md, the command
// `synergy plan`).
//
// Given a draft ([Problem]: each meeting's instrument, body, allowed cities, length in
// working days, the window its start may fall in, whether it is fixed, how it is
// held, and the states party to it; read by [ReadDraft], [ReadDraftICS] or made by
// [FromSnapshot]), a [Solver] chooses start dates (and a city where several are
// allowed) that minimise the year's delegation trips, counted exactly as the mart
// state_year_burden counts them ([CountTrips]), subject to: every meeting starts on a
// working day of its window that is not blocked and keeps its length; fixed meetings
// do not move; meetings that share a party never overlap (unless the draft allows
// that pair to run in parallel); optionally at most Capacity meetings at once in one
// city. Ties are broken by the least total movement (days moved); among calendars
// equal in both, the solver returns one of them (the draft order is not yet a
// further tie-break).
//
// The model ([WriteLP]) is an integer program: a binary per candidate start and city,
// continuous pairings of candidates that chain into one trip (the exact product of
// their binaries), and per attendance profile and city a leader variable per meeting,
// whose weighted sum is the trips; the objective is a trip weight above any total
// movement times the trips, plus the days moved. The solver is an existing one
// ([CBC]: Debian's coinor-cbc, run as a subprocess on the model in CPLEX LP format,
// one thread); its proof of optimality, or the gap left when its time limit stops it,
// is reported as it gives it, and the calendar it returns is recounted with
// [CountTrips] against its objective. [NewPlan] explains the calendar and
// [Plan.WriteDir] writes plan.csv, plan_states.csv, plan.json, plan.ics, plan.md
// and plan.html.
package plan
