package wireimpl

import (
	"fmt"
	"math/bits"
	"strconv"
	"sync"

	"github.com/eventbind/eventbind/jsonwire"
)

// SetLimits sets d's depth and string limits from l (its MaxBytes is for
// l.CheckSize, before decoding).
func (d *Decoder) SetLimits(l jsonwire.Limits) {
	d.MaxDepth = l.MaxDepth
	d.MaxString = l.MaxString
}

// Decoder reads one JSON document from memory and tracks the JSON path for
// errors.
//
// Generated code drives it value by value; the Decoder validates as it goes
// and never reads ahead more than it needs, so an error is reported at the
// first bad byte with the path of the value around it.
type Decoder struct {
	// ReportUnknown makes UnknownField record the path of every unknown
	// member, so tools can list what a schema is missing.
	ReportUnknown bool
	// MaxDepth is the nesting limit; 0 means DefaultMaxDepth. It bounds the
	// memory hostile input can make the Decoder use.
	MaxDepth int
	// MaxString is the longest string, unescaped, that the Decoder returns;
	// 0 means DefaultMaxString.
	MaxString int

	data    string // the input; strings without escapes are taken from it without copying
	pos     int    // next byte to read; always 0 <= pos <= len(data)
	root    string
	levels  []level  // open objects and arrays, outermost first
	scratch []byte   // unescaped string contents, reused
	stack   []byte   // containers opened by skipValue, reused
	unknown []string // recorded unknown paths
	rec     *Recovery
	arena   *Arena // where unescaped strings and Raw copies go; nil: the heap

	// Owner is for the generated code that drives the Decoder: a stream
	// decoder keeps its reused memory there. AcquireDecoder clears it.
	Owner any
}

// level is one open object or array and its current path segment. Levels are
// reused across pushes so that walking a document does not allocate.
//
// The key is kept as the offset of its opening quote in the input, not as a
// string: a string field would cost a GC write barrier per member, and the
// key is only needed to build a path for an error.
type level struct {
	keyAt  int // offset of the current member key's opening quote
	n      int // members or elements started so far
	array  bool
	hasSeg bool // whether the level adds a segment to the path right now
}

// NewDecoder returns a Decoder for a copy of data. root is the path of the
// top value: "d" for a KOOK frame's payload, or "" when paths should start at
// the keys.
func NewDecoder(data []byte, root string) *Decoder {
	return NewDecoderString(string(data), root)
}

// NewDecoderString returns a Decoder for src without copying it. The strings
// it returns that needed no unescaping are substrings of src, so decoding a
// frame allocates no string of its own.
func NewDecoderString(src string, root string) *Decoder {
	d := &Decoder{}
	d.Reset(src, root)
	return d
}

// Reset makes d read src from the start, keeping its buffers so that a
// long-lived Decoder does not allocate per event. It keeps ReportUnknown,
// MaxDepth and MaxString and clears the recorded unknown paths. The old path
// list is dropped rather than reused because a caller may still hold it.
func (d *Decoder) Reset(src string, root string) {
	d.data = src
	d.pos = 0
	d.root = root
	d.levels = d.levels[:0]
	d.unknown = nil
	if d.rec != nil {
		d.rec.reset() // the problems of a reading given up
	}
}

// Offset returns the current byte offset in the input.
func (d *Decoder) Offset() int { return d.pos }

// Path returns the current JSON path, e.g. "d.extra.body[2].id". It builds
// the string on demand, since it is only needed for errors and unknown
// paths.
func (d *Decoder) Path() string {
	b := make([]byte, 0, 64)
	b = append(b, d.root...)
	for i := range d.levels {
		lv := &d.levels[i]
		if !lv.hasSeg {
			continue
		}
		if lv.array {
			b = append(b, '[')
			b = strconv.AppendInt(b, int64(lv.n-1), 10)
			b = append(b, ']')
			continue
		}
		if len(b) > 0 {
			b = append(b, '.')
		}
		b = append(b, d.keyAt(lv.keyAt)...)
	}
	return string(b)
}

// keyAt returns the unescaped key whose opening quote is at offset at (read
// once already, so it is well formed).
func (d *Decoder) keyAt(at int) string {
	end := textRun(d.data, at+1, false)
	if end < len(d.data) && d.data[end] == '"' {
		return d.data[at+1 : end]
	}
	k := Decoder{data: d.data, pos: at}
	key, _ := k.readString()
	return key
}

// Kind skips whitespace and reports the kind of the next value without
// consuming it, so generated code can branch on it (for example for fields
// that are documented as "string or number"). It returns KindInvalid at the
// end of the input or on a byte that cannot start a value.
func (d *Decoder) Kind() Kind {
	c, ok := d.peek()
	if !ok {
		return KindInvalid
	}
	return kindOf(c)
}

// kindOf classifies a value by its first byte.
func kindOf(c byte) Kind {
	switch c {
	case '{':
		return KindObject
	case '[':
		return KindArray
	case '"':
		return KindString
	case 't', 'f':
		return KindBool
	case 'n':
		return KindNull
	case '-', '0', '1', '2', '3', '4', '5', '6', '7', '8', '9':
		return KindNumber
	}
	return KindInvalid
}

