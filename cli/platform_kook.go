package cli

import (
	"github.com/eventbind/eventbind/bind"
	"github.com/eventbind/eventbind/events/kook"
	"github.com/eventbind/eventbind/jsonwire/wireimpl"
)

func init() {
	platformMakers["kook"] = func(events bind.Events) *platform {
		return &platform{name: "kook", events: events, claims: claimsKOOK, decode: decoderKOOK(decoderOf(events)), strict: strictOf(events),
			stream: func() func([]byte, bool) (decoded, error) { return decoderKOOK(streamDecoderOf(events)) }}
	}
	platforms = append(platforms, platformMakers["kook"](kook.Bind(nil)))
}

// claimsKOOK: a KOOK frame has "s" or "d"; a bare d object has "type" but no "detail_type".
func claimsKOOK(line []byte) bool {
	for _, key := range []string{"s", "d"} {
		if _, ok, _ := wireimpl.Lookup(line, key); ok {
			return true
		}
	}
	_, hasDetail, _ := wireimpl.Lookup(line, "detail_type")
	return !hasDetail
}

// decoderKOOK decodes a line whose "s" is other than 0 as a signal (hello,
// ping, pong, resume, reconnect, resume_ack, or signal_<s> when unknown; an
// "s" that is no integer is the signal decoder's error); every other line
// (s=0, a bare d without "s", input malformed before any "s") as an event,
// exactly as before signals were known.
// Events are decoded by decodeEvent, signals (the protocol around them) by
// events/kook.
func decoderKOOK(decodeEvent func([]byte, bool) (decoded, error)) func([]byte, bool) (decoded, error) {
	return func(line []byte, strict bool) (decoded, error) {
		if isKOOKEventLine(line) {
			return decodeEvent(line, strict)
		}
		sig, paths, err := kook.DecodeOptions{ReportUnknown: strict}.DecodeSignal(line)
		if err != nil {
			return decoded{}, err
		}
		return decoded{event: sig.SignalName(), known: sig.Known(), value: sig.AppendJSON(nil), unknown: paths}, nil
	}
}

// isKOOKEventLine reports whether line is for the event decoder: it has no
// "s" (a bare d), its "s" is 0, or it is malformed before an "s" is found.
func isKOOKEventLine(line []byte) bool {
	if _, ok, err := wireimpl.Lookup(line, "s"); err != nil || !ok {
		return true
	}
	s, err := wireimpl.LookupInt(line, "", "s")
	return err == nil && s == 0
}

// kookEvents is the package whose events serve and listen decode and print:
// events/kook, or the one given to Use.
func kookEvents() bind.Events {
	return platformByName("kook").events
}
