package cli

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/eventbind/eventbind/bind"
	"github.com/eventbind/eventbind/events/kook"
	"github.com/eventbind/eventbind/jsonwire/wireimpl"
)

// The rules the command line had when it spelled KOOK's and OneBot 12's keys
// itself, kept here as the oracle of TestDetectionAsBefore.
func literalClaimsKOOK(line []byte) bool {
	for _, key := range []string{"s", "d"} {
		if _, ok, _ := wireimpl.Lookup(line, key); ok {
			return true
		}
	}
	_, hasDetail, _ := wireimpl.Lookup(line, "detail_type")
	return !hasDetail
}

func literalClaimsOneBot12(line []byte) bool {
	_, hasType, _ := wireimpl.Lookup(line, "type")
	_, hasDetail, _ := wireimpl.Lookup(line, "detail_type")
	return hasType && hasDetail
}

func literalPlatform(line []byte) string {
	switch {
	case literalClaimsKOOK(line):
		return "kook"
	case literalClaimsOneBot12(line):
		return "onebot12"
	}
	return "kook"
}

func literalIsKOOKEventLine(line []byte) bool {
	if _, ok, err := wireimpl.Lookup(line, "s"); err != nil || !ok {
		return true
	}
	s, err := wireimpl.LookupInt(line, "", "s")
	return err == nil && s == 0
}

// TestDetectionAsBefore: the platform each line goes to, and whether a KOOK
// line goes to the signal decoder, are what the command line's own literal
// rules gave before the generated packages answered (bind.Events.Claim,
// bind.Signals.IsSignal): on every example of both platforms, whole and as a
// bare payload, every signal example, and lines made to sit on the edges.
func TestDetectionAsBefore(t *testing.T) {
	var lines [][]byte
	for _, ex := range loadExamples(t) {
		lines = append(lines, ex.frame, ex.bare)
	}
	for _, dir := range []string{signalsDir, "../schema/onebot12/testdata/examples"} {
		files, err := filepath.Glob(filepath.Join(dir, "*.json"))
		if err != nil || len(files) == 0 {
			t.Fatalf("no examples in %s: %v", dir, err)
		}
		for _, f := range files {
			data, err := os.ReadFile(f)
			if err != nil {
				t.Fatal(err)
			}
			var b bytes.Buffer
			if err := json.Compact(&b, data); err != nil {
				t.Fatalf("%s: %v", f, err)
			}
			lines = append(lines, b.Bytes())
		}
	}
	for _, l := range []string{
		``, `{}`, `[]`, `null`, `"s"`, `1`, `{"s":0}`, `{"s":"1","d":{}}`, `{"s":1.5}`, `{"s":null}`,
		`{"s":-1}`, `{"s":2,"sn":6}`, `{"s":1,"s":0}`, `{"s":0,"s":1}`, `{"\u0073":1}`, `{"d":1}`, `{"d":{"type":1}}`,
		`{"sn":1,"type":"notice","detail_type":"x"}`, `{"type":"x"}`, `{"detail_type":"x"}`, `{"type":1,"extra":{}}`,
		`{"type":"notice","detail_type":"x","s":2}`, `{"type":1,"detail_type":"x","d":{}}`, `{"s":1,`, `{"type":"a","detail_type":"b"`,
		`{"type":"a","detail_type":"b"} x`, `{"s":1} {"s":2}`, `{"x":{"s":1,"type":"a","detail_type":"b"}}`, `{"s":0,"d":[]}`,
	} {
		lines = append(lines, []byte(l))
	}
	sigs := platformByName("kook").events.Signals()
	if sigs == nil {
		t.Fatal("events/kook has no signals")
	}
	for _, line := range lines {
		if got, want := detectPlatform(line).events.Platform(), literalPlatform(line); got != want {
			t.Errorf("%s: detected %s, the literal rules said %s", line, got, want)
		}
		if got, want := sigs.IsSignal(line), !literalIsKOOKEventLine(line); got != want {
			t.Errorf("%s: IsSignal %v, the literal rules said %v", line, got, want)
		}
	}
}

// opEvents is KOOK's package as one generated from a schema whose frame
// key were "op": it claims the lines with "op" as its frames, and those with
// an "op" other than 0 as its signals.
type opEvents struct{ bind.Events }

func (opEvents) Claim(data []byte) bind.Claim {
	if _, ok, _ := wireimpl.Lookup(data, "op"); ok {
		return bind.ClaimFrame
	}
	return bind.ClaimNone
}

func (opEvents) Signals() bind.Signals { return opSignals{} }

type opSignals struct{}

func (opSignals) IsSignal(data []byte) bool {
	op, err := wireimpl.LookupInt(data, "", "op")
	return err == nil && op != 0
}

func (opSignals) Decode(data []byte, opts bind.DecodeOptions) (bind.Signal, []string, error) {
	return kook.Bind(nil).Signals().Decode([]byte(strings.Replace(string(data), `"op"`, `"s"`, 1)), opts)
}

// TestDetectionAsThePackageSays: the command line knows no key of its own.
// With a package that tells its lines by "op", a line with "op" is that
// package's even when it looks like OneBot 12's, and "op":1 is its signal;
// lines with "s" are no longer claimed by it.
func TestDetectionAsThePackageSays(t *testing.T) {
	saved := append([]*platform(nil), platforms...)
	t.Cleanup(func() { platforms = saved })
	oneBot := `{"op":0,"id":"h1","time":1632847927,"type":"meta","detail_type":"heartbeat","sub_type":"","interval":5000}`
	hello := `{"op":1,"d":{"code":0,"session_id":"S"}}`
	withS := `{"s":1,"d":{"code":0},"type":"meta","detail_type":"heartbeat"}`
	if p := detectPlatform([]byte(oneBot)); p.events.Platform() != "onebot12" {
		t.Fatalf("the bundled packages: %s", p.events.Platform())
	}
	if err := Use(opEvents{kook.Bind(nil)}); err != nil {
		t.Fatal(err)
	}
	if p := detectPlatform([]byte(oneBot)); p.events.Platform() != "kook" {
		t.Errorf("a line with op went to %s", p.events.Platform())
	}
	if p := detectPlatform([]byte(withS)); p.events.Platform() != "onebot12" {
		t.Errorf("a line with s and OneBot 12's keys went to %s", p.events.Platform())
	}
	code, stdout, stderr := runCLI(t, []string{"decode"}, hello+"\n")
	out := parseOutput(t, stdout, false)
	if code != exitOK || len(out) != 1 || out[0].Platform != "kook" || out[0].Event != "hello" || !out[0].Known {
		t.Errorf("decode of %s: exit %d, %s %s", hello, code, stdout, stderr)
	}
}