// IsNull consumes the next value and returns true if it is the literal null;
// otherwise it consumes nothing, so the caller can decode the value.
func (d *Decoder) IsNull() bool {
	c, ok := d.peek()
	if !ok || c != 'n' || len(d.data)-d.pos < 4 || string(d.data[d.pos:d.pos+4]) != "null" {
		return false
	}
	d.pos += 4
	return true
}

// maxDepth returns the effective nesting limit.
func (d *Decoder) maxDepth() int {
	if d.MaxDepth <= 0 {
		return jsonwire.DefaultMaxDepth
	}
	return d.MaxDepth
}

// maxString returns the effective string length limit.
func (d *Decoder) maxString() int {
	if d.MaxString > 0 {
		return d.MaxString
	}
	return jsonwire.DefaultMaxString
}

func (d *Decoder) stringLimitMsg() string {
	return "string longer than the limit of " + strconv.Itoa(d.maxString()) + " bytes"
}

// push opens a level, reusing the storage of an earlier one.
func (d *Decoder) push(array bool) {
	n := len(d.levels)
	if n < cap(d.levels) {
		d.levels = d.levels[:n+1]
	} else {
		d.levels = append(d.levels, level{})
	}
	lv := &d.levels[n]
	lv.keyAt = 0
	lv.n = 0
	lv.array = array
	lv.hasSeg = false
}

// pop closes the innermost level. The parent keeps its segment, so right
// after a '}' the path names the object just closed (which Missing relies on).
func (d *Decoder) pop() {
	d.levels = d.levels[:len(d.levels)-1]
}

// top returns the innermost open level, or nil.
func (d *Decoder) top() *level {
	if len(d.levels) == 0 {
		return nil
	}
	return &d.levels[len(d.levels)-1]
}

// ObjectStart consumes the '{' that opens an object and enters a new path
// level; on anything else it returns "want object, got <kind>".
func (d *Decoder) ObjectStart() error {
	c, ok := d.peek()
	if !ok || c != '{' {
		return d.wantErr(KindObject)
	}
	if len(d.levels) >= d.maxDepth() {
		return d.depthErr(d.pos)
	}
	d.pos++
	d.push(false)
	return nil
}

// NextKey reads the next member's key and its ':' (handling the ',' between
// members). The key is unescaped; it becomes the last path segment. ok is false when the closing '}' was
// consumed and the object's path level was left.
func (d *Decoder) NextKey() (key string, ok bool, err error) {
	// The common case in compact JSON: `,"key":` (or `"key":` first) with a
	// plain key of up to 15 bytes, read with two words and no further call.
	data, pos, n := d.data, d.pos, len(d.levels)
	if d.rec != nil {
		return d.nextKeyRecovering()
	}
	if n > 0 && pos+19 <= len(data) {
		lv := &d.levels[n-1]
		q := pos
		if lv.n > 0 && data[pos] == ',' {
			q++
		}
		if !lv.array && data[q] == '"' && (q > pos) == (lv.n > 0) {
			w1, w2 := load64(data, q+1), load64(data, q+9)
			end := q + 1 // the closing quote, if the words hold it
			if m1 := unplainBytes(w1); m1 != 0 {
				end += bits.TrailingZeros64(m1) >> 3
			} else if m2 := unplainBytes(w2); m2 != 0 {
				end += 8 + bits.TrailingZeros64(m2)>>3
			}
			if data[end] == '"' && data[end+1] == ':' && (d.MaxString <= 0 || end-q-1 <= d.MaxString) {
				lv.keyAt = q
				lv.n++
				lv.hasSeg = true
				d.pos = end + 2
				return data[q+1 : end], true, nil
			}
		}
	}
	return d.nextKey()
}

// nextKey is NextKey for every case.
func (d *Decoder) nextKey() (key string, ok bool, err error) {
	lv := d.top()
	if lv == nil || lv.array {
		return "", false, d.errAt(d.pos, "NextKey called outside an object")
	}
	// Between members the path names the object, not the previous member.
	lv.hasSeg = false
	c, ok := d.peek()
	if !ok {
		return "", false, d.eof()
	}
	if lv.n > 0 {
		switch c {
		case ',':
			d.pos++
			if c, ok = d.peek(); !ok {
				return "", false, d.eof()
			}
			if c != '"' {
				return "", false, d.badChar(d.pos, "looking for beginning of object key string")
			}
		case '}':
			d.pos++
			d.pop()
			return "", false, nil
		default:
			return "", false, d.badChar(d.pos, "after object key:value pair")
		}
	} else {
		switch c {
		case '"':
		case '}':
			d.pos++
			d.pop()
			return "", false, nil
		default:
			return "", false, d.badChar(d.pos, "looking for beginning of object key string")
		}
	}
	lv.keyAt = d.pos
	key, err = d.readString()
	if err != nil {
		return "", false, err
	}
	lv.n++
	lv.hasSeg = true
	if c, ok = d.peek(); !ok {
		return "", false, d.eof()
	}
	if c != ':' {
		return "", false, d.badChar(d.pos, "after object key")
	}
	d.pos++
	return key, true, nil
}

