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

// Jaccard returns the Jaccard similarity of the sets of elements of a and b,
//
//	J(A, B) = |A ∩ B| / |A ∪ B|,
//
// where A and B are the sets of distinct strings in a and b: duplicates and
// order are ignored, and comparison is exact (byte-wise, case-sensitive). The
// result lies in [0, 1].
//
// ok is false, and the similarity 0, when both a and b are empty (nil or zero
// length): J(∅, ∅) is undefined. a and b are not modified.
func Jaccard(a, b []string) (similarity float64, ok bool) {
	sa, sb := set(a), set(b)
	inter := intersection(sa, sb)
	union := len(sa) + len(sb) - inter
	if union == 0 {
		return 0, false
	}
	return float64(inter) / float64(union), true
}

// Containment returns the share of the set of a that is also in the set of b,
//
//	C(A, B) = |A ∩ B| / |A|,
//
// with A and B the sets of distinct strings in a and b, as for [Jaccard]. It
// is asymmetric: C(A, B) = 1 when A ⊆ B. The result lies in [0, 1].
//
// ok is false, and the containment 0, when a is empty: C(∅, B) is undefined.
// An empty b with a non-empty a gives (0, true). a and b are not modified.
func Containment(a, b []string) (containment float64, ok bool) {
	sa := set(a)
	if len(sa) == 0 {
		return 0, false
	}
	return float64(intersection(sa, set(b))) / float64(len(sa)), true
}

func set(s []string) map[string]struct{} {
	m := make(map[string]struct{}, len(s))
	for _, x := range s {
		m[x] = struct{}{}
	}
	return m
}

func intersection(a, b map[string]struct{}) int {
	if len(a) > len(b) {
		a, b = b, a
	}
	n := 0
	for x := range a {
		if _, in := b[x]; in {
			n++
		}
	}
	return n
}

// Proximity returns the discount applied to a meeting pair's coherence for
// the number of working days between the end of the earlier meeting and the
// start of the later (DESIGN.md §4),
//
//	proximity(g) = 1                      for g ≤ 1 (back to back),
//	proximity(g) = 0.5^((g − 1) / 5)      for g > 1,
//
// so it halves every 5 working days beyond back to back, continuously
// (proximity(6) = 0.5, proximity(11) = 0.25). The result lies in (0, 1].
// A negative gap (overlapping dates) gives 1; §4 scores coherence only for
// back_to_back and same_city_window pairs, so callers decide whether such
// pairs are scored at all.
func Proximity(gapWorkingDays int) float64 {
	if gapWorkingDays <= 1 {
		return 1
	}
	return math.Exp2(-float64(gapWorkingDays-1) / 5)
}

// CoherenceIndex returns the delegation coherence index of DESIGN.md §4 over
// the entries i (states, or state-years),
//
//	index = Σᵢ (meetingsᵢ − tripsᵢ) / Σᵢ (meetingsᵢ − lowerBoundᵢ),
//
// a ratio of sums, never an average of per-entry ratios. It is 1 when the
// denominator is 0 — nothing could have been gained — which includes empty
// input.
//
// The counts are used as given. When 0 ≤ lowerBoundᵢ ≤ tripsᵢ ≤ meetingsᵢ for
// every i, the index lies in [0, 1]: 0 when no meetings were combined into
// trips, 1 when trips reached the lower bound everywhere. It is not clamped, so
// entries with tripsᵢ < lowerBoundᵢ (a trip that straddles the half-year
// boundary counts once in trips and twice in the lower bound) can push it
// above 1. The slices are not modified.
//
// CoherenceIndex panics if the three slices differ in length.
func CoherenceIndex(meetings, trips, lowerBound []int) float64 {
	if len(meetings) != len(trips) || len(meetings) != len(lowerBound) {
		panic("stats: slice length mismatch")
	}
	var num, den int
	for i, m := range meetings {
		num += m - trips[i]
		den += m - lowerBound[i]
	}
	if den == 0 {
		return 1
	}
	return float64(num) / float64(den)
}
