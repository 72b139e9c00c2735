package models_test

import (
	"math"
	"strconv"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"

	"synergy/pipeline/models"
	"synergy/pipeline/warehouse"
)

// themeRows is the taxonomy of DESIGN §3.
const themeRows = `(theme_id, label) values ('clearance', 'Clearance'),
	('victim_assistance', 'Victim assistance'), ('stockpile_destruction', 'Stockpile destruction'),
	('cooperation_assistance', 'Cooperation and assistance'), ('transparency', 'Transparency'),
	('compliance', 'Compliance'), ('national_implementation', 'National implementation'),
	('universalization', 'Universalization')`

// rec8Rows is a small calendar, one case per year so that no two cases fall
// within the 90-day horizon of each other. Instruments A and C are one family
// (fa), B another (fb). Parties, all in force from 2010-01-01:
//
//	A: S1 S2 S3   (S3's withdrawal takes effect 2025-06-10)
//	B: S1 S2 S3 S4 (S2's withdrawal takes effect 2025-06-20)
//	C: S1
//
// So before 2025 |P(A)| = 3, |P(B)| = 4, |P(A) ∩ P(B)| = 3, jaccard 3/4.
//
// Themes: every A meeting is an MSP, whose standing agenda carries clearance
// (Art. 5) and victim_assistance (Art. 6.3): vector (1, 1)/√2. B and C
// meetings have flags; B2 also has four agenda items, two tagged clearance, one
// transparency and one procedural (item 3 tagged in English and French counts
// once).
//
//	2024  C1 Geneva Mon 11–Tue 12 Nov, A1 Geneva Wed 13–Fri 15, B1 Geneva Mon 18–Wed 20
//	2023  A2 Geneva Mon 6–Fri 10 Mar, B2 Geneva Fri 17 Mar, C2 Geneva Mon 20–Tue 21
//	2022  A3 Geneva Mon 13–Fri 17 Jun, B3 Oslo Wed 15–Tue 21 Jun; B9 no city 3–5 Oct
//	2021  A4 Geneva Mon 6–Wed 8 Sep, B4 Geneva Tue 7–Thu 9 Sep (no theme)
//	2025  A5 Geneva Mon 2–Fri 6 Jun, B5 Vienna Mon 23–Fri 27 Jun
//	2020  A10 Geneva online Mon 16–Fri 20 Nov, B10 Oslo Wed 18–Thu 19, C10 Geneva by
//	      written procedure Mon 23–Tue 24, B11 Oslo hybrid Thu 26–Fri 27
//	left out: A6 (start known to the month), A7 (end missing), B8 (cancelled)
var rec8Rows = map[string]string{
	"instruments": `(instrument_id, family, adopted_date) values
		('A', 'fa', '2000-01-01'), ('B', 'fb', '2000-01-01'), ('C', 'fa', '2000-01-01')`,
	"states": `(state_id, name) values ('S1', 'One'), ('S2', 'Two'), ('S3', 'Three'), ('S4', 'Four'),
		('CHE', 'Switzerland'), ('NOR', 'Norway'), ('AUT', 'Austria')`,
	"participation": `(state_id, instrument_id, consent_date, entry_into_force_date,
			withdrawal_effective_date, withdrawal_status) values
		('S1', 'A', '2009-06-01', '2010-01-01', null, null),
		('S2', 'A', '2009-06-01', '2010-01-01', null, null),
		('S3', 'A', '2009-06-01', '2010-01-01', '2025-06-10', 'effective'),
		('S1', 'B', '2009-06-01', '2010-01-01', null, null),
		('S2', 'B', '2009-06-01', '2010-01-01', '2025-06-20', 'effective'),
		('S3', 'B', '2009-06-01', '2010-01-01', null, null),
		('S4', 'B', '2009-06-01', '2010-01-01', null, null),
		('S1', 'C', '2009-06-01', '2010-01-01', null, null)`,
	"themes": themeRows + `, ('procedural', 'Procedural')`,
	"standing_agendas": `(instrument_id, body, theme, article) values
		('A', 'MSP', 'clearance', '5'), ('A', 'MSP', 'victim_assistance', '6.3')`,
	"meetings": `(meeting_id, instrument_id, body, start_date, end_date, start_precision,
			end_precision, city, status, agenda_clearance, agenda_victim_assistance, mode, virtual,
			mode_stated) values
		('C1', 'C', 'Conf', '2024-11-11', '2024-11-12', 'day', 'day', 'Geneva', 'held', true, null, 'in_person', false, false),
		('A1', 'A', 'MSP', '2024-11-13', '2024-11-15', 'day', 'day', 'Geneva', 'held', null, null, 'in_person', false, false),
		('B1', 'B', 'Conf', '2024-11-18', '2024-11-20', 'day', 'day', 'Geneva', 'held', true, false, 'in_person', false, false),
		('A2', 'A', 'MSP', '2023-03-06', '2023-03-10', 'day', 'day', 'Geneva', 'held', null, null, 'in_person', false, false),
		('B2', 'B', 'Conf', '2023-03-17', '2023-03-17', 'day', 'day', 'Geneva', 'held', null, true, 'in_person', false, false),
		('C2', 'C', 'Conf', '2023-03-20', '2023-03-21', 'day', 'day', 'Geneva', 'held', true, null, 'in_person', false, false),
		('A3', 'A', 'MSP', '2022-06-13', '2022-06-17', 'day', 'day', 'Geneva', 'held', null, null, 'in_person', false, false),
		('B3', 'B', 'Conf', '2022-06-15', '2022-06-21', 'day', 'day', 'Oslo', 'held', null, true, 'in_person', false, false),
		('B9', 'B', 'Conf', '2022-10-03', '2022-10-05', 'day', 'day', null, 'held', true, null, 'in_person', false, false),
		('A4', 'A', 'MSP', '2021-09-06', '2021-09-08', 'day', 'day', 'Geneva', 'held', null, null, 'in_person', false, false),
		('B4', 'B', 'Conf', '2021-09-07', '2021-09-09', 'day', 'day', 'Geneva', 'held', null, null, 'in_person', false, false),
		('A5', 'A', 'MSP', '2025-06-02', '2025-06-06', 'day', 'day', 'Geneva', 'held', null, null, 'in_person', false, false),
		('B5', 'B', 'Conf', '2025-06-23', '2025-06-27', 'day', 'day', 'Vienna', 'held', true, null, 'in_person', false, false),
		('A6', 'A', 'MSP', null, null, 'month', 'month', 'Geneva', 'held', null, null, 'in_person', false, false),
		('A7', 'A', 'MSP', '2023-09-04', null, 'day', 'missing', 'Geneva', 'held', null, null, 'in_person', false, false),
		('B8', 'B', 'Conf', '2023-09-05', '2023-09-06', 'day', 'day', 'Geneva', 'cancelled', true, null, 'in_person', false, false),
		('A10', 'A', 'MSP', '2020-11-16', '2020-11-20', 'day', 'day', 'Geneva', 'held', null, null, 'online', true, true),
		('B10', 'B', 'Conf', '2020-11-18', '2020-11-19', 'day', 'day', 'Oslo', 'held', true, null, 'in_person', false, false),
		('C10', 'C', 'Conf', '2020-11-23', '2020-11-24', 'day', 'day', 'Geneva', 'held', true, null, 'written_procedure', false, true),
		('B11', 'B', 'Conf', '2020-11-26', '2020-11-27', 'day', 'day', 'Oslo', 'held', true, null, 'hybrid', false, true)`,
	"agenda_items": `(meeting_id, item_number, lang) values
		('B2', '1', 'en'), ('B2', '1', 'fr'), ('B2', '2', 'en'), ('B2', '3', 'en'),
		('B2', '3', 'fr'), ('B2', '4', 'en')`,
	"agenda_item_themes": `(meeting_id, item_number, lang, theme_id) values
		('B2', '2', 'en', 'clearance'), ('B2', '3', 'en', 'clearance'),
		('B2', '3', 'fr', 'clearance'), ('B2', '4', 'en', 'transparency'),
		('B2', '1', 'en', 'procedural')`,
}

