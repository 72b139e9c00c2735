package treaty

import (
	"testing"

	"synergy/pipeline/civil"
	"synergy/pipeline/rawtable"
)

func TestID(t *testing.T) {
	tests := []struct {
		name, want string
		ok         bool
	}{
		{"APMBC", "APMBC", true},
		{" CCW-PV ", "CCW-PV", true},
		{"CCW Amended Protocol II", "CCW-APII", true},
		{"CCW Protocol V", "CCW-PV", true},
		{"Ottawa", "", false},
		{"apmbc", "", false},
	}
	for _, tc := range tests {
		if got, ok := ID(tc.name); got != tc.want || ok != tc.ok {
			t.Errorf("ID(%q) = %q, %v; want %q, %v", tc.name, got, ok, tc.want, tc.ok)
		}
	}
}

func TestDeriveEntryIntoForce(t *testing.T) {
	rule, err := ParseRule("first_day_of_month_after:6;not_before:1999-03-01;art:17(2)")
	if err != nil {
		t.Fatal(err)
	}
	day := func(s string) *civil.Day { d := parseDay(t, s); return &d }
	kind := func(s string) *string { return &s }
	rows := []rawtable.Participation{
		{InstrumentID: "APMBC", ConsentDate: day("2000-02-29"), ConsentKind: kind("ratification")},
		{InstrumentID: "APMBC", ConsentDate: day("2006-06-03"), ConsentKind: kind("succession")},
		{InstrumentID: "APMBC", ConsentDate: day("2000-02-29"), EntryIntoForceDate: day("2000-09-01")},
		{InstrumentID: "APMBC"},
		{InstrumentID: "CCM", ConsentDate: day("2011-09-08")},
	}
	DeriveEntryIntoForce(rows, map[string]Rule{"APMBC": rule})
	want := []struct {
		eif     string
		derived bool
	}{
		{"2000-08-01", true}, // Albania: the rule (SOURCES.md)
		{"2006-06-03", true}, // a succession: its notification date
		{"2000-09-01", false},
		{"", false},
		{"", false}, // no rule for CCM
	}
	for i, w := range want {
		if got := civil.Text(rows[i].EntryIntoForceDate); got != w.eif || rows[i].EntryIntoForceDerived != w.derived {
			t.Errorf("row %d: eif %q derived %v, want %q %v", i, got, rows[i].EntryIntoForceDerived, w.eif, w.derived)
		}
	}
}
