// Package bind is the seam between generated packages and the transports that
// carry their events (events/kook/webhook, events/kook/gateway).
//
// Every generated package has a function Bind(h Handler) Events. A transport
// takes an Events, so it works the same with events/kook and with a package
// that a user generated from an extended schema:
//
//	gateway.Config{Token: token, Events: kook.Bind(myHandler)}
//	gateway.Config{Token: token, Events: mykook.Bind(myHandler)}
//
// Interfaces, not generics: a transport's Config stays one type, and the
// events it reports keep their dynamic types, so a type switch on
// *kook.TextMessage works on what a transport hands over.
package bind

import (
	"context"

	"github.com/eventbind/eventbind/jsonwire"
)

// Event is what every generated package's Event offers a transport.
type Event interface {
	// EventName is the event's name, as `eventbind decode` prints it.
	EventName() string
	// Known is false for an event the schema does not know.
	Known() bool
	// RawJSON returns a copy of the bytes the event was decoded from.
	RawJSON() []byte
	// AppendJSON appends the event's JSON encoding to b.
	AppendJSON(b []byte) []byte
	// Problems lists what recovering decoding skipped; nil for an event
	// decoded whole.
	Problems() []jsonwire.Problem
}

// Events decodes the event frames of one generated package and dispatches
// them to the handler it was bound to. It is safe for concurrent use when
// the handler is.
type Events interface {
	// Platform is the schema's platform name ("kook").
	Platform() string
	// Decode decodes one event frame as the package's DecodeOptions.Decode does; the
	// unknown paths are nil unless opts.ReportUnknown is set.
	Decode(data []byte, opts DecodeOptions) (ev Event, unknown []string, err error)
	// Dispatch calls the bound handler's method for ev's type; nothing when
	// the handler is nil. ev must come from Decode.
	Dispatch(ctx context.Context, ev Event) error
	// Claim tells, from the members at the top level of data alone, whether
	// data looks like the package's input, for a tool that reads the input of
	// several platforms on one stream (eventbind decode): the keys it looks for
	// are the schema's, not the tool's.
	Claim(data []byte) Claim
	// Signals returns the decoder of the frames other than events that the
	// package's schema declares (KOOK's websocket signals), or nil when its
	// frames carry only events.
	Signals() Signals
}

// Claim is how data looks to a package (Events.Claim). A tool that asks
// several packages takes the one with the strongest claim, the first of
// those that claim alike.
type Claim int

const (
	// ClaimNone: data has none of the members the package looks for.
	ClaimNone Claim = iota
	// ClaimPayload: data may be a bare payload, which the package takes
	// without its frame: it has every top-level member that the
	// discriminators of all its events read (KOOK's d: "type"). Events of
	// another platform may have them too.
	ClaimPayload
	// ClaimFrame: data has a member that the package's frames carry (KOOK:
	// "s" or "d", the frame's required member and its payload); for a package
	// whose events come without a frame, every top-level member that the
	// discriminators of all its events read (OneBot 12: "type" and
	// "detail_type").
	ClaimFrame
)

// Signals decodes the frames of a package whose schema declares kinds of
// frame besides events, told apart by one member of the frame (KOOK's "s").
type Signals interface {
	// IsSignal reports whether data is a signal frame, for Decode, rather
	// than an event frame, for Events.Decode: its signal key is there, at the
	// top level, and is not the value of an event frame (KOOK: "s" other than
	// 0, or not an integer, which Decode then reports). A bare payload, which
	// has no signal key, and input malformed before the key are for
	// Events.Decode, which explains what is wrong.
	IsSignal(data []byte) bool
	// Decode decodes a frame of any kind as the package's
	// DecodeOptions.DecodeSignal does; the unknown paths are nil unless
	// opts.ReportUnknown is set.
	Decode(data []byte, opts DecodeOptions) (sig Signal, unknown []string, err error)
}

// Signal is what every generated package's Signal offers a tool.
type Signal interface {
	// SignalName is the signal's name, as `eventbind decode` prints it
	// ("hello"; "event" for an event frame).
	SignalName() string
	// Known is false for a signal the schema does not know.
	Known() bool
	// RawJSON returns a copy of the bytes the signal was decoded from.
	RawJSON() []byte
	// AppendJSON appends the signal's JSON encoding to b.
	AppendJSON(b []byte) []byte
}

// DecodeOptions are the options of a generated package's DecodeOptions that
// transports choose.
type DecodeOptions struct {
	// Recover skips a member of a shape the schema does not take and lists it
	// in the event's Problems, instead of failing the frame.
	Recover bool
	// ReportUnknown returns the JSON paths of the members the schema does
	// not model.
	ReportUnknown bool
}

// Streamer is implemented by the Events of generated packages that have a
// stream decoder (their Decoder type): a transport or a tool that decodes
// frames one after the other on one goroutine can take its events from
// memory that is reused from frame to frame.
type Streamer interface {
	// NewStream returns a decoder for frames that come one after the other.
	NewStream(opts DecodeOptions) Stream
}

// Stream decodes frames one after the other, as Events.Decode does, into
// memory that the next call reuses: an event and everything it holds (its
// strings included) are valid until the next call of Decode on the same
// Stream, no longer. A Stream is not safe for concurrent use.
type Stream interface {
	Decode(data []byte) (ev Event, unknown []string, err error)
}
