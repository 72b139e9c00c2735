package warehouse

import (
	"errors"
	"fmt"
	"math"
	"math/rand/v2"
	"strconv"
	"strings"
	"testing"
)

func TestCosineFunction(t *testing.T) {
	db := openTestDB(t)
	const tol = 1e-15
	for _, tc := range []struct {
		name string
		expr string
		want any // float64, or nil for SQL NULL
	}{
		// Hand: (1·1 + 0·1) / (√(1²+0²) · √(1²+1²)) = 1/√2;
		// python3 -c "import math; print(repr(1/math.sqrt(2)))" = 0.7071067811865475.
		{"half right angle", "[1,0]::double[], [1,1]::double[]", 0.7071067811865475},
		// Integer lists are cast to double[] implicitly; same value as above.
		{"implicit cast", "[1,0], [1,1]", 0.7071067811865475},
		// Fixed-size arrays are cast to lists. Hand: (3·1 + 4·0) / (5 · 1) = 0.6.
		{"array", "[3,4]::double[2], [1,0]::double[2]", 0.6},
		// Hand: orthogonal, 0 / (1 · 1) = 0.
		{"orthogonal", "[1,0]::double[], [0,1]::double[]", 0.0},
		// Hand: b = −a, (−1−4) / (√5 · √5) = −1.
		{"opposite", "[1,2]::double[], [-1,-2]::double[]", -1.0},
		{"zero vector", "[0,0]::double[], [1,1]::double[]", nil},
		{"zero vector second", "[1,1]::double[], [0,0]::double[]", nil},
		{"empty lists", "[]::double[], []::double[]", nil},
		{"null first", "null::double[], [1,1]::double[]", nil},
		{"null second", "[1,1]::double[], null", nil},
		{"null element", "[1,null]::double[], [1,1]::double[]", nil},
		{"nan element", "[1, 'nan'::double], [1,1]::double[]", nil},
		{"infinite element", "[1, 'inf'::double], [1,1]::double[]", nil},
		// a·b = 3e308 overflows, so stats.Cosine takes its scaled path.
		// Hand: b ∥ (1,1), so the value is (1+2)/(√5·√2) = 3/√10;
		// python3 -c "import math; print(repr(3/math.sqrt(10)))" = 0.9486832980505138.
		{"huge", "[1,2]::double[], [1e308,1e308]::double[]", 0.9486832980505138},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got := queryOne(t, db, "select synergy_cosine("+tc.expr+")")
			if tc.want == nil {
				if got != nil {
					t.Fatalf("synergy_cosine(%s) = %v, want NULL", tc.expr, got)
				}
				return
			}
			g, ok := got.(float64)
			if !ok || math.Abs(g-tc.want.(float64)) > tol {
				t.Fatalf("synergy_cosine(%s) = %v (%T), want %v ± %g", tc.expr, got, got, tc.want, tol)
			}
		})
	}
}

func TestCosineFunctionLengthMismatch(t *testing.T) {
	db := openTestDB(t)
	_, err := db.Query(t.Context(), "select synergy_cosine([1,2,3]::double[], [1,2]::double[])")
	var we *Error
	if !errors.As(err, &we) {
		t.Fatalf("err = %v, want a *warehouse.Error", err)
	}
	if !strings.Contains(err.Error(), "list lengths differ (3 and 2)") {
		t.Errorf("err = %v, want it to name both lengths", err)
	}
}

// TestCosineFunctionMatchesDuckDB checks synergy_cosine against DuckDB's own
// list_cosine_similarity on 1,000 random pairs of vectors of 1 to 12
// components in [-1, 1) (PCG seed 1, 2), written as shortest round-trip
// literals so both functions see the same doubles.
func TestCosineFunctionMatchesDuckDB(t *testing.T) {
	db := openTestDB(t)
	rng := rand.New(rand.NewPCG(1, 2))
	vec := func(n int) string {
		parts := make([]string, n)
		for i := range parts {
			parts[i] = strconv.FormatFloat(2*rng.Float64()-1, 'g', -1, 64)
		}
		return "[" + strings.Join(parts, ",") + "]"
	}
	var rows []string
	for i := range 1000 {
		n := 1 + rng.IntN(12)
		rows = append(rows, fmt.Sprintf("(%d, %s::double[], %s::double[])", i, vec(n), vec(n)))
	}
	q := "select id, synergy_cosine(a, b), list_cosine_similarity(a, b)\nfrom (values " +
		strings.Join(rows, ",\n") + ") as t(id, a, b) order by id"
	res, err := db.Query(t.Context(), q)
	if err != nil {
		t.Fatal(err)
	}
	if res.Len() != 1000 {
		t.Fatalf("%d rows, want 1000", res.Len())
	}
	const tol = 1e-12
	for _, r := range res.Rows {
		got, ok1 := r[1].(float64)
		want, ok2 := r[2].(float64)
		if !ok1 || !ok2 || math.Abs(got-want) > tol {
			t.Errorf("row %v: synergy_cosine = %v, list_cosine_similarity = %v, want equal within %g", r[0], r[1], r[2], tol)
		}
	}
}

// TestCosineFunctionGroupBy builds each group's two vectors with list() and
// scores them, as a model scoring theme profiles would.
func TestCosineFunctionGroupBy(t *testing.T) {
	db := openTestDB(t)
	if err := db.Exec(t.Context(), `
create table profile (g integer, i integer, x double, y double);
insert into profile values
  (1, 1, 1, 4), (1, 2, 2, 5), (1, 3, 3, 6),
  (2, 1, 1, 0), (2, 2, 0, 1),
  (3, 1, 0, 1), (3, 2, 0, 1);`); err != nil {
		t.Fatal(err)
	}
	res, err := db.Query(t.Context(), `
select g, synergy_cosine(list(x order by i), list(y order by i)) as c
from profile group by g order by g`)
	if err != nil {
		t.Fatal(err)
	}
	want := []any{
		// Hand: (1·4 + 2·5 + 3·6) / (√14 · √77) = 32 / √1078;
		// python3 -c "import math; print(repr(32/(math.sqrt(14)*math.sqrt(77))))"
		// = 0.9746318461970762.
		0.9746318461970762,
		0.0, // [1,0] ⟂ [0,1]
		nil, // x is the zero vector
	}
	if res.Len() != len(want) {
		t.Fatalf("%d rows, want %d", res.Len(), len(want))
	}
	for i, r := range res.Rows {
		if want[i] == nil {
			if r[1] != nil {
				t.Errorf("group %v: %v, want NULL", r[0], r[1])
			}
			continue
		}
		if g, ok := r[1].(float64); !ok || math.Abs(g-want[i].(float64)) > 1e-15 {
			t.Errorf("group %v: %v, want %v ± 1e-15", r[0], r[1], want[i])
		}
	}
}
