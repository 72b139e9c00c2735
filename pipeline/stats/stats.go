package stats

import (
	"math"

	"gonum.org/v1/gonum/floats"
)

// Cosine returns the cosine similarity of a and b,
//
//	cos(a, b) = a·b / (‖a‖₂ ‖b‖₂) = Σᵢ aᵢbᵢ / (√(Σᵢ aᵢ²) √(Σᵢ bᵢ²)),
//
// computed with [floats.Dot] and [floats.Norm](x, 2) (gonum's overflow-safe
// scaled 2-norm) and clamped to [-1, 1] against rounding, as DuckDB's
// list_cosine_similarity does. When a norm lies outside [2⁻⁵⁰⁰, 2⁵⁰⁰], where
// a·b or ‖a‖‖b‖ could overflow or underflow, it sums (aᵢ/‖a‖)(bᵢ/‖b‖)
// instead, so every finite input gives a finite result. For non-negative
// vectors (theme shares) the result lies in [0, 1].
//
// ok is false, and the similarity 0, when a or b is a zero vector (including
// empty slices): the angle is then undefined. Otherwise a NaN or ±Inf element
// gives NaN with ok true; callers that may see non-finite elements check for
// NaN themselves. a and b are not modified.
//
// Cosine panics if len(a) != len(b).
func Cosine(a, b []float64) (similarity float64, ok bool) {
	if len(a) != len(b) {
		panic("stats: slice length mismatch")
	}
	na, nb := floats.Norm(a, 2), floats.Norm(b, 2)
	if na == 0 || nb == 0 {
		return 0, false
	}
	const lo, hi = 0x1p-500, 0x1p500
	var c float64
	if lo <= na && na <= hi && lo <= nb && nb <= hi {
		c = floats.Dot(a, b) / (na * nb)
	} else {
		// Also taken for NaN and Inf norms, which give NaN here.
		for i, x := range a {
			c += (x / na) * (b[i] / nb)
		}
	}
	return math.Max(-1, math.Min(1, c)), true
}
