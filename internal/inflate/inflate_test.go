package inflate

import (
	"bytes"
	"compress/zlib"
	"math"
	"runtime"
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
	out, err := Zlib(deflate(`{"s":0}`), math.MaxInt64)
	if err != nil || string(out) != `{"s":0}` {
		t.Fatalf("Zlib = %q, %v", out, err)
	}
}

// deflate returns s as a zlib stream.
func deflate(s string) []byte {
	var buf bytes.Buffer
	zw := zlib.NewWriter(&buf)
	zw.Write([]byte(s))
	zw.Close()
	return buf.Bytes()
}

// TestInflaterReuse: one Inflater over streams good and bad, in turn, and
// Zlib with its pooled Inflaters, answer each exactly as a fresh Inflater
// does, so a bad stream leaves nothing behind.
func TestInflaterReuse(t *testing.T) {
	good := deflate(`{"s":0,"sn":1,"d":{}}`)
	big := deflate(string(bytes.Repeat([]byte("a"), 5000)))
	streams := [][]byte{
		good,
		{0x78, 0x00},                           // a header that fails its check
		big,                                    // over the limit below
		append(append([]byte{}, good...), 'x'), // a byte after the stream
		good[:len(good)-3],                     // cut short
		deflate(""),
		good,
	}
	var f Inflater
	for i, b := range streams {
		want, wantErr := new(Inflater).Zlib(b, 1000)
		got, err := f.Zlib(b, 1000)
		if !bytes.Equal(got, want) || (err == nil) != (wantErr == nil) || (err != nil && err.Error() != wantErr.Error()) {
			t.Errorf("stream %d: a reused Inflater gives %q, %v; a fresh one %q, %v", i, got, err, want, wantErr)
		}
		got, err = Zlib(b, 1000)
		if !bytes.Equal(got, want) || (err == nil) != (wantErr == nil) || (err != nil && err.Error() != wantErr.Error()) {
			t.Errorf("stream %d: Zlib gives %q, %v; a fresh Inflater %q, %v", i, got, err, want, wantErr)
		}
	}
	// The decompressor (some 40 KiB) is made once, not per stream.
	var before, after runtime.MemStats
	runtime.ReadMemStats(&before)
	for range 100 {
		f.Zlib(good, 1000)
	}
	runtime.ReadMemStats(&after)
	if per := (after.TotalAlloc - before.TotalAlloc) / 100; per > 1024 {
		t.Errorf("a reused Inflater allocates %d bytes a stream, want at most 1 KiB", per)
	}
}
