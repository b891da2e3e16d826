//go:build !eventbind_generate_only

package main

import (
	"github.com/eventbind/eventbind/events/kook"
	"github.com/eventbind/eventbind/jsonwire"
)

func init() {
	platforms = append(platforms, &platform{name: "kook", claims: claimsKOOK, decode: decoderOf(kook.Decode, kook.DecodeReportingUnknown)})
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
