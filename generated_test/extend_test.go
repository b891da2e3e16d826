package generated_test

import (
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
)

// newEventEntry is a copy of user_updated under a new name: all a user adds.
const newEventEntry = `events:
  - name: user_profile_updated
    family: system
    doc: {en: A user changed their profile (an entry added by a user of eventbind).}
    docs: ["000"]
    fields:
      - {name: user_id, type: string, doc: {zh: 用户 id, en: User ID.}}
      - {name: username, type: string, doc: {zh: 用户名, en: User name.}}
      - {name: avatar, type: string, doc: {zh: 头像图片地址, en: Avatar URL.}}
`

// newSignalEntry declares a kind of websocket frame KOOK does not have:
// a downstream module's command decodes it with the module's package.
const newSignalEntry = `signals:
  - name: mine
    value: 7
    doc: {en: A frame of my own (an entry added by a user of eventbind).}
    docs: [websocket]
    fields:
      - {name: note, type: string, doc: {en: What it says.}}
`

// newSignalFrame is a frame of the new signal.
const newSignalFrame = `{"s":7,"note":"hi"}`

// newEventFrame is a frame of the new event.
const newEventFrame = `{"s":0,"d":{"channel_type":"PERSON","type":255,"target_id":"1","author_id":"1","content":"[系统消息]","msg_id":"m","msg_timestamp":1,"nonce":"","extra":{"type":"user_profile_updated","body":{"user_id":"42","username":"new","avatar":"a.png"}}},"sn":3}`

// extensionTest uses the new event through the regenerated package only: a
// typed event from Decode, a Handler method and a Mux registration.
const extensionTest = `package kook_test

import (
	"context"
	"testing"

	"github.com/eventbind/eventbind/EXT/kook"
)

const frame = ` + "`" + newEventFrame + "`" + `

type handler struct {
	kook.NopHandler
	got *kook.UserProfileUpdated
}

func (h *handler) OnUserProfileUpdated(_ context.Context, ev *kook.UserProfileUpdated) error {
	h.got = ev
	return nil
}

func TestNewEvent(t *testing.T) {
	ev, err := kook.Decode([]byte(frame))
	if err != nil {
		t.Fatal(err)
	}
	typed, ok := ev.(*kook.UserProfileUpdated)
	if !ok || !ev.Known() || ev.EventName() != "user_profile_updated" || typed.Extra.Body.Username != "new" {
		t.Fatalf("decoded %T %q", ev, ev.EventName())
	}
	h := &handler{}
	if err := kook.Dispatch(context.Background(), h, ev); err != nil || h.got != typed {
		t.Fatalf("Handler not called: %v", err)
	}
	var mux kook.Mux
	var viaMux string
	mux.HandleUserProfileUpdated(func(_ context.Context, ev *kook.UserProfileUpdated) error {
		viaMux = ev.Extra.Body.UserID
		return nil
	})
	if err := kook.Dispatch(context.Background(), &mux, ev); err != nil || viaMux != "42" {
		t.Fatalf("Mux func not called: %v", err)
	}
}

// The schema's accessors come along with the signals.
func TestSignalAccessors(t *testing.T) {
	sig, err := kook.DecodeSignal([]byte(` + "`" + `{"s":6,"d":{"sessionId":"abc"}}` + "`" + `))
	if err != nil {
		t.Fatal(err)
	}
	if id := sig.(*kook.ResumeAckSignal).SessionID(); id != "abc" {
		t.Fatalf("SessionID() = %q", id)
	}
}
`

// receiverTest, in the outside module: the webhook receiver takes the
// extended package through its Bind and delivers the new event to its
// Handler, over loopback.
const receiverTest = `package mykook_test

import (
	"bytes"
	"context"
	"net/http"
	"net/http/httptest"
	"testing"

	"example.com/mybot/mykook"
	"github.com/eventbind/eventbind/events/kook/webhook"
)

func TestWebhookReceivesTheNewEvent(t *testing.T) {
	var mux mykook.Mux
	got := make(chan string, 1)
	mux.HandleUserProfileUpdated(func(_ context.Context, ev *mykook.UserProfileUpdated) error {
		got <- ev.Extra.Body.Username
		return nil
	})
	rcv, err := webhook.New(webhook.Config{VerifyToken: "vt", Events: mykook.Bind(&mux)})
	if err != nil {
		t.Fatal(err)
	}
	srv := httptest.NewServer(rcv)
	defer srv.Close()
	body := ` + "`" + `{"s":0,"d":{"channel_type":"PERSON","type":255,"target_id":"1","author_id":"1","content":"[系统消息]","msg_id":"m","msg_timestamp":1,"nonce":"","verify_token":"vt","extra":{"type":"user_profile_updated","body":{"user_id":"42","username":"new","avatar":"a.png"}}},"sn":3}` + "`" + `
	resp, err := http.Post(srv.URL, "application/json", bytes.NewReader([]byte(body)))
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != 200 {
		t.Fatalf("status %d", resp.StatusCode)
	}
	select {
	case name := <-got:
		if name != "new" {
			t.Errorf("username %q", name)
		}
	default:
		t.Fatal("the handler did not get the new event")
	}
}
`

