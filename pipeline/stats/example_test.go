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

func ExampleJaccard() {
	p1 := []string{"AT", "BE", "CH", "DE"}
	p2 := []string{"BE", "DE", "FR"}
	j, ok := stats.Jaccard(p1, p2)
	fmt.Printf("%.2f %v\n", j, ok)
	// Output:
	// 0.40 true
}

func ExampleContainment() {
	p1 := []string{"AT", "BE", "CH", "DE"}
	p2 := []string{"BE", "DE", "FR"}
	c12, _ := stats.Containment(p1, p2)
	c21, _ := stats.Containment(p2, p1)
	fmt.Printf("%.4f %.4f\n", c12, c21)
	// Output:
	// 0.5000 0.6667
}

func ExampleProximity() {
	for _, gap := range []int{0, 1, 2, 6, 11} {
		fmt.Printf("%d: %.4f\n", gap, stats.Proximity(gap))
	}
	// Output:
	// 0: 1.0000
	// 1: 1.0000
	// 2: 0.8706
	// 6: 0.5000
	// 11: 0.2500
}

func ExampleCoherenceIndex() {
	// Two states in one year: the first made 10 trips for 10 meetings that
	// could have been 2 trips; the second reached its lower bound.
	meetings := []int{10, 3}
	trips := []int{10, 2}
	lowerBound := []int{2, 2}
	fmt.Printf("%.4f\n", stats.CoherenceIndex(meetings, trips, lowerBound))
	// Output:
	// 0.1111
}
