package generated_test

import (
	"encoding/json"
	"errors"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/eventbind/eventbind/events/kook"
	"github.com/eventbind/eventbind/jsonwire"
	"github.com/google/go-cmp/cmp"
)

// TestKOOKSignalExamplesGolden decodes every signal example the schema lists:
// the right signal type, the value in its golden, the input as RawJSON and the
// same JSON document back.
func TestKOOKSignalExamplesGolden(t *testing.T) {
	m := kookModel(t)
	if m.Signals == nil {
		t.Fatal("the KOOK schema declares no signals")
	}
	count := 0
	for _, sg := range m.Signals.List {
		if len(sg.Examples) == 0 {
			t.Errorf("signal %s has no example", sg.Name)
		}
		for _, x := range sg.Examples {
			count++
			name := strings.TrimSuffix(filepath.Base(x.File), ".json")
			t.Run(name, func(t *testing.T) {
				data, err := os.ReadFile(filepath.Join(kookSchema, x.File))
				if err != nil {
					t.Fatal(err)
				}
				sig, err := kook.DecodeSignal(data)
				if err != nil {
					t.Fatalf("DecodeSignal: %v", err)
				}
				if sig.SignalName() != sg.Name || !sig.Known() || int64(sig.S()) != sg.Value {
					t.Errorf("decoded as %q (known %v, s=%d), want %q (s=%d)", sig.SignalName(), sig.Known(), sig.S(), sg.Name, sg.Value)
				}
				if typ := reflect.TypeOf(sig).Elem().Name(); typ != sg.GoName {
					t.Errorf("decoded into %s, want %s", typ, sg.GoName)
				}
				if string(sig.RawJSON()) != string(data) {
					t.Errorf("RawJSON is not the input")
				}
				checkGolden(t, filepath.Join("testdata", "kook", name+".golden"), dumpSignal(sig))
				out, err := json.Marshal(sig)
				if err != nil {
					t.Fatal(err)
				}
				sameJSON(t, "re-encoding", data, out)
			})
		}
	}
	// Every signal example file is listed by some signal (none lies unused).
	files, err := filepath.Glob(filepath.Join(kookSchema, "testdata", "signals", "*.json"))
	if err != nil {
		t.Fatal(err)
	}
	if count != len(files) || count == 0 {
		t.Errorf("schema lists %d signal examples, testdata/signals has %d files", count, len(files))
	}
	if len(m.Signals.List) != 6 {
		t.Errorf("schema declares %d signals, want 6 (s=1 to 6)", len(m.Signals.List))
	}
}

// TestKOOKSignalEventFrames: every event example decodes with DecodeSignal
// to an EventSignal whose Event is what Decode gives, unknown paths included.
func TestKOOKSignalEventFrames(t *testing.T) {
	m := kookModel(t)
	for _, ev := range m.Events {
		for _, x := range ev.Examples {
			name := strings.TrimSuffix(filepath.Base(x.File), ".json")
			t.Run(name, func(t *testing.T) {
				data, err := os.ReadFile(filepath.Join(kookSchema, x.File))
				if err != nil {
					t.Fatal(err)
				}
				want, wantPaths, err := kook.DecodeOptions{ReportUnknown: true}.Decode(data)
				if err != nil {
					t.Fatal(err)
				}
				sig, paths, err := kook.DecodeOptions{ReportUnknown: true}.DecodeSignal(data)
				if err != nil {
					t.Fatalf("DecodeOptions.DecodeSignal: %v", err)
				}
				es, ok := sig.(*kook.EventSignal)
				if !ok || sig.SignalName() != "event" || sig.S() != 0 || !sig.Known() {
					t.Fatalf("decoded %T %q s=%d, want *EventSignal", sig, sig.SignalName(), sig.S())
				}
				if a, b := dump(want), dump(es.Event); a != b {
					t.Errorf("Event differs from Decode's:\n%s", cmp.Diff(a, b))
				}
				if diff := cmp.Diff(wantPaths, paths); diff != "" {
					t.Errorf("unknown paths (-Decode +DecodeSignal):\n%s", diff)
				}
				if string(sig.RawJSON()) != string(data) || string(sig.AppendJSON(nil)) != string(want.AppendJSON(nil)) {
					t.Errorf("RawJSON or AppendJSON differ from the event's")
				}
			})
		}
	}
}

