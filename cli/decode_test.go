package cli

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/google/go-cmp/cmp"
)

// Hand-written frames. They are kept literal (not built from maps) so that the
// order of members, which --strict reports in, is the order written here.
const (
	// textFrame is a clean text message; textD is its d.
	textAuthor = `{"id":"1","username":"u","identify_num":"0001","avatar":"https://a/b.png","nickname":"n","roles":[]}`
	textExtra  = `{"type":1,"guild_id":"g","channel_name":"c","mention":[],"mention_all":false,"mention_roles":[],"mention_here":false,"author":` + textAuthor + `}`
	textD      = `{"channel_type":"GROUP","type":1,"target_id":"t","author_id":"1","content":"hi","msg_id":"m","msg_timestamp":1607674740160,"nonce":"","extra":` + textExtra + `}`
	textFrame  = `{"s":0,"d":` + textD + `,"sn":7}`

	// joinedGuildFrame is a clean joined_guild system event.
	joinedGuildFrame = `{"s":0,"d":{"channel_type":"GROUP","type":255,"target_id":"g","author_id":"1","content":"[系统消息]","extra":{"type":"joined_guild","body":{"user_id":"3891000000","joined_at":1612774315000}},"msg_id":"m","msg_timestamp":1612774315732,"nonce":""},"sn":15}`
)

// TestDecodeExamplesStdin feeds all the example frames, compacted one per
// line, on stdin: each output line must carry the input line number, platform
// kook, known true, the event named by the file, and the input as its value.
func TestDecodeExamplesStdin(t *testing.T) {
	examples := loadExamples(t)
	var frames [][]byte
	for _, ex := range examples {
		frames = append(frames, ex.frame)
	}
	for _, tc := range []struct {
		name   string
		flags  []string
		strict bool
	}{
		{name: "default", flags: nil},
		{name: "platform kook", flags: []string{"--platform", "kook"}},
		{name: "strict", flags: []string{"--strict"}, strict: true},
	} {
		t.Run(tc.name, func(t *testing.T) {
			code, stdout, stderr := runCLI(t, append([]string{"decode"}, tc.flags...), jsonl(frames...))
			if code != 0 {
				t.Errorf("exit status %d, want 0; stderr: %s", code, stderr)
			}
			if stderr != "" {
				t.Errorf("stderr = %q, want empty", stderr)
			}
			out := parseOutput(t, stdout, tc.strict)
			if len(out) != len(examples) {
				t.Fatalf("%d output lines, want %d", len(out), len(examples))
			}
			for i, ex := range examples {
				t.Run(ex.file, func(t *testing.T) {
					wantDecoded(t, out[i], i+1, ex.event, true, ex.frame)
					if tc.strict && len(out[i].Unknown) != 0 {
						t.Errorf("unknown_fields = %q, want [] for a documented frame", out[i].Unknown)
					}
				})
			}
		})
	}
}

// TestDecodeExamplesFiles gives the example frames as two FILE arguments: line
// numbers continue across files, and stdin is not read.
func TestDecodeExamplesFiles(t *testing.T) {
	examples := loadExamples(t)
	const split = 20
	for _, tc := range []struct {
		name          string
		firstFinalNL  bool // whether the first file ends with a newline
		secondFinalNL bool
	}{
		{name: "newline terminated", firstFinalNL: true, secondFinalNL: true},
		{name: "no final newlines", firstFinalNL: false, secondFinalNL: false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			dir := t.TempDir()
			write := func(name string, exs []example, finalNL bool) string {
				var lines []string
				for _, ex := range exs {
					lines = append(lines, string(ex.frame))
				}
				text := strings.Join(lines, "\n")
				if finalNL {
					text += "\n"
				}
				path := filepath.Join(dir, name)
				if err := os.WriteFile(path, []byte(text), 0o644); err != nil {
					t.Fatal(err)
				}
				return path
			}
			first := write("first.jsonl", examples[:split], tc.firstFinalNL)
			second := write("second.jsonl", examples[split:], tc.secondFinalNL)
			// stdin holds a bad line: it must be ignored when files are given.
			code, stdout, stderr := runCLI(t, []string{"decode", first, second}, "not json\n")
			if code != 0 {
				t.Errorf("exit status %d, want 0; stderr: %s", code, stderr)
			}
			out := parseOutput(t, stdout, false)
			if len(out) != len(examples) {
				t.Fatalf("%d output lines, want %d", len(out), len(examples))
			}
			for i, ex := range examples {
				t.Run(ex.file, func(t *testing.T) {
					wantDecoded(t, out[i], i+1, ex.event, true, ex.frame)
				})
			}
		})
	}
}

