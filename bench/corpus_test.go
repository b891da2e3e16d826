package bench

import (
	"bytes"
	"encoding/json"
	"sort"
	"testing"

	"github.com/eventbind/eventbind/events/kook"
	"github.com/eventbind/eventbind/events/onebot12"
	"github.com/eventbind/eventbind/internal/jsontest"
)

// targetAverage is the average KOOK frame size of the traffic, in bytes.
const targetAverage = 675

func TestKOOKCorpus(t *testing.T) {
	c := kookCorpus(t)
	checkShape(t, c, kookExamples)
	if avg := c.AverageSize(); avg < targetAverage*9/10 || avg > targetAverage*11/10 {
		t.Errorf("average frame is %d bytes, want %d ± 10%%", avg, targetAverage)
	}
	if !bytes.Contains(bytes.Join(c.Frames, nil), []byte(`(met)`)) {
		t.Error("no frame mentions anyone: (met)id(met)")
	}
	messages := 0
	for i, frame := range c.Frames {
		ev, unknown, err := kook.DecodeOptions{ReportUnknown: true}.Decode(frame)
		if err != nil {
			t.Fatalf("frame %d (%s): %v\n%s", i, c.Templates[i], err, frame)
		}
		if !ev.Known() || len(unknown) > 0 {
			t.Fatalf("frame %d (%s): known %v, unknown members %q\n%s", i, c.Templates[i], ev.Known(), unknown, frame)
		}
		sameJSON(t, c.Templates[i], frame, ev.AppendJSON(nil))
		switch ev.(type) {
		case *kook.TextMessage, *kook.KMarkdownMessage, *kook.ImageMessage, *kook.FileMessage,
			*kook.VideoMessage, *kook.AudioMessage, *kook.CardMessage, *kook.ItemMessage:
			messages++
		}
	}
	if messages != c.Messages {
		t.Errorf("kook.Decode found %d message events, the generator made %d", messages, c.Messages)
	}
}

func TestOneBot12Corpus(t *testing.T) {
	c := oneBot12Corpus(t)
	checkShape(t, c, oneBot12Examples, "ext_group_file_upload.json") // an extended detail_type: unknown
	messages := 0
	for i, frame := range c.Frames {
		ev, unknown, err := onebot12.DecodeOptions{ReportUnknown: true}.Decode(frame)
		if err != nil {
			t.Fatalf("event %d (%s): %v\n%s", i, c.Templates[i], err, frame)
		}
		if !ev.Known() || len(unknown) > 0 {
			t.Fatalf("event %d (%s): known %v, unknown members %q\n%s", i, c.Templates[i], ev.Known(), unknown, frame)
		}
		sameJSON(t, c.Templates[i], frame, ev.AppendJSON(nil))
		switch ev.(type) {
		case *onebot12.MessagePrivate, *onebot12.MessageGroup, *onebot12.MessageChannel:
			messages++
		}
	}
	if messages != c.Messages {
		t.Errorf("onebot12.Decode found %d message events, the generator made %d", messages, c.Messages)
	}
}

// checkShape checks what both corpora promise: the size, the share of
// messages, every example of dir used (but those in skipped), valid JSON, the
// escapes and text the issue lists, and that the seed decides everything.
func checkShape(t *testing.T, c *Corpus, dir string, skipped ...string) {
	t.Helper()
	if len(c.Frames) != corpusSize || len(c.Templates) != corpusSize {
		t.Fatalf("%d frames, %d template names, want %d", len(c.Frames), len(c.Templates), corpusSize)
	}
	if want := int(corpusSize * MessageShare); c.Messages != want {
		t.Errorf("%d message events, want %d", c.Messages, want)
	}
	tpls, err := LoadTemplates(dir)
	if err != nil {
		t.Fatal(err)
	}
	uses := map[string]int{}
	for _, name := range c.Templates {
		uses[name]++
	}
	for _, tpl := range tpls {
		skip := false
		for _, s := range skipped {
			skip = skip || s == tpl.Name
		}
		if skip != (uses[tpl.Name] == 0) {
			t.Errorf("%s: used %d times (skipped: %v)", tpl.Name, uses[tpl.Name], skip)
		}
	}
	for i, frame := range c.Frames {
		if !json.Valid(frame) {
			t.Fatalf("frame %d (%s) is not JSON:\n%s", i, c.Templates[i], frame)
		}
	}
	all := bytes.Join(c.Frames, nil)
	// JSON escapes, \u escapes of Chinese and of emoji (surrogate pairs), and
	// the same unescaped.
	for _, want := range []string{`\n`, `\"`, `\\`, `\/`, `\u5`, `\ud83`, "频道", "😀"} {
		if !bytes.Contains(all, []byte(want)) {
			t.Errorf("no frame contains %s", want)
		}
	}
	again, err := regenerate(dir, corpusSeed)
	if err != nil {
		t.Fatal(err)
	}
	if !sameFrames(again.Frames, c.Frames) {
		t.Error("the same seed gave another corpus")
	}
	other, _ := regenerate(dir, corpusSeed+1)
	if sameFrames(other.Frames, c.Frames) {
		t.Error("another seed gave the same corpus")
	}

	names := make([]string, 0, len(uses))
	for name := range uses {
		names = append(names, name)
	}
	sort.Strings(names)
	t.Logf("%d frames, %d messages (%.0f%%), %d others, average %d bytes, %d examples used:",
		len(c.Frames), c.Messages, 100*float64(c.Messages)/float64(len(c.Frames)), len(c.Frames)-c.Messages, c.AverageSize(), len(names))
	for _, name := range names {
		t.Logf("  %4d %s", uses[name], name)
	}
}

func sameFrames(a, b [][]byte) bool {
	return len(a) == len(b) && bytes.Equal(bytes.Join(a, []byte{'\n'}), bytes.Join(b, []byte{'\n'}))
}

func regenerate(dir string, seed int64) (*Corpus, error) {
	tpls, err := LoadTemplates(dir)
	if err != nil {
		return nil, err
	}
	if dir == kookExamples {
		return KOOKCorpus(tpls, corpusSize, seed)
	}
	return OneBot12Corpus(tpls, corpusSize, seed)
}

// sameJSON fails the test unless want and got are the same JSON document: the
// same members and values, whatever their order, spacing, escapes or number
// spelling.
func sameJSON(t *testing.T, what string, want, got []byte) {
	t.Helper()
	diff, err := jsontest.Diff(want, got)
	if err != nil {
		t.Fatalf("%s: %v\nwant: %s\ngot:  %s", what, err, want, got)
	}
	if diff != "" {
		t.Fatalf("%s: re-encoding differs (-want +got):\n%s\nwant: %s\ngot:  %s", what, diff, want, got)
	}
}
