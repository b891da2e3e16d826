package generated_test

import (
	"encoding/json"
	"io"
	"strings"
	"testing"

	"github.com/eventbind/eventbind/events/kook"
	"github.com/eventbind/eventbind/events/onebot12"
	"github.com/eventbind/eventbind/jsonwire"
)

// TestDecodeLimits: each limit gives an error that names its place, and
// input within the limits decodes as before.
func TestDecodeLimits(t *testing.T) {
	text := readExample(t, "003_text_message.json")
	cases := []struct {
		name   string
		limits jsonwire.Limits
		input  string
		want   string
	}{
		{"frame size", jsonwire.Limits{MaxBytes: 100}, text, "offset 100: document of"},
		// Keys count too (longestString).
		{"string length", jsonwire.Limits{MaxString: 60}, strings.Replace(text, `"dddd"`, `"`+strings.Repeat("d", 61)+`"`, 1), "d.content: string longer than the limit of 60 bytes"},
		{"string length, escaped", jsonwire.Limits{MaxString: 60}, strings.Replace(text, `"dddd"`, `"`+strings.Repeat(`\n`, 61)+`"`, 1), "d.content: string longer than the limit of 60 bytes"},
		{"depth", jsonwire.Limits{MaxDepth: 3}, text, "d.extra.mention: nesting deeper than 3"},
		{"depth of an unknown member", jsonwire.Limits{MaxDepth: 8}, strings.Replace(text, `"nonce": "",`, `"nonce": "", "deep": `+strings.Repeat("[", 100)+strings.Repeat("]", 100)+`,`, 1), "d.deep: nesting deeper than 8"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			ev, _, err := kook.DecodeOptions{Limits: c.limits}.Decode([]byte(c.input))
			if err == nil || ev != nil {
				t.Fatalf("Decode = %T, %v; want an error and no event", ev, err)
			}
			if !strings.Contains(err.Error(), c.want) {
				t.Errorf("error %q does not contain %q", err, c.want)
			}
		})
	}
	// The defaults leave documented frames alone, and limits just large
	// enough do too.
	opts := kook.DecodeOptions{Limits: jsonwire.Limits{MaxBytes: len(text), MaxString: longestString(t, text), MaxDepth: 5}}
	if _, _, err := opts.Decode([]byte(text)); err != nil {
		t.Errorf("frame at its limits: %v", err)
	}
	opts.Limits.MaxString--
	if _, _, err := opts.Decode([]byte(text)); err == nil {
		t.Errorf("MaxString %d, one less than the longest string: no error", opts.Limits.MaxString)
	}
}

// TestDecodeDeepNesting: 100,000 levels get an error, not a crash, in both
// platforms and both in a known member and an unknown one.
func TestDecodeDeepNesting(t *testing.T) {
	deep := strings.Repeat("[", 100000) + strings.Repeat("]", 100000)
	for name, input := range map[string]string{
		"kook payload":      `{"s":0,"d":` + deep + `}`,
		"kook unknown":      `{"s":0,"x":` + deep + `,"d":{}}`,
		"kook whole":        deep,
		"onebot unknown":    `{"id":"1","x":` + deep + `}`,
		"onebot known deep": `{"id":"1","time":1,"type":"message","detail_type":"private","sub_type":"","message":` + deep + `}`,
	} {
		t.Run(name, func(t *testing.T) {
			var err error
			if strings.HasPrefix(name, "kook") {
				_, err = kook.Decode([]byte(input))
			} else {
				_, err = onebot12.Decode([]byte(input))
			}
			if err == nil {
				t.Fatal("no error")
			}
			if len(err.Error()) > 200 {
				t.Errorf("error of %d bytes", len(err.Error()))
			}
		})
	}
}

// TestDecodeKeepsNoAlias: the event owns its text; changing the input
// afterwards changes nothing, and RawJSON hands out a copy.
func TestDecodeKeepsNoAlias(t *testing.T) {
	input := []byte(readExample(t, "003_text_message.json"))
	ev, err := kook.Decode(input)
	if err != nil {
		t.Fatal(err)
	}
	before := string(ev.AppendJSON(nil))
	for i := range input {
		input[i] = ' '
	}
	if after := string(ev.AppendJSON(nil)); after != before {
		t.Fatalf("the event changed with its input:\n%s\n%s", before, after)
	}
	raw := ev.RawJSON()
	raw[0] = 'x'
	if ev.RawJSON()[0] == 'x' {
		t.Errorf("RawJSON returns the event's own buffer")
	}
}

// TestDecodeBarePayload: a payload without its frame decodes, with paths
// under d, and with Frame nil.
func TestDecodeBarePayload(t *testing.T) {
	joined := payloadOf(t, readExample(t, "003_joined_guild.json"))
	ev, err := kook.Decode([]byte(joined))
	if err != nil {
		t.Fatal(err)
	}
	if g, ok := ev.(*kook.JoinedGuild); !ok || g.Frame.Set {
		t.Fatalf("bare payload decoded to %#v", ev)
	}
	_, err = kook.Decode([]byte(strings.Replace(joined, `"user_id":"3891000000"`, `"user_id":3`, 1)))
	if err == nil || err.Error() != "d.extra.body.user_id: want string, got number" {
		t.Errorf("error in a bare payload: %v", err)
	}
}

// longestString is the length in bytes of the longest string, key or value,
// in the JSON text, as encoding/json reads it.
func longestString(t *testing.T, text string) int {
	t.Helper()
	dec := json.NewDecoder(strings.NewReader(text))
	longest := 0
	for {
		tok, err := dec.Token()
		if err == io.EOF {
			return longest
		}
		if err != nil {
			t.Fatal(err)
		}
		if s, ok := tok.(string); ok && len(s) > longest {
			longest = len(s)
		}
	}
}
