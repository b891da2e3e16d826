package bench

import (
	"bytes"
	"context"
	"encoding/json"
	"runtime"
	"testing"

	gojson "github.com/goccy/go-json"

	"github.com/eventbind/eventbind/events/kook"
	"github.com/eventbind/eventbind/events/onebot12"
)

// Each benchmark runs its implementations as sub-benchmarks impl=NAME, so that
// `benchstat -col /impl` puts them side by side, eventbind first (the column
// the others are compared with). One op is one frame: the loop cycles through
// the corpus, so ns/op, B/op and allocs/op are per frame, and MB/s uses the
// average frame size.

// Sinks keep the compiler from dropping the work.
var (
	sinkEvent any
	sinkBytes []byte
	sinkBool  bool
)

func BenchmarkKOOKDecode(b *testing.B) {
	c := kookCorpus(b)
	b.Run("impl=eventbind", func(b *testing.B) {
		benchFrames(b, c, func(f []byte) error {
			ev, err := kook.Decode(f)
			sinkEvent = ev
			return err
		})
	})
	b.Run("impl=eventbind_stream", func(b *testing.B) {
		var dec kook.Decoder
		benchFrames(b, c, func(f []byte) error {
			ev, err := dec.Decode(f)
			sinkEvent = ev
			return err
		})
	})
	b.Run("impl=encoding_json"+engine+"_passes", func(b *testing.B) {
		benchFrames(b, c, func(f []byte) error {
			ev, err := decodeKOOKPasses(json.Unmarshal, f)
			sinkEvent = ev
			return err
		})
	})
	b.Run("impl=goccy_passes", func(b *testing.B) {
		benchFrames(b, c, func(f []byte) error {
			ev, err := decodeKOOKPasses(gojson.Unmarshal, f)
			sinkEvent = ev
			return err
		})
	})
	b.Run("impl=json_valid", func(b *testing.B) { benchValid(b, c) })
	benchKOOKDecodeV2(b, c)
}

func BenchmarkKOOKEncode(b *testing.B) {
	c := kookCorpus(b)
	b.Run("impl=eventbind", func(b *testing.B) {
		evs := make([]kook.Event, len(c.Frames))
		for i, f := range c.Frames {
			evs[i] = must(kook.Decode(f))
		}
		benchAppend(b, c, func(i int, buf []byte) []byte { return evs[i].AppendJSON(buf) })
	})
	b.Run("impl=eventbind_oneshot", func(b *testing.B) {
		evs := make([]kook.Event, len(c.Frames))
		for i, f := range c.Frames {
			evs[i] = must(kook.Decode(f))
		}
		benchOneShot(b, c, func(i int) []byte { return evs[i].AppendJSON(nil) })
	})
	b.Run("impl=eventbind_marshal"+engine, func(b *testing.B) {
		evs := make([]any, len(c.Frames))
		for i, f := range c.Frames {
			evs[i] = must(kook.Decode(f))
		}
		benchMarshal(b, c, func(i int) any { return evs[i] })
	})
	b.Run("impl=json_compact", func(b *testing.B) {
		_, outs := encodings(c, kook.Decode)
		benchCompact(b, c, outs)
	})
	b.Run("impl=output_copy", func(b *testing.B) { benchOutputCopy(b, c, kook.Decode) })
	b.Run("impl=encoding_json"+engine, func(b *testing.B) {
		evs := make([]*kookEvent, len(c.Frames))
		for i, f := range c.Frames {
			evs[i] = must(decodeKOOKPasses(json.Unmarshal, f))
		}
		benchMarshal(b, c, func(i int) any { return evs[i] })
	})
	benchKOOKEncodeV2(b, c)
}

func BenchmarkKOOKDispatch(b *testing.B) {
	c := kookCorpus(b)
	b.Run("impl=eventbind", func(b *testing.B) {
		evs := make([]kook.Event, len(c.Frames))
		for i, f := range c.Frames {
			evs[i] = must(kook.Decode(f))
		}
		ctx := context.Background()
		h := new(kookCounter)
		b.ReportAllocs()
		b.ResetTimer()
		for i := 0; i < b.N; i++ {
			if err := kook.Dispatch(ctx, h, evs[i%len(evs)]); err != nil {
				b.Fatal(err)
			}
		}
		sinkEvent = h
	})
}

