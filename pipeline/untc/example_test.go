package untc_test

import (
	"fmt"
	"strings"

	"synergy/pipeline/untc"
)

// A few lines of the Convention on Cluster Munitions' status page, as a browser copies
// them: table cells are separated by tabs.
func ExampleDecode() {
	const page = "CHAPTER XXVI\n" +
		"6. Convention on Cluster Munitions\n" +
		"Signatories : 107. Parties : 112\n" +
		"Participant\tSignature\tProvisional application(n)\tApproval(AA), Acceptance(A), Accession(a), Ratification\n" +
		"Japan\t 3 Dec 2008\t\t14 Jul 2009 A\n" +
		"Lithuania 3\t[ 3 Dec 2008 ]\t[24 Mar 2011 n]\t[24 Mar 2011 ]\n" +
		"End Note\n" +
		"3 On 6 September 2024, the Government of the Republic of Lithuania deposited with the Secretary-General a notification of withdrawal. " +
		"The withdrawal took effect for Lithuania on 6 March 2025 in accordance with article 20 (3) of the Convention.\n"
	p, err := untc.Decode(strings.NewReader(page), "ccm.txt")
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(p.TreatyID, p.Title, *p.DeclaredParties)
	for _, pt := range p.Participants {
		fmt.Println(pt.Name, pt.Footnotes, pt.Consent, pt.ConsentKind, "ended:", pt.ConsentBracketed)
	}
	for _, w := range p.Withdrawals() {
		fmt.Println(w.Name, "notified", w.Notified, "effective", w.Effective)
	}
	// Output:
	// XXVI-6 Convention on Cluster Munitions 112
	// Japan [] 2009-07-14 acceptance ended: false
	// Lithuania [3] 2011-03-24 ratification ended: true
	// Lithuania notified 2024-09-06 effective 2025-03-06
}
