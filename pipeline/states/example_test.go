package states_test

import (
	"fmt"
	"log"
	"strings"

	"synergy/pipeline/states"
)

func ExampleLoad() {
	statesCSV := `state_id,name,m49_code,region,sub_region,source_url
TUR,Türkiye,792,Asia,Western Asia,https://example.org/m49
NLD,Netherlands,528,Europe,Western Europe,https://example.org/m49
`
	namesCSV := `name,state_id,note,source_url
Turkey,TUR,other spelling,shared/reference/membership/apmbc.csv
Netherlands (Kingdom of the),NLD,UN form,shared/reference/untc/ccm.html
`
	r, err := states.Load(strings.NewReader(statesCSV), strings.NewReader(namesCSV))
	if err != nil {
		log.Fatal(err)
	}
	for _, name := range []string{"TURKIYE", "Turkey", "Netherlands (Kingdom of the)4", "nld", "Narnia"} {
		id, ok := r.Resolve(name)
		fmt.Printf("%q -> %q %v\n", name, id, ok)
	}
	fmt.Println(len(r.States()), "states,", len(r.Names()), "names")
	// Output:
	// "TURKIYE" -> "TUR" true
	// "Turkey" -> "TUR" true
	// "Netherlands (Kingdom of the)4" -> "NLD" true
	// "nld" -> "NLD" true
	// "Narnia" -> "" false
	// 2 states, 2 names
}
