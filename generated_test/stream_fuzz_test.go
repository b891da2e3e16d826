package generated_test

import (
	"bytes"
	"os"
	"path/filepath"
	"reflect"
	"testing"

	"github.com/eventbind/eventbind/events/kook"
	"github.com/eventbind/eventbind/events/onebot12"
)

// The fuzz targets for the stream decoders: any input, decoded by a Decoder
// that lives across inputs (so its memory holds what earlier inputs left),
// between two example frames, gives what the one-shot functions give: the
// same error, or an event of the same name that encodes the same, with the
// same unknown paths.

type oneShot func([]byte) (ev streamEvent, unknown []string, err error)

func checkStream(t *testing.T, data, other []byte, stream func([]byte) (streamEvent, []string, error), decode oneShot) {
	t.Helper()
	for _, in := range [][]byte{other, data, other, data} {
		want, wantPaths, wantErr := decode(in)
		got, gotPaths, gotErr := stream(in)
		if (wantErr == nil) != (gotErr == nil) || wantErr != nil && wantErr.Error() != gotErr.Error() {
			t.Fatalf("stream error %v, Decode's %v\n%q", gotErr, wantErr, in)
		}
		if wantErr != nil {
			continue
		}
		if got.EventName() != want.EventName() || !bytes.Equal(got.AppendJSON(nil), want.AppendJSON(nil)) {
			t.Fatalf("stream event %s %s, Decode's %s %s", got.EventName(), got.AppendJSON(nil), want.EventName(), want.AppendJSON(nil))
		}
		if !reflect.DeepEqual(gotPaths, wantPaths) {
			t.Fatalf("stream unknown paths %q, Decode's %q", gotPaths, wantPaths)
		}
	}
}

var (
	kookStream     = kook.NewDecoder(kook.DecodeOptions{ReportUnknown: true})
	oneBot12Stream = onebot12.NewDecoder(onebot12.DecodeOptions{ReportUnknown: true})
)

func FuzzKOOKStream(f *testing.F) {
	addExamples(f, kookSchema)
	other, err := os.ReadFile(filepath.Join(kookSchema, "testdata", "examples", "003_text_message.json"))
	if err != nil {
		f.Fatal(err)
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		checkStream(t, data, other, func(b []byte) (streamEvent, []string, error) {
			ev, err := kookStream.Decode(b)
			return ev, kookStream.UnknownPaths(), err
		}, func(b []byte) (streamEvent, []string, error) {
			ev, paths, err := kook.DecodeOptions{ReportUnknown: true}.Decode(b)
			return ev, paths, err
		})
	})
}

func FuzzOneBot12Stream(f *testing.F) {
	addExamples(f, oneBotSchema)
	files, _ := filepath.Glob(filepath.Join(oneBotSchema, "testdata", "examples", "*.json"))
	if len(files) == 0 {
		f.Fatal("no OneBot 12 examples")
	}
	other, err := os.ReadFile(files[0])
	if err != nil {
		f.Fatal(err)
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		checkStream(t, data, other, func(b []byte) (streamEvent, []string, error) {
			ev, err := oneBot12Stream.Decode(b)
			return ev, oneBot12Stream.UnknownPaths(), err
		}, func(b []byte) (streamEvent, []string, error) {
			ev, paths, err := onebot12.DecodeOptions{ReportUnknown: true}.Decode(b)
			return ev, paths, err
		})
	})
}
