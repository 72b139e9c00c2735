package models_test

import (
	"fmt"
	"math"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"synergy/pipeline/warehouse"
)

// The formulas of DESIGN §4 that the models compute live once each in
// sql/macros. These tests run the real macros in DuckDB against values worked
// out by hand in the comments; decimal expansions come from Python 3's float
// arithmetic, e.g.
//
//	python3 -c "print(repr(2**-0.2))"
//
// with the exact expression given next to each case.

// openMacroDB opens a warehouse with the macros of the real sql/ folder.
func openMacroDB(t *testing.T) *warehouse.DB {
	t.Helper()
	db := openTestDB(t)
	for _, m := range loadProject(t).Macros {
		if err := db.Exec(t.Context(), m.SQL); err != nil {
			t.Fatalf("macros %s: %v", m.Path, err)
		}
	}
	return db
}

// queryFloat runs q, which returns one value, and returns it as a float64, or
// ok false for NULL.
func queryFloat(t *testing.T, db *warehouse.DB, q string) (v float64, ok bool) {
	t.Helper()
	rows := query(t, db, q)
	if len(rows) != 1 || len(rows[0]) != 1 {
		t.Fatalf("%s: got %v, want one value", q, rows)
	}
	if rows[0][0] == nil {
		return 0, false
	}
	f, isFloat := rows[0][0].(float64)
	if !isFloat {
		t.Fatalf("%s = %v (%T), want a DOUBLE", q, rows[0][0], rows[0][0])
	}
	return f, true
}

// sqlStrings returns s as a DuckDB varchar[] literal.
func sqlStrings(s []string) string {
	quoted := make([]string, len(s))
	for i, x := range s {
		quoted[i] = "'" + strings.ReplaceAll(x, "'", "''") + "'"
	}
	return "[" + strings.Join(quoted, ", ") + "]::varchar[]"
}

// TestMacrosAreOurs checks that every formula name resolves to the macro of
// sql/macros, not to a DuckDB function of the same name.
func TestMacrosAreOurs(t *testing.T) {
	db := openMacroDB(t)
	got := query(t, db, `select function_name, function_type from duckdb_functions()
		where function_name in ('jaccard_index', 'containment', 'proximity', 'coherence_index',
			'is_remote_mode')
		order by function_name`)
	want := [][]any{{"coherence_index", "macro"}, {"containment", "macro"},
		{"is_remote_mode", "macro"}, {"jaccard_index", "macro"}, {"proximity", "macro"}}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("functions (-want +got):\n%s", diff)
	}
}

