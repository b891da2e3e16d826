package cli

import (
	"context"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/eventbind/eventbind/bind"
	"github.com/eventbind/eventbind/events/kook"
	"github.com/eventbind/eventbind/internal/fakegateway"
)

// countingEvents is a package's Events that counts what it decoded: a
// stand-in for a package generated from an extended schema.
type countingEvents struct {
	bind.Events
	decoded atomic.Int64
}

func (c *countingEvents) Decode(data []byte, opts bind.DecodeOptions) (bind.Event, []string, error) {
	c.decoded.Add(1)
	return c.Events.Decode(data, opts)
}

// TestUseReachesEveryCommand: after Use (what cli.Main does), decode, serve
// and listen decode with the given package, not the bundled one.
func TestUseReachesEveryCommand(t *testing.T) {
	saved := append([]*platform(nil), platforms...)
	t.Cleanup(func() { platforms = saved })
	mine := &countingEvents{Events: kook.Bind(nil)}
	if err := Use(mine); err != nil {
		t.Fatal(err)
	}
	if err := Use(&countingEvents{Events: fakePlatform{}}); err == nil || !strings.Contains(err.Error(), `no platform "nowhere"`) {
		t.Errorf("Use of an unknown platform: %v", err)
	}

	frame := exampleByFile(t, "003_joined_guild.json")
	if code, stdout, stderr := runCLI(t, []string{"decode", "--platform", "kook"}, string(frame.frame)+"\n"); code != 0 || !strings.Contains(stdout, `"event":"joined_guild"`) {
		t.Fatalf("decode: exit %d, %s %s", code, stdout, stderr)
	}
	if n := mine.decoded.Load(); n == 0 {
		t.Errorf("decode did not use the package given to Use")
	}

	before := mine.decoded.Load()
	url, stdout, _, stop := startServe(t, "--verify-token", serveToken)
	frames, _ := servedFrames(t)
	if status := postBody(t, url, frames[0]); status != 200 {
		t.Fatalf("status %d", status)
	}
	if code := stop(); code != 0 {
		t.Errorf("serve exit %d", code)
	}
	if mine.decoded.Load() == before || !strings.Contains(stdout.String(), `"platform":"kook"`) {
		t.Errorf("serve did not decode with the package given to Use: %s", stdout.String())
	}

	before = mine.decoded.Load()
	srv := fakegateway.New(listenToken)
	defer srv.Close()
	srv.Session = func(c *fakegateway.Conn) {
		c.Hello("S1")
		c.Event(1)
		c.ServePings()
	}
	t.Setenv("KOOK_TOKEN", listenToken)
	ctx, cancel := context.WithCancel(context.Background())
	out, errOut := &syncBuffer{}, &syncBuffer{}
	done := make(chan int, 1)
	go func() { done <- runListen(ctx, []string{"--api", srv.URL}, out, errOut) }()
	deadline := time.Now().Add(10 * time.Second)
	for !strings.Contains(out.String(), `"content":"m1"`) && time.Now().Before(deadline) {
		time.Sleep(5 * time.Millisecond)
	}
	cancel()
	if code := <-done; code != 0 || mine.decoded.Load() == before {
		t.Errorf("listen: exit %d, %d decoded by the package given to Use; stdout %s stderr %s", code, mine.decoded.Load()-before, out.String(), errOut.String())
	}
}

// fakePlatform is an Events of a platform this command does not have.
type fakePlatform struct{ bind.Events }

func (fakePlatform) Platform() string { return "nowhere" }
