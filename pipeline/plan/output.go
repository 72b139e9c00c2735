package plan

import (
	"bytes"
	"cmp"
	"encoding/csv"
	"encoding/json"
	"errors"
	"fmt"
	"html/template"
	"maps"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"time"

	"synergy/pipeline/atomicfile"
	"synergy/pipeline/civil"
	"synergy/pipeline/ics"
)

// Tally is a calendar counted as state_year_burden counts it: per state, the Rec 8
// meetings of the instruments it is party to (Meeting.Parties), and the trips to
// them: runs of meetings in one city with at most Problem.MaxGap working days
// between the latest end so far and the next start; a meeting without a city is
// a trip of its own; a remote meeting is no trip. LowerBound is the bound of
// state_year_burden: distinct (city, half-year the trip starts in), plus one per
// meeting without a city.
type Tally struct {
	Trips, LowerBound int
	States            map[string]StateTally
	// MergedWith lists, for each meeting, the other meetings it shares a trip
	// with for at least one state, sorted.
	MergedWith map[string][]string
}

// StateTally is one state's part of a [Tally].
type StateTally struct{ Meetings, Trips, LowerBound int }

// Count counts the trips of the calendar start, city (missing entries: the
// draft's date and first city), without checking it: per state its Rec 8 meetings,
// trips and lower bound ([CountTrips], [LowerBound]), and the meetings each meeting
// shares a trip with for at least one state.
func Count(p *Problem, start map[string]civil.Day, city map[string]string) *Tally {
	t := &Tally{States: map[string]StateTally{}, MergedWith: map[string][]string{}}
	trips, total := CountTrips(p, start, city)
	lower, lowerTotal := LowerBound(p, start, city)
	t.Trips, t.LowerBound = total, lowerTotal
	merged := make(map[string]map[string]bool)
	for _, pr := range profiles(p) {
		for _, s := range pr.states {
			t.States[s] = StateTally{Meetings: len(pr.meetings), Trips: trips[s], LowerBound: lower[s]}
		}
		for _, tr := range tripsOf(p, pr.meetings, start, city) {
			for _, a := range tr.ids {
				for _, b := range tr.ids {
					if a == b {
						continue
					}
					if merged[a] == nil {
						merged[a] = map[string]bool{}
					}
					merged[a][b] = true
				}
			}
		}
	}
	for id, set := range merged {
		t.MergedWith[id] = slices.Sorted(maps.Keys(set))
	}
	return t
}

// Verify checks the calendar start, city against the problem — every meeting
// placed, on a working day of its window that is not blocked, fixed meetings on
// their draft start, in one of their cities; no two meetings that share a party
// overlap unless the draft allows the pair; at most Capacity meetings at once in
// a city — and counts it. Every violation is reported, joined.
func Verify(p *Problem, start map[string]civil.Day, city map[string]string) (*Tally, error) {
	var errs []error
	ends := make(map[string]civil.Day)
	for i := range p.Meetings {
		m := &p.Meetings[i]
		d, ok := start[m.ID]
		if !ok {
			errs = append(errs, fmt.Errorf("meeting %s: no start", m.ID))
			continue
		}
		ends[m.ID] = m.EndFor(d)
		switch {
		case m.Fixed && d != m.DraftStart:
			errs = append(errs, fmt.Errorf("meeting %s: fixed on %s, planned on %s", m.ID, m.DraftStart, d))
		case !m.Fixed && (d < m.Earliest || d > m.Latest):
			errs = append(errs, fmt.Errorf("meeting %s: starts %s, outside its window %s to %s", m.ID, d, m.Earliest, m.Latest))
		case !isWorkingDay(d) && d != m.DraftStart:
			errs = append(errs, fmt.Errorf("meeting %s: starts on a %s", m.ID, d.Weekday()))
		case p.Blocked[d]:
			errs = append(errs, fmt.Errorf("meeting %s: starts on %s, a blocked day", m.ID, d))
		}
		if c, ok := city[m.ID]; ok && !slices.Contains(m.Cities, c) {
			errs = append(errs, fmt.Errorf("meeting %s: in %q, not one of its cities %q", m.ID, c, m.Cities))
		}
	}
	if len(errs) > 0 {
		return nil, errors.Join(errs...)
	}
	parallel := make(map[[2]string]bool)
	for _, pr := range p.Parallel {
		parallel[pr], parallel[[2]string{pr[1], pr[0]}] = true, true
	}
	cityOf := func(m *Meeting) string {
		if c, ok := city[m.ID]; ok {
			return c
		}
		return m.Cities[0]
	}
	for i := range p.Meetings {
		a := &p.Meetings[i]
		for j := i + 1; j < len(p.Meetings); j++ {
			b := &p.Meetings[j]
			if start[a.ID] > ends[b.ID] || start[b.ID] > ends[a.ID] || parallel[[2]string{a.ID, b.ID}] || !pcShare(a.Parties, b.Parties) {
				continue
			}
			errs = append(errs, fmt.Errorf("meetings %s (%s to %s, %s) and %s (%s to %s, %s) overlap and share parties",
				a.ID, start[a.ID], ends[a.ID], pcPlace(cityOf(a)), b.ID, start[b.ID], ends[b.ID], pcPlace(cityOf(b))))
		}
	}
	if p.Capacity > 0 {
		busy := make(map[string]map[civil.Day]int)
		for i := range p.Meetings {
			m := &p.Meetings[i]
			c := cityOf(m)
			if busy[c] == nil {
				busy[c] = map[civil.Day]int{}
			}
			for d := start[m.ID]; d <= ends[m.ID]; d++ {
				if busy[c][d]++; busy[c][d] == p.Capacity+1 {
					errs = append(errs, fmt.Errorf("more than %d meetings in %s on %s", p.Capacity, pcPlace(c), d))
				}
			}
		}
	}
	if len(errs) > 0 {
		return nil, errors.Join(errs...)
	}
	return Count(p, start, city), nil
}

