package cli

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"syscall"
	"testing"

	"github.com/eventbind/eventbind/internal/fakegateway"
)

const listenToken = "listen-bot-token-42"

// startListen runs `eventbind listen` as a process against a fake gateway,
// with the token in $KOOK_TOKEN.
func startListen(t *testing.T, token string, args ...string) *process {
	t.Helper()
	return startProcess(t, []string{"KOOK_TOKEN=" + token}, append([]string{"listen"}, args...)...)
}

// TestListenProcess: `eventbind listen` gets the gateway with the token from
// $KOOK_TOKEN, prints each event as serve does, in sn order, keeps its state
// in --state, exits 0 on SIGINT, and a second run resumes from the state.
func TestListenProcess(t *testing.T) {
	if runtime.GOOS == "windows" {
		t.Skip("no SIGINT on Windows")
	}
	srv := fakegateway.New(listenToken)
	defer srv.Close()
	srv.Session = func(c *fakegateway.Conn) {
		c.Hello("S1")
		if c.N == 1 {
			for _, sn := range []int64{1, 3, 2} {
				c.Event(sn)
			}
		} else {
			c.Event(4)
		}
		c.ServePings()
	}
	state := filepath.Join(t.TempDir(), "kook-state.json")

	p := startListen(t, listenToken, "--api", srv.URL, "--state", state)
	for i, sn := range []int64{1, 2, 3} {
		line := p.next(t, p.out)
		var got servedLine
		if err := json.Unmarshal([]byte(line), &got); err != nil {
			t.Fatalf("line %d: %v: %q", i+1, err, line)
		}
		if got.Platform != "kook" || got.Event != "text_message" || !got.Known {
			t.Errorf("line %d: %q", i+1, line)
		}
		if msg := sameJSON(t, []byte(fakegateway.EventFrame(sn)), got.Value); msg != "" {
			t.Errorf("line %d is not sn %d: %s", i+1, sn, msg)
		}
	}
	if q := srv.Dials()[0]; q.Get("compress") != "1" || q.Get("resume") != "" {
		t.Errorf("first dial %v, want compress=1 and no resume", q)
	}
	if call := srv.APICalls()[0]; call.Authorization != "Bot "+listenToken {
		t.Errorf("API call without the token from $KOOK_TOKEN: %+v", call)
	}
	p.cmd.Process.Signal(syscall.SIGINT)
	code, _, stderr := p.wait(t)
	all := strings.Join(stderr, "\n")
	if code != 0 {
		t.Fatalf("exit status %d after SIGINT; stderr:\n%s", code, all)
	}
	for _, want := range []string{"eventbind listen: connected session_id=S1", "eventbind listen: stopped"} {
		if !strings.Contains(all, want) {
			t.Errorf("stderr lacks %q:\n%s", want, all)
		}
	}
	for _, secret := range []string{listenToken, srv.URLSecret} {
		if strings.Contains(all, secret) {
			t.Errorf("stderr holds a secret:\n%s", all)
		}
	}
	saved, err := os.ReadFile(state)
	if err != nil || strings.TrimSpace(string(saved)) != `{"session_id":"S1","sn":3}` {
		t.Fatalf("state file %q (%v)", saved, err)
	}

	p = startListen(t, listenToken, "--api", srv.URL, "--state", state, "--compress", "0")
	line := p.next(t, p.out)
	if !strings.Contains(line, `"content":"m4"`) {
		t.Errorf("second run printed %q, want sn 4", line)
	}
	if q := srv.Dials()[1]; q.Get("resume") != "1" || q.Get("sn") != "3" || q.Get("session_id") != "S1" || q.Get("compress") != "0" {
		t.Errorf("second run's dial %v, want a resume of S1 from sn 3, compress=0", q)
	}
	p.cmd.Process.Signal(syscall.SIGINT)
	if code, _, stderr := p.wait(t); code != 0 {
		t.Errorf("second run: exit status %d: %q", code, stderr)
	}
}

// TestListenExitStatus: a refused token is fatal (1), bad usage is 2.
func TestListenExitStatus(t *testing.T) {
	srv := fakegateway.New(listenToken)
	defer srv.Close()
	p := startListen(t, "not-the-token-123", "--api", srv.URL)
	code, _, stderr := p.wait(t)
	if code != 1 || !strings.Contains(strings.Join(stderr, "\n"), "401") {
		t.Errorf("wrong token: status %d, stderr %q; want 1 and the 401", code, stderr)
	}
	if strings.Contains(strings.Join(stderr, "\n"), "not-the-token-123") {
		t.Errorf("stderr holds the token: %q", stderr)
	}
	for _, c := range []struct {
		token string
		args  []string
		want  string
	}{
		{"", nil, "$KOOK_TOKEN"},
		{listenToken, []string{"--compress", "2"}, "--compress must be 0 or 1"},
		{listenToken, []string{"extra"}, "unexpected argument"},
	} {
		p := startListen(t, c.token, c.args...)
		code, _, stderr := p.wait(t)
		if code != 2 || !strings.Contains(fmt.Sprint(stderr), c.want) {
			t.Errorf("%v: status %d, stderr %q; want 2 and %q", c.args, code, stderr, c.want)
		}
	}
}
