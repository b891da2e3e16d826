package generated_test

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"reflect"
	"testing"

	"github.com/eventbind/eventbind/events/kook"
)

// recorder records which Handler method each event reached.
type recorder struct {
	kook.NopHandler
	calls []string
}

func (r *recorder) OnAddedReaction(_ context.Context, ev *kook.AddedReaction) error {
	r.calls = append(r.calls, "OnAddedReaction")
	return nil
}

func (r *recorder) OnTextMessage(_ context.Context, ev *kook.TextMessage) error {
	r.calls = append(r.calls, "OnTextMessage")
	return errors.New("handler error")
}

func (r *recorder) OnUnknown(_ context.Context, ev *kook.UnknownEvent) error {
	r.calls = append(r.calls, "OnUnknown:"+ev.EventName())
	return nil
}

func TestKOOKDispatch(t *testing.T) {
	ctx := context.Background()
	r := &recorder{}
	for _, in := range []string{
		readExample(t, "001_added_reaction.json"),
		readExample(t, "003_text_message.json"),
		readExample(t, "003_joined_guild.json"), // NopHandler
		`{"type":255,"extra":{"type":"brand_new"}}`,
	} {
		err := kook.Dispatch(ctx, r, mustDecode(t, in))
		if ev := mustDecode(t, in); ev.EventName() == "text_message" {
			if err == nil || err.Error() != "handler error" {
				t.Errorf("handler error not returned: %v", err)
			}
		} else if err != nil {
			t.Errorf("%s: %v", ev.EventName(), err)
		}
	}
	want := []string{"OnAddedReaction", "OnTextMessage", "OnUnknown:brand_new"}
	if !reflect.DeepEqual(r.calls, want) {
		t.Errorf("calls %v, want %v", r.calls, want)
	}
	if err := kook.Dispatch(ctx, r, nil); err == nil {
		t.Errorf("Dispatch(nil) gave no error")
	}
}

// TestKOOKMuxReachesEveryEvent registers a func for every event through the
// Mux's Handle methods and checks each documented example reaches its own.
func TestKOOKMuxReachesEveryEvent(t *testing.T) {
	var mux kook.Mux
	got := registerAll(&mux)
	m := kookModel(t)
	for _, ev := range m.Events {
		for _, x := range ev.Examples {
			data, err := os.ReadFile(filepath.Join(kookSchema, x.File))
			if err != nil {
				t.Fatal(err)
			}
			*got = ""
			if err := kook.Dispatch(context.Background(), &mux, mustDecode(t, string(data))); err != nil {
				t.Fatal(err)
			}
			if *got != ev.GoName {
				t.Errorf("%s reached Handle%s, want Handle%s", x.File, *got, ev.GoName)
			}
		}
	}
	*got = ""
	_ = kook.Dispatch(context.Background(), &mux, mustDecode(t, `{"type":77}`))
	if *got != "Unknown" {
		t.Errorf("unknown event reached %q", *got)
	}
	var empty kook.Mux
	if err := kook.Dispatch(context.Background(), &empty, mustDecode(t, `{"type":77}`)); err != nil {
		t.Errorf("empty Mux: %v", err)
	}
}