// CheckConflicts reports what makes a draft infeasible before any solver runs:
// fixed meetings that share a party and overlap (and are not allowed to), and
// movable meetings with no start left in their window — every working day of it
// blocked, or overlapping a fixed meeting that shares a party with it. The error
// wraps [ErrConflict] and names the meetings and the constraints.
func CheckConflicts(p *Problem) error {
	fixed := &Problem{Year: p.Year, Parallel: p.Parallel}
	start := make(map[string]civil.Day)
	for _, m := range p.Meetings {
		if m.Fixed {
			fixed.Meetings = append(fixed.Meetings, m)
			start[m.ID] = m.DraftStart
		}
	}
	if _, err := Verify(fixed, start, nil); err != nil {
		return fmt.Errorf("%w: fixed meetings conflict: %w", ErrConflict, err)
	}
	parallel := make(map[[2]string]bool)
	for _, pr := range p.Parallel {
		parallel[pr], parallel[[2]string{pr[1], pr[0]}] = true, true
	}
	var errs []error
	for i := range p.Meetings {
		m := &p.Meetings[i]
		if m.Fixed {
			continue
		}
		var against []string
		ok := false
		for d := m.Earliest; d <= m.Latest && !ok; d++ {
			if !isWorkingDay(d) || p.Blocked[d] {
				continue
			}
			end, clash := m.EndFor(d), ""
			for _, f := range fixed.Meetings {
				if d <= f.DraftEnd && f.DraftStart <= end && !parallel[[2]string{m.ID, f.ID}] && pcShare(m.Parties, f.Parties) {
					clash = f.ID
					break
				}
			}
			if clash == "" {
				ok = true
			} else if !slices.Contains(against, clash) {
				against = append(against, clash)
			}
		}
		if !ok {
			why := "every working day of it is blocked"
			if len(against) > 0 {
				why = "every start overlaps fixed meetings that share parties with it: " + strings.Join(against, ", ")
			}
			errs = append(errs, fmt.Errorf("meeting %s: no start in its window %s to %s: %s", m.ID, m.Earliest, m.Latest, why))
		}
	}
	if len(errs) > 0 {
		return fmt.Errorf("%w: %w", ErrConflict, errors.Join(errs...))
	}
	return nil
}

// Row is one meeting of a [Plan].
type Row struct {
	Meeting
	PlannedStart, PlannedEnd civil.Day
	PlannedCity              string
	MovedDays                int      // planned start - draft start, in calendar days
	MergedWith               []string // meetings in one of its trips under the plan
	Reason                   string   // why it moved, in words (English)
}

// StateRow is one state of a [Plan].
type StateRow struct {
	State                                     string
	Meetings, TripsDraft, TripsPlanned, Bound int
}

// Plan is a solved problem, checked and counted, ready to write.
type Plan struct {
	Problem        *Problem
	Solution       *Solution
	Rows           []Row
	States         []StateRow // by state id
	Draft, Planned *Tally
	Stamp          time.Time // DTSTAMP of plan.ics
	Lang           string    // en, fr or es for plan.md
}

