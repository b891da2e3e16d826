package gateway

import (
	"errors"
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/eventbind/eventbind/events/kook/sequence"
)

// ChangeKind says what changed in the connection's life.
type ChangeKind uint8

const (
	GettingURL     ChangeKind = iota + 1 // asking the HTTP API for a gateway URL
	Connecting                           // dialing a new session's gateway URL
	Resuming                             // dialing with resume=1 and the session's sn (SessionID, SN)
	Connected                            // HELLO with code 0 (SessionID; Resumed when the session is the one resumed)
	ResumeDone                           // RESUME ACK: the events missed while away have all come (SessionID)
	PongMissed                           // no PONG in time: probing with more PINGs
	Disconnected                         // the connection is gone (Err says why)
	ReconnectAsked                       // RECONNECT (Code): sn, session and buffered frames dropped (Dropped)
	Waiting                              // waiting Delay before the next attempt (Err: what failed)
)

var changeNames = [...]string{
	GettingURL: "getting gateway URL", Connecting: "connecting", Resuming: "resuming",
	Connected: "connected", ResumeDone: "resume done", PongMissed: "pong missed",
	Disconnected: "disconnected", ReconnectAsked: "reconnect requested", Waiting: "backoff",
}

func (k ChangeKind) String() string {
	if int(k) < len(changeNames) && changeNames[k] != "" {
		return changeNames[k]
	}
	return "ChangeKind(" + strconv.Itoa(int(k)) + ")"
}

// Change is one change of the connection's state. It never holds the token
// or the gateway URL.
type Change struct {
	Kind      ChangeKind
	SessionID string
	SN        int64
	Resumed   bool
	Code      int
	Dropped   int
	Delay     time.Duration
	Err       error
}

// String is a log line: "resuming session_id=... sn=5".
func (c Change) String() string {
	var b strings.Builder
	b.WriteString(c.Kind.String())
	if c.SessionID != "" {
		b.WriteString(" session_id=" + c.SessionID)
	}
	if c.Kind == Resuming || c.SN != 0 {
		b.WriteString(" sn=" + strconv.FormatInt(c.SN, 10))
	}
	if c.Resumed {
		b.WriteString(" resumed")
	}
	if c.Code != 0 {
		b.WriteString(" code=" + strconv.Itoa(c.Code))
	}
	if c.Kind == ReconnectAsked {
		b.WriteString(" dropped=" + strconv.Itoa(c.Dropped))
	}
	if c.Delay != 0 {
		b.WriteString(" delay=" + c.Delay.String())
	}
	if c.Err != nil {
		b.WriteString(": " + c.Err.Error())
	}
	return b.String()
}

// ErrUnauthorized is wrapped by the error Run returns when the HTTP API
// refuses the token (401 or 403): retrying cannot help.
var ErrUnauthorized = errors.New("the HTTP API refused the token")

// FrameError is a frame that could not be delivered: it did not inflate, is
// not JSON, or did not decode. An event frame whose sn could be read still
// used up its sn: the ones after it are not held up.
type FrameError struct {
	S   int   // -1 when unknown
	SN  int64 // 0 when unknown
	Raw []byte
	Err error
}

func (e *FrameError) Error() string {
	var where string
	switch {
	case e.SN != 0:
		where = "event frame sn " + strconv.FormatInt(e.SN, 10)
	case e.S >= 0:
		where = "frame s=" + strconv.Itoa(e.S)
	default:
		where = "message"
	}
	return where + ": " + e.Err.Error()
}

func (e *FrameError) Unwrap() error { return e.Err }

// HandlerError is an error returned by Config.OnEvent or the handler. The
// event counts as processed all the same: KOOK would not send it again.
type HandlerError struct {
	Event string
	SN    int64
	Err   error
}

func (e *HandlerError) Error() string {
	return "handler of " + e.Event + " (sn " + strconv.FormatInt(e.SN, 10) + "): " + e.Err.Error()
}

func (e *HandlerError) Unwrap() error { return e.Err }

// GapError reports sequence numbers given up: they did not come within
// Timings.Gap, or Config.MaxBuffered early frames were waiting.
type GapError struct{ Gap sequence.Gap }

func (e *GapError) Error() string {
	return fmt.Sprintf("gave up waiting for sn %d to %d", e.Gap.From, e.Gap.To)
}

// LateError reports an event frame whose sn was given up before it came. It
// is delivered all the same, after later ones.
type LateError struct{ SN int64 }

func (e *LateError) Error() string {
	return "sn " + strconv.FormatInt(e.SN, 10) + " came after it was given up: delivered out of order"
}

// UnknownSignalError reports a frame whose s the schema does not know. It
// goes to Config.OnSignal as a *kook.UnknownSignal.
type UnknownSignalError struct{ S int }

func (e *UnknownSignalError) Error() string {
	return "unknown signal s=" + strconv.Itoa(e.S) + ": ignored"
}

// redactor removes secrets (the token, the gateway URL and its query values)
// from what the client reports: errors of net/http and the websocket library
// quote the URL they failed on.
type redactor struct{ secrets []string }

func (r *redactor) add(s string) {
	if len(s) >= 4 {
		r.secrets = append(r.secrets, s)
	}
}

func (r *redactor) clean(s string) string {
	for _, secret := range r.secrets {
		s = strings.ReplaceAll(s, secret, "<redacted>")
	}
	return s
}

func (r *redactor) err(err error) error {
	if err == nil {
		return nil
	}
	msg := err.Error()
	if clean := r.clean(msg); clean != msg {
		return &redactedError{msg: clean, err: err}
	}
	return err
}

// redactedError keeps the original for errors.Is and errors.As, but prints
// without secrets.
type redactedError struct {
	msg string
	err error
}

func (e *redactedError) Error() string { return e.msg }
func (e *redactedError) Unwrap() error { return e.err }
