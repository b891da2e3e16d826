// Package generated_test holds the golden tests of the generated packages
// against every documented example payload.
package generated_test

import (
	"bytes"
	"encoding/json"
	"errors"
	"flag"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/eventbind/eventbind/events/kook"
	"github.com/eventbind/eventbind/gen"
	"github.com/eventbind/eventbind/jsonwire"
	"github.com/google/go-cmp/cmp"
)

var update = flag.Bool("update", false, "rewrite the golden files")

const kookSchema = "../schema/kook"

// kookModel loads the schema so that the tests walk every documented example
// the schema lists, not a list kept by hand.
func kookModel(t *testing.T) *gen.Model { return loadModel(t, kookSchema) }

// checkGolden compares got with the golden file, or rewrites it with -update.
// A missing golden is a failure, never silently created.
func checkGolden(t *testing.T, path, got string) {
	t.Helper()
	if *update {
		if err := os.WriteFile(path, []byte(got), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run go test ./generated_test -update to create it)", err)
	}
	if diff := cmp.Diff(string(want), got); diff != "" {
		t.Errorf("%s differs (-want +got):\n%s", path, diff)
	}
}

// event is what every generated package's Event offers.
type event interface {
	EventName() string
	Known() bool
	RawJSON() []byte
	AppendJSON(b []byte) []byte
}

// checkExamples decodes every example the schema lists: the right event type,
// the value in its golden, and the same JSON document back. It returns how
// many examples it checked.
func checkExamples(t *testing.T, m *gen.Model, schemaDir string, decode func(*testing.T, []byte) (event, error)) int {
	count := 0
	for _, ev := range m.Events {
		if len(ev.Examples) == 0 {
			t.Errorf("event %s has no example", ev.Name)
		}
		for _, x := range ev.Examples {
			count++
			name := strings.TrimSuffix(filepath.Base(x.File), ".json")
			t.Run(name, func(t *testing.T) {
				data, err := os.ReadFile(filepath.Join(schemaDir, x.File))
				if err != nil {
					t.Fatal(err)
				}
				got, err := decode(t, data)
				if err != nil {
					t.Fatalf("Decode: %v", err)
				}
				if got.EventName() != ev.Name || !got.Known() {
					t.Errorf("decoded as %q (known %v), want %q", got.EventName(), got.Known(), ev.Name)
				}
				if typ := reflect.TypeOf(got).Elem().Name(); typ != ev.GoName {
					t.Errorf("decoded into %s, want %s", typ, ev.GoName)
				}
				if string(got.RawJSON()) != string(data) {
					t.Errorf("RawJSON is not the input")
				}
				checkGolden(t, filepath.Join("testdata", m.Platform, name+".golden"), dump(got))
				out, err := json.Marshal(got)
				if err != nil {
					t.Fatal(err)
				}
				sameJSON(t, "re-encoding", data, out)
			})
		}
	}
	return count
}

func TestKOOKExamplesGolden(t *testing.T) {
	count := checkExamples(t, kookModel(t), kookSchema, func(t *testing.T, data []byte) (event, error) {
		ev, err := kook.Decode(data)
		if err != nil {
			return nil, err
		}
		checkBare(t, data)
		return ev, nil
	})
	// Every example file is listed by some event (none lies unused).
	files, err := filepath.Glob(filepath.Join(kookSchema, "testdata", "examples", "*.json"))
	if err != nil {
		t.Fatal(err)
	}
	if count != len(files) {
		t.Errorf("schema lists %d examples, testdata/examples has %d files", count, len(files))
	}
}

// checkBare decodes the frame's d on its own: same event, same JSON back.
func checkBare(t *testing.T, frame []byte) {
	t.Helper()
	var f struct{ D json.RawMessage }
	if err := json.Unmarshal(frame, &f); err != nil {
		t.Fatal(err)
	}
	ev, err := kook.Decode(f.D)
	if err != nil {
		t.Fatalf("Decode(bare d): %v", err)
	}
	if reflect.ValueOf(ev).Elem().FieldByName("Frame").FieldByName("Set").Bool() {
		t.Errorf("bare d decoded with a Frame")
	}
	sameJSON(t, "bare d", f.D, ev.AppendJSON(nil))
}

