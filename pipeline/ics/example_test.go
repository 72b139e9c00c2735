package ics_test

import (
	"fmt"
	"strings"
	"time"

	"synergy/pipeline/civil"
	"synergy/pipeline/ics"
)

// A calendar as Google exports it: the Eighteenth Conference of the High Contracting
// Parties to CCW Protocol V (PV-18, Geneva, 11 November 2024, as in
// datasets/meetings/meetings_added.csv), in Geneva time, and an event whose zone is
// unknown. The hours are illustrative: the meeting list gives days, not times.
const calendar = `BEGIN:VCALENDAR
PRODID:-//Google Inc//Google Calendar 70.9054//EN
VERSION:2.0
BEGIN:VEVENT
DTSTART;TZID=Europe/Zurich:20241111T090000
DTEND;TZID=Europe/Zurich:20241111T180000
UID:ccw-pv-18@example.org
SUMMARY:Eighteenth Conference of the High Contracting Parties to Protocol V
  (Explosive Remnants of War) to the CCW
LOCATION:Geneva\, Switzerland
CATEGORIES:CCW-PV,PV-Conference
X-SYNERGY-CODE:PV-18
END:VEVENT
BEGIN:VEVENT
DTSTART;TZID=Mars/Olympus_Mons:20241112T090000
UID:mars@example.org
END:VEVENT
END:VCALENDAR
`

func ExampleDecoder_Decode() {
	dec := ics.NewDecoder(strings.NewReader(calendar), "ccw.ics")
	events, err := dec.Decode()
	if err != nil {
		fmt.Println(err)
		return
	}
	for _, e := range events {
		fmt.Printf("line %d: %s\n  %s to %s, days %v..%v\n", e.Line, e.Summary,
			e.Start.Format(time.RFC3339), e.End.Format(time.RFC3339), e.FirstDay, e.LastDay)
	}
	for _, pe := range dec.Rejects() {
		fmt.Println("rejected:", pe)
	}
	// Output:
	// line 4: Eighteenth Conference of the High Contracting Parties to Protocol V (Explosive Remnants of War) to the CCW
	//   2024-11-11T09:00:00+01:00 to 2024-11-11T18:00:00+01:00, days 2024-11-11..2024-11-11
	// rejected: ccw.ics:15: DTSTART: unknown time zone: "Mars/Olympus_Mons"
}

func ExampleMeetings() {
	events, err := ics.NewDecoder(strings.NewReader(calendar), "ccw.ics").Decode()
	if err != nil {
		fmt.Println(err)
		return
	}
	meetings, rejects := ics.Meetings(events, "ccw.ics", civil.Date(2025, time.June, 1))
	for _, m := range meetings {
		fmt.Println(m.MeetingID, m.InstrumentID, m.Body, *m.City, m.StartDate, m.EndDate, m.Status)
	}
	fmt.Println(len(rejects), "rejects")
	// Output:
	// CCW-PV_PV-18 CCW-PV PV-Conference Geneva 2024-11-11 2024-11-11 held
	// 0 rejects
}
