package webhook_test

import (
	"testing"

	"github.com/eventbind/eventbind/events/kook"
	"github.com/eventbind/eventbind/events/kook/webhook"
)

// BenchmarkOpenZlib opens compressed bodies, as KOOK sends them by default:
// inflating, verifying the token and decoding, without delivery. One op is
// one body of the documented examples in turn.
func BenchmarkOpenZlib(b *testing.B) {
	exs := loadExamples(b)
	bodies := make([][]byte, len(exs))
	size := 0
	for i, ex := range exs {
		bodies[i] = compress(ex.frame)
		size += len(ex.frame)
	}
	rcv, err := webhook.New(webhook.Config{VerifyToken: token, Handler: kook.NopHandler{}})
	if err != nil {
		b.Fatal(err)
	}
	b.SetBytes(int64(size / len(bodies)))
	b.ReportAllocs()
	for i := 0; b.Loop(); i++ {
		if _, err := rcv.Open(bodies[i%len(bodies)]); err != nil {
			b.Fatal(err)
		}
	}
}
