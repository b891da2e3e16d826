package redisseen_test

import (
	"context"
	"sync/atomic"
	"testing"
	"time"

	"github.com/eventbind/eventbind/events/kook"
	"github.com/eventbind/eventbind/events/kook/webhook"
	"github.com/eventbind/eventbind/internal/redistest"
	"github.com/eventbind/eventbind/redisseen"
)

// BenchmarkReceiver measures events per second through three Receivers
// sharing one Redis (a private redis-server on this machine): each event is
// decoded, claimed, delivered to a handler that does nothing, and marked
// delivered; then retried once on another receiver (a duplicate, one Redis
// round trip). 16 senders at a time. Rerun with
//
//	go test ./redisseen -run '^$' -bench Receiver -benchtime 20000x
func BenchmarkReceiver(b *testing.B) {
	srv := redistest.Start(b)
	var rcvs []*webhook.Receiver
	for i := 0; i < 3; i++ {
		store := newStore(b, client(b, srv), redisseen.Options{})
		rcv, err := webhook.New(webhook.Config{VerifyToken: token, Handler: kook.NopHandler{}, Seen: store})
		if err != nil {
			b.Fatal(err)
		}
		rcvs = append(rcvs, rcv)
	}
	frames := make([][]byte, b.N)
	for i := range frames {
		frames[i] = frame(i + 1)
	}
	var next, bad atomic.Int64
	ctx := context.Background()
	b.SetParallelism(8) // 8 × GOMAXPROCS senders
	b.ResetTimer()
	start := time.Now()
	b.RunParallel(func(pb *testing.PB) {
		for pb.Next() {
			i := next.Add(1) - 1
			if o := rcvs[i%3].Receive(ctx, frames[i]); o.Kind != webhook.KindDelivered {
				bad.Add(1)
			}
			if o := rcvs[(i+1)%3].Receive(ctx, frames[i]); o.Kind != webhook.KindDuplicate {
				bad.Add(1)
			}
		}
	})
	b.ReportMetric(float64(b.N)/time.Since(start).Seconds(), "events/s")
	if n := bad.Load(); n != 0 {
		b.Fatalf("%d events not delivered once", n)
	}
}
