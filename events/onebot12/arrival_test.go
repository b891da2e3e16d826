package onebot12

import (
	"testing"

	"github.com/eventbind/eventbind/internal/jsontest"
)

// decodeArriving, the fast path of decodeEvent, is held to the slow path,
// decodeLookingAhead: on every example, in its own order and reordered, and
// on fuzzed payloads.

var paths = jsontest.Paths[Event]{
	Root:     "",
	Fast:     decodeEvent,
	Slow:     decodeLookingAhead,
	Arriving: decodeArriving,
	Known:    func(ev Event) bool { return ev != nil && ev.Known() },
}

func examplePayloads(tb testing.TB) map[string][]byte {
	return jsontest.ExamplePayloads(tb, "../../schema/onebot12/testdata/examples", "")
}

func TestDecodeOnArrival(t *testing.T) { paths.CheckExamples(t, examplePayloads(t)) }

func FuzzDecodeOnArrival(f *testing.F) { paths.Fuzz(f, examplePayloads(f)) }
