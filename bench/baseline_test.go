package bench

import (
	"bytes"
	"encoding/json"
	"fmt"
	"reflect"
	"testing"

	gojson "github.com/goccy/go-json"

	"github.com/eventbind/eventbind/events/kook"
	"github.com/eventbind/eventbind/events/onebot12"
)

// The baselines must do the work they stand for: decode every frame, model
// every member (a strict decode rejects a member they would drop), agree with
// the generated decoder, and give values that re-encode and decode back the same.

// strictUnmarshal is json.Unmarshal that fails on a member the target lacks,
// but for the OneBot header, which reads two members on purpose.
func strictUnmarshal(data []byte, v any) error {
	if _, ok := v.(*oneBotHeader); ok {
		return json.Unmarshal(data, v)
	}
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.DisallowUnknownFields()
	return dec.Decode(v)
}

var kookMessageNames = map[int]string{1: "text_message", 2: "image_message", 3: "video_message",
	4: "file_message", 8: "audio_message", 9: "kmarkdown_message", 10: "card_message", 12: "item_message"}

func TestKOOKBaselines(t *testing.T) {
	c := kookCorpus(t)
	for i, frame := range c.Frames {
		base, err := decodeKOOKPasses(strictUnmarshal, frame)
		if err != nil {
			t.Fatalf("frame %d (%s): encoding/json passes: %v\n%s", i, c.Templates[i], err, frame)
		}
		goccy, err := decodeKOOKPasses(gojson.Unmarshal, frame)
		if err != nil {
			t.Fatalf("frame %d (%s): goccy passes: %v", i, c.Templates[i], err)
		}
		if !reflect.DeepEqual(base, goccy) {
			t.Fatalf("frame %d (%s): goccy decodes otherwise:\n%+v\n%+v", i, c.Templates[i], base, goccy)
		}

		ev, err := kook.Decode(frame)
		if err != nil {
			t.Fatal(err)
		}
		name := kookMessageNames[base.D.Type]
		switch extra := base.D.Extra.(type) {
		case *kookSystemExtra:
			if _, raw := extra.Body.(*json.RawMessage); raw {
				t.Fatalf("frame %d (%s): body %q left raw", i, c.Templates[i], extra.Type)
			}
			name = extra.Type
		case *kookMessageExtra:
		default:
			t.Fatalf("frame %d: extra is %T", i, extra)
		}
		if msgID := reflect.ValueOf(ev).Elem().FieldByName("MsgID").String(); ev.EventName() != name || msgID != base.D.MsgID {
			t.Fatalf("frame %d (%s): baseline %s %s, kook.Decode %s %s", i, c.Templates[i], name, base.D.MsgID, ev.EventName(), msgID)
		}

		out, err := json.Marshal(base)
		if err != nil {
			t.Fatal(err)
		}
		if err := reencodes(out, func(b []byte) (any, error) { return decodeKOOKPasses(strictUnmarshal, b) }); err != nil {
			t.Fatalf("frame %d (%s): re-encoded baseline does not decode back (%v):\n%s", i, c.Templates[i], err, out)
		}
	}
}

func TestOneBot12Baselines(t *testing.T) {
	c := oneBot12Corpus(t)
	for i, frame := range c.Frames {
		base, err := decodeOneBotPasses(strictUnmarshal, frame)
		if err != nil {
			t.Fatalf("event %d (%s): encoding/json passes: %v\n%s", i, c.Templates[i], err, frame)
		}
		goccy, err := decodeOneBotPasses(gojson.Unmarshal, frame)
		if err != nil {
			t.Fatalf("event %d (%s): goccy passes: %v", i, c.Templates[i], err)
		}
		if !reflect.DeepEqual(base, goccy) {
			t.Fatalf("event %d (%s): goccy decodes otherwise:\n%+v\n%+v", i, c.Templates[i], base, goccy)
		}

		ev, err := onebot12.Decode(frame)
		if err != nil {
			t.Fatal(err)
		}
		if msg, ok := base.(*oneBotMessage); ok {
			for j, seg := range msg.Message {
				if _, raw := seg.Data.(*json.RawMessage); raw {
					t.Fatalf("event %d (%s): segment %d (%s) left raw", i, c.Templates[i], j, seg.Type)
				}
			}
		}
		var h oneBotHeader
		_ = json.Unmarshal(frame, &h)
		id := reflect.ValueOf(ev).Elem().FieldByName("ID").String()
		if name := h.Type + "." + h.DetailType; ev.EventName() != name || id != reflect.ValueOf(base).Elem().FieldByName("ID").String() {
			t.Fatalf("event %d (%s): baseline %s, onebot12.Decode %s %s", i, c.Templates[i], name, ev.EventName(), id)
		}

		out, err := json.Marshal(base)
		if err != nil {
			t.Fatal(err)
		}
		if err := reencodes(out, func(b []byte) (any, error) { return decodeOneBotPasses(strictUnmarshal, b) }); err != nil {
			t.Fatalf("event %d (%s): re-encoded baseline does not decode back (%v):\n%s", i, c.Templates[i], err, out)
		}
	}
}

// reencodes checks that a baseline's encoding decodes and encodes to the same
// bytes (empty slices and omitted members do not survive a round trip, so
// the values are not compared).
func reencodes(out []byte, decode func([]byte) (any, error)) error {
	v, err := decode(out)
	if err != nil {
		return err
	}
	again, err := json.Marshal(v)
	if err != nil {
		return err
	}
	if !bytes.Equal(again, out) {
		return fmt.Errorf("encodes to %s", again)
	}
	return nil
}
