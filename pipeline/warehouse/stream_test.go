package warehouse

import (
	"context"
	"errors"
	"testing"

	"github.com/google/go-cmp/cmp"
)

// TestStream: rows come in order as plain values after the head; a cancelled
// context stops the query with context.Canceled; a callback's error comes back as
// is; the connection is usable afterwards.
func TestStream(t *testing.T) {
	db := openTestDB(t)
	var cols, types []string
	var got [][]any
	err := db.Stream(t.Context(), "select i, date '2024-01-01' + i::int as d from range(3) t(i) order by i",
		func(c, ty []string) error { cols, types = c, ty; return nil },
		func(row []any) error { got = append(got, row); return nil })
	if err != nil {
		t.Fatal(err)
	}
	want := [][]any{{int64(0), "2024-01-01"}, {int64(1), "2024-01-02"}, {int64(2), "2024-01-03"}}
	if diff := cmp.Diff(want, got); diff != "" || cols[1] != "d" || types[1] != "DATE" {
		t.Errorf("cols %v types %v; rows (-want +got):\n%s", cols, types, diff)
	}

	ctx, cancel := context.WithCancel(t.Context())
	n := 0
	err = db.Stream(ctx, "select * from range(100000000)", func(_, _ []string) error { return nil },
		func([]any) error {
			if n++; n == 10 {
				cancel()
			}
			return nil
		})
	if !errors.Is(err, context.Canceled) || n != 10 {
		t.Errorf("cancelled after 10 rows: %d rows, err %v", n, err)
	}

	stop := errors.New("enough")
	err = db.Stream(t.Context(), "select * from range(10)", func(_, _ []string) error { return nil },
		func([]any) error { return stop })
	if err != stop {
		t.Errorf("callback error: got %v", err)
	}
	if rows, err := db.Rows(t.Context(), "select 1"); err != nil || len(rows) != 1 {
		t.Errorf("after Stream: %v %v", rows, err)
	}
}