// TestDecodeBareD feeds the d object of every documented frame on its own: the
// event is the same and the value is the bare d.
func TestDecodeBareD(t *testing.T) {
	examples := loadExamples(t)
	var bare [][]byte
	for _, ex := range examples {
		bare = append(bare, ex.bare)
	}
	for _, strict := range []bool{false, true} {
		name, args := "default", []string{"decode"}
		if strict {
			name, args = "strict", []string{"decode", "--strict"}
		}
		t.Run(name, func(t *testing.T) {
			code, stdout, stderr := runCLI(t, args, jsonl(bare...))
			if code != 0 {
				t.Errorf("exit status %d, want 0; stderr: %s", code, stderr)
			}
			out := parseOutput(t, stdout, strict)
			if len(out) != len(examples) {
				t.Fatalf("%d output lines, want %d", len(out), len(examples))
			}
			for i, ex := range examples {
				t.Run(ex.file, func(t *testing.T) {
					wantDecoded(t, out[i], i+1, ex.event, true, ex.bare)
					if strict && len(out[i].Unknown) != 0 {
						t.Errorf("unknown_fields = %q, want []", out[i].Unknown)
					}
				})
			}
		})
	}
}

// TestDecodeUnknownEvents checks events the schema does not know: an unknown
// message type is message_<d.type>, an unknown system event is its
// extra.type; both are known false and keep the raw input as value.
func TestDecodeUnknownEvents(t *testing.T) {
	tests := []struct {
		name  string
		input string
		event string
	}{
		{
			name:  "message type 99 frame",
			input: strings.Replace(textFrame, `"type":1,"target_id"`, `"type":99,"target_id"`, 1),
			event: "message_99",
		},
		{
			name:  "message type 99 bare",
			input: strings.Replace(textD, `"type":1,"target_id"`, `"type":99,"target_id"`, 1),
			event: "message_99",
		},
		{
			name:  "message type 99 with a shape the schema does not have",
			input: `{"s":0,"d":{"type":99,"channel_type":"GROUP","poll":{"options":[{"id":1,"label":"a"},{"id":2,"label":"😀"}]},"ratio":1.50,"nil":null},"sn":1}`,
			event: "message_99",
		},
		{
			name:  "message type 7 (gap in the known types)",
			input: strings.Replace(textFrame, `"type":1,"target_id"`, `"type":7,"target_id"`, 1),
			event: "message_7",
		},
		{
			name:  "system event brand_new_event frame",
			input: `{"s":0,"d":{"channel_type":"GROUP","type":255,"target_id":"g","author_id":"1","content":"[系统消息]","extra":{"type":"brand_new_event","body":{"x":[1,2,{"y":"z"}],"when":1612774315000}},"msg_id":"m","msg_timestamp":1612774315732,"nonce":""},"sn":16}`,
			event: "brand_new_event",
		},
		{
			name:  "system event brand_new_event bare",
			input: `{"channel_type":"GROUP","type":255,"target_id":"g","author_id":"1","content":"[系统消息]","extra":{"type":"brand_new_event","body":{}},"msg_id":"m","msg_timestamp":1612774315732,"nonce":""}`,
			event: "brand_new_event",
		},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			// A known frame after it must still decode.
			code, stdout, stderr := runCLI(t, []string{"decode"}, jsonl([]byte(tc.input), []byte(textFrame)))
			if code != 0 {
				t.Errorf("exit status %d, want 0; stderr: %s", code, stderr)
			}
			out := parseOutput(t, stdout, false)
			if len(out) != 2 {
				t.Fatalf("%d output lines, want 2:\n%s", len(out), stdout)
			}
			wantDecoded(t, out[0], 1, tc.event, false, []byte(tc.input))
			wantDecoded(t, out[1], 2, "text_message", true, []byte(textFrame))
		})
	}
}

