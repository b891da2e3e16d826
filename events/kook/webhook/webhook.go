// Package webhook receives KOOK events over HTTP (webhook mode,
// docs/zh-cn/webhook.md): mount a Receiver in your server and it answers the
// challenge, checks the verify token, inflates, decrypts, deduplicates and
// decodes every event, and dispatches it to a kook.Handler (or, through
// Config.Events, to the handler of any generated KOOK package).
//
//	rcv, err := webhook.New(webhook.Config{
//		VerifyToken: os.Getenv("KOOK_VERIFY_TOKEN"),
//		EncryptKey:  os.Getenv("KOOK_ENCRYPT_KEY"), // "" when encryption is off
//		Handler:     bot{},
//	})
//	if err != nil {
//		log.Fatal(err)
//	}
//	http.Handle("/kook", rcv)
//
// For each POST, in order:
//
//  1. the body is read, at most Config.MaxBody bytes (413 beyond);
//  2. a zlib body is inflated, at most Config.MaxInflated bytes (413
//     beyond). It is told by its header, whatever the compress query says;
//  3. with an encrypt key, the body must be {"encrypt": "..."} and is
//     decrypted (AES-256-CBC, the key NUL-padded to 32 bytes, strict
//     PKCS#7); without one, an encrypted body is refused;
//  4. d.verify_token must equal Config.VerifyToken (compared in constant
//     time), for challenges as for events: 403 otherwise;
//  5. a challenge (d.channel_type "WEBHOOK_CHALLENGE") is answered with
//     {"challenge": ...};
//  6. an event is decoded with Config.Events (kook.DecodeOptions.Decode), recovering (a member of a
//     shape the schema does not take is skipped and listed in the event's
//     Problems, and the event is delivered); broken JSON or discriminators
//     that cannot be read are a 400 with the JSON path, as is any problem
//     with Config.Strict;
//  7. an event whose sn (and d.msg_id) was already delivered is answered 200
//     and not delivered again (Config.Seen); with a ClaimStore shared by
//     several receivers, an event another receiver is delivering is
//     answered 503;
//  8. the event goes to Config.OnEvent, then through Config.Events
//     (kook.Dispatch) to the handler, and is answered 200.
//
// Delivery failures: when OnEvent or the Handler returns an error (or
// panics), the receiver answers 500 and forgets the event's sn, so KOOK's
// retry delivers it again: delivery is at least once for failed events. Return
// nil from a handler whose failure should not be retried. KOOK wants an answer
// within 1 s and retries otherwise; a retry that arrives while the first
// delivery is still running gets 503 (and is retried later), so a slow
// handler never runs twice at once. Hand long work to a queue.
//
// It reads members of a body before decoding it (the challenge, the verify
// token, the encrypted payload) with the runtime's Lookup (package
// jsonwire/wireimpl, otherwise for generated code only).
package webhook

import (
	"bytes"
	"cmp"
	"context"
	"crypto/cipher"
	"crypto/sha256"
	"crypto/subtle"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"strconv"
	"sync"

	"github.com/eventbind/eventbind/bind"
	"github.com/eventbind/eventbind/events/kook"
	zinflate "github.com/eventbind/eventbind/internal/inflate"
	"github.com/eventbind/eventbind/jsonwire"
	"github.com/eventbind/eventbind/jsonwire/wireimpl"
)

// Defaults of Config.
const (
	DefaultMaxBody     = 1 << 20 // 1 MiB: KOOK events are a few KiB
	DefaultMaxInflated = 8 << 20 // 8 MiB
)

// ChallengeChannelType is d.channel_type of a challenge request.
const ChallengeChannelType = "WEBHOOK_CHALLENGE"

