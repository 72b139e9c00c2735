package ics

import (
	"bytes"
	"encoding/binary"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"time"

	"synergy/pipeline/civil"
)

// lastTransitionYear bounds the daylight-saving transitions computed from a
// VTIMEZONE's rules; later times keep the offset of the last one.
const lastTransitionYear = 2100

// maxTransitions bounds the transitions of one VTIMEZONE (two a year for five
// centuries is 1,000).
const maxTransitions = 10000

// vtimezone is one VTIMEZONE component (RFC 5545 §3.6.5) as read.
type vtimezone struct {
	line        int
	tzid        string
	observances []*observance
}

// observance is a STANDARD or DAYLIGHT sub-component: from each onset (DTSTART,
// then the dates of its RRULE and RDATEs, local times in TZOFFSETFROM) the zone is
// TZOFFSETTO.
type observance struct {
	line     int
	daylight bool
	lines    []contentLine
}

// transition is one change of offset.
type transition struct {
	at       int64 // Unix seconds
	offset   int   // seconds east of UTC from then on
	daylight bool
	name     string
}

// location builds the zone that tz defines, named by its TZID: the transitions of
// every observance up to lastTransitionYear, handed to time.LoadLocationFromTZData
// as TZif data (RFC 8536), so times in it behave as those of any IANA zone.
func (tz *vtimezone) location() (*time.Location, error) {
	if len(tz.observances) == 0 {
		return nil, fmt.Errorf("VTIMEZONE %q at line %d has no STANDARD or DAYLIGHT", tz.tzid, tz.line)
	}
	var all []transition
	var before int // the offset before the first onset: the earliest one's TZOFFSETFROM
	for _, ob := range tz.observances {
		ts, from, err := ob.transitions()
		if err != nil {
			return nil, fmt.Errorf("VTIMEZONE %q, %s at line %d: %w", tz.tzid, ob.kind(), ob.line, err)
		}
		if len(ts) > 0 && (len(all) == 0 || ts[0].at < all[0].at) {
			before = from
		}
		all = append(all, ts...)
		slices.SortFunc(all, func(a, b transition) int { return cmpInt64(a.at, b.at) })
	}
	if len(all) > maxTransitions {
		return nil, fmt.Errorf("VTIMEZONE %q: more than %d transitions", tz.tzid, maxTransitions)
	}
	data, err := tzif(before, all)
	if err != nil {
		return nil, fmt.Errorf("VTIMEZONE %q: %w", tz.tzid, err)
	}
	loc, err := time.LoadLocationFromTZData(tz.tzid, data)
	if err != nil {
		return nil, fmt.Errorf("VTIMEZONE %q: %w", tz.tzid, err)
	}
	return loc, nil
}

func cmpInt64(a, b int64) int {
	switch {
	case a < b:
		return -1
	case a > b:
		return 1
	}
	return 0
}

func (ob *observance) kind() string {
	if ob.daylight {
		return "DAYLIGHT"
	}
	return "STANDARD"
}

// transitions returns the onsets of ob as transitions, and its TZOFFSETFROM.
func (ob *observance) transitions() ([]transition, int, error) {
	var dtstart, rule *contentLine
	var rdates []contentLine
	from, to, name := 0, 0, ""
	var haveFrom, haveTo bool
	for i := range ob.lines {
		cl := &ob.lines[i]
		var err error
		switch cl.name {
		case "DTSTART":
			dtstart = cl
		case "RRULE":
			rule = cl
		case "RDATE":
			rdates = append(rdates, *cl)
		case "TZOFFSETFROM":
			from, err = parseOffset(cl.value)
			haveFrom = true
		case "TZOFFSETTO":
			to, err = parseOffset(cl.value)
			haveTo = true
		case "TZNAME":
			name = unescapeText(cl.value)
		}
		if err != nil {
			return nil, 0, err
		}
	}
	if dtstart == nil || !haveFrom || !haveTo {
		return nil, 0, fmt.Errorf("needs DTSTART, TZOFFSETFROM and TZOFFSETTO")
	}
	floating := func(string) (*time.Location, error) { return time.UTC, nil }
	start, err := parseWhen(*dtstart, floating)
	if err != nil {
		return nil, 0, err
	}
	onsets := []time.Time{start.t}
	if rule != nil {
		r, err := parseRRule(rule.value)
		if err != nil {
			return nil, 0, err
		}
		until, err := ruleUntil(r, time.UTC)
		if err != nil {
			return nil, 0, err
		}
		n := 0
		r.each(civil.DayOf(start.t), civil.DayOf(start.t), civil.Date(lastTransitionYear, time.December, 31), func(d civil.Day) bool {
			t := atDay(start.t, d, time.UTC)
			if !until.IsZero() && t.Add(-time.Duration(from)*time.Second).After(until) {
				return false // UNTIL is in UTC (RFC 5545 §3.6.5)
			}
			onsets = append(onsets, t)
			n++
			return r.count == 0 || n < r.count
		})
	}
	for _, rd := range rdates {
		for _, v := range strings.Split(rd.value, ",") {
			w, err := parseWhen(contentLine{name: "RDATE", value: v, params: rd.params}, floating)
			if err != nil {
				return nil, 0, err
			}
			onsets = append(onsets, w.t)
		}
	}
	if name == "" {
		name = offsetName(to)
	}
	out := make([]transition, 0, len(onsets))
	for _, t := range onsets {
		// An onset is a wall-clock time in the offset in force before it.
		out = append(out, transition{at: t.Unix() - int64(from), offset: to, daylight: ob.daylight, name: name})
	}
	slices.SortFunc(out, func(a, b transition) int { return cmpInt64(a.at, b.at) })
	return slices.CompactFunc(out, func(a, b transition) bool { return a.at == b.at }), from, nil
}