// TestDecodeStrictUnknownFields checks the unknown_fields of --strict: the
// JSON paths of the members the schema does not model, in input order,
// arrays as [i], and [] for a clean frame. The value still holds them.
func TestDecodeStrictUnknownFields(t *testing.T) {
	// An added_channel frame; %PU% is replaced by its permission_users array.
	const addedChannel = `{"s":0,"d":{"channel_type":"GROUP","type":255,"target_id":"g","author_id":"1","content":"[系统消息]","extra":{"type":"added_channel","body":{"id":"5300","name":"新的频道","user_id":"2418","guild_id":"6016","is_category":0,"parent_id":"6016","level":null,"slow_mode":0,"topic":"t","type":1,"permission_overwrites":[{"role_id":0,"allow":0,"deny":0}],"permission_users":%PU%,"permission_sync":1}},"msg_id":"m","msg_timestamp":1612776265417,"nonce":"","verify_token":"xxx"},"sn":21}`
	const user = `{"id":"1","username":"u","identify_num":"0001","avatar":"a"}`
	const userX = `{"id":"1","username":"u","x":{"deep":[1]},"identify_num":"0001","avatar":"a"}`

	tests := []struct {
		name  string
		input string
		event string
		want  []string
	}{
		{
			name:  "clean frame",
			input: textFrame,
			event: "text_message",
			want:  []string{},
		},
		{
			name:  "clean system event",
			input: joinedGuildFrame,
			event: "joined_guild",
			want:  []string{},
		},
		{
			name:  "in d",
			input: strings.Replace(textFrame, `"nonce":""`, `"nonce":"","new_in_d":1`, 1),
			event: "text_message",
			want:  []string{"d.new_in_d"},
		},
		{
			name:  "in d.extra",
			input: strings.Replace(textFrame, `"channel_name":"c"`, `"channel_name":"c","new_in_extra":{"a":[1,2]}`, 1),
			event: "text_message",
			want:  []string{"d.extra.new_in_extra"},
		},
		{
			name:  "in d.extra.author",
			input: strings.Replace(textFrame, `"nickname":"n"`, `"nickname":"n","some_field":true`, 1),
			event: "text_message",
			want:  []string{"d.extra.author.some_field"},
		},
		{
			name:  "in the frame",
			input: strings.Replace(textFrame, `"sn":7`, `"sn":7,"extra_top":null`, 1),
			event: "text_message",
			want:  []string{"extra_top"},
		},
		{
			name:  "in a system event body",
			input: strings.Replace(joinedGuildFrame, `"joined_at":1612774315000`, `"joined_at":1612774315000,"via":"invite"`, 1),
			event: "joined_guild",
			want:  []string{"d.extra.body.via"},
		},
		{
			name:  "inside an array element",
			input: strings.Replace(addedChannel, "%PU%", `[{"user":`+userX+`,"allow":1,"deny":0}]`, 1),
			event: "added_channel",
			want:  []string{"d.extra.body.permission_users[0].user.x"},
		},
		{
			name:  "inside the second array element",
			input: strings.Replace(addedChannel, "%PU%", `[{"user":`+user+`,"allow":1,"deny":0},{"user":`+userX+`,"allow":1,"deny":0,"note":"n"}]`, 1),
			event: "added_channel",
			want:  []string{"d.extra.body.permission_users[1].user.x", "d.extra.body.permission_users[1].note"},
		},
		{
			name: "several depths in input order",
			input: `{"first":1,"s":0,"d":{"a":1,"channel_type":"GROUP","type":1,"target_id":"t","author_id":"1","content":"hi","msg_id":"m","msg_timestamp":1607674740160,"nonce":"",` +
				`"extra":{"type":1,"b":[{"c":1}],"guild_id":"g","channel_name":"c","mention":[],"mention_all":false,"mention_roles":[],"mention_here":false,` +
				`"author":{"id":"1","username":"u","some_field":"s","identify_num":"0001","avatar":"https://a/b.png","nickname":"n","roles":[]},"e":2},"z":3},"sn":7,"last":{}}`,
			event: "text_message",
			want: []string{
				"first",
				"d.a",
				"d.extra.b",
				"d.extra.author.some_field",
				"d.extra.e",
				"d.z",
				"last",
			},
		},
		{
			// A bare d names its paths as the frame's d does (see doc of decode).
			name:  "bare d",
			input: strings.Replace(textD, `"nickname":"n"`, `"nickname":"n","some_field":1`, 1),
			event: "text_message",
			want:  []string{"d.extra.author.some_field"},
		},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			stdin := jsonl([]byte(tc.input), []byte(textFrame))

			code, stdout, stderr := runCLI(t, []string{"decode", "--strict"}, stdin)
			if code != 0 {
				t.Fatalf("exit status %d, want 0; stderr: %s\nstdout: %s", code, stderr, stdout)
			}
			out := parseOutput(t, stdout, true)
			if len(out) != 2 {
				t.Fatalf("%d output lines, want 2", len(out))
			}
			wantDecoded(t, out[0], 1, tc.event, true, []byte(tc.input))
			if diff := cmp.Diff(tc.want, out[0].Unknown); diff != "" {
				t.Errorf("unknown_fields (-want +got):\n%s", diff)
			}
			if out[0].Unknown == nil {
				t.Errorf("unknown_fields missing")
			}
			wantDecoded(t, out[1], 2, "text_message", true, []byte(textFrame))
			if len(out[1].Unknown) != 0 {
				t.Errorf("second line: unknown_fields = %q, want []", out[1].Unknown)
			}

			// Without --strict the same input decodes to the same value and the
			// output has no unknown_fields (parseOutput checks the keys).
			code, stdout, _ = runCLI(t, []string{"decode"}, stdin)
			if code != 0 {
				t.Fatalf("without --strict: exit status %d, want 0", code)
			}
			plain := parseOutput(t, stdout, false)
			if len(plain) != 2 {
				t.Fatalf("without --strict: %d output lines, want 2", len(plain))
			}
			wantDecoded(t, plain[0], 1, tc.event, true, []byte(tc.input))
		})
	}
}

