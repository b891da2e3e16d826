package wireimpl

import (
	"errors"
	"testing"

	"github.com/eventbind/eventbind/jsonwire"
)

func TestLookAheadDoesNotConsume(t *testing.T) {
	for _, tc := range []struct {
		name, doc string
		path      []string
		want      int64
	}{
		{"first member", `{"type":255,"extra":{}}`, []string{"type"}, 255},
		{"after the body", `{"extra":{"body":{"a":[1,{"b":"}"}]}},"type":9}`, []string{"type"}, 9},
		{"nested", `{"type":255,"extra":{"body":{"type":7},"type":3}}`, []string{"extra", "type"}, 3},
		{"escaped key", `{"\u0074ype":4}`, []string{"type"}, 4},
	} {
		t.Run(tc.name, func(t *testing.T) {
			d := NewDecoderString(" "+tc.doc+" ", "d")
			got, err := d.LookAheadInt(tc.path...)
			if err != nil || got != tc.want {
				t.Fatalf("LookAheadInt = %d, %v; want %d", got, err, tc.want)
			}
			// The whole document is still there to decode.
			mark := d.Mark()
			if err := d.Skip(); err != nil {
				t.Fatal(err)
			}
			if raw := string(d.Since(mark)); raw != tc.doc {
				t.Errorf("after the look-ahead the value is %q, want %q", raw, tc.doc)
			}
			if err := d.End(); err != nil {
				t.Fatal(err)
			}
		})
	}
}

func TestLookAheadFirstDuplicateWins(t *testing.T) {
	d := NewDecoderString(`{"type":"a","type":"b"}`, "")
	got, err := d.LookAheadString("type")
	if err != nil || got != "a" {
		t.Fatalf("LookAheadString = %q, %v; want the first, a", got, err)
	}
}

func TestLookAheadErrors(t *testing.T) {
	for _, tc := range []struct {
		name, doc string
		path      []string
		want      string
	}{
		{"missing", `{"extra":{}}`, []string{"type"}, "d.type: required field missing"},
		{"missing nested", `{"type":255,"extra":{"body":{}}}`, []string{"extra", "type"}, "d.extra.type: required field missing"},
		{"not an object on the way", `{"extra":"x"}`, []string{"extra", "type"}, "d.extra: want object, got string"},
		{"wrong kind", `{"type":"1"}`, []string{"type"}, "d.type: want number, got string"},
		{"syntax error before it", `{"a":tru,"type":1}`, []string{"type"}, "d.a: invalid character ',' in literal true (expecting 'e')"},
		{"truncated", `{"a":1,`, []string{"type"}, "d: unexpected end of input"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			d := NewDecoderString(tc.doc, "d")
			_, err := d.LookAheadInt(tc.path...)
			var e *jsonwire.Error
			if !errors.As(err, &e) {
				t.Fatalf("error %v is not a *Error", err)
			}
			if err.Error() != tc.want {
				t.Errorf("error %q, want %q", err, tc.want)
			}
			if d.Offset() != 0 || len(d.levels) != 0 {
				t.Errorf("after a failed look-ahead the cursor is at %d with %d levels open", d.Offset(), len(d.levels))
			}
		})
	}
}

func TestLimits(t *testing.T) {
	long := `"` + string(make([]byte, 0)) + `0123456789"`
	d := NewDecoderString(long, "s")
	d.MaxString = 9
	if _, err := d.String(); err == nil || err.Error() != "s: string longer than the limit of 9 bytes" {
		t.Errorf("plain string over the limit: %v", err)
	}
	d = NewDecoderString(`"01234\n6789"`, "s")
	d.MaxString = 9
	if _, err := d.String(); err == nil || err.Error() != "s: string longer than the limit of 9 bytes" {
		t.Errorf("escaped string over the limit: %v", err)
	}
	d = NewDecoderString(`"012345678"`, "s")
	d.MaxString = 9
	if s, err := d.String(); err != nil || s != "012345678" {
		t.Errorf("string at the limit: %q, %v", s, err)
	}
	err := jsonwire.Limits{MaxBytes: 4}.CheckSize([]byte(`{"a":1}`))
	if err == nil || err.Error() != "offset 4: document of 7 bytes exceeds the limit of 4" {
		t.Errorf("CheckSize: %v", err)
	}
	if err := (jsonwire.Limits{}).CheckSize(make([]byte, jsonwire.DefaultMaxBytes)); err != nil {
		t.Errorf("CheckSize at the default limit: %v", err)
	}
}