// NewPlan checks s against p ([Verify]) and that it has the trips the solver
// reports, and explains every move. It refuses a calendar that breaks a
// constraint: never a silent or partial plan.
func NewPlan(p *Problem, s *Solution) (*Plan, error) {
	planned, err := Verify(p, s.Start, s.City)
	if err != nil {
		return nil, fmt.Errorf("the solver's calendar breaks the constraints: %w", err)
	}
	if planned.Trips != s.Trips {
		return nil, fmt.Errorf("the solver reports %d trips, its calendar has %d", s.Trips, planned.Trips)
	}
	draft := Count(p, nil, nil)
	pl := &Plan{Problem: p, Solution: s, Draft: draft, Planned: planned, Lang: "en"}
	for i := range p.Meetings {
		m := p.Meetings[i]
		r := Row{Meeting: m, PlannedStart: s.Start[m.ID], PlannedCity: m.Cities[0], MergedWith: planned.MergedWith[m.ID]}
		if c, ok := s.City[m.ID]; ok {
			r.PlannedCity = c
		}
		r.PlannedEnd = m.EndFor(r.PlannedStart)
		r.MovedDays = int(r.PlannedStart - m.DraftStart)
		pl.Rows = append(pl.Rows, r)
	}
	for i := range pl.Rows {
		pl.Rows[i].Reason = pl.reason(&pl.Rows[i], "en")
	}
	for _, st := range slices.Sorted(maps.Keys(draft.States)) {
		d, q := draft.States[st], planned.States[st]
		pl.States = append(pl.States, StateRow{State: st, Meetings: d.Meetings, TripsDraft: d.Trips, TripsPlanned: q.Trips, Bound: d.LowerBound})
	}
	return pl, nil
}

// reason says why r moved (or that it did not), in lang.
func (pl *Plan) reason(r *Row, lang string) string {
	t := func(key string) string { return pcText(lang, key) }
	var parts []string
	if r.PlannedCity != r.Cities[0] {
		parts = append(parts, fmt.Sprintf(t("city"), pcPlace(r.PlannedCity), pcPlace(r.Cities[0])))
	}
	if r.MovedDays == 0 {
		if len(parts) == 0 {
			if r.Fixed {
				return t("fixed")
			}
			return t("stays")
		}
		return strings.Join(parts, "; ")
	}
	dir := t("later")
	if r.MovedDays < 0 {
		dir = t("earlier")
	}
	move := fmt.Sprintf(t("moved"), pcAbs(r.MovedDays), dir)
	var joined []string
	for _, id := range r.MergedWith {
		if !slices.Contains(pl.Draft.MergedWith[r.ID], id) {
			joined = append(joined, id)
		}
	}
	switch room := pl.room(r); {
	case len(joined) > 0:
		move += fmt.Sprintf(t("join"), strings.Join(joined, ", "), pcPlace(r.PlannedCity))
	case len(room) > 0:
		move += fmt.Sprintf(t("room"), strings.Join(room, ", "))
	default:
		move += t("tie")
	}
	return strings.Join(append(parts, move), "; ")
}

// room lists the meetings that share a party with r and now sit on its draft
// dates: r moved to make room for them.
func (pl *Plan) room(r *Row) []string {
	var out []string
	for _, o := range pl.Rows {
		if o.ID != r.ID && o.PlannedStart <= r.DraftEnd && r.DraftStart <= o.PlannedEnd && pcShare(o.Parties, r.Parties) &&
			!slices.Contains(pl.Problem.Parallel, [2]string{r.ID, o.ID}) && !slices.Contains(pl.Problem.Parallel, [2]string{o.ID, r.ID}) {
			out = append(out, o.ID)
		}
	}
	return out
}

