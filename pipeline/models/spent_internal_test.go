package models

import (
	"maps"
	"slices"
	"testing"

	"synergy/pipeline/warehouse"
	sqlmodels "synergy/sql"
)

// TestSpentShipped: a split run drops every intermediate table of the first build
// that the second (plan_backtest, state_year_burden) does not read, and the second
// drops those it reads, read between the builds too (int_profile_trips_counted:
// the backtest's years); marts and staging views are never dropped.
func TestSpentShipped(t *testing.T) {
	p, err := Load(sqlmodels.FS)
	if err != nil {
		t.Fatal(err)
	}
	before, after, err := p.Split("planner_years", "planner_state_years")
	if err != nil {
		t.Fatal(err)
	}
	later := []string{"int_attendance_profiles", "int_meeting_scopes_listed",
		"int_profile_meetings_clustered", "int_profile_trips_counted"}
	if got := slices.Sorted(maps.Keys(after.spent)); !slices.Equal(got, later) {
		t.Errorf("second build drops %v, want %v", got, later)
	}
	for _, m := range p.Models {
		inBefore, inAfter := before.spent[m.Name], after.spent[m.Name]
		switch {
		case m.Layer != LayerIntermediate && (inBefore || inAfter):
			t.Errorf("%s (%s) is dropped", m.Name, m.Layer)
		case m.Layer == LayerIntermediate && inBefore == slices.Contains(later, m.Name):
			t.Errorf("%s: dropped by the first build %v", m.Name, inBefore)
		}
	}
	if p.spent != nil {
		t.Error("a loaded project drops tables; only a split one should")
	}
}

// TestInGrainOrder: the export copies a table as it is only when its rows are in
// strictly increasing grain order without NULLs.
func TestInGrainOrder(t *testing.T) {
	db, err := warehouse.Open(t.Context(), warehouse.Options{TempDir: t.TempDir()})
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	for _, tc := range []struct {
		name, sql string
		want      bool
	}{
		{"ordered", "select x // 10 as a, x % 10 as b from range(5000) t(x) order by a, b", true},
		{"reversed", "select x // 10 as a, x % 10 as b from range(5000) t(x) order by a, b desc", false},
		{"duplicate key", "select x // 10 as a, 1 as b from range(5000) t(x) order by a", false},
		{"null in grain", "select x // 10 as a, case when x = 7 then null else x % 10 end as b from range(50) t(x) order by a, b", false},
		{"empty", "select 1 as a, 2 as b where false", true},
	} {
		if err := db.Exec(t.Context(), "create or replace table probe as "+tc.sql); err != nil {
			t.Fatal(err)
		}
		got, err := inGrainOrder(t.Context(), db, "probe", []string{"a", "b"})
		if err != nil || got != tc.want {
			t.Errorf("%s: inGrainOrder = %v, %v; want %v", tc.name, got, err, tc.want)
		}
	}
	if err := db.Exec(t.Context(), "create view probe_view as select * from probe"); err != nil {
		t.Fatal(err)
	}
	if got, err := inGrainOrder(t.Context(), db, "probe_view", []string{"a", "b"}); err != nil || got {
		t.Errorf("view: inGrainOrder = %v, %v; want false", got, err)
	}
}
