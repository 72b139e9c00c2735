package csvtable_test

import (
	"fmt"
	"strings"

	"synergy/pipeline/csvtable"
)

func Example() {
	in := "\ufeffstate_id,name\r\nALB,Albania\r\nAND,Andorra\r\n"
	t, err := csvtable.New(strings.NewReader(in))
	if err != nil {
		fmt.Println(err)
		return
	}
	if col, missing := t.Missing([]string{"state_id", "name", "region"}); missing {
		fmt.Println("no column", col)
	}
	for {
		r, err := t.Next()
		if err != nil {
			break
		}
		fmt.Println(r.Line, r.Get("state_id"), r.Get("name"))
	}
	// Output:
	// no column region
	// 2 ALB Albania
	// 3 AND Andorra
}
