package webhook_test

import (
	"bytes"
	"compress/zlib"
	"context"
	"encoding/json"
	"errors"
	"io"
	"math"
	"net/http"
	"runtime"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/eventbind/eventbind/bind"
	"github.com/eventbind/eventbind/events/kook"
	"github.com/eventbind/eventbind/events/kook/webhook"
	"github.com/eventbind/eventbind/jsonwire"
)

// wantRefused checks a refusal: the status, the reason reported (Report gets
// the full one), and that nothing was delivered.
func wantRefused(t *testing.T, rec *recorder, status int, gotStatus int, reason string) {
	t.Helper()
	if gotStatus != status {
		t.Errorf("status %d, want %d", gotStatus, status)
	}
	o := rec.lastOutcome(t)
	if o.Kind != webhook.KindRefused || o.Err == nil {
		t.Fatalf("outcome %v, want refused", o.Kind)
	}
	if o.Status != status || o.Err.Status != status {
		t.Errorf("outcome status %d, error status %d; want %d", o.Status, o.Err.Status, status)
	}
	if !strings.Contains(o.Err.Error(), reason) {
		t.Errorf("reason %q does not contain %q", o.Err.Error(), reason)
	}
	if n := rec.count(); n != 0 {
		t.Errorf("%d events delivered, want none", n)
	}
}

func TestChallenge(t *testing.T) {
	bodies := map[string]struct {
		cfg  webhook.Config
		body []byte
	}{
		"plain":                    {webhook.Config{}, challengeFrame},
		"compressed":               {webhook.Config{}, compress(challengeFrame)},
		"encrypted":                {webhook.Config{EncryptKey: key}, encrypt(challengeFrame)},
		"encrypted and compressed": {webhook.Config{EncryptKey: key}, compress(encrypt(challengeFrame))},
	}
	for name, tc := range bodies {
		t.Run(name, func(t *testing.T) {
			srv, rec := server(t, tc.cfg)
			resp, err := http.Post(srv.URL+"/kook?compress=0", "application/json", bytes.NewReader(tc.body))
			if err != nil {
				t.Fatal(err)
			}
			defer resp.Body.Close()
			out, _ := io.ReadAll(resp.Body)
			if resp.StatusCode != 200 {
				t.Fatalf("status %d: %s", resp.StatusCode, out)
			}
			if ct := resp.Header.Get("Content-Type"); ct != "application/json" {
				t.Errorf("Content-Type %q", ct)
			}
			var got map[string]any
			if err := json.Unmarshal(out, &got); err != nil || len(got) != 1 || got["challenge"] != challenge {
				t.Errorf("response %s, want exactly {\"challenge\":%q}", out, challenge)
			}
			if o := rec.lastOutcome(t); o.Kind != webhook.KindChallenge || o.Challenge != challenge {
				t.Errorf("outcome %+v", o)
			}
			if rec.count() != 0 {
				t.Errorf("a challenge was delivered as an event")
			}
		})
	}
}

func TestChallengeNeedsToken(t *testing.T) {
	for name, body := range map[string][]byte{
		"wrong token":   bytes.Replace(challengeFrame, []byte(token), []byte("xxxxxx"), 1),
		"no token":      bytes.Replace(challengeFrame, []byte(`,"verify_token":"`+token+`"`), nil, 1),
		"token prefix":  bytes.Replace(challengeFrame, []byte(token), []byte(token[:5]), 1),
		"token + space": bytes.Replace(challengeFrame, []byte(token), []byte(token+" "), 1),
	} {
		t.Run(name, func(t *testing.T) {
			srv, rec := server(t, webhook.Config{})
			status, out := post(t, srv.URL, body)
			wantRefused(t, rec, 403, status, "d.verify_token: ")
			if strings.Contains(out, challenge) {
				t.Errorf("the challenge was answered: %s", out)
			}
		})
	}
	t.Run("encrypted, wrong token", func(t *testing.T) {
		srv, rec := server(t, webhook.Config{EncryptKey: key})
		status, out := post(t, srv.URL, compress(encrypt(bytes.Replace(challengeFrame, []byte(token), []byte("nope"), 1))))
		wantRefused(t, rec, 403, status, "d.verify_token: does not match")
		if strings.Contains(out, challenge) {
			t.Errorf("the challenge was answered: %s", out)
		}
	})
	t.Run("challenge not a string", func(t *testing.T) {
		srv, rec := server(t, webhook.Config{})
		status, _ := post(t, srv.URL, bytes.Replace(challengeFrame, []byte(`"`+challenge+`"`), []byte(`12`), 1))
		wantRefused(t, rec, 400, status, "d.challenge: want a string")
	})
	t.Run("challenge with trailing garbage", func(t *testing.T) {
		srv, rec := server(t, webhook.Config{})
		status, _ := post(t, srv.URL, append(append([]byte(nil), challengeFrame...), `}`...))
		wantRefused(t, rec, 400, status, "offset ")
	})
}

