package generated_test

import (
	"context"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/eventbind/eventbind/events/onebot12"
	"github.com/eventbind/eventbind/gen"
	"github.com/google/go-cmp/cmp"
)

const oneBotSchema = "../schema/onebot12"

func oneBotModel(t *testing.T) *gen.Model { return loadModel(t, oneBotSchema) }

func decodeOneBot(t *testing.T, data string) onebot12.Event {
	t.Helper()
	ev, err := onebot12.Decode([]byte(data))
	if err != nil {
		t.Fatalf("Decode: %v\n%s", err, data)
	}
	return ev
}

func TestOneBot12ExamplesGolden(t *testing.T) {
	m := oneBotModel(t)
	seed := 0
	for _, ev := range m.Events {
		for _, x := range ev.Examples {
			if strings.HasPrefix(filepath.Base(x.File), "seed_") {
				seed++
			}
		}
	}
	if seed != 7 {
		t.Errorf("schema lists %d seed examples, want the 7 of the seed", seed)
	}
	checkExamples(t, m, oneBotSchema, func(t *testing.T, data []byte) (event, error) {
		ev, err := onebot12.Decode(data)
		if err != nil {
			return nil, err
		}
		return ev, nil
	})
}

func TestOneBot12GeneratedUpToDate(t *testing.T) {
	checkUpToDate(t, oneBotModel(t), "../events/onebot12")
}

const channelCreate = `{"id":"b6e65187","self":{"platform":"qq","user_id":"123234"},"time":1632847927.599013,"type":"notice","detail_type":"channel_create","sub_type":"","guild_id":"12345","channel_id":"12","operator_id":"1234567"}`

// TestOneBot12Extensions: prefixed members are legal, kept and re-encoded,
// and never reported as unknown; an extended sub_type decodes on the known
// event; an extended detail_type is an unknown event.
func TestOneBot12Extensions(t *testing.T) {
	in := strings.Replace(channelCreate, `"sub_type":""`, `"sub_type":"qq.moved","qq.nickname":"n","_x.deep":{"a":[1,2]}`, 1)
	in = strings.Replace(in, `"user_id":"123234"}`, `"user_id":"123234","qq.avatar":"a.png"}`, 1)
	ev, paths, err := onebot12.DecodeOptions{ReportUnknown: true}.Decode([]byte(in))
	if err != nil {
		t.Fatal(err)
	}
	if len(paths) != 0 {
		t.Errorf("extensions reported as unknown: %v", paths)
	}
	cc, ok := ev.(*onebot12.NoticeChannelCreate)
	if !ok {
		t.Fatalf("decoded %T", ev)
	}
	if cc.SubType != "qq.moved" || cc.SubType.Valid() {
		t.Errorf("sub_type = %q (valid %v), want the extended qq.moved", cc.SubType, cc.SubType.Valid())
	}
	if v, ok := cc.Extensions.Get("qq.nickname"); !ok || string(v) != `"n"` {
		t.Errorf("qq.nickname = %q, %v", v, ok)
	}
	if v, ok := cc.Extensions.Get("_x.deep"); !ok || string(v) != `{"a":[1,2]}` {
		t.Errorf("_x.deep = %q, %v", v, ok)
	}
	if _, ok := cc.Self.Extensions.Get("qq.avatar"); !ok {
		t.Errorf("extension inside self not kept")
	}
	sameJSON(t, "with extensions", []byte(in), ev.AppendJSON(nil))

	ext := strings.Replace(channelCreate, `"detail_type":"channel_create"`, `"detail_type":"kook.added_reaction"`, 1)
	u, ok := decodeOneBot(t, ext).(*onebot12.UnknownEvent)
	if !ok || u.Known() || u.EventName() != "notice.kook.added_reaction" || u.Type != "notice" || u.DetailType != "kook.added_reaction" {
		t.Fatalf("extended detail_type decoded as %#v", u)
	}
	sameJSON(t, "extended detail_type", []byte(ext), u.AppendJSON(nil))

	// A known type with a standard but unknown detail_type is unknown too.
	unk := strings.Replace(channelCreate, `"detail_type":"channel_create"`, `"detail_type":"channel_rename"`, 1)
	if ev := decodeOneBot(t, unk); ev.Known() || ev.EventName() != "notice.channel_rename" {
		t.Errorf("unknown detail_type decoded as %q known=%v", ev.EventName(), ev.Known())
	}
	// Unknown members without a prefix are kept and reported, not refused.
	plain := strings.Replace(channelCreate, `"guild_id"`, `"nickname":"x","guild_id"`, 1)
	ev, paths, err = onebot12.DecodeOptions{ReportUnknown: true}.Decode([]byte(plain))
	if err != nil || !cmp.Equal(paths, []string{"nickname"}) {
		t.Errorf("paths %v, err %v; want [nickname]", paths, err)
	}
	sameJSON(t, "unknown member", []byte(plain), ev.AppendJSON(nil))
}

