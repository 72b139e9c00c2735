package fetch

import (
	"math/rand/v2"
	"testing"
	"time"
)

func TestExponential(t *testing.T) {
	b := Exponential(100*time.Millisecond, time.Second, nil)
	tests := []struct {
		attempt int
		want    time.Duration
	}{
		{0, 100 * time.Millisecond}, // out of range: as attempt 1
		{1, 100 * time.Millisecond},
		{2, 200 * time.Millisecond},
		{3, 400 * time.Millisecond},
		{4, 800 * time.Millisecond},
		{5, time.Second}, // capped
		{64, time.Second},
		{1 << 20, time.Second},
	}
	for _, tc := range tests {
		if got := b(tc.attempt); got != tc.want {
			t.Errorf("attempt %d: %s, want %s", tc.attempt, got, tc.want)
		}
	}
	if got := Exponential(time.Hour, 1<<62, nil)(40); got != 1<<62 {
		t.Errorf("overflowing doubling gives %s, want the limit", got)
	}
}

func TestExponentialJitter(t *testing.T) {
	a := Exponential(100*time.Millisecond, time.Second, rand.NewPCG(1, 2))
	b := Exponential(100*time.Millisecond, time.Second, rand.NewPCG(1, 2))
	plain := Exponential(100*time.Millisecond, time.Second, nil)
	varied := false
	for attempt := 1; attempt <= 50; attempt++ {
		d := plain(attempt)
		got := a(attempt)
		if got < d/2 || got > d {
			t.Errorf("attempt %d: %s outside [%s, %s]", attempt, got, d/2, d)
		}
		if again := b(attempt); again != got {
			t.Errorf("attempt %d: same seed gave %s and %s", attempt, got, again)
		}
		varied = varied || got != d
	}
	if !varied {
		t.Error("jittered backoff never differed from the plain one")
	}
}