// TestExamplesDelivered posts every documented frame, plain, zlib-compressed
// (told by content: with and without compress=0 in the query, which the
// receiver does not trust), encrypted, and encrypted then compressed: each is
// answered 200, delivered once through OnEvent, and is the event of its file.
func TestExamplesDelivered(t *testing.T) {
	variants := []struct {
		name  string
		key   string
		query string
		body  func([]byte) []byte
	}{
		{"plain", "", "?compress=0", func(b []byte) []byte { return b }},
		{"zlib", "", "", compress},
		{"zlib despite compress=0", "", "?compress=0", compress},
		{"encrypted", key, "?compress=0", encrypt},
		{"encrypted and compressed", key, "", func(b []byte) []byte { return compress(encrypt(b)) }},
	}
	examples := loadExamples(t)
	for _, v := range variants {
		t.Run(v.name, func(t *testing.T) {
			for _, ex := range examples {
				// A receiver per example: several documented examples share an sn and msg_id.
				srv, rec := server(t, webhook.Config{EncryptKey: v.key})
				status, out := post(t, srv.URL+"/any/path"+v.query, v.body(ex.frame))
				if status != 200 {
					t.Errorf("%s: status %d: %s (%v)", ex.name, status, out, rec.lastOutcome(t).Err)
					continue
				}
				if rec.count() != 1 {
					t.Errorf("%s: %d events delivered, want 1", ex.name, rec.count())
					continue
				}
				ev := rec.events[0]
				if ev.EventName() != ex.event || !ev.Known() {
					t.Errorf("%s: delivered %s (known %v)", ex.name, ev.EventName(), ev.Known())
				}
				if !sameJSON(ex.frame, ev.AppendJSON(nil)) {
					t.Errorf("%s: the event re-encodes to another document:\n%s\n%s", ex.name, ex.frame, ev.AppendJSON(nil))
				}
				if o := rec.lastOutcome(t); o.Kind != webhook.KindDelivered || !o.SN.Set {
					t.Errorf("%s: outcome %v, has sn %v", ex.name, o.Kind, o.SN.Set)
				}
			}
		})
	}
}

// TestDispatchReachesHandler: events go through kook.Dispatch to the
// configured kook.Handler.
func TestDispatchReachesHandler(t *testing.T) {
	srv, rec := server(t, webhook.Config{})
	byName := map[string]example{}
	for _, ex := range loadExamples(t) {
		byName[ex.name] = ex
	}
	var want []string
	for i, name := range []string{"003_text_message", "003_joined_guild", "001_added_reaction"} {
		ex := byName[name]
		frame := withMember(t, ex.frame, "msg_id", `"dispatch-`+string(rune('a'+i))+`"`)
		if status, out := post(t, srv.URL, frame); status != 200 {
			t.Fatalf("%s: %d %s", name, status, out)
		}
		want = append(want, ex.event)
	}
	unknown, _ := setToken([]byte(`{"s":0,"d":{"type":255,"extra":{"type":"brand_new_event","body":{}}},"sn":4242}`), token)
	if status, out := post(t, srv.URL, unknown); status != 200 {
		t.Fatalf("unknown event: %d %s", status, out)
	}
	want = append(want, "brand_new_event")
	if strings.Join(rec.handled, ",") != strings.Join(want, ",") {
		t.Errorf("the handler got %q, want %q", rec.handled, want)
	}
}

