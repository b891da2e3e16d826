package gateway_test

import (
	"context"
	"errors"
	"fmt"
	"runtime"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/eventbind/eventbind/bind"
	"github.com/eventbind/eventbind/events/kook"
	"github.com/eventbind/eventbind/events/kook/gateway"
	"github.com/eventbind/eventbind/internal/fakegateway"
)

const botToken = "bot-token-0123456789"

// fast are the documented timings scaled down for tests.
func fast() gateway.Timings {
	return gateway.Timings{
		Hello:     time.Second,
		Heartbeat: time.Hour, // tests that want PINGs set it
		Jitter:    time.Millisecond,
		Pong:      150 * time.Millisecond,
		Probes:    []time.Duration{50 * time.Millisecond, 100 * time.Millisecond},
		Redials:   []time.Duration{30 * time.Millisecond, 60 * time.Millisecond},
		Resumes:   []time.Duration{40 * time.Millisecond, 80 * time.Millisecond},
		Backoff:   50 * time.Millisecond,
		MaxWait:   400 * time.Millisecond,
		Gap:       300 * time.Millisecond,
		Write:     time.Second,
	}
}

// harness runs a client against a fake gateway and records what it saw.
type harness struct {
	t   *testing.T
	srv *fakegateway.Server
	cfg gateway.Config

	mu        sync.Mutex
	delivered []int64 // sns of the text messages handled, in order
	names     []string
	changes   []gateway.Change
	errs      []error
	logs      []string // every reported line, to look for secrets
	slow      func(sn int64)

	cancel context.CancelFunc
	done   chan error
}

func newHarness(t *testing.T) *harness {
	h := &harness{t: t, srv: fakegateway.New(botToken)}
	h.cfg = gateway.Config{
		Token:   botToken,
		Timings: fast(),
		Jitter:  func(time.Duration) time.Duration { return 0 },
		OnEvent: h.onEvent,
		OnChange: func(c gateway.Change) {
			h.mu.Lock()
			defer h.mu.Unlock()
			h.changes = append(h.changes, c)
			h.logs = append(h.logs, c.String())
		},
		OnError: func(err error) {
			h.mu.Lock()
			defer h.mu.Unlock()
			h.errs = append(h.errs, err)
			h.logs = append(h.logs, err.Error(), fmt.Sprintf("%+v", err))
		},
	}
	t.Cleanup(h.srv.Close)
	return h
}

func (h *harness) onEvent(_ context.Context, ev bind.Event) error {
	var sn int64
	if tm, ok := ev.(*kook.TextMessage); ok {
		sn = tm.Frame.Value.SN.Value
	}
	if h.slow != nil {
		h.slow(sn)
	}
	h.mu.Lock()
	h.delivered = append(h.delivered, sn)
	h.names = append(h.names, ev.EventName())
	h.mu.Unlock()
	return nil
}

// start runs the client; stop (or the test's end) cancels it and checks
// that Run returned the context's error, leaked no goroutine, and that no
// reported line holds a secret.
func (h *harness) start() {
	h.cfg.BaseURL = h.srv.URL
	c, err := gateway.New(h.cfg)
	if err != nil {
		h.t.Fatal(err)
	}
	before := runtime.NumGoroutine()
	ctx, cancel := context.WithCancel(context.Background())
	h.cancel, h.done = cancel, make(chan error, 1)
	go func() { h.done <- c.Run(ctx) }()
	h.t.Cleanup(func() { h.stop(before) })
}

func (h *harness) stop(before int) {
	h.cancel()
	select {
	case err := <-h.done:
		if err != nil && !errors.Is(err, context.Canceled) {
			h.t.Errorf("Run returned %v, want context.Canceled", err)
		}
	case <-time.After(10 * time.Second):
		h.t.Fatal("Run did not return after cancellation")
	}
	h.srv.CloseClientConnections()
	deadline := time.Now().Add(3 * time.Second)
	for runtime.NumGoroutine() > before && time.Now().Before(deadline) {
		time.Sleep(10 * time.Millisecond)
	}
	if n := runtime.NumGoroutine(); n > before {
		buf := make([]byte, 1<<16)
		h.t.Errorf("%d goroutines after Run returned, %d before:\n%s", n, before, buf[:runtime.Stack(buf, true)])
	}
	h.checkSecrets()
}

func (h *harness) checkSecrets() {
	h.mu.Lock()
	defer h.mu.Unlock()
	for _, line := range h.logs {
		for _, secret := range []string{botToken, h.srv.URLSecret} {
			if strings.Contains(line, secret) {
				h.t.Errorf("a reported line holds a secret: %q", line)
			}
		}
	}
}

// needSN waits until the text message with sn was delivered, or fails the test.
func (h *harness) needSN(sn int64) {
	h.t.Helper()
	if !h.waitSN(sn) {
		h.t.FailNow()
	}
}

// waitSN waits until the text message with sn was delivered; it reports
// false after 5 s (the fake's sessions call it: they must not FailNow).
func (h *harness) waitSN(sn int64) bool {
	h.t.Helper()
	deadline := time.Now().Add(5 * time.Second)
	for {
		for _, got := range h.got() {
			if got == sn {
				return true
			}
		}
		if time.Now().After(deadline) {
			h.t.Errorf("sn %d not delivered; delivered %v", sn, h.got())
			return false
		}
		time.Sleep(2 * time.Millisecond)
	}
}

func (h *harness) got() []int64 {
	h.mu.Lock()
	defer h.mu.Unlock()
	return append([]int64(nil), h.delivered...)
}

func (h *harness) errors() []error {
	h.mu.Lock()
	defer h.mu.Unlock()
	return append([]error(nil), h.errs...)
}

func (h *harness) changed(kind gateway.ChangeKind) []gateway.Change {
	h.mu.Lock()
	defer h.mu.Unlock()
	var out []gateway.Change
	for _, c := range h.changes {
		if c.Kind == kind {
			out = append(out, c)
		}
	}
	return out
}

// eventually polls cond for up to 5 s.
func eventually(t *testing.T, what string, cond func() bool) {
	t.Helper()
	deadline := time.Now().Add(5 * time.Second)
	for !cond() {
		if time.Now().After(deadline) {
			t.Fatalf("timed out waiting for %s", what)
		}
		time.Sleep(5 * time.Millisecond)
	}
}

func sameSNs(t *testing.T, got []int64, want ...int64) {
	t.Helper()
	if fmt.Sprint(got) != fmt.Sprint(want) {
		t.Fatalf("delivered %v, want %v", got, want)
	}
}
