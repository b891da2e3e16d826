package gateway_test

import (
	"bytes"
	"context"
	"crypto/sha1"
	"encoding/base64"
	"errors"
	"fmt"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/coder/websocket"
	"github.com/eventbind/eventbind/bind"
	"github.com/eventbind/eventbind/events/kook"
	"github.com/eventbind/eventbind/events/kook/gateway"
	"github.com/eventbind/eventbind/internal/fakegateway"
)

// helloThen is a session that says HELLO, sends frames, then answers PINGs
// until the client goes.
func helloThen(id string, frames ...string) func(c *fakegateway.Conn) {
	return func(c *fakegateway.Conn) {
		c.Hello(id)
		for _, f := range frames {
			c.Send(f)
		}
		c.ServePings()
	}
}

func events(sns ...int64) []string {
	var out []string
	for _, sn := range sns {
		out = append(out, fakegateway.EventFrame(sn))
	}
	return out
}

func TestEventsInOrderTextAndZlib(t *testing.T) {
	for _, compress := range []bool{false, true} {
		t.Run(fmt.Sprint("compress=", compress), func(t *testing.T) {
			h := newHarness(t)
			h.cfg.Compress = compress
			h.srv.Session = helloThen("S1", events(1, 2, 3)...)
			h.start()
			h.needSN(3)
			sameSNs(t, h.got(), 1, 2, 3)
			calls := h.srv.APICalls()
			want := map[bool]string{false: "0", true: "1"}[compress]
			if calls[0].Authorization != "Bot "+botToken || calls[0].Compress != want {
				t.Errorf("API call %+v, want Authorization Bot <token> and compress=%s", calls[0], want)
			}
			if q := h.srv.Dials()[0]; q.Get("compress") != want || q.Get("resume") != "" {
				t.Errorf("first dial's query %v", q)
			}
		})
	}
}

func TestOrderAndDuplicates(t *testing.T) {
	h := newHarness(t)
	h.srv.Session = helloThen("S1", events(1, 3, 2, 1, 2, 2, 4)...)
	h.start()
	h.needSN(4)
	time.Sleep(50 * time.Millisecond)
	sameSNs(t, h.got(), 1, 2, 3, 4)
}

func TestResumeAfterDrop(t *testing.T) {
	h := newHarness(t)
	h.srv.Session = func(c *fakegateway.Conn) {
		switch c.N {
		case 1:
			c.Hello("S1")
			for _, f := range events(1, 2, 3, 4, 5) {
				c.Send(f)
			}
			h.waitSN(5) // processed: the resume must ask from 5
			c.Drop()
		default:
			c.Hello("S1")
			for _, f := range events(5, 6, 7) { // the server replays from the sn the client sent
				c.Send(f)
			}
			c.Send(`{"s":6,"d":{"session_id":"S1"}}`)
			c.ServePings()
		}
	}
	h.start()
	h.needSN(7)
	eventually(t, "resume ack", func() bool { return len(h.changed(gateway.ResumeDone)) == 1 })
	time.Sleep(50 * time.Millisecond)
	sameSNs(t, h.got(), 1, 2, 3, 4, 5, 6, 7)
	q := h.srv.Dials()[1]
	if q.Get("resume") != "1" || q.Get("sn") != "5" || q.Get("session_id") != "S1" || q.Get("token") != h.srv.URLSecret {
		t.Errorf("resume dial's query %v, want resume=1 sn=5 session_id=S1 and the URL's token", q)
	}
	if n := len(h.srv.APICalls()); n != 1 {
		t.Errorf("%d API calls, want 1: a resume reuses the URL", n)
	}
	c := h.changed(gateway.Connected)
	if len(c) != 2 || c[1].Resumed != true || c[1].SessionID != "S1" {
		t.Errorf("connected changes %+v", c)
	}
}

