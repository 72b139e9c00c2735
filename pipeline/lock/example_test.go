package lock_test

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"

	"synergy/pipeline/lock"
)

// A second run on the same output root is refused at once, not queued.
func ExampleAcquire() {
	dir, _ := os.MkdirTemp("", "lock-example-")
	defer os.RemoveAll(dir)
	path := filepath.Join(dir, ".lock")

	l, err := lock.Acquire(path)
	if err != nil {
		fmt.Println(err)
		return
	}
	_, err = lock.Acquire(path)
	fmt.Println("second run locked out:", errors.Is(err, lock.ErrLocked))

	l.Release()
	l2, err := lock.Acquire(path)
	fmt.Println("after release:", err, "stale:", l2.Stale != nil)
	l2.Release()
	// Output:
	// second run locked out: true
	// after release: <nil> stale: false
}
