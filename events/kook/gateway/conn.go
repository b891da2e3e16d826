package gateway

import (
	"context"
	"errors"
	"fmt"
	"sync"
	"time"

	"github.com/coder/websocket"
	"github.com/eventbind/eventbind/events/kook"
	"github.com/eventbind/eventbind/events/kook/sequence"
	"github.com/eventbind/eventbind/internal/inflate"
	"github.com/eventbind/eventbind/jsonwire/wireimpl"
)

// outcome is how one connection ended.
type outcome struct {
	helloOK     bool // HELLO came with code 0
	lived       bool // and the connection lasted at least Timings.Hello after it
	helloFailed bool // HELLO did not come in time, or came with an error code
	reconnect   bool // RECONNECT: start over without resume
	err         error
}

var (
	errHelloTimeout = errors.New("no HELLO in time")
	errPongTimeout  = errors.New("no PONG in time, nor to the probes after it")
)

// message is one websocket message, or the error that ended the reading.
type message struct {
	typ  websocket.MessageType
	data []byte
	err  error
}

// connect dials gw (with resume parameters when there is a session), then
// serves the connection until it ends.
func (c *Client) connect(ctx context.Context, gw string) outcome {
	target, resuming, st := c.resumeURL(gw)
	if resuming {
		c.change(Change{Kind: Resuming, SessionID: st.SessionID, SN: st.SN})
	} else {
		c.change(Change{Kind: Connecting})
	}
	dialCtx, cancel := context.WithTimeout(ctx, c.t.Write+c.t.Hello)
	conn, resp, err := websocket.Dial(dialCtx, target, &websocket.DialOptions{
		HTTPClient:      c.cfg.HTTPClient,
		CompressionMode: websocket.CompressionDisabled, // KOOK compresses in its own layer
	})
	cancel()
	if err != nil {
		if resp != nil && resp.Body != nil {
			resp.Body.Close()
		}
		err = c.red.err(fmt.Errorf("dial: %w", err))
		c.change(Change{Kind: Disconnected, Err: err})
		return outcome{err: err}
	}
	conn.SetReadLimit(c.cfg.MaxMessage)

	connCtx, stop := context.WithCancel(ctx)
	msgs := make(chan message)
	var wg sync.WaitGroup
	wg.Add(1)
	go func() { // the reading goroutine: it only reads
		defer wg.Done()
		for {
			typ, data, err := conn.Read(connCtx)
			select {
			case msgs <- message{typ, data, err}:
			case <-connCtx.Done():
				return
			}
			if err != nil {
				return
			}
		}
	}()
	out := c.serve(ctx, conn, msgs, resuming, st)
	stop()
	conn.CloseNow()
	wg.Wait()
	return out
}

// serve runs one connection: HELLO, heartbeats, and the frames in between.
func (c *Client) serve(ctx context.Context, conn *websocket.Conn, msgs <-chan message, resuming bool, st State) outcome {
	hello := time.NewTimer(c.t.Hello)
	heartbeat, pong, probe := stoppedTimer(), stoppedTimer(), stoppedTimer()
	defer func() {
		hello.Stop()
		heartbeat.Stop()
		pong.Stop()
		probe.Stop()
	}()
	gapTick := time.NewTicker(max(c.t.Gap/4, time.Millisecond))
	defer gapTick.Stop()

	var out outcome
	var connectedAt time.Time
	var inflater inflate.Inflater // one decompressor for the connection's messages
	awaiting := false             // a PING is unanswered; pong runs
	probing, probes := false, 0   // a PONG was missed; PINGs sent since
	end := func(err error) outcome {
		out.err = c.red.err(err)
		out.lived = out.helloOK && time.Since(connectedAt) >= c.t.Hello
		c.change(Change{Kind: Disconnected, Err: out.err})
		return out
	}
	for {
		select {
		case <-ctx.Done():
			closeCtx, cancel := context.WithTimeout(context.Background(), c.t.Write)
			go func() { <-closeCtx.Done(); conn.CloseNow() }()
			conn.Close(websocket.StatusNormalClosure, "")
			cancel()
			return out

		case <-hello.C:
			out.helloFailed = true
			return end(errHelloTimeout)

		case <-heartbeat.C:
			if err := c.ping(ctx, conn); err != nil {
				return end(err)
			}
			heartbeat.Reset(c.t.Heartbeat + c.jitter(c.t.Jitter))
			if !awaiting { // the PONG is due Pong after the first unanswered PING
				awaiting = true
				pong.Reset(c.t.Pong)
			}

		case <-pong.C:
			// websocket.md 连接流程 4-5: PING again after 2 s and 4 s, then give up.
			if !probing {
				probing = true
				heartbeat.Stop()
				c.change(Change{Kind: PongMissed})
			}
			if probes >= len(c.t.Probes) {
				return end(errPongTimeout)
			}
			probe.Reset(c.t.Probes[probes])

		case <-probe.C:
			if err := c.ping(ctx, conn); err != nil {
				return end(err)
			}
			probes++
			if probes < len(c.t.Probes) {
				probe.Reset(c.t.Probes[probes])
			} else {
				pong.Reset(c.t.Pong)
			}

		case <-gapTick.C:
			if out.helloOK && time.Since(connectedAt) >= c.t.Gap {
				res := c.seq.SkipOlder(c.t.Gap)
				if err := c.enqueue(ctx, res.Ready, res.Skipped); err != nil {
					return out
				}
			}

		case m := <-msgs:
			if m.err != nil {
				return end(m.err)
			}
			data, err := c.unpack(&inflater, m)
			if err != nil {
				c.report(&FrameError{S: -1, Err: err})
				continue
			}
			s, sn, err := peek(data)
			if err != nil {
				c.report(&FrameError{S: s, Raw: data, Err: err})
				continue
			}
			if s == 0 {
				if err := c.push(ctx, sn, data); err != nil {
					return out // ctx is done
				}
				continue
			}
			sig, err := kook.DecodeSignal(data)
			if err != nil {
				c.report(&FrameError{S: s, Raw: data, Err: err})
				if s == 1 && !out.helloOK {
					out.helloFailed = true
					return end(fmt.Errorf("HELLO does not decode: %w", err))
				}
				continue
			}
			if c.cfg.OnSignal != nil {
				c.cfg.OnSignal(sig)
			}
			switch sig := sig.(type) {
			case *kook.HelloSignal:
				if out.helloOK {
					continue // a second HELLO changes nothing
				}
				if code := int(sig.D.Code); code != 0 {
					out.helloFailed = true
					c.change(Change{Kind: Disconnected, Code: code})
					return end(fmt.Errorf("HELLO with code %d (%s)", code, sig.D.Code))
				}
				id := sig.SessionID()
				resumed := resuming && (id == "" || id == st.SessionID)
				if !resumed {
					c.newSession(id)
				}
				out.helloOK = true
				connectedAt = time.Now()
				hello.Stop()
				heartbeat.Reset(c.t.Heartbeat + c.jitter(c.t.Jitter))
				c.change(Change{Kind: Connected, SessionID: c.session(), Resumed: resumed})
			case *kook.PongSignal:
				if probing {
					heartbeat.Reset(c.t.Heartbeat + c.jitter(c.t.Jitter))
				}
				pong.Stop()
				probe.Stop()
				awaiting, probing, probes = false, false, 0
			case *kook.ReconnectSignal:
				dropped := c.newSession("")
				c.change(Change{Kind: ReconnectAsked, Code: int(sig.D.Code), Dropped: dropped})
				out.reconnect = true
				conn.Close(websocket.StatusNormalClosure, "reconnect requested")
				return out
			case *kook.ResumeAckSignal:
				c.change(Change{Kind: ResumeDone, SessionID: sig.SessionID()})
			case *kook.UnknownSignal:
				c.report(&UnknownSignalError{S: sig.S()})
			}
		}
	}
}

