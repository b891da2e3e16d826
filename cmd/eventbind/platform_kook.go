//go:build !eventbind_generate_only

package main

import (
	"github.com/eventbind/eventbind/events/kook"
	"github.com/eventbind/eventbind/jsonwire"
)

func init() {
	platforms = append(platforms, &platform{name: "kook", claims: claimsKOOK, decode: decodeKOOK})
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

func decodeKOOK(line []byte, strict bool) (decoded, error) {
	var (
		ev    kook.Event
		paths []string
		err   error
	)
	if strict {
		ev, paths, err = kook.DecodeReportingUnknown(line)
	} else {
		ev, err = kook.Decode(line)
	}
	if err != nil {
		return decoded{}, err
	}
	return decoded{event: ev.EventName(), known: ev.Known(), value: ev.AppendJSON(nil), unknown: paths}, nil
}
