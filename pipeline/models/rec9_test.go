package models_test

import (
	"math"
	"testing"

	"github.com/google/go-cmp/cmp"

	"synergy/pipeline/models"
)

// rec9Rows: three states and three instruments adopted in 2019; the data's
// last year is 2020, so each pair has rows for 2019 and 2020 (31 December).
//
//	P (family fp): T1, T2 from 2019-06-01; T3 from 2020-03-01
//	Q (family fp): T1, T2 from 2019-06-01
//	R (family fr): T3 from 2019-06-01
//
// Obligations (the data cover P and Q only):
//
//	T1 P Art. 5 clearance, from 2019-06-01, ongoing
//	T1 Q Art. 4 clearance, from 2019-06-01, ongoing
//	T2 P Art. 5 clearance, from 2019-06-01, completed, no completion date,
//	   original deadline 2020-02-01: held in 2019 and 2020
//	T2 Q Art. 4 clearance, from 2019-06-01, completed 2019-10-01: held in 2019
//	T2 P Art. 6.3 victim_assistance, start unknown, ongoing
//	T3 P Art. 5 clearance, from 2020-03-01, ongoing
//	T3 R Art. 3 clearance, from 2019-06-01, ongoing, low confidence
//
// So P–R shares T3's clearance in 2020 on R's low-confidence row alone, as
// APMBC–CCW-PV does on the shipped data.
// Meetings, 2020 only: PM, an MSP of P (standing agenda: clearance Art. 5,
// victim_assistance Art. 6.3), and QM of Q flagging clearance.
var rec9Rows = map[string]string{
	"instruments": `(instrument_id, family, adopted_date) values
		('P', 'fp', '2019-01-01'), ('Q', 'fp', '2019-01-01'), ('R', 'fr', '2019-01-01')`,
	"states": `(state_id, name) values ('T1', 'One'), ('T2', 'Two'), ('T3', 'Three')`,
	"participation": `(state_id, instrument_id, consent_date, entry_into_force_date) values
		('T1', 'P', '2019-06-01', '2019-06-01'), ('T2', 'P', '2019-06-01', '2019-06-01'),
		('T3', 'P', '2020-03-01', '2020-03-01'),
		('T1', 'Q', '2019-06-01', '2019-06-01'), ('T2', 'Q', '2019-06-01', '2019-06-01'),
		('T3', 'R', '2019-06-01', '2019-06-01')`,
	"themes": themeRows,
	"standing_agendas": `(instrument_id, body, theme, article) values
		('P', 'MSP', 'clearance', '5'), ('P', 'MSP', 'victim_assistance', '6.3')`,
	"meetings": `(meeting_id, instrument_id, body, start_date, end_date, city, agenda_clearance) values
		('PM', 'P', 'MSP', '2020-11-02', '2020-11-06', 'Geneva', null),
		('QM', 'Q', 'Conf', '2020-11-09', '2020-11-10', 'Geneva', true)`,
	// R's only row is of low confidence: R counts as not covered, its share is
	// unknown rather than 0.
	"obligations": `(state_id, instrument_id, article, theme, start_date, original_deadline,
			status, completed_date, confidence) values
		('T1', 'P', '5', 'clearance', '2019-06-01', '2029-06-01', 'ongoing', null, 'high'),
		('T1', 'Q', '4', 'clearance', '2019-06-01', '2029-06-01', 'ongoing', null, 'medium'),
		('T2', 'P', '5', 'clearance', '2019-06-01', '2020-02-01', 'completed', null, 'high'),
		('T2', 'Q', '4', 'clearance', '2019-06-01', '2029-06-01', 'completed', '2019-10-01', 'low'),
		('T2', 'P', '6.3', 'victim_assistance', null, null, 'ongoing', null, 'memory'),
		('T3', 'R', '3', 'clearance', '2019-06-01', null, 'ongoing', null, 'low'),
		('T3', 'P', '5', 'clearance', '2020-03-01', '2030-03-01', 'ongoing', null, 'high')`,
}