func stoppedTimer() *time.Timer {
	t := time.NewTimer(time.Hour)
	t.Stop()
	return t
}

// ping sends PING with the sn of the last event processed.
func (c *Client) ping(ctx context.Context, conn *websocket.Conn) error {
	ping := kook.PingSignal{SN: c.State().SN}
	wctx, cancel := context.WithTimeout(ctx, c.t.Write)
	defer cancel()
	if err := conn.Write(wctx, websocket.MessageText, ping.AppendJSON(nil)); err != nil {
		return fmt.Errorf("write PING: %w", err)
	}
	return nil
}

// unpack inflates a compressed message (compress=1 sends zlib in binary
// messages) with the connection's inflater; anything else is taken as it came.
func (c *Client) unpack(inf *inflate.Inflater, m message) ([]byte, error) {
	if m.typ != websocket.MessageBinary || !inflate.IsZlib(m.data) {
		return m.data, nil
	}
	out, err := inf.Zlib(m.data, c.cfg.MaxInflated)
	if err != nil {
		return nil, fmt.Errorf("zlib: %w", err)
	}
	return out, nil
}

// peek reads a frame's s and, for an event frame, its sn, without decoding
// the rest: the sn decides the order before the event is decoded. s is -1
// when it cannot be read.
func peek(data []byte) (s int, sn int64, err error) {
	d := wireimpl.AcquireDecoder(string(data), "")
	defer d.Release()
	if d.Kind() != wireimpl.KindObject {
		return -1, 0, errors.New("not a JSON object")
	}
	v, err := d.LookAheadInt("s")
	if err != nil {
		return -1, 0, err
	}
	if v != 0 {
		return int(v), 0, nil
	}
	sn, err = d.LookAheadInt("sn")
	return 0, sn, err
}

// push orders one event frame by its sn and queues what is ready.
func (c *Client) push(ctx context.Context, sn int64, data []byte) error {
	c.mu.Lock()
	f := frame{epoch: c.epoch, sn: sn, data: data}
	c.mu.Unlock()
	res := c.seq.Push(sn, f)
	switch res.Status {
	case sequence.Late:
		c.report(&LateError{SN: sn})
		res.Ready = append(res.Ready, f)
	case sequence.Invalid:
		c.report(&FrameError{S: 0, SN: sn, Raw: data, Err: errors.New("sn is not a sequence number")})
	}
	return c.enqueue(ctx, res.Ready, res.Skipped)
}

// enqueue hands ready frames to the handler's goroutine, reporting the gaps
// given up to release them.
func (c *Client) enqueue(ctx context.Context, ready []frame, skipped []sequence.Gap) error {
	for _, g := range skipped {
		c.report(&GapError{Gap: g})
	}
	for _, f := range ready {
		if err := c.queue.push(ctx, f); err != nil {
			return err
		}
	}
	return nil
}