func TestRefusedResumesFallBackToNewURL(t *testing.T) {
	h := newHarness(t)
	h.srv.Refuse = func(n int) bool { return n >= 2 && n <= 4 } // all three resume attempts
	h.srv.Session = func(c *fakegateway.Conn) {
		if c.N == 1 {
			c.Hello("S1")
			c.Event(1)
			h.waitSN(1)
			c.Drop()
			return
		}
		c.Hello("S1")
		c.Event(2)
		c.ServePings()
	}
	h.start()
	h.needSN(2)
	dials := h.srv.Dials()
	if len(dials) != 5 {
		t.Fatalf("%d dials, want 5 (1 + 3 refused resumes + 1)", len(dials))
	}
	for i, q := range dials[1:] {
		if q.Get("resume") != "1" || q.Get("sn") != "1" || q.Get("session_id") != "S1" {
			t.Errorf("dial %d: %v, want a resume of S1 from sn 1", i+2, q)
		}
	}
	if n := len(h.srv.APICalls()); n != 2 {
		t.Errorf("%d API calls, want 2: a new URL after the failed resumes", n)
	}
	sameSNs(t, h.got(), 1, 2)
}

func TestReconnectClearsState(t *testing.T) {
	for _, code := range []string{"40108", "41008"} {
		t.Run(code, func(t *testing.T) {
			h := newHarness(t)
			h.srv.Session = func(c *fakegateway.Conn) {
				if c.N == 1 {
					c.Hello("S1")
					c.Event(1)
					c.Event(2)
					c.Event(4) // waits for 3, which never comes
					h.waitSN(2)
					c.Send(`{"s":5,"d":{"code":` + code + `,"err":"Missing params"}}`)
					c.ServePings()
					return
				}
				c.Hello("S2")
				c.Event(1)
				c.Event(2)
				c.ServePings()
			}
			h.start()
			eventually(t, "sn 1 of the new session", func() bool { return len(h.got()) >= 4 })
			time.Sleep(50 * time.Millisecond)
			sameSNs(t, h.got(), 1, 2, 1, 2)
			if q := h.srv.Dials()[1]; q.Get("resume") != "" || q.Get("sn") != "" || q.Get("session_id") != "" {
				t.Errorf("dial after RECONNECT: %v, want no resume", q)
			}
			if n := len(h.srv.APICalls()); n != 2 {
				t.Errorf("%d API calls, want 2", n)
			}
			r := h.changed(gateway.ReconnectAsked)
			if len(r) != 1 || fmt.Sprint(r[0].Code) != code || r[0].Dropped != 1 {
				t.Errorf("reconnect changes %+v, want code %s and 1 frame dropped", r, code)
			}
		})
	}
}

func TestHelloTimeoutAndCodes(t *testing.T) {
	cases := map[string]func(c *fakegateway.Conn){
		"timeout": func(c *fakegateway.Conn) { <-c.Done() },
	}
	for _, code := range []int{40100, 40101, 40102, 40103} {
		cases[fmt.Sprint(code)] = func(c *fakegateway.Conn) {
			c.Send(fmt.Sprintf(`{"s":1,"d":{"code":%d}}`, code))
			<-c.Done()
		}
	}
	for name, first := range cases {
		t.Run(name, func(t *testing.T) {
			h := newHarness(t)
			h.srv.Session = func(c *fakegateway.Conn) {
				if c.N == 1 {
					first(c)
					return
				}
				helloThen("S1", events(1)...)(c)
			}
			h.start()
			h.needSN(1)
			if n := len(h.srv.APICalls()); n != 2 {
				t.Errorf("%d API calls, want 2: a failed HELLO gets a new URL", n)
			}
			if q := h.srv.Dials()[1]; q.Get("resume") != "" {
				t.Errorf("dial after a failed HELLO resumes: %v", q)
			}
		})
	}
}

