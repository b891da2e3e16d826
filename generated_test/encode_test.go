package generated_test

import (
	"bytes"
	"testing"

	"github.com/eventbind/eventbind/events/kook"
	"github.com/eventbind/eventbind/events/onebot12"
	"github.com/eventbind/eventbind/internal/jsontest"
)

// Encoders write the value a discriminator fixes as a ready literal. Values
// built by hand may hold another one; it must go out as it is.
func TestEncodeDiscriminatorValuesAsHeld(t *testing.T) {
	var segment onebot12.TextSegment
	segment.Type = "not-text"
	segment.Data.Text = "hi"
	checkJSON(t, segment.AppendJSON(nil), `{"type":"not-text","data":{"text":"hi"}}`)

	var private onebot12.MessagePrivate
	private.ID, private.Type, private.DetailType = "1", "notice", "other"
	private.Self.Platform, private.Self.UserID = "qq", "2"
	private.AltMessage, private.UserID, private.MessageID = "", "3", "4"
	private.SubType = "custom"
	checkJSON(t, private.AppendJSON(nil), `{"id":"1","self":{"platform":"qq","user_id":"2"},"time":0,"type":"notice","detail_type":"other","sub_type":"custom","message_id":"4","message":[],"alt_message":"","user_id":"3"}`)

	var reaction kook.AddedReaction
	reaction.EventData.Type = 9
	reaction.EventData.ChannelType = "ELSEWHERE"
	reaction.Extra.Type = "changed"
	got := reaction.AppendJSON(nil)
	for _, want := range []string{`"type":9`, `"channel_type":"ELSEWHERE"`, `"type":"changed"`} {
		if !contains(got, want) {
			t.Errorf("AddedReaction encodes without %s: %s", want, got)
		}
	}
}

func checkJSON(t *testing.T, got []byte, want string) {
	t.Helper()
	d, err := jsontest.Diff([]byte(want), got)
	if err != nil {
		t.Fatal(err)
	}
	if d != "" {
		t.Errorf("encoded %s\nwant %s\n%s", got, want, d)
	}
}

func contains(b []byte, s string) bool { return bytes.Contains(b, []byte(s)) }
