package formats_test

import (
	"fmt"
	"strings"

	"synergy/pipeline/civil"
	"synergy/pipeline/formats"
)

// A calendar feed read through the table: one meeting, and one event without an
// instrument rejected with its line.
func ExampleLookup() {
	const feed = "BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\nUID:10msp@example.org\r\nX-SYNERGY-CODE:10MSP\r\n" +
		"CATEGORIES:APMBC,MSP\r\nSUMMARY:Tenth Meeting of the States Parties\r\nDTSTART;VALUE=DATE:20101129\r\n" +
		"END:VEVENT\r\nBEGIN:VEVENT\r\nUID:x@example.org\r\nSUMMARY:A workshop\r\nDTSTART;VALUE=DATE:20101201\r\n" +
		"END:VEVENT\r\nEND:VCALENDAR\r\n"
	f, ok := formats.Lookup("ics")
	if !ok {
		return
	}
	rows, err := f.Read(strings.NewReader(feed), "feed.ics", formats.Env{AsOf: civil.Date(2026, 1, 1)})
	if err != nil {
		fmt.Println(err)
		return
	}
	for _, m := range rows.Meetings {
		fmt.Println(m.MeetingID, m.Status)
	}
	for _, r := range rows.Rejects {
		fmt.Println(r.SourceFile, r.Line, r.Field, r.Reason)
	}
	// Output:
	// APMBC_10MSP held
	// feed.ics 9 CATEGORIES no instrument
}
