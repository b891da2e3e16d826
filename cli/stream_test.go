package cli

import (
	"bytes"
	"encoding/json"
	"testing"

	"github.com/eventbind/eventbind/bind"
	"github.com/eventbind/eventbind/events/kook"
	"github.com/eventbind/eventbind/events/onebot12"
)

// TestDecodeUsesStream: eventbind decode takes its events from the bundled
// packages' stream decoders, and each output line is its own frame's event
// even when the next frames reuse the memory of the event before.
func TestDecodeUsesStream(t *testing.T) {
	for _, events := range []bind.Events{kook.Bind(nil), onebot12.Bind(nil)} {
		if _, ok := events.(bind.Streamer); !ok {
			t.Errorf("%s: Bind(nil) is no bind.Streamer", events.Platform())
		}
		// lineDecoder decodes with the stream of the platform's events.
		p := platformByName(events.Platform())
		if p == nil {
			t.Errorf("%s: no such platform", events.Platform())
		} else if _, ok := p.events.(bind.Streamer); !ok {
			t.Errorf("%s: the platform does not decode with a stream", events.Platform())
		}
	}
	// Every example twice, in order and then reversed, so that most lines
	// reuse the event of an earlier one of another content.
	var frames [][]byte
	for _, ex := range loadExamples(t) {
		frames = append(frames, ex.frame)
	}
	for i := len(frames) - 1; i >= 0; i-- {
		frames = append(frames, frames[i])
	}
	code, stdout, stderr := runCLI(t, []string{"decode"}, jsonl(frames...))
	if code != 0 {
		t.Fatalf("exit status %d; stderr: %s", code, stderr)
	}
	out := parseOutput(t, stdout, false)
	if len(out) != len(frames) {
		t.Fatalf("%d output lines, want %d", len(out), len(frames))
	}
	for i, f := range frames {
		ev, _, err := kook.DecodeOptions{Recover: true}.Decode(f)
		if err != nil {
			t.Fatal(err)
		}
		var want, got bytes.Buffer
		if err := json.Compact(&want, ev.AppendJSON(nil)); err != nil {
			t.Fatal(err)
		}
		if err := json.Compact(&got, out[i].Value); err != nil {
			t.Fatalf("line %d: %v", i+1, err)
		}
		if got.String() != want.String() || out[i].Event != ev.EventName() {
			t.Errorf("line %d: %s %s, want %s %s", i+1, out[i].Event, got.String(), ev.EventName(), want.String())
		}
	}
}
