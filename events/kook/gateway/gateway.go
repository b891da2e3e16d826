// Package gateway is a client of KOOK's websocket gateway: it keeps one
// session alive across reconnects and hands every event to a handler once,
// in sn order.
//
//	c, err := gateway.New(gateway.Config{
//		Token:   os.Getenv("KOOK_TOKEN"),
//		Handler: bot{}, // a kook.Handler; or Events: mykook.Bind(h) for an extended package
//	})
//	...
//	err = c.Run(ctx) // until ctx is cancelled or the token is refused
//
// The lifecycle follows kaiheila/api-docs docs/zh-cn/websocket.md (连接流程):
//
//  1. Get a gateway URL from the HTTP API; on failure wait 2, 4, 8, ... up to
//     60 s and again (a 429 waits for X-Rate-Limit-Reset); 401 or 403 ends Run.
//  2. Connect; on failure retry after 2 s and 4 s, then back to 1.
//  3. HELLO must come within 6 s with code 0; else back to 1.
//  4. PING {"s":2,"sn":N} every 30±5 s, N the sn of the last event the handler
//     returned from. No PONG within 6 s: PING again after 2 s and after 4 s
//     more; no PONG 6 s after the last: the connection is lost.
//  5. A lost connection resumes: the same URL with resume=1&sn=N&session_id=ID,
//     at once, then after 8 s and 16 s; then back to 1, keeping the session.
//     The missed events come, then RESUME ACK.
//  6. RECONNECT (s=5) at any time: drop the sn, the session and the frames
//     waiting for a gap, and go back to 1 without resume.
//
// Events go through a sequence.Tracker: an early frame waits for the ones
// before it (Config.MaxBuffered frames, Timings.Gap), a repeated one is
// dropped, a late one is delivered and reported. The goroutine that reads
// the connection never runs the handler: a slow handler cannot delay a PONG.
//
// It reads a frame's "s" and "sn" before decoding it with the runtime's
// Decoder (package jsonwire/wireimpl, otherwise for generated code only).
package gateway

import (
	"context"
	"errors"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/eventbind/eventbind/bind"
	"github.com/eventbind/eventbind/events/kook"
	"github.com/eventbind/eventbind/events/kook/sequence"
)

// Client is a gateway client. Run it once.
type Client struct {
	cfg       Config
	t         Timings
	base      string
	events    bind.Events
	apiClient *http.Client
	jitter    func(time.Duration) time.Duration
	now       func() time.Time
	red       redactor
	queue     *queue
	seq       *sequence.Tracker[frame]

	mu        sync.Mutex
	epoch     int    // bumped by RECONNECT
	sessionID string // "" before the first HELLO and after RECONNECT
	lastSN    int64  // the sn of the last event processed in this session
	running   bool
}

// New checks cfg and returns a Client.
func New(cfg Config) (*Client, error) {
	if cfg.Token == "" {
		return nil, errors.New("gateway: Config.Token is empty")
	}
	if cfg.Events == nil && cfg.Handler == nil && cfg.OnEvent == nil {
		return nil, errors.New("gateway: Config.Events, Handler and OnEvent are all nil: events would be dropped")
	}
	c := &Client{cfg: cfg, t: cfg.Timings.withDefaults(), events: cfg.Events, jitter: cfg.Jitter, now: cfg.Now}
	if c.events == nil {
		c.events = kook.Bind(cfg.Handler) // a nil Handler: OnEvent only
	}
	c.base = strings.TrimSuffix(cfg.BaseURL, "/")
	if c.base == "" {
		c.base = DefaultBaseURL
	}
	c.apiClient = cfg.HTTPClient
	if c.apiClient == nil {
		c.apiClient = &http.Client{Timeout: 30 * time.Second}
	}
	if c.jitter == nil {
		c.jitter = uniformJitter
	}
	if c.now == nil {
		c.now = time.Now
	}
	c.cfg.MaxMessage = orDefault(cfg.MaxMessage, DefaultMaxMessage)
	c.cfg.MaxInflated = orDefault(cfg.MaxInflated, DefaultMaxInflated)
	c.cfg.MaxBuffered = int(orDefault(int64(cfg.MaxBuffered), DefaultMaxBuffered))
	c.cfg.MaxQueued = int(orDefault(int64(cfg.MaxQueued), DefaultMaxQueued))
	c.red.add(cfg.Token)
	c.queue = newQueue(c.cfg.MaxQueued)
	c.seq = sequence.New[frame](sequence.Options{MaxBuffered: c.cfg.MaxBuffered, Now: c.now})
	c.sessionID = cfg.Resume.SessionID
	if c.sessionID != "" {
		c.lastSN = cfg.Resume.SN
	}
	c.seq.Reset(c.lastSN)
	return c, nil
}

func orDefault(v, def int64) int64 {
	if v <= 0 {
		return def
	}
	return v
}

// State returns the session and the sn of the last event processed: what to
// save to resume after a restart.
func (c *Client) State() State {
	c.mu.Lock()
	defer c.mu.Unlock()
	return State{SessionID: c.sessionID, SN: c.lastSN}
}