// Config configures a Receiver.
type Config struct {
	// VerifyToken is the bot's verify token (开发者后台: 机器人连接模式), not
	// the token for the HTTP API. Required.
	VerifyToken string
	// EncryptKey is the bot's Encrypt Key, at most 32 bytes; "" when
	// encryption is off. With a key, bodies that are not encrypted are
	// refused.
	EncryptKey string
	// MaxBody is the largest body read, compressed or not; 0 means
	// DefaultMaxBody.
	MaxBody int64
	// MaxInflated is the largest body once inflated; 0 means
	// DefaultMaxInflated.
	MaxInflated int64
	// Seen remembers delivered events; nil means a NewMemoryStore with the
	// default options.
	Seen SeenStore
	// Events decodes events and dispatches them: kook.Bind(h), or the Bind
	// of a package generated from an extended schema. nil means
	// kook.Bind(Handler).
	Events bind.Events
	// Handler receives every event of the events/kook package through
	// kook.Dispatch, when Events is nil. Embed kook.NopHandler, or use a
	// *kook.Mux.
	Handler kook.Handler
	// OnEvent, when set, is called with every event before it is
	// dispatched; an error counts as a delivery failure. Its dynamic type
	// is one of the bound package's (*kook.TextMessage...).
	OnEvent func(ctx context.Context, ev bind.Event) error
	// Report, when set, is called once per request with what was done, for
	// logging (refusals carry the full reason in Outcome.Err; a recovered
	// event lists its problems in Outcome.Event.Problems()).
	Report func(r *http.Request, o Outcome)
	// Strict refuses (400) an event with a member of a shape the schema does
	// not take. By default such an event is delivered recovered (see
	// kook.DecodeOptions.Recover): KOOK gives up retrying after a few
	// refusals, so refusing would lose the event for good.
	Strict bool
}

// Kind is what the receiver did with a request.
type Kind uint8

const (
	KindDelivered Kind = iota + 1 // the event was delivered and acknowledged (200)
	KindDuplicate                 // the event was delivered before: acknowledged (200), not delivered
	KindChallenge                 // a challenge was answered (200)
	KindRefused                   // the request was refused: see Outcome.Err
)

func (k Kind) String() string {
	switch k {
	case KindDelivered:
		return "delivered"
	case KindDuplicate:
		return "duplicate"
	case KindChallenge:
		return "challenge"
	case KindRefused:
		return "refused"
	}
	return "Kind(" + strconv.Itoa(int(k)) + ")"
}

// Outcome is what the receiver did with one request.
type Outcome struct {
	Kind   Kind
	Status int // the HTTP status answered
	// Event is the decoded event, for KindDelivered and KindDuplicate, and for
	// a delivery failure (KindRefused with Status 500 or 503).
	Event bind.Event
	SN    jsonwire.Opt[int64] // the frame's sn, when it has one
	// Challenge is the challenge answered, for KindChallenge.
	Challenge string
	// Err is why, for Refused.
	Err *Error
}

// Message is a body that passed every check of the pipeline: a challenge or
// an event.
type Message struct {
	// IsChallenge is true for a challenge, whose value is Challenge; Event
	// is nil then.
	IsChallenge bool
	Challenge   string
	// Event is the decoded event.
	Event bind.Event
	// SN is the frame's sn, when it has one; MsgID is d.msg_id ("" when absent).
	SN    jsonwire.Opt[int64]
	MsgID string
	// Compressed and Encrypted say how the body came.
	Compressed, Encrypted bool
}

// Receiver is an http.Handler for KOOK's webhook requests. It is safe for
// concurrent use.
type Receiver struct {
	token       [sha256.Size]byte
	block       cipher.Block // nil without an encrypt key
	maxBody     int64
	maxInflated int64
	seen        SeenStore
	events      bind.Events
	onEvent     func(context.Context, bind.Event) error
	strict      bool
	report      func(*http.Request, Outcome)

	mu       sync.Mutex
	inFlight map[SeenKey]struct{}
}

// New checks cfg and returns a Receiver.
func New(cfg Config) (*Receiver, error) {
	if cfg.VerifyToken == "" {
		return nil, errors.New("webhook: Config.VerifyToken is empty: every request would be refused")
	}
	if cfg.Events == nil && cfg.Handler == nil && cfg.OnEvent == nil {
		return nil, errors.New("webhook: Config.Events, Handler and OnEvent are all nil: events would be dropped")
	}
	events := cfg.Events
	if events == nil {
		events = kook.Bind(cfg.Handler) // a nil Handler: OnEvent only
	}
	if cfg.MaxBody < 0 || cfg.MaxInflated < 0 {
		return nil, errors.New("webhook: Config.MaxBody and Config.MaxInflated must not be negative")
	}
	r := &Receiver{
		token:       sha256.Sum256([]byte(cfg.VerifyToken)),
		maxBody:     cmp.Or(cfg.MaxBody, DefaultMaxBody),
		maxInflated: cmp.Or(cfg.MaxInflated, DefaultMaxInflated),
		seen:        cfg.Seen,
		events:      events,
		onEvent:     cfg.OnEvent,
		strict:      cfg.Strict,
		report:      cfg.Report,
		inFlight:    make(map[SeenKey]struct{}),
	}
	if cfg.EncryptKey != "" {
		if len(cfg.EncryptKey) > 32 {
			return nil, fmt.Errorf("webhook: Config.EncryptKey is %d bytes: KOOK pads it with NUL bytes to 32, so it cannot be longer", len(cfg.EncryptKey))
		}
		block, err := newKey(cfg.EncryptKey)
		if err != nil {
			return nil, fmt.Errorf("webhook: Config.EncryptKey: %w", err)
		}
		r.block = block
	}
	if r.seen == nil {
		r.seen = NewMemoryStore(MemoryOptions{})
	}
	return r, nil
}

