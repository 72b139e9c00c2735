package report_test

import (
	"fmt"

	"synergy/pipeline/report"
)

// Numbers follow the report's language; years and ids are never grouped.
func ExampleLang_Float() {
	for _, l := range report.Langs {
		fmt.Printf("%s %s %s %s\n", l, l.Float(0.97, 2), l.Int(4283), l.Percent(0.144, 1))
	}
	// Output:
	// en 0.97 4,283 14.4%
	// fr 0,97 4 283 14,4 %
	// es 0,97 4283 14,4 %
}

// A period and the one before it, as the "what changed" section compares them.
func ExamplePeriod_Previous() {
	p := report.Period{From: 2022, To: 2024}
	fmt.Println(p, "follows", p.Previous())
	fmt.Println(report.Year(2024), "follows", report.Year(2024).Previous())
	// Output:
	// 2022-2024 follows 2019-2021
	// 2024 follows 2023
}