func TestVerifyToken(t *testing.T) {
	frame := loadExamples(t)[0].frame
	for _, tc := range []struct {
		name   string
		body   []byte
		reason string
	}{
		{"mismatch", withMember(t, frame, "verify_token", `"xxx"`), "d.verify_token: does not match the configured verify token"},
		{"empty", withMember(t, frame, "verify_token", `""`), "d.verify_token: does not match"},
		{"longer", withMember(t, frame, "verify_token", `"`+token+`x"`), "d.verify_token: does not match"},
		{"missing", withMember(t, frame, "verify_token", ""), "d.verify_token: missing"},
		{"not a string", withMember(t, frame, "verify_token", `123`), "d.verify_token: want a string"},
		{"null", withMember(t, frame, "verify_token", `null`), "d.verify_token: want a string"},
		{"mismatch, compressed", compress(withMember(t, frame, "verify_token", `"xxx"`)), "d.verify_token: does not match"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			srv, rec := server(t, webhook.Config{})
			status, _ := post(t, srv.URL, tc.body)
			wantRefused(t, rec, 403, status, tc.reason)
		})
	}
	t.Run("encrypted, mismatch", func(t *testing.T) {
		srv, rec := server(t, webhook.Config{EncryptKey: key})
		status, out := post(t, srv.URL, encrypt(withMember(t, frame, "verify_token", `"xxx"`)))
		wantRefused(t, rec, 403, status, "d.verify_token: does not match")
		if strings.TrimSpace(out) != "Forbidden" {
			t.Errorf("response %q: after decryption only the status text is sent", out)
		}
	})
}

// zlibBomb is 300 MiB of zeros, compressed (to about 300 KB), built streaming.
var zlibBomb = sync.OnceValue(func() []byte {
	var buf bytes.Buffer
	zw, _ := zlib.NewWriterLevel(&buf, zlib.BestCompression)
	zeros := make([]byte, 1<<20)
	for i := 0; i < 300; i++ {
		zw.Write(zeros)
	}
	zw.Close()
	return buf.Bytes()
})

// TestZlibBomb: 300 MiB once inflated is refused with 413, and the receiver
// allocates a small part of it doing so.
func TestZlibBomb(t *testing.T) {
	bomb := zlibBomb()
	if len(bomb) > webhook.DefaultMaxBody {
		t.Fatalf("the bomb is %d bytes compressed: over the body limit, it would not test inflating", len(bomb))
	}
	for _, tc := range []struct {
		name string
		key  string
		body []byte
	}{
		{"plain", "", bomb},
		{"with an encrypt key", key, bomb},
	} {
		t.Run(tc.name, func(t *testing.T) {
			srv, rec := server(t, webhook.Config{EncryptKey: tc.key})
			var before, after runtime.MemStats
			runtime.GC()
			runtime.ReadMemStats(&before)
			status, _ := post(t, srv.URL, tc.body)
			runtime.ReadMemStats(&after)
			wantRefused(t, rec, 413, status, "zlib: inflated body is larger than 8388608 bytes")
			if alloc := after.TotalAlloc - before.TotalAlloc; alloc > 32<<20 {
				t.Errorf("refusing the bomb allocated %d MiB", alloc>>20)
			} else {
				t.Logf("refusing a %d-byte bomb of 300 MiB allocated %.1f MiB (client included)", len(tc.body), float64(alloc)/(1<<20))
			}
		})
	}
	t.Run("MaxInflated is configurable", func(t *testing.T) {
		srv, rec := server(t, webhook.Config{MaxInflated: 100})
		status, _ := post(t, srv.URL, compress(loadExamples(t)[0].frame))
		wantRefused(t, rec, 413, status, "zlib: inflated body is larger than 100 bytes")
	})
	t.Run("MaxInflated and MaxBody of math.MaxInt64 (no limit)", func(t *testing.T) {
		srv, _ := server(t, webhook.Config{MaxInflated: math.MaxInt64, MaxBody: math.MaxInt64})
		if status, out := post(t, srv.URL, compress(loadExamples(t)[0].frame)); status != 200 {
			t.Errorf("status %d: %s", status, out)
		}
	})
}