func TestAPIUnauthorizedIsFatal(t *testing.T) {
	h := newHarness(t)
	h.cfg.Token = "wrong-token-abcdef"
	h.cfg.BaseURL = h.srv.URL
	c, err := gateway.New(h.cfg)
	if err != nil {
		t.Fatal(err)
	}
	err = c.Run(t.Context())
	if !errors.Is(err, gateway.ErrUnauthorized) {
		t.Fatalf("Run: %v, want ErrUnauthorized", err)
	}
	if strings.Contains(err.Error(), "wrong-token-abcdef") {
		t.Errorf("the error holds the token: %v", err)
	}
	if n := len(h.srv.APICalls()); n != 1 {
		t.Errorf("%d API calls, want 1", n)
	}
}

func TestAPIBackoffAndRateLimit(t *testing.T) {
	h := newHarness(t)
	h.srv.API = func(n int, w http.ResponseWriter, r *http.Request) bool {
		switch n {
		case 1, 2, 3:
			http.Error(w, `{"code":500,"message":"busy"}`, http.StatusInternalServerError)
			return true
		case 4:
			w.Header().Set("X-Rate-Limit-Reset", "0.5")
			http.Error(w, `{"code":429,"message":"slow down"}`, http.StatusTooManyRequests)
			return true
		}
		return false
	}
	h.srv.Session = helloThen("S1", events(1)...)
	h.start()
	h.needSN(1)
	calls := h.srv.APICalls()
	if len(calls) != 5 {
		t.Fatalf("%d API calls, want 5", len(calls))
	}
	// Backoff 50 ms doubling: 50, 100, 200; then the 429's 500 ms, not 400.
	for i, want := range []time.Duration{50, 100, 200, 500} {
		want *= time.Millisecond
		if gap := calls[i+1].At.Sub(calls[i].At); gap < want || gap > want+1500*time.Millisecond {
			t.Errorf("call %d came %v after call %d, want %v", i+2, gap, i+1, want)
		}
	}
	w := h.changed(gateway.Waiting)
	if len(w) != 4 || w[3].Delay != 500*time.Millisecond {
		t.Errorf("backoff changes %v", w)
	}
}

func TestBackoffIsCapped(t *testing.T) {
	h := newHarness(t)
	h.srv.API = func(n int, w http.ResponseWriter, r *http.Request) bool {
		if n <= 6 {
			http.Error(w, "down", http.StatusBadGateway)
			return true
		}
		return false
	}
	h.srv.Session = helloThen("S1", events(1)...)
	h.start()
	h.needSN(1)
	var delays []time.Duration
	for _, c := range h.changed(gateway.Waiting) {
		delays = append(delays, c.Delay)
	}
	if fmt.Sprint(delays) != "[50ms 100ms 200ms 400ms 400ms 400ms]" {
		t.Errorf("delays %v, want doubling from 50ms, capped at MaxWait 400ms", delays)
	}
}

func TestDialFailures(t *testing.T) {
	t.Run("two redials", func(t *testing.T) {
		h := newHarness(t)
		h.srv.Refuse = func(n int) bool { return n <= 2 }
		h.srv.Session = helloThen("S1", events(1)...)
		h.start()
		h.needSN(1)
		if n := len(h.srv.APICalls()); n != 1 {
			t.Errorf("%d API calls, want 1", n)
		}
		if n := len(h.srv.Dials()); n != 3 {
			t.Errorf("%d dials, want 3", n)
		}
	})
	t.Run("then a new URL", func(t *testing.T) {
		h := newHarness(t)
		h.srv.Refuse = func(n int) bool { return n <= 3 }
		h.srv.Session = helloThen("S1", events(1)...)
		h.start()
		h.needSN(1)
		if n := len(h.srv.APICalls()); n != 2 {
			t.Errorf("%d API calls, want 2", n)
		}
	})
}