func mustDecode(t *testing.T, data string) kook.Event {
	t.Helper()
	ev, err := kook.Decode([]byte(data))
	if err != nil {
		t.Fatalf("Decode: %v\n%s", err, data)
	}
	return ev
}

func readExample(t *testing.T, name string) string {
	t.Helper()
	data, err := os.ReadFile(filepath.Join(kookSchema, "testdata", "examples", name))
	if err != nil {
		t.Fatal(err)
	}
	return string(data)
}

// payloadOf returns the compact "d" of a frame.
func payloadOf(t *testing.T, frame string) string {
	t.Helper()
	var f struct{ D json.RawMessage }
	if err := json.Unmarshal([]byte(frame), &f); err != nil {
		t.Fatal(err)
	}
	var b bytes.Buffer
	if err := json.Compact(&b, f.D); err != nil {
		t.Fatal(err)
	}
	return b.String()
}

// TestKOOKReconciledVariants checks each difference between the older page
// (003) and the newer ones (000, 001) on the examples of both versions.
func TestKOOKReconciledVariants(t *testing.T) {
	t.Run("body channel_type", func(t *testing.T) {
		for _, name := range []string{"added_reaction", "deleted_reaction", "updated_message", "deleted_message", "pinned_message", "unpinned_message"} {
			older := reflect.ValueOf(mustDecode(t, readExample(t, "003_"+name+".json"))).Elem()
			newer := reflect.ValueOf(mustDecode(t, readExample(t, "001_"+name+".json"))).Elem()
			ct := func(v reflect.Value) jsonwire.Opt[kook.ChannelKind] {
				return v.FieldByName("Extra").FieldByName("Body").FieldByName("ChannelType").Interface().(jsonwire.Opt[kook.ChannelKind])
			}
			if got := ct(older); got.Set {
				t.Errorf("003 %s: channel_type set to %v, the page has none", name, got.Value)
			}
			if got := ct(newer); !got.Set || got.Value != kook.ChannelKindText {
				t.Errorf("001 %s: channel_type = %+v, want set to ChannelKindText", name, got)
			}
		}
	})
	t.Run("deleted_channel type", func(t *testing.T) {
		older := mustDecode(t, readExample(t, "003_deleted_channel.json")).(*kook.DeletedChannel)
		newer := mustDecode(t, readExample(t, "001_deleted_channel.json")).(*kook.DeletedChannel)
		if older.Extra.Body.Type.Set || !newer.Extra.Body.Type.Set || newer.Extra.Body.Type.Value != kook.ChannelKindText {
			t.Errorf("type: 003 %+v, 001 %+v", older.Extra.Body.Type, newer.Extra.Body.Type)
		}
	})
	t.Run("self_joined_guild state", func(t *testing.T) {
		older := mustDecode(t, readExample(t, "003_self_joined_guild.json")).(*kook.SelfJoinedGuild)
		newer := mustDecode(t, readExample(t, "000_self_joined_guild.json")).(*kook.SelfJoinedGuild)
		if older.Extra.Body.State.Set || newer.Extra.Body.State != jsonwire.Some("yyy") {
			t.Errorf("state: 003 %+v, 000 %+v", older.Extra.Body.State, newer.Extra.Body.State)
		}
	})
	t.Run("channel level null or int", func(t *testing.T) {
		for _, name := range []string{"added_channel", "updated_channel"} {
			older := reflect.ValueOf(mustDecode(t, readExample(t, "003_"+name+".json"))).Elem()
			newer := reflect.ValueOf(mustDecode(t, readExample(t, "001_"+name+".json"))).Elem()
			level := func(v reflect.Value) jsonwire.Null[int] {
				return v.FieldByName("Extra").FieldByName("Body").FieldByName("Level").Interface().(jsonwire.Null[int])
			}
			if got := level(older); got.Valid {
				t.Errorf("003 %s: level %+v, want null", name, got)
			}
			if got := level(newer); got != jsonwire.NotNull(12) {
				t.Errorf("001 %s: level %+v, want 12", name, got)
			}
		}
	})
	t.Run("permission_users with full users", func(t *testing.T) {
		ev := mustDecode(t, readExample(t, "001_added_channel.json")).(*kook.AddedChannel)
		pu := ev.Extra.Body.PermissionUsers
		if len(pu) != 1 || pu[0].User.Username != "花荣" || pu[0].User.Online != jsonwire.Some(true) || pu[0].User.JoinedAt != jsonwire.Some(int64(1602596021000)) {
			t.Errorf("permission_users = %+v", pu)
		}
	})
	t.Run("message_btn_click user_info", func(t *testing.T) {
		// 000 lists user_info in its table but its example omits it: both shapes decode.
		without := readExample(t, "000_message_btn_click.json")
		ev := mustDecode(t, without).(*kook.MessageBtnClick)
		if ev.Extra.Body.UserInfo != nil {
			t.Errorf("user_info set on a frame without it")
		}
		with := strings.Replace(without, `"target_id": ""`, `"target_id": "", "user_info": {"id": "2418200000", "username": "tz-un", "identify_num": "5618", "avatar": "https://img.kaiheila.cn/avatars/a.jpg", "roles": [111], "bot": false}`, 1)
		ev = mustDecode(t, with).(*kook.MessageBtnClick)
		u := ev.Extra.Body.UserInfo
		if u == nil || u.ID != "2418200000" || u.Username != "tz-un" || len(u.Roles.Value) != 1 {
			t.Errorf("user_info = %+v", u)
		}
		sameJSON(t, "with user_info", []byte(with), ev.AppendJSON(nil))
	})
	t.Run("channel_type string in d, int in body", func(t *testing.T) {
		ev := mustDecode(t, readExample(t, "001_added_reaction.json")).(*kook.AddedReaction)
		if ev.ChannelType != kook.ChannelTypeGroup || ev.Extra.Body.ChannelType.Value != kook.ChannelKindText {
			t.Errorf("d.channel_type %v, body channel_type %v", ev.ChannelType, ev.Extra.Body.ChannelType)
		}
	})
}