func TestBodyLimit(t *testing.T) {
	big := bytes.Repeat([]byte(" "), webhook.DefaultMaxBody+1)
	t.Run("Content-Length over the limit", func(t *testing.T) {
		srv, rec := server(t, webhook.Config{})
		status, _ := post(t, srv.URL, big)
		wantRefused(t, rec, 413, status, "body: larger than 1048576 bytes")
	})
	t.Run("chunked, over the limit", func(t *testing.T) {
		srv, rec := server(t, webhook.Config{})
		// An io.Reader of unknown length is sent chunked, without Content-Length.
		resp, err := http.Post(srv.URL, "application/json", io.MultiReader(bytes.NewReader(big)))
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		wantRefused(t, rec, 413, resp.StatusCode, "body: larger than 1048576 bytes")
	})
	t.Run("exactly the limit is read", func(t *testing.T) {
		srv, rec := server(t, webhook.Config{})
		status, _ := post(t, srv.URL, big[1:])
		wantRefused(t, rec, 400, status, "offset ")
	})
	t.Run("MaxBody is configurable", func(t *testing.T) {
		srv, rec := server(t, webhook.Config{MaxBody: 64})
		status, _ := post(t, srv.URL, loadExamples(t)[0].frame)
		wantRefused(t, rec, 413, status, "body: larger than 64 bytes")
	})
}

func TestEncryption(t *testing.T) {
	frame := loadExamples(t)[0].frame
	// bad padding: the last byte says 3 but the two before are not 3.
	badPad := append(append([]byte(nil), frame...), make([]byte, 16-len(frame)%16)...)
	badPad[len(badPad)-1] = 3
	zeroPad := append(append([]byte(nil), frame...), make([]byte, 16-len(frame)%16)...)
	bigPad := append(append([]byte(nil), frame...), make([]byte, 16-len(frame)%16)...)
	bigPad[len(bigPad)-1] = 17
	iv := testIV
	for _, tc := range []struct {
		name   string
		key    string // configured
		body   []byte
		status int
		reason string
		hidden bool // the response is only the status text
	}{
		{"not encrypted", key, frame, 400, "encrypt: body is not encrypted", false},
		{"not encrypted, compressed", key, compress(frame), 400, "encrypt: body is not encrypted", false},
		{"not JSON", key, []byte("hello"), 400, "encrypt: body is not encrypted", false},
		{"encrypted without a key", "", encrypt(frame), 400, "encrypt: body is encrypted but no encrypt key is configured", false},
		{"another key", key, encryptWith("another key", iv, frame), 400, "", true},
		{"key padded differently", key, encryptWith(key+"\x01", iv, frame), 400, "", true},
		{"bad padding", key, encryptRaw(key, iv, badPad), 400, "encrypt: bad PKCS#7 padding", true},
		{"zero padding", key, encryptRaw(key, iv, zeroPad), 400, "encrypt: bad PKCS#7 padding", true},
		{"padding over 16", key, encryptRaw(key, iv, bigPad), 400, "encrypt: bad PKCS#7 padding", true},
		{"encrypt not a string", key, []byte(`{"encrypt":42}`), 400, "encrypt: want a string, got number", false},
		{"outer not base64", key, []byte(`{"encrypt":"***not base64***"}`), 400, "encrypt: not base64", false},
		{"outer truncated", key, truncateOuter(encrypt(frame)), 400, "encrypt: not base64", false},
		{"too short for an IV", key, wrapEncrypted([]byte("0123456789")), 400, "encrypt: 10 bytes once base64-decoded", false},
		{"IV only", key, wrapEncrypted(iv), 400, "encrypt: 16 bytes once base64-decoded", false},
		{"inner not base64", key, wrapEncrypted(append(append([]byte(nil), iv...), "%%%%"...)), 400, "encrypt: the ciphertext after the IV is not base64", true},
		{"inner truncated", key, wrapEncrypted(append(append([]byte(nil), iv...), "QUJD"...)), 400, "encrypt: ciphertext of 3 bytes", true},
		{"plaintext not JSON", key, encrypt([]byte("not json at all")), 400, "offset 2: invalid character", true},
		{"plaintext malformed event", key, encrypt(withMember(t, frame, "type", `"one"`)), 400, "d.type: ", true},
		{"wrapper with trailing data", key, append(encrypt(frame), "x"...), 400, "offset ", false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			srv, rec := server(t, webhook.Config{EncryptKey: tc.key})
			status, out := post(t, srv.URL, tc.body)
			wantRefused(t, rec, tc.status, status, tc.reason)
			if tc.hidden != (strings.TrimSpace(out) == "Bad Request") {
				t.Errorf("response %q; want only the status text: %v", out, tc.hidden)
			}
		})
	}
	t.Run("round trip with a 32-byte key", func(t *testing.T) {
		k := strings.Repeat("k", 32)
		srv, rec := server(t, webhook.Config{EncryptKey: k})
		if status, out := post(t, srv.URL, compress(encryptWith(k, []byte("fedcba9876543210"), frame))); status != 200 {
			t.Fatalf("status %d: %s", status, out)
		}
		if rec.count() != 1 {
			t.Fatalf("delivered %d", rec.count())
		}
	})
}

