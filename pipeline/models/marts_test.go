package models_test

import (
	"testing"

	"github.com/google/go-cmp/cmp"

	"synergy/pipeline/models"
)

// fixtureRows is a small world: instrument X (adopted 2008) and its protocol Y
// (adoption unknown, first consent 2015), six states, and seven meetings of X.
//
//	AAA  X: consent 2008-12-03, in force 2010-08-01
//	BBB  X: consent 2009-06-01, in force 2010-08-01, withdrawal effective 2010-09-01;
//	        spell 2: consent 2011-02-01, in force 2011-08-01
//	CCC  X: consent 2010-11-20, entry into force unknown
//	DDD  X: signature only
//	EEE  X: consent date unknown, in force 2010-05-01
//	FFF  X: consent 2009-01-01, in force 2010-08-01, withdrawal notified 2012-01-10
//	        with status 'notified' (not in effect: recorded date 2012-07-10 not applied)
//	AAA  Y: consent 2015-03-01, in force 2015-09-01
var fixtureRows = map[string]string{
	"instruments": `(instrument_id, short_name, full_name, family, parent_instrument_id, adopted_date, entry_into_force_date) values
		('X', 'X short', 'X full', 'fx', null, '2008-05-30', '2010-08-01'),
		('Y', 'Y short', 'Y full', 'fx', 'X', null, null)`,
	"instrument_articles": `(instrument_id, article, theme) values ('X', '5', 'clearance')`,
	"states": `(state_id, name) values ('AAA', 'A'), ('BBB', 'B'), ('CCC', 'C'), ('DDD', 'D'),
		('EEE', 'E'), ('FFF', 'F'), ('CHE', 'Switzerland')`,
	"state_names": `(name, state_id) values ('Aland', 'AAA')`,
	"participation": `(state_id, instrument_id, spell, signature_date, consent_date, consent_kind,
			entry_into_force_date, withdrawal_notified_date, withdrawal_effective_date, withdrawal_status) values
		('AAA', 'X', 1, null, '2008-12-03', 'ratification', '2010-08-01', null, null, null),
		('BBB', 'X', 1, null, '2009-06-01', 'accession', '2010-08-01', '2010-03-01', '2010-09-01', 'effective'),
		('BBB', 'X', 2, null, '2011-02-01', 'accession', '2011-08-01', null, null, null),
		('CCC', 'X', 1, null, '2010-11-20', 'consent_to_be_bound', null, null, null, null),
		('DDD', 'X', 1, '2008-12-03', null, null, null, null, null, null),
		('EEE', 'X', 1, null, null, null, '2010-05-01', null, null, null),
		('FFF', 'X', 1, null, '2009-01-01', 'ratification', '2010-08-01', '2012-01-10', '2012-07-10', 'notified'),
		('AAA', 'Y', 1, null, '2015-03-01', 'succession', '2015-09-01', null, null, null)`,
	"meetings": `(meeting_id, instrument_id, start_date, end_date, start_precision, end_precision, city, country_id) values
		('M1', 'X', '2010-11-29', '2010-12-03', 'day', 'day', 'Geneva', 'CHE'),
		('M2', 'X', '2010-11-29', '2010-11-29', 'day', 'day', 'Geneva', 'CHE'),
		('M3', 'X', '2012-05-07', null, 'day', 'month', null, null),
		('M4', 'X', '2024-11-15', '2024-11-18', 'day', 'day', null, null),
		('M5', 'X', null, null, 'month', 'month', null, null),
		('M6', 'X', '2010-08-01', '2010-08-01', 'day', 'day', null, null),
		('M7', 'X', '2010-09-01', '2010-09-03', 'day', 'day', null, null)`,
	"agenda_items": `(meeting_id, item_number, lang) values ('M1', '1', 'en'), ('M1', '1', 'fr')`,
	"rejects":      `(source_file, line, field, reason) values ('meetings.csv', 7, 'start_date', 'bad date')`,
}