// pcTexts are plan.md's words in each language.
var pcTexts = map[string][3]string{
	"fixed":    {"fixed: not moved", "fixe : non déplacée", "fija: no se mueve"},
	"stays":    {"not moved", "non déplacée", "no se mueve"},
	"later":    {"later", "plus tard", "más tarde"},
	"earlier":  {"earlier", "plus tôt", "antes"},
	"moved":    {"moved %d days %s", "déplacée de %d jours %s", "movida %d días %s"},
	"join":     {" so that delegations attend it with %s in one trip to %s", " pour que les délégations y assistent avec %s en un seul déplacement à %s", " para que las delegaciones asistan a ella con %s en un solo viaje a %s"},
	"room":     {" to make room for %s, which share parties with it", " pour faire place à %s, qui ont des parties en commun avec elle", " para dejar sitio a %s, que comparten partes con ella"},
	"tie":      {": no trip saved by this move alone (one of the calendars with the fewest trips)", " : aucun déplacement évité par ce seul changement (l'un des calendriers au nombre minimal de déplacements)", ": ningún viaje ahorrado por este cambio solo (uno de los calendarios con menos viajes)"},
	"city":     {"held in %s instead of %s", "tenue à %s au lieu de %s", "celebrada en %s en lugar de %s"},
	"nocity":   {"no city known", "ville inconnue", "ciudad desconocida"},
	"title":    {"Proposed calendar %d", "Calendrier proposé %d", "Calendario propuesto %d"},
	"summary":  {"Delegation trips: %d in the draft, %d in the plan; at least %d in any calendar by the (city, half-year) bound. %s", "Déplacements de délégations : %d dans le projet, %d dans le plan ; au moins %d quel que soit le calendrier selon la borne (ville, semestre). %s", "Viajes de delegaciones: %d en el borrador, %d en el plan; al menos %d en cualquier calendario según la cota (ciudad, semestre). %s"},
	"optimal":  {"The solver (%s) proved that no calendar within the windows has fewer trips.", "Le solveur (%s) a prouvé qu'aucun calendrier dans les fenêtres n'a moins de déplacements.", "El solucionador (%s) demostró que ningún calendario dentro de las ventanas tiene menos viajes."},
	"gap":      {"The solver (%s) stopped before proving optimality: gap %.1f%%.", "Le solveur (%s) s'est arrêté avant de prouver l'optimalité : écart %.1f %%.", "El solucionador (%s) se detuvo antes de demostrar la optimalidad: brecha %.1f %%."},
	"h.before": {"Before and after", "Avant et après", "Antes y después"},
	"h.states": {"Savings per delegation", "Économies par délégation", "Ahorro por delegación"},
	"h.moves":  {"Every move explained", "Chaque déplacement de réunion expliqué", "Cada cambio explicado"},
	"cols":     {"Meeting|Instrument|City|Draft|Plan|Moved (days)|Same trip as", "Réunion|Instrument|Ville|Projet|Plan|Déplacée (jours)|Même déplacement que", "Reunión|Instrumento|Ciudad|Borrador|Plan|Movida (días)|Mismo viaje que"},
	"scols":    {"States|Meetings|Trips (draft)|Trips (plan)|Saved|Lower bound", "États|Réunions|Déplacements (projet)|Déplacements (plan)|Évités|Borne inférieure", "Estados|Reuniones|Viajes (borrador)|Viajes (plan)|Ahorrados|Cota inferior"},
	"nosave":   {"No delegation saves a trip: the draft already has the fewest trips within the windows.", "Aucune délégation n'évite de déplacement : le projet a déjà le moins de déplacements possible dans les fenêtres.", "Ninguna delegación ahorra un viaje: el borrador ya tiene los menos viajes posibles dentro de las ventanas."},
	"nomove":   {"No meeting moves.", "Aucune réunion n'est déplacée.", "Ninguna reunión se mueve."},
	"l.draft":  {"draft", "projet", "borrador"},
	"l.plan":   {"plan", "plan", "plan"},
	"projnote": {"Projected from the body's recurring pattern: %s", "Projetée d'après le rythme habituel de l'organe : %s", "Proyectada según el patrón habitual del órgano: %s"},
}

// pcText is key's words in lang (English when lang is unknown).
func pcText(lang, key string) string {
	i := map[string]int{"fr": 1, "es": 2}[lang]
	return pcTexts[key][i]
}

func pcPlace(c string) string {
	if c == "" {
		return "no city known"
	}
	return c
}

func pcAbs(n int) int {
	if n < 0 {
		return -n
	}
	return n
}

