package stats

import (
	"math"
	"slices"
	"strings"
	"testing"
)

// Expected values are worked out by hand in the comments, and the decimal
// expansions come from Python 3's float arithmetic, e.g.
//
//	python3 -c "import math; print(repr(1/math.sqrt(2)))"
//
// with the exact expression given next to each case.

func TestCosine(t *testing.T) {
	nan := math.NaN()
	for _, tc := range []struct {
		name   string
		a, b   []float64
		want   float64
		wantOK bool
		tol    float64
	}{
		// Hand: (1·1 + 0·1) / (1 · √2) = 1/√2; python3 repr(1/math.sqrt(2)).
		{"half right angle", []float64{1, 0}, []float64{1, 1}, 0.7071067811865475, true, 1e-15},
		// Hand: (4 + 10 + 18) / (√14 · √77) = 32/√1078;
		// python3 repr(32/(math.sqrt(14)*math.sqrt(77))).
		{"three components", []float64{1, 2, 3}, []float64{4, 5, 6}, 0.9746318461970762, true, 1e-15},
		// Hand: (12 + 12) / (5 · 5) = 24/25 = 0.96.
		{"3-4-5", []float64{3, 4}, []float64{4, 3}, 0.96, true, 1e-15},
		// Theme shares, as DESIGN §4 uses them. Hand: a·b = 0.1+0.05+0.05 = 0.2,
		// ‖a‖² = 0.375, ‖b‖² = 0.28; python3
		// repr(0.2/(math.sqrt(0.375)*math.sqrt(0.28))).
		{"theme shares", []float64{0.5, 0.25, 0.25, 0}, []float64{0.2, 0.2, 0.2, 0.4}, 0.6172133998483678, true, 1e-15},
		// Hand: cos(a, 2a) = 1 (scale invariance).
		{"parallel", []float64{1, 2, 3}, []float64{2, 4, 6}, 1, true, 1e-15},
		// Hand: b = −a, so −‖a‖²/‖a‖² = −1.
		{"opposite", []float64{1, -2}, []float64{-1, 2}, -1, true, 1e-15},
		// Hand: 0 / (1 · 1) = 0.
		{"orthogonal", []float64{1, 0}, []float64{0, 1}, 0, true, 0},
		// a·b = 3e308 overflows. Hand: b ∥ (1, 1), so (1+2)/(√5·√2) = 3/√10;
		// python3 repr(3/math.sqrt(10)).
		{"overflow", []float64{1, 2}, []float64{1e308, 1e308}, 0.9486832980505138, true, 1e-15},
		// a·b = 1.1e-399 underflows to 0 (naive Python division raises
		// ZeroDivisionError here). Hand: scale invariance gives
		// cos((1,2), (3,4)) = 11/(√5·5); python3 repr(11/(5*math.sqrt(5))).
		{"underflow", []float64{1e-200, 2e-200}, []float64{3e-200, 4e-200}, 0.9838699100999074, true, 1e-15},
		{"zero first", []float64{0, 0}, []float64{1, 1}, 0, false, 0},
		{"zero second", []float64{1, 1}, []float64{0, 0}, 0, false, 0},
		{"empty", []float64{}, []float64{}, 0, false, 0},
		{"nil", nil, nil, 0, false, 0},
		{"NaN", []float64{nan, 1}, []float64{1, 1}, nan, true, 0},
		{"Inf", []float64{math.Inf(1), 1}, []float64{1, 1}, nan, true, 0},
		// The zero vector wins over a NaN: undefined either way.
		{"NaN and zero", []float64{nan, 1}, []float64{0, 0}, 0, false, 0},
	} {
		t.Run(tc.name, func(t *testing.T) {
			for _, swap := range []bool{false, true} { // cosine is symmetric
				a, b := tc.a, tc.b
				if swap {
					a, b = b, a
				}
				got, ok := Cosine(a, b)
				if ok != tc.wantOK || !within(got, tc.want, tc.tol) {
					t.Errorf("Cosine(%v, %v) = %v, %v; want %v, %v (tol %g)", a, b, got, ok, tc.want, tc.wantOK, tc.tol)
				}
			}
		})
	}
}

