package kook_test

import (
	"context"
	"encoding/json"
	"fmt"
	"strings"

	"github.com/eventbind/eventbind/events/kook"
)

const reactionFrame = `{"s":0,"d":{"channel_type":"GROUP","type":255,"target_id":"6016","author_id":"1","content":"[系统消息]","extra":{"type":"added_reaction","body":{"channel_id":"5823","channel_type":1,"emoji":{"id":"[#128226;]","name":"[#128226;]"},"user_id":"2418","msg_id":"59de"}},"msg_id":"abcd","msg_timestamp":1612703779612,"nonce":"","verify_token":"xxxx"},"sn":1}`

func ExampleDecode() {
	ev, err := kook.Decode([]byte(reactionFrame))
	if err != nil {
		fmt.Println(err)
		return
	}
	switch ev := ev.(type) {
	case *kook.AddedReaction:
		body := ev.Extra.Body
		fmt.Println(ev.EventName(), body.UserID, body.Emoji.Name, body.ChannelType.Value)
	case *kook.UnknownEvent:
		fmt.Println("not in the schema yet:", ev.EventName())
	}
	// Output: added_reaction 2418 [#128226;] Text
}

func ExampleDecode_error() {
	_, err := kook.Decode([]byte(`{"s":0,"d":{"type":255,"extra":{"type":"joined_guild","body":{"user_id":"1","joined_at":"now"}}}}`))
	fmt.Println(err)
	// Output: d.extra.body.joined_at: want number, got string
}

func ExampleDecode_unknownEvent() {
	ev, _ := kook.Decode([]byte(`{"s":0,"d":{"type":255,"extra":{"type":"brand_new_event","body":{}}},"sn":9}`))
	out, _ := json.Marshal(ev)
	fmt.Println(ev.Known(), ev.EventName(), string(out))
	// Output: false brand_new_event {"s":0,"sn":9,"d":{"type":255,"extra":{"type":"brand_new_event","body":{}}}}
}

func ExampleDecodeOptions_Decode() {
	// The body's msg_id as a number, where the schema says string, and "mood",
	// a member the schema does not model.
	frame := strings.Replace(reactionFrame, `"msg_id":"59de"`, `"msg_id":59,"mood":"ok"`, 1)
	ev, unknown, err := kook.DecodeOptions{Recover: true, ReportUnknown: true}.Decode([]byte(frame))
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(ev.EventName(), unknown)
	for _, p := range ev.Problems() {
		fmt.Printf("%s: %s\n", p.Path, p.Msg)
	}
	// Re-encoding writes the skipped value back as it came.
	fmt.Println(strings.Contains(string(ev.AppendJSON(nil)), `"msg_id":59,`))
	// Output:
	// added_reaction [d.extra.body.mood]
	// d.extra.body.msg_id: want string, got number
	// true
}

func ExampleDecodeOptions_DecodeSignal() {
	sig, _, err := kook.DecodeOptions{}.DecodeSignal([]byte(`{"s":1,"d":{"code":0,"session_id":"S1"}}`))
	if err != nil {
		fmt.Println(err)
		return
	}
	if hello, ok := sig.(*kook.HelloSignal); ok {
		fmt.Println(sig.SignalName(), hello.D.Code == kook.HelloCodeOK, hello.SessionID())
	}
	// Output: hello true S1
}

// reactions handles only reaction events; NopHandler ignores the rest.
type reactions struct {
	kook.NopHandler
}

func (reactions) OnAddedReaction(_ context.Context, ev *kook.AddedReaction) error {
	fmt.Println("reaction by", ev.Extra.Body.UserID)
	return nil
}

func ExampleDispatch() {
	ev, _ := kook.Decode([]byte(reactionFrame))
	_ = kook.Dispatch(context.Background(), reactions{}, ev)
	// Output: reaction by 2418
}

func ExampleMux() {
	var mux kook.Mux
	mux.HandleAddedReaction(func(_ context.Context, ev *kook.AddedReaction) error {
		fmt.Println("emoji", ev.Extra.Body.Emoji.ID)
		return nil
	})
	mux.HandleUnknown(func(_ context.Context, ev *kook.UnknownEvent) error {
		fmt.Println("unknown", ev.EventName())
		return nil
	})
	ev, _ := kook.Decode([]byte(reactionFrame))
	_ = kook.Dispatch(context.Background(), &mux, ev)
	// Output: emoji [#128226;]
}

// Every kind of message has the same Extra, a MessageExtra: one function
// serves them all.
func ExampleMessageExtra() {
	onMessage := func(d *kook.EventData, x *kook.MessageExtra) error {
		fmt.Println(x.Type, "from", x.Author.Username+":", d.Content)
		return nil
	}
	var mux kook.Mux
	mux.HandleTextMessage(func(_ context.Context, ev *kook.TextMessage) error { return onMessage(&ev.EventData, &ev.Extra) })
	mux.HandleKMarkdownMessage(func(_ context.Context, ev *kook.KMarkdownMessage) error { return onMessage(&ev.EventData, &ev.Extra) })
	for _, frame := range []string{
		`{"s":0,"sn":1,"d":{"channel_type":"GROUP","type":1,"target_id":"1","author_id":"2","content":"hi","msg_id":"a","msg_timestamp":1,"nonce":"","extra":{"type":1,"author":{"id":"2","username":"ann","identify_num":"1","online":true,"avatar":"","bot":false}}}}`,
		`{"s":0,"sn":2,"d":{"channel_type":"GROUP","type":9,"target_id":"1","author_id":"3","content":"**hey**","msg_id":"b","msg_timestamp":2,"nonce":"","extra":{"type":9,"author":{"id":"3","username":"bo","identify_num":"1","online":true,"avatar":"","bot":false}}}}`,
	} {
		ev, err := kook.Decode([]byte(frame))
		if err != nil {
			fmt.Println(err)
			return
		}
		_ = kook.Dispatch(context.Background(), &mux, ev)
	}
	// Output:
	// Text from ann: hi
	// KMarkdown from bo: **hey**
}
