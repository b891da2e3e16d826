// Package sequence orders KOOK event frames by their sequence number (sn).
//
// KOOK numbers the events of a websocket session 1, 2, 3, ... and asks clients
// to process them in that order: a frame that arrives early waits in a buffer
// until the missing ones come, and a frame already processed is dropped
// (docs/zh-cn/websocket.md, 信令[0] EVENT). Webhook frames carry an sn too,
// which wraps from 65535 back to 1.
//
// A Tracker does that bookkeeping for frames of any type:
//
//	t := sequence.New[*kook.Frame](sequence.Options{})
//	t.Reset(0) // a new websocket session: the first frame is sn 1
//	for frame := range frames {
//		res := t.Push(sn, frame)
//		for _, f := range res.Ready { // in order, possibly several
//			handle(f)
//		}
//	}
//
// A gap that does not fill is given up either when the buffer is full
// (Options.MaxBuffered) or when the caller says so: Skip, or SkipOlder from a
// ticker. A frame that arrives after its gap was given up is reported Late.
// After a websocket RECONNECT (s=5), call Reset(0); after a successful resume,
// nothing changes (the server resends from the sn the client sent).
package sequence

import (
	"fmt"
	"math"
	"sync"
	"time"
)

// WebhookMax is the largest webhook sn: the one after it is 1.
const WebhookMax = 65535

// DefaultMaxBuffered is Options.MaxBuffered when it is 0.
const DefaultMaxBuffered = 64

// maxLateRemembered bounds how many given-up sequence numbers are remembered
// to tell a late frame from a duplicate.
const maxLateRemembered = 1024

// Status says what Push made of a frame.
type Status uint8

const (
	// InOrder: the frame is the next one; it is in Ready, followed by the
	// buffered frames it unblocked.
	InOrder Status = iota + 1
	// Buffered: the frame is early; it waits for the frames before it. Ready
	// is not empty only when the buffer overflowed and a gap was given up.
	Buffered
	// Duplicate: the frame was already delivered, is already buffered, or is
	// too far behind to tell; drop it.
	Duplicate
	// Late: the frame is one of a gap that was given up (Skipped); it was
	// never delivered. It is not in Ready: process it out of order or drop it.
	Late
	// Invalid: sn is not a sequence number: below 1, above Options.Max, or
	// math.MaxInt64 without wrapping.
	Invalid
)

func (s Status) String() string {
	switch s {
	case InOrder:
		return "in order"
	case Buffered:
		return "buffered"
	case Duplicate:
		return "duplicate"
	case Late:
		return "late"
	case Invalid:
		return "invalid"
	}
	return fmt.Sprintf("Status(%d)", uint8(s))
}

// Options configure a Tracker.
type Options struct {
	// Max is the largest sn before the numbering wraps back to 1 (WebhookMax
	// for webhook frames). 0: no wrapping (websocket sessions).
	//
	// With wrapping, an sn up to Max/2 ahead of the next expected one counts
	// as ahead, anything else as behind.
	Max int64
	// MaxBuffered is how many early frames are held while a gap is open. When
	// one more arrives, the oldest gap is given up. 0 means DefaultMaxBuffered.
	MaxBuffered int
	// Now is the clock SkipOlder measures with; nil means time.Now.
	Now func() time.Time
}

// Gap is a run of sequence numbers that were given up: From, From+1, ... To
// (wrapping after Options.Max).
type Gap struct {
	From, To int64
}

// Result is what Push, Skip and SkipOlder report.
type Result[T any] struct {
	Status Status // Push only; 0 for Skip and SkipOlder
	// Ready are the frames to process now, in sn order.
	Ready []T
	// Skipped are the gaps given up to release Ready, oldest first.
	Skipped []Gap
}

// Tracker orders frames by sn. It is safe for concurrent use; a frame's
// position in Ready is decided under its lock.
type Tracker[T any] struct {
	mu       sync.Mutex
	max      int64
	bufMax   int
	now      func() time.Time
	started  bool  // whether next is known
	next     int64 // the sn expected next
	buf      map[int64]T
	since    time.Time        // when the oldest buffered frame arrived (a gap opened)
	late     map[int64]uint64 // given-up sn → its entry in lateFIFO
	lateSeq  uint64
	lateFIFO []lateEntry
}

type lateEntry struct {
	sn  int64
	seq uint64
}

// New returns a Tracker. Until Reset is called, the first frame pushed is
// taken as in order, whatever its sn: that suits a webhook receiver that
// starts in the middle of the stream. A websocket client calls Reset(0) (or
// Reset with the sn it resumed from) before the first frame.
func New[T any](opt Options) *Tracker[T] {
	t := &Tracker[T]{max: opt.Max, bufMax: opt.MaxBuffered, now: opt.Now}
	if t.max < 0 {
		t.max = 0
	}
	if t.bufMax <= 0 {
		t.bufMax = DefaultMaxBuffered
	}
	if t.now == nil {
		t.now = time.Now
	}
	return t
}

// Reset forgets the buffer and everything seen, and expects last+1 next
// (1 after Max). Reset(0) after a websocket RECONNECT: the new session starts
// at sn 1.
func (t *Tracker[T]) Reset(last int64) {
	t.mu.Lock()
	defer t.mu.Unlock()
	t.buf, t.late, t.lateFIFO = nil, nil, nil
	t.since = time.Time{}
	t.started = true
	if last < 0 || last >= math.MaxInt64-1 {
		last = 0
	}
	if t.max > 0 {
		last = mod(last, t.max)
		if last == 0 {
			last = t.max
		}
	}
	t.next = t.after(last)
}

