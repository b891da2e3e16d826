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

// checkRecoverInvariants: recovering decoding agrees with strict decoding on
// what strict decoding takes (same encoding, no problems); on what it
// refuses, it either fails too or gives an event with problems whose
// encoding decodes, recovering, to as many problems (fewer only where a
// member came twice) and the same encoding.
func checkRecoverInvariants[E recovered](t *testing.T, data []byte, strict, recover func([]byte) (E, error)) {
	sev, serr := strict(data)
	rev, rerr := recover(data)
	if serr == nil {
		if rerr != nil {
			t.Fatalf("strict decoding took it, recovering did not: %v\n%q", rerr, data)
		}
		if len(rev.Problems()) != 0 || string(rev.AppendJSON(nil)) != string(sev.AppendJSON(nil)) {
			t.Fatalf("recovering differs from strict: problems %v\n%q", rev.Problems(), data)
		}
		return
	}
	if rerr != nil {
		return
	}
	if len(rev.Problems()) == 0 {
		t.Fatalf("strict error %v, but recovering found no problem\n%q", serr, data)
	}
	out := rev.AppendJSON(nil)
	again, err := recover(out)
	if err != nil {
		t.Fatalf("the recovered encoding does not decode: %v\ninput  %q\noutput %q", err, data, out)
	}
	if out2 := again.AppendJSON(nil); string(out2) != string(out) {
		t.Fatalf("recovered encoding is not stable:\ninput %q\n%q\n%q", data, out, out2)
	}
	// Fewer only when the input gave a member twice: it goes out once.
	if a, b := len(rev.Problems()), len(again.Problems()); b == 0 || b > a {
		t.Fatalf("%d problems, %d after re-encoding\ninput %q\noutput %q", a, b, data, out)
	}
}

func isNil[E any](ev E) bool {
	var zero E
	return any(ev) == any(zero)
}

func FuzzKOOKDecode(f *testing.F) {
	addExamples(f, kookSchema)
	f.Add([]byte(`{"type":255,"extra":{"type":"brand_new","body":{}}}`))
	f.Add([]byte(`{"s":0,"d":{"channel_type":"GROUP","type":255,"target_id":"6","author_id":"1","content":"x","msg_id":"b","msg_timestamp":"1","nonce":"","extra":{"type":"joined_guild","body":{"joined_at":"soon"}}},"sn":"15"}`))
	f.Fuzz(func(t *testing.T, data []byte) {
		checkDecodeInvariants(t, data, kook.Decode)
		checkRecoverInvariants(t, data, kook.Decode, func(b []byte) (kook.Event, error) {
			ev, _, err := kook.DecodeOptions{Recover: true}.Decode(b)
			return ev, err
		})
	})
}

func FuzzOneBot12Decode(f *testing.F) {
	addExamples(f, oneBotSchema)
	f.Fuzz(func(t *testing.T, data []byte) {
		checkDecodeInvariants(t, data, onebot12.Decode)
		checkRecoverInvariants(t, data, onebot12.Decode, func(b []byte) (onebot12.Event, error) {
			ev, _, err := onebot12.DecodeOptions{Recover: true}.Decode(b)
			return ev, err
		})
	})
}
