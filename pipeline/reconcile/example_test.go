package reconcile_test

import (
	"fmt"
	"strings"

	"synergy/pipeline/civil"
	"synergy/pipeline/csvsrc"
	"synergy/pipeline/reconcile"
	"synergy/pipeline/untc"
)

// Three rows of the CCW Protocol V page as a browser copies it, and the membership CSV
// that lacks the Philippines' date, lacks the United Kingdom and has Lebanon, whom the
// depositary does not list.
func ExampleParticipation() {
	const page = "CHAPTER XXVI\n" +
		"2. d Protocol on Explosive Remnants of War\n" +
		"Parties : 99\n" +
		"Participant\tSuccession(d), Consent to be bound(P)\n" +
		"Philippines\t10 May 2022 P\n" +
		"Sweden\t 2 Jun 2004 P\n" +
		"United Kingdom of Great Britain and Northern Ireland\t13 May 2024 P\n"
	const csv = "instrument,state_name,iso3,signature_date,consent_date,consent_type,entry_into_force_date,withdrawal_notified_date,withdrawal_effective_date,source_url,confidence\n" +
		"CCW Protocol V,Lebanon,LBN,,2017-04-05,consent to be bound (notification),2017-10-05,,,https://example.org/lbn,secondary source\n" +
		"CCW Protocol V,Philippines,PHL,,,consent to be bound (notification),,,,https://example.org/phl,source (membership only)\n" +
		"CCW Protocol V,Sweden,SWE,,2004-06-02,consent to be bound (notification),2006-11-12,,,https://example.org/swe,source\n"

	names := mapResolver{"Lebanon": "LBN", "Philippines": "PHL", "Sweden": "SWE",
		"United Kingdom of Great Britain and Northern Ireland": "GBR", "LBN": "LBN", "PHL": "PHL", "SWE": "SWE"}
	p, err := untc.Decode(strings.NewReader(page), "untc/ccw_p5.txt")
	if err != nil {
		fmt.Println(err)
		return
	}
	rows, _, err := csvsrc.ReadParticipation(strings.NewReader(csv), "membership/ccw_protocol_v.csv", names)
	if err != nil {
		fmt.Println(err)
		return
	}
	pages := map[string]reconcile.Source{"CCW-PV": {Page: p, File: "untc/ccw_p5.txt"}}
	published, disc, _ := reconcile.Participation(rows, pages, civil.Date(2026, 2, 3), names)
	for _, r := range published {
		fmt.Println(r.StateID, r.ConsentDate, r.EntryIntoForceDate, r.SourceFile)
	}
	for _, x := range disc {
		if x.Used {
			fmt.Printf("%s %s %q (%s)\n", x.EntityKey, x.Field, x.Value, x.Rule)
		}
	}
	// Output:
	// GBR 2024-05-13 <nil> untc/ccw_p5.txt
	// LBN <nil> <nil> membership/ccw_protocol_v.csv
	// PHL 2022-05-10 <nil> membership/ccw_protocol_v.csv
	// SWE 2004-06-02 2006-11-12 membership/ccw_protocol_v.csv
	// CCW-PV/GBR/1 state_name "United Kingdom of Great Britain and Northern Ireland" (only in depositary)
	// CCW-PV/GBR/1 consent_date "2024-05-13" (only in depositary)
	// CCW-PV/GBR/1 consent_type "consent_to_be_bound" (only in depositary)
	// CCW-PV/LBN/1 state_name "Lebanon" (only in csv)
	// CCW-PV/LBN/1 consent_date "" (only in csv)
	// CCW-PV/LBN/1 consent_type "" (only in csv)
	// CCW-PV/LBN/1 entry_into_force_date "" (only in csv)
	// CCW-PV/PHL/1 consent_date "2022-05-10" (depositary wins)
}