// truncateOuter cuts the outer base64 string of an encrypted body by 3
// characters, leaving a length that is not a multiple of 4.
func truncateOuter(body []byte) []byte {
	var w map[string]string
	json.Unmarshal(body, &w)
	s := w["encrypt"]
	out, _ := json.Marshal(map[string]string{"encrypt": s[:len(s)-3]})
	return out
}

func TestMalformed(t *testing.T) {
	frame := loadExamples(t)[0].frame
	joined := []byte(`{"s":0,"d":{"type":255,"verify_token":"` + token + `","extra":{"type":"joined_guild","body":{"user_id":"1","joined_at":"now"}}},"sn":3}`)
	for _, tc := range []struct {
		name   string
		body   []byte
		reason string
	}{
		{"empty", nil, "offset 0: unexpected end of JSON input"},
		{"not JSON", []byte("hello"), "offset 1: "},
		{"array", []byte(`[1,2]`), "body: want a JSON object, got array"},
		{"truncated", frame[:len(frame)-5], "offset "},
		{"trailing data", append(append([]byte(nil), frame...), " {}"...), "offset "},
		{"d not an object", []byte(`{"s":0,"d":[]}`), "d: want object, got array"},
		{"signal other than 0", bytes.Replace(frame, []byte(`"s":0`), []byte(`"s":1`), 1), "s: want 0 (an event), got 1"},
		{"bad zlib", compress(frame)[:20], "zlib: unexpected EOF"},
		{"zlib with trailing data", append(compress(frame), "junk"...), "zlib: 4 bytes after the end of the compressed stream"},
		{"zlib checksum", flipLast(compress(frame)), "zlib: invalid checksum"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			srv, rec := server(t, webhook.Config{})
			status, out := post(t, srv.URL, tc.body)
			wantRefused(t, rec, 400, status, tc.reason)
			if !strings.Contains(out, tc.reason) {
				t.Errorf("response %q does not say %q", out, tc.reason)
			}
		})
	}
	// A member of another shape: refused with Strict, else delivered.
	t.Run("wrong type in a body, strict", func(t *testing.T) {
		srv, rec := server(t, webhook.Config{Strict: true})
		status, _ := post(t, srv.URL, joined)
		wantRefused(t, rec, 400, status, "d.extra.body.joined_at: want number, got string")
	})
	for _, tc := range []struct {
		name   string
		body   []byte
		reason string
	}{
		{"strict sn", bytes.Replace(frame, []byte(`"sn":`), []byte(`"sn":"x","was":`), 1), "sn: want number, got string"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			srv, rec := server(t, webhook.Config{Strict: true})
			status, out := post(t, srv.URL, tc.body)
			wantRefused(t, rec, 400, status, tc.reason)
			if !strings.Contains(out, tc.reason) {
				t.Errorf("response %q does not say %q", out, tc.reason)
			}
		})
	}
}

func flipLast(b []byte) []byte {
	out := append([]byte(nil), b...)
	out[len(out)-1] ^= 0xff
	return out
}

func TestMethod(t *testing.T) {
	srv, rec := server(t, webhook.Config{})
	resp, err := http.Get(srv.URL)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	wantRefused(t, rec, 405, resp.StatusCode, "method: GET: want POST")
	if allow := resp.Header.Get("Allow"); allow != "POST" {
		t.Errorf("Allow %q", allow)
	}
}

