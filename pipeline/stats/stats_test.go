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

// TestInputsNotModified runs Cosine on inputs chosen to exercise its special
// path (the scaled cosine) and checks the slices are unchanged afterwards.
func TestInputsNotModified(t *testing.T) {
	fa, fb := []float64{3, 1e-300, 4}, []float64{-1e300, 2, 0.5}
	fa0, fb0 := slices.Clone(fa), slices.Clone(fb)

	Cosine(fa, fb)
	Cosine(fa[:2], fb[:2])

	if !slices.Equal(fa, fa0) || !slices.Equal(fb, fb0) {
		t.Errorf("Cosine modified its inputs: %v, %v; want %v, %v", fa, fb, fa0, fb0)
	}
}

// within reports whether got is want to within tol; NaN matches only NaN.
func within(got, want, tol float64) bool {
	if math.IsNaN(want) {
		return math.IsNaN(got)
	}
	return math.Abs(got-want) <= tol
}
