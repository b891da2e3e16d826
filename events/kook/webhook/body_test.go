package webhook

import (
	"bytes"
	"testing"
)

func TestUnpad(t *testing.T) {
	block := func(tail ...byte) []byte {
		b := bytes.Repeat([]byte{'a'}, 32)
		copy(b[32-len(tail):], tail)
		return b
	}
	for _, tc := range []struct {
		name string
		b    []byte
		n    int
		ok   bool
	}{
		{"1", block(1), 31, true},
		{"2", block(2, 2), 30, true},
		{"16", block(bytes.Repeat([]byte{16}, 16)...), 16, true},
		{"16 over a whole block only", bytes.Repeat([]byte{16}, 16), 0, true},
		{"0", block(0), 0, false},
		{"17", block(bytes.Repeat([]byte{17}, 17)...), 0, false},
		{"255", block(255), 0, false},
		{"2 but one 2", block('b', 2), 0, false},
		{"3 with a hole", block(3, 1, 3), 0, false},
		{"16 with the first byte wrong", block(append([]byte{15}, bytes.Repeat([]byte{16}, 15)...)...), 0, false},
	} {
		n, ok := unpad(tc.b)
		if ok != tc.ok || (ok && n != tc.n) {
			t.Errorf("%s: unpad = %d, %v; want %d, %v", tc.name, n, ok, tc.n, tc.ok)
		}
	}
}