// runRec8 builds the whole project on rec8Rows.
func runRec8(t *testing.T) *warehouse.DB {
	t.Helper()
	db := openTestDB(t)
	raw := writeRaw(t, db, rec8Rows)
	if _, err := models.Run(t.Context(), db, loadProject(t), raw, nil); err != nil {
		t.Fatalf("Run: %v", err)
	}
	return db
}

var (
	sqrt2    = math.Sqrt(2)
	sqrt6    = math.Sqrt(6)
	approx   = cmpopts.EquateApprox(0, 1e-12)
	i64      = func(n int) any { return int64(n) }
	noThemes = []any{}
)

func TestMeetingThemesCombined(t *testing.T) {
	db := runRec8(t)
	got := query(t, db, `select meeting_id, theme, provenance, items_tagged, items_total,
			item_share, article, weight
		from int_meeting_themes_combined where meeting_id in ('A1', 'B1', 'B2')
		order by meeting_id, theme`)
	want := [][]any{
		// standing agenda only: (1, 1) / √2
		{"A1", "clearance", "standing", i64(0), i64(0), nil, "5", 1 / sqrt2},
		{"A1", "victim_assistance", "standing", i64(0), i64(0), nil, "6.3", 1 / sqrt2},
		// flag only (agenda_victim_assistance false is no theme)
		{"B1", "clearance", "flag", i64(0), i64(0), nil, nil, 1.0},
		// 4 distinct items (1 and 3 are in two languages): clearance on items 2, 3
		// (share 2/4), transparency on item 4 (1/4), victim_assistance by flag only,
		// counted as one item; counts (2, 1, 1) over √(4+1+1) = √6. Item 1 is
		// procedural: kept, outside the vector (weight 0).
		{"B2", "clearance", "items", i64(2), i64(4), 0.5, nil, 2 / sqrt6},
		{"B2", "procedural", "items", i64(1), i64(4), 0.25, nil, 0.0},
		{"B2", "transparency", "items", i64(1), i64(4), 0.25, nil, 1 / sqrt6},
		{"B2", "victim_assistance", "flag", i64(0), i64(4), 0.0, nil, 1 / sqrt6},
	}
	if diff := cmp.Diff(want, got, approx); diff != "" {
		t.Errorf("int_meeting_themes_combined (-want +got):\n%s", diff)
	}
}

