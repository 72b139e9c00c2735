package csvsrc_test

import (
	"fmt"
	"strings"

	"synergy/pipeline/csvsrc"
)

// states is a tiny resolver for the examples.
type states map[string]string

func (s states) Resolve(name string) (string, bool) { id, ok := s[name]; return id, ok }

var known = states{"Albania": "ALB", "ALB": "ALB", "Estonia": "EST", "EST": "EST", "Mauritius": "MUS", "MUS": "MUS", "Switzerland": "CHE"}

func ExampleReadParticipation() {
	in := `instrument,state_name,iso3,signature_date,consent_date,consent_type,entry_into_force_date,withdrawal_notified_date,withdrawal_effective_date,source_url,confidence
APMBC,Albania,ALB,1998-09-08,2000-02-29,ratification,2000-08-01,,,https://treaties.un.org,source; eif computed
APMBC,Estonia,EST,,2004-05-12,accession,2004-11-01,2025-06-27,2025-12-27,https://example.org,source
APMBC,Albania,ALB,1998-09-08,2000-02-29,ratification,2000-08-01,,,https://treaties.un.org,source; eif computed
APMBC,Estonia,LVA,,2004-05-12,accession,2004-11-01,,,https://example.org,source
`
	rows, rejects, err := csvsrc.ReadParticipation(strings.NewReader(in), "apmbc.csv", known)
	if err != nil {
		fmt.Println(err)
		return
	}
	for _, p := range rows {
		fmt.Println(p.InstrumentID, p.StateID, *p.ConsentKind, p.EntryIntoForceDate, p.EntryIntoForceDerived, p.WithdrawalStatus != nil)
	}
	for _, r := range rejects {
		fmt.Printf("%s:%d %s: %s\n", r.SourceFile, r.Line, r.Field, r.Reason)
	}
	// Output:
	// APMBC ALB ratification 2000-08-01 true false
	// APMBC EST accession 2004-11-01 false true
	// apmbc.csv:4 : duplicate of line 2
	// apmbc.csv:5 iso3: iso3 does not match state_name: state_name "Estonia" is EST, iso3 says LVA
}

func ExampleMergeMeetings() {
	base := `instrument,body,meeting_code,title,start_date,end_date,city,country,venue,president,agenda_clearance,agenda_victim_assistance,agenda_stockpile,agenda_cooperation,agenda_transparency,source_url,confidence
CCW,APII-Conference,APII-12,Twelfth Annual Conference,2010,2010,Geneva,Switzerland,,,unknown,unknown,unknown,unknown,unknown,https://ungeneva.org,low (year only)
`
	added := `instrument,body,meeting_code,title,start_date,end_date,city,country,venue,president,agenda_clearance,agenda_victim_assistance,agenda_stockpile,agenda_cooperation,agenda_transparency,source_url,confidence
CCW,APII-Conference,APII-12,Twelfth Annual Conference (update: date),2010-11-24,,Geneva,Switzerland,,,unknown,unknown,unknown,unknown,unknown,https://geneva.usmission.gov,high
`
	ms, _, _, _ := csvsrc.ReadMeetings(strings.NewReader(base), "meetings.csv", known)
	more, updates, _, _ := csvsrc.ReadMeetings(strings.NewReader(added), "meetings_added.csv", known)
	merged, ds := csvsrc.MergeMeetings(ms, more, updates)
	m := merged[0]
	fmt.Println(m.MeetingID, m.InstrumentID, m.StartDate, m.StartPrecision, m.EndText, m.EndPrecision)
	for _, d := range ds {
		fmt.Printf("%s %s: %q (%s:%d) → %q by %q\n", d.Key, d.Field, d.Values[0].Value, d.Values[0].SourceFile, d.Values[0].Line, d.Used, d.Rule)
	}
	// Output:
	// CCW_APII-12 CCW-APII 2010-11-24 day 2010 year
	// CCW_APII-12 start_date: "2010" (meetings.csv:2) → "2010-11-24" by "update wins"
}
