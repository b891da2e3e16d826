// Package redisseen is a webhook.ClaimStore on Redis, for several KOOK
// webhook receivers (replicas behind a load balancer) that deliver each event
// once between them:
//
//	client := redis.NewClient(&redis.Options{Addr: "127.0.0.1:6379"})
//	store, err := redisseen.New(client, redisseen.Options{Bot: "my-bot"})
//	rcv, err := webhook.New(webhook.Config{..., Seen: store})
//
// Each event (its sn and d.msg_id) has one key, for one bot
// ("eventbind:seen:<bot>:<sn>:<msg_id>"), in one of three states:
//
//   - absent: not delivered (or delivered longer ago than TTL): the next
//     request claims it;
//   - claimed ("c:<random>", expiring after Lease): one receiver is
//     delivering it; a retry elsewhere is answered 503. The holder renews the
//     lease every Lease/3 while its handler runs; when the handler fails the
//     holder deletes the key, and when the holder dies the key runs out
//     after at most Lease, so that KOOK's next retry is delivered;
//   - delivered ("d", expiring after TTL, 10 minutes by default): every retry
//     is acknowledged (200) and not delivered.
//
// Each step is one atomic command or Lua script, so two receivers never both
// claim a key.
//
// When Redis cannot be reached, the store follows Options.Down: Deliver (the
// default) de-duplicates in the memory of this process (a retry that lands on
// another replica during the outage can be delivered twice) and writes the
// keys it delivered to Redis once it is back; Refuse returns an error that
// wraps webhook.ErrStoreUnavailable, so the receiver answers 503 and KOOK
// retries (an outage longer than KOOK's retries, about two minutes, loses
// events). After a failure Redis is not asked again for Options.Retry (1 s),
// then the next request tries it: the store recovers by itself.
package redisseen

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"errors"
	"fmt"
	"strconv"
	"sync"
	"sync/atomic"
	"time"

	"github.com/eventbind/eventbind/events/kook/webhook"
	"github.com/redis/go-redis/v9"
)

// Defaults of Options.
const (
	DefaultPrefix = "eventbind:seen:"
	// DefaultLease is how long a claim lives without being renewed: how
	// long after a replica died its event is held back (KOOK retries after
	// 2, 4, 8, 16, 32, 64 s: the retry at 14 s after the first request is the
	// first one that can be delivered again).
	DefaultLease = 10 * time.Second
	// DefaultRetry is how long Redis is not asked after a failure.
	DefaultRetry = time.Second
)

// DownPolicy is what the store does while Redis cannot be reached.
type DownPolicy uint8

const (
	// Deliver de-duplicates in this process's memory, and logs.
	Deliver DownPolicy = iota
	// Refuse fails with webhook.ErrStoreUnavailable: the receiver answers
	// 503 and nothing is delivered.
	Refuse
)

func (p DownPolicy) String() string {
	if p == Refuse {
		return "refuse"
	}
	return "deliver"
}

// Options configure a Store.
type Options struct {
	// Bot identifies the bot in the keys, so that several bots share one
	// Redis. Required; not a secret (eventbind serve uses a digest of the
	// verify token).
	Bot string
	// Prefix starts every key; "" means DefaultPrefix.
	Prefix string
	// TTL is how long a delivered event is remembered; 0 means
	// webhook.DefaultSeenTTL (10 minutes), as the memory store.
	TTL time.Duration
	// Lease is how long a claim lives unless renewed; 0 means DefaultLease.
	Lease time.Duration
	// Down is the policy while Redis cannot be reached.
	Down DownPolicy
	// Retry is how long Redis is not asked after a failure; 0 means
	// DefaultRetry.
	Retry time.Duration
	// Logf, when set, is told when Redis goes away and comes back, and when
	// a claim was lost while its event was delivered.
	Logf func(format string, args ...any)
}

// Store is a webhook.ClaimStore on Redis. It is safe for concurrent use.
type Store struct {
	client redis.UniversalClient
	opt    Options
	local  *webhook.MemoryStore // de-duplication while Redis is down (Deliver)

	downUntil atomic.Int64 // unix nanoseconds: do not ask Redis before
	isDown    atomic.Bool  // down, read without the lock
	npending  atomic.Int64 // len(pending), read without the lock
	flushMu   sync.Mutex   // one write-back at a time
	mu        sync.Mutex
	down      bool   // Redis is known to be down (for logging the changes)
	lastErr   error  // why
	pending   []kept // keys delivered while Redis was down, to write back
}

type kept struct {
	key webhook.SeenKey
	at  time.Time
}

var _ webhook.ClaimStore = (*Store)(nil)