// Run connects and delivers events until ctx is done, which it returns, or
// until the HTTP API refuses the token (an error wrapping ErrUnauthorized).
// Every goroutine it started has ended when it returns.
func (c *Client) Run(ctx context.Context) error {
	c.mu.Lock()
	if c.running {
		c.mu.Unlock()
		return errors.New("gateway: Run called twice")
	}
	c.running = true
	c.mu.Unlock()

	ctx, cancel := context.WithCancel(ctx)
	var wg sync.WaitGroup
	wg.Add(1)
	go func() {
		defer wg.Done()
		c.deliver(ctx)
	}()
	err := c.lifecycle(ctx)
	cancel()
	wg.Wait()
	return err
}

// lifecycle is steps 1 to 6 of the package doc.
func (c *Client) lifecycle(ctx context.Context) error {
	fetches := 0 // gateway URLs asked for since the last HELLO: the backoff's exponent
	for {
		gw, err := c.fetchURL(ctx, &fetches)
		if err != nil {
			return err
		}
		c.red.add(gw)
		if u, err := url.Parse(gw); err == nil {
			for _, vs := range u.Query() {
				for _, v := range vs {
					c.red.add(v)
				}
			}
		}
		// Dial this URL until it fails too often: a new session waits
		// Redials between attempts, a session to resume Resumes.
		failures := 0
		for {
			resuming := c.session() != ""
			out := c.connect(ctx, gw)
			if ctx.Err() != nil {
				return ctx.Err()
			}
			if out.reconnect {
				break // a new URL at once, without resume
			}
			if out.lived {
				fetches, failures = 0, 0
				continue // resume at once
			}
			if out.helloOK {
				fetches = 0 // HELLO came, but the connection died at once: count it as failed
			}
			if out.helloFailed && !resuming {
				break // websocket.md step 3: back to the HTTP API
			}
			waits := c.t.Redials
			if resuming {
				waits = c.t.Resumes
			}
			if failures >= len(waits) {
				break
			}
			if err := c.wait(ctx, waits[failures], out.err); err != nil {
				return err
			}
			failures++
		}
	}
}

// fetchURL gets a gateway URL, waiting Backoff·2^(n-1) (at most MaxWait)
// before the n-th attempt since the last HELLO, or what a 429 asks for.
func (c *Client) fetchURL(ctx context.Context, fetches *int) (string, error) {
	var delay time.Duration // before the next attempt: the backoff, or what a 429 asks for
	if *fetches > 0 {
		delay = c.backoff(*fetches)
	}
	for {
		if delay > 0 {
			if err := c.wait(ctx, delay, nil); err != nil {
				return "", err
			}
		}
		*fetches++
		c.change(Change{Kind: GettingURL})
		gw, err := c.gatewayURL(ctx)
		if err == nil {
			return gw, nil
		}
		if ctx.Err() != nil {
			return "", ctx.Err()
		}
		err = c.red.err(err)
		delay = c.backoff(*fetches)
		var api *apiError
		if errors.As(err, &api) {
			if api.fatal {
				return "", err
			}
			if api.wait > 0 {
				delay = api.wait
			}
		}
		c.change(Change{Kind: Waiting, Err: err, Delay: delay})
	}
}

// backoff is the wait before the n-th fetch (n ≥ 1): 2, 4, 8, ... MaxWait.
func (c *Client) backoff(n int) time.Duration {
	d := c.t.Backoff
	for i := 1; i < n && d < c.t.MaxWait; i++ {
		d *= 2
	}
	return min(d, c.t.MaxWait)
}

// wait sleeps d unless ctx ends first; why, when set, is reported.
func (c *Client) wait(ctx context.Context, d time.Duration, why error) error {
	if why != nil {
		c.change(Change{Kind: Waiting, Delay: d, Err: why})
	}
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-t.C:
		return nil
	case <-ctx.Done():
		return ctx.Err()
	}
}

func (c *Client) session() string {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.sessionID
}

// resumeURL adds resume=1&sn=N&session_id=ID to the gateway URL when there
// is a session to resume (websocket.md, 关于重连).
func (c *Client) resumeURL(gw string) (string, bool, State) {
	st := c.State()
	if st.SessionID == "" {
		return gw, false, st
	}
	u, err := url.Parse(gw)
	if err != nil {
		return gw, false, st
	}
	q := u.Query()
	q.Set("resume", "1")
	q.Set("sn", strconv.FormatInt(st.SN, 10))
	q.Set("session_id", st.SessionID)
	u.RawQuery = q.Encode()
	return u.String(), true, st
}

// newSession starts the session HELLO named; RECONNECT starts none (id "").
// Frames of the session before are dropped if still waiting for a gap;
// frames already queued are still delivered, but no longer counted.
func (c *Client) newSession(id string) (dropped int) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.epoch++
	c.sessionID = id
	c.lastSN = 0
	dropped = c.seq.Buffered()
	c.seq.Reset(0)
	return dropped
}

func (c *Client) change(ch Change) {
	if ch.Err != nil {
		ch.Err = c.red.err(ch.Err)
	}
	if c.cfg.OnChange != nil {
		c.cfg.OnChange(ch)
	}
}

func (c *Client) report(err error) {
	if c.cfg.OnError != nil {
		c.cfg.OnError(c.red.err(err))
	}
}