func TestCosineLengthMismatchPanics(t *testing.T) {
	defer func() {
		r := recover()
		if s, _ := r.(string); !strings.HasPrefix(s, "stats: ") {
			t.Errorf("recover() = %v, want a panic with the \"stats: \" prefix", r)
		}
	}()
	Cosine([]float64{1, 2}, []float64{1})
}

func TestJaccard(t *testing.T) {
	for _, tc := range []struct {
		name   string
		a, b   []string
		want   float64
		wantOK bool
	}{
		// Hand: {b,c} / {a,b,c,d} = 2/4.
		{"half", []string{"a", "b", "c"}, []string{"b", "c", "d"}, 0.5, true},
		// Hand: sets {a,b} and {b}: 1/2; duplicates ignored.
		{"duplicates", []string{"a", "a", "b"}, []string{"b", "b"}, 0.5, true},
		// Hand: {NO} / {FR,DE,NO} = 1/3; python3 repr(1/3).
		{"third", []string{"FR", "NO"}, []string{"NO", "DE"}, 0.3333333333333333, true},
		{"identical, reordered", []string{"a", "b"}, []string{"b", "a"}, 1, true},
		{"disjoint", []string{"a"}, []string{"b"}, 0, true},
		{"case-sensitive", []string{"A"}, []string{"a"}, 0, true},
		{"one empty", []string{"a"}, nil, 0, true},
		{"both empty", []string{}, []string{}, 0, false},
		{"both nil", nil, nil, 0, false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			for _, swap := range []bool{false, true} { // Jaccard is symmetric
				a, b := tc.a, tc.b
				if swap {
					a, b = b, a
				}
				got, ok := Jaccard(a, b)
				if ok != tc.wantOK || !within(got, tc.want, 1e-15) {
					t.Errorf("Jaccard(%q, %q) = %v, %v; want %v, %v", a, b, got, ok, tc.want, tc.wantOK)
				}
			}
		})
	}
}

func TestContainment(t *testing.T) {
	for _, tc := range []struct {
		name   string
		a, b   []string
		want   float64
		wantOK bool
	}{
		// Hand: A ⊆ B, so |A∩B|/|A| = 2/2.
		{"subset", []string{"a", "b"}, []string{"a", "b", "c"}, 1, true},
		// Hand: {a,b} / {a,b,c,d} = 2/4; the reverse of the case above.
		{"superset", []string{"a", "b", "c", "d"}, []string{"a", "b"}, 0.5, true},
		// Hand: sets {a,b,c} and {c}: 1/3; python3 repr(1/3).
		{"duplicates", []string{"a", "b", "c", "a"}, []string{"c", "c"}, 0.3333333333333333, true},
		{"empty b", []string{"a"}, nil, 0, true},
		{"empty a", nil, []string{"a"}, 0, false},
		{"both empty", nil, nil, 0, false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got, ok := Containment(tc.a, tc.b)
			if ok != tc.wantOK || !within(got, tc.want, 1e-15) {
				t.Errorf("Containment(%q, %q) = %v, %v; want %v, %v", tc.a, tc.b, got, ok, tc.want, tc.wantOK)
			}
		})
	}
}

func TestProximity(t *testing.T) {
	for _, tc := range []struct {
		gap  int
		want float64
	}{
		// Overlaps and back to back (DESIGN §4: gap 0 or 1) are not discounted.
		{-3, 1}, {0, 1}, {1, 1},
		// 0.5^((g−1)/5): python3 repr(2**-0.2), repr(2**-0.4).
		{2, 0.8705505632961241},
		{3, 0.757858283255199},
		// Hand: one halving at 5 working days beyond back to back, two at 10.
		{6, 0.5},
		{11, 0.25},
		// The widest same_city_window gap; python3 repr(2**-1.8).
		{10, 0.2871745887492587},
	} {
		if got := Proximity(tc.gap); !within(got, tc.want, 1e-15) {
			t.Errorf("Proximity(%d) = %v, want %v ± 1e-15", tc.gap, got, tc.want)
		}
	}
}

