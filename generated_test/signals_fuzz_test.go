package generated_test

import (
	"errors"
	"os"
	"path/filepath"
	"testing"

	"github.com/eventbind/eventbind/events/kook"
	"github.com/eventbind/eventbind/jsonwire"
)

// FuzzKOOKSignalDecode checks DecodeSignal, seeded with every event and
// signal example: it never panics; an error comes without a signal and is a
// *jsonwire.Error that names its place (a path, or an offset inside the
// input); a signal re-encodes to JSON that decodes to the same value and the
// same encoding again; and an event frame gives the event Decode gives.
func FuzzKOOKSignalDecode(f *testing.F) {
	addExamples(f, kookSchema)
	signals, err := filepath.Glob(filepath.Join(kookSchema, "testdata", "signals", "*.json"))
	if err != nil || len(signals) == 0 {
		f.Fatalf("no signal examples: %v", err)
	}
	for _, name := range signals {
		data, err := os.ReadFile(name)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(data)
	}
	for _, s := range []string{
		`{"s":7,"d":{"x":[1,{"y":null}]},"sn":3}`,
		`{"s":3,"s":2,"sn":1}`,
		`{"s":6,"d":{"session_id":"a","sessionId":"b"},"sn":1}`,
		`{"d":{"code":0},"s":1,"x":{}}`,
	} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		checkSignalInvariants(t, data)
	})
}

func checkSignalInvariants(t *testing.T, data []byte) {
	sig, err := kook.DecodeSignal(data)
	if err != nil {
		if sig != nil {
			t.Fatalf("error %v came with a signal %T", err, sig)
		}
		var werr *jsonwire.Error
		if !errors.As(err, &werr) {
			t.Fatalf("error %v is %T, want *jsonwire.Error", err, err)
		}
		if werr.Offset < 0 || werr.Offset > len(data) {
			t.Fatalf("error %v: offset %d outside the input of %d bytes", err, werr.Offset, len(data))
		}
		return
	}
	if string(sig.RawJSON()) != string(data) {
		t.Fatalf("RawJSON is not the input")
	}
	out := sig.AppendJSON(nil)
	again, err := kook.DecodeSignal(out)
	if err != nil {
		t.Fatalf("re-encoding does not decode: %v\ninput  %q\noutput %q", err, data, out)
	}
	if a, b := dumpSignal(sig), dumpSignal(again); a != b {
		t.Fatalf("decode(encode(x)) differs from x\ninput %q\nfirst\n%s\nsecond\n%s", data, a, b)
	}
	if out2 := again.AppendJSON(nil); string(out2) != string(out) {
		t.Fatalf("encoding is not stable:\n%q\n%q", out, out2)
	}
	if again.SignalName() != sig.SignalName() || again.S() != sig.S() {
		t.Fatalf("re-encoding is another signal: %q s=%d, then %q s=%d", sig.SignalName(), sig.S(), again.SignalName(), again.S())
	}
	if es, ok := sig.(*kook.EventSignal); ok {
		ev, err := kook.Decode(data)
		if err != nil {
			t.Fatalf("DecodeSignal gave an event, Decode an error: %v\ninput %q", err, data)
		}
		if a, b := dump(ev), dump(es.Event); a != b {
			t.Fatalf("EventSignal.Event differs from Decode's\ninput %q\nDecode\n%s\nDecodeSignal\n%s", data, a, b)
		}
	}
}

// dumpSignal is dump for a Signal: dump does not look into interface fields,
// so an EventSignal is shown as its Event.
func dumpSignal(sig kook.Signal) string {
	if es, ok := sig.(*kook.EventSignal); ok {
		return "EventSignal " + dump(es.Event)
	}
	return dump(sig)
}
