package ics

import (
	"slices"
	"strconv"
	"strings"
	"time"

	"synergy/pipeline/civil"
)

// rrule is the subset of an RFC 5545 §3.3.10 recurrence rule that the decoder
// expands: FREQ DAILY, WEEKLY, MONTHLY or YEARLY, with INTERVAL, COUNT or UNTIL,
// BYDAY (with an ordinal such as 2MO or -1SU under MONTHLY and YEARLY), BYMONTH,
// BYMONTHDAY and WKST. It covers the rules calendars write for meeting series and
// the daylight-saving rules of VTIMEZONE components. Any other part (BYSETPOS,
// BYWEEKNO, BYYEARDAY, BYHOUR, BYMINUTE, BYSECOND, or a FREQ below DAILY) makes
// parseRRule fail with the part named, so such an event is rejected with a reason
// rather than taken once.
type rrule struct {
	freq       string
	interval   int
	count      int    // 0: no COUNT
	until      string // UNTIL as written, "" when absent
	byDay      []weekdayNum
	byMonth    []int
	byMonthDay []int
	wkst       time.Weekday
}

// weekdayNum is one BYDAY value: n = 0 means every such weekday of the period;
// otherwise the nth (from the end when negative).
type weekdayNum struct {
	n  int
	wd time.Weekday
}

var weekdays = map[string]time.Weekday{"SU": time.Sunday, "MO": time.Monday, "TU": time.Tuesday,
	"WE": time.Wednesday, "TH": time.Thursday, "FR": time.Friday, "SA": time.Saturday}

// parseRRule parses an RRULE value such as "FREQ=YEARLY;BYMONTH=10;BYDAY=-1SU".
func parseRRule(v string) (rrule, error) {
	r := rrule{interval: 1, wkst: time.Monday}
	seen := make(map[string]bool)
	for _, part := range strings.Split(strings.TrimSpace(v), ";") {
		name, val, ok := strings.Cut(part, "=")
		name = strings.ToUpper(strings.TrimSpace(name))
		val = strings.ToUpper(strings.TrimSpace(val))
		if !ok || name == "" || val == "" {
			return r, wrapf(ErrBadRecurrence, "%q is not NAME=VALUE", part)
		}
		if seen[name] {
			return r, wrapf(ErrBadRecurrence, "%s repeated", name)
		}
		seen[name] = true
		if err := r.set(name, val); err != nil {
			return r, err
		}
	}
	switch {
	case r.freq == "":
		return r, wrapf(ErrBadRecurrence, "no FREQ")
	case r.count > 0 && r.until != "":
		return r, wrapf(ErrBadRecurrence, "both COUNT and UNTIL")
	case len(r.byMonthDay) > 0 && r.freq == "WEEKLY":
		return r, wrapf(ErrBadRecurrence, "BYMONTHDAY with FREQ=WEEKLY")
	}
	for _, wn := range r.byDay {
		if wn.n != 0 && (r.freq == "DAILY" || r.freq == "WEEKLY") {
			return r, wrapf(ErrBadRecurrence, "BYDAY with an ordinal under FREQ=%s", r.freq)
		}
	}
	return r, nil
}

// set sets one rule part.
func (r *rrule) set(name, val string) error {
	var err error
	switch name {
	case "FREQ":
		switch val {
		case "DAILY", "WEEKLY", "MONTHLY", "YEARLY":
			r.freq = val
		default:
			return wrapf(ErrBadRecurrence, "FREQ=%s is not supported (DAILY, WEEKLY, MONTHLY, YEARLY)", val)
		}
	case "INTERVAL":
		r.interval, err = ruleInt(name, val, 1, 1000)
	case "COUNT":
		r.count, err = ruleInt(name, val, 1, maxOccurrences)
	case "UNTIL":
		r.until = val
	case "WKST":
		wd, ok := weekdays[val]
		if !ok {
			return wrapf(ErrBadRecurrence, "WKST=%s", val)
		}
		r.wkst = wd
	case "BYMONTH":
		r.byMonth, err = ruleInts(name, val, 1, 12)
	case "BYMONTHDAY":
		r.byMonthDay, err = ruleInts(name, val, -31, 31)
	case "BYDAY":
		r.byDay, err = parseByDay(val)
	default:
		return wrapf(ErrBadRecurrence, "%s is not supported (FREQ, INTERVAL, COUNT, UNTIL, BYDAY, BYMONTH, BYMONTHDAY, WKST)", name)
	}
	return err
}