// Files renders the plan's files by name: plan.csv, plan_states.csv, plan.json,
// plan.ics, plan.md and plan.html.
func (pl *Plan) Files() (map[string][]byte, error) {
	out := make(map[string][]byte)
	var b bytes.Buffer
	w := csv.NewWriter(&b)
	w.Write([]string{"meeting_id", "instrument_id", "title", "city", "draft_start", "draft_end", "planned_start",
		"planned_end", "moved_days", "merged_with", "reason", "projected", "pattern"})
	for _, r := range pl.Rows {
		w.Write([]string{r.ID, r.Instrument, r.Title, r.PlannedCity, r.DraftStart.String(), r.DraftEnd.String(),
			r.PlannedStart.String(), r.PlannedEnd.String(), strconv.Itoa(r.MovedDays), strings.Join(r.MergedWith, "|"),
			r.Reason, strconv.FormatBool(r.Projected), r.Pattern})
	}
	w.Flush()
	out["plan.csv"] = bytes.Clone(b.Bytes())
	b.Reset()
	w = csv.NewWriter(&b)
	w.Write([]string{"state_id", "meetings", "trips_draft", "trips_planned", "trips_lower_bound"})
	for _, s := range pl.States {
		w.Write([]string{s.State, strconv.Itoa(s.Meetings), strconv.Itoa(s.TripsDraft), strconv.Itoa(s.TripsPlanned), strconv.Itoa(s.Bound)})
	}
	w.Flush()
	if err := w.Error(); err != nil {
		return nil, err
	}
	out["plan_states.csv"] = bytes.Clone(b.Bytes())
	js, err := json.MarshalIndent(pl.Summary(), "", "  ")
	if err != nil {
		return nil, err
	}
	out["plan.json"] = append(js, '\n')
	if out["plan.ics"], err = pl.ics(); err != nil {
		return nil, err
	}
	out["plan.md"] = pl.markdown()
	if out["plan.html"], err = pl.html(); err != nil {
		return nil, err
	}
	return out, nil
}

// Summary is plan.json.
type Summary struct {
	Year            int     `json:"year"`
	Meetings        int     `json:"meetings"`
	Movable         int     `json:"movable"`
	Projected       int     `json:"projected"`
	TripsDraft      int     `json:"trips_draft"`
	TripsPlanned    int     `json:"trips_planned"`
	TripsLowerBound int     `json:"trips_lower_bound"`
	Optimal         bool    `json:"optimal"`
	Gap             float64 `json:"gap"`
	// the third tie-break: pairs of meetings held in the opposite order to the
	// draft, and whether no calendar as good has fewer
	DraftOrderInversions int     `json:"draft_order_inversions"`
	DraftOrderOptimal    bool    `json:"draft_order_optimal"`
	Solver               string  `json:"solver"`
	SolveSeconds         float64 `json:"solve_seconds"`
}

// Summary returns the plan's totals.
func (pl *Plan) Summary() Summary {
	s := Summary{Year: pl.Problem.Year, Meetings: len(pl.Rows), TripsDraft: pl.Draft.Trips, TripsPlanned: pl.Planned.Trips,
		TripsLowerBound: pl.Draft.LowerBound, Optimal: pl.Solution.Optimal, Gap: pl.Solution.Gap, Solver: pl.Solution.Solver,
		SolveSeconds: pl.Solution.Seconds, DraftOrderInversions: pl.Solution.Inversions, DraftOrderOptimal: pl.Solution.OrderOptimal}
	for _, r := range pl.Rows {
		if !r.Fixed {
			s.Movable++
		}
		if r.Projected {
			s.Projected++
		}
	}
	return s
}

// SummaryLine is the one line the command prints.
func (pl *Plan) SummaryLine() string {
	s := pl.Summary()
	proof := "optimal"
	if !s.Optimal {
		proof = fmt.Sprintf("not proven optimal, gap %.1f%%", 100*s.Gap)
	} else if s.DraftOrderInversions > 0 {
		proof += fmt.Sprintf(", %d %s of meetings out of draft order", s.DraftOrderInversions, map[bool]string{true: "pair", false: "pairs"}[s.DraftOrderInversions == 1])
		if !s.DraftOrderOptimal {
			proof += " (fewest not proven)"
		}
	}
	return fmt.Sprintf("plan %d: %d meetings (%d movable, %d projected): %d trips in the draft, %d in the plan, lower bound %d; %s (%s, %.1f s)",
		s.Year, s.Meetings, s.Movable, s.Projected, s.TripsDraft, s.TripsPlanned, s.TripsLowerBound, proof, s.Solver, s.SolveSeconds)
}

func (pl *Plan) ics() ([]byte, error) {
	cal := ics.Calendar{ProdID: "-//synergy//plan//EN", Name: fmt.Sprintf("synergy plan %d", pl.Problem.Year), Stamp: pl.Stamp}
	for _, r := range pl.Rows {
		desc := r.Reason
		if r.Projected {
			desc += "\n" + fmt.Sprintf(pcText("en", "projnote"), r.Pattern)
		}
		ev := ics.Event{UID: r.ID + "@synergy-plan", Summary: cmp.Or(r.Title, r.ID), Location: r.PlannedCity, Description: desc,
			AllDay: true, Start: r.PlannedStart.Time(), End: r.PlannedEnd.AddDays(1).Time(), Status: "TENTATIVE",
			Categories: []string{r.Instrument, r.Body},
			Props: map[string]string{"X-SYNERGY-MEETING-ID": r.ID, "X-SYNERGY-INSTRUMENT": r.Instrument, "X-SYNERGY-BODY": r.Body,
				"X-SYNERGY-MODE": r.Mode, "X-SYNERGY-DRAFT-START": r.DraftStart.String()}}
		cal.Events = append(cal.Events, ev)
	}
	var b bytes.Buffer
	if err := ics.NewEncoder(&b).Encode(cal); err != nil {
		return nil, err
	}
	return b.Bytes(), nil
}