// TestSetOverlapMacros runs jaccard_index and containment on the sizes of
// the sets of distinct strings of a and b and of their intersection, as the
// models do on party sets.
func TestSetOverlapMacros(t *testing.T) {
	db := openMacroDB(t)
	const sets = `with sets as (
		select list_distinct(%s) as a, list_distinct(%s) as b
	) select %s from sets`
	jaccard := func(a, b []string) (float64, bool) {
		return queryFloat(t, db, fmt.Sprintf(sets, sqlStrings(a), sqlStrings(b),
			"jaccard_index(len(list_intersect(a, b)), len(a), len(b))"))
	}
	containment := func(a, b []string) (float64, bool) {
		return queryFloat(t, db, fmt.Sprintf(sets, sqlStrings(a), sqlStrings(b),
			"containment(len(list_intersect(a, b)), len(a))"))
	}
	t.Run("jaccard_index", func(t *testing.T) {
		for _, tc := range []struct {
			name   string
			a, b   []string
			want   float64
			wantOK bool // false: NULL
		}{
			// Hand: {b,c} / {a,b,c,d} = 2/4.
			{"half", []string{"a", "b", "c"}, []string{"b", "c", "d"}, 0.5, true},
			// Hand: sets {a,b} and {b}: 1/2; duplicates ignored.
			{"duplicates", []string{"a", "a", "b"}, []string{"b", "b"}, 0.5, true},
			// Hand: {NO} / {FR,DE,NO} = 1/3; python3 repr(1/3).
			{"third", []string{"FR", "NO"}, []string{"NO", "DE"}, 0.3333333333333333, true},
			// Hand: {BE,DE} / {AT,BE,CH,DE,FR} = 2/5.
			{"parties", []string{"AT", "BE", "CH", "DE"}, []string{"BE", "DE", "FR"}, 0.4, true},
			{"identical, reordered", []string{"a", "b"}, []string{"b", "a"}, 1, true},
			{"disjoint", []string{"a"}, []string{"b"}, 0, true},
			{"case-sensitive", []string{"A"}, []string{"a"}, 0, true},
			{"one empty", []string{"a"}, nil, 0, true},
			// J(∅, ∅) is undefined.
			{"both empty", nil, nil, 0, false},
		} {
			t.Run(tc.name, func(t *testing.T) {
				for _, swap := range []bool{false, true} { // Jaccard is symmetric
					a, b := tc.a, tc.b
					if swap {
						a, b = b, a
					}
					got, ok := jaccard(a, b)
					if ok != tc.wantOK || !within(got, tc.want, 1e-15) {
						t.Errorf("jaccard_index of %q, %q = %v, %v; want %v, %v", a, b, got, ok, tc.want, tc.wantOK)
					}
				}
			})
		}
	})
	t.Run("containment", func(t *testing.T) {
		for _, tc := range []struct {
			name   string
			a, b   []string
			want   float64
			wantOK bool // false: NULL
		}{
			// Hand: A ⊆ B, so |A∩B|/|A| = 2/2.
			{"subset", []string{"a", "b"}, []string{"a", "b", "c"}, 1, true},
			// Hand: {a,b} / {a,b,c,d} = 2/4; the reverse of the case above.
			{"superset", []string{"a", "b", "c", "d"}, []string{"a", "b"}, 0.5, true},
			// Hand: sets {a,b,c} and {c}: 1/3; python3 repr(1/3).
			{"duplicates", []string{"a", "b", "c", "a"}, []string{"c", "c"}, 0.3333333333333333, true},
			// Hand: {BE,DE} / {AT,BE,CH,DE} = 2/4, and / {BE,DE,FR} = 2/3;
			// python3 repr(2/3).
			{"parties", []string{"AT", "BE", "CH", "DE"}, []string{"BE", "DE", "FR"}, 0.5, true},
			{"parties reversed", []string{"BE", "DE", "FR"}, []string{"AT", "BE", "CH", "DE"}, 0.6666666666666666, true},
			{"empty b", []string{"a"}, nil, 0, true},
			// C(∅, B) is undefined.
			{"empty a", nil, []string{"a"}, 0, false},
			{"both empty", nil, nil, 0, false},
		} {
			t.Run(tc.name, func(t *testing.T) {
				got, ok := containment(tc.a, tc.b)
				if ok != tc.wantOK || !within(got, tc.want, 1e-15) {
					t.Errorf("containment of %q in %q = %v, %v; want %v, %v", tc.a, tc.b, got, ok, tc.want, tc.wantOK)
				}
			})
		}
	})
}

func TestProximityMacro(t *testing.T) {
	db := openMacroDB(t)
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
		// working_days returns a BIGINT, as the models pass it.
		q := fmt.Sprintf("select proximity(cast(%d as bigint))", tc.gap)
		if got, ok := queryFloat(t, db, q); !ok || !within(got, tc.want, 1e-15) {
			t.Errorf("proximity(%d) = %v, %v; want %v ± 1e-15", tc.gap, got, ok, tc.want)
		}
	}
}

// TestCoherenceIndexMacro sums the entries in SQL and passes the sums to
// coherence_index, as year_coherence does over states.
func TestCoherenceIndexMacro(t *testing.T) {
	db := openMacroDB(t)
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
		// DESIGN §4: undefined (NULL) when the denominator is 0, nothing could
		// be gained; an earlier rule gave 1 here.
		{"zero denominator", []int{2, 1}, []int{2, 1}, []int{2, 1}, math.NaN()},
		{"empty", nil, nil, nil, math.NaN()},
		// A trip straddling 30 June: trips 1 < lower bound 2. Hand:
		// (4−1)/(4−2) = 1.5; not clamped.
		{"straddles half-year", []int{4}, []int{1}, []int{2}, 1.5},
	} {
		t.Run(tc.name, func(t *testing.T) {
			entries := "select 0 as m, 0 as t, 0 as l where false"
			if len(tc.meetings) > 0 {
				rows := make([]string, len(tc.meetings))
				for i := range tc.meetings {
					rows[i] = fmt.Sprintf("(%d, %d, %d)", tc.meetings[i], tc.trips[i], tc.lower[i])
				}
				entries = "select * from (values " + strings.Join(rows, ", ") + ") as v (m, t, l)"
			}
			q := "select coherence_index(sum(m), sum(t), sum(l)) from (" + entries + ")"
			got, ok := queryFloat(t, db, q)
			if math.IsNaN(tc.want) {
				if ok {
					t.Errorf("coherence_index over %v, %v, %v = %v; want NULL", tc.meetings, tc.trips, tc.lower, got)
				}
				return
			}
			if !ok || !within(got, tc.want, 1e-15) {
				t.Errorf("coherence_index over %v, %v, %v = %v, %v; want %v ± 1e-15",
					tc.meetings, tc.trips, tc.lower, got, ok, tc.want)
			}
		})
	}
}

// within reports whether got is want to within tol.
func within(got, want, tol float64) bool {
	return math.Abs(got-want) <= tol
}
