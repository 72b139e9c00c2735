package models_test

import (
	"errors"
	"testing"
	"testing/fstest"

	"synergy/pipeline/models"
	sqlmodels "synergy/sql"
)

func names(p *models.Project) []string {
	var out []string
	for _, m := range p.Models {
		out = append(out, m.Name)
	}
	return out
}

func TestSplit(t *testing.T) {
	fsys := fstest.MapFS{
		"macros/m.sql":                file("create or replace macro one() as 1;"),
		"staging/stg_src__things.sql": file(goodHeader + "select * from raw_things"),
		"intermediate/int_things_x.sql": file(goodHeader + "-- planner_rows in a comment is no reference\n" +
			"select *, 'planner_rows' as s from stg_src__things"),
		"marts/a_planned.sql": file(goodHeader + "select * from int_things_x join planner_rows using (id)"),
		"marts/b_after.sql":   file(goodHeader + "select * from a_planned"),
		"marts/c_before.sql":  file(goodHeader + "-- check: relationship(id -> int_things_x.id)\nselect * from int_things_x"),
	}
	p, err := models.Load(fsys)
	if err != nil {
		t.Fatal(err)
	}
	before, after, err := p.Split("planner_rows")
	if err != nil {
		t.Fatal(err)
	}
	if got, want := names(before), []string{"stg_src__things", "int_things_x", "c_before"}; !equal(got, want) {
		t.Errorf("before = %v, want %v", got, want)
	}
	if got, want := names(after), []string{"a_planned", "b_after"}; !equal(got, want) {
		t.Errorf("after = %v, want %v", got, want)
	}
	if len(before.Macros) != 1 || len(after.Macros) != 1 {
		t.Errorf("macros %d and %d, want the macros in both", len(before.Macros), len(after.Macros))
	}

	// A check of an earlier model on a later one cannot run in the first build.
	fsys["marts/c_before.sql"] = file(goodHeader + "-- check: relationship(id -> a_planned.id)\nselect * from int_things_x")
	if p, err = models.Load(fsys); err != nil {
		t.Fatal(err)
	}
	if _, _, err := p.Split("planner_rows"); !errors.Is(err, models.ErrDependency) {
		t.Errorf("Split with a check on a later model: %v, want ErrDependency", err)
	}
}

// TestSplitShipped: the shipped models read the planner's tables in plan_backtest
// and state_year_burden only, and nothing else depends on them.
func TestSplitShipped(t *testing.T) {
	p, err := models.Load(sqlmodels.FS)
	if err != nil {
		t.Fatal(err)
	}
	before, after, err := p.Split("planner_years", "planner_state_years")
	if err != nil {
		t.Fatal(err)
	}
	if got, want := names(after), []string{"plan_backtest", "state_year_burden"}; !equal(got, want) {
		t.Errorf("after = %v, want %v", got, want)
	}
	if len(before.Models)+len(after.Models) != len(p.Models) {
		t.Errorf("%d + %d models, want %d", len(before.Models), len(after.Models), len(p.Models))
	}
}

func equal(a, b []string) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}
