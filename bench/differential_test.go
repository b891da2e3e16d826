package bench

import (
	"encoding/json"
	"reflect"
	"sync"
	"testing"

	"github.com/eventbind/eventbind/events/kook"
	"github.com/eventbind/eventbind/events/onebot12"
)

// The differential targets check the generated decoders against reference
// decodings on random valid frames: the corpus generator makes the frames
// from a fuzzed seed, so every run sees new ids, texts, escapes and emoji in
// every documented shape. For each frame:
//   - encoding/json's generic reading of the input and of the generated
//     decoder's re-encoding are the same document (every value at every
//     path, however it was escaped);
//   - the typed values agree with the encoding/json baseline's typed decoding
//     (event name and the common d members for KOOK; the event name and id
//     for OneBot);
//   - the re-encoding decodes to the same typed value.

var (
	templatesOnce               sync.Once
	kookTemplates, oneBotTempls []Template
	templatesErr                error
)

func loadBothTemplates(tb testing.TB) ([]Template, []Template) {
	templatesOnce.Do(func() {
		if kookTemplates, templatesErr = LoadTemplates(kookExamples); templatesErr == nil {
			oneBotTempls, templatesErr = LoadTemplates(oneBot12Examples)
		}
	})
	if templatesErr != nil {
		tb.Fatal(templatesErr)
	}
	return kookTemplates, oneBotTempls
}

// framesPerSeed keeps one fuzz input quick while covering several shapes.
const framesPerSeed = 16

func FuzzKOOKDifferential(f *testing.F) {
	for seed := int64(0); seed < 8; seed++ {
		f.Add(seed)
	}
	f.Fuzz(func(t *testing.T, seed int64) {
		tpls, _ := loadBothTemplates(t)
		c, err := KOOKCorpus(tpls, framesPerSeed, seed)
		if err != nil {
			t.Fatal(err)
		}
		for i, frame := range c.Frames {
			ev, unknown, err := kook.DecodeOptions{ReportUnknown: true}.Decode(frame)
			if err != nil || !ev.Known() || len(unknown) != 0 {
				t.Fatalf("frame %d (%s): %v, known %v, unknown %v\n%s", i, c.Templates[i], err, ev != nil && ev.Known(), unknown, frame)
			}
			out := ev.AppendJSON(nil)
			sameJSON(t, c.Templates[i], frame, out)

			base, err := decodeKOOKPasses(json.Unmarshal, frame)
			if err != nil {
				t.Fatalf("frame %d (%s): reference: %v", i, c.Templates[i], err)
			}
			name := kookMessageNames[base.D.Type]
			if sys, ok := base.D.Extra.(*kookSystemExtra); ok {
				name = sys.Type
			}
			if ev.EventName() != name {
				t.Fatalf("frame %d: event %s, reference %s", i, ev.EventName(), name)
			}
			if got := kookCommonOf(ev); got != base.D.kookCommon {
				t.Fatalf("frame %d (%s): common members differ:\n got %+v\nwant %+v", i, c.Templates[i], got, base.D.kookCommon)
			}

			again, err := kook.Decode(out)
			if err != nil {
				t.Fatalf("frame %d: re-encoding does not decode: %v", i, err)
			}
			if !reflect.DeepEqual(exported(ev), exported(again)) {
				t.Fatalf("frame %d (%s): decode(encode(x)) differs from x", i, c.Templates[i])
			}
		}
	})
}

func FuzzOneBot12Differential(f *testing.F) {
	for seed := int64(0); seed < 8; seed++ {
		f.Add(seed)
	}
	f.Fuzz(func(t *testing.T, seed int64) {
		_, tpls := loadBothTemplates(t)
		c, err := OneBot12Corpus(tpls, framesPerSeed, seed)
		if err != nil {
			t.Fatal(err)
		}
		for i, frame := range c.Frames {
			ev, unknown, err := onebot12.DecodeOptions{ReportUnknown: true}.Decode(frame)
			if err != nil || !ev.Known() || len(unknown) != 0 {
				t.Fatalf("frame %d (%s): %v, unknown %v\n%s", i, c.Templates[i], err, unknown, frame)
			}
			out := ev.AppendJSON(nil)
			sameJSON(t, c.Templates[i], frame, out)
			var ref struct {
				ID         string `json:"id"`
				Type       string `json:"type"`
				DetailType string `json:"detail_type"`
			}
			if err := json.Unmarshal(frame, &ref); err != nil {
				t.Fatal(err)
			}
			if id := reflect.ValueOf(ev).Elem().FieldByName("ID").String(); id != ref.ID {
				t.Fatalf("frame %d: id %q, reference %q", i, id, ref.ID)
			}
			if _, err := decodeOneBotPasses(json.Unmarshal, frame); err != nil {
				t.Fatalf("frame %d (%s): reference: %v", i, c.Templates[i], err)
			}
			again, err := onebot12.Decode(out)
			if err != nil {
				t.Fatalf("frame %d: re-encoding does not decode: %v", i, err)
			}
			if !reflect.DeepEqual(exported(ev), exported(again)) {
				t.Fatalf("frame %d (%s): decode(encode(x)) differs from x", i, c.Templates[i])
			}
		}
	})
}

// kookCommonOf reads the common d members of any decoded KOOK event.
func kookCommonOf(ev kook.Event) kookCommon {
	v := reflect.ValueOf(ev).Elem().FieldByName("EventData").Interface().(kook.EventData)
	return kookCommon{
		ChannelType:  string(v.ChannelType),
		Type:         int(v.Type),
		TargetID:     v.TargetID,
		AuthorID:     v.AuthorID,
		Content:      kookContent(v.Content),
		MsgID:        v.MsgID,
		MsgTimestamp: v.MsgTimestamp,
		Nonce:        v.Nonce,
		FromType:     v.FromType.Value,
		VerifyToken:  v.VerifyToken.Value,
	}
}

// exported is the value of an event without its unexported members (the
// source text differs between an input and its re-encoding).
func exported(ev any) any {
	v := reflect.ValueOf(ev).Elem()
	out := reflect.New(v.Type()).Elem()
	for i := 0; i < v.NumField(); i++ {
		if v.Type().Field(i).IsExported() {
			out.Field(i).Set(v.Field(i))
		}
	}
	return out.Interface()
}
