package ics

import (
	"net/url"
	"regexp"
	"strings"
)

// venueCities are the cities where the instruments' meetings have been held: the
// city column of datasets/meetings/*.csv, notes dropped ("Geneva (virtual)" is
// Geneva; "Virtual (planned: Lausanne)" gives Lausanne). TestVenueCitiesCoverDataset
// keeps the list and the data in step.
var venueCities = []string{
	"Bangkok", "Beirut", "Cancún", "Cartagena", "Dead Sea", "Dubrovnik", "Geneva",
	"Lausanne", "Lusaka", "Managua", "Maputo", "Nairobi", "Oslo", "Phnom Penh",
	"San José", "Santiago", "Siem Reap", "The Hague", "Tokyo", "Vienna", "Vientiane",
	"Zagreb",
}

// venueRE matches any venue city as whole words, ignoring case.
var venueRE = func() *regexp.Regexp {
	alt := make([]string, len(venueCities))
	for i, c := range venueCities {
		alt[i] = regexp.QuoteMeta(c)
	}
	return regexp.MustCompile(`(?i)(?:^|[^\pL\pN])(` + strings.Join(alt, "|") + `)(?:$|[^\pL\pN])`)
}()

// placeSplit splits a LOCATION (TEXT escapes undone) into its parts: at commas,
// semicolons and line breaks.
var placeSplit = regexp.MustCompile(`[,;\r\n]+`)

// cityOf reads the meeting city from a LOCATION, escapes undone. Its parts (split
// at commas, semicolons and line breaks, a trailing note such as " (hybrid)" and
// virtual parts dropped) are searched for the venue cities:
//
//   - one venue city named, in any part and as whole words ("Palais des Nations,
//     Geneva\nSwitzerland", "1211 Geneva 10"): that city, as spelt in the list;
//   - two different ones: ErrPlace, the meeting's city cannot be told;
//   - none, on one line: the first part, the calendar convention of the city
//     first ("Maputo, Mozambique" gives Maputo);
//   - none, over several lines: ErrPlace, since which line is the city is a guess.
//
// "" (no city) when LOCATION is empty or virtual only.
func cityOf(location string) (string, error) {
	var parts []string
	for _, p := range placeSplit.Split(location, -1) {
		p = strings.TrimSpace(noteRE.ReplaceAllString(strings.TrimSpace(p), ""))
		if p != "" && !isVirtual(p) {
			parts = append(parts, p)
		}
	}
	if len(parts) == 0 {
		return "", nil
	}
	var found []string
	for _, p := range parts {
		for _, m := range venueRE.FindAllStringSubmatch(p, -1) {
			c := canonicalCity(m[1])
			if len(found) == 0 || found[0] != c {
				found = append(found, c)
			}
		}
	}
	switch {
	case len(found) == 1:
		return found[0], nil
	case len(found) > 1:
		return "", wrapf(ErrPlace, "%q names %s and %s", location, found[0], found[1])
	case strings.ContainsAny(strings.TrimSpace(location), "\r\n"):
		return "", wrapf(ErrPlace, "%q spans several lines and names none of the known venue cities", location)
	}
	return parts[0], nil
}

func canonicalCity(s string) string {
	for _, c := range venueCities {
		if strings.EqualFold(c, s) {
			return c
		}
	}
	return s
}

// checkURL accepts an absolute http or https URL with a host and no spaces or
// control characters: the only kind a meeting row may cite or a calendar link to.
func checkURL(s string) error {
	if strings.ContainsFunc(s, func(r rune) bool { return r <= ' ' || r == 0x7f }) {
		return wrapf(ErrBadURL, "%q holds spaces or control characters", s)
	}
	u, err := url.Parse(s)
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
		return wrapf(ErrBadURL, "%q", s)
	}
	return nil
}
