// Package civil holds calendar dates without time zones, as the treaty and meeting
// sources state them, including dates known only to the month or the year.
//
// A [Day] counts days since 1970-01-01 and is what Parquet's DATE logical type stores,
// so records carrying Day fields write as DATE columns with parquet-go (a time.Time with
// the date tag is mis-encoded by parquet-go v0.32.0, see docs/architecture.md).
package civil

import (
	"fmt"
	"strconv"
	"strings"
	"time"
)

// Day is a calendar date as days since 1970-01-01 (negative before).
type Day int32

// DayOf returns the calendar date of t in t's own location.
func DayOf(t time.Time) Day {
	y, m, d := t.Date()
	return Date(y, m, d)
}

// Date returns the Day for year y, month m, day d. Out-of-range values normalise as
// time.Date does; use [ParseDay] to reject them.
func Date(y int, m time.Month, d int) Day {
	return Day(time.Date(y, m, d, 0, 0, 0, 0, time.UTC).Unix() / 86400)
}

// Time returns midnight UTC of d.
func (d Day) Time() time.Time { return time.Unix(int64(d)*86400, 0).UTC() }

// String formats d as YYYY-MM-DD.
func (d Day) String() string { return d.Time().Format("2006-01-02") }

// AddDays returns d shifted by n days.
func (d Day) AddDays(n int) Day { return d + Day(n) }

// AddMonths returns the same day n months later, clipped to the end of a shorter month
// (31 Aug + 6 months = 28 or 29 Feb), the usual reading of "six months after".
func (d Day) AddMonths(n int) Day {
	y, m, dd := d.Time().Date()
	first := time.Date(y, m+time.Month(n), 1, 0, 0, 0, 0, time.UTC)
	last := first.AddDate(0, 1, -1).Day()
	if dd > last {
		dd = last
	}
	return Date(first.Year(), first.Month(), dd)
}

// Weekday returns the day of the week of d.
func (d Day) Weekday() time.Weekday { return d.Time().Weekday() }

// Year returns the calendar year of d.
func (d Day) Year() int { return d.Time().Year() }

// Precision says how much of a date a source gave.
type Precision string

// Precisions, from most to least exact. Missing means the source gave no date.
const (
	PrecisionDay     Precision = "day"
	PrecisionMonth   Precision = "month"
	PrecisionYear    Precision = "year"
	PrecisionMissing Precision = "missing"
)

// Partial is a date known to some precision: for PrecisionMonth, First is the first day
// of the month and Last its last; for PrecisionYear the year's first and last day; for
// PrecisionDay both equal the date; for PrecisionMissing both are zero.
type Partial struct {
	First, Last Day
	Precision   Precision
}

// Exact reports whether the date is known to the day, and returns it.
func (p Partial) Exact() (Day, bool) { return p.First, p.Precision == PrecisionDay }

// ParseDay parses an ISO 8601 calendar date YYYY-MM-DD and rejects impossible dates.
func ParseDay(s string) (Day, error) {
	t, err := time.Parse("2006-01-02", strings.TrimSpace(s))
	if err != nil {
		return 0, fmt.Errorf("civil: %q is not a date YYYY-MM-DD", s)
	}
	return DayOf(t), nil
}

// ParsePartial parses "", "YYYY", "YYYY-MM" or "YYYY-MM-DD". An empty string gives
// PrecisionMissing and no error.
func ParsePartial(s string) (Partial, error) {
	s = strings.TrimSpace(s)
	switch len(s) {
	case 0:
		return Partial{Precision: PrecisionMissing}, nil
	case 4:
		y, err := strconv.Atoi(s)
		if err != nil || y < 1 {
			return Partial{}, fmt.Errorf("civil: %q is not a year YYYY", s)
		}
		return Partial{First: Date(y, 1, 1), Last: Date(y, 12, 31), Precision: PrecisionYear}, nil
	case 7:
		t, err := time.Parse("2006-01", s)
		if err != nil {
			return Partial{}, fmt.Errorf("civil: %q is not a month YYYY-MM", s)
		}
		first := DayOf(t)
		return Partial{First: first, Last: first.AddMonths(1) - 1, Precision: PrecisionMonth}, nil
	default:
		d, err := ParseDay(s)
		if err != nil {
			return Partial{}, err
		}
		return Partial{First: d, Last: d, Precision: PrecisionDay}, nil
	}
}

// Ptr returns a pointer to d, for optional record fields.
func Ptr(d Day) *Day { return &d }

// Text formats an optional date: "" for nil, else YYYY-MM-DD.
func Text(d *Day) string {
	if d == nil {
		return ""
	}
	return d.String()
}

// Compare orders optional dates: nil first, then by date. It returns -1, 0 or +1.
func Compare(a, b *Day) int {
	switch {
	case a == nil && b == nil:
		return 0
	case a == nil:
		return -1
	case b == nil:
		return 1
	case *a < *b:
		return -1
	case *a > *b:
		return 1
	}
	return 0
}