// pcCell escapes a Markdown table cell.
func pcCell(s string) string { return strings.ReplaceAll(strings.ReplaceAll(s, "|", `\|`), "\n", " ") }

func (pl *Plan) markdown() []byte {
	l := pl.Lang
	t := func(k string) string { return pcText(l, k) }
	var b strings.Builder
	s := pl.Summary()
	fmt.Fprintf(&b, "# %s\n\n", fmt.Sprintf(t("title"), s.Year))
	proof := fmt.Sprintf(t("optimal"), s.Solver)
	if !s.Optimal {
		proof = fmt.Sprintf(t("gap"), s.Solver, 100*s.Gap)
	}
	fmt.Fprintf(&b, t("summary")+"\n\n", s.TripsDraft, s.TripsPlanned, s.TripsLowerBound, proof)
	fmt.Fprintf(&b, "## %s\n\n", t("h.before"))
	cols := strings.Split(t("cols"), "|")
	fmt.Fprintf(&b, "| %s |\n|%s\n", strings.Join(cols, " | "), strings.Repeat("---|", len(cols)))
	for _, r := range pl.Rows {
		title := cmp.Or(r.Title, r.ID)
		if r.Projected {
			title += " *"
		}
		fmt.Fprintf(&b, "| %s | %s | %s | %s – %s | %s – %s | %+d | %s |\n", pcCell(title), r.Instrument, pcCell(pcPlace(r.PlannedCity)),
			r.DraftStart, r.DraftEnd, r.PlannedStart, r.PlannedEnd, r.MovedDays, strings.Join(r.MergedWith, ", "))
	}
	for _, r := range pl.Rows {
		if r.Projected {
			fmt.Fprintf(&b, "\n\\* %s — %s\n", r.ID, fmt.Sprintf(t("projnote"), pcCell(r.Pattern)))
		}
	}
	fmt.Fprintf(&b, "\n## %s\n\n", t("h.states"))
	if groups := pl.savingGroups(); len(groups) == 0 {
		b.WriteString(t("nosave") + "\n")
	} else {
		cols := strings.Split(t("scols"), "|")
		fmt.Fprintf(&b, "| %s |\n|%s\n", strings.Join(cols, " | "), strings.Repeat("---|", len(cols)))
		for _, g := range groups {
			fmt.Fprintf(&b, "| %s | %d | %d | %d | %d | %d |\n", g.States, g.Nums[0], g.Nums[1], g.Nums[2], g.Nums[3], g.Nums[4])
		}
	}
	fmt.Fprintf(&b, "\n## %s\n\n", t("h.moves"))
	moved := 0
	for i := range pl.Rows {
		r := &pl.Rows[i]
		if r.MovedDays != 0 || r.PlannedCity != r.Cities[0] {
			moved++
			fmt.Fprintf(&b, "- **%s** (%s): %s.\n", pcCell(cmp.Or(r.Title, r.ID)), r.ID, pcCell(pl.reason(r, l)))
		}
	}
	if moved == 0 {
		b.WriteString(t("nomove") + "\n")
	}
	return []byte(b.String())
}

// WriteDir writes the plan's files into dir (made if missing), each replaced
// whole through a temporary file, after all of them were rendered: a failure
// leaves no half-written file.
func (pl *Plan) WriteDir(dir string) ([]string, error) {
	files, err := pl.Files()
	if err != nil {
		return nil, err
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return nil, err
	}
	var paths []string
	for _, name := range slices.Sorted(maps.Keys(files)) {
		path := filepath.Join(dir, name)
		if err := atomicfile.Write(path, files[name]); err != nil {
			return paths, err
		}
		paths = append(paths, path)
	}
	return paths, nil
}

// pcBar is one bar of plan.html's timeline: its left edge and width in percent
// of the year.
type pcBar struct{ Left, Width float64 }