func TestCoherenceIndex(t *testing.T) {
	for _, tc := range []struct {
		name                   string
		meetings, trips, lower []int
		want                   float64
	}{
		// DESIGN §4's prototype, 2019: 456 state-meetings, 456 trips, lower
		// bound 297: (456−456)/(456−297) = 0.
		{"design 2019", []int{456}, []int{456}, []int{297}, 0},
		// DESIGN §4, 2014: 854, 533, 524 (quoted as index 0.97): hand
		// (854−533)/(854−524) = 321/330; python3 repr(321/330).
		{"design 2014", []int{854}, []int{533}, []int{524}, 0.9727272727272728},
		// A ratio of sums, not a mean of ratios: entries 0/8 and 1/1 give
		// (0+1)/(8+1) = 1/9 (the mean of ratios would be 0.5); python3 repr(1/9).
		{"sums", []int{10, 3}, []int{10, 2}, []int{2, 2}, 0.1111111111111111},
		// Hand: (4+0)/(4+0) = 1, trips at the bound everywhere.
		{"all saved", []int{6, 1}, []int{2, 1}, []int{2, 1}, 1},
		{"zero denominator", []int{2, 1}, []int{2, 1}, []int{2, 1}, 1},
		{"empty", nil, nil, nil, 1},
		// A trip straddling 30 June: trips 1 < lower bound 2. Hand:
		// (4−1)/(4−2) = 1.5; not clamped.
		{"straddles half-year", []int{4}, []int{1}, []int{2}, 1.5},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if got := CoherenceIndex(tc.meetings, tc.trips, tc.lower); !within(got, tc.want, 1e-15) {
				t.Errorf("CoherenceIndex(%v, %v, %v) = %v, want %v ± 1e-15", tc.meetings, tc.trips, tc.lower, got, tc.want)
			}
		})
	}
}

func TestCoherenceIndexLengthMismatchPanics(t *testing.T) {
	defer func() {
		r := recover()
		if s, _ := r.(string); !strings.HasPrefix(s, "stats: ") {
			t.Errorf("recover() = %v, want a panic with the \"stats: \" prefix", r)
		}
	}()
	CoherenceIndex([]int{1, 2}, []int{1, 2}, []int{1})
}

// TestInputsNotModified runs every function on inputs chosen to exercise
// their special paths (duplicates, the scaled cosine) and checks the slices
// are unchanged afterwards.
func TestInputsNotModified(t *testing.T) {
	fa, fb := []float64{3, 1e-300, 4}, []float64{-1e300, 2, 0.5}
	sa, sb := []string{"b", "a", "b"}, []string{"c", "a"}
	m, tr, lb := []int{5, 3}, []int{4, 3}, []int{2, 1}
	fa0, fb0 := slices.Clone(fa), slices.Clone(fb)
	sa0, sb0 := slices.Clone(sa), slices.Clone(sb)
	m0, tr0, lb0 := slices.Clone(m), slices.Clone(tr), slices.Clone(lb)

	Cosine(fa, fb)
	Cosine(fa[:2], fb[:2])
	Jaccard(sa, sb)
	Containment(sa, sb)
	Containment(sb, sa)
	CoherenceIndex(m, tr, lb)

	if !slices.Equal(fa, fa0) || !slices.Equal(fb, fb0) {
		t.Errorf("Cosine modified its inputs: %v, %v; want %v, %v", fa, fb, fa0, fb0)
	}
	if !slices.Equal(sa, sa0) || !slices.Equal(sb, sb0) {
		t.Errorf("Jaccard or Containment modified its inputs: %q, %q; want %q, %q", sa, sb, sa0, sb0)
	}
	if !slices.Equal(m, m0) || !slices.Equal(tr, tr0) || !slices.Equal(lb, lb0) {
		t.Errorf("CoherenceIndex modified its inputs: %v, %v, %v", m, tr, lb)
	}
}

// within reports whether got is want to within tol; NaN matches only NaN.
func within(got, want, tol float64) bool {
	if math.IsNaN(want) {
		return math.IsNaN(got)
	}
	return math.Abs(got-want) <= tol
}