// TestKOOKSignalUnknownFields: members the schema does not model are kept,
// re-encoded and reported by path, in the frame and in d alike.
func TestKOOKSignalUnknownFields(t *testing.T) {
	in := `{"s":1,"d":{"code":0,"session_id":"xxxx","heartbeat":{"interval":30}},"sn":0,"extra":[true]}`
	sig, paths, err := kook.DecodeOptions{ReportUnknown: true}.DecodeSignal([]byte(in))
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff([]string{"d.heartbeat", "sn", "extra"}, paths); diff != "" {
		t.Errorf("unknown paths (-want +got):\n%s", diff)
	}
	hello := sig.(*kook.HelloSignal)
	if hello.D.Code != kook.HelloCodeOK || hello.D.SessionID != jsonwire.Some("xxxx") {
		t.Errorf("d = %+v", hello.D)
	}
	if len(hello.UnknownFields) != 2 || len(hello.D.UnknownFields) != 1 {
		t.Errorf("UnknownFields: frame %+v, d %+v", hello.UnknownFields, hello.D.UnknownFields)
	}
	sameJSON(t, "with unknown fields", []byte(in), sig.AppendJSON(nil))
	if _, paths, _ := (kook.DecodeOptions{}).DecodeSignal([]byte(in)); paths != nil {
		t.Errorf("paths without ReportUnknown: %q", paths)
	}
}

// TestKOOKUnknownSignal: an "s" the schema does not know is kept whole.
func TestKOOKUnknownSignal(t *testing.T) {
	for _, c := range []struct {
		in, name string
		s        int
	}{
		{`{"s":7,"d":{"x":[1,{"y":null}],"z":"😀"},"sn":3}`, "signal_7", 7},
		{` {"sn": 1, "s": -1} `, "signal_-1", -1},
		{`{"s":1000000}`, "signal_1000000", 1000000},
	} {
		t.Run(c.name, func(t *testing.T) {
			sig, paths, err := kook.DecodeOptions{ReportUnknown: true}.DecodeSignal([]byte(c.in))
			if err != nil {
				t.Fatal(err)
			}
			u, ok := sig.(*kook.UnknownSignal)
			if !ok || sig.Known() || sig.SignalName() != c.name || sig.S() != c.s {
				t.Fatalf("decoded %T %q known=%v s=%d, want UnknownSignal %q", sig, sig.SignalName(), sig.Known(), sig.S(), c.name)
			}
			if string(u.Raw) != strings.TrimSpace(c.in) || string(sig.AppendJSON(nil)) != strings.TrimSpace(c.in) || string(sig.RawJSON()) != c.in {
				t.Errorf("not kept whole: Raw %q, AppendJSON %q", u.Raw, sig.AppendJSON(nil))
			}
			if len(paths) != 0 {
				t.Errorf("unknown paths %q: an unknown signal is kept whole, not member by member", paths)
			}
		})
	}
}

// TestKOOKResumeAckSessionID: both spellings decode, SessionID finds either,
// and each re-encodes as it came.
func TestKOOKResumeAckSessionID(t *testing.T) {
	for _, c := range []struct{ name, in, want, key string }{
		{"session_id", `{"s":6,"d":{"session_id":"a-1"}}`, "a-1", `"session_id":"a-1"`},
		{"sessionId", `{"s":6,"d":{"sessionId":"b-2"}}`, "b-2", `"sessionId":"b-2"`},
		{"both", `{"s":6,"d":{"sessionId":"b-2","session_id":"a-1"}}`, "a-1", `"sessionId":"b-2"`},
		{"empty session_id", `{"s":6,"d":{"session_id":"","sessionId":"b-2"}}`, "b-2", `"session_id":""`},
		{"neither", `{"s":6,"d":{}}`, "", `"d":{}`},
	} {
		t.Run(c.name, func(t *testing.T) {
			sig, err := kook.DecodeSignal([]byte(c.in))
			if err != nil {
				t.Fatal(err)
			}
			ack, ok := sig.(*kook.ResumeAckSignal)
			if !ok {
				t.Fatalf("decoded %T", sig)
			}
			if got := ack.SessionID(); got != c.want {
				t.Errorf("SessionID() = %q, want %q", got, c.want)
			}
			out := ack.AppendJSON(nil)
			if !strings.Contains(string(out), c.key) {
				t.Errorf("re-encoded %s lacks %s", out, c.key)
			}
			sameJSON(t, "resume ack", []byte(c.in), out)
		})
	}
}