func TestMeetingPairs(t *testing.T) {
	db := runRec8(t)
	got := query(t, db, `select meeting_id_a, meeting_id_b, relation, gap_working_days, same_city,
			same_family, parties_a, parties_b, shared_parties, union_parties, jaccard,
			shared_themes, both_clearance, both_victim_assistance, theme_similarity,
			proximity, coherence, clash_cost
		from meeting_pairs where year(start_a) <> 2020 order by start_a, meeting_id_a, meeting_id_b`)
	const (
		j34 = 0.75 // 3 shared of 4 (A: S1 S2 S3, B: S1..S4)
	)
	cos1 := 1 / sqrt2           // (1,1)/√2 · (1,0)
	cos2 := 3 / (sqrt2 * sqrt6) // (1,1,0)/√2 · (2,1,1)/√6 over (clearance, transparency, va) = √3/2
	cos2C := 2 / sqrt6          // B2 (2,1,1)/√6 · C2 clearance (1,0,0)
	prox4 := math.Pow(0.5, 3.0/5)
	prox5 := math.Pow(0.5, 4.0/5)
	both := []any{"clearance", "victim_assistance"}
	clear := []any{"clearance"}
	va := []any{"victim_assistance"}
	want := [][]any{
		// 2021: Geneva overlap Tue 7–Wed 8 Sep: concurrent, gap −2; B4 has no theme.
		{"A4", "B4", "concurrent", i64(-2), true, false, i64(3), i64(4), i64(3), i64(4), j34,
			noThemes, false, false, nil, nil, nil, nil},
		// 2022: Geneva Mon 13–Fri 17 vs Oslo Wed 15–Tue 21 Jun: overlap Wed–Fri = 3
		// working days, gap −3, clash; cosine (1,1)/√2 · (0,1) = 1/√2;
		// clash_cost = 3 shared × 1/√2.
		{"A3", "B3", "clash", i64(-3), false, false, i64(3), i64(4), i64(3), i64(4), j34,
			va, false, true, cos1, nil, nil, 3 * cos1},
		// 2023: Fri 10 → Fri 17 Mar: Mon 13–Thu 16 between = gap 4, a week apart:
		// same_city_window, proximity 0.5^((4−1)/5); coherence = prox × 3/4 × √3/2.
		{"A2", "B2", "same_city_window", i64(4), true, false, i64(3), i64(4), i64(3), i64(4), j34,
			both, true, true, cos2, prox4, prox4 * j34 * cos2, nil},
		// A2 → C2: Mon 13–Fri 17 between = gap 5; one family; C: S1 only, jaccard 1/3.
		{"A2", "C2", "same_city_window", i64(5), true, true, i64(3), i64(1), i64(1), i64(3), 1.0 / 3,
			clear, true, false, cos1, prox5, prox5 / 3 * cos1, nil},
		// B2 Fri 17 → C2 Mon 20: gap 0, back_to_back; jaccard 1/4.
		{"B2", "C2", "back_to_back", i64(0), true, false, i64(4), i64(1), i64(1), i64(4), 0.25,
			clear, true, false, cos2C, 1.0, 0.25 * cos2C, nil},
		// 2024: C1 Tue 12 → A1 Wed 13: gap 0, same family.
		{"C1", "A1", "back_to_back", i64(0), true, true, i64(1), i64(3), i64(1), i64(3), 1.0 / 3,
			clear, true, false, cos1, 1.0, cos1 / 3, nil},
		// C1 Tue 12 → B1 Mon 18: Wed 13–Fri 15 between = gap 3.
		{"C1", "B1", "same_city_window", i64(3), true, false, i64(1), i64(4), i64(1), i64(4), 0.25,
			clear, true, false, 1.0, math.Pow(0.5, 2.0/5), math.Pow(0.5, 2.0/5) * 0.25, nil},
		// A1 Fri 15 → B1 Mon 18 Nov, Geneva: Friday → Monday is gap 0, back_to_back,
		// proximity 1, so coherence = jaccard × cosine = 3/4 × 1/√2.
		{"A1", "B1", "back_to_back", i64(0), true, false, i64(3), i64(4), i64(3), i64(4), j34,
			clear, true, false, cos1, 1.0, j34 * cos1, nil},
		// 2025: S3 left A on 10 Jun, after A5 opened (2 Jun), and S2 left B on 20 Jun,
		// before B5 opened (23 Jun). Each meeting's own opening day: P(A, 2 Jun) =
		// {S1 S2 S3}, P(B, 23 Jun) = {S1 S3 S4}: shared {S1 S3} = 2, union 4 (on
		// B5's day alone it would be {S1} = 1). Fri 6 → Mon 23: Mon 9–Fri 20 = 10
		// working days between, different cities: separate.
		{"A5", "B5", "separate", i64(10), false, false, i64(3), i64(3), i64(2), i64(4), 0.5,
			clear, true, false, cos1, nil, nil, nil},
	}
	if diff := cmp.Diff(want, got, approx); diff != "" {
		t.Errorf("meeting_pairs (-want +got):\n%s", diff)
	}

	// 2020: a remote meeting never clashes by city and never sits back to back.
	remote := query(t, db, `select meeting_id_a, meeting_id_b, relation, dates_overlap, same_city,
			mode_a, mode_b, remote_involved
		from meeting_pairs where year(start_a) = 2020 order by start_a, meeting_id_a, meeting_id_b`)
	wantRemote := [][]any{
		// A10 online in Geneva overlaps B10 in Oslo: without the remote rule a
		// clash; the delegation need not split between cities: concurrent.
		{"A10", "B10", "concurrent", true, false, "online", "in_person", true},
		// A10 Fri 20 → B11 Thu 26 (Oslo): separate.
		{"A10", "B11", "separate", false, false, "online", "hybrid", true},
		// A10 Fri 20 → C10 Mon 23, both "Geneva": gap 0 in one city, but neither
		// needs a journey: separate, not back_to_back.
		{"A10", "C10", "separate", false, true, "online", "written_procedure", true},
		{"B10", "C10", "separate", false, false, "in_person", "written_procedure", true},
		{"C10", "B11", "separate", false, false, "written_procedure", "hybrid", true},
	}
	if diff := cmp.Diff(wantRemote, remote); diff != "" {
		t.Errorf("meeting_pairs with remote meetings (-want +got):\n%s", diff)
	}

	// parties_a agrees with meetings_enriched.parties_on_opening_day.
	bad := query(t, db, `select count(*) from meeting_pairs
		join meetings_enriched on meeting_id = meeting_id_a
		where parties_a <> parties_on_opening_day`)
	if bad[0][0] != int64(0) {
		t.Errorf("%v pairs where parties_a differs from meetings_enriched", bad[0][0])
	}
}

