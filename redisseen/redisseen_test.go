package redisseen_test

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/eventbind/eventbind/bind"
	"github.com/eventbind/eventbind/events/kook"
	"github.com/eventbind/eventbind/events/kook/webhook"
	"github.com/eventbind/eventbind/internal/redistest"
	"github.com/eventbind/eventbind/redisseen"
	"github.com/redis/go-redis/v9"
)

const token = "redisseen-test-token"

// frame is a KOOK event (joined_guild) with sn and msg_id "m-<sn>".
func frame(sn int) []byte {
	return []byte(fmt.Sprintf(`{"s":0,"d":{"channel_type":"GROUP","type":255,"target_id":"g","author_id":"1","content":"x","msg_id":"m-%d","msg_timestamp":1,"nonce":"","verify_token":"%s","extra":{"type":"joined_guild","body":{"user_id":"7","joined_at":1}}},"sn":%d}`, sn, token, sn))
}

func key(sn int) webhook.SeenKey {
	return webhook.SeenKey{SN: int64(sn), MsgID: fmt.Sprintf("m-%d", sn)}
}

// client returns a client of srv, closed when the test ends; it gives up
// quickly while the server is down.
func client(t testing.TB, srv *redistest.Server) *redis.Client {
	c := redis.NewClient(&redis.Options{
		Addr: srv.Addr, DialTimeout: time.Second, ReadTimeout: time.Second, WriteTimeout: time.Second,
		MaxRetries: 1, DialerRetries: 1, DialerRetryTimeout: 10 * time.Millisecond, MinRetryBackoff: 5 * time.Millisecond, MaxRetryBackoff: 20 * time.Millisecond,
	})
	t.Cleanup(func() { c.Close() })
	return c
}

func newStore(t testing.TB, c redis.UniversalClient, opt redisseen.Options) *redisseen.Store {
	t.Helper()
	if opt.Bot == "" {
		opt.Bot = "bot-a"
	}
	s, err := redisseen.New(c, opt)
	if err != nil {
		t.Fatal(err)
	}
	return s
}

func TestNewChecks(t *testing.T) {
	if _, err := redisseen.New(nil, redisseen.Options{Bot: "b"}); err == nil {
		t.Error("nil client accepted")
	}
	c := redis.NewClient(&redis.Options{Addr: "127.0.0.1:1"})
	defer c.Close()
	if _, err := redisseen.New(c, redisseen.Options{}); err == nil || !strings.Contains(err.Error(), "Bot is empty") {
		t.Errorf("empty Bot: %v", err)
	}
}

// TestClaimStates: free → claimed (another store, as another replica, sees
// it in flight) → delivered (every later claim sees it delivered, and the key
// lives for the TTL, 10 minutes by default); a released claim is free again.
func TestClaimStates(t *testing.T) {
	srv := redistest.Start(t)
	c := client(t, srv)
	a, b := newStore(t, c, redisseen.Options{}), newStore(t, client(t, srv), redisseen.Options{})
	ctx := context.Background()

	st, lease, err := a.Claim(ctx, key(1))
	if err != nil || st != webhook.Claimed || lease == nil {
		t.Fatalf("first claim: %v %v %v", st, lease, err)
	}
	if pttl := c.PTTL(ctx, a.Key(key(1))).Val(); pttl <= 0 || pttl > redisseen.DefaultLease {
		t.Errorf("claim expires in %v, want at most the lease %v", pttl, redisseen.DefaultLease)
	}
	if st, l, err := b.Claim(ctx, key(1)); st != webhook.InFlight || l != nil || err != nil {
		t.Errorf("claim while claimed: %v %v %v, want in flight", st, l, err)
	}
	if err := lease.Delivered(ctx); err != nil {
		t.Fatal(err)
	}
	for _, s := range []*redisseen.Store{a, b} {
		if st, _, err := s.Claim(ctx, key(1)); st != webhook.AlreadyDelivered || err != nil {
			t.Errorf("claim after delivery: %v %v", st, err)
		}
	}
	ttl := c.TTL(ctx, a.Key(key(1))).Val()
	if ttl <= webhook.DefaultSeenTTL-5*time.Second || ttl > webhook.DefaultSeenTTL {
		t.Errorf("delivered key expires in %v, want %v", ttl, webhook.DefaultSeenTTL)
	}
	if got := a.Key(key(1)); got != "eventbind:seen:bot-a:1:m-1" {
		t.Errorf("key %q", got)
	}

	_, lease, _ = a.Claim(ctx, key(2))
	if err := lease.Release(ctx); err != nil {
		t.Fatal(err)
	}
	if st, l, _ := b.Claim(ctx, key(2)); st != webhook.Claimed {
		t.Errorf("claim after release: %v", st)
	} else {
		l.Release(ctx)
	}

	// The SeenStore methods: SET NX with the TTL, and DEL.
	if first, err := a.MarkSeen(ctx, key(3)); !first || err != nil {
		t.Errorf("MarkSeen: %v %v", first, err)
	}
	if first, _ := b.MarkSeen(ctx, key(3)); first {
		t.Error("MarkSeen twice: first both times")
	}
	if ttl := c.TTL(ctx, a.Key(key(3))).Val(); ttl <= webhook.DefaultSeenTTL-5*time.Second {
		t.Errorf("MarkSeen's key expires in %v", ttl)
	}
	if st, _, _ := b.Claim(ctx, key(3)); st != webhook.AlreadyDelivered {
		t.Errorf("claim after MarkSeen: %v", st)
	}
	a.Forget(ctx, key(3))
	if first, _ := b.MarkSeen(ctx, key(3)); !first {
		t.Error("MarkSeen after Forget: not first")
	}
}

