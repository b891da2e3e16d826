package kook

import (
	"fmt"
	"testing"

	"github.com/eventbind/eventbind/internal/jsontest"
)

// decodeArriving, the fast path of decodeEvent, is held to the slow path,
// decodeLookingAhead: on every example, in its own order and reordered, and
// on fuzzed payloads.

var paths = jsontest.Paths[Event]{
	Root:     "d",
	Fast:     decodeEvent,
	Slow:     decodeLookingAhead,
	Arriving: decodeArriving,
	Known:    func(ev Event) bool { return ev != nil && ev.Known() },
}

func examplePayloads(tb testing.TB) map[string][]byte {
	return jsontest.ExamplePayloads(tb, "../../schema/kook/testdata/examples", "d")
}

func TestDecodeOnArrival(t *testing.T) { paths.CheckExamples(t, examplePayloads(t)) }

func FuzzDecodeOnArrival(f *testing.F) { paths.Fuzz(f, examplePayloads(f)) }

// TestDecodeOnArrivalVariants: the variants of updated_guild, told apart by
// d.channel_type, come out the same on both paths, also when channel_type is
// given twice or comes after the discriminators (every rotation).
func TestDecodeOnArrivalVariants(t *testing.T) {
	payloads := examplePayloads(t)
	for _, name := range []string{"003_updated_guild.json", "built_updated_guild.json"} {
		p := string(payloads[name])
		if p == "" {
			t.Fatalf("no example %s", name)
		}
		for _, v := range []string{"GROUP", "PERSON", "BROADCAST"} {
			for i, in := range []string{
				`{"channel_type":"` + v + `",` + p[1:],
				p[:len(p)-1] + `,"channel_type":"` + v + `"}`,
			} {
				what := fmt.Sprintf("%s with channel_type %s (%d)", name, v, i)
				paths.Agree(t, what, []byte(in))
				for j, r := range jsontest.Reorderings([]byte(in)) {
					paths.Agree(t, fmt.Sprintf("%s, order %d", what, j), r)
				}
			}
		}
	}
}
