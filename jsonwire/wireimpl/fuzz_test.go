package wireimpl

import (
	"bytes"
	"encoding/json"
	"errors"
	"reflect"
	"testing"

	"github.com/eventbind/eventbind/jsonwire"
)

var fuzzSeeds = []string{
	``, ` `, `0`, `-0`, `01`, `1.`, `1e5`, `-1.5E-3`, `+1`, `.5`, `true`, `tru`, `null`, `nul`,
	`""`, `"\u00e9\ud83d\ude00"`, `"\ud83d"`, `"\x"`, "\"\x00\"", "\"\xff\"", `"abc`,
	`{}`, `[]`, `{"a":1}`, `{"a":1,}`, `[1,]`, `[1 2]`, `{"a" 1}`, `{"a":[1,{"b":null}],"c":"d"}`,
	`[[[[[[]]]]]]`, `[{"a":[{"b":[{}]}]}]`, `{"a":1} x`, `1 2`, "\t\n\r {} \n", "\v{}", `{"":""}`,
	`[1e999]`, `[-]`, `[1.e1]`, `{"a":tx}`, `"\u12"`, `"\uD83D\uDE00\uDE00"`,
}

// FuzzSkip checks that Skip never panics, that its errors are *Error, and
// that Skip followed by End accepts exactly what json.Valid accepts.
func FuzzSkip(f *testing.F) {
	for _, s := range fuzzSeeds {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		// HasMembers answers, key by key, what Lookup's ok answers.
		keys := []string{"s", "d", "a", ""}
		has := HasMembers(data, keys...)
		for i, k := range keys {
			if _, ok, _ := Lookup(data, k); (has&(1<<i) != 0) != ok {
				t.Fatalf("HasMembers(%q) has %q: %v; Lookup's ok: %v", data, k, has&(1<<i) != 0, ok)
			}
		}
		d := NewDecoder(data, "")
		err := d.Skip()
		if err == nil {
			err = d.End()
		}
		if err != nil {
			var e *jsonwire.Error
			if !errors.As(err, &e) {
				t.Fatalf("error %v is %T", err, err)
			}
			if e.Offset < 0 || e.Offset > len(data) {
				t.Fatalf("offset %d outside input of %d bytes", e.Offset, len(data))
			}
		}
		if valid := json.Valid(data); valid != (err == nil) {
			t.Fatalf("json.Valid = %v, Skip+End error = %v", valid, err)
		}
		// Raw agrees with Skip and returns the trimmed value.
		d = NewDecoder(data, "")
		raw, rerr := d.Raw()
		if rerr == nil {
			rerr = d.End()
		}
		if (rerr == nil) != (err == nil) {
			t.Fatalf("Raw error %v, Skip error %v", rerr, err)
		}
		if rerr == nil && !bytes.Equal(raw, bytes.TrimSpace(data)) {
			t.Fatalf("Raw = %q", raw)
		}
	})
}

// FuzzDecoder walks the input with the typed API and checks it against
// encoding/json: the same acceptance, the same decoded values, and string
// re-encoding that matches encoding/json's.
func FuzzDecoder(f *testing.F) {
	for _, s := range fuzzSeeds {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		d := NewDecoder(data, "d")
		got, err := walk(d)
		if err == nil {
			err = d.End()
		}
		if err != nil {
			var e *jsonwire.Error
			if !errors.As(err, &e) {
				t.Fatalf("error %v is %T", err, err)
			}
		}
		valid := json.Valid(data)
		if valid != (err == nil) {
			t.Fatalf("json.Valid = %v, walk error = %v", valid, err)
		}
		// Lookup must never panic either, whatever the input.
		if _, _, lerr := Lookup(data, "a", "b"); lerr != nil {
			var e *jsonwire.Error
			if !errors.As(lerr, &e) {
				t.Fatalf("Lookup error %v is %T", lerr, lerr)
			}
		}
		if !valid {
			return
		}
		dec := json.NewDecoder(bytes.NewReader(data))
		dec.UseNumber()
		var want any
		if err := dec.Decode(&want); err != nil {
			t.Fatalf("encoding/json: %v", err)
		}
		if !reflect.DeepEqual(got, want) {
			t.Fatalf("decoded %#v, encoding/json %#v", got, want)
		}
		if s, ok := got.(string); ok {
			if enc := string(AppendString(nil, s)); enc != stdString(t, s) {
				t.Fatalf("AppendString(%q) = %s, encoding/json %s", s, enc, stdString(t, s))
			}
		}
	})
}

// FuzzAppendString: the encoder writes every string exactly as encoding/json
// does without HTML escaping, on the fast path and the escaping one alike.
func FuzzAppendString(f *testing.F) {
	for _, s := range []string{"", "plain ascii text", "中文 and emoji 😀", "a\"b\\c\n", "\u2028 line", "\xff bad", "12345678\x01"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		want := stdString(t, s)
		if got := string(AppendString(nil, s)); got != want {
			t.Fatalf("AppendString(%q) = %s, encoding/json %s", s, got, want)
		}
		// With room to spare, as in a reused buffer (short strings take
		// another path then).
		if got := string(AppendString(append(make([]byte, 0, len(s)+64), 'x'), s)); got != "x"+want {
			t.Fatalf("AppendString(%q) into a roomy buffer = %s, encoding/json %s", s, got, want)
		}
	})
}

func FuzzAppendFloat(f *testing.F) {
	for _, v := range []float64{0, 1.5, 1717200001.048218, -36.800695, 1e-7, 1e21, 123456789.123456789} {
		f.Add(v)
	}
	f.Fuzz(func(t *testing.T, v float64) {
		got := string(AppendFloat(nil, v))
		want, err := json.Marshal(v)
		if err != nil {
			want = []byte("null")
		}
		if got != string(want) {
			t.Fatalf("AppendFloat(%v) = %s, encoding/json %s", v, got, want)
		}
	})
}
