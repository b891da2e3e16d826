//go:build !eventbind_generate_only

package main

import (
	"github.com/eventbind/eventbind/events/onebot12"
	"github.com/eventbind/eventbind/jsonwire"
)

func init() {
	platforms = append(platforms, &platform{name: "onebot12", claims: claimsOneBot12, decode: decoderOf(func(line []byte, strict bool) (onebot12.Event, []string, error) {
		return onebot12.DecodeWith(line, onebot12.DecodeOptions{ReportUnknown: strict, Recover: true})
	}), strict: func(data []byte) error {
		_, err := onebot12.Decode(data)
		return err
	}})
}

// claimsOneBot12: a OneBot event has "type" and "detail_type" at the top.
func claimsOneBot12(line []byte) bool {
	_, hasType, _ := jsonwire.Lookup(line, "type")
	_, hasDetail, _ := jsonwire.Lookup(line, "detail_type")
	return hasType && hasDetail
}