// TestKOOKSignalCodes: the codes are open enums; the document's 41008 decodes.
func TestKOOKSignalCodes(t *testing.T) {
	for _, c := range []kook.HelloCode{kook.HelloCodeOK, kook.HelloCodeMissingParams, kook.HelloCodeInvalidToken, kook.HelloCodeTokenVerificationFailed, kook.HelloCodeTokenExpired} {
		if !c.Valid() {
			t.Errorf("%v not valid", c)
		}
	}
	if kook.HelloCodeTokenExpired != 40103 || kook.ReconnectCodeInvalidSN != 40108 {
		t.Errorf("codes: %d %d", kook.HelloCodeTokenExpired, kook.ReconnectCodeInvalidSN)
	}
	sig, err := kook.DecodeSignal([]byte(readSignalExample(t, "signal_reconnect.json")))
	if err != nil {
		t.Fatal(err)
	}
	rc := sig.(*kook.ReconnectSignal)
	if rc.D.Code != 41008 || rc.D.Code.Valid() || rc.D.Code.String() != "ReconnectCode(41008)" || rc.D.Err != jsonwire.Some("Missing params") {
		t.Errorf("reconnect d = %+v (%v)", rc.D, rc.D.Code)
	}
}

// TestKOOKSignalErrors: wrong input gives a *jsonwire.Error that names its
// place, and never a signal with it.
func TestKOOKSignalErrors(t *testing.T) {
	joined := readExample(t, "003_joined_guild.json")
	hello := readSignalExample(t, "signal_hello.json")
	cases := []struct {
		name, input, want string
	}{
		{"missing s", `{"d":{"code":0,"session_id":"x"}}`, "s: required field missing"},
		{"bare event payload", payloadOf(t, joined), "s: required field missing"},
		{"s not a number", `{"s":"1","d":{"code":0}}`, "s: want number, got string"},
		{"s null", `{"s":null}`, "s: want number, got null"},
		{"s not an integer", `{"s":1.5,"d":{"code":0}}`, "s: want integer, got 1.5"},
		{"s out of range", `{"s":1e99}`, "s: integer out of range"},
		{"d of the wrong kind", `{"s":1,"d":[]}`, "d: want object, got array"},
		{"d null", `{"s":5,"d":null}`, "d: want object, got null"},
		{"hello without d", `{"s":1}`, "d: required field missing"},
		{"hello without code", `{"s":1,"d":{"session_id":"x"}}`, "d.code: required field missing"},
		{"hello code a string", `{"s":1,"d":{"code":"0"}}`, "d.code: want number, got string"},
		{"session_id a number", `{"s":1,"d":{"code":0,"session_id":1}}`, "d.session_id: want string, got number"},
		{"sessionId a number", `{"s":6,"d":{"sessionId":1}}`, "d.sessionId: want string, got number"},
		{"reconnect err not a string", `{"s":5,"d":{"code":40108,"err":false}}`, "d.err: want string, got boolean"},
		{"ping without sn", `{"s":2}`, "sn: required field missing"},
		{"resume sn a string", `{"s":4,"sn":"100"}`, "sn: want number, got string"},
		{"duplicate s", `{"s":3,"s":2,"sn":1}`, "s: duplicate member with another value"},
		{"duplicate s on an event", strings.Replace(joined, `"s": 0`, `"s": 0, "s": 1`, 1), "s: duplicate member with another value"},
		{"event without d", `{"s":0,"sn":1}`, "d: required field missing"},
		{"event error deep", strings.Replace(joined, `"joined_at": 1612774315000`, `"joined_at": "yesterday"`, 1), "d.extra.body.joined_at: want number, got string"},
		{"unknown s, bad JSON inside", `{"s":9,"d":{"x":tru}}`, "d: invalid character"},
		{"unknown s, bad JSON after", `{"s":9,"d":1,}`, "offset 13: invalid character"},
		{"truncated", hello[:len(hello)/2], "unexpected end of input"},
		{"truncated before s", `{"s":`, "s: unexpected end of input"},
		{"trailing data", hello + "{}", "offset"},
		{"not an object", `[{"s":1}]`, "want object, got array"},
		{"not JSON", `{s:1}`, "invalid character"},
		{"empty", ``, "unexpected end of input"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			sig, err := kook.DecodeSignal([]byte(c.input))
			if err == nil {
				t.Fatalf("no error, decoded %T", sig)
			}
			if sig != nil {
				t.Errorf("error came with a signal %T", sig)
			}
			if !strings.Contains(err.Error(), c.want) {
				t.Errorf("error %q does not contain %q", err, c.want)
			}
			var werr *jsonwire.Error
			if !errors.As(err, &werr) {
				t.Fatalf("error is %T, want *jsonwire.Error", err)
			}
			if werr.Offset < 0 || werr.Offset > len(c.input) {
				t.Errorf("offset %d outside the input", werr.Offset)
			}
		})
	}
}