// userCommand is the module's own eventbind: the README's recipe for
// decode, serve and listen to know the module's events.
const userCommand = `package main

import (
	"example.com/mybot/mykook"
	"github.com/eventbind/eventbind/cli"
)

func main() { cli.Main(mykook.Bind(nil)) }
`

// TestAddingOneSchemaEntry copies the KOOK schema, adds one YAML entry, runs
// go generate and then a test of the new event in the regenerated package.
func TestAddingOneSchemaEntry(t *testing.T) {
	if testing.Short() {
		t.Skip("-short: builds a package")
	}
	root, err := filepath.Abs("..")
	if err != nil {
		t.Fatal(err)
	}
	// Inside the module, so that the new package imports jsonwire as users' do.
	dir, err := os.MkdirTemp(root, "exttest-")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { os.RemoveAll(dir) })
	ext := filepath.Base(dir)

	schema := filepath.Join(dir, "schema")
	pkg := filepath.Join(dir, "kook")
	for _, d := range []string{schema, pkg} {
		if err := os.Mkdir(d, 0o755); err != nil {
			t.Fatal(err)
		}
	}
	yamls, err := filepath.Glob(filepath.Join(root, "schema", "kook", "*.yaml"))
	if err != nil || len(yamls) == 0 {
		t.Fatalf("no schema files: %v", err)
	}
	for _, y := range yamls {
		data, err := os.ReadFile(y)
		if err != nil {
			t.Fatal(err)
		}
		writeFile(t, filepath.Join(schema, filepath.Base(y)), data)
	}
	// The entries' example files, which the generator checks exist.
	if err := os.Symlink(filepath.Join(root, "schema", "kook", "testdata"), filepath.Join(schema, "testdata")); err != nil {
		t.Fatal(err)
	}
	writeFile(t, filepath.Join(schema, "zz_mine.yaml"), []byte(newEventEntry))
	writeFile(t, filepath.Join(pkg, "doc.go"), []byte("package kook\n\n//go:generate go run ../../internal/cmd/generate --schema ../schema --out .\n"))
	writeFile(t, filepath.Join(pkg, "new_event_test.go"), []byte(strings.ReplaceAll(extensionTest, "EXT", ext)))

	run(t, root, "go", "generate", "./"+ext+"/kook")
	run(t, root, "go", "test", "./"+ext+"/kook")
}

func writeFile(t *testing.T, path string, data []byte) {
	t.Helper()
	if err := os.WriteFile(path, data, 0o644); err != nil {
		t.Fatal(err)
	}
}

func run(t *testing.T, dir string, name string, args ...string) {
	t.Helper()
	cmd := exec.Command(name, args...)
	cmd.Dir = dir
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("%s %v: %v\n%s", name, args, err, out)
	}
}

