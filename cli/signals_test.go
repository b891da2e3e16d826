package cli

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// signalsDir holds the KOOK signal examples (s=1 to 6), one frame per file.
const signalsDir = "../schema/kook/testdata/signals"

// signalExamples maps each signal example to the signal name decode prints.
var signalExamples = map[string]string{
	"signal_hello.json":                           "hello",
	"signal_hello_invalid_token.json":             "hello",
	"signal_hello_legacy_session_id.json":         "hello",
	"signal_hello_missing_params.json":            "hello",
	"signal_hello_token_expired.json":             "hello",
	"signal_hello_token_verification_failed.json": "hello",
	"signal_ping.json":                            "ping",
	"signal_pong.json":                            "pong",
	"signal_reconnect.json":                       "reconnect",
	"signal_reconnect_invalid_sn.json":            "reconnect",
	"signal_resume.json":                          "resume",
	"signal_resume_ack.json":                      "resume_ack",
	"signal_resume_ack_legacy_session_id.json":    "resume_ack",
}

// loadSignal reads a signal example, compacted onto one line.
func loadSignal(t *testing.T, base string) []byte {
	t.Helper()
	src, err := os.ReadFile(filepath.Join(signalsDir, base))
	if err != nil {
		t.Fatal(err)
	}
	var b bytes.Buffer
	if err := json.Compact(&b, src); err != nil {
		t.Fatalf("%s: %v", base, err)
	}
	return b.Bytes()
}

// TestDecodeSignals: signal lines decode as signals, mixed with events whose
// output does not change, in both modes.
func TestDecodeSignals(t *testing.T) {
	files, err := filepath.Glob(filepath.Join(signalsDir, "*.json"))
	if err != nil {
		t.Fatal(err)
	}
	if len(files) != len(signalExamples) {
		t.Fatalf("%d signal examples in %s, the test knows %d", len(files), signalsDir, len(signalExamples))
	}
	joined := exampleByFile(t, "003_joined_guild.json")
	for _, strict := range []bool{false, true} {
		var lines [][]byte
		var names []string
		for _, f := range files {
			base := filepath.Base(f)
			name, ok := signalExamples[base]
			if !ok {
				t.Fatalf("unexpected signal example %s", base)
			}
			lines = append(lines, loadSignal(t, base), joined.frame)
			names = append(names, name, "joined_guild")
		}
		args := []string{"decode"}
		if strict {
			args = append(args, "--strict")
		}
		code, stdout, stderr := runCLI(t, args, jsonl(lines...))
		if code != exitOK || stderr != "" {
			t.Fatalf("strict %v: exit %d, stderr %q", strict, code, stderr)
		}
		out := parseOutput(t, stdout, strict)
		if len(out) != len(lines) {
			t.Fatalf("%d output lines for %d input lines", len(out), len(lines))
		}
		for i, got := range out {
			wantDecoded(t, got, i+1, names[i], true, lines[i])
			if strict && len(got.Unknown) != 0 {
				t.Errorf("line %d: unknown_fields %q", i+1, got.Unknown)
			}
		}
	}
}

// TestDecodeSignalEventLinesUnchanged: an s=0 line gives byte for byte the
// output of the same line decoded as an event alone, also next to signals.
func TestDecodeSignalEventLinesUnchanged(t *testing.T) {
	for _, ex := range loadExamples(t) {
		_, alone, _ := runCLI(t, []string{"decode", "--strict"}, jsonl(ex.frame))
		_, mixed, _ := runCLI(t, []string{"decode", "--strict"}, jsonl(loadSignal(t, "signal_pong.json"), ex.frame))
		second := strings.SplitN(mixed, "\n", 2)[1]
		if want := strings.Replace(alone, `{"line":1,`, `{"line":2,`, 1); second != want {
			t.Errorf("%s: output next to a signal\n%s\nalone\n%s", ex.file, second, alone)
		}
	}
}

func TestDecodeSignalLines(t *testing.T) {
	cases := []struct {
		name, input, event string
		known              bool
		unknown            []string // --strict
		err                string
	}{
		{name: "unknown s kept whole", input: `{"s":9,"d":{"x":[1,{"y":null}]},"sn":2}`, event: "signal_9", unknown: []string{}},
		{name: "unknown members", input: `{"s":1,"d":{"code":40103,"retry":true},"sn":0}`, event: "hello", known: true, unknown: []string{"d.retry", "sn"}},
		{name: "s a string", input: `{"s":"1","d":{"code":0}}`, err: "s: want number, got string"},
		{name: "d of the wrong kind", input: `{"s":1,"d":[]}`, err: "d: want object, got array"},
		{name: "code of the wrong kind", input: `{"s":5,"d":{"code":"40108"}}`, err: "d.code: want number, got string"},
		{name: "ping without sn", input: `{"s":2}`, err: "sn: required field missing"},
		{name: "duplicate s", input: `{"s":3,"s":4,"sn":1}`, err: "s: duplicate member"},
		{name: "truncated", input: `{"s":1,"d":{"code":0`, err: "unexpected end of input"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			code, stdout, _ := runCLI(t, []string{"decode", "--strict"}, jsonl([]byte(c.input)))
			out := parseOutput(t, stdout, true)
			if len(out) != 1 {
				t.Fatalf("%d output lines", len(out))
			}
			if c.err != "" {
				wantError(t, out[0], 1, c.err)
				if code != exitFailed {
					t.Errorf("exit %d, want %d", code, exitFailed)
				}
				return
			}
			wantDecoded(t, out[0], 1, c.event, c.known, []byte(c.input))
			if strings.Join(out[0].Unknown, ",") != strings.Join(c.unknown, ",") {
				t.Errorf("unknown_fields %q, want %q", out[0].Unknown, c.unknown)
			}
			if !c.known && string(out[0].Value) != c.input {
				t.Errorf("value %s, want the input verbatim", out[0].Value)
			}
		})
	}
}
