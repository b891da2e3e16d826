// Package fakegateway is a KOOK gateway on loopback for tests: the HTTP API's
// GET /api/v3/gateway/index and a websocket endpoint whose every connection a
// test scripts (HELLO, events, PONGs, RECONNECT, a drop...).
package fakegateway

import (
	"bytes"
	"compress/zlib"
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"sync"
	"time"

	"github.com/coder/websocket"
)

// Server is the fake gateway. Set its fields before the client starts.
type Server struct {
	*httptest.Server
	// BotToken is what the API wants after "Bot "; URLSecret is the token the
	// gateway URL carries. Tests check that neither is ever logged.
	BotToken, URLSecret string
	// API, when set, answers the n-th API call (from 1) instead of the
	// default (401 for a wrong token, else the gateway URL); return false
	// to let the default answer.
	API func(n int, w http.ResponseWriter, r *http.Request) bool
	// Session runs each websocket connection (n from 1); the connection is
	// closed when it returns. nil refuses the upgrade with 503.
	Session func(c *Conn)
	// Refuse, when set, refuses the n-th upgrade (from 1) with 503.
	Refuse func(n int) bool
	// Raw, when set, may take the n-th upgrade request whole (to write
	// broken websocket bytes); it returns false to leave it to Session.
	Raw func(n int, w http.ResponseWriter, r *http.Request) bool

	mu        sync.Mutex
	apiCalls  []APICall
	upgrades  int
	dialQuery []url.Values
}

// APICall is one call of GET /api/v3/gateway/index.
type APICall struct {
	At            time.Time
	Authorization string
	Compress      string
}

// New starts a fake gateway on loopback.
func New(botToken string) *Server {
	s := &Server{BotToken: botToken, URLSecret: "urlsecret-" + botToken}
	mux := http.NewServeMux()
	mux.HandleFunc("/api/v3/gateway/index", s.api)
	mux.HandleFunc("/gateway", s.gateway)
	s.Server = httptest.NewServer(mux)
	return s
}

// GatewayURL is the websocket URL the API hands out.
func (s *Server) GatewayURL(compress string) string {
	return "ws" + strings.TrimPrefix(s.URL, "http") + "/gateway?compress=" + compress + "&token=" + s.URLSecret
}

// APICalls returns the API calls so far.
func (s *Server) APICalls() []APICall {
	s.mu.Lock()
	defer s.mu.Unlock()
	return append([]APICall(nil), s.apiCalls...)
}

// Dials returns the query of every websocket connection attempt so far.
func (s *Server) Dials() []url.Values {
	s.mu.Lock()
	defer s.mu.Unlock()
	return append([]url.Values(nil), s.dialQuery...)
}

func (s *Server) api(w http.ResponseWriter, r *http.Request) {
	s.mu.Lock()
	s.apiCalls = append(s.apiCalls, APICall{At: time.Now(), Authorization: r.Header.Get("Authorization"), Compress: r.URL.Query().Get("compress")})
	n := len(s.apiCalls)
	api := s.API
	s.mu.Unlock()
	if api != nil && api(n, w, r) {
		return
	}
	w.Header().Set("Content-Type", "application/json")
	if r.Header.Get("Authorization") != "Bot "+s.BotToken {
		w.WriteHeader(http.StatusUnauthorized)
		fmt.Fprint(w, `{"code":401,"message":"你的token不正确","data":{}}`)
		return
	}
	answer, _ := json.Marshal(map[string]any{"code": 0, "message": "操作成功", "data": map[string]string{"url": s.GatewayURL(r.URL.Query().Get("compress"))}})
	w.Write(answer)
}

