package inflate

import (
	"bytes"
	"compress/zlib"
	"math"
	"testing"
)

// TestIsZlib: zlib streams at every level are recognised, and no JSON object
// (whatever follows its first byte) is taken for one.
func TestIsZlib(t *testing.T) {
	for level := zlib.HuffmanOnly; level <= zlib.BestCompression; level++ {
		var buf bytes.Buffer
		zw, err := zlib.NewWriterLevel(&buf, level)
		if err != nil {
			t.Fatal(err)
		}
		zw.Write([]byte(`{"s":0}`))
		zw.Close()
		if !IsZlib(buf.Bytes()) {
			t.Errorf("level %d: header % x not recognised", level, buf.Bytes()[:2])
		}
	}
	for _, first := range []byte("{ \t\r\n") {
		for second := 0; second < 256; second++ {
			if IsZlib([]byte{first, byte(second)}) {
				t.Errorf("%q %q taken for zlib", first, byte(second))
			}
		}
	}
	for _, b := range [][]byte{nil, {0x78}, {0x78, 0x00}} {
		if IsZlib(b) {
			t.Errorf("% x taken for zlib", b)
		}
	}
}

// TestNoLimit: a limit of math.MaxInt64 (no limit) inflates the stream,
// rather than overflowing limit+1 and reading nothing.
func TestNoLimit(t *testing.T) {
	var buf bytes.Buffer
	zw := zlib.NewWriter(&buf)
	zw.Write([]byte(`{"s":0}`))
	zw.Close()
	out, err := Zlib(buf.Bytes(), math.MaxInt64)
	if err != nil || string(out) != `{"s":0}` {
		t.Fatalf("Zlib = %q, %v", out, err)
	}
}
