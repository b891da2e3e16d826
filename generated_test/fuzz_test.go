package generated_test

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/eventbind/eventbind/events/kook"
	"github.com/eventbind/eventbind/events/onebot12"
)

// addExamples seeds a fuzz target with every example file of a schema.
func addExamples(f *testing.F, schemaDir string) {
	files, err := filepath.Glob(filepath.Join(schemaDir, "testdata", "examples", "*.json"))
	if err != nil || len(files) == 0 {
		f.Fatalf("no examples in %s: %v", schemaDir, err)
	}
	for _, name := range files {
		data, err := os.ReadFile(name)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(data)
	}
}

// checkDecodeInvariants: no panic (the fuzzer catches those); an error comes
// without an event; anything that decodes re-encodes to JSON that decodes to
// the same value and the same encoding again.
func checkDecodeInvariants[E event](t *testing.T, data []byte, decode func([]byte) (E, error)) {
	ev, err := decode(data)
	if err != nil {
		if any(ev) != nil && !isNil(ev) {
			t.Fatalf("error %v came with an event %T", err, ev)
		}
		return
	}
	out := ev.AppendJSON(nil)
	again, err := decode(out)
	if err != nil {
		t.Fatalf("re-encoding does not decode: %v\ninput  %q\noutput %q", err, data, out)
	}
	if a, b := dump(ev), dump(again); a != b {
		t.Fatalf("decode(encode(x)) differs from x\ninput %q\nfirst\n%s\nsecond\n%s", data, a, b)
	}
	if out2 := again.AppendJSON(nil); string(out2) != string(out) {
		t.Fatalf("encoding is not stable:\n%q\n%q", out, out2)
	}
}

func isNil[E any](ev E) bool {
	var zero E
	return any(ev) == any(zero)
}

func FuzzKOOKDecode(f *testing.F) {
	addExamples(f, kookSchema)
	f.Add([]byte(`{"type":255,"extra":{"type":"brand_new","body":{}}}`))
	f.Fuzz(func(t *testing.T, data []byte) {
		checkDecodeInvariants(t, data, kook.Decode)
	})
}

func FuzzOneBot12Decode(f *testing.F) {
	addExamples(f, oneBotSchema)
	f.Fuzz(func(t *testing.T, data []byte) {
		checkDecodeInvariants(t, data, onebot12.Decode)
	})
}