// TestDecodeBadLines puts each bad line before a good one: the bad line gives
// an error line naming the place, the good line still decodes, exit status 1.
func TestDecodeBadLines(t *testing.T) {
	tests := []struct {
		name  string
		input string
		want  string // substring of the error
	}{
		{name: "not JSON", input: `not json`, want: "offset 1: invalid character 'o' in literal null"},
		{name: "not JSON, not a literal either", input: `xyz`, want: "offset 0"},
		{name: "truncated JSON", input: textFrame[:len(textFrame)/2], want: "unexpected end of input"},
		{name: "truncated after the last brace", input: textFrame[:len(textFrame)-1], want: "unexpected end of input"},
		{
			name:  "missing d.type",
			input: strings.Replace(textFrame, `"type":1,"target_id"`, `"target_id"`, 1),
			want:  "d.type",
		},
		{
			name:  "d.type 255 without extra.type",
			input: strings.Replace(joinedGuildFrame, `"type":"joined_guild",`, ``, 1),
			want:  "d.extra.type",
		},
		{
			name:  "d.type 255 without extra",
			input: `{"s":0,"d":{"channel_type":"GROUP","type":255,"target_id":"g"},"sn":1}`,
			want:  "d.extra: required field missing",
		},
		{name: "JSON array", input: `[{"s":0,"d":{"type":1}}]`, want: "array"},
		{name: "JSON string", input: `"text"`, want: "string"},
		{name: "trailing garbage", input: textFrame + ` x`, want: "offset"},
		{name: "two frames on one line", input: textFrame + textFrame, want: "offset"},
	}
	for _, tc := range tests {
		beforeAGoodLine(t, tc.name, tc.input, func(t *testing.T, first outLine) {
			wantError(t, first, 1, tc.want)
		})
	}
}

// beforeAGoodLine runs decode, with and without --strict, on input followed
// by a good line, which must still decode; check judges the first output
// line. The exit status must be 1.
func beforeAGoodLine(t *testing.T, name, input string, check func(*testing.T, outLine)) {
	for _, strict := range []bool{false, true} {
		name, args := name, []string{"decode"}
		if strict {
			name, args = name+"/strict", []string{"decode", "--strict"}
		}
		t.Run(name, func(t *testing.T) {
			code, stdout, stderr := runCLI(t, args, jsonl([]byte(input), []byte(joinedGuildFrame)))
			if code != 1 {
				t.Errorf("exit status %d, want 1; stderr: %s", code, stderr)
			}
			out := parseOutput(t, stdout, strict)
			if len(out) != 2 {
				t.Fatalf("%d output lines, want 2:\n%s", len(out), stdout)
			}
			check(t, out[0])
			wantDecoded(t, out[1], 2, "joined_guild", true, []byte(joinedGuildFrame))
		})
	}
}