func TestMeetingsUnpaired(t *testing.T) {
	db := runRec8(t)
	got := query(t, db, `select meeting_id, reason from meetings_unpaired order by meeting_id`)
	want := [][]any{
		{"A6", "start known only to the month"},
		{"A7", "end date missing"},
		{"B8", "cancelled"},
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("meetings_unpaired (-want +got):\n%s", diff)
	}
	// Every meeting is either pairable or unpaired.
	n := query(t, db, `select (select count(*) from stg_synergy__meetings),
		(select count(*) from int_meetings_dated where is_pairable)
		+ (select count(*) from meetings_unpaired)`)
	if n[0][0] != n[0][1] {
		t.Errorf("meetings %v, pairable + unpaired %v", n[0][0], n[0][1])
	}
}

func TestStateYearBurden(t *testing.T) {
	db := runRec8(t)
	got := query(t, db, `select state_id, year, meetings, remote_meetings, trips, trips_lower_bound,
			trips_saveable, coherence_index, meetings_without_city, mergeable_meetings
		from state_year_burden order by year, state_id`)
	none := []any{}
	want := [][]any{
		// 2020: A10 (online) and C10 (written procedure) are meetings but no trips;
		// B10 and B11 in Oslo, 4 working days apart (Fri 20 – Wed 25 Nov), are two
		// trips, bound 1 (Oslo, H2). S1 (A, B, C): 4 meetings, 2 remote, index
		// (4−2−2)/(4−2−1) = 0; S2, S3 (A, B): (3−1−2)/(3−1−1) = 0; S4 (B): 0/1.
		{"S1", i64(2020), i64(4), i64(2), i64(2), i64(1), i64(1), 0.0, i64(0), []any{"B10", "B11"}},
		{"S2", i64(2020), i64(3), i64(1), i64(2), i64(1), i64(1), 0.0, i64(0), []any{"B10", "B11"}},
		{"S3", i64(2020), i64(3), i64(1), i64(2), i64(1), i64(1), 0.0, i64(0), []any{"B10", "B11"}},
		{"S4", i64(2020), i64(2), i64(0), i64(2), i64(1), i64(1), 0.0, i64(0), []any{"B10", "B11"}},
		// 2021: A4 only (B4 has no clearance or victim-assistance theme): 1 meeting,
		// 1 trip, bound 1: nothing could be gained, so no index (NULL, not 1).
		{"S1", i64(2021), i64(1), i64(0), i64(1), i64(1), i64(0), nil, i64(0), none},
		{"S2", i64(2021), i64(1), i64(0), i64(1), i64(1), i64(0), nil, i64(0), none},
		{"S3", i64(2021), i64(1), i64(0), i64(1), i64(1), i64(0), nil, i64(0), none},
		// 2022: A3 Geneva, B3 Oslo, B9 without a city (its own trip, and its own unit
		// of the lower bound): 3 meetings, 3 trips, bound 2 + 1 = 3: no index.
		{"S1", i64(2022), i64(3), i64(0), i64(3), i64(3), i64(0), nil, i64(1), none},
		{"S2", i64(2022), i64(3), i64(0), i64(3), i64(3), i64(0), nil, i64(1), none},
		{"S3", i64(2022), i64(3), i64(0), i64(3), i64(3), i64(0), nil, i64(1), none},
		{"S4", i64(2022), i64(2), i64(0), i64(2), i64(2), i64(0), nil, i64(1), none},
		// 2023, S1 (party to A, B, C): A2 (6–10 Mar), then B2 (17 Mar, 4 working days
		// later: a new trip) and C2 (20–21 Mar, 0 days after B2: same trip). 3
		// meetings, 2 trips, all Geneva H1 so bound 1: saveable 1, index (3−2)/(3−1).
		{"S1", i64(2023), i64(3), i64(0), i64(2), i64(1), i64(1), 0.5, i64(0), []any{"A2", "B2", "C2"}},
		// S2, S3: A2 and B2, 2 trips, bound 1: index (2−2)/(2−1) = 0.
		{"S2", i64(2023), i64(2), i64(0), i64(2), i64(1), i64(1), 0.0, i64(0), []any{"A2", "B2"}},
		{"S3", i64(2023), i64(2), i64(0), i64(2), i64(1), i64(1), 0.0, i64(0), []any{"A2", "B2"}},
		{"S4", i64(2023), i64(1), i64(0), i64(1), i64(1), i64(0), nil, i64(0), none},
		// 2024: C1, A1, B1 back to back in Geneva: one trip; S1 (3−1)/(3−1) = 1.
		{"S1", i64(2024), i64(3), i64(0), i64(1), i64(1), i64(0), 1.0, i64(0), none},
		{"S2", i64(2024), i64(2), i64(0), i64(1), i64(1), i64(0), 1.0, i64(0), none},
		{"S3", i64(2024), i64(2), i64(0), i64(1), i64(1), i64(0), 1.0, i64(0), none},
		{"S4", i64(2024), i64(1), i64(0), i64(1), i64(1), i64(0), nil, i64(0), none},
		// 2025: S2 was no longer party to B on 23 Jun, S3 still party to A on 2 Jun.
		{"S1", i64(2025), i64(2), i64(0), i64(2), i64(2), i64(0), nil, i64(0), none},
		{"S2", i64(2025), i64(1), i64(0), i64(1), i64(1), i64(0), nil, i64(0), none},
		{"S3", i64(2025), i64(2), i64(0), i64(2), i64(2), i64(0), nil, i64(0), none},
		{"S4", i64(2025), i64(1), i64(0), i64(1), i64(1), i64(0), nil, i64(0), none},
	}
	if diff := cmp.Diff(want, got, approx); diff != "" {
		t.Errorf("state_year_burden (-want +got):\n%s", diff)
	}
}