// TestConcurrentClaims: of many concurrent claims of one key by several
// stores, exactly one wins.
func TestConcurrentClaims(t *testing.T) {
	srv := redistest.Start(t)
	stores := []*redisseen.Store{}
	for i := 0; i < 3; i++ {
		stores = append(stores, newStore(t, client(t, srv), redisseen.Options{}))
	}
	for sn := 0; sn < 50; sn++ {
		var won atomic.Int32
		var wg sync.WaitGroup
		for i := 0; i < 12; i++ {
			wg.Add(1)
			go func(s *redisseen.Store) {
				defer wg.Done()
				st, l, err := s.Claim(context.Background(), key(sn))
				if err != nil {
					t.Error(err)
				}
				if st == webhook.Claimed {
					won.Add(1)
					l.Delivered(context.Background())
				}
			}(stores[i%3])
		}
		wg.Wait()
		if n := won.Load(); n != 1 {
			t.Fatalf("sn %d: %d claims won, want 1", sn, n)
		}
	}
}

// TestLease: a claim is renewed while its holder delivers (here 3 leases
// long), and one whose holder died (a key left as a dead replica leaves it)
// runs out after the lease.
func TestLease(t *testing.T) {
	srv := redistest.Start(t)
	c := client(t, srv)
	lease := 300 * time.Millisecond
	a, b := newStore(t, c, redisseen.Options{Lease: lease}), newStore(t, client(t, srv), redisseen.Options{Lease: lease})
	ctx := context.Background()
	_, l, _ := a.Claim(ctx, key(1))
	deadline := time.Now().Add(3 * lease)
	for time.Now().Before(deadline) {
		if st, _, _ := b.Claim(ctx, key(1)); st != webhook.InFlight {
			t.Fatalf("claim of a renewed lease: %v, want in flight", st)
		}
		time.Sleep(lease / 10)
	}
	l.Delivered(ctx)

	// A dead replica: its claim is not renewed.
	c.Set(ctx, a.Key(key(2)), "c:dead-replica", lease)
	if st, _, _ := b.Claim(ctx, key(2)); st != webhook.InFlight {
		t.Fatalf("claim of a dead replica's key: %v, want in flight", st)
	}
	start := time.Now()
	for {
		st, l, _ := b.Claim(ctx, key(2))
		if st == webhook.Claimed {
			l.Delivered(ctx)
			break
		}
		if time.Since(start) > 5*time.Second {
			t.Fatal("a dead replica's claim did not run out")
		}
		time.Sleep(20 * time.Millisecond)
	}
	if d := time.Since(start); d > lease+200*time.Millisecond {
		t.Errorf("claimed %v after, want about the lease %v", d, lease)
	}
}

