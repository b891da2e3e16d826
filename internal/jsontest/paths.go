package jsontest

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/eventbind/eventbind/jsonwire/wireimpl"
)

// The generated decoders have two ways to an event: reading the
// discriminators as they arrive, and picking the event with a look-ahead
// first. The packages' own tests run both on the same payloads with these
// helpers and require the same outcome.

// Outcome is everything a payload decoder's caller can observe.
type Outcome struct {
	Name    string   // the event's name; "" after an error
	JSON    string   // its AppendJSON; "" after an error
	Err     string   // the error's text, with its path
	Unknown []string // the unknown paths recorded
	Offset  int      // where the cursor stopped
}

// Event is what Run needs of an event.
type Event interface {
	EventName() string
	AppendJSON(b []byte) []byte
}

// Run decodes payload with decode on a fresh Decoder whose paths start at
// root, reporting unknown members.
func Run[E Event](payload []byte, root string, decode func(*wireimpl.Decoder) (E, error)) Outcome {
	d := wireimpl.NewDecoder(payload, root)
	d.ReportUnknown = true
	ev, err := decode(d)
	out := Outcome{Unknown: d.UnknownPaths(), Offset: d.Offset()}
	if err != nil {
		out.Err = err.Error()
		return out
	}
	out.Name = ev.EventName()
	out.JSON = string(ev.AppendJSON(nil))
	return out
}

// Reorderings returns payload's members, when it is an object, in other
// orders: every rotation and the reverse, so that each member comes first
// once and the discriminators come late. Nil when payload is not an object.
func Reorderings(payload []byte) [][]byte {
	d := wireimpl.NewDecoder(payload, "")
	if d.ObjectStart() != nil {
		return nil
	}
	var members []string
	for {
		key, more, err := d.NextKey()
		if err != nil {
			return nil
		}
		if !more {
			break
		}
		raw, err := d.Raw()
		if err != nil {
			return nil
		}
		k, _ := json.Marshal(key)
		members = append(members, string(k)+":"+string(raw))
	}
	object := func(m []string) []byte { return []byte("{" + strings.Join(m, ",") + "}") }
	var out [][]byte
	for i := 1; i < len(members); i++ {
		out = append(out, object(append(append([]string{}, members[i:]...), members[:i]...)))
	}
	reversed := make([]string, len(members))
	for i, m := range members {
		reversed[len(members)-1-i] = m
	}
	return append(out, object(reversed))
}

// Paths are a package's two ways from a payload to an event.
type Paths[E Event] struct {
	Root     string                             // the payload's path in errors
	Fast     func(*wireimpl.Decoder) (E, error) // decodeEvent
	Slow     func(*wireimpl.Decoder) (E, error) // the look-ahead first
	Arriving func(*wireimpl.Decoder) (E, error) // the fast path alone: no event when it gives up
	Known    func(E) bool                       // whether an event is a known one
}

// Agree fails t when Fast and Slow, run on payload, differ in any way.
func (p Paths[E]) Agree(t testing.TB, what string, payload []byte) {
	t.Helper()
	want := Run(payload, p.Root, p.Slow)
	got := Run(payload, p.Root, p.Fast)
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("%s: the paths disagree (-look-ahead +on arrival):\n%s\npayload: %s", what, diff, payload)
	}
}

// CheckExamples checks that every example of a known event is decoded on
// arrival, and that both paths agree on it in its own order and in every
// order Reorderings gives.
func (p Paths[E]) CheckExamples(t *testing.T, payloads map[string][]byte) {
	t.Helper()
	names := make([]string, 0, len(payloads))
	for name := range payloads {
		names = append(names, name)
	}
	sort.Strings(names)
	for _, name := range names {
		payload := payloads[name]
		// In the documented order the discriminators come before the members
		// that need the event. An unknown event is kept verbatim, which only
		// the slow path does.
		if slow, err := p.Slow(wireimpl.NewDecoder(payload, p.Root)); err == nil && p.Known(slow) {
			if ev, err := p.Arriving(wireimpl.NewDecoder(payload, p.Root)); err != nil || !p.Known(ev) {
				t.Errorf("%s: not decoded on arrival (error %v)", name, err)
			}
		}
		p.Agree(t, name, payload)
		for i, r := range Reorderings(payload) {
			p.Agree(t, fmt.Sprintf("%s, order %d", name, i), r)
		}
	}
}

// Fuzz runs Agree on fuzzed payloads, seeded with payloads.
func (p Paths[E]) Fuzz(f *testing.F, payloads map[string][]byte) {
	for _, payload := range payloads {
		f.Add(payload)
	}
	f.Fuzz(func(t *testing.T, payload []byte) { p.Agree(t, "input", payload) })
}

// ExamplePayloads reads the examples in dir, each a whole frame with its
// payload under frameKey or a bare payload, and returns the payloads by file
// name.
func ExamplePayloads(t testing.TB, dir, frameKey string) map[string][]byte {
	t.Helper()
	files, err := filepath.Glob(filepath.Join(dir, "*.json"))
	if err != nil || len(files) == 0 {
		t.Fatalf("no examples in %s: %v", dir, err)
	}
	out := map[string][]byte{}
	for _, f := range files {
		data, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		if frameKey != "" {
			if v, ok, err := wireimpl.Lookup(data, frameKey); err == nil && ok {
				data = v
			}
		}
		out[filepath.Base(f)] = data
	}
	return out
}