// pcHTMLRow is one meeting of plan.html.
type pcHTMLRow struct {
	Row
	Title, Place, Merged string
	Draft, Plan          pcBar
	Explain              string
}

// pcBarOf places [start, end] on the year's timeline.
func pcBarOf(year int, start, end civil.Day) pcBar {
	first, last := civil.Date(year, time.January, 1), civil.Date(year, time.December, 31)
	days := float64(last - first + 1)
	return pcBar{Left: 100 * float64(start-first) / days, Width: max(100*float64(end-start+1)/days, 0.3)}
}

var pcPage = template.Must(template.New("plan").Funcs(template.FuncMap{"pct": func(f float64) string { return strconv.FormatFloat(f, 'f', 2, 64) + "%" }}).Parse(`<!DOCTYPE html>
<html lang="{{.Lang}}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{{.Title}}</title>
<style>
:root { --ink: #222; --muted: #5f6368; --rule: #d8dadd; --accent: #332288; --draft: #bbbbbb; }
* { box-sizing: border-box; }
body { margin: 0; color: var(--ink); background: #fff; font: 15px/1.5 "Liberation Sans", Arial, Helvetica, sans-serif; }
main { max-width: 1120px; margin: 0 auto; padding: 24px 32px 64px; }
h1 { font-size: 1.7em; line-height: 1.25; margin: 0.2em 0 0.5em; color: var(--accent); }
h2 { font-size: 1.35em; margin: 2em 0 0.4em; padding-bottom: 0.2em; border-bottom: 2px solid var(--accent); color: var(--accent); }
.key { background: #f4f2fb; border-left: 4px solid var(--accent); padding: 10px 18px; margin: 1em 0; }
.scroll { overflow-x: auto; margin: 0.6em 0 1em; }
table { border-collapse: collapse; font-size: 13px; }
th, td { border: 1px solid var(--rule); padding: 3px 7px; vertical-align: top; text-align: left; }
th { background: #f1f3f4; }
td.n { text-align: right; white-space: nowrap; font-variant-numeric: tabular-nums; }
td.s { white-space: nowrap; }
.timeline { margin: 1em 0; }
.tl-row { display: grid; grid-template-columns: 16em 1fr; gap: 8px; align-items: center; margin: 2px 0; font-size: 13px; }
.tl-label { overflow: hidden; text-overflow: ellipsis; white-space: nowrap; }
.tl-track { position: relative; height: 20px; background: repeating-linear-gradient(90deg, #f6f6f6 0, #f6f6f6 calc(100% / 12 - 1px), var(--rule) calc(100% / 12 - 1px), var(--rule) calc(100% / 12)); }
.tl-bar { position: absolute; height: 8px; border-radius: 2px; }
.tl-draft { top: 1px; background: var(--draft); }
.tl-plan { top: 11px; background: var(--accent); }
.legend span { display: inline-block; width: 1.5em; height: 0.6em; margin: 0 0.3em 0 1em; }
.note { color: var(--muted); font-size: 13px; }
@media print { main { max-width: none; padding: 0; } .tl-track, .tl-bar { -webkit-print-color-adjust: exact; print-color-adjust: exact; } tr { break-inside: avoid; } }
</style>
</head>
<body>
<main>
<h1>{{.Title}}</h1>
<section class="key"><p>{{.Summary}}</p></section>
<h2 id="before-after">{{.HBefore}}</h2>
<p class="legend"><span style="background: var(--draft)"></span>{{.LDraft}}<span style="background: var(--accent)"></span>{{.LPlan}}</p>
<div class="timeline">
{{range .Rows}}<div class="tl-row"><div class="tl-label" title="{{.Title}}">{{.Title}}</div><div class="tl-track"><div class="tl-bar tl-draft" style="left: {{pct .Draft.Left}}; width: {{pct .Draft.Width}}"></div><div class="tl-bar tl-plan" style="left: {{pct .Plan.Left}}; width: {{pct .Plan.Width}}"></div></div></div>
{{end}}</div>
<div class="scroll"><table id="plan-meetings"><thead><tr>{{range .Cols}}<th>{{.}}</th>{{end}}</tr></thead><tbody>
{{range .Rows}}<tr><td>{{.Title}}</td><td class="s">{{.Instrument}}</td><td class="s">{{.Place}}</td><td class="s">{{.DraftStart}} – {{.DraftEnd}}</td><td class="s">{{.PlannedStart}} – {{.PlannedEnd}}</td><td class="n">{{printf "%+d" .MovedDays}}</td><td>{{.Merged}}</td></tr>
{{end}}</tbody></table></div>
{{range .Rows}}{{if .Projected}}<p class="note">* {{.ID}} — {{.Pattern}}</p>
{{end}}{{end}}<h2 id="savings">{{.HStates}}</h2>
{{if .Groups}}<div class="scroll"><table id="plan-states"><thead><tr>{{range .SCols}}<th>{{.}}</th>{{end}}</tr></thead><tbody>
{{range .Groups}}<tr><td>{{.States}}</td>{{range .Nums}}<td class="n">{{.}}</td>{{end}}</tr>
{{end}}</tbody></table></div>{{else}}<p>{{.NoSave}}</p>{{end}}
<h2 id="moves">{{.HMoves}}</h2>
{{if .Moves}}<ul>{{range .Moves}}<li><strong>{{.Title}}</strong> ({{.ID}}): {{.Explain}}.</li>
{{end}}</ul>{{else}}<p>{{.NoMove}}</p>{{end}}
</main>
</body>
</html>
`))

