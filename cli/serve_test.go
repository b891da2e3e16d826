package cli

import (
	"bytes"
	"compress/zlib"
	"context"
	"crypto/aes"
	"crypto/cipher"
	"encoding/base64"
	"encoding/json"
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
	"runtime"
	"sort"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
)

const (
	serveToken = "serve-test-token"
	serveKey   = "serve-test-key"
)

// TestMain lets the serve tests run this test binary as the command itself:
// with EVENTBIND_TEST_RUN_MAIN=1 it is eventbind, not the tests.
func TestMain(m *testing.M) {
	if os.Getenv("EVENTBIND_TEST_RUN_MAIN") == "1" {
		os.Exit(Run(os.Args[1:], os.Stdin, os.Stdout, os.Stderr))
	}
	os.Exit(m.Run())
}

// servedKeys are the keys of a serve output line: a decode line without "line".
var servedKeys = []string{"event", "known", "platform", "value"}

// servedFrames returns every documented frame with our verify token and an
// sn of its own (several examples share one), compact.
func servedFrames(t *testing.T) (frames [][]byte, events []string) {
	t.Helper()
	for i, ex := range loadExamples(t) {
		var top map[string]json.RawMessage
		if err := json.Unmarshal(ex.frame, &top); err != nil {
			t.Fatal(err)
		}
		var d map[string]json.RawMessage
		if err := json.Unmarshal(top["d"], &d); err != nil {
			t.Fatal(err)
		}
		d["verify_token"], _ = json.Marshal(serveToken)
		top["d"], _ = json.Marshal(d)
		top["sn"] = json.RawMessage(strconv.Itoa(1000 + i))
		frame, _ := json.Marshal(top)
		frames = append(frames, frame)
		events = append(events, ex.event)
	}
	return frames, events
}

func zlibCompress(b []byte) []byte {
	var buf bytes.Buffer
	zw := zlib.NewWriter(&buf)
	zw.Write(b)
	zw.Close()
	return buf.Bytes()
}

// kookEncrypt encrypts as docs/zh-cn/webhook.md describes: AES-256-CBC, key
// NUL-padded to 32 bytes, PKCS#7; base64(IV + base64(ciphertext)) in
// {"encrypt": ...}.
func kookEncrypt(key string, plain []byte) []byte {
	k := make([]byte, 32)
	copy(k, key)
	block, _ := aes.NewCipher(k)
	n := aes.BlockSize - len(plain)%aes.BlockSize
	padded := append(append([]byte(nil), plain...), bytes.Repeat([]byte{byte(n)}, n)...)
	iv := []byte("fedcba9876543210")
	cipher.NewCBCEncrypter(block, iv).CryptBlocks(padded, padded)
	outer := append(append([]byte(nil), iv...), base64.StdEncoding.EncodeToString(padded)...)
	body, _ := json.Marshal(map[string]string{"encrypt": base64.StdEncoding.EncodeToString(outer)})
	return body
}

// syncBuffer is a bytes.Buffer safe for the server's goroutines and the test.
type syncBuffer struct {
	mu  sync.Mutex
	buf bytes.Buffer
}

func (b *syncBuffer) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.Write(p)
}

func (b *syncBuffer) String() string {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.String()
}

func postBody(t *testing.T, url string, body []byte) int {
	t.Helper()
	resp, err := http.Post(url, "application/json", bytes.NewReader(body))
	if err != nil {
		t.Fatal(err)
	}
	io.Copy(io.Discard, resp.Body)
	resp.Body.Close()
	return resp.StatusCode
}

// checkServedLines checks stdout: one line per frame, in order, each with
// exactly the keys of a decode line but "line", the event of its frame and
// the frame as its value.
func checkServedLines(t *testing.T, stdout string, frames [][]byte, events []string) {
	t.Helper()
	lines := strings.Split(strings.TrimSuffix(stdout, "\n"), "\n")
	if stdout == "" {
		lines = nil
	}
	if len(lines) != len(frames) {
		t.Fatalf("%d output lines, want %d:\n%s", len(lines), len(frames), clip(stdout))
	}
	for i, line := range lines {
		members, keys, err := objectMembers([]byte(line))
		if err != nil {
			t.Fatalf("line %d is not one JSON object: %v\n%s", i+1, err, clip(line))
		}
		sort.Strings(keys)
		if diff := cmp.Diff(servedKeys, keys); diff != "" {
			t.Errorf("line %d keys (-want +got):\n%s", i+1, diff)
		}
		var got struct {
			Platform, Event string
			Known           bool
		}
		json.Unmarshal([]byte(line), &got)
		if got.Platform != "kook" || got.Event != events[i] || !got.Known {
			t.Errorf("line %d: %+v, want kook %s known", i+1, got, events[i])
		}
		if diff := sameJSON(t, frames[i], members["value"]); diff != "" {
			t.Errorf("line %d: value is not the frame sent (-sent +value):\n%s", i+1, clip(diff))
		}
	}
}