// Last returns the sn of the last frame delivered in order (or given up): what
// a websocket client sends in PING and resume. ok is false before anything
// was delivered or Reset.
func (t *Tracker[T]) Last() (sn int64, ok bool) {
	t.mu.Lock()
	defer t.mu.Unlock()
	if !t.started {
		return 0, false
	}
	return t.before(t.next), true
}

// Buffered returns how many early frames are waiting.
func (t *Tracker[T]) Buffered() int {
	t.mu.Lock()
	defer t.mu.Unlock()
	return len(t.buf)
}

// Push takes the frame numbered sn and says what to do with it.
func (t *Tracker[T]) Push(sn int64, frame T) Result[T] {
	t.mu.Lock()
	defer t.mu.Unlock()
	if sn < 1 || (t.max > 0 && sn > t.max) || sn == math.MaxInt64 {
		return Result[T]{Status: Invalid}
	}
	if !t.started {
		t.started, t.next = true, sn
	}
	d := t.distance(sn)
	switch {
	case d == 0:
		res := Result[T]{Status: InOrder, Ready: []T{frame}}
		delete(t.late, sn) // a number seen again after wrapping
		t.next = t.after(sn)
		res.Ready = t.drain(res.Ready)
		return res
	case d < 0:
		if _, ok := t.late[sn]; ok {
			delete(t.late, sn)
			return Result[T]{Status: Late}
		}
		return Result[T]{Status: Duplicate}
	}
	if _, ok := t.buf[sn]; ok {
		return Result[T]{Status: Duplicate}
	}
	if t.buf == nil {
		t.buf = make(map[int64]T)
	}
	if len(t.buf) == 0 {
		t.since = t.now()
	}
	t.buf[sn] = frame
	res := Result[T]{Status: Buffered}
	if len(t.buf) > t.bufMax {
		t.skip(&res)
	}
	return res
}

// Skip gives up the gap before the oldest buffered frame and returns the
// frames that were waiting for it (up to the next gap). It does nothing when
// no frame is buffered.
func (t *Tracker[T]) Skip() Result[T] {
	t.mu.Lock()
	defer t.mu.Unlock()
	var res Result[T]
	t.skip(&res)
	return res
}

// SkipOlder is Skip when the gap has been open (a frame has waited) for at
// least maxWait; call it from a ticker.
func (t *Tracker[T]) SkipOlder(maxWait time.Duration) Result[T] {
	t.mu.Lock()
	defer t.mu.Unlock()
	var res Result[T]
	if len(t.buf) > 0 && t.now().Sub(t.since) >= maxWait {
		t.skip(&res)
	}
	return res
}

// skip moves next to the oldest buffered frame, remembers the skipped
// numbers as late, and drains. t.mu is held.
func (t *Tracker[T]) skip(res *Result[T]) {
	if len(t.buf) == 0 {
		return
	}
	first, best := int64(0), int64(-1)
	for sn := range t.buf {
		if d := t.distance(sn); best < 0 || d < best {
			first, best = sn, d
		}
	}
	res.Skipped = append(res.Skipped, Gap{From: t.next, To: t.before(first)})
	for i, sn := int64(0), t.next; i < best && i < maxLateRemembered; i, sn = i+1, t.after(sn) {
		t.rememberLate(sn)
	}
	t.next = first
	res.Ready = t.drain(res.Ready)
}

// drain appends the buffered frames that follow on from next. t.mu is held.
func (t *Tracker[T]) drain(ready []T) []T {
	for {
		f, ok := t.buf[t.next]
		if !ok {
			break
		}
		delete(t.buf, t.next)
		delete(t.late, t.next)
		ready = append(ready, f)
		t.next = t.after(t.next)
	}
	if len(t.buf) > 0 {
		// The frames still waiting wait from now on for a new gap.
		t.since = t.now()
	}
	return ready
}

// rememberLate adds sn to the given-up numbers, forgetting the oldest
// beyond maxLateRemembered.
func (t *Tracker[T]) rememberLate(sn int64) {
	if t.late == nil {
		t.late = make(map[int64]uint64)
	}
	for len(t.lateFIFO) >= maxLateRemembered {
		old := t.lateFIFO[0]
		if seq, ok := t.late[old.sn]; ok && seq == old.seq {
			delete(t.late, old.sn)
		}
		t.lateFIFO = t.lateFIFO[1:]
	}
	t.lateSeq++
	t.late[sn] = t.lateSeq
	t.lateFIFO = append(t.lateFIFO, lateEntry{sn: sn, seq: t.lateSeq})
}

// distance is how far sn is ahead of next: 0 for next itself, negative when
// behind.
func (t *Tracker[T]) distance(sn int64) int64 {
	if t.max == 0 {
		return sn - t.next // both in [1, MaxInt64]: no overflow
	}
	d := mod(sn-t.next, t.max)
	if d > t.max/2 {
		return d - t.max
	}
	return d
}

func (t *Tracker[T]) after(sn int64) int64 {
	if t.max > 0 && sn >= t.max {
		return 1
	}
	return sn + 1
}

func (t *Tracker[T]) before(sn int64) int64 {
	if t.max > 0 && sn <= 1 {
		return t.max
	}
	return sn - 1
}

func mod(a, m int64) int64 {
	r := a % m
	if r < 0 {
		r += m
	}
	return r
}