func ruleInt(name, val string, lo, hi int) (int, error) {
	n, err := strconv.Atoi(val)
	if err != nil || n < lo || n > hi || n == 0 {
		return 0, wrapf(ErrBadRecurrence, "%s=%s (want %d to %d, not 0)", name, val, lo, hi)
	}
	return n, nil
}

func ruleInts(name, val string, lo, hi int) ([]int, error) {
	var out []int
	for _, s := range strings.Split(val, ",") {
		n, err := ruleInt(name, strings.TrimSpace(s), lo, hi)
		if err != nil {
			return nil, err
		}
		out = append(out, n)
	}
	return out, nil
}

// parseByDay parses "MO,WE", "2MO", "-1SU".
func parseByDay(val string) ([]weekdayNum, error) {
	var out []weekdayNum
	for _, s := range strings.Split(val, ",") {
		s = strings.TrimSpace(s)
		if len(s) < 2 {
			return nil, wrapf(ErrBadRecurrence, "BYDAY=%s", val)
		}
		wd, ok := weekdays[s[len(s)-2:]]
		if !ok {
			return nil, wrapf(ErrBadRecurrence, "BYDAY=%s", val)
		}
		wn := weekdayNum{wd: wd}
		if num := s[:len(s)-2]; num != "" {
			n, err := strconv.Atoi(num)
			if err != nil || n == 0 || n < -53 || n > 53 {
				return nil, wrapf(ErrBadRecurrence, "BYDAY=%s", val)
			}
			wn.n = n
		}
		out = append(out, wn)
	}
	return out, nil
}

// each calls yield with the dates the rule gives from start on (start included
// when the rule gives it), in order, until yield returns false or the periods pass
// last. Periods ending before from are skipped (from is start when the dates must
// be counted, for COUNT). COUNT and UNTIL are the caller's to apply: they depend on
// the time of day.
func (r rrule) each(start, from, last civil.Day, yield func(civil.Day) bool) {
	y, m, _ := start.Time().Date()
	weekStart := start - civil.Day((int(start.Weekday())-int(r.wkst)+7)%7)
	k0 := 0
	if from > start {
		fy, fm, _ := from.Time().Date()
		switch r.freq {
		case "DAILY":
			k0 = int(from-start) / r.interval
		case "WEEKLY":
			k0 = int(from-weekStart) / (7 * r.interval)
		case "MONTHLY":
			k0 = ((fy-y)*12 + int(fm-m)) / r.interval
		case "YEARLY":
			k0 = (fy - y) / r.interval
		}
		k0 = max(k0-1, 0)
	}
	for k := k0; ; k++ {
		var first civil.Day
		var days []civil.Day
		switch r.freq {
		case "DAILY":
			first = start + civil.Day(k*r.interval)
			days = r.limit([]civil.Day{first})
		case "WEEKLY":
			first = weekStart + civil.Day(7*k*r.interval)
			days = r.weekDays(first, start.Weekday())
		case "MONTHLY":
			first = civil.Date(y, m+time.Month(k*r.interval), 1)
			fy, fm, _ := first.Time().Date()
			days = r.limit(r.monthDays(fy, fm, start))
		case "YEARLY":
			first = civil.Date(y+k*r.interval, time.January, 1)
			days = r.yearDays(y+k*r.interval, start)
		}
		if first > last {
			return
		}
		slices.Sort(days)
		for _, d := range slices.Compact(days) {
			if d >= start && d <= last && !yield(d) {
				return
			}
		}
	}
}

