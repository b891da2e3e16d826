// Package kook holds typed bindings for KOOK (formerly 开黑啦 / kaiheila) events,
// generated from the schema in schema/kook.
//
// Decode takes a whole frame ({"s":0,"d":{...},"sn":1}) or a bare d object and
// returns an Event: a pointer to one event type, or *UnknownEvent for an event
// the schema does not know. Dispatch hands an Event to a Handler; Mux builds a
// Handler from funcs. json.Marshal of a decoded event gives back the JSON it
// was decoded from.
//
// Over a websocket, DecodeSignal reads any frame: an event frame (s=0) as an
// *EventSignal holding the Event, and hello, ping, pong, resume, reconnect
// and resume ack as their own types. Package sequence orders frames by sn;
// package webhook receives events posted over HTTP.
package kook

//go:generate go run ../../internal/cmd/generate --schema ../../schema/kook --out . --reference ../../docs/events/kook.md
