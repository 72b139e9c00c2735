package ics

import (
	"strconv"
	"strings"
	"time"
	_ "time/tzdata" // TZIDs resolve the same on every machine, with or without zoneinfo
)

// windowsZones maps the Windows zone names that Outlook and Exchange write as TZID to
// IANA names, for the zones of the cities where treaty meetings are held. Source:
// Unicode CLDR common/supplemental/windowsZones.xml, the territory="001" rows.
var windowsZones = map[string]string{
	"W. Europe Standard Time":         "Europe/Berlin",
	"Romance Standard Time":           "Europe/Paris",
	"Central Europe Standard Time":    "Europe/Budapest",
	"Central European Standard Time":  "Europe/Warsaw",
	"GMT Standard Time":               "Europe/London",
	"Greenwich Standard Time":         "Atlantic/Reykjavik",
	"GTB Standard Time":               "Europe/Bucharest",
	"FLE Standard Time":               "Europe/Kiev",
	"Middle East Standard Time":       "Asia/Beirut",
	"E. Africa Standard Time":         "Africa/Nairobi",
	"South Africa Standard Time":      "Africa/Johannesburg",
	"W. Central Africa Standard Time": "Africa/Lagos",
	"Eastern Standard Time":           "America/New_York",
	"Pacific Standard Time":           "America/Los_Angeles",
	"SA Pacific Standard Time":        "America/Bogota",
	"Pacific SA Standard Time":        "America/Santiago",
	"Arabian Standard Time":           "Asia/Dubai",
	"SE Asia Standard Time":           "Asia/Bangkok",
	"Tokyo Standard Time":             "Asia/Tokyo",
	"AUS Eastern Standard Time":       "Australia/Sydney",
}

// loadZone resolves a TZID: an IANA name (a leading "/", RFC 5545's mark of a global
// name, is dropped) or one of the Windows names above. "" and "Local" are refused,
// since time.LoadLocation would give a machine-dependent answer for them.
func loadZone(tzid string) (*time.Location, error) {
	name := strings.TrimPrefix(strings.TrimSpace(tzid), "/")
	if name == "" || name == "Local" {
		return nil, wrapf(ErrUnknownTZ, "%q", tzid)
	}
	if loc, err := time.LoadLocation(name); err == nil {
		return loc, nil
	}
	if iana, ok := windowsZones[name]; ok {
		if loc, err := time.LoadLocation(iana); err == nil {
			return loc, nil
		}
	}
	return nil, wrapf(ErrUnknownTZ, "%q", tzid)
}

// when is a parsed DTSTART or DTEND.
type when struct {
	t      time.Time
	allDay bool // a DATE value: t is midnight UTC of that date
}

// parseWhen parses a DATE (YYYYMMDD) or DATE-TIME (YYYYMMDDTHHMMSS, with a final Z for
// UTC) value (RFC 5545 §3.3.4, §3.3.5). A DATE-TIME with a TZID is in that zone; one
// with neither Z nor TZID is floating and is returned as its wall clock in UTC. zone
// resolves TZIDs.
func parseWhen(cl contentLine, zone func(string) (*time.Location, error)) (when, error) {
	v := strings.TrimSpace(cl.value)
	switch vt := strings.ToUpper(cl.param("VALUE")); vt {
	case "", "DATE", "DATE-TIME":
		if vt == "DATE" && len(v) != 8 {
			return when{}, wrapf(ErrBadDate, "%q is not a DATE YYYYMMDD", v)
		}
	default:
		return when{}, wrapf(ErrBadDate, "VALUE=%s is not DATE or DATE-TIME", vt)
	}
	if len(v) == 8 && allDigits(v) {
		t, err := time.Parse("20060102", v)
		if err != nil {
			return when{}, wrapf(ErrBadDate, "%q is not a valid date", v)
		}
		return when{t: t, allDay: true}, nil
	}
	utc := strings.HasSuffix(v, "Z")
	body := strings.TrimSuffix(v, "Z")
	if len(body) != 15 || body[8] != 'T' || !allDigits(body[:8]) || !allDigits(body[9:]) {
		return when{}, wrapf(ErrBadDate, "%q is not YYYYMMDD or YYYYMMDDTHHMMSS[Z]", v)
	}
	loc := time.UTC
	if tzid, ok := cl.params["TZID"]; ok && !utc {
		if len(tzid) != 1 {
			return when{}, wrapf(ErrUnknownTZ, "%d TZID values", len(tzid))
		}
		var err error
		if loc, err = zone(tzid[0]); err != nil {
			return when{}, err
		}
	}
	t, err := time.ParseInLocation("20060102T150405", body, loc)
	if err != nil {
		return when{}, wrapf(ErrBadDate, "%q is not a valid date-time", v)
	}
	return when{t: t}, nil
}

func allDigits(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return s != ""
}

// maxDurationPart bounds each number in a DURATION so that arithmetic cannot overflow.
const maxDurationPart = 1_000_000

// addDuration adds an RFC 5545 §3.3.6 duration ("P5D", "PT1H30M", "P1W") to t.
// Weeks and days are nominal (calendar days, as AddDate), hours, minutes and seconds
// exact. Negative durations are refused: an event cannot end before it starts.
func addDuration(t time.Time, v string) (time.Time, error) {
	s := strings.TrimPrefix(strings.TrimSpace(v), "+")
	bad := func() (time.Time, error) {
		return time.Time{}, wrapf(ErrBadDuration, "%q", v)
	}
	if !strings.HasPrefix(s, "P") {
		return bad()
	}
	s = s[1:]
	var days int
	var exact time.Duration
	inTime, parts, timeParts := false, 0, 0
	for s != "" {
		if s[0] == 'T' {
			if inTime {
				return bad()
			}
			inTime, s = true, s[1:]
			continue
		}
		i := 0
		for i < len(s) && s[i] >= '0' && s[i] <= '9' {
			i++
		}
		if i == 0 || i == len(s) {
			return bad()
		}
		n, err := strconv.Atoi(s[:i])
		if err != nil || n > maxDurationPart {
			return bad()
		}
		switch unit := s[i]; {
		case !inTime && unit == 'W':
			days += 7 * n
		case !inTime && unit == 'D':
			days += n
		case inTime && unit == 'H':
			exact += time.Duration(n) * time.Hour
		case inTime && unit == 'M':
			exact += time.Duration(n) * time.Minute
		case inTime && unit == 'S':
			exact += time.Duration(n) * time.Second
		default:
			return bad()
		}
		parts++
		if inTime {
			timeParts++
		}
		s = s[i+1:]
	}
	if parts == 0 || inTime && timeParts == 0 {
		return bad()
	}
	return t.AddDate(0, 0, days).Add(exact), nil
}