// New returns a Store on client.
func New(client redis.UniversalClient, opt Options) (*Store, error) {
	if client == nil {
		return nil, errors.New("redisseen: nil client")
	}
	if opt.Bot == "" {
		return nil, errors.New("redisseen: Options.Bot is empty: two bots sharing one Redis would take each other's events for duplicates")
	}
	if opt.Prefix == "" {
		opt.Prefix = DefaultPrefix
	}
	if opt.TTL <= 0 {
		opt.TTL = webhook.DefaultSeenTTL
	}
	if opt.Lease <= 0 {
		opt.Lease = DefaultLease
	}
	if opt.Retry <= 0 {
		opt.Retry = DefaultRetry
	}
	return &Store{
		client: client,
		opt:    opt,
		local:  webhook.NewMemoryStore(webhook.MemoryOptions{TTL: opt.TTL}),
	}, nil
}

// Key returns the Redis key of an event.
func (s *Store) Key(key webhook.SeenKey) string {
	return s.opt.Prefix + s.opt.Bot + ":" + strconv.FormatInt(key.SN, 10) + ":" + key.MsgID
}

// Values of a key.
const delivered = "d"

var (
	// claim: 1 claimed (also when the key is already this claim: a retried
	// command), 2 claimed by another, 3 delivered.
	claimScript = redis.NewScript(`
local v = redis.call('GET', KEYS[1])
if not v then
  redis.call('SET', KEYS[1], ARGV[1], 'PX', ARGV[2])
  return 1
end
if v == ARGV[1] then return 1 end
if v == 'd' then return 3 end
return 2`)
	releaseScript = redis.NewScript(`
if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) end
return 0`)
	renewScript = redis.NewScript(`
if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('PEXPIRE', KEYS[1], ARGV[2]) end
return 0`)
)

// Claim implements webhook.ClaimStore.
func (s *Store) Claim(ctx context.Context, key webhook.SeenKey) (webhook.ClaimState, webhook.Lease, error) {
	if s.ready(ctx) {
		token := newToken()
		k := s.Key(key)
		n, err := claimScript.Run(ctx, s.client, []string{k}, token, s.opt.Lease.Milliseconds()).Int()
		if err == nil {
			switch n {
			case 1:
				return webhook.Claimed, s.newLease(key, k, token), nil
			case 3:
				return webhook.AlreadyDelivered, nil, nil
			default:
				return webhook.InFlight, nil, nil
			}
		}
		if ctx.Err() != nil {
			return 0, nil, err // the request went away, not Redis
		}
		s.failed(err)
	}
	return s.claimLocal(ctx, key)
}

// claimLocal follows the Down policy.
func (s *Store) claimLocal(ctx context.Context, key webhook.SeenKey) (webhook.ClaimState, webhook.Lease, error) {
	if s.opt.Down == Refuse {
		return 0, nil, s.unavailable()
	}
	first, _ := s.local.MarkSeen(ctx, key)
	if !first {
		// The receiver keeps events in flight in this process apart: a key
		// in memory was delivered here.
		return webhook.AlreadyDelivered, nil, nil
	}
	return webhook.Claimed, localLease{s, key}, nil
}

func (s *Store) unavailable() error {
	s.mu.Lock()
	err := s.lastErr
	s.mu.Unlock()
	return fmt.Errorf("redis is unavailable (%v): %w", err, webhook.ErrStoreUnavailable)
}

// MarkSeen implements webhook.SeenStore (the Receiver calls Claim): SET NX
// with the TTL.
func (s *Store) MarkSeen(ctx context.Context, key webhook.SeenKey) (bool, error) {
	if s.ready(ctx) {
		first, err := s.client.SetNX(ctx, s.Key(key), delivered, s.opt.TTL).Result()
		if err == nil {
			return first, nil
		}
		if ctx.Err() != nil {
			return false, err
		}
		s.failed(err)
	}
	if s.opt.Down == Refuse {
		return false, s.unavailable()
	}
	first, _ := s.local.MarkSeen(ctx, key)
	if first {
		s.keep(key)
	}
	return first, nil
}

// Forget implements webhook.SeenStore.
func (s *Store) Forget(ctx context.Context, key webhook.SeenKey) error {
	_ = s.local.Forget(ctx, key)
	s.unkeep(key)
	if !s.ready(ctx) {
		if s.opt.Down == Refuse {
			return s.unavailable()
		}
		return nil
	}
	if err := s.client.Del(ctx, s.Key(key)).Err(); err != nil {
		s.failed(err)
		return err
	}
	return nil
}

// ready reports whether Redis is to be asked now: not within Retry of a
// failure. Before Redis is asked again, the keys delivered from memory while
// it was down are written to it, so that it never hands out a claim on an
// event delivered meanwhile; when that fails, Redis is still down.
func (s *Store) ready(ctx context.Context) bool {
	if time.Now().UnixNano() < s.downUntil.Load() {
		return false
	}
	if !s.isDown.Load() && s.npending.Load() == 0 {
		return true
	}
	s.flushMu.Lock()
	defer s.flushMu.Unlock()
	s.mu.Lock()
	pending := append([]kept(nil), s.pending...)
	s.mu.Unlock()
	var err error
	if len(pending) > 0 {
		err = s.writeBack(context.WithoutCancel(ctx), pending)
	} else {
		err = s.client.Ping(ctx).Err()
	}
	if err != nil {
		if ctx.Err() == nil {
			s.failed(err)
		}
		return false
	}
	written := make(map[webhook.SeenKey]bool, len(pending))
	for _, p := range pending {
		written[p.key] = true
	}
	s.mu.Lock()
	left := s.pending[:0]
	for _, p := range s.pending {
		if !written[p.key] {
			left = append(left, p)
		}
	}
	s.pending = left
	s.npending.Store(int64(len(left)))
	was := s.down
	s.down = false
	s.isDown.Store(false)
	s.mu.Unlock()
	if was {
		s.logf("redis is back: %d event(s) delivered meanwhile written to it", len(pending))
	}
	return true
}

