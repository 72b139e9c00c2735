package calendar_test

import (
	"context"
	"fmt"
	"os"
	"strings"
	"time"

	"synergy/pipeline/calendar"
)

// A snapshot with two meetings, one dated to the day and one to the month only,
// and no related meetings. The query function stands in for a DuckDB session
// over the published tables.
func ExampleBuild() {
	query := func(_ context.Context, sql string) ([][]any, error) {
		switch {
		case strings.Contains(sql, "from meetings_enriched"):
			return [][]any{
				{"APMBC_10MSP", "APMBC", "Anti-Personnel Mine Ban Convention", "MSP", "10MSP",
					"Tenth Meeting of the States Parties", "2010-11-29", "2010-12-03", "day", "day",
					"29 November 2010", "3 December 2010", "Geneva", "Switzerland", nil, "held", nil, "in_person"},
				{"CCW_APII-23", "CCW", "Convention on Certain Conventional Weapons", "APII", "23",
					"Twenty-third Annual Conference", nil, nil, "year", "year", "2021", "2021",
					nil, nil, nil, "held", nil, "in_person"},
			}, nil
		case strings.Contains(sql, "from meeting_theme_vectors"):
			return [][]any{{"APMBC_10MSP", "clearance"}, {"APMBC_10MSP", "victim_assistance"}}, nil
		}
		return nil, nil // meeting_pairs: none
	}
	snap := calendar.Snapshot{
		ID:        "20101204T000000Z-example",
		CreatedAt: time.Date(2010, 12, 4, 0, 0, 0, 0, time.UTC),
		Query:     query,
		Publishes: func(string) bool { return true },
	}
	cal, err := calendar.Build(context.Background(), snap, calendar.Options{Version: "devel"})
	if err != nil {
		fmt.Println(err)
		return
	}
	for _, e := range cal.ICS.Events {
		fmt.Println(e.UID, e.Location, e.Status, e.Categories)
		fmt.Println(e.Description)
	}
	cal.WriteLeftOut(os.Stdout)
	// Output:
	// APMBC_10MSP@synergy Geneva, Switzerland CONFIRMED [APMBC MSP clearance victim_assistance]
	// Tenth Meeting of the States Parties
	//
	// Meeting APMBC_10MSP of the Anti-Personnel Mine Ban Convention (APMBC), body MSP.
	// Place: Geneva, Switzerland
	// Dates: 2010-11-29 to 2010-12-03. Status: held.
	// Themes (from meeting_theme_vectors): clearance, victim_assistance
	//
	// synergy snapshot 20101204T000000Z-example
	// 1 meetings left out, their dates not known to the day:
	//   CCW_APII-23          start known only to the year (Twenty-third Annual Conference)
}