func TestAcquireDecoderStartsClean(t *testing.T) {
	d := AcquireDecoder(`{"a":1}`, "")
	d.ReportUnknown = true
	d.MaxDepth = 1
	_ = d.ObjectStart()
	d.Release()
	d = AcquireDecoder(`[[1]]`, "x")
	defer d.Release()
	if d.ReportUnknown || d.MaxDepth != 0 || d.Offset() != 0 || len(d.levels) != 0 {
		t.Fatalf("a pooled decoder keeps state: %+v", d)
	}
	if err := d.Skip(); err != nil {
		t.Fatal(err)
	}
}

func TestRewind(t *testing.T) {
	const doc = `{"d":{"x":1,"y":{"z":2},"w":3}}`
	d := NewDecoderString(doc, "")
	d.ReportUnknown = true
	var kept jsonwire.Unknown
	if err := d.ObjectStart(); err != nil {
		t.Fatal(err)
	}
	if key, _, err := d.NextKey(); err != nil || key != "d" {
		t.Fatalf("NextKey = %q, %v", key, err)
	}
	at := d.Checkpoint()
	// One way in: two members read, one of them recorded as unknown.
	if err := d.ObjectStart(); err != nil {
		t.Fatal(err)
	}
	for i := 0; i < 2; i++ {
		key, _, err := d.NextKey()
		if err != nil {
			t.Fatal(err)
		}
		if err := d.UnknownField(&kept, key); err != nil {
			t.Fatal(err)
		}
	}
	if got := d.UnknownPaths(); len(got) != 2 {
		t.Fatalf("recorded %q, want two paths", got)
	}
	d.Rewind(at)
	if got := d.UnknownPaths(); got != nil {
		t.Errorf("after Rewind the unknown paths are %q, want nil", got)
	}
	// Back at the payload, with the path naming it: the value reads whole.
	if got := d.Path(); got != "d" {
		t.Errorf("Path = %q, want d", got)
	}
	mark := d.Mark()
	if err := d.Skip(); err != nil {
		t.Fatal(err)
	}
	if got, want := string(d.Since(mark)), `{"x":1,"y":{"z":2},"w":3}`; got != want {
		t.Errorf("after Rewind the value is %s, want %s", got, want)
	}
	if _, more, err := d.NextKey(); err != nil || more {
		t.Fatalf("NextKey = %v, %v; want the end", more, err)
	}
	if err := d.End(); err != nil {
		t.Fatal(err)
	}

	// Paths recorded before the checkpoint stay.
	d.Reset(doc, "")
	if err := d.ObjectStart(); err != nil {
		t.Fatal(err)
	}
	key, _, _ := d.NextKey()
	at = d.Checkpoint()
	if err := d.UnknownField(&kept, key); err != nil {
		t.Fatal(err)
	}
	d.Rewind(at)
	if got := d.UnknownPaths(); got != nil {
		t.Errorf("UnknownPaths = %q, want nil", got)
	}
	if err := d.UnknownField(&kept, key); err != nil {
		t.Fatal(err)
	}
	at = d.Checkpoint()
	d.Rewind(at)
	if got := d.UnknownPaths(); len(got) != 1 || got[0] != "d" {
		t.Errorf("UnknownPaths = %q, want [d]", got)
	}
}