// pcGroup is a row of the savings table: states with the same figures.
type pcGroup struct {
	States string
	Nums   []int
}

// savingGroups groups the states that save trips by their figures, the
// largest saving first.
func (pl *Plan) savingGroups() []pcGroup {
	type group struct {
		key    [4]int
		states []string
	}
	var groups []*group
	idx := make(map[[4]int]*group)
	for _, st := range pl.States {
		if st.TripsPlanned >= st.TripsDraft {
			continue
		}
		k := [4]int{st.Meetings, st.TripsDraft, st.TripsPlanned, st.Bound}
		if idx[k] == nil {
			idx[k] = &group{key: k}
			groups = append(groups, idx[k])
		}
		idx[k].states = append(idx[k].states, st.State)
	}
	slices.SortStableFunc(groups, func(a, c *group) int {
		return cmp.Or(cmp.Compare(c.key[1]-c.key[2], a.key[1]-a.key[2]), cmp.Compare(a.states[0], c.states[0]))
	})
	out := make([]pcGroup, len(groups))
	for i, g := range groups {
		out[i] = pcGroup{States: strings.Join(g.states, ", "), Nums: []int{g.key[0], g.key[1], g.key[2], g.key[1] - g.key[2], g.key[3]}}
	}
	return out
}

// html renders plan.html: self-contained (inline CSS, no script, nothing
// fetched), in the report's style.
func (pl *Plan) html() ([]byte, error) {
	l := pl.Lang
	t := func(k string) string { return pcText(l, k) }
	s := pl.Summary()
	proof := fmt.Sprintf(t("optimal"), s.Solver)
	if !s.Optimal {
		proof = fmt.Sprintf(t("gap"), s.Solver, 100*s.Gap)
	}
	data := struct {
		Lang, Title, Summary, HBefore, HStates, HMoves, LDraft, LPlan, NoSave, NoMove string
		Cols, SCols                                                                   []string
		Rows, Moves                                                                   []pcHTMLRow
		Groups                                                                        []pcGroup
	}{Lang: cmp.Or(l, "en"), Title: fmt.Sprintf(t("title"), s.Year),
		Summary: fmt.Sprintf(t("summary"), s.TripsDraft, s.TripsPlanned, s.TripsLowerBound, proof),
		HBefore: t("h.before"), HStates: t("h.states"), HMoves: t("h.moves"), NoSave: t("nosave"), NoMove: t("nomove"),
		LDraft: t("l.draft"), LPlan: t("l.plan"),
		Cols: strings.Split(t("cols"), "|"), SCols: strings.Split(t("scols"), "|"), Groups: pl.savingGroups()}
	for i := range pl.Rows {
		r := &pl.Rows[i]
		hr := pcHTMLRow{Row: *r, Title: cmp.Or(r.Title, r.ID), Place: pcPlace(r.PlannedCity), Merged: strings.Join(r.MergedWith, ", "),
			Draft: pcBarOf(s.Year, r.DraftStart, r.DraftEnd), Plan: pcBarOf(s.Year, r.PlannedStart, r.PlannedEnd), Explain: pl.reason(r, l)}
		if r.Projected {
			hr.Title += " *"
		}
		data.Rows = append(data.Rows, hr)
		if r.MovedDays != 0 || r.PlannedCity != r.Cities[0] {
			data.Moves = append(data.Moves, hr)
		}
	}
	var b bytes.Buffer
	if err := pcPage.Execute(&b, data); err != nil {
		return nil, fmt.Errorf("plan.html: %w", err)
	}
	return b.Bytes(), nil
}