// TestExtendFromAnotherModule follows the README's recipe from a module of
// its own, outside this one: `go get -tool` the command, a doc.go whose generate
// directive runs `go tool eventbind generate --schema kook --schema ./schema
// --out .`, one YAML entry, then go generate, go mod tidy (which must
// not break it: go generate runs again after it), go vet and a test of the new
// event decoded and dispatched. The one line the README does not have is the
// replace directive that stands for a published version. Offline: the
// module cache holds what this module needs (.ci/run runs go mod download).
func TestExtendFromAnotherModule(t *testing.T) {
	if testing.Short() {
		t.Skip("-short: builds a module")
	}
	root, err := filepath.Abs("..")
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	pkg := filepath.Join(dir, "mykook")
	if err := os.MkdirAll(filepath.Join(pkg, "schema"), 0o755); err != nil {
		t.Fatal(err)
	}
	writeFile(t, filepath.Join(dir, "go.mod"), []byte("module example.com/mybot\n\ngo 1.26\n\nreplace github.com/eventbind/eventbind => "+root+"\n"))
	// This module's hashes of the modules both need: the checksum database
	// is not reachable from here (a user's machine asks it instead).
	sums, err := os.ReadFile(filepath.Join(root, "go.sum"))
	if err != nil {
		t.Fatal(err)
	}
	writeFile(t, filepath.Join(dir, "go.sum"), sums)
	writeFile(t, filepath.Join(pkg, "doc.go"), []byte("// Package mykook is KOOK's events and mine.\npackage mykook\n\n//go:generate go tool eventbind generate --schema kook --schema ./schema --out .\n"))
	writeFile(t, filepath.Join(pkg, "schema", "mine.yaml"), []byte(newEventEntry))
	writeFile(t, filepath.Join(pkg, "schema", "mine_signal.yaml"), []byte(newSignalEntry))
	writeFile(t, filepath.Join(pkg, "new_event_test.go"), []byte(strings.NewReplacer(
		"package kook_test", "package mykook_test",
		`"github.com/eventbind/eventbind/EXT/kook"`, `kook "example.com/mybot/mykook"`,
	).Replace(extensionTest)))
	writeFile(t, filepath.Join(pkg, "receiver_test.go"), []byte(receiverTest))
	if err := os.MkdirAll(filepath.Join(dir, "cmd", "mybot-eventbind"), 0o755); err != nil {
		t.Fatal(err)
	}
	writeFile(t, filepath.Join(dir, "cmd", "mybot-eventbind", "main.go"), []byte(userCommand))
	frames := filepath.Join(dir, "frames.jsonl")
	writeFile(t, frames, []byte(newEventFrame+"\n"+newSignalFrame+"\n"))

	offline := func(name string, args ...string) string {
		t.Helper()
		cmd := exec.Command(name, args...)
		cmd.Dir = dir
		cmd.Env = append(os.Environ(), "GOPROXY=off", "GOFLAGS=-mod=mod")
		out, err := cmd.CombinedOutput()
		if err != nil && strings.Contains(string(out), "GOPROXY=off") {
			// A module cache that lacks something: ask the proxy after all.
			t.Logf("%s %v needs the module proxy: %s", name, args, out)
			cmd = exec.Command(name, args...)
			cmd.Dir = dir
			cmd.Env = append(os.Environ(), "GOFLAGS=-mod=mod")
			out, err = cmd.CombinedOutput()
		}
		if err != nil {
			t.Fatalf("%s %v: %v\n%s", name, args, err, out)
		}
		return string(out)
	}
	offline("go", "get", "-tool", "github.com/eventbind/eventbind/cmd/eventbind@v0.0.0-00010101000000-000000000000")
	offline("go", "generate", "./...")
	offline("go", "mod", "tidy")
	offline("go", "generate", "./...")
	offline("go", "vet", "./...")
	if out := offline("go", "test", "-v", "./..."); !strings.Contains(out, "--- PASS: TestNewEvent") || !strings.Contains(out, "--- PASS: TestWebhookReceivesTheNewEvent") || !strings.Contains(out, "--- PASS: TestSignalAccessors") {
		t.Errorf("the module's tests did not both pass:\n%s", out)
	}
	// The module's own command decodes the new event with the generated
	// decoder (known, by its name, the value as it came), and the new signal
	// too: the command tells signal frames from event frames, and picks the
	// platform of a line, by what the module's package says.
	type line struct {
		Platform string          `json:"platform"`
		Event    string          `json:"event"`
		Known    bool            `json:"known"`
		Value    json.RawMessage `json:"value"`
	}
	decoded := func(out string) []line {
		t.Helper()
		var lines []line
		for _, l := range strings.Split(strings.TrimSuffix(out, "\n"), "\n") {
			var ln line
			if err := json.Unmarshal([]byte(l), &ln); err != nil {
				t.Fatalf("decode printed %q: %v", out, err)
			}
			lines = append(lines, ln)
		}
		if len(lines) != 2 {
			t.Fatalf("decode printed %d lines for 2: %s", len(lines), out)
		}
		return lines
	}
	out := offline("go", "run", "./cmd/mybot-eventbind", "decode", frames)
	got := decoded(out)
	if got[0].Platform != "kook" || got[0].Event != "user_profile_updated" || !got[0].Known || !jsonEqual(got[0].Value, []byte(newEventFrame)) {
		t.Errorf("decode printed %s, want the known event user_profile_updated, as it came", out)
	}
	if got[1].Platform != "kook" || got[1].Event != "mine" || !got[1].Known || !jsonEqual(got[1].Value, []byte(newSignalFrame)) {
		t.Errorf("decode printed %s, want the known signal mine, as it came", out)
	}
	// The bundled command does not know them: the module's command is what
	// makes the difference.
	got = decoded(offline("go", "tool", "eventbind", "decode", frames))
	if got[0].Known || got[1].Event != "signal_7" || got[1].Known {
		t.Errorf("the bundled eventbind printed %+v, want the event and the signal unknown to it", got)
	}
	src, err := os.ReadFile(filepath.Join(pkg, "events.go"))
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(src), "\npackage mykook\n") || !strings.Contains(string(src), "type UserProfileUpdated struct") {
		t.Errorf("the generated package is not mykook with the new event")
	}
}

// jsonEqual reports whether a and b hold the same JSON value (members in
// any order).
func jsonEqual(a, b []byte) bool {
	var va, vb any
	return json.Unmarshal(a, &va) == nil && json.Unmarshal(b, &vb) == nil && reflect.DeepEqual(va, vb)
}
