package webhook

import (
	"context"
	"errors"
	"sync"
	"time"
)

// SeenKey identifies an event for deduplication: its frame's sn and its
// d.msg_id ("" when absent). KOOK resends an event with both unchanged, while
// the sn alone wraps from 65535 back to 1 and so repeats for another event.
type SeenKey struct {
	SN    int64
	MsgID string
}

// SeenStore remembers which events were delivered, so that KOOK's retries
// (after 2, 4, 8, 16, 32, 64 s) are acknowledged without being delivered
// again. Several receivers behind a load balancer share one by implementing
// it on a shared store (for example SET key NX EX 600 in Redis).
type SeenStore interface {
	// MarkSeen records key and reports whether it was new (first is true) or
	// already there. It must be atomic: of two concurrent calls with one key,
	// one only gets true.
	MarkSeen(ctx context.Context, key SeenKey) (first bool, err error)
	// Forget removes key, so that KOOK's retry of an event whose delivery
	// failed is delivered again.
	Forget(ctx context.Context, key SeenKey) error
}

// ClaimStore is a SeenStore that several receivers (replicas behind a load
// balancer) share, and that tells an event being delivered from an event
// delivered. A Receiver whose Config.Seen is a ClaimStore calls Claim instead
// of MarkSeen (and the Lease instead of Forget), so that:
//
//   - while one replica delivers an event, a retry on another gets 503;
//   - when the delivery fails, or the replica dies during it, the claim is
//     released or runs out, and KOOK's next retry is delivered;
//   - once delivered, every retry within the store's window is acknowledged
//     (200) without being delivered.
//
// The MemoryStore is not a ClaimStore: within one process the Receiver tells
// an event in flight by itself. events/kook/webhook/redisseen is one, on Redis.
type ClaimStore interface {
	SeenStore
	// Claim takes key for delivery. With Claimed, the caller delivers and
	// then calls exactly one of the Lease's methods; the store keeps the
	// claim alive until then (a claim whose holder died runs out). With
	// InFlight or AlreadyDelivered the Lease is nil.
	Claim(ctx context.Context, key SeenKey) (ClaimState, Lease, error)
}

// ClaimState is what ClaimStore.Claim found.
type ClaimState uint8

const (
	Claimed          ClaimState = iota + 1 // the key was free: the caller delivers
	InFlight                               // another holder is delivering: retry later (503)
	AlreadyDelivered                       // delivered within the window: acknowledge (200)
)

// Lease is a claim taken by ClaimStore.Claim.
type Lease interface {
	// Delivered marks the key delivered for the store's window. An error
	// does not undo the delivery (the event is still acknowledged).
	Delivered(ctx context.Context) error
	// Release gives the claim up, so that a retry is delivered.
	Release(ctx context.Context) error
}

// ErrStoreUnavailable is wrapped by the errors of a SeenStore that cannot
// answer for now (its server is down): the Receiver answers 503 for them, so
// KOOK retries later. Other store errors are answered 500.
var ErrStoreUnavailable = errors.New("seen store unavailable")

// Defaults of MemoryOptions.
const (
	// DefaultSeenTTL is far longer than KOOK's retry schedule (2+4+...+64 s).
	DefaultSeenTTL = 10 * time.Minute
	// DefaultSeenMax is below 65535, so that even without a msg_id an sn
	// has left the store before the numbering comes back to it.
	DefaultSeenMax = 32768
)

// MemoryOptions configure a MemoryStore.
type MemoryOptions struct {
	// TTL is how long a key is remembered; 0 means DefaultSeenTTL.
	TTL time.Duration
	// Max is how many keys are remembered at most (the oldest go first);
	// 0 means DefaultSeenMax.
	Max int
	// Now is the clock; nil means time.Now.
	Now func() time.Time
}

// MemoryStore is the default SeenStore: in memory, for one process. A key is
// forgotten after TTL, or when Max newer keys came after it. It is safe for
// concurrent use.
type MemoryStore struct {
	mu   sync.Mutex
	ttl  time.Duration
	max  int
	now  func() time.Time
	keys map[SeenKey]uint64 // key → seq of its entry in fifo
	fifo []seenEntry        // oldest first, from head on
	head int
	seq  uint64
}

type seenEntry struct {
	key SeenKey
	at  time.Time
	seq uint64
}

// NewMemoryStore returns an empty MemoryStore.
func NewMemoryStore(opt MemoryOptions) *MemoryStore {
	s := &MemoryStore{ttl: opt.TTL, max: opt.Max, now: opt.Now, keys: make(map[SeenKey]uint64)}
	if s.ttl <= 0 {
		s.ttl = DefaultSeenTTL
	}
	if s.max <= 0 {
		s.max = DefaultSeenMax
	}
	if s.now == nil {
		s.now = time.Now
	}
	return s
}

// MarkSeen implements SeenStore.
func (s *MemoryStore) MarkSeen(_ context.Context, key SeenKey) (bool, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	now := s.now()
	s.expire(now, 1)
	if _, ok := s.keys[key]; ok {
		return false, nil
	}
	s.seq++
	s.keys[key] = s.seq
	s.fifo = append(s.fifo, seenEntry{key: key, at: now, seq: s.seq})
	return true, nil
}

// Forget implements SeenStore.
func (s *MemoryStore) Forget(_ context.Context, key SeenKey) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	delete(s.keys, key) // its fifo entry no longer matches and is dropped in turn
	return nil
}

// Len returns how many keys are remembered.
func (s *MemoryStore) Len() int {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.expire(s.now(), 0)
	return len(s.keys)
}

// expire drops the entries older than ttl, and the oldest ones until room
// entries can be added within max. s.mu is held.
func (s *MemoryStore) expire(now time.Time, room int) {
	for s.head < len(s.fifo) {
		e := s.fifo[s.head]
		if len(s.fifo)-s.head+room <= s.max && now.Sub(e.at) < s.ttl {
			break
		}
		if seq, ok := s.keys[e.key]; ok && seq == e.seq {
			delete(s.keys, e.key)
		}
		s.fifo[s.head] = seenEntry{}
		s.head++
	}
	// Reuse the slice once its dead front is half of it.
	if s.head > 0 && s.head >= len(s.fifo)/2 {
		n := copy(s.fifo, s.fifo[s.head:])
		clear(s.fifo[n:])
		s.fifo = s.fifo[:n]
		s.head = 0
	}
}