// failed records that Redis did not answer.
func (s *Store) failed(err error) {
	s.downUntil.Store(time.Now().Add(s.opt.Retry).UnixNano())
	s.mu.Lock()
	was := s.down
	s.down, s.lastErr = true, err
	s.isDown.Store(true)
	s.mu.Unlock()
	if !was {
		what := "delivering with the de-duplication of this process alone until it is back"
		if s.opt.Down == Refuse {
			what = "refusing events with 503 until it is back"
		}
		s.logf("redis unavailable (%v): %s", err, what)
	}
}

// writeBack marks the keys delivered, for what is left of their TTL.
func (s *Store) writeBack(ctx context.Context, pending []kept) error {
	pipe := s.client.Pipeline()
	for _, p := range pending {
		left := s.opt.TTL - time.Since(p.at)
		if left < time.Millisecond {
			left = time.Millisecond
		}
		// SET, not SET NX: a claim taken meanwhile on an event delivered
		// here must not be delivered once more.
		pipe.Set(ctx, s.Key(p.key), delivered, left)
	}
	_, err := pipe.Exec(ctx)
	return err
}

// keep remembers a key delivered while Redis was down.
func (s *Store) keep(key webhook.SeenKey) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if len(s.pending) >= webhook.DefaultSeenMax {
		s.pending = s.pending[1:]
	}
	s.pending = append(s.pending, kept{key, time.Now()})
	s.npending.Store(int64(len(s.pending)))
}

func (s *Store) unkeep(key webhook.SeenKey) {
	s.mu.Lock()
	defer s.mu.Unlock()
	for i := len(s.pending) - 1; i >= 0; i-- {
		if s.pending[i].key == key {
			s.pending = append(s.pending[:i], s.pending[i+1:]...)
			s.npending.Store(int64(len(s.pending)))
			return
		}
	}
}

func (s *Store) logf(format string, args ...any) {
	if s.opt.Logf != nil {
		s.opt.Logf(format, args...)
	}
}

func newToken() string {
	var b [12]byte
	rand.Read(b[:])
	return "c:" + hex.EncodeToString(b[:])
}

// lease is a claim in Redis, renewed until Delivered or Release.
type lease struct {
	s     *Store
	key   webhook.SeenKey
	k     string
	token string
	stop  chan struct{}
	once  sync.Once
}

func (s *Store) newLease(key webhook.SeenKey, k, token string) *lease {
	l := &lease{s: s, key: key, k: k, token: token, stop: make(chan struct{})}
	go l.renew()
	return l
}

func (l *lease) renew() {
	t := time.NewTicker(l.s.opt.Lease / 3)
	defer t.Stop()
	for {
		select {
		case <-l.stop:
			return
		case <-t.C:
		}
		ctx, cancel := context.WithTimeout(context.Background(), l.s.opt.Lease/3)
		n, err := renewScript.Run(ctx, l.s.client, []string{l.k}, l.token, l.s.opt.Lease.Milliseconds()).Int()
		cancel()
		if err == nil && n == 0 {
			l.s.logf("the claim on sn %d ran out while its event was being delivered: another replica may deliver it too", l.key.SN)
			return
		}
	}
}

func (l *lease) end() { l.once.Do(func() { close(l.stop) }) }

// Delivered implements webhook.Lease: the key becomes "d" for the TTL. When
// Redis fails then, the key is kept in memory and written back later.
func (l *lease) Delivered(ctx context.Context) error {
	l.end()
	err := l.s.client.Set(ctx, l.k, delivered, l.s.opt.TTL).Err()
	if err != nil {
		l.s.failed(err)
		l.s.local.MarkSeen(ctx, l.key)
		l.s.keep(l.key)
	}
	return err
}

// Release implements webhook.Lease: the claim is deleted if still ours (when
// Redis fails, it runs out after the lease).
func (l *lease) Release(ctx context.Context) error {
	l.end()
	err := releaseScript.Run(ctx, l.s.client, []string{l.k}, l.token).Err()
	if err != nil {
		l.s.failed(err)
	}
	return err
}

// localLease is a claim in memory while Redis is down.
type localLease struct {
	s   *Store
	key webhook.SeenKey
}

func (l localLease) Delivered(context.Context) error {
	l.s.keep(l.key)
	return nil
}

func (l localLease) Release(ctx context.Context) error {
	return l.s.local.Forget(ctx, l.key)
}
