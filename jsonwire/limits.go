package jsonwire

import "strconv"

// The default limits, used where a limit is 0. They bound the work and
// memory hostile input can cause while every real frame stays far below
// them.
const (
	// DefaultMaxDepth matches encoding/json, so both accept the same nesting.
	DefaultMaxDepth = 10000
	// DefaultMaxBytes bounds a whole document: KOOK and OneBot frames are a
	// few kilobytes; card messages reach tens of kilobytes.
	DefaultMaxBytes = 16 << 20
	// DefaultMaxString bounds one string, unescaped.
	DefaultMaxString = 8 << 20
)

// Limits bounds what one document may make a decoder do. A zero field means
// the default.
type Limits struct {
	MaxDepth  int // nesting of objects and arrays
	MaxBytes  int // size of the document in bytes
	MaxString int // length of one string in bytes, after unescaping
}

// CheckSize returns an error naming the offset at which data crosses the
// MaxBytes limit, or nil. Entry points call it before decoding.
func (l Limits) CheckSize(data []byte) error {
	max := l.MaxBytes
	if max <= 0 {
		max = DefaultMaxBytes
	}
	if len(data) > max {
		return &Error{Offset: max, Msg: "document of " + strconv.Itoa(len(data)) + " bytes exceeds the limit of " + strconv.Itoa(max)}
	}
	return nil
}
