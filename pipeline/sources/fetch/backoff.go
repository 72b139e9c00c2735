package fetch

import (
	"math/rand/v2"
	"sync"
	"time"
)

// Exponential returns a backoff for [Fetcher.Backoff]: before retry n (n = 1 for the
// second attempt) it waits d = base·2^(n-1), at most limit. With a random source it
// waits a uniformly random duration in [d/2, d] instead ("equal jitter", so that
// clients that failed together do not retry together); with src nil it waits exactly
// d. The returned function is safe for concurrent use; it draws from src under a
// lock, and src must not be used elsewhere.
func Exponential(base, limit time.Duration, src rand.Source) func(attempt int) time.Duration {
	var mu sync.Mutex
	var rng *rand.Rand
	if src != nil {
		rng = rand.New(src)
	}
	return func(attempt int) time.Duration {
		if attempt < 1 {
			attempt = 1
		}
		d := limit
		if shift := attempt - 1; shift < 62 {
			if e := base << shift; e > 0 && e < limit && e>>shift == base {
				d = e
			}
		}
		if rng == nil || d <= 1 {
			return d
		}
		mu.Lock()
		defer mu.Unlock()
		half := d / 2
		return half + time.Duration(rng.Int64N(int64(d-half)+1))
	}
}
