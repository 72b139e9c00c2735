package job

import (
	"runtime"
	"sync"
)

// parallel calls fn(i) for every i in [0, n) on one goroutine per CPU and returns
// the error of the lowest i that failed, so the error a run reports does not depend
// on scheduling. At scale the work it spreads is opening and reading many small files.
func parallel(n int, fn func(i int) error) error {
	errs := make([]error, n)
	next := make(chan int)
	var wg sync.WaitGroup
	for range min(runtime.GOMAXPROCS(0), max(1, n)) {
		wg.Go(func() {
			for i := range next {
				errs[i] = fn(i)
			}
		})
	}
	for i := range n {
		next <- i
	}
	close(next)
	wg.Wait()
	for _, err := range errs {
		if err != nil {
			return err
		}
	}
	return nil
}
