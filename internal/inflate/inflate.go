// Package inflate decompresses the zlib streams KOOK sends (webhook bodies,
// gateway messages with compress=1) within a size limit, so that a zlib bomb
// costs a few KiB, not the limit.
package inflate

import (
	"bytes"
	"compress/zlib"
	"io"
	"math"
	"strconv"
	"sync"
)

// IsZlib reports whether b starts with a zlib header (RFC 1950): compression
// method 8 (deflate), a window of at most 32 KiB, and the header checksum.
// No JSON object or array starts that way: '{', '[' and the whitespace
// bytes all have another low nibble.
func IsZlib(b []byte) bool {
	if len(b) < 2 {
		return false
	}
	cmf, flg := b[0], b[1]
	return cmf&0x0f == 8 && cmf>>4 <= 7 && (uint16(cmf)<<8|uint16(flg))%31 == 0
}

// TooLargeError is the error of a stream that inflates to more than Limit bytes.
type TooLargeError struct{ Limit int64 }

func (e *TooLargeError) Error() string {
	return "inflated size is larger than " + strconv.FormatInt(e.Limit, 10) + " bytes"
}

// TrailingError is the error of N bytes after the end of the stream.
type TrailingError struct{ N int }

func (e *TrailingError) Error() string {
	return strconv.Itoa(e.N) + " bytes after the end of the compressed stream"
}

// Zlib decompresses a zlib stream of at most limit bytes. It inflates twice:
// first into io.Discard to learn the size (a bomb stops at limit+1 bytes),
// then into a buffer of exactly that size. A broken stream's error is
// compress/zlib's or compress/flate's. It is safe for concurrent use: its
// decompressors come from a pool (a receiver would otherwise make one, some
// 40 KiB, per compressed body).
func Zlib(b []byte, limit int64) ([]byte, error) {
	f := inflaters.Get().(*Inflater)
	out, err := f.Zlib(b, limit)
	f.src.Reset(nil) // a pooled Inflater does not keep b alive
	inflaters.Put(f)
	return out, err
}

var inflaters = sync.Pool{New: func() any { return new(Inflater) }}

// Inflater is Zlib for one goroutine that inflates stream after stream (the
// gateway's reader): it keeps its decompressor, some 40 KiB, from one call to
// the next instead of making a new one. The zero value is ready.
type Inflater struct {
	zr  io.ReadCloser // nil until the first stream with a valid header
	src bytes.Reader  // an io.ByteReader: flate reads no further than the stream
}

// Zlib is the package's Zlib, with f's decompressor.
func (f *Inflater) Zlib(b []byte, limit int64) ([]byte, error) {
	limit = min(limit, math.MaxInt64-1) // it reads limit+1 bytes to see a larger stream
	if err := f.start(b); err != nil {
		return nil, err
	}
	zr, src := f.zr, &f.src
	n, err := io.Copy(io.Discard, io.LimitReader(zr, limit+1))
	if n > limit {
		return nil, &TooLargeError{Limit: limit}
	}
	if err != nil {
		return nil, err
	}
	if rest := src.Len(); rest > 0 {
		return nil, &TrailingError{N: rest}
	}
	if err := f.start(b); err != nil {
		return nil, err
	}
	out := make([]byte, n)
	if _, err := io.ReadFull(zr, out); err != nil {
		return nil, err
	}
	return out, nil
}

// start points f's decompressor at the stream b, reading its header.
func (f *Inflater) start(b []byte) error {
	f.src.Reset(b)
	if f.zr == nil {
		zr, err := zlib.NewReader(&f.src)
		if err != nil {
			return err
		}
		f.zr = zr
		return nil
	}
	return f.zr.(zlib.Resetter).Reset(&f.src, nil)
}
