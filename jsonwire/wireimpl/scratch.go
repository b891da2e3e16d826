package wireimpl

import "sync"

// Scratch is a buffer that one-shot encoders (AppendJSON(nil), MarshalJSON)
// encode into before they copy the output to a slice of its exact size: one
// allocation, and the least memory, whatever the output's size.
type Scratch struct{ B []byte }

var scratches = sync.Pool{New: func() any { return &Scratch{B: make([]byte, 0, 2048)} }}

// maxPooledOutput keeps one huge output from pinning its buffer in the pool.
const maxPooledOutput = 64 << 10

// GetScratch returns an empty Scratch from a pool.
func GetScratch() *Scratch { return scratches.Get().(*Scratch) }

// Done returns a copy of out, which the encoder appended to s.B[:0], and
// puts s back into the pool; s must not be used afterwards.
func (s *Scratch) Done(out []byte) []byte {
	b := append([]byte(nil), out...) // growslice: no zeroing of what the copy fills
	if cap(out) <= maxPooledOutput {
		s.B = out[:0]
		scratches.Put(s)
	}
	return b
}
