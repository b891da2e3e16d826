//go:build !eventbind_generate_only

package main

import (
	"github.com/eventbind/eventbind/events/kook"
	"github.com/eventbind/eventbind/jsonwire"
)

func init() {
	platforms = append(platforms, &platform{name: "kook", claims: claimsKOOK, decode: decodeKOOK, strict: func(data []byte) error {
		_, err := kook.Decode(data)
		return err
	}})
}

// claimsKOOK: a KOOK frame has "s" or "d"; a bare d object has "type" but no "detail_type".
func claimsKOOK(line []byte) bool {
	for _, key := range []string{"s", "d"} {
		if _, ok, _ := jsonwire.Lookup(line, key); ok {
			return true
		}
	}
	_, hasDetail, _ := jsonwire.Lookup(line, "detail_type")
	return !hasDetail
}

var decodeKOOKEvent = decoderOf(func(line []byte, strict bool) (kook.Event, []string, error) {
	return kook.DecodeWith(line, kook.DecodeOptions{ReportUnknown: strict, Recover: true})
})

// decodeKOOK decodes a line whose "s" is other than 0 as a signal (hello,
// ping, pong, resume, reconnect, resume_ack, or signal_<s> when unknown; an
// "s" that is no integer is the signal decoder's error); every other line
// (s=0, a bare d without "s", input malformed before any "s") as an event,
// exactly as before signals were known.
func decodeKOOK(line []byte, strict bool) (decoded, error) {
	if isKOOKEventLine(line) {
		return decodeKOOKEvent(line, strict)
	}
	sig, paths, err := kook.DecodeSignalWith(line, kook.DecodeOptions{ReportUnknown: strict})
	if err != nil {
		return decoded{}, err
	}
	return decoded{event: sig.SignalName(), known: sig.Known(), value: sig.AppendJSON(nil), unknown: paths}, nil
}

// isKOOKEventLine reports whether line is for the event decoder: it has no
// "s" (a bare d), its "s" is 0, or it is malformed before an "s" is found.
func isKOOKEventLine(line []byte) bool {
	if _, ok, err := jsonwire.Lookup(line, "s"); err != nil || !ok {
		return true
	}
	s, err := jsonwire.LookupInt(line, "", "s")
	return err == nil && s == 0
}