// TestExpiryAndBots: a delivered key is forgotten after the TTL; two bots on
// one Redis keep their keys apart.
func TestExpiryAndBots(t *testing.T) {
	srv := redistest.Start(t)
	c := client(t, srv)
	ctx := context.Background()
	ttl := 400 * time.Millisecond
	a := newStore(t, c, redisseen.Options{Bot: "bot-a", TTL: ttl})
	other := newStore(t, c, redisseen.Options{Bot: "bot-b", TTL: ttl})
	_, l, _ := a.Claim(ctx, key(7))
	l.Delivered(ctx)
	if st, l, _ := other.Claim(ctx, key(7)); st != webhook.Claimed {
		t.Errorf("another bot's claim of the same sn: %v, want claimed", st)
	} else {
		l.Delivered(ctx)
	}
	if st, _, _ := a.Claim(ctx, key(7)); st != webhook.AlreadyDelivered {
		t.Errorf("retry within the TTL: %v", st)
	}
	if pttl := c.PTTL(ctx, a.Key(key(7))).Val(); pttl <= 0 || pttl > ttl {
		t.Errorf("key expires in %v, want within %v", pttl, ttl)
	}
	time.Sleep(ttl + 100*time.Millisecond)
	if n := c.Exists(ctx, a.Key(key(7)), other.Key(key(7))).Val(); n != 0 {
		t.Errorf("%d keys left after the TTL", n)
	}
	if st, l, _ := a.Claim(ctx, key(7)); st != webhook.Claimed {
		t.Errorf("after the TTL: %v, want claimed", st)
	} else {
		l.Release(ctx)
	}
}

// fleet is several receivers, each with its own Store and client on one
// Redis, and a count of deliveries per sn.
type fleet struct {
	rcvs      []*webhook.Receiver
	mu        sync.Mutex
	delivered map[int64]int
	hold      chan struct{} // when set, handlers wait on it
	fail      atomic.Bool
	logs      strings.Builder
}

func newFleet(t *testing.T, srv *redistest.Server, n int, opt redisseen.Options) *fleet {
	f := &fleet{delivered: map[int64]int{}}
	for i := 0; i < n; i++ {
		o := opt
		o.Logf = func(format string, args ...any) {
			f.mu.Lock()
			fmt.Fprintf(&f.logs, "replica %d: "+format+"\n", append([]any{i}, args...)...)
			f.mu.Unlock()
		}
		store := newStore(t, client(t, srv), o)
		rcv, err := webhook.New(webhook.Config{VerifyToken: token, Seen: store, OnEvent: f.onEvent})
		if err != nil {
			t.Fatal(err)
		}
		f.rcvs = append(f.rcvs, rcv)
	}
	return f
}

func (f *fleet) onEvent(ctx context.Context, ev bind.Event) error {
	f.mu.Lock()
	hold := f.hold
	f.mu.Unlock()
	if hold != nil {
		<-hold
	}
	if f.fail.Load() {
		return errors.New("handler failed")
	}
	sn, _ := ev.(*kook.JoinedGuild).Frame.Value.SN.Get()
	f.mu.Lock()
	f.delivered[sn]++
	f.mu.Unlock()
	return nil
}

func (f *fleet) count(sn int) int {
	f.mu.Lock()
	defer f.mu.Unlock()
	return f.delivered[int64(sn)]
}

// TestReceiversShareRedis: receivers sharing one Redis, at the Receiver
// level: a retry on another receiver while one delivers gets 503; a failed
// delivery is retried and delivered by another; a delivered event is a
// duplicate everywhere.
func TestReceiversShareRedis(t *testing.T) {
	srv := redistest.Start(t)
	f := newFleet(t, srv, 3, redisseen.Options{})
	ctx := context.Background()

	hold := make(chan struct{})
	f.hold = hold
	first := make(chan webhook.Outcome)
	go func() { first <- f.rcvs[0].Receive(ctx, frame(1)) }()
	time.Sleep(50 * time.Millisecond) // the first is in its handler (or will find the claim its own)
	for i, r := range f.rcvs[1:] {
		if o := r.Receive(ctx, frame(1)); o.Status != 503 {
			t.Errorf("retry on receiver %d during the delivery: %d %v, want 503", i+1, o.Status, o.Err)
		}
	}
	f.mu.Lock()
	f.hold = nil
	f.mu.Unlock()
	close(hold)
	if o := <-first; o.Kind != webhook.KindDelivered {
		t.Fatalf("first: %v %v", o.Kind, o.Err)
	}
	for i, r := range f.rcvs {
		if o := r.Receive(ctx, frame(1)); o.Kind != webhook.KindDuplicate || o.Status != 200 {
			t.Errorf("retry on receiver %d after the delivery: %v %d", i, o.Kind, o.Status)
		}
	}

	f.fail.Store(true)
	if o := f.rcvs[0].Receive(ctx, frame(2)); o.Status != 500 {
		t.Errorf("failing handler: %d", o.Status)
	}
	f.fail.Store(false)
	if o := f.rcvs[1].Receive(ctx, frame(2)); o.Kind != webhook.KindDelivered {
		t.Errorf("retry of a failed delivery on another receiver: %v %v", o.Kind, o.Err)
	}
	if f.count(1) != 1 || f.count(2) != 1 {
		t.Errorf("delivered %d and %d times, want once each", f.count(1), f.count(2))
	}
}