func TestYearCoherence(t *testing.T) {
	db := runRec8(t)
	got := query(t, db, `select year, theme, meetings, pairs, clash_pairs, concurrent_pairs,
			back_to_back_pairs, same_city_window_pairs, separate_pairs, same_family_pairs,
			meetings_with_back_to_back_partner, share_with_back_to_back_partner,
			clash_shared_parties, state_meetings, state_trips, state_trips_lower_bound,
			trips_saveable, coherence_index
		from year_coherence where year in (2022, 2023) order by year, theme`)
	want := [][]any{
		// 2022: A3 × B3 clash with 3 shared parties; B3 addresses victim assistance
		// only, so it is no clearance pair. State sums: 3+3+3+2 meetings, as many trips:
		// nothing could be gained, no index.
		{i64(2022), "any", i64(3), i64(1), i64(1), i64(0), i64(0), i64(0), i64(0), i64(0),
			i64(0), 0.0, i64(3), i64(11), i64(11), i64(11), i64(0), nil},
		// clearance: A3 and B9 (S4: B9 only): 2+2+2+1.
		{i64(2022), "clearance", i64(2), i64(0), i64(0), i64(0), i64(0), i64(0), i64(0), i64(0),
			i64(0), 0.0, i64(0), i64(7), i64(7), i64(7), i64(0), nil},
		{i64(2022), "victim_assistance", i64(2), i64(1), i64(1), i64(0), i64(0), i64(0), i64(0), i64(0),
			i64(0), 0.0, i64(3), i64(7), i64(7), i64(7), i64(0), nil},
		// 2023: A2–B2 same_city_window and B2–C2 back_to_back across families;
		// A2–C2 is one family, left out of the counts. B2 and C2 have a
		// back_to_back partner: 2 of 3. States: S1 (3, 2, 1), S2 and S3 (2, 2, 1),
		// S4 (1, 1, 1): Σ(m − t) / Σ(m − lb) = (1+0+0+0) / (2+1+1+0) = 0.25.
		{i64(2023), "any", i64(3), i64(2), i64(0), i64(0), i64(1), i64(1), i64(0), i64(1),
			i64(2), 2.0 / 3, i64(0), i64(8), i64(7), i64(4), i64(3), 0.25},
		{i64(2023), "clearance", i64(3), i64(2), i64(0), i64(0), i64(1), i64(1), i64(0), i64(1),
			i64(2), 2.0 / 3, i64(0), i64(8), i64(7), i64(4), i64(3), 0.25},
		// victim assistance: A2 and B2 only (C2 flags clearance): 2 trips for S1–S3.
		{i64(2023), "victim_assistance", i64(2), i64(1), i64(0), i64(0), i64(0), i64(1), i64(0), i64(0),
			i64(0), 0.0, i64(0), i64(7), i64(7), i64(4), i64(3), 0.0},
	}
	if diff := cmp.Diff(want, got, approx); diff != "" {
		t.Errorf("year_coherence (-want +got):\n%s", diff)
	}

	// Same-family co-location and remote meetings, apart: 2024's week is C1
	// (family fa) then A1 (fa) back to back, then B1 (fb); 2023's shared trip
	// is B2 (fb) + C2 (fa); 2020 has two remote meetings.
	apart := query(t, db, `select year, state_remote_meetings, same_family_back_to_back_pairs,
			meetings_with_same_family_back_to_back_partner,
			share_with_same_family_back_to_back_partner, back_to_back_pairs,
			meetings_with_back_to_back_partner, state_trips_avoided_cross_family,
			coherence_index, coherence_index_cross_family
		from year_coherence where theme = 'any' and year in (2020, 2022, 2023, 2024) order by year`)
	wantApart := [][]any{
		// 2020: S1 4 meetings (2 remote), S2 and S3 3 (1), S4 2 (0): 12 state-meetings,
		// 4 remote, 8 trips, bound 4: (12−4−8)/(12−4−4) = 0; no trip mixes families.
		{i64(2020), i64(4), i64(0), i64(0), 0.0, i64(0), i64(0), i64(0), 0.0, 0.0},
		{i64(2022), i64(0), i64(0), i64(0), 0.0, i64(0), i64(0), i64(0), nil, nil},
		// 2023: only S1's trip B2 + C2 brings two families together: 1 of Σ(m − lb)
		// = 2+1+1+0 = 4.
		{i64(2023), i64(0), i64(0), i64(0), 0.0, i64(1), i64(2), i64(1), 0.25, 0.25},
		// 2024: C1–A1 is the same-family back-to-back pair (C1 and A1 have such a
		// partner, 2 of 3); A1–B1 the cross-family one. Trips avoided 2+1+1+0 = 4
		// of 4 (index 1); across families S1's trip (fa, fb) and S2's and S3's
		// (A1 + B1) each 1: 3/4.
		{i64(2024), i64(0), i64(1), i64(2), 2.0 / 3, i64(1), i64(2), i64(3), 1.0, 0.75},
	}
	if diff := cmp.Diff(wantApart, apart, approx); diff != "" {
		t.Errorf("year_coherence, same family and remote apart (-want +got):\n%s", diff)
	}

	// 'any' agrees with state_year_burden, year by year.
	bad := query(t, db, `select year from year_coherence
		full join (select year, sum(meetings) as m, sum(trips) as tr, sum(trips_lower_bound) as lb
			from state_year_burden group by year) using (year)
		where theme = 'any' and (state_meetings, state_trips, state_trips_lower_bound)
			is distinct from (m, tr, lb)`)
	if len(bad) > 0 {
		t.Errorf("year_coherence 'any' differs from state_year_burden in %v", bad)
	}
}