func (s *Server) gateway(w http.ResponseWriter, r *http.Request) {
	s.mu.Lock()
	s.upgrades++
	n := s.upgrades
	s.dialQuery = append(s.dialQuery, r.URL.Query())
	session, refuse, raw := s.Session, s.Refuse, s.Raw
	s.mu.Unlock()
	if raw != nil && raw(n, w, r) {
		return
	}
	if session == nil || (refuse != nil && refuse(n)) || r.URL.Query().Get("token") != s.URLSecret {
		http.Error(w, "refused", http.StatusServiceUnavailable)
		return
	}
	ws, err := websocket.Accept(w, r, &websocket.AcceptOptions{CompressionMode: websocket.CompressionDisabled})
	if err != nil {
		return
	}
	ws.SetReadLimit(1 << 20)
	ctx, cancel := context.WithCancel(r.Context())
	defer cancel()
	c := &Conn{N: n, Query: r.URL.Query(), ws: ws, ctx: ctx, cancel: cancel, compress: r.URL.Query().Get("compress") == "1", in: make(chan string, 64)}
	go c.readLoop()
	session(c)
	ws.CloseNow()
}

// Conn is one websocket connection, seen from the server.
type Conn struct {
	N        int
	Query    url.Values
	ws       *websocket.Conn
	ctx      context.Context
	cancel   context.CancelFunc // the client went: ends ctx
	compress bool
	in       chan string
}

func (c *Conn) readLoop() {
	defer c.cancel()
	defer close(c.in)
	for {
		_, data, err := c.ws.Read(c.ctx)
		if err != nil {
			return
		}
		select {
		case c.in <- string(data):
		case <-c.ctx.Done():
			return
		}
	}
}

// Send sends one frame, zlib-compressed in a binary message when the client
// asked for compress=1.
func (c *Conn) Send(frame string) error {
	if c.compress {
		return c.ws.Write(c.ctx, websocket.MessageBinary, Zlib([]byte(frame)))
	}
	return c.ws.Write(c.ctx, websocket.MessageText, []byte(frame))
}

// SendRaw sends a message as it is.
func (c *Conn) SendRaw(typ websocket.MessageType, data []byte) error {
	return c.ws.Write(c.ctx, typ, data)
}

// Hello sends HELLO with code 0 and the session ID.
func (c *Conn) Hello(sessionID string) error {
	return c.Send(`{"s":1,"d":{"code":0,"session_id":"` + sessionID + `"}}`)
}

// Event sends a text message event frame with sn; its content is "m<sn>".
func (c *Conn) Event(sn int64) error { return c.Send(EventFrame(sn)) }

// Next returns the client's next message, or "" when the connection ends or
// wait passes.
func (c *Conn) Next(wait time.Duration) (string, bool) {
	t := time.NewTimer(wait)
	defer t.Stop()
	select {
	case m, ok := <-c.in:
		return m, ok
	case <-t.C:
		return "", false
	}
}

// ServePings answers every PING with a PONG until the connection ends.
func (c *Conn) ServePings() {
	for m := range c.in {
		if strings.Contains(m, `"s":2`) {
			if c.Send(`{"s":3}`) != nil {
				return
			}
		}
	}
}

// Done is closed when the connection ends.
func (c *Conn) Done() <-chan struct{} { return c.ctx.Done() }

// Drop closes the connection without a close handshake.
func (c *Conn) Drop() { c.ws.CloseNow() }

// EventFrame is a text message event frame (s=0) with sn, content "m<sn>".
func EventFrame(sn int64) string {
	return fmt.Sprintf(`{"s":0,"d":{"channel_type":"GROUP","type":1,"target_id":"t1","author_id":"a1","content":"m%d","msg_id":"msg-%d","msg_timestamp":1607674740160,"nonce":"","extra":{"type":1,"guild_id":"g1","channel_name":"c","mention":[],"mention_all":false,"mention_roles":[],"mention_here":false,"author":{"identify_num":"0001","avatar":"","username":"u","id":"a1","nickname":"u","roles":[]}}},"sn":%d}`, sn, sn, sn)
}

// Zlib compresses b as KOOK does with compress=1.
func Zlib(b []byte) []byte {
	var buf bytes.Buffer
	w := zlib.NewWriter(&buf)
	w.Write(b)
	w.Close()
	return buf.Bytes()
}
