package agenda_test

import (
	"fmt"
	"strings"

	"synergy/pipeline/agenda"
)

func ExampleDecode() {
	const file = `APLC/MSP.10/2010/1 (official agenda document NOT found) | https://example.org/day-1
Meeting: Tenth Meeting of the States Parties (10MSP), APMBC, Geneva
Status: PARTIAL reconstruction; gaps marked [...].

1. Official Opening of the 10MSP
[... items 2-10 not seen ...]
11. [Consideration of the general status and operation of the Convention]
    A - Assisting the Victims
    B - Clearing Mined Areas
`
	a, err := agenda.Decode(strings.NewReader(file), "APMBC_10MSP.en.txt")
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(a.MeetingID, a.Lang, *a.Symbol, a.Kind, "partial:", a.Partial)
	for _, it := range a.Items {
		fmt.Printf("%-5s %s (reconstructed: %v)\n", it.Number, it.Title, it.Reconstructed)
	}
	for _, r := range a.Records()[2:] {
		fmt.Println(r.SourceFile, r.SourceLine, r.ItemNumber)
	}
	// Output:
	// APMBC_10MSP en APLC/MSP.10/2010/1 agenda partial: true
	// 1     Official Opening of the 10MSP (reconstructed: false)
	// 11    [Consideration of the general status and operation of the Convention] (reconstructed: true)
	// 11.A  Assisting the Victims (reconstructed: false)
	// 11.B  Clearing Mined Areas (reconstructed: false)
	// APMBC_10MSP.en.txt 8 11.A
	// APMBC_10MSP.en.txt 9 11.B
}

func ExampleDecode_rejects() {
	const file = "(no symbol) | https://example.org/\n1. Opening\nsome stray prose\n"
	a, err := agenda.Decode(strings.NewReader(file), "CCW_5RC.en.txt")
	if err != nil {
		fmt.Println(err)
		return
	}
	for _, r := range a.Rejects {
		fmt.Println(r)
	}
	// Output:
	// CCW_5RC.en.txt:3: line: line is not a header, item, sub-item, section heading or gap marker
}