// TestRedisRestart: Redis killed and started again (it keeps no data) under a
// stream of events sent to several receivers. With Deliver, every request is
// answered 200 during the outage, each event is delivered (once, as each is
// retried on the replica that took it), and the receivers go back to Redis by
// themselves, writing back what they delivered meanwhile. With Refuse,
// requests during the outage get 503 and nothing is delivered, and service
// resumes.
func TestRedisRestart(t *testing.T) {
	for _, policy := range []redisseen.DownPolicy{redisseen.Deliver, redisseen.Refuse} {
		t.Run(policy.String(), func(t *testing.T) {
			srv := redistest.Start(t)
			f := newFleet(t, srv, 2, redisseen.Options{Down: policy, Retry: 100 * time.Millisecond})
			ctx := context.Background()
			sn := 0
			send := func(r int, want int) {
				t.Helper()
				sn++
				for i := 0; i < 2; i++ { // the event and its retry, on one replica
					o := f.rcvs[r].Receive(ctx, frame(sn))
					if o.Status != want {
						t.Fatalf("sn %d on receiver %d: %d %v, want %d", sn, r, o.Status, o.Err, want)
					}
				}
			}
			for i := 0; i < 20; i++ {
				send(i%2, 200)
			}
			t0 := time.Now()
			srv.Kill()
			down := sn
			want := 200
			if policy == redisseen.Refuse {
				want = 503
			}
			for i := 0; i < 20; i++ {
				send(i%2, want)
				time.Sleep(15 * time.Millisecond) // Redis is asked again every 100 ms (Retry)
			}
			t.Logf("Redis down for %v", time.Since(t0).Round(time.Millisecond))
			srv.Restart()
			// The receivers go back to Redis by themselves: after Retry
			// (100 ms), and once the client's pool dials again (go-redis
			// tries every second after a series of failed dials). Until
			// then, Deliver delivers from memory and Refuse answers 503,
			// which KOOK retries: so does this loop.
			backSince := time.Now()
			back := func() bool {
				f.mu.Lock()
				defer f.mu.Unlock()
				return strings.Count(f.logs.String(), "redis is back: ") == 2
			}
			for i := 0; i < 20 || !back(); i++ {
				if time.Since(backSince) > 10*time.Second {
					t.Fatal("the receivers did not go back to Redis within 10 s")
				}
				sn++
				for r := i % 2; ; time.Sleep(50 * time.Millisecond) {
					o := f.rcvs[r].Receive(ctx, frame(sn))
					if o.Status == 200 {
						break
					}
					if o.Status != 503 || policy != redisseen.Refuse || time.Since(backSince) > 10*time.Second {
						t.Fatalf("sn %d after the restart: %d %v", sn, o.Status, o.Err)
					}
				}
				if o := f.rcvs[i%2].Receive(ctx, frame(sn)); o.Status != 200 || o.Kind != webhook.KindDuplicate {
					t.Fatalf("retry of sn %d after the restart: %d %v", sn, o.Status, o.Kind)
				}
			}
			t.Logf("back to Redis %v after the restart; %d events sent", time.Since(backSince).Round(time.Millisecond), sn)
			c := client(t, srv)
			for s := 1; s <= sn; s++ {
				n := f.count(s)
				inOutage := s > down && s <= down+20
				switch {
				case inOutage && policy == redisseen.Refuse:
					if n != 0 {
						t.Errorf("sn %d refused but delivered %d times", s, n)
					}
				case n != 1:
					t.Errorf("sn %d delivered %d times, want 1", s, n)
				}
			}
			// The keys of the last events are in Redis again, and with
			// Deliver so are the ones delivered during the outage.
			store := newStore(t, c, redisseen.Options{})
			keys := []string{store.Key(key(sn))}
			if policy == redisseen.Deliver {
				keys = append(keys, store.Key(key(down+1)), store.Key(key(down+20)))
			}
			if n := c.Exists(ctx, keys...).Val(); n != int64(len(keys)) {
				t.Errorf("%d of the keys %q in Redis after it came back", n, keys)
			}
			f.mu.Lock()
			logs := f.logs.String()
			f.mu.Unlock()
			t.Logf("logs:\n%s", logs)
			for _, want := range []string{"redis unavailable (", "redis is back: "} {
				if !strings.Contains(logs, want) {
					t.Errorf("logs do not contain %q", want)
				}
			}
		})
	}
}

// go-redis logs every failed dial; the tests that stop Redis expect them.
type quietLogger struct{}

func (quietLogger) Printf(context.Context, string, ...interface{}) {}

func init() { redis.SetLogger(quietLogger{}) }
