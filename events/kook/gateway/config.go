package gateway

import (
	"context"
	"math/rand/v2"
	"net/http"
	"time"

	"github.com/eventbind/eventbind/bind"
	"github.com/eventbind/eventbind/events/kook"
)

// Defaults of Config.
const (
	DefaultBaseURL     = "https://www.kookapp.cn"
	DefaultMaxMessage  = 1 << 20 // 1 MiB: one websocket message, compressed or not
	DefaultMaxInflated = 8 << 20 // 8 MiB: a message once inflated, as the webhook's limit
	DefaultMaxBuffered = 256     // early frames held while a gap is open
	DefaultMaxQueued   = 4096    // frames waiting for the handler
)

// Timings are the lifecycle's waits. A zero field takes its default: the
// numbers of kaiheila/api-docs docs/zh-cn/websocket.md (连接流程, 信令[1], 信令[2]).
type Timings struct {
	Hello     time.Duration   // HELLO must come this soon after connecting (6 s)
	Heartbeat time.Duration   // a PING every Heartbeat±Jitter (30 s)
	Jitter    time.Duration   // (5 s)
	Pong      time.Duration   // a PONG must come this soon after a PING (6 s)
	Probes    []time.Duration // after a missed PONG, a PING after each of these; then resume (2 s, 4 s)
	Redials   []time.Duration // after a failed connection to a gateway URL, retry after each of these; then get a new URL (2 s, 4 s)
	Resumes   []time.Duration // after a lost connection, resume at once, then after each of these; then get a new URL (8 s, 16 s)
	Backoff   time.Duration   // the first wait before getting a gateway URL again, doubled each time (2 s)
	MaxWait   time.Duration   // the longest such wait (60 s)
	Gap       time.Duration   // how long an early frame waits for the ones before it, counted from the connection's start (10 s)
	Write     time.Duration   // the longest a PING may take to write (10 s)
}

// DefaultTimings returns the documented timings.
func DefaultTimings() Timings {
	return Timings{
		Hello:     6 * time.Second,
		Heartbeat: 30 * time.Second,
		Jitter:    5 * time.Second,
		Pong:      6 * time.Second,
		Probes:    []time.Duration{2 * time.Second, 4 * time.Second},
		Redials:   []time.Duration{2 * time.Second, 4 * time.Second},
		Resumes:   []time.Duration{8 * time.Second, 16 * time.Second},
		Backoff:   2 * time.Second,
		MaxWait:   60 * time.Second,
		Gap:       10 * time.Second,
		Write:     10 * time.Second,
	}
}

func (t Timings) withDefaults() Timings {
	d := DefaultTimings()
	set := func(v *time.Duration, def time.Duration) {
		if *v == 0 {
			*v = def
		}
	}
	set(&t.Hello, d.Hello)
	set(&t.Heartbeat, d.Heartbeat)
	set(&t.Jitter, d.Jitter)
	set(&t.Pong, d.Pong)
	set(&t.Backoff, d.Backoff)
	set(&t.MaxWait, d.MaxWait)
	set(&t.Gap, d.Gap)
	set(&t.Write, d.Write)
	if t.Probes == nil {
		t.Probes = d.Probes
	}
	if t.Redials == nil {
		t.Redials = d.Redials
	}
	if t.Resumes == nil {
		t.Resumes = d.Resumes
	}
	return t
}

// State is what resuming a session needs: save it (Config.OnProcessed) and
// pass it back in Config.Resume, and a restarted process resumes where the
// last one stopped, without losing or repeating an event.
type State struct {
	SessionID string `json:"session_id"`
	// SN is the sn of the last event the handler returned from.
	SN int64 `json:"sn"`
}

// Config configures a Client. Token is required, and Events or Handler.
type Config struct {
	// Token is the bot's token (开发者后台: 机器人). It is sent in the
	// Authorization header, and never logged, nor is the gateway URL, which
	// holds a token too.
	Token string
	// BaseURL is the HTTP API's base; "" means DefaultBaseURL.
	BaseURL string
	// Compress asks for zlib-compressed messages (compress=1).
	Compress bool

	// Events decodes event frames and dispatches them: kook.Bind(h), or the
	// Bind of a package generated from an extended schema. nil means
	// kook.Bind(Handler).
	Events bind.Events
	// Handler receives every event of the events/kook package when Events
	// is nil. Embed kook.NopHandler, or use a *kook.Mux.
	Handler kook.Handler
	// OnEvent, when set, is called with every event before it is
	// dispatched; an error is reported to OnError and the event is not
	// dispatched.
	OnEvent func(ctx context.Context, ev bind.Event) error
	// Strict reports an event with a member of a shape the schema does not
	// take as a FrameError instead of delivering it recovered (see
	// kook.DecodeOptions.Recover).
	Strict bool

	// Resume is a session saved from an earlier run; zero starts a new one.
	Resume State
	// OnProcessed, when set, is called after each event with the state to
	// save, from the goroutine that runs the handler.
	OnProcessed func(State)
	// OnSignal, when set, is called with every frame that is not an event
	// (HELLO, PONG, RECONNECT, RESUME ACK, and any unknown s), from the
	// reading side: it must return quickly.
	OnSignal func(kook.Signal)
	// OnChange, when set, is called with each change of the connection's
	// state (see Change), from the reading side: it must return quickly.
	OnChange func(Change)
	// OnError, when set, is called with every problem that does not stop
	// the client: a frame that does not decode, a handler's error, a gap
	// given up, a late frame, an unknown signal, a refused message.
	OnError func(error)

	// Limits; 0 means the default.
	MaxMessage  int64 // DefaultMaxMessage; a larger message closes the connection (then it resumes)
	MaxInflated int64 // DefaultMaxInflated; a larger one is refused
	MaxBuffered int   // DefaultMaxBuffered
	// MaxQueued is how many frames may wait for the handler. When it is
	// reached, reading pauses until the handler catches up (a PONG may then
	// come late and the client resume: nothing is lost).
	MaxQueued int

	Timings Timings
	// HTTPClient gets the gateway URL and dials it; nil means a client with
	// a 30 s timeout for the API call.
	HTTPClient *http.Client
	// Jitter returns a duration in [-max, max] for the heartbeat; nil means
	// uniformly random.
	Jitter func(max time.Duration) time.Duration
	// Now is the clock for the gap limit; nil means time.Now.
	Now func() time.Time
}

func uniformJitter(max time.Duration) time.Duration {
	if max <= 0 {
		return 0
	}
	return time.Duration(rand.Int64N(int64(2*max)+1)) - max
}