// parseOffset parses a UTC-OFFSET, "+0100", "-0500" or "+053000" (RFC 5545 §3.3.14),
// to seconds east of UTC.
func parseOffset(v string) (int, error) {
	v = strings.TrimSpace(v)
	if (len(v) != 5 && len(v) != 7) || (v[0] != '+' && v[0] != '-') || !allDigits(v[1:]) {
		return 0, fmt.Errorf("UTC offset %q is not +HHMM[SS]", v)
	}
	h, _ := strconv.Atoi(v[1:3])
	m, _ := strconv.Atoi(v[3:5])
	s := 0
	if len(v) == 7 {
		s, _ = strconv.Atoi(v[5:7])
	}
	if h > 23 || m > 59 || s > 59 {
		return 0, fmt.Errorf("UTC offset %q out of range", v)
	}
	sec := h*3600 + m*60 + s
	if v[0] == '-' {
		sec = -sec
	}
	return sec, nil
}

// offsetName is a zone abbreviation for an offset without TZNAME, "+01" or "+0530".
func offsetName(sec int) string {
	sign := '+'
	if sec < 0 {
		sign, sec = '-', -sec
	}
	if sec%3600 == 0 {
		return fmt.Sprintf("%c%02d", sign, sec/3600)
	}
	return fmt.Sprintf("%c%02d%02d", sign, sec/3600, sec%3600/60)
}

// tzif encodes transitions as TZif version 2 data (RFC 8536): an empty version-1
// block, then the 64-bit block whose first type (the offset before any transition)
// no transition uses, and an empty footer, so times after the last transition keep
// its offset.
func tzif(before int, ts []transition) ([]byte, error) {
	type ttinfo struct {
		offset   int
		daylight bool
		name     string
	}
	types := []ttinfo{{before, false, offsetName(before)}}
	idx := make([]byte, len(ts))
	for i, t := range ts {
		ti := ttinfo{t.offset, t.daylight, t.name}
		j := slices.Index(types[1:], ti)
		if j < 0 {
			if len(types) == 255 {
				return nil, fmt.Errorf("more than 255 distinct offsets and names")
			}
			types = append(types, ti)
			j = len(types) - 2
		}
		idx[i] = byte(j + 1)
	}
	var chars bytes.Buffer
	abbr := make([]byte, len(types))
	for i, ti := range types {
		abbr[i] = byte(chars.Len())
		chars.WriteString(ti.name)
		chars.WriteByte(0)
	}
	var b bytes.Buffer
	header := func(timecnt, typecnt, charcnt int) {
		b.WriteString("TZif2")
		b.Write(make([]byte, 15))
		for _, n := range []int{0, 0, 0, timecnt, typecnt, charcnt} { // isut, isstd, leap, time, type, char
			binary.Write(&b, binary.BigEndian, uint32(n))
		}
	}
	header(0, 1, 1) // version 1 block: one type, no transitions
	b.Write([]byte{0, 0, 0, 0, 0, 0, 0})
	header(len(ts), len(types), chars.Len())
	for _, t := range ts {
		binary.Write(&b, binary.BigEndian, t.at)
	}
	b.Write(idx)
	for i, ti := range types {
		binary.Write(&b, binary.BigEndian, int32(ti.offset))
		dst := byte(0)
		if ti.daylight {
			dst = 1
		}
		b.Write([]byte{dst, abbr[i]})
	}
	b.Write(chars.Bytes())
	b.WriteString("\n\n")
	return b.Bytes(), nil
}
