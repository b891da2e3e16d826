package generated_test

import (
	"context"
	"strings"
	"testing"

	"github.com/eventbind/eventbind/events/kook"
)

// updated_guild has two variants told apart by d.channel_type (`where` in
// the schema): PERSON is the bot's own view (UpdatedGuildSelf), every other
// value the guild (UpdatedGuild).

type variantRecorder struct {
	kook.NopHandler
	calls []string
}

func (r *variantRecorder) OnUpdatedGuild(context.Context, *kook.UpdatedGuild) error {
	r.calls = append(r.calls, "OnUpdatedGuild")
	return nil
}

func (r *variantRecorder) OnUpdatedGuildSelf(context.Context, *kook.UpdatedGuildSelf) error {
	r.calls = append(r.calls, "OnUpdatedGuildSelf")
	return nil
}

// setChannelType moves d.channel_type of a compact payload to the end
// (after extra, so the discriminators come first) with value v.
func setChannelType(t *testing.T, payload, from, v string) string {
	t.Helper()
	member := `"channel_type":"` + from + `",`
	if !strings.Contains(payload, member) {
		t.Fatalf("no %s in %s", member, payload)
	}
	return strings.TrimSuffix(strings.Replace(payload, member, "", 1), "}") + `,"channel_type":"` + v + `"}`
}

func TestUpdatedGuildVariants(t *testing.T) {
	group := readExample(t, "003_updated_guild.json")
	person := readExample(t, "built_updated_guild.json")
	groupD, personD := payloadOf(t, group), payloadOf(t, person)
	for _, c := range []struct {
		name, in, want string
	}{
		{"GROUP frame", group, "UpdatedGuild"},
		{"PERSON frame", person, "UpdatedGuildSelf"},
		{"GROUP bare", groupD, "UpdatedGuild"},
		{"PERSON bare", personD, "UpdatedGuildSelf"},
		// After extra: the fast path leaves these to the look-ahead.
		{"PERSON last", setChannelType(t, personD, "PERSON", "PERSON"), "UpdatedGuildSelf"},
		{"GROUP last", setChannelType(t, groupD, "GROUP", "GROUP"), "UpdatedGuild"},
		// The default takes every value but PERSON.
		{"BROADCAST", strings.Replace(groupD, `"GROUP"`, `"BROADCAST"`, 1), "UpdatedGuild"},
		{"new channel type", setChannelType(t, groupD, "GROUP", "SPACE"), "UpdatedGuild"},
	} {
		t.Run(c.name, func(t *testing.T) {
			ev := mustDecode(t, c.in)
			var typ string
			switch ev.(type) {
			case *kook.UpdatedGuild:
				typ = "UpdatedGuild"
			case *kook.UpdatedGuildSelf:
				typ = "UpdatedGuildSelf"
			default:
				typ = ev.EventName()
			}
			if typ != c.want {
				t.Fatalf("decoded into %s, want %s", typ, c.want)
			}
			if ev.EventName() != "updated_guild" || !ev.Known() {
				t.Errorf("EventName %q (known %v), want updated_guild", ev.EventName(), ev.Known())
			}
			sameJSON(t, "re-encoding", []byte(c.in), ev.AppendJSON(nil))
			again, err := kook.Decode(ev.AppendJSON(nil))
			if err != nil || again.EventName() != ev.EventName() || typeOf(again) != typeOf(ev) {
				t.Errorf("re-encoding decodes to %T (%v), want %T", again, err, ev)
			}
			r := &variantRecorder{}
			if err := kook.Dispatch(context.Background(), r, ev); err != nil {
				t.Fatal(err)
			}
			if len(r.calls) != 1 || r.calls[0] != "On"+c.want {
				t.Errorf("Dispatch reached %v, want On%s", r.calls, c.want)
			}
			var mux kook.Mux
			got := registerAll(&mux)
			if err := kook.Dispatch(context.Background(), &mux, ev); err != nil {
				t.Fatal(err)
			}
			if *got != c.want {
				t.Errorf("Mux reached Handle%s, want Handle%s", *got, c.want)
			}
		})
	}
}

func typeOf(ev kook.Event) string {
	switch ev.(type) {
	case *kook.UpdatedGuild:
		return "UpdatedGuild"
	case *kook.UpdatedGuildSelf:
		return "UpdatedGuildSelf"
	}
	return "other"
}

// TestUpdatedGuildVariantConflicts: d.channel_type given twice must not make
// an event re-encode as its other variant. The variant is chosen by the first
// value; a scoped variant whose last value differs, or a default whose last
// value is PERSON, is an error, wherever the members stand.
func TestUpdatedGuildVariantConflicts(t *testing.T) {
	groupD := payloadOf(t, readExample(t, "003_updated_guild.json"))
	personD := payloadOf(t, readExample(t, "built_updated_guild.json"))
	const conflict = "d.channel_type: duplicate member with another value than the one the event was chosen by"
	appendMember := func(payload, v string) string {
		return strings.TrimSuffix(payload, "}") + `,"channel_type":"` + v + `"}`
	}
	prependMember := func(payload, v string) string {
		return `{"channel_type":"` + v + `",` + strings.TrimPrefix(payload, "{")
	}
	for _, c := range []struct {
		name, in, want string // want: the error, or the Go type
	}{
		{"PERSON then GROUP", appendMember(personD, "GROUP"), conflict},
		{"PERSON then BROADCAST", appendMember(personD, "BROADCAST"), conflict},
		{"GROUP then PERSON", appendMember(groupD, "PERSON"), conflict},
		// The first value chooses, and each body is the chosen variant's.
		{"GROUP before PERSON", prependMember(strings.Replace(groupD, `"GROUP"`, `"PERSON"`, 1), "GROUP"), conflict},
		{"PERSON before GROUP", prependMember(strings.Replace(personD, `"PERSON"`, `"GROUP"`, 1), "PERSON"), conflict},
		{"PERSON twice", appendMember(personD, "PERSON"), "UpdatedGuildSelf"},
		// Both values choose the default: it re-encodes as the same variant.
		{"GROUP then BROADCAST", appendMember(groupD, "BROADCAST"), "UpdatedGuild"},
		// The variant's body is its own: a PERSON frame with the guild body lacks my_nickname.
		{"PERSON with the guild body", strings.Replace(groupD, `"GROUP"`, `"PERSON"`, 1), "d.extra.body.my_nickname: required field missing"},
	} {
		t.Run(c.name, func(t *testing.T) {
			for _, in := range []string{c.in, `{"s":0,"d":` + c.in + `,"sn":1}`} {
				ev, err := kook.Decode([]byte(in))
				got := typeOf(ev)
				if err != nil {
					got = err.Error()
					if ev != nil {
						t.Errorf("an event came with the error")
					}
				}
				if got != c.want {
					t.Errorf("got %s, want %s\n%s", got, c.want, in)
				}
			}
		})
	}
}
