package cli

import (
	"github.com/eventbind/eventbind/bind"
	"github.com/eventbind/eventbind/events/onebot12"
	"github.com/eventbind/eventbind/jsonwire/wireimpl"
)

func init() {
	platformMakers["onebot12"] = func(events bind.Events) *platform {
		return &platform{name: "onebot12", events: events, claims: claimsOneBot12, decode: decoderOf(events), strict: strictOf(events),
			stream: func() func([]byte, bool) (decoded, error) { return streamDecoderOf(events) }}
	}
	platforms = append(platforms, platformMakers["onebot12"](onebot12.Bind(nil)))
}

// claimsOneBot12: a OneBot event has "type" and "detail_type" at the top.
func claimsOneBot12(line []byte) bool {
	_, hasType, _ := wireimpl.Lookup(line, "type")
	_, hasDetail, _ := wireimpl.Lookup(line, "detail_type")
	return hasType && hasDetail
}