// TestDecodeRecoveredLines: a line whose discriminators are readable but
// with a member of a shape the schema does not take is printed as its event
// with "problems", its value the input document; such a line makes the exit
// status 1, and the good line after it decodes as ever.
func TestDecodeRecoveredLines(t *testing.T) {
	tests := []struct {
		name     string
		input    string
		event    string
		problems []string
	}{
		{
			name:     "joined_at is a string",
			input:    strings.Replace(joinedGuildFrame, `"joined_at":1612774315000`, `"joined_at":"1612774315000"`, 1),
			event:    "joined_guild",
			problems: []string{"d.extra.body.joined_at: want number, got string"},
		},
		{
			name:     "joined_at is a string in a bare d",
			input:    `{"channel_type":"GROUP","type":255,"target_id":"g","author_id":"1","content":"x","extra":{"type":"joined_guild","body":{"user_id":"3","joined_at":"soon"}},"msg_id":"m","msg_timestamp":1,"nonce":""}`,
			event:    "joined_guild",
			problems: []string{"d.extra.body.joined_at: want number, got string"},
		},
		{
			name:     "wrong type at the top of d",
			input:    strings.Replace(joinedGuildFrame, `"msg_timestamp":1612774315732`, `"msg_timestamp":true`, 1),
			event:    "joined_guild",
			problems: []string{"d.msg_timestamp: want number, got boolean"},
		},
		{
			name:     "wrong type in extra",
			input:    strings.Replace(textFrame, `"guild_id":"g"`, `"guild_id":{"id":"g"}`, 1),
			event:    "text_message",
			problems: []string{"d.extra.guild_id: want string, got object"},
		},
		{
			name:  "wrong type inside an array element",
			input: `{"s":0,"d":{"channel_type":"GROUP","type":255,"target_id":"g","author_id":"1","content":"x","extra":{"type":"added_channel","body":{"permission_users":[{"user":{"id":[5],"username":"u"},"allow":0,"deny":0}]}},"msg_id":"m","msg_timestamp":1,"nonce":""}}`,
			event: "added_channel",
			problems: []string{
				"d.extra.body.permission_users[0].user.id: want string, got array",
				"d.extra.body.id: required field missing",
				"d.extra.body.name: required field missing",
				"d.extra.body.user_id: required field missing",
				"d.extra.body.guild_id: required field missing",
				"d.extra.body.is_category: required field missing",
				"d.extra.body.parent_id: required field missing",
				"d.extra.body.level: required field missing",
				"d.extra.body.slow_mode: required field missing",
				"d.extra.body.topic: required field missing",
				"d.extra.body.type: required field missing",
				"d.extra.body.permission_overwrites: required field missing",
				"d.extra.body.permission_sync: required field missing",
			},
		},
	}
	for _, tc := range tests {
		beforeAGoodLine(t, tc.name, tc.input, func(t *testing.T, first outLine) {
			wantRecovered(t, first, 1, tc.event, []byte(tc.input), tc.problems...)
		})
	}
}

// TestDecodeBadLinesInterleaved mixes good and bad lines in one stream: every
// line gets its own output line, in order, with its own line number.
func TestDecodeBadLinesInterleaved(t *testing.T) {
	lines := []string{
		textFrame,
		`not json`,
		joinedGuildFrame,
		`[1,2,3]`,
		strings.Replace(joinedGuildFrame, `"joined_at":1612774315000`, `"joined_at":"x"`, 1),
		textFrame,
		`{"s":0,"d":{"type":1`,
	}
	code, stdout, _ := runCLI(t, []string{"decode"}, strings.Join(lines, "\n"))
	if code != 1 {
		t.Errorf("exit status %d, want 1", code)
	}
	out := parseOutput(t, stdout, false)
	if len(out) != len(lines) {
		t.Fatalf("%d output lines, want %d:\n%s", len(out), len(lines), stdout)
	}
	wantDecoded(t, out[0], 1, "text_message", true, []byte(textFrame))
	wantError(t, out[1], 2, "offset 1: invalid character")
	wantDecoded(t, out[2], 3, "joined_guild", true, []byte(joinedGuildFrame))
	wantError(t, out[3], 4, "array")
	wantRecovered(t, out[4], 5, "joined_guild", []byte(lines[4]), "d.extra.body.joined_at: want number, got string")
	wantDecoded(t, out[5], 6, "text_message", true, []byte(textFrame))
	wantError(t, out[6], 7, "unexpected end of input")
}