func TestPartyCounts(t *testing.T) {
	db := openTestDB(t)
	raw := writeRaw(t, db, fixtureRows)
	p := loadProject(t)
	if _, err := models.Run(t.Context(), db, p, raw, nil); err != nil {
		t.Fatalf("Run: %v", err)
	}
	got := query(t, db, `select instrument_id, cast(count_date as varchar), date_kind, meeting_ids,
			consented, in_force, withdrawn, consented_without_eif_date, withdrawal_pending,
			in_force_not_consented
		from party_counts
		where count_date in ('2008-12-31', '2009-12-31', '2010-08-01', '2010-09-01', '2010-11-29',
			'2010-12-31', '2011-12-31', '2012-05-07', '2024-11-15', '2024-12-31', '2015-12-31')
		order by instrument_id, count_date, date_kind`)
	// columns: instrument, day, kind, meetings, consented, in_force, withdrawn,
	// consented_without_eif_date, withdrawal_pending, in_force_not_consented
	var none []any = []any{}
	want := [][]any{
		{"X", "2008-12-31", "year_end", none, 1, 0, 0, 0, 0, 0},                     // AAA consented
		{"X", "2009-12-31", "year_end", none, 3, 0, 0, 0, 0, 0},                     // + BBB, FFF
		{"X", "2010-08-01", "meeting_opening", []any{"M6"}, 3, 4, 0, 0, 1, 1},       // EIF day: AAA BBB EEE FFF; BBB has notified
		{"X", "2010-09-01", "meeting_opening", []any{"M7"}, 2, 3, 1, 0, 0, 1},       // BBB's withdrawal takes effect that day
		{"X", "2010-11-29", "meeting_opening", []any{"M1", "M2"}, 3, 3, 1, 1, 0, 1}, // + CCC, EIF unknown
		{"X", "2010-12-31", "year_end", none, 3, 3, 1, 1, 0, 1},
		{"X", "2011-12-31", "year_end", none, 4, 4, 0, 1, 0, 1},               // BBB back (spell 2)
		{"X", "2012-05-07", "meeting_opening", []any{"M3"}, 4, 4, 0, 1, 1, 1}, // FFF notified 2012-01-10
		{"X", "2015-12-31", "year_end", none, 4, 4, 0, 1, 1, 1},               // FFF's 'notified' withdrawal not applied
		{"X", "2024-11-15", "meeting_opening", []any{"M4"}, 4, 4, 0, 1, 1, 1},
		{"X", "2024-12-31", "year_end", none, 4, 4, 0, 1, 1, 1}, // horizon: latest date 2024-11-18
		{"Y", "2015-12-31", "year_end", none, 1, 1, 0, 0, 0, 0}, // first year from first consent
		{"Y", "2024-12-31", "year_end", none, 1, 1, 0, 0, 0, 0},
	}
	for _, row := range want {
		for i := 4; i < len(row); i++ {
			row[i] = int64(row[i].(int))
		}
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("party_counts (-want +got):\n%s", diff)
	}

	// Year ends run from the first year through the data's last year, no more.
	years := query(t, db, `select instrument_id, min(year(count_date)), max(year(count_date)), count(*)
		from party_counts where date_kind = 'year_end' group by all order by all`)
	wantYears := [][]any{{"X", int64(2008), int64(2024), int64(17)}, {"Y", int64(2015), int64(2024), int64(10)}}
	if diff := cmp.Diff(wantYears, years); diff != "" {
		t.Errorf("year ends (-want +got):\n%s", diff)
	}
}

func TestMeetingsEnriched(t *testing.T) {
	db := openTestDB(t)
	raw := writeRaw(t, db, fixtureRows)
	p := loadProject(t)
	if _, err := models.Run(t.Context(), db, p, raw, nil); err != nil {
		t.Fatalf("Run: %v", err)
	}
	got := query(t, db, `select meeting_id, instrument_short_name, instrument_family, length_working_days,
			parties_on_opening_day, consented_on_opening_day, is_virtual, city
		from meetings_enriched order by meeting_id`)
	i := func(n int64) any { return n }
	want := [][]any{
		{"M1", "X short", "fx", i(5), i(3), i(3), false, "Geneva"}, // Mon 29 Nov .. Fri 3 Dec 2010
		{"M2", "X short", "fx", i(1), i(3), i(3), false, "Geneva"}, // one Monday
		{"M3", "X short", "fx", nil, i(4), i(4), false, nil},       // end known to the month only
		{"M4", "X short", "fx", i(2), i(4), i(4), false, nil},      // Fri 15 .. Mon 18 Nov 2024
		{"M5", "X short", "fx", nil, nil, nil, false, nil},         // start known to the month only
		{"M6", "X short", "fx", i(0), i(4), i(3), false, nil},      // a Sunday
		{"M7", "X short", "fx", i(3), i(3), i(2), false, nil},      // Wed .. Fri
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("meetings_enriched (-want +got):\n%s", diff)
	}
}

// Hand-worked values, then every pair of days in a 10-week window around the
// 1969-12-29 epoch of the closed form and in 2024 against a brute-force count.
func TestWorkingDaysMacro(t *testing.T) {
	db := openTestDB(t)
	p := loadProject(t)
	if _, err := models.Run(t.Context(), db, &models.Project{Macros: p.Macros}, nil, nil); err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		from, to string
		want     any
	}{
		{"2024-11-15", "2024-11-18", int64(2)}, // Fri .. Mon
		{"2010-11-29", "2010-12-03", int64(5)}, // Mon .. Fri, APMBC 10MSP
		{"2024-11-16", "2024-11-17", int64(0)}, // Sat .. Sun
		{"2024-11-18", "2024-11-18", int64(1)}, // one Monday
		{"2024-11-16", "2024-11-16", int64(0)}, // one Saturday
		{"2024-11-18", "2024-11-15", int64(0)}, // reversed
		{"2024-02-26", "2024-03-04", int64(6)}, // over 29 February
		{"1968-12-30", "1969-01-05", int64(5)}, // before the epoch
		{"1969-12-29", "1970-01-04", int64(5)}, // the epoch week
		{"2024-01-01", "2024-12-31", int64(262)},
		{"", "2024-01-01", nil},
		{"2024-01-01", "", nil},
	} {
		got := query(t, db, "select working_days(nullif($1, '')::date, nullif($2, '')::date)", tc.from, tc.to)[0][0]
		if got != tc.want {
			t.Errorf("working_days(%s, %s) = %v, want %v", tc.from, tc.to, got, tc.want)
		}
	}
	bad := query(t, db, `
		with days as (
			select unnest(generate_series(date '1969-11-17', date '1970-01-25', interval 1 day))::date as d
			union all
			select unnest(generate_series(date '2024-02-12', date '2024-04-21', interval 1 day))::date as d
		),
		pairs as (
			select a.d as a, b.d as b from days as a, days as b
			where b.d >= a.d and b.d - a.d < 70
		)
		select count(*) from pairs
		where working_days(a, b) <> (
			select count(*) from generate_series(a, b, interval 1 day) as g(x) where isodow(x) <= 5
		)`)
	if bad[0][0] != int64(0) {
		t.Errorf("working_days differs from the brute-force count on %v pairs", bad[0][0])
	}
}
