package treaty_test

import (
	"fmt"

	"synergy/pipeline/civil"
	"synergy/pipeline/treaty"
)

// Albania deposited its ratification of the Mine Ban Convention on 29 February 2000;
// the Convention entered into force for it on 1 August 2000.
func ExampleParseRule() {
	r, err := treaty.ParseRule("first_day_of_month_after:6;not_before:1999-03-01;art:17(2)")
	if err != nil {
		fmt.Println(err)
		return
	}
	deposit, _ := civil.ParseDay("2000-02-29")
	fmt.Println(r.EntryIntoForce(deposit), "under Art.", r.Article())
	// Output: 2000-08-01 under Art. 17(2)
}

func ExampleParseRule_error() {
	_, err := treaty.ParseRule("weeks_after_deposit:6;not_before:1983-12-02;art:5(2)")
	fmt.Println(err)
	// Output: treaty: entry-into-force rule "weeks_after_deposit:6;not_before:1983-12-02;art:5(2)": unknown rule kind: "weeks_after_deposit"
}
