package webhook_test

import (
	"context"
	"errors"
	"testing"

	"github.com/eventbind/eventbind/bind"
	"github.com/eventbind/eventbind/events/kook"
	"github.com/eventbind/eventbind/events/kook/webhook"
)

// FuzzWebhookBody drives the whole body pipeline (size, zlib, decryption,
// verify token, challenge, decoding, deduplication, delivery) without HTTP.
// encrypted says whether the receiver has an encrypt key. Seeded with every
// documented example: plain, compressed, encrypted, encrypted and compressed.
//
// Invariants: no panic; a refusal is an *Error with a place and a 4xx status,
// comes without a message and delivers nothing; an accepted event is
// delivered once, re-encodes to JSON that decodes (and is accepted again) to
// the same value, and its retry is a duplicate.
func FuzzWebhookBody(f *testing.F) {
	for _, ex := range loadExamples(f) {
		f.Add(ex.frame, false)
		f.Add(compress(ex.frame), false)
		f.Add(encrypt(ex.frame), true)
		f.Add(compress(encrypt(ex.frame)), true)
	}
	f.Add(challengeFrame, false)
	f.Add(compress(challengeFrame), false)
	f.Add(encrypt(challengeFrame), true)
	f.Add(compress(encrypt(challengeFrame)), true)
	f.Add([]byte(`{"s":0,"d":{"type":255,"verify_token":"`+token+`","extra":{"type":"brand_new_event","body":{}}},"sn":9}`), false)
	f.Add([]byte(`{"type":1,"verify_token":"`+token+`","extra":{}}`), false)
	f.Add([]byte(`{"encrypt":"MDEyMzQ1Njc4OWFiY2RlZg=="}`), true)
	f.Fuzz(func(t *testing.T, body []byte, encrypted bool) {
		rcv, delivered := fuzzReceiver(t, encrypted)
		msg, err := rcv.Open(body)
		if err != nil {
			if msg != nil {
				t.Fatalf("error %v came with a message", err)
			}
			var we *webhook.Error
			if !errors.As(err, &we) {
				t.Fatalf("error %T %v is not a *webhook.Error", err, err)
			}
			if we.Status < 400 || we.Status > 499 || we.Place == "" || we.Msg == "" {
				t.Fatalf("error %+v: want a 4xx status, a place and a message", we)
			}
		}
		o := rcv.Receive(context.Background(), body)
		if (err != nil) != (o.Kind == webhook.KindRefused) {
			t.Fatalf("Open error %v but Receive %v", err, o.Kind)
		}
		switch o.Kind {
		case webhook.KindRefused, webhook.KindChallenge:
			if len(*delivered) != 0 || o.Event != nil {
				t.Fatalf("%v, yet %d events delivered (outcome event %v)", o.Kind, len(*delivered), o.Event)
			}
			if o.Kind == webhook.KindChallenge && (!msg.IsChallenge || msg.Challenge != o.Challenge) {
				t.Fatalf("challenge %q, message %+v", o.Challenge, msg)
			}
			return
		case webhook.KindDelivered:
		default:
			t.Fatalf("first receipt: %v", o.Kind)
		}
		if len(*delivered) != 1 || (*delivered)[0] != o.Event {
			t.Fatalf("delivered %d events", len(*delivered))
		}
		ev := o.Event
		if a, b := dump(ev), dump(msg.Event); a != b {
			t.Fatalf("Open and Receive decoded differently:\n%s\n%s", a, b)
		}
		out := ev.AppendJSON(nil)
		// The receiver recovers: its event may carry problems, which its
		// encoding keeps, so it decodes again the same way.
		again, _, err := kook.DecodeOptions{Recover: true}.Decode(out)
		if err != nil {
			t.Fatalf("re-encoding does not decode: %v\n%q", err, out)
		}
		if a, b := dump(ev), dump(again); a != b {
			t.Fatalf("decode(encode(x)) differs from x:\n%s\n%s", a, b)
		}
		if out2 := again.AppendJSON(nil); string(out2) != string(out) {
			t.Fatalf("encoding is not stable:\n%q\n%q", out, out2)
		}
		plain, _ := fuzzReceiver(t, false)
		reopened, err := plain.Open(out)
		if err != nil {
			t.Fatalf("the re-encoded event is refused: %v\n%q", err, out)
		}
		if a, b := dump(ev), dump(reopened.Event); a != b {
			t.Fatalf("the re-encoded event opens to another value:\n%s\n%s", a, b)
		}
		retry := rcv.Receive(context.Background(), body)
		want, n := webhook.KindDuplicate, 1
		if !o.SN.Set {
			want, n = webhook.KindDelivered, 2
		}
		if retry.Kind != want || len(*delivered) != n {
			t.Fatalf("retry: %v with %d delivered, want %v with %d", retry.Kind, len(*delivered), want, n)
		}
	})
}

func fuzzReceiver(t *testing.T, encrypted bool) (*webhook.Receiver, *[]kook.Event) {
	delivered := new([]kook.Event)
	cfg := webhook.Config{
		VerifyToken: token,
		MaxInflated: 1 << 20, // keeps each input fast; TestZlibBomb covers the default
		OnEvent: func(_ context.Context, ev bind.Event) error {
			*delivered = append(*delivered, ev.(kook.Event))
			return nil
		},
	}
	if encrypted {
		cfg.EncryptKey = key
	}
	rcv, err := webhook.New(cfg)
	if err != nil {
		t.Fatal(err)
	}
	return rcv, delivered
}