func BenchmarkOneBot12Decode(b *testing.B) {
	c := oneBot12Corpus(b)
	b.Run("impl=eventbind", func(b *testing.B) {
		benchFrames(b, c, func(f []byte) error {
			ev, err := onebot12.Decode(f)
			sinkEvent = ev
			return err
		})
	})
	b.Run("impl=eventbind_stream", func(b *testing.B) {
		var dec onebot12.Decoder
		benchFrames(b, c, func(f []byte) error {
			ev, err := dec.Decode(f)
			sinkEvent = ev
			return err
		})
	})
	b.Run("impl=encoding_json"+engine+"_passes", func(b *testing.B) {
		benchFrames(b, c, func(f []byte) error {
			ev, err := decodeOneBotPasses(json.Unmarshal, f)
			sinkEvent = ev
			return err
		})
	})
	b.Run("impl=goccy_passes", func(b *testing.B) {
		benchFrames(b, c, func(f []byte) error {
			ev, err := decodeOneBotPasses(gojson.Unmarshal, f)
			sinkEvent = ev
			return err
		})
	})
	b.Run("impl=json_valid", func(b *testing.B) { benchValid(b, c) })
	benchOneBot12DecodeV2(b, c)
}

func BenchmarkOneBot12Encode(b *testing.B) {
	c := oneBot12Corpus(b)
	b.Run("impl=eventbind", func(b *testing.B) {
		evs := make([]onebot12.Event, len(c.Frames))
		for i, f := range c.Frames {
			evs[i] = must(onebot12.Decode(f))
		}
		benchAppend(b, c, func(i int, buf []byte) []byte { return evs[i].AppendJSON(buf) })
	})
	b.Run("impl=eventbind_oneshot", func(b *testing.B) {
		evs := make([]onebot12.Event, len(c.Frames))
		for i, f := range c.Frames {
			evs[i] = must(onebot12.Decode(f))
		}
		benchOneShot(b, c, func(i int) []byte { return evs[i].AppendJSON(nil) })
	})
	b.Run("impl=eventbind_marshal"+engine, func(b *testing.B) {
		evs := make([]any, len(c.Frames))
		for i, f := range c.Frames {
			evs[i] = must(onebot12.Decode(f))
		}
		benchMarshal(b, c, func(i int) any { return evs[i] })
	})
	b.Run("impl=json_compact", func(b *testing.B) {
		_, outs := encodings(c, onebot12.Decode)
		benchCompact(b, c, outs)
	})
	b.Run("impl=output_copy", func(b *testing.B) { benchOutputCopy(b, c, onebot12.Decode) })
	b.Run("impl=encoding_json"+engine, func(b *testing.B) {
		evs := make([]any, len(c.Frames))
		for i, f := range c.Frames {
			evs[i] = must(decodeOneBotPasses(json.Unmarshal, f))
		}
		benchMarshal(b, c, func(i int) any { return evs[i] })
	})
	benchOneBot12EncodeV2(b, c)
}

func BenchmarkOneBot12Dispatch(b *testing.B) {
	c := oneBot12Corpus(b)
	b.Run("impl=eventbind", func(b *testing.B) {
		evs := make([]onebot12.Event, len(c.Frames))
		for i, f := range c.Frames {
			evs[i] = must(onebot12.Decode(f))
		}
		ctx := context.Background()
		h := new(oneBotCounter)
		b.ReportAllocs()
		b.ResetTimer()
		for i := 0; i < b.N; i++ {
			if err := onebot12.Dispatch(ctx, h, evs[i%len(evs)]); err != nil {
				b.Fatal(err)
			}
		}
		sinkEvent = h
	})
}

// benchFrames measures decode on each frame in turn.
func benchFrames(b *testing.B, c *Corpus, decode func([]byte) error) {
	b.SetBytes(int64(c.AverageSize()))
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		if err := decode(c.Frames[i%len(c.Frames)]); err != nil {
			b.Fatal(err)
		}
	}
}

// benchValid is the floor of any decoder: json.Valid reads every byte and
// builds nothing.
func benchValid(b *testing.B, c *Corpus) {
	b.SetBytes(int64(c.AverageSize()))
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		sinkBool = json.Valid(c.Frames[i%len(c.Frames)])
	}
}

