package rawtable

import (
	"testing"

	"synergy/pipeline/civil"
)

func TestSettleStatus(t *testing.T) {
	asOf := civil.Date(2026, 12, 7)
	day := func(s string) *civil.Day {
		d, err := civil.ParseDay(s)
		if err != nil {
			t.Fatal(err)
		}
		return &d
	}
	tests := []struct {
		name, status, start, end string
		exact                    bool
		want                     string
	}{
		{"planned, ended before", StatusPlanned, "2026-08-24", "2026-08-28", true, StatusUnconfirmed},
		{"planned, ends on the day", StatusPlanned, "2026-12-01", "2026-12-07", true, StatusPlanned},
		{"planned, later", StatusPlanned, "2027-01-10", "2027-01-12", true, StatusPlanned},
		{"planned, year only, past", StatusPlanned, "2025", "2025", false, StatusUnconfirmed},
		{"planned, year only, this year", StatusPlanned, "2026", "2026", false, StatusPlanned},
		{"planned, start only, past", StatusPlanned, "2026-11-16", "", true, StatusUnconfirmed},
		{"held, past", StatusHeld, "2020-08-17", "2020-08-21", true, StatusHeld},
		{"held, not yet begun", StatusHeld, "2027-03-01", "2027-03-02", true, StatusPlanned},
		{"cancelled, past", StatusCancelled, "2020-03-23", "2020-03-27", true, StatusCancelled},
		{"postponed, later", StatusPostponed, "2027-03-01", "", true, StatusPostponed},
		{"planned, no date", StatusPlanned, "", "", false, StatusPlanned},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			m := Meeting{Status: tc.status, StartText: tc.start, EndText: tc.end}
			if tc.exact {
				m.StartDate = day(tc.start)
				if tc.end != "" {
					m.EndDate = day(tc.end)
				}
			}
			m.SettleStatus(asOf)
			if m.Status != tc.want {
				t.Errorf("status %s as of %s, want %s", m.Status, asOf, tc.want)
			}
		})
	}
}

func TestIsRemote(t *testing.T) {
	for mode, want := range map[string]bool{ModeInPerson: false, ModeOnline: true, ModeHybrid: false, ModeWrittenProcedure: true, "": false} {
		if got := IsRemote(mode); got != want {
			t.Errorf("IsRemote(%q) = %v, want %v", mode, got, want)
		}
	}
}