// TestDuplicate: KOOK's retries of one event (same sn and msg_id) are
// answered 200 and delivered once; the same sn with another msg_id (after the
// numbering wrapped) is another event.
func TestDuplicate(t *testing.T) {
	srv, rec := server(t, webhook.Config{})
	frame := loadExamples(t)[0].frame
	for i, variant := range [][]byte{frame, frame, compress(frame), frame} {
		if status, out := post(t, srv.URL, variant); status != 200 {
			t.Fatalf("post %d: status %d: %s", i, status, out)
		}
		want := webhook.KindDelivered
		if i > 0 {
			want = webhook.KindDuplicate
		}
		if o := rec.lastOutcome(t); o.Kind != want {
			t.Errorf("post %d: %v, want %v", i, o.Kind, want)
		}
	}
	if n := rec.count(); n != 1 {
		t.Fatalf("delivered %d times, want once", n)
	}
	wrapped := withMember(t, frame, "msg_id", `"another-message"`)
	if status, _ := post(t, srv.URL, wrapped); status != 200 || rec.count() != 2 {
		t.Errorf("same sn, other msg_id: status %d, delivered %d in all, want 2", status, rec.count())
	}
	// Without sn there is nothing to deduplicate on: delivered each time.
	var bare map[string]json.RawMessage
	json.Unmarshal(frame, &bare)
	for i := 0; i < 2; i++ {
		if status, out := post(t, srv.URL, bare["d"]); status != 200 {
			t.Fatalf("bare payload: %d %s", status, out)
		}
	}
	if rec.count() != 4 {
		t.Errorf("delivered %d in all, want 4", rec.count())
	}
}

// TestHandlerFailureIsRetried: a handler error answers 500 (KOOK retries) and
// the retry is delivered again, then acknowledged as a duplicate.
func TestHandlerFailureIsRetried(t *testing.T) {
	srv, rec := server(t, webhook.Config{})
	frame := exampleNamed(t, "003_text_message").frame // one the test handler handles
	rec.fail = errors.New("database down")
	status, out := post(t, srv.URL, frame)
	if status != 500 || strings.Contains(out, "database") {
		t.Errorf("status %d, response %q: want 500 without the handler's error", status, out)
	}
	if o := rec.lastOutcome(t); o.Kind != webhook.KindRefused || !strings.Contains(o.Err.Error(), "handler: database down") {
		t.Errorf("outcome %v %v", o.Kind, o.Err)
	}
	rec.fail = nil
	if status, _ := post(t, srv.URL, frame); status != 200 || rec.lastOutcome(t).Kind != webhook.KindDelivered {
		t.Errorf("retry: status %d, %v; want delivered", status, rec.lastOutcome(t).Kind)
	}
	if status, _ := post(t, srv.URL, frame); status != 200 || rec.lastOutcome(t).Kind != webhook.KindDuplicate {
		t.Errorf("second retry: status %d, %v; want duplicate", status, rec.lastOutcome(t).Kind)
	}
	if n := len(rec.handled); n != 2 {
		t.Errorf("handler called %d times, want 2 (failed, then retried)", n)
	}
}

// TestRetryWhileInFlight: a retry that comes while the first delivery is still
// running gets 503 and is not delivered; the first finishes with 200.
func TestRetryWhileInFlight(t *testing.T) {
	started, release := make(chan struct{}), make(chan struct{})
	var calls int
	rcv, err := webhook.New(webhook.Config{
		VerifyToken: token,
		OnEvent: func(context.Context, bind.Event) error {
			calls++
			close(started)
			<-release
			return nil
		},
	})
	if err != nil {
		t.Fatal(err)
	}
	frame := loadExamples(t)[0].frame
	first := make(chan webhook.Outcome)
	go func() { first <- rcv.Receive(context.Background(), frame) }()
	<-started
	if o := rcv.Receive(context.Background(), frame); o.Kind != webhook.KindRefused || o.Status != 503 {
		t.Errorf("retry in flight: %v %d, want refused 503", o.Kind, o.Status)
	}
	close(release)
	if o := <-first; o.Kind != webhook.KindDelivered {
		t.Errorf("first: %v", o.Kind)
	}
	if o := rcv.Receive(context.Background(), frame); o.Kind != webhook.KindDuplicate {
		t.Errorf("retry after: %v, want duplicate", o.Kind)
	}
	if calls != 1 {
		t.Errorf("delivered %d times", calls)
	}
}

type failingStore struct{}

