package generated_test

import (
	"bytes"
	"os"
	"path/filepath"
	"reflect"
	"runtime"
	"sort"
	"strings"
	"testing"

	"github.com/eventbind/eventbind/events/kook"
	"github.com/eventbind/eventbind/events/onebot12"
)

// The stream decoders (kook.Decoder, onebot12.Decoder) reuse their memory
// from frame to frame. These tests hold them to their doc comment: the same
// events as Decode, no allocation in a steady state, an event valid until
// the next call, reused (same value, overwritten) by a later frame of its
// type, and copies made as the doc says untouched by later frames.

// streamEvent is what the tests need of both packages' events.
type streamEvent interface {
	EventName() string
	RawJSON() []byte
	AppendJSON([]byte) []byte
}

type streamCase struct {
	name   string
	dir    string
	decode func([]byte) (streamEvent, error) // one-shot Decode
	newDec func() func([]byte) (streamEvent, error)
}

var streamCases = []streamCase{
	{
		name:   "kook",
		dir:    filepath.Join(kookSchema, "testdata", "examples"),
		decode: func(b []byte) (streamEvent, error) { return kook.Decode(b) },
		newDec: func() func([]byte) (streamEvent, error) {
			var dec kook.Decoder
			return func(b []byte) (streamEvent, error) { return dec.Decode(b) }
		},
	},
	{
		name:   "onebot12",
		dir:    filepath.Join("..", "schema", "onebot12", "testdata", "examples"),
		decode: func(b []byte) (streamEvent, error) { return onebot12.Decode(b) },
		newDec: func() func([]byte) (streamEvent, error) {
			dec := onebot12.NewDecoder(onebot12.DecodeOptions{})
			return func(b []byte) (streamEvent, error) { return dec.Decode(b) }
		},
	},
}

// examples returns the example frames of dir that decode, sorted by name.
func examples(t *testing.T, c streamCase) [][]byte {
	t.Helper()
	files, err := filepath.Glob(filepath.Join(c.dir, "*.json"))
	if err != nil || len(files) == 0 {
		t.Fatalf("no examples in %s (%v)", c.dir, err)
	}
	sort.Strings(files)
	var out [][]byte
	for _, f := range files {
		data, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := c.decode(data); err != nil {
			t.Fatalf("%s: %v", f, err)
		}
		out = append(out, data)
	}
	return out
}

// TestStreamDecodesAsDecode: every example, in order and in reverse (so that
// each event value is reused by a frame of other content), decodes to what
// Decode gives.
func TestStreamDecodesAsDecode(t *testing.T) {
	for _, c := range streamCases {
		t.Run(c.name, func(t *testing.T) {
			frames := examples(t, c)
			dec := c.newDec()
			check := func(data []byte) {
				want, _ := c.decode(data)
				got, err := dec(data)
				if err != nil {
					t.Fatalf("stream: %v\n%s", err, data)
				}
				if reflect.TypeOf(got) != reflect.TypeOf(want) {
					t.Fatalf("stream decoded %T, Decode %T", got, want)
				}
				if dump(got) != dump(want) {
					t.Errorf("%s: stream event differs from Decode's:\n%s\n%s", got.EventName(), dump(got), dump(want))
				}
				if !bytes.Equal(got.AppendJSON(nil), want.AppendJSON(nil)) {
					t.Errorf("%s: stream event encodes otherwise", got.EventName())
				}
				if !bytes.Equal(got.RawJSON(), data) {
					t.Errorf("%s: RawJSON is not the input", got.EventName())
				}
			}
			for round := 0; round < 2; round++ {
				for _, f := range frames {
					check(f)
				}
				for i := len(frames) - 1; i >= 0; i-- {
					check(frames[i])
				}
			}
		})
	}
}

// TestStreamZeroAllocations: once the Decoder has seen every example, a pass
// over all of them allocates nothing.
func TestStreamZeroAllocations(t *testing.T) {
	for _, c := range streamCases {
		t.Run(c.name, func(t *testing.T) {
			frames := examples(t, c)
			dec := c.newDec()
			pass := func() {
				for _, f := range frames {
					if _, err := dec(f); err != nil {
						t.Fatal(err)
					}
				}
			}
			pass() // warm up: the buffers grow to the largest frame
			if got := testing.AllocsPerRun(20, pass); got != 0 {
				t.Errorf("%v allocations per pass over %d examples, want 0", got, len(frames))
				for _, f := range frames {
					if n := testing.AllocsPerRun(5, func() { _, _ = dec(f) }); n != 0 {
						t.Logf("%v allocations: %.60s", n, f)
					}
				}
			}
			// The one-shot Decode allocates: the test can tell.
			if got := testing.AllocsPerRun(5, func() { _, _ = c.decode(frames[0]) }); got == 0 {
				t.Errorf("Decode does not allocate: the measure is broken")
			}
		})
	}
}