// startServe runs runServe in this process until the returned stop is called;
// stop returns the exit status.
func startServe(t *testing.T, args ...string) (url string, stdout, stderr *syncBuffer, stop func() int) {
	t.Helper()
	stdout, stderr = &syncBuffer{}, &syncBuffer{}
	ctx, cancel := context.WithCancel(context.Background())
	addrs := make(chan net.Addr, 1)
	codes := make(chan int, 1)
	go func() {
		codes <- runServe(ctx, append([]string{"--addr", "127.0.0.1:0"}, args...), stdout, stderr, func(a net.Addr) { addrs <- a })
	}()
	select {
	case a := <-addrs:
		url = "http://" + a.String()
	case code := <-codes:
		cancel()
		t.Fatalf("serve exited with %d: %s", code, stderr)
	case <-time.After(30 * time.Second):
		cancel()
		t.Fatal("serve did not start")
	}
	var once sync.Once
	code := -1
	stop = func() int {
		once.Do(func() {
			cancel()
			code = <-codes
		})
		return code
	}
	t.Cleanup(func() { stop() })
	return url, stdout, stderr, stop
}

// TestServe runs the receiver from the command line (in process): every
// documented frame is printed once as a decode line; challenges, duplicates
// and refusals are logged on stderr; cancelling (as SIGINT/SIGTERM do) stops
// it with status 0.
func TestServe(t *testing.T) {
	frames, events := servedFrames(t)
	for _, tc := range []struct {
		name  string
		args  []string
		body  func(i int, frame []byte) []byte
		key   string
		bodyC func([]byte) []byte // the challenge body
	}{
		{
			name: "plain and compressed",
			args: []string{"--verify-token", serveToken},
			body: func(i int, f []byte) []byte {
				if i%2 == 0 {
					return zlibCompress(f)
				}
				return f
			},
			bodyC: func(b []byte) []byte { return b },
		},
		{
			name:  "encrypted and compressed",
			args:  []string{"--verify-token", serveToken, "--encrypt-key", serveKey},
			body:  func(_ int, f []byte) []byte { return zlibCompress(kookEncrypt(serveKey, f)) },
			bodyC: func(b []byte) []byte { return zlibCompress(kookEncrypt(serveKey, b)) },
		},
	} {
		t.Run(tc.name, func(t *testing.T) {
			url, stdout, stderr, stop := startServe(t, tc.args...)
			if s := stderr.String(); !strings.Contains(s, "eventbind serve: listening on "+url+"\n") {
				t.Errorf("stderr does not give the address %s: %q", url, s)
			}
			challenge := []byte(`{"s":0,"d":{"type":255,"channel_type":"WEBHOOK_CHALLENGE","challenge":"bkes654x09XY","verify_token":"` + serveToken + `"}}`)
			resp, err := http.Post(url+"/kook/webhook?compress=0", "application/json", bytes.NewReader(tc.bodyC(challenge)))
			if err != nil {
				t.Fatal(err)
			}
			answer, _ := io.ReadAll(resp.Body)
			resp.Body.Close()
			if resp.StatusCode != 200 || string(answer) != `{"challenge":"bkes654x09XY"}` {
				t.Errorf("challenge: %d %s", resp.StatusCode, answer)
			}
			for i, f := range frames {
				if status := postBody(t, url+"/any/path", tc.body(i, f)); status != 200 {
					t.Errorf("frame %d (%s): status %d", i, events[i], status)
				}
			}
			// A retry, a forged event, a broken one: 200 not printed, 403, 400.
			if status := postBody(t, url, tc.body(0, frames[0])); status != 200 {
				t.Errorf("retry: status %d", status)
			}
			forged := bytes.Replace(frames[1], []byte(serveToken), []byte("forged"), 1)
			if status := postBody(t, url, tc.body(1, forged)); status != 403 {
				t.Errorf("forged: status %d", status)
			}
			if status := postBody(t, url, []byte(`{"s":0,"d":`)); status != 400 {
				t.Errorf("broken: status %d", status)
			}
			if code := stop(); code != 0 {
				t.Errorf("exit status %d, want 0", code)
			}
			checkServedLines(t, stdout.String(), frames, events)
			errOut := stderr.String()
			for _, want := range []string{
				"eventbind serve: answered the challenge from 127.0.0.1:",
				"eventbind serve: duplicate sn 1000 (" + events[0] + "): acknowledged, not printed again\n",
				"eventbind serve: refused POST / from 127.0.0.1:",
				": 403 d.verify_token: does not match the configured verify token\n",
				": 400 ",
				"eventbind serve: stopped\n",
			} {
				if !strings.Contains(errOut, want) {
					t.Errorf("stderr does not contain %q:\n%s", want, errOut)
				}
			}
		})
	}
}