func TestMissedPongsThenResume(t *testing.T) {
	h := newHarness(t)
	h.cfg.Timings.Heartbeat = 200 * time.Millisecond
	type ping struct {
		at  time.Time
		msg string
	}
	pings := make(chan ping, 16)
	h.srv.Session = func(c *fakegateway.Conn) {
		if c.N == 1 {
			defer close(pings)
			c.Hello("S1")
			c.Event(1)
			c.Event(2)
			for { // never a PONG
				m, ok := c.Next(5 * time.Second)
				if !ok {
					return
				}
				pings <- ping{time.Now(), m}
			}
		}
		c.Hello("S1")
		c.Event(3)
		c.ServePings()
	}
	h.start()
	h.needSN(3)
	var got []ping
	for p := range pings {
		got = append(got, p)
	}
	if len(got) != 3 {
		t.Fatalf("%d PINGs on the silent connection, want 3 (one, then two probes): %v", len(got), got)
	}
	for _, p := range got {
		if p.msg != `{"s":2,"sn":2}` {
			t.Errorf("PING %s, want the sn of the last event processed, 2", p.msg)
		}
	}
	// PING, no PONG within 150 ms; a probe 50 ms later, another 100 ms after
	// it. Timed where the fake reads them: a loaded machine may read one
	// late, so the bounds leave 40 ms.
	if d := got[1].at.Sub(got[0].at); d < 160*time.Millisecond {
		t.Errorf("first probe %v after the PING, want about 150+50 ms", d)
	}
	if d := got[2].at.Sub(got[1].at); d < 60*time.Millisecond {
		t.Errorf("second probe %v after the first, want about 100 ms", d)
	}
	if len(h.changed(gateway.PongMissed)) != 1 {
		t.Errorf("want one PongMissed change")
	}
	if q := h.srv.Dials()[1]; q.Get("resume") != "1" || q.Get("sn") != "2" {
		t.Errorf("dial after the missed PONGs: %v, want a resume from sn 2", q)
	}
}

func TestGapGivenUpThenLate(t *testing.T) {
	h := newHarness(t)
	release := make(chan struct{})
	h.srv.Session = func(c *fakegateway.Conn) {
		c.Hello("S1")
		c.Event(1)
		c.Event(3)
		<-release
		c.Event(2)
		c.ServePings()
	}
	h.start()
	start := time.Now()
	h.needSN(3)
	if d := time.Since(start); d < 300*time.Millisecond {
		t.Errorf("sn 3 delivered after %v, before the gap limit of 300 ms", d)
	}
	close(release)
	h.needSN(2)
	sameSNs(t, h.got(), 1, 3, 2)
	var gap *gateway.GapError
	var late *gateway.LateError
	errs := h.errors()
	if len(errs) != 2 || !errors.As(errs[0], &gap) || gap.Gap.From != 2 || gap.Gap.To != 2 || !errors.As(errs[1], &late) || late.SN != 2 {
		t.Errorf("errors %v, want the gap at sn 2, then sn 2 late", errs)
	}
}

func TestMalformedFrameDoesNotStall(t *testing.T) {
	h := newHarness(t)
	h.srv.Session = helloThen("S1",
		fakegateway.EventFrame(1),
		`{"s":0,"sn":2,"d":{"type":"text","channel_type":"GROUP"}}`, // an unreadable discriminator
		`{"s":0,"sn":`, // not JSON: its sn cannot be read
		fakegateway.EventFrame(3))
	h.start()
	h.needSN(3)
	sameSNs(t, h.got(), 1, 3)
	// The broken message is reported by the reading side, sn 2 by the
	// handler's: in either order.
	var sns []int64
	for _, err := range h.errors() {
		var fe *gateway.FrameError
		if !errors.As(err, &fe) {
			t.Errorf("error %v is not a FrameError", err)
			continue
		}
		sns = append(sns, fe.SN)
	}
	// No GapError: sn 2 was used up, not waited for (Timings.Gap).
	if fmt.Sprint(sns) != "[2 0]" && fmt.Sprint(sns) != "[0 2]" {
		t.Errorf("errors %v, want only sn 2's decoding error and the broken message", h.errors())
	}
}

