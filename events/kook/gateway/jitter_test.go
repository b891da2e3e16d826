package gateway

import (
	"testing"
	"time"
)

// TestUniformJitter: the default jitter source stays within ±max and covers
// both ends of the range.
func TestUniformJitter(t *testing.T) {
	const max = 5 * time.Second
	lo, hi := max, -max
	for range 100000 {
		j := uniformJitter(max)
		if j < -max || j > max {
			t.Fatalf("uniformJitter(%v) = %v", max, j)
		}
		lo, hi = min(lo, j), maxDur(hi, j)
	}
	if lo > -max*9/10 || hi < max*9/10 {
		t.Errorf("100000 draws spanned only %v to %v of ±%v", lo, hi, max)
	}
	if j := uniformJitter(0); j != 0 {
		t.Errorf("uniformJitter(0) = %v", j)
	}
}

func maxDur(a, b time.Duration) time.Duration {
	if a > b {
		return a
	}
	return b
}
