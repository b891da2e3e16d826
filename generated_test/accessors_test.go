package generated_test

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/eventbind/eventbind/events/kook"
	"github.com/eventbind/eventbind/jsonwire"
)

// TestKOOKCommonAccessors: through the Event interface alone, every example
// gives its frame's sn (Envelope) and the d members every event has (Base),
// as encoding/json reads them from the same file; a bare d has no envelope.
func TestKOOKCommonAccessors(t *testing.T) {
	files, err := filepath.Glob(filepath.Join(kookSchema, "testdata", "examples", "*.json"))
	if err != nil || len(files) == 0 {
		t.Fatalf("no examples: %v", err)
	}
	for _, file := range files {
		data, err := os.ReadFile(file)
		if err != nil {
			t.Fatal(err)
		}
		var want struct {
			SN *int64
			D  struct {
				MsgID    string `json:"msg_id"`
				TargetID string `json:"target_id"`
				Type     int    `json:"type"`
			}
		}
		if err := json.Unmarshal(data, &want); err != nil {
			t.Fatalf("%s: %v", file, err)
		}
		ev, err := kook.Decode(data)
		if err != nil {
			t.Fatalf("%s: %v", file, err)
		}
		f, ok := ev.Envelope()
		sn, hasSN := f.SN.Get()
		if !ok || hasSN != (want.SN != nil) || (want.SN != nil && sn != *want.SN) {
			t.Errorf("%s: Envelope() = %+v, %v; want sn %v", filepath.Base(file), f, ok, want.SN)
		}
		base := ev.Base()
		if base == nil || base.MsgID != want.D.MsgID || base.TargetID != want.D.TargetID || int(base.Type) != want.D.Type {
			t.Errorf("%s: Base() = %+v, want msg_id %q target_id %q type %d", filepath.Base(file), base, want.D.MsgID, want.D.TargetID, want.D.Type)
		}
		// A copy, not the event's own frame.
		f.SN.Value = -1
		if again, _ := ev.Envelope(); again.SN.Value == -1 {
			t.Errorf("%s: Envelope returned the event's own frame", filepath.Base(file))
		}
		var bare struct{ D json.RawMessage }
		json.Unmarshal(data, &bare)
		bev, err := kook.Decode(bare.D)
		if err != nil {
			t.Fatal(err)
		}
		if _, ok := bev.Envelope(); ok {
			t.Errorf("%s: a bare d has an envelope", filepath.Base(file))
		}
		if bev.Base() == nil || bev.Base().MsgID != want.D.MsgID {
			t.Errorf("%s: bare d's Base() = %+v", filepath.Base(file), bev.Base())
		}
	}
	unknown, err := kook.Decode([]byte(`{"s":0,"sn":9,"d":{"type":255,"channel_type":"GROUP","target_id":"t","author_id":"1","content":"","msg_id":"m","msg_timestamp":1,"nonce":"","extra":{"type":"brand_new","body":{}}}}`))
	if err != nil {
		t.Fatal(err)
	}
	if f, ok := unknown.Envelope(); !ok || f.SN.Value != 9 || unknown.Base() != nil {
		t.Errorf("unknown event: Envelope() = %+v, %v; Base() = %v; want sn 9 and no base", f, ok, unknown.Base())
	}
}

// TestKOOKCopiedEventOwnsItsFrame: an event holds its frame by value, so a
// copy of the event has a frame of its own. Changing the copy's frame, or
// dropping it, leaves the original's as it came (when Frame was a pointer to
// the event's own storage, the copy's Frame pointed at the original's).
func TestKOOKCopiedEventOwnsItsFrame(t *testing.T) {
	frame := readExample(t, "003_joined_guild.json")
	unknown := strings.Replace(frame, `"joined_guild"`, `"brand_new"`, 1)
	for _, c := range []struct {
		name string
		ev   kook.Event
		// copyFrame copies the event and returns the copy and its frame.
		copyFrame func(kook.Event) (kook.Event, *jsonwire.Opt[kook.Frame])
	}{
		{"joined_guild", mustDecode(t, frame), func(ev kook.Event) (kook.Event, *jsonwire.Opt[kook.Frame]) {
			cp := *ev.(*kook.JoinedGuild)
			return &cp, &cp.Frame
		}},
		{"unknown event", mustDecode(t, unknown), func(ev kook.Event) (kook.Event, *jsonwire.Opt[kook.Frame]) {
			cp := *ev.(*kook.UnknownEvent)
			return &cp, &cp.Frame
		}},
	} {
		t.Run(c.name, func(t *testing.T) {
			want := c.ev.AppendJSON(nil)
			cp, f := c.copyFrame(c.ev)
			f.Value.SN = jsonwire.Some[int64](99)
			f.Value.S = 7
			if orig, ok := c.ev.Envelope(); !ok || orig.S != 0 || orig.SN != jsonwire.Some[int64](15) {
				t.Errorf("the original's frame after changing the copy's: %+v, %v", orig, ok)
			}
			if got := c.ev.AppendJSON(nil); string(got) != string(want) {
				t.Errorf("the original encodes as %s, want %s", got, want)
			}
			if got := cp.AppendJSON(nil); !strings.HasPrefix(string(got), `{"s":7,"sn":99,"d":`) {
				t.Errorf("the copy encodes as %s, want its own frame", got)
			}
			*f = jsonwire.Opt[kook.Frame]{}
			if _, ok := c.ev.Envelope(); !ok {
				t.Errorf("dropping the copy's frame dropped the original's")
			}
			if got := cp.AppendJSON(nil); strings.HasPrefix(string(got), `{"s"`) {
				t.Errorf("the copy without a frame encodes as %s, want its payload", got)
			}
		})
	}
}