// ServeHTTP implements http.Handler: it accepts POSTs on any path.
func (r *Receiver) ServeHTTP(w http.ResponseWriter, req *http.Request) {
	var o Outcome
	if req.Method != http.MethodPost {
		w.Header().Set("Allow", http.MethodPost)
		o = refused(refuse(http.StatusMethodNotAllowed, "method", req.Method+": want POST"))
	} else if body, err := r.readBody(w, req); err != nil {
		o = refused(err)
	} else {
		o = r.Receive(req.Context(), body)
	}
	writeOutcome(w, o)
	if r.report != nil {
		r.report(req, o)
	}
}

// readBody reads at most maxBody bytes of the request's body.
func (r *Receiver) readBody(w http.ResponseWriter, req *http.Request) ([]byte, *Error) {
	tooLarge := refuse(http.StatusRequestEntityTooLarge, "body", "larger than "+strconv.FormatInt(r.maxBody, 10)+" bytes")
	if req.ContentLength > r.maxBody {
		return nil, tooLarge
	}
	var buf bytes.Buffer
	if req.ContentLength > 0 {
		// Sized by what the client claims, but not beyond 64 KiB before
		// the bytes arrive: a claim alone must not reserve MaxBody.
		buf.Grow(int(min(req.ContentLength, 64<<10)) + bytes.MinRead)
	}
	_, err := buf.ReadFrom(http.MaxBytesReader(w, req.Body, r.maxBody))
	var mbe *http.MaxBytesError
	if errors.As(err, &mbe) {
		return nil, tooLarge
	}
	if err != nil {
		return nil, refuseErr(http.StatusBadRequest, "body", "reading", err)
	}
	return buf.Bytes(), nil
}

func writeOutcome(w http.ResponseWriter, o Outcome) {
	h := w.Header()
	h.Set("X-Content-Type-Options", "nosniff")
	switch o.Kind {
	case KindChallenge:
		out, _ := json.Marshal(struct {
			Challenge string `json:"challenge"`
		}{o.Challenge})
		h.Set("Content-Type", "application/json")
		w.WriteHeader(http.StatusOK)
		_, _ = w.Write(out)
	case KindRefused:
		h.Set("Content-Type", "text/plain; charset=utf-8")
		w.WriteHeader(o.Status)
		_, _ = io.WriteString(w, o.Err.Public()+"\n")
	default:
		w.WriteHeader(o.Status)
	}
}

func refused(e *Error) Outcome {
	return Outcome{Kind: KindRefused, Status: e.Status, Err: e}
}

// Receive runs a request body through the pipeline (Open), deduplicates and
// delivers the event. ServeHTTP is Receive after reading the body.
func (r *Receiver) Receive(ctx context.Context, body []byte) Outcome {
	msg, err := r.open(body)
	if err != nil {
		return refused(err)
	}
	if msg.IsChallenge {
		return Outcome{Kind: KindChallenge, Status: http.StatusOK, Challenge: msg.Challenge}
	}
	o := Outcome{Event: msg.Event, SN: msg.SN}
	sn, ok := msg.SN.Get()
	if !ok {
		return r.deliver(ctx, o, nil, nil)
	}
	key := SeenKey{SN: sn, MsgID: msg.MsgID}
	r.mu.Lock()
	_, busy := r.inFlight[key]
	if !busy {
		r.inFlight[key] = struct{}{}
	}
	r.mu.Unlock()
	if busy {
		e := refuse(http.StatusServiceUnavailable, "sn", strconv.FormatInt(sn, 10)+" is still being delivered: retry later")
		return Outcome{Kind: KindRefused, Status: e.Status, Event: msg.Event, SN: msg.SN, Err: e}
	}
	defer func() {
		r.mu.Lock()
		delete(r.inFlight, key)
		r.mu.Unlock()
	}()
	if cs, ok := r.seen.(ClaimStore); ok {
		return r.claimAndDeliver(ctx, o, key, cs)
	}
	first, serr := r.seen.MarkSeen(ctx, key)
	if serr != nil {
		return storeFailed(o, serr)
	}
	if !first {
		o.Kind, o.Status = KindDuplicate, http.StatusOK
		return o
	}
	return r.deliver(ctx, o, func(ctx context.Context) error { return r.seen.Forget(ctx, key) }, nil)
}

