package report

import (
	"fmt"
	"math"
	"sort"
	"strings"

	"synergy/pipeline/tabular"
)

// rows gives named access to a query result; a column missing from the result is a
// programming error in the query and panics, as tabular.Result.Value does.
type rows struct{ r *tabular.Result }

func (x rows) len() int { return x.r.Len() }

func (x rows) val(i int, col string) any { return x.r.Value(i, col) }

func (x rows) str(i int, col string) string { return str(x.val(i, col)) }

func (x rows) num(i int, col string) float64 { return num(x.val(i, col)) }

func (x rows) int(i int, col string) int { return intOf(x.val(i, col)) }

func (x rows) list(i int, col string) []string {
	l, _ := x.val(i, col).([]any)
	out := make([]string, 0, len(l))
	for _, v := range l {
		out = append(out, str(v))
	}
	return out
}

func str(v any) string {
	switch x := v.(type) {
	case nil:
		return ""
	case string:
		return x
	default:
		return fmt.Sprint(x)
	}
}

// toFloat converts a numeric value of a tabular.Result; ok is false for NULL and
// non-numbers.
func toFloat(v any) (float64, bool) {
	switch x := v.(type) {
	case float64:
		return x, true
	case float32:
		return float64(x), true
	case int64:
		return float64(x), true
	case int:
		return float64(x), true
	case int32:
		return float64(x), true
	}
	return 0, false
}

// num returns a numeric value of a tabular.Result as a float64, 0 for NULL.
func num(v any) float64 {
	f, _ := toFloat(v)
	return f
}

// intOf returns a numeric value of a tabular.Result rounded to an int, 0 for NULL.
func intOf(v any) int { return int(math.Round(num(v))) }

// ratio returns a / b, or 0 when b is 0.
func ratio(a, b float64) float64 {
	if b == 0 {
		return 0
	}
	return a / b
}

// dash returns s, or an em dash for an empty s.
func dash(s string) string {
	if s == "" {
		return "—"
	}
	return s
}

// yearOf returns the year of a "YYYY-MM-DD" (or "YYYY-MM", "YYYY") text, or 0.
func yearOf(s string) int {
	var y int
	if len(s) >= 4 {
		fmt.Sscanf(s[:4], "%d", &y)
	}
	return y
}

func sortedKeys[V any](m map[string]V) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}

// joinAnd joins items as "a, b and c" in language l.
func joinAnd(l Lang, items []string) string {
	switch len(items) {
	case 0:
		return ""
	case 1:
		return items[0]
	}
	return strings.Join(items[:len(items)-1], ", ") + " " + l.T("and") + " " + items[len(items)-1]
}
