package webhook_test

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
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"reflect"
	"sort"
	"strings"
	"sync"
	"testing"

	"github.com/eventbind/eventbind/bind"
	"github.com/eventbind/eventbind/events/kook"
	"github.com/eventbind/eventbind/events/kook/webhook"
)

const (
	examplesDir = "../../../schema/kook/testdata/examples"
	token       = "verify-token-for-tests"
	key         = "encrypt-key-for-tests" // 21 bytes: NUL-padded to 32
	challenge   = "bkes654x09XY"
)

// challengeFrame is the documented challenge request with our token.
var challengeFrame = []byte(`{"s":0,"d":{"type":255,"channel_type":"WEBHOOK_CHALLENGE","challenge":"` + challenge + `","verify_token":"` + token + `"}}`)

// example is one documented frame whose d.verify_token is our token.
type example struct {
	name  string // file name without .json
	event string // the event it is
	frame []byte
}

var (
	examplesOnce sync.Once
	examplesList []example
	examplesErr  error
)

// loadExamples returns every documented KOOK frame, compact, with d.verify_token
// set to token (some examples have another, some none).
func loadExamples(tb testing.TB) []example {
	tb.Helper()
	examplesOnce.Do(func() {
		files, err := filepath.Glob(filepath.Join(examplesDir, "*.json"))
		if err == nil && len(files) == 0 {
			err = fmt.Errorf("no examples in %s", examplesDir)
		}
		if err != nil {
			examplesErr = err
			return
		}
		sort.Strings(files)
		for _, f := range files {
			src, err := os.ReadFile(f)
			if err != nil {
				examplesErr = err
				return
			}
			frame, err := setToken(src, token)
			if err != nil {
				examplesErr = fmt.Errorf("%s: %v", f, err)
				return
			}
			name := strings.TrimSuffix(filepath.Base(f), ".json")
			_, event, _ := strings.Cut(name, "_")
			examplesList = append(examplesList, example{name: name, event: event, frame: frame})
		}
	})
	if examplesErr != nil {
		tb.Fatal(examplesErr)
	}
	return examplesList
}

// exampleNamed returns the example of file name+".json".
func exampleNamed(tb testing.TB, name string) example {
	tb.Helper()
	for _, ex := range loadExamples(tb) {
		if ex.name == name {
			return ex
		}
	}
	tb.Fatalf("no example %s", name)
	return example{}
}

// setToken returns frame with d.verify_token set to tok.
func setToken(frame []byte, tok string) ([]byte, error) {
	var top map[string]json.RawMessage
	if err := json.Unmarshal(frame, &top); err != nil {
		return nil, err
	}
	var d map[string]json.RawMessage
	if err := json.Unmarshal(top["d"], &d); err != nil {
		return nil, err
	}
	d["verify_token"], _ = json.Marshal(tok)
	top["d"], _ = json.Marshal(d)
	return json.Marshal(top)
}

// withMember returns frame with d.<name> set to the JSON value v.
func withMember(tb testing.TB, frame []byte, name, v string) []byte {
	tb.Helper()
	var top map[string]json.RawMessage
	if err := json.Unmarshal(frame, &top); err != nil {
		tb.Fatal(err)
	}
	var d map[string]json.RawMessage
	if err := json.Unmarshal(top["d"], &d); err != nil {
		tb.Fatal(err)
	}
	if v == "" {
		delete(d, name)
	} else {
		d[name] = json.RawMessage(v)
	}
	top["d"], _ = json.Marshal(d)
	out, _ := json.Marshal(top)
	return out
}

// compress returns b zlib-compressed, as KOOK sends it by default.
func compress(b []byte) []byte {
	var buf bytes.Buffer
	zw := zlib.NewWriter(&buf)
	zw.Write(b)
	zw.Close()
	return buf.Bytes()
}

// encryptWith encrypts plain as docs/zh-cn/webhook.md describes it (the
// reverse of 解密消息): AES-256-CBC with the key NUL-padded to 32 bytes and
// PKCS#7 padding; the ciphertext base64-encoded after the 16-byte IV, the
// whole base64-encoded again, in {"encrypt": ...}.
func encryptWith(k string, iv []byte, plain []byte) []byte {
	padded := pkcs7(plain)
	return encryptRaw(k, iv, padded)
}

// encryptRaw is encryptWith without padding: blocks must be a multiple of 16.
func encryptRaw(k string, iv []byte, blocks []byte) []byte {
	kb := make([]byte, 32)
	copy(kb, k)
	block, err := aes.NewCipher(kb)
	if err != nil {
		panic(err)
	}
	ct := make([]byte, len(blocks))
	cipher.NewCBCEncrypter(block, iv).CryptBlocks(ct, blocks)
	return wrapEncrypted(append(append([]byte(nil), iv...), base64.StdEncoding.EncodeToString(ct)...))
}

// wrapEncrypted base64-encodes outer into {"encrypt": ...}.
func wrapEncrypted(outer []byte) []byte {
	body, _ := json.Marshal(map[string]string{"encrypt": base64.StdEncoding.EncodeToString(outer)})
	return body
}

func pkcs7(b []byte) []byte {
	n := aes.BlockSize - len(b)%aes.BlockSize
	return append(append([]byte(nil), b...), bytes.Repeat([]byte{byte(n)}, n)...)
}

// testIV is an IV like the PHP example's: 16 ASCII characters.
var testIV = []byte("0123456789abcdef")