// storeFailed is the refusal for an error of the seen store: 503 when it
// wraps ErrStoreUnavailable, 500 otherwise.
func storeFailed(o Outcome, err error) Outcome {
	status := http.StatusInternalServerError
	if errors.Is(err, ErrStoreUnavailable) {
		status = http.StatusServiceUnavailable
	}
	e := refuseErr(status, "seen store", "", err)
	e.hidden = true
	o.Kind, o.Status, o.Err = KindRefused, e.Status, e
	return o
}

// claimAndDeliver delivers through a ClaimStore: claim, deliver, then mark
// delivered or release.
func (r *Receiver) claimAndDeliver(ctx context.Context, o Outcome, key SeenKey, cs ClaimStore) Outcome {
	state, lease, err := cs.Claim(ctx, key)
	if err != nil {
		return storeFailed(o, err)
	}
	switch state {
	case AlreadyDelivered:
		o.Kind, o.Status = KindDuplicate, http.StatusOK
		return o
	case Claimed:
		if lease == nil {
			return storeFailed(o, errors.New("the store's Claim returned Claimed without a Lease"))
		}
		return r.deliver(ctx, o, lease.Release, lease.Delivered)
	default: // InFlight
		e := refuse(http.StatusServiceUnavailable, "sn", strconv.FormatInt(key.SN, 10)+" is being delivered by another receiver: retry later")
		o.Kind, o.Status, o.Err = KindRefused, e.Status, e
		return o
	}
}

// deliver hands the event to OnEvent and the Handler. When they fail,
// undo (if any) is called so that KOOK's retry is delivered again; when they
// succeed, done (if any) is.
func (r *Receiver) deliver(ctx context.Context, o Outcome, undo, done func(context.Context) error) (out Outcome) {
	ok := false
	defer func() {
		if !ok && undo != nil {
			// Also on panic: the retry must not be taken for a duplicate.
			ferr := undo(context.WithoutCancel(ctx))
			if ferr != nil && out.Err != nil {
				out.Err.Msg += " (and forgetting sn " + strconv.FormatInt(o.SN.Value, 10) + " failed: " + ferr.Error() + ")"
			}
		}
	}()
	err := r.dispatch(ctx, o.Event)
	if err != nil {
		e := refuseErr(http.StatusInternalServerError, "handler", "", err)
		e.hidden = true
		o.Kind, o.Status, o.Err = KindRefused, e.Status, e
		return o
	}
	ok = true
	if done != nil {
		// The event was delivered: it is acknowledged even if recording
		// that fails (the store says so in its own way).
		_ = done(context.WithoutCancel(ctx))
	}
	o.Kind, o.Status = KindDelivered, http.StatusOK
	return o
}

func (r *Receiver) dispatch(ctx context.Context, ev bind.Event) error {
	if r.onEvent != nil {
		if err := r.onEvent(ctx, ev); err != nil {
			return err
		}
	}
	return r.events.Dispatch(ctx, ev)
}

// Open runs a body through the checks of the pipeline (size, zlib, decryption,
// verify token, challenge or decoding), without deduplication or delivery.
// The error is an *Error; with an error the Message is nil.
func (r *Receiver) Open(body []byte) (*Message, error) {
	msg, err := r.open(body)
	if err != nil {
		return nil, err
	}
	return msg, nil
}

