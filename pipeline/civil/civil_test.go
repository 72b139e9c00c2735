package civil

import (
	"testing"
	"time"
)

func TestDayRoundTrip(t *testing.T) {
	tests := []struct {
		in   string
		want Day
	}{
		{"1970-01-01", 0},
		{"1970-01-02", 1},
		{"1969-12-31", -1},
		{"2024-03-01", 19783}, // 54 years: 13 leap days → 54*365+13 + 31 + 29 = 19783
	}
	for _, tc := range tests {
		got, err := ParseDay(tc.in)
		if err != nil {
			t.Fatalf("ParseDay(%q): %v", tc.in, err)
		}
		if got != tc.want || got.String() != tc.in {
			t.Errorf("ParseDay(%q) = %d (%s), want %d", tc.in, got, got, tc.want)
		}
	}
}

func TestParseDayRejectsImpossible(t *testing.T) {
	for _, s := range []string{"2023-02-29", "2024-13-01", "3 Dec 1997", "", "2024-1-1"} {
		if _, err := ParseDay(s); err == nil {
			t.Errorf("ParseDay(%q) succeeded, want error", s)
		}
	}
}

func TestAddMonthsClipsToMonthEnd(t *testing.T) {
	tests := []struct {
		from, want string
		n          int
	}{
		{"2006-08-31", "2007-02-28", 6},
		{"2007-08-31", "2008-02-29", 6},
		{"2006-10-31", "2007-04-30", 6}, // Protocol V, France: Dutch treaty register gives 2007-04-30
		{"2025-06-27", "2025-12-27", 6}, // APMBC withdrawals of Estonia, Latvia, Lithuania
	}
	for _, tc := range tests {
		got := mustDay(t, tc.from).AddMonths(tc.n)
		if got.String() != tc.want {
			t.Errorf("%s + %d months = %s, want %s", tc.from, tc.n, got, tc.want)
		}
	}
}

func TestParsePartial(t *testing.T) {
	tests := []struct {
		in          string
		first, last string
		prec        Precision
	}{
		{"2010", "2010-01-01", "2010-12-31", PrecisionYear},
		{"2012-11", "2012-11-01", "2012-11-30", PrecisionMonth},
		{"2024-02", "2024-02-01", "2024-02-29", PrecisionMonth},
		{"2019-11-13", "2019-11-13", "2019-11-13", PrecisionDay},
	}
	for _, tc := range tests {
		p, err := ParsePartial(tc.in)
		if err != nil {
			t.Fatalf("ParsePartial(%q): %v", tc.in, err)
		}
		if p.First.String() != tc.first || p.Last.String() != tc.last || p.Precision != tc.prec {
			t.Errorf("ParsePartial(%q) = %s..%s %s, want %s..%s %s", tc.in, p.First, p.Last, p.Precision, tc.first, tc.last, tc.prec)
		}
	}
	if p, err := ParsePartial(" "); err != nil || p.Precision != PrecisionMissing {
		t.Errorf("ParsePartial(blank) = %+v, %v; want missing", p, err)
	}
	for _, bad := range []string{"20x0", "2010-13", "2010-02-30", "10 Dec"} {
		if _, err := ParsePartial(bad); err == nil {
			t.Errorf("ParsePartial(%q) succeeded, want error", bad)
		}
	}
}

func TestWeekday(t *testing.T) {
	if got := mustDay(t, "2010-11-29").Weekday(); got != time.Monday { // 10MSP opened Monday 29 Nov 2010
		t.Errorf("weekday = %v, want Monday", got)
	}
}

func mustDay(t *testing.T, s string) Day {
	t.Helper()
	d, err := ParseDay(s)
	if err != nil {
		t.Fatal(err)
	}
	return d
}

func TestOptionalDates(t *testing.T) {
	a, b := Date(2025, 3, 6), Date(2025, 12, 27)
	tests := []struct {
		x, y *Day
		want int
	}{
		{nil, nil, 0}, {nil, &a, -1}, {&a, nil, 1}, {&a, &b, -1}, {&b, &a, 1}, {&a, Ptr(a), 0},
	}
	for _, tc := range tests {
		if got := Compare(tc.x, tc.y); got != tc.want {
			t.Errorf("Compare(%s, %s) = %d, want %d", Text(tc.x), Text(tc.y), got, tc.want)
		}
	}
	if Text(nil) != "" || Text(&a) != "2025-03-06" {
		t.Errorf("Text: %q, %q", Text(nil), Text(&a))
	}
}
