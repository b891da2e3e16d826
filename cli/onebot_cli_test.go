package cli

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/eventbind/eventbind/gen"
)

const (
	oneBotChannelCreate = `{"id":"b6","self":{"platform":"qq","user_id":"1"},"time":1632847927.599013,"type":"notice","detail_type":"channel_create","sub_type":"","guild_id":"g","channel_id":"c","operator_id":"o"}`
	oneBotHeartbeat     = `{"id":"h1","time":1632847927,"type":"meta","detail_type":"heartbeat","sub_type":"","interval":5000}`
)

func compact(t *testing.T, data []byte) []byte {
	t.Helper()
	var b bytes.Buffer
	if err := json.Compact(&b, data); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

// TestDecodeOneBotAndKOOKOnOneStream tells the platforms apart per line.
func TestDecodeOneBotAndKOOKOnOneStream(t *testing.T) {
	kookFrame := exampleByFile(t, "003_joined_guild.json").frame
	extended := strings.Replace(oneBotChannelCreate, `"detail_type":"channel_create"`, `"detail_type":"kook.added_reaction"`, 1)
	withExt := strings.Replace(oneBotChannelCreate, `"sub_type":""`, `"sub_type":"qq.x","qq.nickname":"n","plain":1`, 1)
	lines := [][]byte{kookFrame, []byte(oneBotChannelCreate), []byte(oneBotHeartbeat), []byte(extended), []byte(withExt), []byte(`{"type":"alert","detail_type":"x","id":"1","time":1,"sub_type":""}`)}
	code, stdout, stderr := runCLI(t, []string{"decode", "--strict"}, jsonl(lines...))
	if code != exitFailed {
		t.Errorf("exit %d, want 1 (the last line is invalid); stderr %s", code, stderr)
	}
	out := parseOutput(t, stdout, true)
	if len(out) != len(lines) {
		t.Fatalf("%d output lines, want %d", len(out), len(lines))
	}
	want := []struct {
		platform, event string
		known           bool
		unknown         []string
	}{
		{"kook", "joined_guild", true, []string{}},
		{"onebot12", "notice.channel_create", true, []string{}},
		{"onebot12", "meta.heartbeat", true, []string{}},
		{"onebot12", "notice.kook.added_reaction", false, []string{}},
		{"onebot12", "notice.channel_create", true, []string{"plain"}},
	}
	for i, w := range want {
		got := out[i]
		if got.IsError || got.Platform != w.platform || got.Event != w.event || got.Known != w.known || strings.Join(got.Unknown, ",") != strings.Join(w.unknown, ",") {
			t.Errorf("line %d = %s, want %s %s known=%v unknown=%v", i+1, clip(got.raw), w.platform, w.event, w.known, w.unknown)
			continue
		}
		if diff := sameJSON(t, lines[i], got.Value); diff != "" {
			t.Errorf("line %d: value is not the input (-input +value):\n%s", i+1, diff)
		}
	}
	wantError(t, out[5], 6, `type: unknown value "alert"`)
}

func TestDecodeForcedPlatform(t *testing.T) {
	code, stdout, _ := runCLI(t, []string{"decode", "--platform", "onebot12"}, oneBotHeartbeat+"\n")
	out := parseOutput(t, stdout, false)
	if code != exitOK || len(out) != 1 || out[0].Platform != "onebot12" || out[0].Event != "meta.heartbeat" {
		t.Fatalf("exit %d, %s", code, stdout)
	}
	// Forced to KOOK, a OneBot event is a KOOK error.
	code, stdout, _ = runCLI(t, []string{"decode", "--platform", "kook"}, oneBotHeartbeat+"\n")
	out = parseOutput(t, stdout, false)
	if code != exitFailed || len(out) != 1 || !out[0].IsError {
		t.Fatalf("exit %d, %s", code, stdout)
	}
}

// TestDecodeOneBotExamples runs every OneBot example file through the command.
func TestDecodeOneBotExamples(t *testing.T) {
	files, err := filepath.Glob("../schema/onebot12/testdata/examples/*.json")
	if err != nil || len(files) == 0 {
		t.Fatalf("no examples: %v", err)
	}
	var lines [][]byte
	for _, f := range files {
		data, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		lines = append(lines, compact(t, data))
	}
	// An example the schema lists under an event is known; the others show
	// extended detail_types and must decode as unknown events.
	m, err := gen.Build([]string{"../schema/onebot12"})
	if err != nil {
		t.Fatal(err)
	}
	listed := map[string]bool{}
	for _, ev := range m.Events {
		for _, x := range ev.Examples {
			listed[filepath.Base(x.File)] = true
		}
	}
	code, stdout, stderr := runCLI(t, []string{"decode", "--strict"}, jsonl(lines...))
	if code != exitOK {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	for i, got := range parseOutput(t, stdout, true) {
		name := filepath.Base(files[i])
		wantKnown := listed[name]
		if got.IsError || got.Platform != "onebot12" || got.Known != wantKnown || len(got.Unknown) != 0 {
			t.Errorf("%s: %s", name, clip(got.raw))
		}
		if diff := sameJSON(t, lines[i], got.Value); diff != "" {
			t.Errorf("%s: value is not the input:\n%s", name, diff)
		}
	}
}
