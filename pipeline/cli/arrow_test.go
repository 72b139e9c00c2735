package cli

import (
	"encoding/csv"
	"strconv"
	"strings"
	"testing"

	"github.com/apache/arrow-go/v18/arrow"
	"github.com/apache/arrow-go/v18/arrow/array"
	"github.com/apache/arrow-go/v18/arrow/ipc"
)

// TestQueryArrowMatchesCSV: query --format arrow on the shipped data gives, read
// back with arrow-go's IPC stream reader, the rows and values of --format csv,
// typed (dates as date32, lists as lists).
func TestQueryArrowMatchesCSV(t *testing.T) {
	out := publishOnce(t)
	q := "select state_id, year, trips, coherence_index, meeting_ids, current_date as today from state_year_burden order by state_id, year"
	a := run(t, "", "query", "--out", out, "--format", "arrow", q)
	c := run(t, "", "query", "--out", out, "--format", "csv", q)
	if a.code != ExitOK || c.code != ExitOK {
		t.Fatalf("exit %d / %d: %s %s", a.code, c.code, a.stderr, c.stderr)
	}
	want, err := csv.NewReader(strings.NewReader(c.stdout)).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	want = want[1:]
	r, err := ipc.NewReader(strings.NewReader(a.stdout))
	if err != nil {
		t.Fatal(err)
	}
	defer r.Release()
	if id := r.Schema().Field(5).Type.ID(); id != arrow.DATE32 {
		t.Errorf("current_date is %s", r.Schema().Field(5).Type)
	}
	i, batches := 0, 0
	for r.Next() {
		rec := r.RecordBatch()
		batches++
		for k := range int(rec.NumRows()) {
			if i >= len(want) {
				t.Fatalf("more arrow rows than the %d CSV rows", len(want))
			}
			w := want[i]
			ids := rec.Column(4).(*array.List)
			s, e := ids.ValueOffsets(k)
			if got := rec.Column(0).(*array.String).Value(k); got != w[0] {
				t.Fatalf("row %d: state %s, csv %s", i, got, w[0])
			}
			if got := strconv.FormatInt(rec.Column(2).(*array.Int64).Value(k), 10); got != w[2] {
				t.Errorf("row %d: trips %s, csv %s", i, got, w[2])
			}
			if n := strings.Count(w[4], ",") + 1; int(e-s) != n {
				t.Errorf("row %d: %d meeting ids, csv %q", i, e-s, w[4])
			}
			if rec.Column(3).IsNull(k) != (w[3] == "") {
				t.Errorf("row %d: coherence_index NULL %v, csv %q", i, rec.Column(3).IsNull(k), w[3])
			}
			i++
		}
	}
	if r.Err() != nil || i != len(want) || i < 1000 || batches < 2 {
		t.Errorf("read %d rows in %d batches (err %v); csv has %d", i, batches, r.Err(), len(want))
	}
}