// TestKOOKDecodeErrors checks that wrong input gives an error naming the
// place, and never an event with it.
func TestKOOKDecodeErrors(t *testing.T) {
	joined := readExample(t, "003_joined_guild.json")
	channel := readExample(t, "001_added_channel.json")
	text := readExample(t, "003_text_message.json")
	bareJoined := payloadOf(t, joined)
	cases := []struct {
		name, input, want string
	}{
		{"wrong type deep", strings.Replace(joined, `"joined_at": 1612774315000`, `"joined_at": "yesterday"`, 1), "d.extra.body.joined_at: want number, got string"},
		{"required missing", strings.Replace(joined, `"user_id": "3891000000",`, ``, 1), "d.extra.body.user_id: required field missing"},
		{"inside array element", strings.Replace(channel, `"online": true`, `"online": "yes"`, 1), "d.extra.body.permission_users[0].user.online: want boolean, got string"},
		{"no d.type", `{"s":0,"d":{"channel_type":"GROUP"},"sn":1}`, "d.type: required field missing"},
		{"system event without extra.type", `{"s":0,"d":{"type":255,"extra":{"body":{}}}}`, "d.extra.type: required field missing"},
		{"system extra.type not a string", `{"s":0,"d":{"type":255,"extra":{"type":1}}}`, "d.extra.type: want string, got number"},
		{"d.type not a number", `{"type":"255"}`, "d.type: want number, got string"},
		{"not an object", `[1,2]`, "want object, got array"},
		{"truncated", joined[:len(joined)/2], "unexpected end of input"},
		{"trailing data", joined + "{}", "unexpected data after the top-level value"},
		{"non-integer int", strings.Replace(joined, `"joined_at": 1612774315000`, `"joined_at": 1.5`, 1), "d.extra.body.joined_at: want integer"},
		{"null for a non-nullable", strings.Replace(joined, `"user_id": "3891000000"`, `"user_id": null`, 1), "d.extra.body.user_id: want string, got null"},
		{"frame s wrong", strings.Replace(joined, `"s": 0`, `"s": "0"`, 1), "s: want number, got string"},
		// Dispatch reads the first of duplicate keys, decoding keeps the
		// last: a disagreement would re-encode as another event.
		{"duplicate d.type", strings.Replace(text, `"type": 1,`, `"type": 1, "type": 9,`, 1), "d.type: duplicate member with another value"},
		{"duplicate d.extra.type", strings.Replace(joined, `"type": "joined_guild",`, `"type": "joined_guild", "type": "exited_guild",`, 1), "d.extra.type: duplicate member with another value"},
		{"duplicate payload", `{"s":0,"d":` + bareJoined + `,"d":` + bareJoined + `}`, "d: duplicate member"},
		{"payload not an object", `{"s":0,"d":[]}`, "d: want object, got array"},
		{"error before the payload", `{"s":0,"x":tru,"d":` + bareJoined + `}`, "x: invalid character"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			ev, err := kook.Decode([]byte(c.input))
			if err == nil {
				t.Fatalf("no error, decoded %T", ev)
			}
			if ev != nil {
				t.Errorf("error came with an event %T", ev)
			}
			if !strings.Contains(err.Error(), c.want) {
				t.Errorf("error %q does not contain %q", err, c.want)
			}
			var werr *jsonwire.Error
			if !errors.As(err, &werr) {
				t.Errorf("error is %T, want *jsonwire.Error", err)
			}
		})
	}
}