func TestUnknownSignalAndEvent(t *testing.T) {
	h := newHarness(t)
	unknownEvent := `{"s":0,"sn":2,"d":{"channel_type":"GROUP","type":255,"target_id":"t","author_id":"1","content":"[系统消息]","msg_id":"m","msg_timestamp":1,"nonce":"","extra":{"type":"brand_new_event","body":{"x":1}}}}`
	h.srv.Session = helloThen("S1", fakegateway.EventFrame(1), `{"s":9,"d":{"x":1}}`, unknownEvent, fakegateway.EventFrame(3))
	h.start()
	h.needSN(3)
	h.mu.Lock()
	names := fmt.Sprint(h.names)
	h.mu.Unlock()
	if names != "[text_message brand_new_event text_message]" {
		t.Errorf("events %s, want the unknown event delivered between 1 and 3", names)
	}
	var us *gateway.UnknownSignalError
	if errs := h.errors(); len(errs) != 1 || !errors.As(errs[0], &us) || us.S != 9 {
		t.Errorf("errors %v, want the unknown signal 9", errs)
	}
}

func TestZlibBombAndOversizedMessage(t *testing.T) {
	h := newHarness(t)
	h.cfg.Compress = true
	h.cfg.MaxInflated = 64 << 10
	h.cfg.MaxMessage = 16 << 10
	h.srv.Session = func(c *fakegateway.Conn) {
		switch c.N {
		case 1:
			c.Hello("S1")
			c.Event(1)
			c.SendRaw(websocket.MessageBinary, fakegateway.Zlib(bytes.Repeat([]byte("{"), 10<<20))) // 10 MiB in ~10 KiB
			c.Event(2)
			h.waitSN(2)
			c.SendRaw(websocket.MessageText, bytes.Repeat([]byte(" "), 32<<10)) // over MaxMessage
			c.ServePings()
		default:
			c.Hello("S1")
			c.Event(3)
			c.ServePings()
		}
	}
	h.start()
	h.needSN(3)
	sameSNs(t, h.got(), 1, 2, 3)
	var fe *gateway.FrameError
	if errs := h.errors(); len(errs) != 1 || !errors.As(errs[0], &fe) || !strings.Contains(fe.Error(), "larger than 65536") {
		t.Errorf("errors %v, want the bomb refused", errs)
	}
	if q := h.srv.Dials()[1]; q.Get("resume") != "1" {
		t.Errorf("after the oversized message: %v, want a resume", q)
	}
}

// TestCloseMidFrame: a connection that ends inside a frame delivers nothing
// of it, and the client resumes.
func TestCloseMidFrame(t *testing.T) {
	h := newHarness(t)
	h.srv.Raw = func(n int, w http.ResponseWriter, r *http.Request) bool {
		if n != 1 {
			return false
		}
		sum := sha1.Sum([]byte(r.Header.Get("Sec-WebSocket-Key") + "258EAFA5-E914-47DA-95CA-C5AB0DC85B11"))
		conn, buf, err := http.NewResponseController(w).Hijack()
		if err != nil {
			t.Error(err)
			return true
		}
		defer conn.Close()
		buf.WriteString("HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Accept: " + base64.StdEncoding.EncodeToString(sum[:]) + "\r\n\r\n")
		frame := func(payload string) { // an unmasked text frame, payload < 126 bytes
			buf.WriteByte(0x81)
			buf.WriteByte(byte(len(payload)))
			buf.WriteString(payload)
		}
		frame(`{"s":1,"d":{"code":0,"session_id":"S1"}}`)
		event := fakegateway.EventFrame(1)
		buf.WriteByte(0x81)
		buf.WriteByte(126)
		buf.WriteByte(byte(len(event) >> 8))
		buf.WriteByte(byte(len(event)))
		buf.WriteString(event[:len(event)/2]) // then the connection ends
		buf.Flush()
		time.Sleep(50 * time.Millisecond)
		return true
	}
	h.srv.Session = helloThen("S1", events(2)...)
	h.start()
	h.needSN(2)
	// sn 1 never came whole: 2 waits for it, then the gap is given up.
	sameSNs(t, h.got(), 2)
	if q := h.srv.Dials()[1]; q.Get("resume") != "1" || q.Get("sn") != "0" || q.Get("session_id") != "S1" {
		t.Errorf("after the cut frame: %v, want a resume from sn 0", q)
	}
}

