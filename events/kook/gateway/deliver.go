package gateway

import (
	"context"
	"sync"

	"github.com/eventbind/eventbind/bind"
)

// frame is an event frame on its way to the handler.
type frame struct {
	epoch int // the session it belongs to: a RECONNECT starts a new one
	sn    int64
	data  []byte
}

// queue holds in-order frames between the reading side, which must never
// wait for a handler, and the goroutine that runs the handler.
type queue struct {
	mu     sync.Mutex
	items  []frame
	max    int
	ready  chan struct{} // a token when items may not be empty
	spaced chan struct{} // a token when there may be room again
}

func newQueue(max int) *queue {
	return &queue{max: max, ready: make(chan struct{}, 1), spaced: make(chan struct{}, 1)}
}

func signal(ch chan struct{}) {
	select {
	case ch <- struct{}{}:
	default:
	}
}

// push appends f; it waits only when the queue holds max frames.
func (q *queue) push(ctx context.Context, f frame) error {
	for {
		q.mu.Lock()
		if len(q.items) < q.max {
			q.items = append(q.items, f)
			q.mu.Unlock()
			signal(q.ready)
			return nil
		}
		q.mu.Unlock()
		select {
		case <-q.spaced:
		case <-ctx.Done():
			return ctx.Err()
		}
	}
}

// pop waits for the oldest frame.
func (q *queue) pop(ctx context.Context) (frame, bool) {
	for {
		q.mu.Lock()
		if len(q.items) > 0 {
			f := q.items[0]
			q.items[0] = frame{}
			q.items = q.items[1:]
			if len(q.items) == 0 {
				q.items = nil // let the backing array go
			}
			q.mu.Unlock()
			signal(q.spaced)
			return f, true
		}
		q.mu.Unlock()
		select {
		case <-q.ready:
		case <-ctx.Done():
			return frame{}, false
		}
	}
}

// deliver runs the handler on each queued frame until ctx is done. Frames
// still queued then are not processed, nor is one whose handler failed as
// ctx ended: the saved sn stays before them, so a resumed session gets them
// again.
func (c *Client) deliver(ctx context.Context) {
	for {
		f, ok := c.queue.pop(ctx)
		if !ok {
			return
		}
		handlerErr := c.handle(ctx, f)
		if ctx.Err() != nil && handlerErr != nil {
			// Cut short by the cancellation: not processed, so a resumed
			// session gets it again. One that returned nil counts.
			return
		}
		if st, ok := c.processed(f); ok && c.cfg.OnProcessed != nil {
			c.cfg.OnProcessed(st)
		}
		if ctx.Err() != nil {
			return
		}
	}
}

// handle decodes one frame and hands it to OnEvent and the handler; it
// returns their error (a frame that does not decode has none: it is used up).
func (c *Client) handle(ctx context.Context, f frame) error {
	ev, _, err := c.events.Decode(f.data, bind.DecodeOptions{Recover: !c.cfg.Strict})
	if err != nil {
		c.report(&FrameError{S: 0, SN: f.sn, Raw: f.data, Err: err})
		return nil
	}
	if c.cfg.OnEvent != nil {
		if err := c.cfg.OnEvent(ctx, ev); err != nil {
			c.report(&HandlerError{Event: ev.EventName(), SN: f.sn, Err: err})
			return err
		}
	}
	if err := c.events.Dispatch(ctx, ev); err != nil {
		c.report(&HandlerError{Event: ev.EventName(), SN: f.sn, Err: err})
		return err
	}
	return nil
}

// processed records that f's handler returned, and returns the state to save.
// A frame of a session that RECONNECT ended changes nothing, and a late frame
// does not move the sn back.
func (c *Client) processed(f frame) (State, bool) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if f.epoch != c.epoch {
		return State{}, false
	}
	if f.sn > c.lastSN {
		c.lastSN = f.sn
	}
	return State{SessionID: c.sessionID, SN: c.lastSN}, true
}
