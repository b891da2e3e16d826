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