func TestSlowHandlerCausesNoReconnect(t *testing.T) {
	h := newHarness(t)
	h.cfg.Timings.Heartbeat = 50 * time.Millisecond
	h.cfg.Timings.Pong = 300 * time.Millisecond
	h.slow = func(sn int64) {
		if sn == 1 {
			time.Sleep(1500 * time.Millisecond) // five PONG timeouts
		}
	}
	h.srv.Session = helloThen("S1", events(1, 2, 3)...)
	h.start()
	h.needSN(3)
	if n := len(h.srv.Dials()); n != 1 {
		t.Errorf("%d dials, want 1: a slow handler must not cost the connection", n)
	}
	if len(h.changed(gateway.PongMissed)) != 0 {
		t.Errorf("a PONG was missed while the handler was slow")
	}
}

func TestSavedStateResumes(t *testing.T) {
	h := newHarness(t)
	h.cfg.Resume = gateway.State{SessionID: "S7", SN: 41}
	var saved []gateway.State
	h.cfg.OnProcessed = func(s gateway.State) {
		h.mu.Lock()
		defer h.mu.Unlock()
		saved = append(saved, s)
	}
	h.srv.Session = helloThen("S7", events(41, 42, 43)...)
	h.start()
	h.needSN(43)
	if q := h.srv.Dials()[0]; q.Get("resume") != "1" || q.Get("sn") != "41" || q.Get("session_id") != "S7" {
		t.Errorf("first dial %v, want a resume of S7 from 41", q)
	}
	sameSNs(t, h.got(), 42, 43)
	eventually(t, "state saved", func() bool {
		h.mu.Lock()
		defer h.mu.Unlock()
		return len(saved) == 2
	})
	h.mu.Lock()
	defer h.mu.Unlock()
	if fmt.Sprint(saved) != "[{S7 42} {S7 43}]" {
		t.Errorf("saved states %v", saved)
	}
}

func TestResumeGivesANewSession(t *testing.T) {
	// The server may answer a resume with a new session: its sn starts at 1
	// again, and nothing of it may be taken for a duplicate.
	h := newHarness(t)
	h.cfg.Resume = gateway.State{SessionID: "OLD", SN: 100}
	h.srv.Session = helloThen("NEW", events(1, 2)...)
	h.start()
	h.needSN(2)
	sameSNs(t, h.got(), 1, 2)
}

func TestSessionIDSpellings(t *testing.T) {
	h := newHarness(t)
	h.srv.Session = func(c *fakegateway.Conn) {
		if c.N == 1 {
			c.Send(`{"s":1,"d":{"code":0,"sessionId":"S-legacy"}}`)
			c.Event(1)
			h.waitSN(1)
			c.Drop()
			return
		}
		c.Hello("S-legacy")
		c.Event(2)
		c.ServePings()
	}
	h.start()
	h.needSN(2)
	if q := h.srv.Dials()[1]; q.Get("session_id") != "S-legacy" {
		t.Errorf("resume dial %v, want the session ID sent as sessionId", q)
	}
}

