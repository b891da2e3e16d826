//go:build goexperiment.jsonv2

package bench

import (
	"encoding/json"
	jsonv2 "encoding/json/v2"
	"reflect"
	"testing"
)

// With GOEXPERIMENT=jsonv2, encoding/json runs on the v2 engine: the same
// baseline code, named encoding_json_v2engine. encoding/json/v2 itself runs the
// same passes (json_v2_passes) and marshals the same values (json_v2), with its
// default options.
const engine = "_v2engine"

func unmarshalV2(data []byte, v any) error { return jsonv2.Unmarshal(data, v) }

func benchKOOKDecodeV2(b *testing.B, c *Corpus) {
	b.Run("impl=json_v2_passes", func(b *testing.B) {
		benchFrames(b, c, func(f []byte) error {
			ev, err := decodeKOOKPasses(unmarshalV2, f)
			sinkEvent = ev
			return err
		})
	})
}

func benchOneBot12DecodeV2(b *testing.B, c *Corpus) {
	b.Run("impl=json_v2_passes", func(b *testing.B) {
		benchFrames(b, c, func(f []byte) error {
			ev, err := decodeOneBotPasses(unmarshalV2, f)
			sinkEvent = ev
			return err
		})
	})
}

func benchKOOKEncodeV2(b *testing.B, c *Corpus) {
	b.Run("impl=json_v2", func(b *testing.B) {
		evs := make([]*kookEvent, len(c.Frames))
		for i, f := range c.Frames {
			evs[i] = must(decodeKOOKPasses(json.Unmarshal, f))
		}
		benchMarshalV2(b, c, func(i int) any { return evs[i] })
	})
}

func benchOneBot12EncodeV2(b *testing.B, c *Corpus) {
	b.Run("impl=json_v2", func(b *testing.B) {
		evs := make([]any, len(c.Frames))
		for i, f := range c.Frames {
			evs[i] = must(decodeOneBotPasses(json.Unmarshal, f))
		}
		benchMarshalV2(b, c, func(i int) any { return evs[i] })
	})
}

// benchMarshalV2 measures encoding/json/v2's Marshal of value i.
func benchMarshalV2(b *testing.B, c *Corpus, value func(i int) any) {
	b.SetBytes(int64(c.AverageSize()))
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		out, err := jsonv2.Marshal(value(i % len(c.Frames)))
		if err != nil {
			b.Fatal(err)
		}
		sinkBytes = out
	}
}

// TestV2Baselines: encoding/json/v2 decodes every frame of both corpora to
// the values encoding/json does, and its encoding decodes back to them.
func TestV2Baselines(t *testing.T) {
	check := func(name string, c *Corpus, passes func(unmarshalFunc, []byte) (any, error)) {
		for i, f := range c.Frames {
			v1, err := passes(json.Unmarshal, f)
			if err != nil {
				t.Fatalf("%s frame %d: encoding/json: %v", name, i, err)
			}
			v2, err := passes(unmarshalV2, f)
			if err != nil {
				t.Fatalf("%s frame %d: json/v2: %v\n%s", name, i, err, f)
			}
			if !reflect.DeepEqual(v1, v2) {
				t.Fatalf("%s frame %d: json/v2 decodes otherwise:\n%+v\n%+v", name, i, v1, v2)
			}
			// Deterministic: map members in a stable order, to compare.
			out, err := jsonv2.Marshal(v2, jsonv2.Deterministic(true))
			if err != nil {
				t.Fatalf("%s frame %d: json/v2 marshal: %v", name, i, err)
			}
			back, err := passes(unmarshalV2, out)
			if err != nil {
				t.Fatalf("%s frame %d: json/v2 output does not decode: %v\n%s", name, i, err, out)
			}
			again, _ := jsonv2.Marshal(back, jsonv2.Deterministic(true))
			if string(again) != string(out) {
				t.Fatalf("%s frame %d: json/v2 output does not round-trip:\n%s\n%s", name, i, out, again)
			}
		}
	}
	check("kook", kookCorpus(t), func(u unmarshalFunc, f []byte) (any, error) { return decodeKOOKPasses(u, f) })
	check("onebot12", oneBot12Corpus(t), decodeOneBotPasses)
}