func TestKOOKUnknownEvents(t *testing.T) {
	cases := []struct {
		name, input, event string
	}{
		{"new message type", `{"s":0,"d":{"type":99,"channel_type":"GROUP","extra":{"type":99,"x":[1,{"y":null}]}},"sn":7}`, "message_99"},
		{"new system event", `{"s":0,"d":{"type":255,"extra":{"type":"brand_new_event","body":{"a":"b"}}},"sn":8}`, "brand_new_event"},
		{"bare new system event", `{"type":255,"extra":{"type":"brand_new_event","body":{}}}`, "brand_new_event"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			ev := mustDecode(t, c.input)
			u, ok := ev.(*kook.UnknownEvent)
			if !ok || ev.Known() || ev.EventName() != c.event {
				t.Fatalf("decoded %T %q known=%v, want UnknownEvent %q", ev, ev.EventName(), ev.Known(), c.event)
			}
			if u.Type == 0 {
				t.Errorf("UnknownEvent.Type not set")
			}
			sameJSON(t, "unknown event", []byte(c.input), ev.AppendJSON(nil))
		})
	}
}

// TestKOOKUnknownFieldsKept checks that members the schema does not model are
// kept, re-encoded and reported by path.
func TestKOOKUnknownFieldsKept(t *testing.T) {
	in := readExample(t, "003_text_message.json")
	in = strings.Replace(in, `"content": "dddd",`, `"content": "dddd", "quote": {"id": "q1", "list": [1, 2]},`, 1)
	in = strings.Replace(in, `"nickname": "xxxxx",`, `"nickname": "xxxxx", "avatar_frame": "v.png",`, 1)
	in = strings.Replace(in, `"sn": 2199`, `"sn": 2199, "extra_frame_key": true`, 1)
	ev, paths, err := kook.DecodeOptions{ReportUnknown: true}.Decode([]byte(in))
	if err != nil {
		t.Fatal(err)
	}
	want := []string{"d.quote", "d.extra.author.avatar_frame", "extra_frame_key"}
	if diff := cmp.Diff(want, paths); diff != "" {
		t.Errorf("unknown paths (-want +got):\n%s", diff)
	}
	msg := ev.(*kook.TextMessage)
	if len(msg.UnknownFields) != 1 || msg.UnknownFields[0].Key != "quote" {
		t.Errorf("UnknownFields = %+v", msg.UnknownFields)
	}
	sameJSON(t, "with unknown fields", []byte(in), ev.AppendJSON(nil))
}
