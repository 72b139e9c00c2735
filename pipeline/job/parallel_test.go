package job

import (
	"errors"
	"fmt"
	"sync/atomic"
	"testing"
)

func TestParallelVisitsEachIndexOnceAndReportsTheLowestFailure(t *testing.T) {
	const n = 1000
	var seen [n]atomic.Int32
	err := parallel(n, func(i int) error {
		seen[i].Add(1)
		if i%300 == 299 { // 299, 599, 899 fail, in whatever order they run
			return fmt.Errorf("item %d", i)
		}
		return nil
	})
	for i := range seen {
		if c := seen[i].Load(); c != 1 {
			t.Fatalf("index %d visited %d times, want 1", i, c)
		}
	}
	if err == nil || err.Error() != "item 299" {
		t.Errorf("error %v, want the lowest failing index's, item 299", err)
	}
	if err := parallel(0, func(int) error { return errors.New("never called") }); err != nil {
		t.Errorf("parallel(0) = %v, want nil", err)
	}
}