// limit keeps the days that BYMONTH, BYMONTHDAY and (ordinal-free) BYDAY allow.
func (r rrule) limit(days []civil.Day) []civil.Day {
	return slices.DeleteFunc(days, func(d civil.Day) bool {
		_, m, dd := d.Time().Date()
		if len(r.byMonth) > 0 && !slices.Contains(r.byMonth, int(m)) {
			return true
		}
		if len(r.byMonthDay) > 0 && !slices.ContainsFunc(r.byMonthDay, func(n int) bool {
			return n == dd || n < 0 && daysIn(d)+n+1 == dd
		}) {
			return true
		}
		return r.freq == "DAILY" && len(r.byDay) > 0 && !slices.ContainsFunc(r.byDay, func(wn weekdayNum) bool {
			return wn.wd == d.Weekday()
		})
	})
}

// weekDays gives the days of the week starting at first: those of BYDAY, or the
// start's weekday.
func (r rrule) weekDays(first civil.Day, startWD time.Weekday) []civil.Day {
	var days []civil.Day
	for i := range 7 {
		d := first + civil.Day(i)
		if len(r.byDay) == 0 && d.Weekday() == startWD ||
			slices.ContainsFunc(r.byDay, func(wn weekdayNum) bool { return wn.wd == d.Weekday() }) {
			days = append(days, d)
		}
	}
	return r.limit(days)
}

// monthDays gives the days of month m of year y: those of BYMONTHDAY and BYDAY
// (both: the days in both), or the start's day of the month when neither is given.
func (r rrule) monthDays(y int, m time.Month, start civil.Day) []civil.Day {
	first := civil.Date(y, m, 1)
	n := daysIn(first)
	var byMD, byD []civil.Day
	for _, md := range r.byMonthDay {
		if md < 0 {
			md = n + md + 1
		}
		if md >= 1 && md <= n {
			byMD = append(byMD, first+civil.Day(md-1))
		}
	}
	byD = weekdaysIn(r.byDay, first, first+civil.Day(n-1))
	switch {
	case len(r.byMonthDay) > 0 && len(r.byDay) > 0:
		return slices.DeleteFunc(byMD, func(d civil.Day) bool { return !slices.Contains(byD, d) })
	case len(r.byMonthDay) > 0:
		return byMD
	case len(r.byDay) > 0:
		return byD
	}
	if _, _, sd := start.Time().Date(); sd <= n {
		return []civil.Day{first + civil.Day(sd-1)}
	}
	return nil
}

// yearDays gives the days of year y the rule selects.
func (r rrule) yearDays(y int, start civil.Day) []civil.Day {
	switch {
	case len(r.byMonth) > 0:
		var days []civil.Day
		for _, m := range r.byMonth {
			days = append(days, r.monthDays(y, time.Month(m), start)...)
		}
		return days
	case len(r.byMonthDay) > 0:
		var days []civil.Day
		for m := time.January; m <= time.December; m++ {
			days = append(days, r.monthDays(y, m, start)...)
		}
		return days
	case len(r.byDay) > 0:
		return weekdaysIn(r.byDay, civil.Date(y, time.January, 1), civil.Date(y, time.December, 31))
	}
	_, sm, sd := start.Time().Date()
	if d := civil.Date(y, sm, sd); d.Time().Day() == sd { // 29 February only in leap years
		return []civil.Day{d}
	}
	return nil
}

// weekdaysIn gives the days from first to last that the BYDAY values select: every
// such weekday, or the nth of them (from the end when n < 0).
func weekdaysIn(byDay []weekdayNum, first, last civil.Day) []civil.Day {
	var days []civil.Day
	for _, wn := range byDay {
		var all []civil.Day
		for d := first + civil.Day((int(wn.wd)-int(first.Weekday())+7)%7); d <= last; d += 7 {
			all = append(all, d)
		}
		switch {
		case wn.n == 0:
			days = append(days, all...)
		case wn.n > 0 && wn.n <= len(all):
			days = append(days, all[wn.n-1])
		case wn.n < 0 && -wn.n <= len(all):
			days = append(days, all[len(all)+wn.n])
		}
	}
	return days
}

// daysIn is the number of days in d's month.
func daysIn(d civil.Day) int {
	y, m, _ := d.Time().Date()
	return civil.Date(y, m+1, 1).AddDays(-1).Time().Day()
}
