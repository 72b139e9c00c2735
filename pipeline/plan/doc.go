// Package plan proposes a coherent calendar for one year of meetings and proves it
// optimal (Recommendation 8 made actionable; DESIGN.md §4 "The planner").
//
// Given a draft ([Problem]: each meeting's instrument, body, allowed cities, length in
// working days, the window its start may fall in, whether it is fixed, how it is
// held, and the states party to it), a [Solver] chooses start dates (and a city
// where several are allowed) that minimise the year's delegation trips, counted
// exactly as the mart state_year_burden counts them ([CountTrips]), subject to: every
// meeting starts on a working day of its window that is not blocked and keeps its
// length; fixed meetings do not move; meetings that share a party never overlap
// (unless the draft allows that pair to run in parallel); optionally at most
// Capacity meetings at once in one city. Ties are broken by the least total movement
// (days moved), then by keeping the draft order.
//
// The solver is an existing one (CBC, Debian's coinor-cbc, run on a model written
// in CPLEX LP format); its proof of optimality, or the gap left when a time limit
// stops it, is reported as it gives it.
package plan