func TestInstrumentPairSynergy(t *testing.T) {
	db := openTestDB(t)
	raw := writeRaw(t, db, rec9Rows)
	if _, err := models.Run(t.Context(), db, loadProject(t), raw, nil); err != nil {
		t.Fatalf("Run: %v", err)
	}
	got := query(t, db, `select instrument_a, instrument_b, year, same_family, parties_a, parties_b,
			parties_both, parties_either, membership_jaccard, containment_a_in_b,
			containment_b_in_a, obligations_covered, states_same_theme_obligations,
			obligation_share, agenda_theme_cosine, synergy_potential, synergy_components
		from instrument_pair_synergy order by all`)
	cos := 1 / math.Sqrt(2) // P: (clearance, va) = (1, 1)/√2; Q: (1, 0)
	want := [][]any{
		// 2019: P = Q = {T1 T2}: jaccard 1, containment 1 both ways. T1 (5 / 4) and T2
		// (5, deadline 2020 / 4, completed 2019-10-01) hold clearance in both: 2 of 2.
		// No meeting that year: no cosine, mean of 2 components.
		{"P", "Q", i64(2019), true, i64(2), i64(2), i64(2), i64(2), 1.0, 1.0, 1.0,
			true, i64(2), 1.0, nil, 1.0, i64(2)},
		// 2020: P = {T1 T2 T3}, Q = {T1 T2}: jaccard 2/3, P in Q 2/3, Q in P 1. T2's
		// Q obligation ended 2019-10-01: 1 of 2 common parties. Cosine 1/√2.
		{"P", "Q", i64(2020), true, i64(3), i64(2), i64(2), i64(3), 2.0 / 3, 2.0 / 3, 1.0,
			true, i64(1), 0.5, cos, (2.0/3 + 0.5 + cos) / 3, i64(3)},
		// P–R 2019: no common party; R has only a low-confidence row, so no
		// obligation share.
		{"P", "R", i64(2019), false, i64(2), i64(1), i64(0), i64(3), 0.0, 0.0, 0.0,
			false, i64(0), nil, nil, 0.0, i64(1)},
		// P–R 2020: T3 in both: 1/3; P in R 1/3, R in P 1; R held no meeting. T3
		// holds clearance in both, but R's row is of low confidence: counted, no
		// share.
		{"P", "R", i64(2020), false, i64(3), i64(1), i64(1), i64(3), 1.0 / 3, 1.0 / 3, 1.0,
			false, i64(1), nil, nil, 1.0 / 3, i64(1)},
		{"Q", "R", i64(2019), false, i64(2), i64(1), i64(0), i64(3), 0.0, 0.0, 0.0,
			false, i64(0), nil, nil, 0.0, i64(1)},
		{"Q", "R", i64(2020), false, i64(2), i64(1), i64(0), i64(3), 0.0, 0.0, 0.0,
			false, i64(0), nil, nil, 0.0, i64(1)},
	}
	if diff := cmp.Diff(want, got, approx); diff != "" {
		t.Errorf("instrument_pair_synergy (-want +got):\n%s", diff)
	}

	// Each instrument's own article stays visible.
	obl := query(t, db, `select year, shared_obligations from instrument_pair_synergy
		where instrument_a = 'P' and instrument_b = 'Q' order by year`)
	row := func(state string, low bool) any {
		return map[string]any{"state_id": state, "theme": "clearance", "article_a": "5", "article_b": "4",
			"low_confidence": low}
	}
	wantObl := [][]any{
		// T2's Q row is of low confidence.
		{i64(2019), []any{row("T1", false), row("T2", true)}},
		{i64(2020), []any{row("T1", false)}},
	}
	if diff := cmp.Diff(wantObl, obl); diff != "" {
		t.Errorf("shared_obligations (-want +got):\n%s", diff)
	}

	// What each score rests on, and whether the shared obligations rest only on
	// low-confidence rows: "obligations data: no" (obligations_covered false)
	// beside a shared row is always labelled low-confidence only.
	ev := query(t, db, `select instrument_a, instrument_b, year, evidence, evidence_count,
			obligations_covered, states_same_theme_obligations, states_low_confidence_obligations,
			obligations_low_confidence_only
		from instrument_pair_synergy order by same_family, evidence_count desc, synergy_potential desc,
			instrument_a, instrument_b, year`)
	wantEv := [][]any{
		{"P", "R", i64(2020), []any{"membership"}, i64(1), false, i64(1), i64(1), true},
		{"P", "R", i64(2019), []any{"membership"}, i64(1), false, i64(0), i64(0), false},
		{"Q", "R", i64(2019), []any{"membership"}, i64(1), false, i64(0), i64(0), false},
		{"Q", "R", i64(2020), []any{"membership"}, i64(1), false, i64(0), i64(0), false},
		// same family apart, after; evidence first: 2020 (three components) before
		// 2019 (two), though 2019's potential is higher.
		{"P", "Q", i64(2020), []any{"membership", "agendas", "obligations"}, i64(3), true, i64(1), i64(0), false},
		{"P", "Q", i64(2019), []any{"membership", "obligations"}, i64(2), true, i64(2), i64(1), false},
	}
	if diff := cmp.Diff(wantEv, ev); diff != "" {
		t.Errorf("evidence (-want +got):\n%s", diff)
	}
}