func (failingStore) MarkSeen(context.Context, webhook.SeenKey) (bool, error) {
	return false, errors.New("redis: connection refused")
}
func (failingStore) Forget(context.Context, webhook.SeenKey) error { return nil }

func TestSeenStoreFailure(t *testing.T) {
	srv, rec := server(t, webhook.Config{Seen: failingStore{}})
	status, _ := post(t, srv.URL, loadExamples(t)[0].frame)
	wantRefused(t, rec, 500, status, "seen store: redis: connection refused")
}

func TestNewChecksConfig(t *testing.T) {
	h := kook.NopHandler{}
	for _, tc := range []struct {
		cfg    webhook.Config
		reason string
	}{
		{webhook.Config{Handler: h}, "VerifyToken is empty"},
		{webhook.Config{VerifyToken: "t"}, "all nil"},
		{webhook.Config{VerifyToken: "t", Handler: h, EncryptKey: strings.Repeat("k", 33)}, "33 bytes"},
		{webhook.Config{VerifyToken: "t", Handler: h, MaxBody: -1}, "negative"},
	} {
		if _, err := webhook.New(tc.cfg); err == nil || !strings.Contains(err.Error(), tc.reason) {
			t.Errorf("New(%+v) = %v, want an error with %q", tc.cfg, err, tc.reason)
		}
	}
}

func TestMemoryStore(t *testing.T) {
	ctx := context.Background()
	now := time.Unix(0, 0)
	s := webhook.NewMemoryStore(webhook.MemoryOptions{TTL: time.Minute, Max: 3, Now: func() time.Time { return now }})
	mark := func(sn int64, id string) bool {
		first, err := s.MarkSeen(ctx, webhook.SeenKey{SN: sn, MsgID: id})
		if err != nil {
			t.Fatal(err)
		}
		return first
	}
	if !mark(1, "a") || mark(1, "a") {
		t.Errorf("first and second MarkSeen of one key")
	}
	if !mark(1, "b") {
		t.Errorf("same sn, other msg_id: not new")
	}
	now = now.Add(59 * time.Second)
	if mark(1, "a") {
		t.Errorf("forgotten before the TTL")
	}
	now = now.Add(time.Second)
	if !mark(1, "a") {
		t.Errorf("remembered after the TTL")
	}
	// Max: the oldest go first.
	mark(2, "")
	mark(3, "")
	mark(4, "")
	if s.Len() != 3 || !mark(1, "a") {
		t.Errorf("Len %d; key 1 should have been pushed out by three newer", s.Len())
	}
	s.Forget(ctx, webhook.SeenKey{SN: 4})
	if !mark(4, "") {
		t.Errorf("forgotten key still seen")
	}
}

// TestMemoryStoreWrap: with the default options, a receiver that sees the
// webhook numbering go round (65535 then 1) delivers the new sn 1, even
// without msg_ids, while a retry of a recent sn is still a duplicate.
func TestMemoryStoreWrap(t *testing.T) {
	ctx := context.Background()
	now := time.Unix(0, 0)
	s := webhook.NewMemoryStore(webhook.MemoryOptions{Now: func() time.Time { return now }})
	for sn := int64(1); sn <= 65535; sn++ {
		now = now.Add(time.Millisecond) // 65 s for the round: all within the TTL
		if first, _ := s.MarkSeen(ctx, webhook.SeenKey{SN: sn}); !first {
			t.Fatalf("sn %d not new", sn)
		}
	}
	if first, _ := s.MarkSeen(ctx, webhook.SeenKey{SN: 65530}); first {
		t.Errorf("a retry of sn 65530 is new")
	}
	if first, _ := s.MarkSeen(ctx, webhook.SeenKey{SN: 1}); !first {
		t.Errorf("sn 1 after the wrap is a duplicate")
	}
	if n := s.Len(); n > webhook.DefaultSeenMax {
		t.Errorf("Len %d over the default max", n)
	}
}

func TestKindString(t *testing.T) {
	for k, want := range map[webhook.Kind]string{webhook.KindDelivered: "delivered", webhook.KindDuplicate: "duplicate", webhook.KindChallenge: "challenge", webhook.KindRefused: "refused", 9: "Kind(9)"} {
		if k.String() != want {
			t.Errorf("%d: %q", k, k.String())
		}
	}
}

