package wireimpl

import (
	"encoding/json"
	"strings"
	"testing"
)

func TestSkipAndRaw(t *testing.T) {
	valid := []string{
		`0`, `-0`, `-1.5e+10`, `1E-2`, `123`, `true`, `false`, `null`,
		`""`, `"a\"b\\c\u00e9\ud83d\ude00"`, "\"\xff\"",
		`{}`, `[]`, `{ }`, `[ ]`, `{"a":1}`, `[1,2,3]`,
		`{"a":{"b":[1,{"c":[]}],"d":"x"},"e":[[],[{}]],"f":null}`,
		" \t\r\n[ 1 , \"x\" , { \"k\" : true } ]\n",
	}
	for _, in := range valid {
		d := NewDecoder([]byte(in+` ,"next"`), "d")
		raw, err := d.Raw()
		if err != nil {
			t.Errorf("Raw(%q): %v", in, err)
			continue
		}
		if string(raw) != strings.TrimSpace(in) {
			t.Errorf("Raw(%q) = %q", in, raw)
		}
		// Raw stops right after the value.
		if rest := strings.TrimSpace(in + ` ,"next"`)[len(raw):]; string(d.data[d.Offset():]) != strings.TrimLeft(rest, " \t\r\n") && strings.TrimSpace(string(d.data[d.Offset():])) != `,"next"` {
			t.Errorf("Raw(%q) stopped at %d", in, d.Offset())
		}
		d = NewDecoder([]byte(in), "d")
		if err := d.Skip(); err != nil {
			t.Errorf("Skip(%q): %v", in, err)
		} else if err := d.End(); err != nil {
			t.Errorf("Skip(%q): End: %v", in, err)
		}
	}

	// Raw returns a copy, not a view of the input.
	in := []byte(`{"a":[1,2]}`)
	d := NewDecoder(in, "")
	raw, err := d.Raw()
	if err != nil {
		t.Fatal(err)
	}
	in[2] = 'X'
	if string(raw) != `{"a":[1,2]}` {
		t.Fatalf("Raw aliases its input: %s", raw)
	}

	invalid := []struct {
		in, want string
	}{
		{``, "d: unexpected end of input"},
		{`{`, "d: unexpected end of input"},
		{`{"a":1,}`, "d: invalid character '}' looking for beginning of object key string"},
		{`{"a" 1}`, "d: invalid character '1' after object key"},
		{`{"a":1 "b":2}`, "d: invalid character '\"' after object key:value pair"},
		{`[1,]`, "d: invalid character ']' looking for a value"},
		{`[1 2]`, "d: invalid character '2' after array element"},
		{`[}`, "d: invalid character '}' looking for a value"},
		{`{]`, "d: invalid character ']' looking for beginning of object key string"},
		{`[1}`, "d: invalid character '}' after array element"},
		{`{"a":1]`, "d: invalid character ']' after object key:value pair"},
		{`[01]`, "d: invalid character '1' after array element"},
		{`[-]`, "d: invalid character ']' in numeric literal"},
		{`["\q"]`, "d: invalid character 'q' in string escape code"},
		{`{"a\u00"}`, "d: invalid character '\"' in \\u hexadecimal character escape"},
		{`[nulx]`, "d: invalid character 'x' in literal null (expecting 'l')"},
		{`[[[[`, "d: unexpected end of input"},
		{`{"a":[{"b":`, "d: unexpected end of input"},
	}
	for _, tt := range invalid {
		d := NewDecoder([]byte(tt.in), "d")
		wantErr(t, d.Skip(), tt.want)
		d = NewDecoder([]byte(tt.in), "d")
		_, err := d.Raw()
		wantErr(t, err, tt.want)
	}
}

func TestSkipDeepNesting(t *testing.T) {
	for _, open := range []string{"[", "{\"a\":", "[{\"a\":"} {
		deep := []byte(strings.Repeat(open, 100000))
		d := NewDecoder(deep, "d")
		err := d.Skip()
		wantErr(t, err, "d: nesting deeper than 10000")
		d = NewDecoder(deep, "d")
		_, err = d.Raw()
		wantErr(t, err, "d: nesting deeper than 10000")
	}
	// 10000 levels are accepted, like encoding/json; 10001 are not.
	for _, n := range []int{10000, 10001} {
		doc := []byte(strings.Repeat("[", n) + strings.Repeat("]", n))
		d := NewDecoder(doc, "")
		err := d.Skip()
		if (err == nil) != json.Valid(doc) {
			t.Errorf("depth %d: Skip error %v, json.Valid %v", n, err, json.Valid(doc))
		}
	}
	// Skip's nesting counts on top of the levels the Decoder has open.
	doc := []byte(`{"a":` + strings.Repeat("[", 9999) + strings.Repeat("]", 9999) + `}`)
	d := NewDecoder(doc, "d")
	_ = d.ObjectStart()
	_, _, _ = d.NextKey()
	if err := d.Skip(); err != nil {
		t.Fatal(err)
	}
	doc = []byte(`{"a":` + strings.Repeat("[", 10000) + strings.Repeat("]", 10000) + `}`)
	d = NewDecoder(doc, "d")
	_ = d.ObjectStart()
	_, _, _ = d.NextKey()
	wantErr(t, d.Skip(), "d.a: nesting deeper than 10000")
}
