package wireimpl

import (
	"math/bits"
	"math/rand/v2"
	"testing"
)

// firstFlagged is the reference for the flag functions: the index of the
// first byte of w that stop reports, or 8.
func firstFlagged(w uint64, stop func(c byte) bool) int {
	for i := 0; i < 8; i++ {
		if stop(byte(w >> (8 * i))) {
			return i
		}
	}
	return 8
}

func isSpecial(c byte) bool { return c < 0x20 || c == '"' || c == '\\' }
func isUnplain(c byte) bool { return isSpecial(c) || c >= 0x80 }

// checkFlags checks that each flag function sets a flag exactly when w
// holds a byte it must stop at, and that its lowest flag is on the first
// such byte.
func checkFlags(t *testing.T, w uint64) {
	t.Helper()
	for _, fn := range []struct {
		name string
		flag func(uint64) uint64
		stop func(byte) bool
	}{
		{"specialBytes", specialBytes, isSpecial},
		{"unplainBytes", unplainBytes, isUnplain},
	} {
		got := fn.flag(w)
		if got&^highBits != 0 {
			t.Fatalf("%s(%#016x) = %#016x: sets bits other than the high ones", fn.name, w, got)
		}
		first := 8
		if got != 0 {
			first = bits.TrailingZeros64(got) >> 3
		}
		if want := firstFlagged(w, fn.stop); first != want {
			t.Fatalf("%s(%#016x) = %#016x: first flag at byte %d, want %d", fn.name, w, got, first, want)
		}
	}
}

func TestFlagBytes(t *testing.T) {
	const plain = 'a' * lowBits
	// Every pair of byte values at every pair of places in plain text:
	// the borrows that one byte passes on to the next are all tried.
	for i := 0; i < 8; i++ {
		for j := i; j < 8; j++ {
			for a := 0; a < 256; a++ {
				for b := 0; b < 256; b++ {
					w := plain&^(0xff<<(8*i)|0xff<<(8*j)) | uint64(a)<<(8*i) | uint64(b)<<(8*j)
					if i == j {
						w = plain&^(0xff<<(8*i)) | uint64(a)<<(8*i)
					}
					checkFlags(t, w)
				}
			}
		}
	}
	// Random words, mostly of the bytes near the ones sought.
	near := []byte{0x00, 0x1f, 0x20, 0x21, '"', 0x23, '\\', 0x5b, 0x5d, 0x7f, 0x80, 0x9f, 0xa0, 0xa2, 0xdc, 0xff}
	r := rand.New(rand.NewPCG(1, 2))
	for n := 0; n < 1_000_000; n++ {
		var w uint64
		for i := 0; i < 8; i++ {
			c := byte(r.Uint32())
			if r.IntN(2) == 0 {
				c = near[r.IntN(len(near))]
			}
			w |= uint64(c) << (8 * i)
		}
		checkFlags(t, w)
	}
}