// TestKOOKSignalLimits: DecodeOptions.DecodeSignal applies the limits as
// DecodeOptions.Decode does.
func TestKOOKSignalLimits(t *testing.T) {
	hello := readSignalExample(t, "signal_hello.json")
	for _, c := range []struct {
		name   string
		limits jsonwire.Limits
		input  string
		want   string
	}{
		{"size", jsonwire.Limits{MaxBytes: 10}, hello, "offset 10: document of"},
		// Keys count too: "session_id" has 10 bytes, its value 19.
		{"string", jsonwire.Limits{MaxString: 12}, readSignalExample(t, "signal_resume_ack.json"), "d.session_id: string longer than the limit of 12 bytes"},
		{"depth", jsonwire.Limits{MaxDepth: 1}, hello, "d: nesting deeper than 1"},
		{"depth of an unknown signal", jsonwire.Limits{MaxDepth: 4}, `{"s":9,"d":[[[[[]]]]]}`, "d: nesting deeper than 4"},
	} {
		t.Run(c.name, func(t *testing.T) {
			sig, _, err := kook.DecodeOptions{Limits: c.limits}.DecodeSignal([]byte(c.input))
			if err == nil || sig != nil {
				t.Fatalf("DecodeSignal = %T, %v; want an error and no signal", sig, err)
			}
			if !strings.Contains(err.Error(), c.want) {
				t.Errorf("error %q does not contain %q", err, c.want)
			}
		})
	}
	opts := kook.DecodeOptions{Limits: jsonwire.Limits{MaxBytes: len(hello), MaxString: 10, MaxDepth: 2}}
	if _, _, err := opts.DecodeSignal([]byte(hello)); err != nil {
		t.Errorf("signal at its limits: %v", err)
	}
}

// TestKOOKSignalKeepsNoAlias: the signal owns its text.
func TestKOOKSignalKeepsNoAlias(t *testing.T) {
	input := []byte(readSignalExample(t, "signal_resume_ack.json"))
	sig, err := kook.DecodeSignal(input)
	if err != nil {
		t.Fatal(err)
	}
	before := string(sig.AppendJSON(nil))
	for i := range input {
		input[i] = 'x'
	}
	sig.RawJSON()[0] = 'y'
	if after := string(sig.AppendJSON(nil)); after != before || sig.(*kook.ResumeAckSignal).SessionID() != "xxxx-xxxxxx-xxx-xxx" || sig.RawJSON()[0] != '{' {
		t.Errorf("the signal changed with its input: %s", after)
	}
}

// readSignalExample reads a signal example of the KOOK schema.
func readSignalExample(t testing.TB, name string) string {
	t.Helper()
	data, err := os.ReadFile(filepath.Join(kookSchema, "testdata", "signals", name))
	if err != nil {
		t.Fatal(err)
	}
	return string(data)
}

// TestKOOKClientSignals: the client's signals, built in code, encode as the
// document shows them.
func TestKOOKClientSignals(t *testing.T) {
	for _, c := range []struct {
		sig  kook.Signal
		want string
	}{
		{&kook.PingSignal{SN: 6}, `{"s":2,"sn":6}`},
		{&kook.ResumeSignal{SN: 100}, `{"s":4,"sn":100}`},
		{&kook.PongSignal{}, `{"s":3}`},
		{&kook.ResumeAckSignal{D: kook.ResumeAckData{SessionID: jsonwire.Some("x")}}, `{"s":6,"d":{"session_id":"x"}}`},
		{&kook.EventSignal{}, `null`},
	} {
		if got := string(c.sig.AppendJSON(nil)); got != c.want {
			t.Errorf("%T encodes as %s, want %s", c.sig, got, c.want)
		}
		if got, err := json.Marshal(c.sig); err != nil || string(got) != c.want {
			t.Errorf("json.Marshal(%T) = %s, %v; want %s", c.sig, got, err, c.want)
		}
	}
}

// TestDecodeOnASignalFrame: Decode given a signal frame says what it is and
// where to take it, instead of complaining about a missing d.type.
func TestDecodeOnASignalFrame(t *testing.T) {
	for file, want := range map[string]string{
		"signal_hello.json":      "s: 1 is the hello signal, not an event (s=0): decode it with DecodeSignal",
		"signal_resume_ack.json": "s: 6 is the resume_ack signal, not an event (s=0): decode it with DecodeSignal",
	} {
		_, err := kook.Decode([]byte(readSignalExample(t, file)))
		if err == nil || err.Error() != want {
			t.Errorf("%s: %v, want %q", file, err, want)
		}
	}
	if _, err := kook.Decode([]byte(`{"s":9,"d":{}}`)); err == nil || err.Error() != "s: 9 is the signal_9 signal, not an event (s=0): decode it with DecodeSignal" {
		t.Errorf("unknown signal: %v", err)
	}
}