func encrypt(plain []byte) []byte { return encryptWith(key, testIV, plain) }

// recorder collects what the receiver delivered, through OnEvent and a
// kook.Handler (handler, below) and Report.
type recorder struct {
	mu       sync.Mutex
	events   []kook.Event
	handled  []string // EventName of what reached the kook.Handler
	outcomes []webhook.Outcome
	fail     error // returned by the handler when set
}

func (r *recorder) onEvent(_ context.Context, ev bind.Event) error {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.events = append(r.events, ev.(kook.Event))
	return nil
}

func (r *recorder) report(_ *http.Request, o webhook.Outcome) {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.outcomes = append(r.outcomes, o)
}

func (r *recorder) count() int {
	r.mu.Lock()
	defer r.mu.Unlock()
	return len(r.events)
}

func (r *recorder) lastOutcome(tb testing.TB) webhook.Outcome {
	tb.Helper()
	r.mu.Lock()
	defer r.mu.Unlock()
	if len(r.outcomes) == 0 {
		tb.Fatal("no outcome reported")
	}
	return r.outcomes[len(r.outcomes)-1]
}

// handler is a kook.Handler that records the events of a few methods (the
// others stay NopHandler's): enough to see that dispatch reaches it.
type handler struct {
	kook.NopHandler
	rec *recorder
}

func (h handler) OnTextMessage(_ context.Context, ev *kook.TextMessage) error {
	return h.rec.handle(ev)
}

func (h handler) OnJoinedGuild(_ context.Context, ev *kook.JoinedGuild) error {
	return h.rec.handle(ev)
}

func (h handler) OnAddedReaction(_ context.Context, ev *kook.AddedReaction) error {
	return h.rec.handle(ev)
}

func (h handler) OnUnknown(_ context.Context, ev *kook.UnknownEvent) error {
	return h.rec.handle(ev)
}

func (r *recorder) handle(ev kook.Event) error {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.handled = append(r.handled, ev.EventName())
	return r.fail
}

// server starts a receiver over loopback. cfg's VerifyToken defaults to token;
// the recorder is wired to OnEvent, Handler and Report.
func server(t *testing.T, cfg webhook.Config) (*httptest.Server, *recorder) {
	t.Helper()
	rec := &recorder{}
	if cfg.VerifyToken == "" {
		cfg.VerifyToken = token
	}
	cfg.OnEvent = rec.onEvent
	cfg.Handler = handler{rec: rec}
	cfg.Report = rec.report
	rcv, err := webhook.New(cfg)
	if err != nil {
		t.Fatal(err)
	}
	srv := httptest.NewServer(rcv)
	t.Cleanup(srv.Close)
	return srv, rec
}

// post sends body to the server and returns the status and response body.
func post(t *testing.T, url string, body []byte) (int, string) {
	t.Helper()
	resp, err := http.Post(url, "application/json", bytes.NewReader(body))
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	out, err := io.ReadAll(resp.Body)
	if err != nil {
		t.Fatal(err)
	}
	return resp.StatusCode, string(out)
}

// dump renders the exported fields of v, for comparing decoded events (their
// unexported fields hold the source bytes, which differ).
func dump(v any) string {
	var b strings.Builder
	dumpValue(&b, reflect.ValueOf(v))
	return b.String()
}

func dumpValue(b *strings.Builder, v reflect.Value) {
	switch v.Kind() {
	case reflect.Invalid:
		b.WriteString("<invalid>")
	case reflect.Pointer, reflect.Interface:
		if v.IsNil() {
			b.WriteString("nil")
			return
		}
		b.WriteString("&")
		dumpValue(b, v.Elem())
	case reflect.Struct:
		t := v.Type()
		b.WriteString(t.String() + "{")
		for i := 0; i < t.NumField(); i++ {
			if !t.Field(i).IsExported() {
				continue
			}
			b.WriteString(t.Field(i).Name + ":")
			dumpValue(b, v.Field(i))
			b.WriteString(" ")
		}
		b.WriteString("}")
	case reflect.Slice, reflect.Array:
		if v.Kind() == reflect.Slice && v.Type().Elem().Kind() == reflect.Uint8 {
			fmt.Fprintf(b, "%q", v.Bytes())
			return
		}
		b.WriteString("[")
		for i := 0; i < v.Len(); i++ {
			dumpValue(b, v.Index(i))
			b.WriteString(",")
		}
		b.WriteString("]")
	case reflect.Map:
		keys := v.MapKeys()
		sort.Slice(keys, func(i, j int) bool { return fmt.Sprint(keys[i]) < fmt.Sprint(keys[j]) })
		b.WriteString("map[")
		for _, k := range keys {
			dumpValue(b, k)
			b.WriteString(":")
			dumpValue(b, v.MapIndex(k))
			b.WriteString(",")
		}
		b.WriteString("]")
	default:
		fmt.Fprintf(b, "%#v", v.Interface())
	}
}

// sameJSON reports whether a and b are the same JSON document (key order free).
func sameJSON(a, b []byte) bool {
	var va, vb any
	da, db := json.NewDecoder(bytes.NewReader(a)), json.NewDecoder(bytes.NewReader(b))
	da.UseNumber()
	db.UseNumber()
	if da.Decode(&va) != nil || db.Decode(&vb) != nil {
		return false
	}
	return reflect.DeepEqual(va, vb)
}