// TestDecodeHugeLine decodes lines of about 5 MB: a text message whose content
// is text with escapes and emoji, written with \u escapes and as raw UTF-8.
func TestDecodeHugeLine(t *testing.T) {
	var content strings.Builder
	chunk := "héllo \"wörld\" \\ back\\slash\n\ttab 😀🇨🇳 文字 \u2028 <&> \x01\x1f end. "
	for content.Len() < 5<<20 {
		content.WriteString(chunk)
	}
	text := content.String()

	var frame map[string]any
	if err := json.Unmarshal([]byte(textFrame), &frame); err != nil {
		t.Fatal(err)
	}
	frame["d"].(map[string]any)["content"] = text

	escaped, err := json.Marshal(frame) // HTML and U+2028 escaped, emoji raw
	if err != nil {
		t.Fatal(err)
	}
	asciiOnly := asciiJSON(escaped) // every non-ASCII rune as \uXXXX (surrogate pairs for emoji)

	for _, tc := range []struct {
		name string
		line []byte
	}{
		{name: "raw UTF-8", line: escaped},
		{name: "ASCII with \\u escapes", line: asciiOnly},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if len(tc.line) < 5<<20 {
				t.Fatalf("test line is only %d bytes", len(tc.line))
			}
			code, stdout, stderr := runCLI(t, []string{"decode", "--strict"}, jsonl(tc.line, []byte(joinedGuildFrame)))
			if code != 0 {
				t.Fatalf("exit status %d, want 0; stderr: %s", code, stderr)
			}
			out := parseOutput(t, stdout, true)
			if len(out) != 2 {
				t.Fatalf("%d output lines, want 2", len(out))
			}
			wantDecoded(t, out[0], 1, "text_message", true, tc.line)
			if len(out[0].Unknown) != 0 {
				t.Errorf("unknown_fields = %q, want []", out[0].Unknown)
			}
			var got struct {
				D struct {
					Content string `json:"content"`
				} `json:"d"`
			}
			if err := json.Unmarshal(out[0].Value, &got); err != nil {
				t.Fatal(err)
			}
			if got.D.Content != text {
				t.Errorf("content differs: %d bytes, want %d", len(got.D.Content), len(text))
			}
			if !utf8.ValidString(out[0].raw) {
				t.Errorf("output line is not valid UTF-8")
			}
			wantDecoded(t, out[1], 2, "joined_guild", true, []byte(joinedGuildFrame))
		})
	}
}

// asciiJSON rewrites every non-ASCII rune of a JSON text as a \u escape.
func asciiJSON(b []byte) []byte {
	var out bytes.Buffer
	out.Grow(len(b) * 2)
	const hex = "0123456789abcdef"
	esc := func(r rune) {
		out.WriteString(`\u`)
		out.WriteByte(hex[r>>12&0xf])
		out.WriteByte(hex[r>>8&0xf])
		out.WriteByte(hex[r>>4&0xf])
		out.WriteByte(hex[r&0xf])
	}
	for len(b) > 0 {
		r, size := utf8.DecodeRune(b)
		b = b[size:]
		switch {
		case r < utf8.RuneSelf:
			out.WriteByte(byte(r))
		case r > 0xffff:
			r -= 0x10000
			esc(0xd800 + (r>>10)&0x3ff)
			esc(0xdc00 + r&0x3ff)
		default:
			esc(r)
		}
	}
	return out.Bytes()
}

// TestDecodeBlankLines checks that blank and whitespace-only lines give no
// output while line numbers stay those of the input.
func TestDecodeBlankLines(t *testing.T) {
	tests := []struct {
		name  string
		stdin string
		lines []int // input line numbers of the decoded frames
	}{
		{name: "empty input", stdin: "", lines: nil},
		{name: "only blank lines", stdin: "\n\n  \n\t\n", lines: nil},
		{name: "blank lines between", stdin: "\n" + textFrame + "\n\n   \n" + textFrame + "\n\t\n\n", lines: []int{2, 5}},
		{name: "CRLF line endings", stdin: textFrame + "\r\n\r\n" + textFrame + "\r\n", lines: []int{1, 3}},
		{name: "surrounding spaces", stdin: "  " + textFrame + " \t\n" + textFrame, lines: []int{1, 2}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			code, stdout, stderr := runCLI(t, []string{"decode"}, tc.stdin)
			if code != 0 {
				t.Errorf("exit status %d, want 0; stderr: %s", code, stderr)
			}
			out := parseOutput(t, stdout, false)
			if len(out) != len(tc.lines) {
				t.Fatalf("%d output lines, want %d:\n%s", len(out), len(tc.lines), stdout)
			}
			for i, n := range tc.lines {
				wantDecoded(t, out[i], n, "text_message", true, []byte(textFrame))
			}
		})
	}
}

