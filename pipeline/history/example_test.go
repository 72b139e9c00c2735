package history_test

import (
	"fmt"

	"synergy/pipeline/civil"
	"synergy/pipeline/history"
	"synergy/pipeline/rawtable"
)

// Two nightly runs: the second sees a new consent date for one spell and no
// longer sees another, while the meetings source came back empty.
func ExampleObserve() {
	consent := civil.Date(2002, 9, 11)
	run1 := []rawtable.Participation{
		{StateID: "AFG", InstrumentID: "APMBC", Spell: 1},
		{StateID: "ALB", InstrumentID: "APMBC", Spell: 1},
	}
	meetings := []rawtable.Meeting{{MeetingID: "APMBC_1MSP"}}
	now := append(history.FromParticipation(run1), history.FromMeetings(meetings)...)
	obs, _, err := history.Observe(nil, now, history.RunInfo{
		ID: "20240101T020000.000Z-aa", AsOf: civil.Date(2024, 1, 1),
		Complete: map[string]bool{history.EntityParticipation: true, history.EntityMeeting: true},
	})
	if err != nil {
		fmt.Println(err)
		return
	}
	run2 := []rawtable.Participation{{StateID: "AFG", InstrumentID: "APMBC", Spell: 1, ConsentDate: &consent}}
	obs, notes, err := history.Observe(obs, history.FromParticipation(run2), history.RunInfo{
		ID: "20240102T020000.000Z-bb", AsOf: civil.Date(2024, 1, 2),
		Complete: map[string]bool{history.EntityParticipation: true, history.EntityMeeting: false},
	})
	if err != nil {
		fmt.Println(err)
		return
	}
	for _, o := range obs {
		ended := "open"
		if o.EndedAt != nil {
			ended = "ended " + o.EndedAt.String()
		}
		fmt.Println(o.Entity, o.Key, o.Change, o.FirstSeenAt, ended)
	}
	for _, n := range notes {
		fmt.Println(n)
	}
	fmt.Println(len(history.KnownOn(obs, civil.Date(2024, 1, 2))), "known on 2024-01-02")
	// Output:
	// meeting APMBC_1MSP added 2024-01-01 open
	// participation APMBC/AFG/1 added 2024-01-01 ended 2024-01-02
	// participation APMBC/AFG/1 changed 2024-01-02 open
	// participation APMBC/ALB/1 added 2024-01-01 ended 2024-01-02
	// participation APMBC/ALB/1 removed 2024-01-02 ended 2024-01-02
	// meeting: sources empty or missing; 1 open versions carried forward, 0 current records not recorded
	// 2 known on 2024-01-02
}
