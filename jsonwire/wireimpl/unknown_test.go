package wireimpl

import (
	"encoding/json"
	"testing"

	"github.com/eventbind/eventbind/jsonwire"
)

func TestAppendUnknown(t *testing.T) {
	u := jsonwire.Unknown{
		{Key: "a", Value: jsonwire.Raw(`1`)},
		{Key: `q"k`, Value: jsonwire.Raw(`{"x":[true,null]}`)},
		{Key: "empty", Value: nil},
	}
	tests := []struct {
		prefix, want string
	}{
		{"{", `{"a":1,"q\"k":{"x":[true,null]},"empty":null`},
		{`{"known":2`, `{"known":2,"a":1,"q\"k":{"x":[true,null]},"empty":null`},
		{"", `"a":1,"q\"k":{"x":[true,null]},"empty":null`},
	}
	for _, tt := range tests {
		if got := string(AppendUnknown([]byte(tt.prefix), u)); got != tt.want {
			t.Errorf("AppendUnknown(%q) = %s, want %s", tt.prefix, got, tt.want)
		}
	}
	if got := string(AppendUnknown([]byte("{"), nil)); got != "{" {
		t.Errorf("empty AppendUnknown = %s", got)
	}
}

func TestUnknownFieldRoundTrip(t *testing.T) {
	in := []byte(`{"known":1, "b" : [1, {"c":"\u00e9"}] ,"k\"ey":"v","n":null,"known2":true}`)
	d := NewDecoder(in, "d")
	d.ReportUnknown = true
	var u jsonwire.Unknown
	if err := d.ObjectStart(); err != nil {
		t.Fatal(err)
	}
	out := []byte{'{'}
	for {
		k, more, err := d.NextKey()
		if err != nil {
			t.Fatal(err)
		}
		if !more {
			break
		}
		switch string(k) {
		case "known":
			v, err := d.Int()
			if err != nil {
				t.Fatal(err)
			}
			out = appendKey(out, "known")
			out = AppendInt(out, int64(v))
		case "known2":
			v, err := d.Bool()
			if err != nil {
				t.Fatal(err)
			}
			out = appendKey(out, "known2")
			out = AppendBool(out, v)
		default:
			if err := d.UnknownField(&u, k); err != nil {
				t.Fatal(err)
			}
		}
	}
	if err := d.End(); err != nil {
		t.Fatal(err)
	}
	out = append(AppendUnknown(out, u), '}')
	want := `{"known":1,"known2":true,"b":[1, {"c":"\u00e9"}],"k\"ey":"v","n":null}`
	if string(out) != want {
		t.Fatalf("re-encoded %s, want %s", out, want)
	}
	var a, b map[string]any
	if err := json.Unmarshal(in, &a); err != nil {
		t.Fatal(err)
	}
	if err := json.Unmarshal(out, &b); err != nil {
		t.Fatal(err)
	}
	if len(a) != len(b) {
		t.Fatalf("lost members: %v vs %v", a, b)
	}
	paths := d.UnknownPaths()
	if len(paths) != 3 || paths[0] != "d.b" || paths[1] != `d.k"ey` || paths[2] != "d.n" {
		t.Fatalf("paths %q", paths)
	}
	// The captured key and value are copies.
	in[len(`{"known":1, "b" : [`)] = '9'
	if string(u[0].Value) != `[1, {"c":"\u00e9"}]` || u[1].Key != `k"ey` {
		t.Fatalf("captured values alias the input: %+v", u)
	}
}

func TestUnknownFieldErrors(t *testing.T) {
	d := NewDecoder([]byte(`{"x":[1,}`), "d")
	d.ReportUnknown = true
	_ = d.ObjectStart()
	k, _, _ := d.NextKey()
	var u jsonwire.Unknown
	wantErr(t, d.UnknownField(&u, k), "d.x: invalid character '}' looking for a value")
	if len(u) != 0 || len(d.UnknownPaths()) != 0 {
		t.Fatalf("recorded a bad member: %v %v", u, d.UnknownPaths())
	}
	// A nil *Unknown validates and drops the value, but still reports.
	d = NewDecoder([]byte(`{"x":[1,2]}`), "")
	d.ReportUnknown = true
	_ = d.ObjectStart()
	k, _, _ = d.NextKey()
	if err := d.UnknownField(nil, k); err != nil {
		t.Fatal(err)
	}
	if p := d.UnknownPaths(); len(p) != 1 || p[0] != "x" {
		t.Fatalf("paths %q", p)
	}
	// Without ReportUnknown no paths are kept.
	d = NewDecoder([]byte(`{"x":1}`), "")
	_ = d.ObjectStart()
	k, _, _ = d.NextKey()
	if err := d.UnknownField(&u, k); err != nil || d.UnknownPaths() != nil {
		t.Fatalf("%v %q", err, d.UnknownPaths())
	}
}

// lowerAndUnderscore is OneBot 12's prefix alphabet (schema/onebot12/platform.yaml).
const lowerAndUnderscore = "_abcdefghijklmnopqrstuvwxyz"

func TestIsExtension(t *testing.T) {
	for key, want := range map[string]bool{
		"qq.nickname": true, "kook.x": true, "_x.y": true, "a.b.c": true,
		"nickname": false, ".x": false, "qq.": false, "QQ.nick": false, "q1.x": false, "": false, "q-q.x": false,
	} {
		if got := IsExtension(key, lowerAndUnderscore, '.'); got != want {
			t.Errorf("IsExtension(%q) = %v, want %v", key, got, want)
		}
	}
}

func TestExtensionFieldIsNotReported(t *testing.T) {
	d := NewDecoder([]byte(`{"qq.a":[1,{"b":2}],"z":3}`), "")
	d.ReportUnknown = true
	var ext, unk jsonwire.Unknown
	if err := d.ObjectStart(); err != nil {
		t.Fatal(err)
	}
	for {
		key, more, err := d.NextKey()
		if err != nil {
			t.Fatal(err)
		}
		if !more {
			break
		}
		if IsExtension(key, lowerAndUnderscore, '.') {
			err = d.ExtensionField(&ext, key)
		} else {
			err = d.UnknownField(&unk, key)
		}
		if err != nil {
			t.Fatal(err)
		}
	}
	if v, ok := ext.Get("qq.a"); !ok || string(v) != `[1,{"b":2}]` {
		t.Errorf("extension = %q, %v", v, ok)
	}
	if got := d.UnknownPaths(); len(got) != 1 || got[0] != "z" {
		t.Errorf("unknown paths = %v, want [z]", got)
	}
}