// ArrayStart consumes the '[' that opens an array and enters a new path
// level; on anything else it returns "want array, got <kind>".
func (d *Decoder) ArrayStart() error {
	c, ok := d.peek()
	if !ok || c != '[' {
		return d.wantErr(KindArray)
	}
	if len(d.levels) >= d.maxDepth() {
		return d.depthErr(d.pos)
	}
	d.pos++
	d.push(true)
	return nil
}

// NextElem reports whether another array element follows (handling the ','
// between elements) and sets the path segment "[i]", i from 0. It returns
// false when the closing ']' was consumed and the array's level was left.
func (d *Decoder) NextElem() (ok bool, err error) {
	lv := d.top()
	if lv == nil || !lv.array {
		return false, d.errAt(d.pos, "NextElem called outside an array")
	}
	lv.hasSeg = false
	c, ok := d.peek()
	if !ok {
		return false, d.eof()
	}
	if c == ']' {
		// A ']' right after a ',' never gets here: the caller decodes the
		// element NextElem promised and reports it.
		d.pos++
		d.pop()
		return false, nil
	}
	if lv.n > 0 {
		if c != ',' {
			return false, d.badChar(d.pos, "after array element")
		}
		d.pos++
	}
	lv.n++
	lv.hasSeg = true
	return true, nil
}

// Missing returns the error for a required member that an object lacked: its
// path is "<object path>.<key>". Call it right after NextKey returned
// ok=false for that object, when the path still names the object just
// closed.
//
// While recovering (see Recover) it records the member as a problem and
// returns nil, unless the member picks the event.
func (d *Decoder) Missing(key string) error {
	if d.missingProblem(key) {
		return nil
	}
	return withDetail(&jsonwire.Error{Path: d.below(key), Offset: d.pos, Msg: "required field missing"}, &detail{missing: true})
}

// MissingOf reports the first of names, an object's required members, that
// seen lacks (bit i for names[i]); generated code calls it once the object
// has ended and seen is not full. While recovering it records every one
// missing and returns nil (unless one picks the event).
func (d *Decoder) MissingOf(seen uint64, names ...string) error {
	for i, name := range names {
		if seen&(1<<i) == 0 {
			if err := d.Missing(name); err != nil {
				return err
			}
		}
	}
	return nil
}

// missing is Missing's error, for look-aheads, which never record problems:
// recovering decoding may skip the members around the object instead.
func (d *Decoder) missing(key string) error {
	return d.withMembers(&jsonwire.Error{Path: d.below(key), Offset: d.pos, Msg: "required field missing"})
}

// below returns the path of the member key of the object the path names.
func (d *Decoder) below(key string) string {
	if p := d.Path(); p != "" {
		return p + "." + key
	}
	return key
}

// Errorf returns a *Error at the current path and offset, for checks that
// generated code makes itself (enum ranges, one-of rules, ...).
func (d *Decoder) Errorf(format string, args ...any) error {
	return d.errAt(d.pos, fmt.Sprintf(format, args...))
}

// End checks that only whitespace follows the top-level value. Its error has
// no path, because trailing data belongs to no value; the offset says where
// it starts.
func (d *Decoder) End() error {
	if _, ok := d.peek(); ok {
		return &jsonwire.Error{Offset: d.pos, Msg: "unexpected data after the top-level value"}
	}
	return nil
}

// decoders keeps Decoders between uses, so that a steady stream of frames
// reuses their level and scratch buffers instead of allocating new ones.
var decoders = sync.Pool{New: func() any { return new(Decoder) }}

// AcquireDecoder returns a Decoder for src, as NewDecoderString does, taken
// from a pool. Call Release when done with it and with everything it
// returned that aliases its buffers (UnknownPaths does not).
func AcquireDecoder(src string, root string) *Decoder {
	d := decoders.Get().(*Decoder)
	d.ReportUnknown = false
	d.MaxDepth = 0
	d.MaxString = 0
	d.rec = nil
	d.arena = nil
	d.Owner = nil
	d.Reset(src, root)
	return d
}

// maxPooledScratch keeps one huge escaped string from pinning its buffer in
// the pool.
const maxPooledScratch = 64 << 10

// Release puts d back into the pool used by AcquireDecoder. d must not be
// used afterwards.
func (d *Decoder) Release() {
	d.rec = nil // its problems now belong to the event
	d.arena = nil
	d.Owner = nil
	d.Reset("", "")
	if cap(d.scratch) > maxPooledScratch {
		d.scratch = nil
	}
	if cap(d.stack) > maxPooledScratch {
		d.stack = nil
	}
	if cap(d.levels) > 256 {
		d.levels = nil
	}
	decoders.Put(d)
}