// TestServeLimits: the size limits from the command line, a zlib bomb and
// a GET.
func TestServeLimits(t *testing.T) {
	frames, _ := servedFrames(t)
	url, stdout, stderr, stop := startServe(t, "--verify-token", serveToken, "--max-body", "200", "--max-inflated", "4096")
	var large []byte
	for _, f := range frames {
		if len(f) > 200 {
			large = f
			break
		}
	}
	if status := postBody(t, url, large); status != 413 {
		t.Errorf("body over --max-body: status %d", status)
	}
	var bomb bytes.Buffer
	zw, _ := zlib.NewWriterLevel(&bomb, zlib.BestCompression)
	zw.Write(make([]byte, 64<<10))
	zw.Close()
	if status := postBody(t, url, bomb.Bytes()); status != 413 {
		t.Errorf("64 KiB of zeros compressed to %d bytes, over --max-inflated: status %d", bomb.Len(), status)
	}
	resp, err := http.Get(url)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != 405 {
		t.Errorf("GET: status %d", resp.StatusCode)
	}
	if code := stop(); code != 0 {
		t.Errorf("exit status %d", code)
	}
	if stdout.String() != "" {
		t.Errorf("stdout %q, want nothing", stdout)
	}
	for _, want := range []string{
		": 413 body: larger than 200 bytes\n",
		": 413 zlib: inflated body is larger than 4096 bytes\n",
		"refused GET / from 127.0.0.1:",
		": 405 method: GET: want POST\n",
	} {
		if !strings.Contains(stderr.String(), want) {
			t.Errorf("stderr does not contain %q:\n%s", want, stderr)
		}
	}
}

func TestServeUsage(t *testing.T) {
	t.Setenv("KOOK_VERIFY_TOKEN", "")
	t.Setenv("KOOK_ENCRYPT_KEY", "")
	t.Setenv("EVENTBIND_REDIS", "")
	for _, tc := range []struct {
		args []string
		want string
	}{
		{[]string{"serve"}, "--verify-token (or $KOOK_VERIFY_TOKEN) is required"},
		{[]string{"serve", "--verify-token", "t", "extra"}, `unexpected argument "extra"`},
		{[]string{"serve", "--verify-token", "t", "--max-body", "0"}, "must be positive"},
		{[]string{"serve", "--verify-token", "t", "--max-body", "1MB"}, "invalid value"},
		{[]string{"serve", "--verify-token", "t", "--encrypt-key", strings.Repeat("k", 33)}, "33 bytes"},
		{[]string{"serve", "--bogus"}, "flag provided but not defined"},
		{[]string{"serve", "--verify-token", "t", "--redis", "http://127.0.0.1:1"}, "--redis: "},
		{[]string{"serve", "--verify-token", "t", "--redis", "redis://127.0.0.1:1", "--redis-down", "maybe"}, `--redis-down "maybe": want deliver or refuse`},
		{[]string{"serve", "--verify-token", "t", "--redis", "redis://127.0.0.1:1", "--claim-lease", "0s"}, "--claim-lease must be positive"},
	} {
		code, stdout, stderr := runCLI(t, tc.args, "")
		if code != exitUsage || stdout != "" || !strings.Contains(stderr, tc.want) {
			t.Errorf("%q: status %d, stdout %q, stderr %q; want 2 and %q", tc.args, code, stdout, stderr, tc.want)
		}
	}
	code, _, stderr := runCLI(t, []string{"serve", "--verify-token", "t", "--addr", "256.0.0.1:http"}, "")
	if code != exitFailed || !strings.Contains(stderr, "eventbind serve: listen tcp") {
		t.Errorf("bad address: status %d, stderr %q; want 1", code, stderr)
	}
}

