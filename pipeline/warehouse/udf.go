package warehouse

import (
	"database/sql"
	"database/sql/driver"
	"fmt"
	"math"

	duckdb "github.com/duckdb/duckdb-go/v2"

	"synergy/pipeline/stats"
)

// CosineFunction is the name of the SQL scalar function that [Open] registers
// on every database it opens:
//
//	synergy_cosine(a double[], b double[]) -> double
//
// It returns [stats.Cosine] of the two lists (a·b / (‖a‖₂‖b‖₂), clamped to
// [-1, 1]), so SQL models and Go code share one definition of theme
// similarity. Other numeric lists and fixed-size arrays are cast to double[]
// implicitly (synergy_cosine([1, 0], [1, 1]) works).
//
// The result is NULL, never NaN, when it is undefined: when either argument is
// NULL, when either list contains a NULL element, when either list is a zero
// vector (all zeros, or empty), or when an element is NaN or ±Infinity.
// (DuckDB's own list_cosine_similarity returns -1 for a zero vector in this
// version; do not use it where zero profiles can occur.) Lists of different lengths are bad data,
// and the query fails with an error naming both lengths, as for DuckDB's
// list_cosine_similarity.
const CosineFunction = "synergy_cosine"

// registerFunctions registers synergy's SQL functions on conn.
func registerFunctions(conn *sql.Conn) error {
	if err := duckdb.RegisterScalarUDF(conn, CosineFunction, cosineUDF{}); err != nil {
		return fmt.Errorf("register %s: %w", CosineFunction, err)
	}
	return nil
}

// cosineUDF implements [duckdb.ScalarFunc] for [CosineFunction].
type cosineUDF struct{}

func (cosineUDF) Config() duckdb.ScalarFuncConfig {
	double, err := duckdb.NewTypeInfo(duckdb.TYPE_DOUBLE)
	if err != nil {
		panic("warehouse: " + err.Error()) // a fixed, valid type
	}
	list, err := duckdb.NewListInfo(double)
	if err != nil {
		panic("warehouse: " + err.Error())
	}
	return duckdb.ScalarFuncConfig{
		InputTypeInfos: []duckdb.TypeInfo{list, list},
		ResultTypeInfo: double,
		// SpecialNullHandling stays false: DuckDB's default, NULL in → NULL
		// out, is what we want for NULL arguments; NULL elements and zero
		// vectors are handled in cosineRow.
	}
}

func (cosineUDF) Executor() duckdb.ScalarFuncExecutor {
	return duckdb.ScalarFuncExecutor{RowExecutor: cosineRow}
}

// cosineRow computes one row of [CosineFunction]; a nil result is SQL NULL.
func cosineRow(values []driver.Value) (any, error) {
	a, ok := floatList(values[0])
	if !ok {
		return nil, nil
	}
	b, ok := floatList(values[1])
	if !ok {
		return nil, nil
	}
	if len(a) != len(b) {
		return nil, fmt.Errorf("%s: list lengths differ (%d and %d)", CosineFunction, len(a), len(b))
	}
	c, ok := stats.Cosine(a, b)
	if !ok || math.IsNaN(c) {
		return nil, nil
	}
	return c, nil
}

// floatList converts a DOUBLE[] value to a slice; ok is false for NULL or a
// list holding a NULL element.
func floatList(v driver.Value) (_ []float64, ok bool) {
	l, isList := v.([]any)
	if !isList {
		return nil, false
	}
	out := make([]float64, len(l))
	for i, e := range l {
		f, isFloat := e.(float64)
		if !isFloat {
			return nil, false
		}
		out[i] = f
	}
	return out, true
}