func TestJitterBounds(t *testing.T) {
	// Every heartbeat asks the jitter source for a value within ±Jitter.
	// The intervals themselves are not timed here: on a loaded machine the
	// fake reads two PINGs back to back.
	h := newHarness(t)
	h.cfg.Timings.Heartbeat = 40 * time.Millisecond
	h.cfg.Timings.Jitter = 30 * time.Millisecond
	var asked []time.Duration
	h.cfg.Jitter = func(max time.Duration) time.Duration {
		h.mu.Lock()
		defer h.mu.Unlock()
		asked = append(asked, max)
		return -max
	}
	done := make(chan struct{})
	h.srv.Session = func(c *fakegateway.Conn) {
		c.Hello("S1")
		for n := 0; n < 3; n++ {
			if _, ok := c.Next(5 * time.Second); !ok {
				break
			}
			c.Send(`{"s":3}`)
		}
		close(done)
		c.ServePings()
	}
	h.start()
	<-done
	h.mu.Lock()
	defer h.mu.Unlock()
	if len(asked) < 3 {
		t.Fatalf("the jitter source was asked %d times for 3 PINGs", len(asked))
	}
	for _, max := range asked {
		if max != 30*time.Millisecond {
			t.Errorf("jitter asked for ±%v, want ±30ms (Timings.Jitter)", max)
		}
	}
}

// TestEventsThroughBind: events reach a handler through Config.Events, the
// seam a package generated from an extended schema plugs into, after
// Config.OnEvent.
func TestEventsThroughBind(t *testing.T) {
	h := newHarness(t)
	var mux kook.Mux
	texts := make(chan string, 8)
	mux.HandleTextMessage(func(_ context.Context, ev *kook.TextMessage) error {
		texts <- ev.Content
		return nil
	})
	h.cfg.Events = kook.Bind(&mux)
	h.srv.Session = helloThen("S1", events(1, 2)...)
	h.start()
	h.needSN(2)
	for _, want := range []string{"m1", "m2"} {
		select {
		case got := <-texts:
			if got != want {
				t.Errorf("handler got %q, want %q", got, want)
			}
		case <-time.After(5 * time.Second):
			t.Fatalf("handler did not get %s", want)
		}
	}
}

// TestBufferBound: early frames wait in a bounded buffer; one more than
// MaxBuffered gives the oldest gap up at once, without waiting for Gap.
func TestBufferBound(t *testing.T) {
	h := newHarness(t)
	h.cfg.MaxBuffered = 2
	h.cfg.Timings.Gap = time.Hour
	h.srv.Session = helloThen("S1", events(1, 3, 4, 5)...)
	h.start()
	h.needSN(5)
	sameSNs(t, h.got(), 1, 3, 4, 5)
	var gap *gateway.GapError
	if errs := h.errors(); len(errs) != 1 || !errors.As(errs[0], &gap) || gap.Gap.From != 2 || gap.Gap.To != 2 {
		t.Errorf("errors %v, want sn 2 given up", errs)
	}
}

// TestStateAtCancellation: an event whose handler returns nil as Run is
// cancelled counts as processed; one whose handler fails with the
// cancellation does not, so a resumed session gets it again.
func TestStateAtCancellation(t *testing.T) {
	for _, c := range []struct {
		name   string
		result func(ctx context.Context) error
		want   int64
	}{
		{"handler returns nil", func(context.Context) error { return nil }, 2},
		{"handler fails with the cancellation", func(ctx context.Context) error { return ctx.Err() }, 1},
	} {
		t.Run(c.name, func(t *testing.T) {
			srv := fakegateway.New(botToken)
			defer srv.Close()
			srv.Session = helloThen("S1", events(1, 2)...)
			ctx, cancel := context.WithCancel(context.Background())
			client, err := gateway.New(gateway.Config{
				Token: botToken, BaseURL: srv.URL, Timings: fast(),
				OnEvent: func(ctx context.Context, ev bind.Event) error {
					if f, _ := ev.(*kook.TextMessage).Envelope(); f.SN.Value == 2 {
						cancel() // the end comes while sn 2 is being handled
						<-ctx.Done()
						return c.result(ctx)
					}
					return nil
				},
			})
			if err != nil {
				t.Fatal(err)
			}
			if err := client.Run(ctx); !errors.Is(err, context.Canceled) {
				t.Fatalf("Run: %v", err)
			}
			if st := client.State(); st.SN != c.want || st.SessionID != "S1" {
				t.Errorf("state %+v, want sn %d", st, c.want)
			}
		})
	}
}