// TestDecodeNonexistentFile: a FILE that cannot be opened is reported on
// stderr with exit status 2 and nothing on stdout, even when an earlier FILE
// is fine (files are all opened before decoding starts). The contract does not
// say what a missing file gives; this pins down what the command does.
func TestDecodeNonexistentFile(t *testing.T) {
	dir := t.TempDir()
	good := filepath.Join(dir, "good.jsonl")
	if err := os.WriteFile(good, []byte(textFrame+"\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	missing := filepath.Join(dir, "missing.jsonl")
	for _, tc := range []struct {
		name string
		args []string
	}{
		{name: "only file", args: []string{"decode", missing}},
		{name: "after a good file", args: []string{"decode", good, missing}},
		{name: "before a good file", args: []string{"decode", missing, good}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			code, stdout, stderr := runCLI(t, tc.args, textFrame+"\n")
			if code != 2 {
				t.Errorf("exit status %d, want 2", code)
			}
			if stdout != "" {
				t.Errorf("stdout = %q, want empty", stdout)
			}
			if !strings.Contains(stderr, missing) {
				t.Errorf("stderr %q does not name %s", stderr, missing)
			}
		})
	}
}

// TestDecodeUpdatedGuildVariants: updated_guild on d.channel_type GROUP and
// on PERSON are two Go types (the schema's where) but one event name, and a
// channel_type given twice with the other variant's value is an error.
func TestDecodeUpdatedGuildVariants(t *testing.T) {
	group := exampleByFile(t, "003_updated_guild.json").frame
	person := exampleByFile(t, "built_updated_guild.json").frame
	conflict := bytes.Replace(person, []byte(`"verify_token":"xxx"}`), []byte(`"verify_token":"xxx","channel_type":"GROUP"}`), 1)
	if bytes.Equal(conflict, person) {
		t.Fatal("no verify_token to put channel_type after")
	}
	code, stdout, stderr := runCLI(t, []string{"decode", "--strict"}, jsonl(group, person, conflict))
	if code != 1 {
		t.Errorf("exit status %d, want 1 (line 3 fails); stderr: %s", code, stderr)
	}
	out := parseOutput(t, stdout, true)
	if len(out) != 3 {
		t.Fatalf("%d output lines, want 3:\n%s", len(out), stdout)
	}
	wantDecoded(t, out[0], 1, "updated_guild", true, group)
	wantDecoded(t, out[1], 2, "updated_guild", true, person)
	for i := range 2 {
		if len(out[i].Unknown) != 0 {
			t.Errorf("line %d: unknown_fields %q, want none", i+1, out[i].Unknown)
		}
	}
	wantError(t, out[2], 3, "d.channel_type: duplicate member with another value")
	if !strings.Contains(stdout, `"event":"updated_guild","known":true`) {
		t.Errorf("stdout lacks the event and known members as documented:\n%s", stdout)
	}
}

// TestDecodeAlternativeForms: a line with members in a form the schema
// declares (a mention id as a number, is_category as a boolean, attachments
// as []) decodes whole: no problems, exit status 0, and the value keeps the
// forms that came.
func TestDecodeAlternativeForms(t *testing.T) {
	lines := []string{
		strings.Replace(textFrame, `"mention":[]`, `"mention":[2418200000,"12"]`, 1),
		`{"s":0,"d":{"channel_type":"GROUP","type":255,"target_id":"g","author_id":"1","content":"x","msg_id":"m","msg_timestamp":1,"nonce":"","extra":{"type":"added_channel","body":{"id":"c","name":"n","user_id":"u","guild_id":"g","is_category":false,"parent_id":"","level":null,"slow_mode":0,"topic":"","type":1,"permission_overwrites":[],"permission_users":[],"permission_sync":true}}},"sn":3}`,
		strings.Replace(textFrame, `"mention_here":false,`, `"mention_here":false,"attachments":[],`, 1),
	}
	code, stdout, stderr := runCLI(t, []string{"decode"}, strings.Join(lines, "\n"))
	if code != 0 {
		t.Errorf("exit status %d, want 0; stderr %s", code, stderr)
	}
	out := parseOutput(t, stdout, false)
	if len(out) != len(lines) {
		t.Fatalf("%d output lines:\n%s", len(out), stdout)
	}
	for i, ev := range []string{"text_message", "added_channel", "text_message"} {
		wantDecoded(t, out[i], i+1, ev, true, []byte(lines[i]))
	}
	if !strings.Contains(string(out[0].Value), `"mention":[2418200000,"12"]`) {
		t.Errorf("the mention ids did not keep their forms: %s", out[0].Value)
	}
}

// TestDecodeJSONFiles: FILEs ending in .json are JSON text (the repository's
// pretty-printed examples, or an array of frames): each value, or each
// element of a top-level array, is one output line whose "line" is where the
// value starts; malformed JSON is one error at its line.
func TestDecodeJSONFiles(t *testing.T) {
	dir := t.TempDir()
	a := filepath.Join(examplesDir, "003_joined_guild.json")
	b := filepath.Join(examplesDir, "003_text_message.json")
	aData, _ := os.ReadFile(a)
	bData, _ := os.ReadFile(b)
	array := filepath.Join(dir, "frames.json")
	os.WriteFile(array, []byte("[\n  "+joinedGuildFrame+",\n\n  "+textFrame+"\n]\n"), 0o644)
	broken := filepath.Join(dir, "broken.json")
	os.WriteFile(broken, []byte("{\n  \"s\": 0,\n  \"d\": {\n}\n,}\n"), 0o644)

	code, stdout, stderr := runCLI(t, []string{"decode", a, b, array}, "")
	if code != 0 {
		t.Fatalf("exit status %d; stderr %s", code, stderr)
	}
	out := parseOutput(t, stdout, false)
	if len(out) != 4 {
		t.Fatalf("%d output lines:\n%s", len(out), stdout)
	}
	aLines := strings.Count(string(aData), "\n")
	bLines := strings.Count(string(bData), "\n")
	wantDecoded(t, out[0], 1, "joined_guild", true, aData)
	wantDecoded(t, out[1], aLines+1, "text_message", true, bData)
	wantDecoded(t, out[2], aLines+bLines+2, "joined_guild", true, []byte(joinedGuildFrame))
	wantDecoded(t, out[3], aLines+bLines+4, "text_message", true, []byte(textFrame))

	code, stdout, _ = runCLI(t, []string{"decode", broken}, "")
	out = parseOutput(t, stdout, false)
	if code != 1 || len(out) != 1 {
		t.Fatalf("broken file: exit %d, output %s", code, stdout)
	}
	wantError(t, out[0], 5, "invalid character '}'")

	// --format lines reads a pretty-printed file line by line: errors.
	code, _, _ = runCLI(t, []string{"decode", "--format", "lines", a}, "")
	if code != 1 {
		t.Errorf("--format lines on a pretty-printed file: exit %d, want 1", code)
	}
}

// TestDecodeMaxLine: a line over --max-line is an error line (read no
// further than the limit), and the lines after it decode.
func TestDecodeMaxLine(t *testing.T) {
	long := `{"s":0,"d":{"content":"` + strings.Repeat("x", 5000) + `"}}`
	code, stdout, _ := runCLI(t, []string{"decode", "--max-line", "1000"}, jsonl([]byte(long), []byte(textFrame)))
	out := parseOutput(t, stdout, false)
	if code != 1 || len(out) != 2 {
		t.Fatalf("exit %d, output %s", code, stdout)
	}
	wantError(t, out[0], 1, "line longer than the limit of 1000 bytes (--max-line)")
	wantDecoded(t, out[1], 2, "text_message", true, []byte(textFrame))
	if code, _, stderr := runCLI(t, []string{"decode", "--max-line", "0"}, ""); code != 2 || !strings.Contains(stderr, "--max-line must be positive") {
		t.Errorf("--max-line 0: exit %d, stderr %q", code, stderr)
	}
}
