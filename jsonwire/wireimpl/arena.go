package wireimpl

import (
	"strings"
	"unsafe"

	"github.com/eventbind/eventbind/jsonwire"
)

// Arena is the memory a stream decoder reuses from one frame to the next:
// the copy of the input, the strings that needed unescaping and the values
// kept verbatim (Raw, unknown members). A Decoder given an Arena (UseArena)
// takes them from it instead of allocating.
//
// What an Arena hands out is valid until the next Load, which overwrites it:
// the strings of a frame read the bytes of the next one. This is the price of
// decoding without allocating, and the generated stream decoders document it;
// the Arena itself never moves what it handed out during one frame (when a
// buffer is too small, a new one is taken and the old one stays with the
// values that use it).
type Arena struct {
	in     []byte           // the input of the current frame
	text   []byte           // unescaped strings and Raw copies of the current frame
	fields []jsonwire.Field // unknown members of the current frame
}

// Load copies data into the Arena's input buffer and returns it as a string,
// for Decoder.Reset. The string and its substrings read the buffer: they are
// valid until the next Load. Load also takes back everything else the Arena
// handed out for the previous frame.
func (a *Arena) Load(data []byte) string {
	if cap(a.in) < len(data) {
		// A new buffer: the events of earlier frames keep the old one.
		a.in = make([]byte, len(data), max(len(data), 2*cap(a.in), 512))
	}
	a.in = a.in[:len(data)]
	copy(a.in, data)
	a.text = a.text[:0]
	clear(a.fields) // drop the Raw values they hold
	a.fields = a.fields[:0]
	return unsafe.String(unsafe.SliceData(a.in), len(a.in))
}

// reserve makes room for n more bytes of text without moving what is there:
// a buffer too small is replaced, not grown.
func (a *Arena) reserve(n int) {
	if cap(a.text)-len(a.text) < n {
		a.text = make([]byte, 0, max(n, 2*cap(a.text), 256))
	}
}

// String returns a string with b's bytes, kept in the Arena.
func (a *Arena) String(b []byte) string {
	if len(b) == 0 {
		return ""
	}
	a.reserve(len(b))
	n := len(a.text)
	a.text = append(a.text, b...)
	return unsafe.String(&a.text[n], len(b))
}

// Raw returns a Raw with s's bytes, kept in the Arena; its capacity is its
// length, so appending to it cannot reach the Arena's other values.
func (a *Arena) Raw(s string) jsonwire.Raw {
	a.reserve(len(s))
	n := len(a.text)
	a.text = append(a.text, s...)
	return jsonwire.Raw(a.text[n:len(a.text):len(a.text)])
}

// appendField returns u with f appended, in the Arena's memory. The members
// of one object mostly come one after the other, so u usually ends where
// the Arena's last field does and grows in place.
func (a *Arena) appendField(u jsonwire.Unknown, f jsonwire.Field) jsonwire.Unknown {
	n := len(a.fields)
	if len(u) > 0 && n > 0 && n < cap(a.fields) && &u[len(u)-1] == &a.fields[n-1] {
		a.fields = append(a.fields, f)
		return jsonwire.Unknown(a.fields[n-len(u) : n+1 : n+1])
	}
	if cap(a.fields)-n < len(u)+1 {
		a.fields = make([]jsonwire.Field, 0, max(len(u)+1, 2*cap(a.fields), 16))
		n = 0
	}
	a.fields = append(a.fields, u...)
	a.fields = append(a.fields, f)
	return jsonwire.Unknown(a.fields[n:len(a.fields):len(a.fields)])
}

// UseArena makes d take the strings it unescapes and the values it keeps
// verbatim from a (nil: allocate them, the default). Decode a's input
// (a.Load) with it; AcquireDecoder returns Decoders without an Arena.
func (d *Decoder) UseArena(a *Arena) { d.arena = a }

// Slab hands out values of T. A zero Slab allocates each one, as new and
// make would; an enabled Slab (Enable) hands out values from memory it
// reuses after each Reset. The values it handed out before a Reset are
// overwritten by those handed out after it; a Slab never moves a value while
// it is in use (a full backing array is replaced, not grown).
type Slab[T any] struct {
	buf []T
	on  bool
}

// Enable makes s reuse memory.
func (s *Slab[T]) Enable() { s.on = true }

// Reset takes back every value s handed out.
func (s *Slab[T]) Reset() { s.buf = s.buf[:0] }

// room makes space for n more values without moving those handed out.
func (s *Slab[T]) room(n int) {
	if s.buf == nil || cap(s.buf)-len(s.buf) < n {
		s.buf = make([]T, 0, max(n, 2*cap(s.buf), 4))
	}
}

// New returns a pointer to a zero T.
func (s *Slab[T]) New() *T {
	if !s.on {
		return new(T)
	}
	s.room(1)
	n := len(s.buf)
	s.buf = s.buf[:n+1]
	p := &s.buf[n]
	var zero T
	*p = zero
	return p
}

// Spill returns list with room for as many elements again: for a list
// gathered on the stack that is full. An enabled Slab gives memory it reuses.
func (s *Slab[T]) Spill(list []T) []T {
	n := max(len(list), 4)
	if !s.on {
		return append(make([]T, 0, len(list)+n), list...)
	}
	s.room(len(list) + n)
	start := len(s.buf)
	s.buf = append(s.buf, list...)
	s.buf = s.buf[:start+len(list)+n]
	return s.buf[start : start+len(list) : start+len(list)+n]
}

// Copy returns a non-nil slice holding list's elements, with no room to
// append in place.
func (s *Slab[T]) Copy(list []T) []T {
	if !s.on {
		return append(make([]T, 0, len(list)), list...)
	}
	s.room(len(list))
	n := len(s.buf)
	s.buf = append(s.buf, list...)
	return s.buf[n:len(s.buf):len(s.buf)]
}

// Maps hands out empty maps. A zero Maps makes each one; an enabled Maps
// (Enable) hands out, after each Reset, the maps it made before, cleared.
type Maps[V any] struct {
	ms []map[string]V
	n  int
	on bool
}

// Enable makes s reuse maps.
func (s *Maps[V]) Enable() { s.on = true }

// Reset takes back every map s handed out.
func (s *Maps[V]) Reset() { s.n = 0 }

// New returns an empty map.
func (s *Maps[V]) New() map[string]V {
	if !s.on {
		return map[string]V{}
	}
	if s.n == len(s.ms) {
		s.ms = append(s.ms, map[string]V{})
	}
	m := s.ms[s.n]
	clear(m)
	s.n++
	return m
}

// Concat returns the concatenation of parts, kept in d's Arena when it has
// one.
func (d *Decoder) Concat(parts ...string) string {
	if d.arena == nil {
		return strings.Join(parts, "")
	}
	a := d.arena
	n := 0
	for _, p := range parts {
		n += len(p)
	}
	if n == 0 {
		return ""
	}
	a.reserve(n)
	start := len(a.text)
	for _, p := range parts {
		a.text = append(a.text, p...)
	}
	return unsafe.String(&a.text[start], n)
}