func TestOneBot12MetaWithoutSelf(t *testing.T) {
	hb := `{"id":"b6e65187","time":1632847927.599013,"type":"meta","detail_type":"heartbeat","sub_type":"","interval":5000}`
	ev, paths, err := onebot12.DecodeOptions{ReportUnknown: true}.Decode([]byte(hb))
	if err != nil {
		t.Fatal(err)
	}
	if _, ok := ev.(*onebot12.MetaHeartbeat); !ok || len(paths) != 0 {
		t.Fatalf("decoded %T, unknown %v", ev, paths)
	}
	if _, has := reflect.TypeOf(onebot12.MetaHeartbeat{}).FieldByName("Self"); has {
		t.Errorf("meta events have a Self member")
	}
	sameJSON(t, "heartbeat", []byte(hb), ev.AppendJSON(nil))
	// time as a JSON integer is accepted and stays an integer.
	intTime := strings.Replace(hb, "1632847927.599013", "1632847927", 1)
	sameJSON(t, "integer time", []byte(intTime), decodeOneBot(t, intTime).AppendJSON(nil))
}

// TestOneBot12InvalidEvents: each broken base rule gives an error naming the field.
func TestOneBot12InvalidEvents(t *testing.T) {
	cases := []struct{ name, input, want string }{
		{"no id", strings.Replace(channelCreate, `"id":"b6e65187",`, ``, 1), "id: required field missing"},
		{"id not a string", strings.Replace(channelCreate, `"id":"b6e65187"`, `"id":7`, 1), "id: want string, got number"},
		{"no time", strings.Replace(channelCreate, `"time":1632847927.599013,`, ``, 1), "time: required field missing"},
		{"time as a string", strings.Replace(channelCreate, `1632847927.599013`, `"1632847927.599013"`, 1), "time: want number, got string"},
		{"no type", strings.Replace(channelCreate, `"type":"notice",`, ``, 1), "type: required field missing"},
		{"new type", strings.Replace(channelCreate, `"type":"notice"`, `"type":"alert"`, 1), `type: unknown value "alert"`},
		{"type not a string", strings.Replace(channelCreate, `"type":"notice"`, `"type":1`, 1), "type: want string, got number"},
		{"no detail_type", strings.Replace(channelCreate, `"detail_type":"channel_create",`, ``, 1), "detail_type: required field missing"},
		{"no sub_type", strings.Replace(channelCreate, `"sub_type":"",`, ``, 1), "sub_type: required field missing"},
		{"no self on a notice", strings.Replace(channelCreate, `"self":{"platform":"qq","user_id":"123234"},`, ``, 1), "self: required field missing"},
		{"self.user_id wrong", strings.Replace(channelCreate, `"user_id":"123234"`, `"user_id":123234`, 1), "self.user_id: want string, got number"},
		{"self without platform", strings.Replace(channelCreate, `"platform":"qq",`, ``, 1), "self.platform: required field missing"},
		{"event field missing", strings.Replace(channelCreate, `,"operator_id":"1234567"`, ``, 1), "operator_id: required field missing"},
		{"not an object", `["notice"]`, "want object, got array"},
		// An extended event must still carry all the base fields (onebot-rules).
		{"extended event, bad self", strings.Replace(strings.Replace(channelCreate, `"user_id":"123234"`, `"user_id":123234`, 1), `"channel_create"`, `"qq.poke"`, 1), "self.user_id: want string, got number"},
		{"extended event, no id", strings.Replace(strings.Replace(channelCreate, `"id":"b6e65187",`, ``, 1), `"channel_create"`, `"qq.poke"`, 1), "id: required field missing"},
		{"extended meta event, no time", `{"id":"1","type":"meta","detail_type":"qq.x","sub_type":""}`, "time: required field missing"},
		{"duplicate detail_type", strings.Replace(channelCreate, `"detail_type":"channel_create",`, `"detail_type":"channel_create","detail_type":"channel_delete",`, 1), "detail_type: duplicate member with another value"},
		{"duplicate segment type", `{"id":"1","self":{"platform":"qq","user_id":"2"},"time":1,"type":"message","detail_type":"private","sub_type":"","message_id":"m","message":[{"type":"text","data":{"text":"hi"},"type":"mention"}],"alt_message":"hi","user_id":"3"}`, "message[0].type: duplicate member with another value"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			ev, err := onebot12.Decode([]byte(c.input))
			if err == nil || ev != nil {
				t.Fatalf("Decode = %T, %v; want an error and no event", ev, err)
			}
			if !strings.Contains(err.Error(), c.want) {
				t.Errorf("error %q does not contain %q", err, c.want)
			}
		})
	}
}