func ExampleNew() {
	var mux kook.Mux
	mux.HandleTextMessage(func(ctx context.Context, ev *kook.TextMessage) error {
		// ev.Content, ev.Extra.Author.Username ...
		return nil
	})
	rcv, err := webhook.New(webhook.Config{
		VerifyToken: "your verify token",
		EncryptKey:  "", // the Encrypt Key, when encryption is on
		Handler:     &mux,
	})
	if err != nil {
		panic(err)
	}
	http.Handle("/kook", rcv)
	// http.ListenAndServe(":8080", nil)
}

// TestRecoveredDelivery: an event with a member of a shape the schema does
// not take is delivered (200) with its problems, its sn still deduplicates,
// and the handler sees the event it would have seen but for that member.
func TestRecoveredDelivery(t *testing.T) {
	body := []byte(`{"s":0,"d":{"channel_type":"GROUP","type":255,"target_id":"6","author_id":"1","content":"x","msg_id":"m-1","msg_timestamp":1,"nonce":"","verify_token":"` + token + `","extra":{"type":"joined_guild","body":{"user_id":"7","joined_at":"now"}}},"sn":41}`)
	srv, rec := server(t, webhook.Config{})
	if status, out := post(t, srv.URL, body); status != 200 {
		t.Fatalf("status %d: %s", status, out)
	}
	o := rec.lastOutcome(t)
	if o.Kind != webhook.KindDelivered || o.SN != jsonwire.Some[int64](41) {
		t.Fatalf("outcome %+v", o)
	}
	ev, ok := o.Event.(*kook.JoinedGuild)
	if !ok || ev.Extra.Body.UserID != "7" || ev.Extra.Body.JoinedAt != 0 {
		t.Fatalf("event %#v", o.Event)
	}
	if ps := jsonwire.ProblemStrings(ev.Problems()); len(ps) != 1 || ps[0] != "d.extra.body.joined_at: want number, got string" {
		t.Errorf("problems %q", ps)
	}
	rec.mu.Lock()
	handled := append([]string(nil), rec.handled...)
	rec.mu.Unlock()
	if len(handled) != 1 || handled[0] != "joined_guild" {
		t.Errorf("handler saw %v", handled)
	}
	// KOOK's retry of the same frame is a duplicate.
	if status, _ := post(t, srv.URL, body); status != 200 || rec.lastOutcome(t).Kind != webhook.KindDuplicate || rec.count() != 1 {
		t.Errorf("retry: status %d, outcome %v, delivered %d times", status, rec.lastOutcome(t).Kind, rec.count())
	}
}

// TestZlibBodiesInTurn: the receiver keeps its decompressors between
// requests, so a broken or oversized stream must leave nothing behind: every
// example, compressed, opens as its plain body does, right after a cut stream
// and a stream over MaxInflated have been refused.
func TestZlibBodiesInTurn(t *testing.T) {
	exs := loadExamples(t)
	longest := 0
	for _, ex := range exs {
		longest = max(longest, len(ex.frame))
	}
	rcv, err := webhook.New(webhook.Config{VerifyToken: token, Handler: kook.NopHandler{}, MaxInflated: int64(longest)})
	if err != nil {
		t.Fatal(err)
	}
	oversized := compress(bytes.Repeat([]byte(" "), longest+1))
	for _, ex := range exs {
		want, err := rcv.Open(ex.frame)
		if err != nil {
			t.Fatalf("%s plain: %v", ex.name, err)
		}
		z := compress(ex.frame)
		if _, err := rcv.Open(z[:len(z)/2]); err == nil || !strings.Contains(err.Error(), "zlib: ") {
			t.Fatalf("%s cut in half: %v, want a zlib error", ex.name, err)
		}
		if _, err := rcv.Open(oversized); err == nil || !strings.Contains(err.Error(), "larger than") {
			t.Fatalf("oversized after %s: %v, want larger than %d", ex.name, err, longest)
		}
		got, err := rcv.Open(z)
		if err != nil {
			t.Fatalf("%s compressed: %v", ex.name, err)
		}
		if !got.Compressed || string(got.Event.AppendJSON(nil)) != string(want.Event.AppendJSON(nil)) {
			t.Fatalf("%s compressed: %+v, want the plain body's event %s", ex.name, got, want.Event.AppendJSON(nil))
		}
	}
}