// TestServeProcess runs `eventbind serve` as a process (this test binary,
// as main), with the token from the environment: it prints the address,
// prints the events posted to it, and exits 0 on SIGTERM and on SIGINT.
func TestServeProcess(t *testing.T) {
	if runtime.GOOS == "windows" {
		t.Skip("no SIGTERM on Windows")
	}
	for _, sig := range []syscall.Signal{syscall.SIGTERM, syscall.SIGINT} {
		t.Run(sig.String(), func(t *testing.T) { testServeProcess(t, sig) })
	}
}

func testServeProcess(t *testing.T, sig syscall.Signal) {
	frames, events := servedFrames(t)
	frames, events = frames[:3], events[:3]
	p := startProcess(t, []string{"KOOK_VERIFY_TOKEN=" + serveToken, "KOOK_ENCRYPT_KEY="}, "serve", "--addr", "127.0.0.1:0")

	first := p.next(t, p.err)
	addr, ok := strings.CutPrefix(first, "eventbind serve: listening on ")
	if !ok {
		t.Fatalf("first stderr line %q does not give the address", first)
	}
	var got []string
	for i, f := range frames {
		if status := postBody(t, addr, zlibCompress(f)); status != 200 {
			t.Fatalf("frame %d: status %d", i, status)
		}
		got = append(got, p.next(t, p.out))
	}
	checkServedLines(t, strings.Join(got, "\n")+"\n", frames, events)

	if err := p.cmd.Process.Signal(sig); err != nil {
		t.Fatal(err)
	}
	code, more, rest := p.wait(t)
	if code != 0 {
		t.Fatalf("after %v: exit status %d; stderr %q", sig, code, rest)
	}
	if fmt.Sprint(rest) != "[eventbind serve: stopped]" {
		t.Errorf("stderr after the address: %q, want only the stop", rest)
	}
	if len(more) > 0 {
		t.Errorf("more on stdout: %q", more)
	}
}

// TestServeRecovered: an event with a member of a shape the schema does not
// take is answered 200 and printed with its problems (its value the body as
// sent), and the delivery is logged; with --strict it is refused with 400.
func TestServeRecovered(t *testing.T) {
	frame := []byte(`{"s":0,"d":{"channel_type":"GROUP","type":255,"target_id":"g","author_id":"1","content":"x","msg_id":"m-rec","msg_timestamp":1,"nonce":"","verify_token":"` + serveToken + `","extra":{"type":"joined_guild","body":{"user_id":"7","joined_at":"now"}}},"sn":77}`)
	url, stdout, stderr, stop := startServe(t, "--verify-token", serveToken)
	if status := postBody(t, url, frame); status != 200 {
		t.Errorf("status %d, want 200", status)
	}
	if code := stop(); code != 0 {
		t.Errorf("exit status %d", code)
	}
	var line struct {
		Event    string          `json:"event"`
		Known    bool            `json:"known"`
		Value    json.RawMessage `json:"value"`
		Problems []string        `json:"problems"`
	}
	if err := json.Unmarshal([]byte(stdout.String()), &line); err != nil {
		t.Fatalf("stdout %q: %v", stdout.String(), err)
	}
	if line.Event != "joined_guild" || !line.Known || len(line.Problems) != 1 || line.Problems[0] != "d.extra.body.joined_at: want number, got string" {
		t.Errorf("printed %+v", line)
	}
	if diff := sameJSON(t, frame, line.Value); diff != "" {
		t.Errorf("value is not the body (-body +value):\n%s", diff)
	}
	if want := "eventbind serve: delivered joined_guild (sn 77) with 1 problem(s): d.extra.body.joined_at: want number, got string\n"; !strings.Contains(stderr.String(), want) {
		t.Errorf("stderr does not contain %q:\n%s", want, stderr.String())
	}

	url, stdout, stderr, stop = startServe(t, "--verify-token", serveToken, "--strict")
	if status := postBody(t, url, frame); status != 400 {
		t.Errorf("--strict: status %d, want 400", status)
	}
	stop()
	if stdout.String() != "" || !strings.Contains(stderr.String(), ": 400 d.extra.body.joined_at: want number, got string\n") {
		t.Errorf("--strict: stdout %q stderr %q", stdout.String(), stderr.String())
	}
}