// TestStreamValidity checks what the Decoder's doc comment says stays valid.
func TestStreamValidity(t *testing.T) {
	for _, c := range streamCases {
		t.Run(c.name, func(t *testing.T) {
			frames := examples(t, c)
			dec := c.newDec()
			// Two frames of the same event type with different contents, and
			// one of another type.
			a, b, other := sameTypePair(t, c, frames)

			evA, err := dec(a)
			if err != nil {
				t.Fatal(err)
			}
			wantA := evA.AppendJSON(nil)
			nameA := evA.EventName()
			// The copies the doc comment names, made before the next call.
			keptRaw, err := c.decode(evA.RawJSON())
			if err != nil {
				t.Fatal(err)
			}
			keptEnc, err := c.decode(evA.AppendJSON(nil))
			if err != nil {
				t.Fatal(err)
			}
			keptName := strings.Clone(nameA)

			// Until the next call the event is intact, whatever else runs.
			runtimeChurn()
			if got := evA.AppendJSON(nil); !bytes.Equal(got, wantA) {
				t.Fatalf("event changed before the next call:\n%s\n%s", got, wantA)
			}

			// The next call, with a frame of the same type: the same value,
			// overwritten with the new frame.
			evB, err := dec(b)
			if err != nil {
				t.Fatal(err)
			}
			if reflect.ValueOf(evB).Pointer() != reflect.ValueOf(evA).Pointer() {
				t.Errorf("a frame of the same type did not reuse the event value")
			}
			if !bytes.Equal(evA.AppendJSON(nil), evB.AppendJSON(nil)) || bytes.Equal(evA.AppendJSON(nil), wantA) {
				t.Errorf("the earlier event does not hold the new frame's values")
			}
			if !bytes.Equal(evA.RawJSON(), b) {
				t.Errorf("the earlier event's RawJSON is not the new frame")
			}

			// A frame of another type: a value of its own.
			evO, err := dec(other)
			if err != nil {
				t.Fatal(err)
			}
			if reflect.TypeOf(evO) == reflect.TypeOf(evA) {
				t.Fatalf("want a frame of another type")
			}

			// The copies made as documented are untouched by all this.
			for _, kept := range []streamEvent{keptRaw, keptEnc} {
				if got := kept.AppendJSON(nil); !bytes.Equal(got, wantA) {
					t.Errorf("a kept copy changed:\n%s\n%s", got, wantA)
				}
			}
			if keptName != nameA {
				t.Errorf("EventName changed")
			}
		})
	}
}

// sameTypePair finds two example frames that decode to the same event type
// but encode differently, and one of another type.
func sameTypePair(t *testing.T, c streamCase, frames [][]byte) (a, b, other []byte) {
	t.Helper()
	byType := map[reflect.Type][][]byte{}
	for _, f := range frames {
		ev, _ := c.decode(f)
		typ := reflect.TypeOf(ev)
		for _, g := range byType[typ] {
			evG, _ := c.decode(g)
			if a == nil && !bytes.Equal(evG.AppendJSON(nil), ev.AppendJSON(nil)) {
				a, b = g, f
			}
		}
		byType[typ] = append(byType[typ], f)
	}
	if a == nil {
		t.Fatal("no two examples of one type")
	}
	ta, _ := c.decode(a)
	for _, f := range frames {
		if ev, _ := c.decode(f); reflect.TypeOf(ev) != reflect.TypeOf(ta) {
			return a, b, f
		}
	}
	t.Fatal("all examples are of one type")
	return
}

// runtimeChurn allocates and collects, so that memory the event wrongly
// shared with garbage would be reused.
func runtimeChurn() {
	var keep [][]byte
	for i := 0; i < 1000; i++ {
		keep = append(keep, bytes.Repeat([]byte{'x'}, 512))
	}
	_ = keep
	runtime.GC()
}

// TestStreamErrorsAsDecode: a frame that does not decode gives
// DecodeOptions.Decode's error, and the Decoder goes on.
func TestStreamErrorsAsDecode(t *testing.T) {
	dec := kook.NewDecoder(kook.DecodeOptions{})
	for _, bad := range []string{`{"s":0,"d":{"type":1}`, `[]`, `{"s":1,"d":{"code":0}}`, `{"s":0,"d":{"type":"x"}}`} {
		_, want := kook.Decode([]byte(bad))
		_, got := dec.Decode([]byte(bad))
		if want == nil || got == nil || got.Error() != want.Error() {
			t.Errorf("%s: stream error %v, Decode's %v", bad, got, want)
		}
	}
	data := []byte(readExample(t, "003_text_message.json"))
	if ev, err := dec.Decode(data); err != nil || ev.EventName() != "text_message" {
		t.Errorf("after errors: %v %v", ev, err)
	}
}

// TestStreamUnknownPaths: ReportUnknown works through the Decoder.
func TestStreamUnknownPaths(t *testing.T) {
	data := []byte(strings.Replace(readExample(t, "003_text_message.json"), `"d": {`, `"d": {"zz_new": [1, {"a": "\u00e9"}],`, 1))
	_, want, err := kook.DecodeOptions{ReportUnknown: true}.Decode(data)
	if err != nil || len(want) == 0 {
		t.Fatalf("%v %v", want, err)
	}
	dec := kook.NewDecoder(kook.DecodeOptions{ReportUnknown: true})
	ev, err := dec.Decode(data)
	if err != nil {
		t.Fatal(err)
	}
	if got := dec.UnknownPaths(); !reflect.DeepEqual(got, want) {
		t.Errorf("unknown paths %v, want %v", got, want)
	}
	one, _ := kook.Decode(data)
	if !bytes.Equal(ev.AppendJSON(nil), one.AppendJSON(nil)) {
		t.Errorf("unknown member not kept:\n%s\n%s", ev.AppendJSON(nil), one.AppendJSON(nil))
	}
}
