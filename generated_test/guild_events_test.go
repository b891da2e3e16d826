package generated_test

import (
	"context"
	"strings"
	"testing"

	"github.com/eventbind/eventbind/events/kook"
)

// emojiRecorder records which of the two deletion spellings a Handler got.
type emojiRecorder struct {
	kook.NopHandler
	calls []string
}

func (r *emojiRecorder) OnRemovedEmoji(_ context.Context, ev *kook.RemovedEmoji) error {
	r.calls = append(r.calls, "OnRemovedEmoji:"+ev.Extra.Body.ID)
	return nil
}

func (r *emojiRecorder) OnDeletedEmoji(_ context.Context, ev *kook.DeletedEmoji) error {
	r.calls = append(r.calls, "OnDeletedEmoji:"+ev.Extra.Body.ID)
	return nil
}

// The document spells the emoji deletion removed_emoji, the SDKs written from
// traffic deleted_emoji: each is its own event, keeps its name, and reaches
// its own Handler method, with the same body.
func TestKOOKEmojiDeletionSpellings(t *testing.T) {
	removed := readExample(t, "api-docs-guild_removed_emoji.json")
	deleted := strings.Replace(removed, `"removed_emoji"`, `"deleted_emoji"`, 1)
	r := &emojiRecorder{}
	for _, c := range []struct{ in, name string }{{removed, "removed_emoji"}, {deleted, "deleted_emoji"}} {
		ev := mustDecode(t, c.in)
		if ev.EventName() != c.name || !ev.Known() {
			t.Errorf("decoded as %q (known %v), want %q", ev.EventName(), ev.Known(), c.name)
		}
		sameJSON(t, c.name, []byte(c.in), ev.AppendJSON(nil))
		if err := kook.Dispatch(context.Background(), r, ev); err != nil {
			t.Fatal(err)
		}
	}
	want := []string{"OnRemovedEmoji:xxxxxxxxx/xxxxxxxxx", "OnDeletedEmoji:xxxxxxxxx/xxxxxxxxx"}
	if strings.Join(r.calls, " ") != strings.Join(want, " ") {
		t.Errorf("calls %v, want %v", r.calls, want)
	}
}

// No payload of live_status_changed has been seen: the channel needs only id
// and name, the user only id, username and live_info with the members the
// channel user list API shows.
func TestKOOKLiveStatusChangedMinimal(t *testing.T) {
	in := `{"channel_type":"GROUP","type":255,"target_id":"6016","author_id":"1","content":"[系统消息]",` +
		`"extra":{"type":"live_status_changed","body":{"channel":{"id":"3312","name":"语音频道"},` +
		`"user":{"id":"2418","username":"XXX","live_info":{"in_live":false,"audience_count":0,"live_thumb":null,"live_start_time":0}}}},` +
		`"msg_id":"9a4c","msg_timestamp":1716120000303,"nonce":""}`
	ev, ok := mustDecode(t, in).(*kook.LiveStatusChanged)
	if !ok {
		t.Fatalf("decoded as %T", ev)
	}
	if info := ev.Extra.Body.User.LiveInfo; info.InLive || info.LiveThumb != "" {
		t.Errorf("live_info = %+v", info)
	}
	sameJSON(t, "live_status_changed", []byte(in), ev.AppendJSON(nil))
}