func TestOneBot12Segments(t *testing.T) {
	in := `{"id":"1","self":{"platform":"qq","user_id":"2"},"time":1,"type":"message","detail_type":"private","sub_type":"","message_id":"m","message":[{"type":"text","data":{"text":"hi "}},{"type":"mention","data":{"user_id":"3"}},{"type":"qq.face","data":{"id":14}},{"type":"image","data":{"file_id":"f","qq.url":"u"}}],"alt_message":"hi","user_id":"3"}`
	ev := decodeOneBot(t, in)
	msg, ok := ev.(*onebot12.MessagePrivate)
	if !ok {
		t.Fatalf("decoded %T", ev)
	}
	if len(msg.Message) != 4 {
		t.Fatalf("%d segments", len(msg.Message))
	}
	if s, ok := msg.Message[0].(*onebot12.TextSegment); !ok || s.Data.Text != "hi " {
		t.Errorf("segment 0 = %#v", msg.Message[0])
	}
	if s, ok := msg.Message[2].(*onebot12.UnknownSegment); !ok || s.Type != "qq.face" || string(s.Raw) != `{"type":"qq.face","data":{"id":14}}` {
		t.Errorf("segment 2 = %#v", msg.Message[2])
	}
	sameJSON(t, "segments", []byte(in), ev.AppendJSON(nil))

	bad := strings.Replace(in, `{"type":"mention","data":{"user_id":"3"}}`, `{"data":{"user_id":"3"}}`, 1)
	if _, err := onebot12.Decode([]byte(bad)); err == nil || !strings.Contains(err.Error(), "message[1].type: required field missing") {
		t.Errorf("segment without type: %v", err)
	}
	bad = strings.Replace(in, `"user_id":"3"}}`, `"user_id":3}}`, 1)
	if _, err := onebot12.Decode([]byte(bad)); err == nil || !strings.Contains(err.Error(), "message[1].data.user_id: want string, got number") {
		t.Errorf("wrong segment field: %v", err)
	}
}

// TestOneBot12MuxReachesEveryEvent registers a func for every event and checks
// each example reaches its own.
func TestOneBot12MuxReachesEveryEvent(t *testing.T) {
	var mux onebot12.Mux
	got := registerAll(&mux)
	for _, ev := range oneBotModel(t).Events {
		for _, x := range ev.Examples {
			data, err := os.ReadFile(filepath.Join(oneBotSchema, x.File))
			if err != nil {
				t.Fatal(err)
			}
			*got = ""
			if err := onebot12.Dispatch(context.Background(), &mux, decodeOneBot(t, string(data))); err != nil {
				t.Fatal(err)
			}
			if *got != ev.GoName {
				t.Errorf("%s reached Handle%s, want Handle%s", x.File, *got, ev.GoName)
			}
		}
	}
	*got = ""
	ext := strings.Replace(channelCreate, `"detail_type":"channel_create"`, `"detail_type":"qq.poke"`, 1)
	_ = onebot12.Dispatch(context.Background(), &mux, decodeOneBot(t, ext))
	if *got != "Unknown" {
		t.Errorf("extended event reached %q", *got)
	}
}