// benchAppend measures appending event i's JSON to a reused buffer.
func benchAppend(b *testing.B, c *Corpus, appendJSON func(i int, buf []byte) []byte) {
	buf := make([]byte, 0, 4096)
	b.SetBytes(int64(c.AverageSize()))
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		buf = appendJSON(i%len(c.Frames), buf[:0])
	}
	sinkBytes = buf
}

// benchOneShot measures an encoder that returns a new buffer each time, as
// json.Marshal does.
func benchOneShot(b *testing.B, c *Corpus, encode func(i int) []byte) {
	b.SetBytes(int64(c.AverageSize()))
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		sinkBytes = encode(i % len(c.Frames))
	}
}

// benchCompact measures json.Compact of the events' encodings into a reused
// buffer: the floor under json.Marshal(ev), which re-scans and compacts what
// MarshalJSON returns (and escapes <, > and & on the way).
func benchCompact(b *testing.B, c *Corpus, outs [][]byte) {
	var buf bytes.Buffer
	buf.Grow(8192)
	b.SetBytes(int64(c.AverageSize()))
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		buf.Reset()
		if err := json.Compact(&buf, outs[i%len(outs)]); err != nil {
			b.Fatal(err)
		}
	}
	sinkBytes = buf.Bytes()
}

type encoder interface{ AppendJSON([]byte) []byte }

// encodings decodes every frame of c and encodes each event.
func encodings[E encoder](c *Corpus, decode func([]byte) (E, error)) ([]E, [][]byte) {
	evs := make([]E, len(c.Frames))
	outs := make([][]byte, len(c.Frames))
	for i, f := range c.Frames {
		evs[i] = must(decode(f))
		outs[i] = evs[i].AppendJSON(nil)
	}
	return evs, outs
}

// benchOutputCopy (output_copy) is the floor under any one-shot encoder that
// returns memory of its own: a new copy of each event's encoding, filled and
// later collected, with no encoding at all. The events stay live as they do
// in eventbind_oneshot, so that collections cost what they cost there.
func benchOutputCopy[E encoder](b *testing.B, c *Corpus, decode func([]byte) (E, error)) {
	evs, outs := encodings(c, decode)
	benchOneShot(b, c, func(i int) []byte { return append([]byte(nil), outs[i]...) })
	runtime.KeepAlive(evs)
}

// benchMarshal measures json.Marshal of value i.
func benchMarshal(b *testing.B, c *Corpus, value func(i int) any) {
	b.SetBytes(int64(c.AverageSize()))
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		out, err := json.Marshal(value(i % len(c.Frames)))
		if err != nil {
			b.Fatal(err)
		}
		sinkBytes = out
	}
}

func must[T any](v T, err error) T {
	if err != nil {
		panic(err)
	}
	return v
}

// kookCounter is a handler that does trivial work for the common events and
// leaves the rest to NopHandler.
type kookCounter struct {
	kook.NopHandler
	messages, reactions int
}

func (h *kookCounter) OnTextMessage(_ context.Context, ev *kook.TextMessage) error {
	h.messages += len(ev.Content)
	return nil
}

func (h *kookCounter) OnKMarkdownMessage(_ context.Context, ev *kook.KMarkdownMessage) error {
	h.messages += len(ev.Content)
	return nil
}

func (h *kookCounter) OnImageMessage(_ context.Context, ev *kook.ImageMessage) error {
	h.messages++
	return nil
}

func (h *kookCounter) OnAddedReaction(_ context.Context, ev *kook.AddedReaction) error {
	h.reactions++
	return nil
}

// oneBotCounter is kookCounter for OneBot 12.
type oneBotCounter struct {
	onebot12.NopHandler
	messages, notices int
}

func (h *oneBotCounter) OnMessagePrivate(_ context.Context, ev *onebot12.MessagePrivate) error {
	h.messages += len(ev.Message)
	return nil
}

func (h *oneBotCounter) OnMessageGroup(_ context.Context, ev *onebot12.MessageGroup) error {
	h.messages += len(ev.Message)
	return nil
}

func (h *oneBotCounter) OnNoticeGuildMemberIncrease(_ context.Context, ev *onebot12.NoticeGuildMemberIncrease) error {
	h.notices++
	return nil
}
