package stats_test

import (
	"fmt"

	"synergy/pipeline/stats"
)

func ExampleCosine() {
	// Shares of two meetings' agenda items per theme
	// (clearance, victim assistance, stockpiles).
	a := []float64{0.5, 0.5, 0}
	b := []float64{0.5, 0, 0.5}
	c, ok := stats.Cosine(a, b)
	fmt.Printf("%.4f %v\n", c, ok)

	// A meeting with no tagged agenda items has no theme profile.
	_, ok = stats.Cosine(a, []float64{0, 0, 0})
	fmt.Println(ok)
	// Output:
	// 0.5000 true
	// false
}
