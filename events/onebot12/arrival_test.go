package onebot12

import (
	"testing"

	"github.com/eventbind/eventbind/internal/jsontest"
	"github.com/eventbind/eventbind/jsonwire"
)

// decodeArriving, the fast path of decodeEvent, is held to the slow path,
// which picks the event with a look-ahead first: on every example, in its
// own order and reordered, and on fuzzed payloads.

var paths = jsontest.Paths[Event]{
	Root:     "",
	Fast:     decodeEvent,
	Slow:     lookAheadFirst,
	Arriving: decodeArriving,
	Known:    func(ev Event) bool { return ev != nil && ev.Known() },
}

// lookAheadFirst is decodeEvent without its fast path.
func lookAheadFirst(d *jsonwire.Decoder) (Event, error) {
	ev, err := newEvent(d)
	if err != nil {
		return nil, err
	}
	return ev, ev.decodePayload(d)
}

func examplePayloads(tb testing.TB) map[string][]byte {
	return jsontest.ExamplePayloads(tb, "../../schema/onebot12/testdata/examples", "")
}

func TestDecodeOnArrival(t *testing.T) { paths.CheckExamples(t, examplePayloads(t)) }

func FuzzDecodeOnArrival(f *testing.F) { paths.Fuzz(f, examplePayloads(f)) }