// The pairs are built by a range join, never by a cross product or a nested
// loop: STACK.md's IEJoin trap. On 10,000 meetings DuckDB plans the horizon
// join of meeting_pair_spans as an IE_JOIN, since its two inequalities come
// first in the ON clause and the statement materializes no CTE. (Below 1,000
// estimated rows a side, merge_join_threshold, DuckDB picks a piecewise merge
// join instead: the real calendar's plan; also a range join.)
func TestMeetingPairsPlanIsARangeJoin(t *testing.T) {
	const n = 10000
	db := openTestDB(t)
	raw := writeRaw(t, db, map[string]string{
		"instruments": `(instrument_id, family) values ('A', 'fa'), ('B', 'fb'), ('C', 'fc'), ('D', 'fd')`,
		"themes":      themeRows,
		// meeting i: instrument i mod 4, starts 3i days after 2000-01-03, lasts
		// 1 + i mod 5 days
		"meetings": `(meeting_id, instrument_id, start_date, end_date, city, agenda_clearance)
			select 'M' || i, ['A', 'B', 'C', 'D'][i % 4 + 1], date '2000-01-03' + cast(i * 3 as integer),
				date '2000-01-03' + cast(i * 3 + i % 5 as integer), ['Geneva', 'Oslo'][i % 2 + 1], true
			from range(` + strconv.Itoa(n) + `) as r(i)`,
	})
	p := loadProject(t)
	if _, err := models.Run(t.Context(), db, p, raw, nil); err != nil {
		t.Fatalf("Run: %v", err)
	}
	plan := explain(t, db, p.Model("meeting_pair_spans").SQL)
	if !strings.Contains(plan, `"IE_JOIN"`) {
		t.Errorf("meeting_pair_spans plan has no IE_JOIN:\n%s", plan)
	}
	for _, op := range []string{"CROSS_PRODUCT", "NESTED_LOOP_JOIN", "BLOCKWISE_NL_JOIN"} {
		if strings.Contains(plan, op) {
			t.Errorf("meeting_pair_spans plan has %s:\n%s", op, plan)
		}
	}
	// The same pairs by brute force: different instruments, the later starting
	// at most 90 days after the earlier ends.
	want := 0
	for i := 0; i < n; i++ {
		for j := i + 1; j < n; j++ {
			if i%4 != j%4 && 3*j-(3*i+i%5) <= 90 {
				want++
			}
		}
	}
	if got := query(t, db, "select count(*) from meeting_pairs")[0][0]; got != int64(want) {
		t.Errorf("meeting_pairs has %v pairs, brute force %d", got, want)
	}
}

// explain returns the physical plan of q as JSON text, where operator names
// are never wrapped as in the boxed rendering.
func explain(t *testing.T, db *warehouse.DB, q string) string {
	t.Helper()
	var b strings.Builder
	for _, row := range query(t, db, "explain (format json) "+q) {
		for _, v := range row {
			if s, ok := v.(string); ok {
				b.WriteString(s)
				b.WriteByte('\n')
			}
		}
	}
	return b.String()
}
