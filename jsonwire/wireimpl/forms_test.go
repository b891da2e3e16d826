package wireimpl

import (
	"fmt"
	"strings"
	"testing"

	"github.com/eventbind/eventbind/jsonwire"
)

// Every accepted form decodes to the Go value and re-encodes to the bytes it
// came as; a form that was not accepted is the declared reader's error.
func TestFormsRoundTrip(t *testing.T) {
	type read func(d *Decoder) (any, jsonwire.Form, error)
	type write func(b []byte, v any, f jsonwire.Form) []byte
	boolR := func(a Accept) read {
		return func(d *Decoder) (any, jsonwire.Form, error) { return d.BoolAs(a) }
	}
	boolW := func(b []byte, v any, f jsonwire.Form) []byte { return AppendBoolAs(b, v.(bool), f) }
	intR := func(a Accept) read {
		return func(d *Decoder) (any, jsonwire.Form, error) { v, f, err := d.Int64As(a); return v, f, err }
	}
	int32R := func(a Accept) read {
		return func(d *Decoder) (any, jsonwire.Form, error) { v, f, err := d.IntAs(a); return int64(v), f, err }
	}
	intW := func(b []byte, v any, f jsonwire.Form) []byte { return AppendIntAs(b, v.(int64), f) }
	floatR := func(a Accept) read {
		return func(d *Decoder) (any, jsonwire.Form, error) { return d.Float64As(a) }
	}
	floatW := func(b []byte, v any, f jsonwire.Form) []byte { return AppendFloatAs(b, v.(float64), f) }
	strR := func(a Accept) read {
		return func(d *Decoder) (any, jsonwire.Form, error) { return d.StringAs(a) }
	}
	strW := func(b []byte, v any, f jsonwire.Form) []byte { return AppendStringAs(b, v.(string), f) }

	all := AcceptNumber | AcceptString | AcceptBool | AcceptNull | AcceptEmptyArray | AcceptJSON | AcceptEmptyString
	cases := []struct {
		in   string
		r    read
		w    write
		want any
		form jsonwire.Form
		err  string
	}{
		{`true`, boolR(0), boolW, true, jsonwire.AsDeclared, ""},
		{`1`, boolR(AcceptNumber), boolW, true, jsonwire.AsNumber, ""},
		{`0`, boolR(AcceptNumber), boolW, false, jsonwire.AsNumber, ""},
		{`"true"`, boolR(AcceptString), boolW, true, jsonwire.AsString, ""},
		{`"false"`, boolR(AcceptString), boolW, false, jsonwire.AsString, ""},
		{`"1"`, boolR(AcceptString), boolW, true, jsonwire.AsNumericString, ""},
		{`"0"`, boolR(AcceptString), boolW, false, jsonwire.AsNumericString, ""},
		{`1`, boolR(AcceptString), nil, nil, 0, "want boolean, got number"},
		{`2`, boolR(AcceptNumber), nil, nil, 0, "want boolean or 0/1, got 2"},
		{`1.0`, boolR(AcceptNumber), nil, nil, 0, "want boolean or 0/1, got 1.0"},
		{`"yes"`, boolR(AcceptString), nil, nil, 0, `want boolean, got string "yes"`},
		{`"1"`, boolR(AcceptNumber), nil, nil, 0, "want boolean, got string"},
		{`null`, boolR(all), nil, nil, 0, "want boolean, got null"},

		{`12`, intR(0), intW, int64(12), jsonwire.AsDeclared, ""},
		{`"12"`, intR(AcceptString), intW, int64(12), jsonwire.AsString, ""},
		{`"-7"`, intR(AcceptString), intW, int64(-7), jsonwire.AsString, ""},
		{`true`, intR(AcceptBool), intW, int64(1), jsonwire.AsBool, ""},
		{`false`, intR(AcceptBool), intW, int64(0), jsonwire.AsBool, ""},
		{`"007"`, intR(AcceptString), nil, nil, 0, `want integer, got string "007"`},
		{`"+7"`, intR(AcceptString), nil, nil, 0, `want integer, got string "+7"`},
		{`"1.5"`, intR(AcceptString), nil, nil, 0, `want integer, got string "1.5"`},
		{`"99999999999999999999"`, intR(AcceptString), nil, nil, 0, "want integer, got string"},
		{`"3000000000"`, int32R(AcceptString), intW, int64(3000000000), jsonwire.AsString, ""},
		{`"12"`, intR(AcceptBool), nil, nil, 0, "want number, got string"},
		{`true`, intR(AcceptString), nil, nil, 0, "want number, got boolean"},

		{`1.5`, floatR(0), floatW, 1.5, jsonwire.AsDeclared, ""},
		{`"1.5"`, floatR(AcceptString), floatW, 1.5, jsonwire.AsString, ""},
		{`"1.50"`, floatR(AcceptString), nil, nil, 0, `want number, got string "1.50"`},
		{`"x"`, floatR(AcceptString), nil, nil, 0, `want number, got string "x"`},

		{`"abc"`, strR(0), strW, "abc", jsonwire.AsDeclared, ""},
		{`1234567890123456789`, strR(AcceptNumber), strW, "1234567890123456789", jsonwire.AsNumber, ""},
		{`-1.5e3`, strR(AcceptNumber), strW, "-1.5e3", jsonwire.AsNumber, ""},
		{`null`, strR(AcceptNull), strW, "", jsonwire.AsNull, ""},
		{`12`, strR(AcceptNull), nil, nil, 0, "want string, got number"},
		{`null`, strR(AcceptNumber), nil, nil, 0, "want string, got null"},
		{`-x`, strR(AcceptNumber), nil, nil, 0, "invalid character"},

		// json: any other value, kept as its text; number and null keep
		// their own forms when they are accepted too.
		{`{"type":"item","data":{"item_id":10001}}`, strR(AcceptJSON), strW, `{"type":"item","data":{"item_id":10001}}`, jsonwire.AsJSON, ""},
		{`{ "a" : [1, 2] }`, strR(AcceptJSON), strW, `{ "a" : [1, 2] }`, jsonwire.AsJSON, ""},
		{`[]`, strR(AcceptJSON), strW, `[]`, jsonwire.AsJSON, ""},
		{`true`, strR(AcceptJSON), strW, `true`, jsonwire.AsJSON, ""},
		{`12`, strR(AcceptJSON), strW, `12`, jsonwire.AsJSON, ""},
		{`null`, strR(AcceptJSON), strW, `null`, jsonwire.AsJSON, ""},
		{`12`, strR(AcceptJSON | AcceptNumber), strW, `12`, jsonwire.AsNumber, ""},
		{`null`, strR(AcceptJSON | AcceptNull), strW, ``, jsonwire.AsNull, ""},
		{`"{\"a\":1}"`, strR(AcceptJSON), strW, `{"a":1}`, jsonwire.AsDeclared, ""},
		{`{"a":}`, strR(AcceptJSON), nil, nil, 0, "invalid character"},
		{`{}`, strR(AcceptNumber), nil, nil, 0, "want string, got object"},
	}
	for _, c := range cases {
		t.Run(c.in, func(t *testing.T) {
			d := NewDecoder([]byte(c.in), "x")
			v, f, err := c.r(d)
			if c.err != "" {
				if err == nil || !strings.Contains(err.Error(), c.err) {
					t.Fatalf("err = %v, want %q", err, c.err)
				}
				if e, ok := err.(*jsonwire.Error); !ok || e.Path != "x" {
					t.Fatalf("err %#v: want a *Error at path x", err)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if v != c.want || f != c.form {
				t.Fatalf("got %v (%v), want %v (%v)", v, f, c.want, c.form)
			}
			if err := d.End(); err != nil {
				t.Fatalf("did not consume the value: %v", err)
			}
			if out := string(c.w(nil, v, f)); out != c.in {
				t.Fatalf("re-encoded %s, want %s", out, c.in)
			}
		})
	}
}

// A value changed after decoding goes out in the declared form when the
// form it came in cannot hold it.
func TestFormsChangedValues(t *testing.T) {
	for _, c := range []struct{ got, want string }{
		{string(AppendIntAs(nil, 5, jsonwire.AsBool)), `5`},
		{string(AppendStringAs(nil, "abc", jsonwire.AsNumber)), `"abc"`},
		{string(AppendStringAs(nil, "x", jsonwire.AsNull)), `"x"`},
		{string(AppendStringAs(nil, "", jsonwire.AsNumber)), `""`},
		{string(AppendEmptyAs(nil, jsonwire.AsEmptyArray)), `[]`},
		{string(AppendEmptyAs(nil, jsonwire.AsNull)), `null`},
		{string(AppendEmptyAs(nil, jsonwire.AsEmptyString)), `""`},
		{string(AppendStringAs(nil, "changed", jsonwire.AsJSON)), `"changed"`},
		{string(AppendStringAs(nil, `{"a":1`, jsonwire.AsJSON)), `"{\"a\":1"`},
		{string(AppendStringAs(nil, ` {}`, jsonwire.AsJSON)), `" {}"`},
		{string(AppendStringAs(nil, `{} `, jsonwire.AsJSON)), `"{} "`},
		{string(AppendStringAs(nil, `"x"`, jsonwire.AsJSON)), `"\"x\""`},
		{string(AppendStringAs(nil, ``, jsonwire.AsJSON)), `""`},
		{string(AppendStringAs(nil, `{"b":[]}`, jsonwire.AsJSON)), `{"b":[]}`},
	} {
		if c.got != c.want {
			t.Errorf("got %s, want %s", c.got, c.want)
		}
	}
}

func TestEmptyAs(t *testing.T) {
	for _, c := range []struct {
		in      string
		a       Accept
		form    jsonwire.Form
		ok      bool
		restPos int
	}{
		{`[]`, AcceptEmptyArray, jsonwire.AsEmptyArray, true, 2},
		{`[ ]`, AcceptEmptyArray, jsonwire.AsEmptyArray, true, 3},
		{` [ ] `, AcceptEmptyArray, jsonwire.AsEmptyArray, true, 4},
		{`null`, AcceptNull, jsonwire.AsNull, true, 4},
		{`null`, AcceptEmptyArray, jsonwire.AsDeclared, false, 0},
		{`[]`, AcceptNull, jsonwire.AsDeclared, false, 0},
		{`[1]`, AcceptEmptyArray, jsonwire.AsDeclared, false, 0},
		{`{}`, AcceptEmptyArray | AcceptNull, jsonwire.AsDeclared, false, 0},
		{`[`, AcceptEmptyArray, jsonwire.AsDeclared, false, 0},
		{`""`, AcceptEmptyString, jsonwire.AsEmptyString, true, 2},
		{` "" `, AcceptEmptyString, jsonwire.AsEmptyString, true, 3},
		{`""`, AcceptEmptyArray | AcceptNull, jsonwire.AsDeclared, false, 0},
		{`"x"`, AcceptEmptyString, jsonwire.AsDeclared, false, 0},
		{`"`, AcceptEmptyString, jsonwire.AsDeclared, false, 0},
	} {
		d := NewDecoder([]byte(c.in), "")
		f, ok := d.EmptyAs(c.a)
		if f != c.form || ok != c.ok || (ok && d.Offset() != c.restPos) {
			t.Errorf("%q: got %v %v at %d, want %v %v at %d", c.in, f, ok, d.Offset(), c.form, c.ok, c.restPos)
		}
	}
}

func TestFormsWith(t *testing.T) {
	var fs Forms
	if fs = fs.With(3, jsonwire.AsDeclared); fs != nil {
		t.Fatalf("declared form allocated: %v", fs)
	}
	fs = fs.With(2, jsonwire.AsNumber)
	if got := fmt.Sprint(fs.At(0), fs.At(2), fs.At(9)); got != "declared number declared" {
		t.Fatal(got)
	}
}