func (r *Receiver) open(body []byte) (*Message, *Error) {
	if int64(len(body)) > r.maxBody {
		return nil, refuse(http.StatusRequestEntityTooLarge, "body", "larger than "+strconv.FormatInt(r.maxBody, 10)+" bytes")
	}
	var msg Message
	if zinflate.IsZlib(body) {
		plain, err := inflate(body, r.maxInflated)
		if err != nil {
			return nil, err
		}
		body, msg.Compressed = plain, true
	}
	payload, encrypted, err := encryptedPayload(body)
	if err != nil {
		return nil, err
	}
	switch {
	case r.block != nil && !encrypted:
		return nil, refuse(http.StatusBadRequest, "encrypt", "body is not encrypted (want {\"encrypt\": ...}) but an encrypt key is configured")
	case r.block == nil && encrypted:
		return nil, refuse(http.StatusBadRequest, "encrypt", "body is encrypted but no encrypt key is configured")
	case encrypted:
		plain, err := decrypt(r.block, payload)
		if err != nil {
			return nil, err
		}
		body, msg.Encrypted = plain, true
	}
	if err := r.parse(body, &msg); err != nil {
		err.hidden = err.hidden || msg.Encrypted
		return nil, err
	}
	return &msg, nil
}

// parse checks the verify token and reads a challenge or decodes an event.
func (r *Receiver) parse(body []byte, msg *Message) *Error {
	if firstByte(body) != '{' {
		if err := wholeJSON(body); err != nil {
			return err
		}
		return refuse(http.StatusBadRequest, "body", "want a JSON object, got "+kindOf(body))
	}
	d, framed, err := wireimpl.Lookup(body, "d")
	if err != nil {
		return jsonError(err)
	}
	payload := body
	if framed {
		if firstByte(d) != '{' {
			return refuse(http.StatusBadRequest, "d", "want object, got "+kindOf(d))
		}
		payload = d
	}
	if err := r.checkToken(payload); err != nil {
		return err
	}
	ct, _, err := lookupString(payload, "channel_type")
	if err != nil && !errors.Is(err, errNotString) {
		return jsonError(err)
	}
	if ct == ChallengeChannelType {
		return readChallenge(body, payload, msg)
	}
	ev, _, err := r.events.Decode(body, bind.DecodeOptions{Recover: !r.strict})
	if err != nil {
		return jsonError(err)
	}
	if framed {
		if s, _, _ := wireimpl.Lookup(body, "s"); string(s) != "0" {
			return refuse(http.StatusBadRequest, "s", "want 0 (an event), got "+clip(s))
		}
		if raw, ok, _ := wireimpl.Lookup(body, "sn"); ok {
			// Decoded, the sn is an integer; recovering, an sn of another
			// shape is one of the event's problems and it goes without one.
			if sn, err := strconv.ParseInt(string(raw), 10, 64); err == nil {
				msg.SN = jsonwire.Some(sn)
			}
		}
	}
	if id, _, err := lookupString(payload, "msg_id"); err == nil {
		msg.MsgID = id
	}
	msg.Event = ev
	return nil
}

// checkToken compares d.verify_token with the configured one in constant
// time (their SHA-256 digests, so the length does not show either).
func (r *Receiver) checkToken(payload []byte) *Error {
	tok, present, err := lookupString(payload, "verify_token")
	switch {
	case errors.Is(err, errNotString):
		return refuse(http.StatusForbidden, "d.verify_token", "want a string")
	case err != nil:
		return jsonError(err)
	case !present:
		return refuse(http.StatusForbidden, "d.verify_token", "missing")
	}
	got := sha256.Sum256([]byte(tok))
	if subtle.ConstantTimeCompare(got[:], r.token[:]) != 1 {
		return refuse(http.StatusForbidden, "d.verify_token", "does not match the configured verify token")
	}
	return nil
}

// readChallenge reads d.challenge of a challenge request.
func readChallenge(body, payload []byte, msg *Message) *Error {
	if err := wholeJSON(body); err != nil {
		return err
	}
	c, present, err := lookupString(payload, "challenge")
	switch {
	case errors.Is(err, errNotString):
		return refuse(http.StatusBadRequest, "d.challenge", "want a string")
	case err != nil:
		return jsonError(err)
	case !present:
		return refuse(http.StatusBadRequest, "d.challenge", "missing")
	}
	msg.IsChallenge, msg.Challenge = true, c
	return nil
}

func clip(b []byte) string {
	if len(b) > 32 {
		return string(b[:32]) + "..."
	}
	if len(b) == 0 {
		return "nothing"
	}
	return string(b)
}
