package jsonwire

import (
	"fmt"
	"strings"
	"testing"
)

// Every accepted form decodes to the Go value and re-encodes to the bytes it
// came as; a form that was not accepted is the declared reader's error.
func TestFormsRoundTrip(t *testing.T) {
	type read func(d *Decoder) (any, Form, error)
	type write func(b []byte, v any, f Form) []byte
	boolR := func(a Accept) read {
		return func(d *Decoder) (any, Form, error) { return d.BoolAs(a) }
	}
	boolW := func(b []byte, v any, f Form) []byte { return AppendBoolAs(b, v.(bool), f) }
	intR := func(a Accept) read {
		return func(d *Decoder) (any, Form, error) { v, f, err := d.Int64As(a); return v, f, err }
	}
	int32R := func(a Accept) read {
		return func(d *Decoder) (any, Form, error) { v, f, err := d.IntAs(a); return int64(v), f, err }
	}
	intW := func(b []byte, v any, f Form) []byte { return AppendIntAs(b, v.(int64), f) }
	floatR := func(a Accept) read {
		return func(d *Decoder) (any, Form, error) { return d.Float64As(a) }
	}
	floatW := func(b []byte, v any, f Form) []byte { return AppendFloatAs(b, v.(float64), f) }
	strR := func(a Accept) read {
		return func(d *Decoder) (any, Form, error) { return d.StringAs(a) }
	}
	strW := func(b []byte, v any, f Form) []byte { return AppendStringAs(b, v.(string), f) }

	all := AcceptNumber | AcceptString | AcceptBool | AcceptNull | AcceptEmptyArray | AcceptJSON | AcceptEmptyString
	cases := []struct {
		in   string
		r    read
		w    write
		want any
		form Form
		err  string
	}{
		{`true`, boolR(0), boolW, true, AsDeclared, ""},
		{`1`, boolR(AcceptNumber), boolW, true, AsNumber, ""},
		{`0`, boolR(AcceptNumber), boolW, false, AsNumber, ""},
		{`"true"`, boolR(AcceptString), boolW, true, AsString, ""},
		{`"false"`, boolR(AcceptString), boolW, false, AsString, ""},
		{`"1"`, boolR(AcceptString), boolW, true, AsNumericString, ""},
		{`"0"`, boolR(AcceptString), boolW, false, AsNumericString, ""},
		{`1`, boolR(AcceptString), nil, nil, 0, "want boolean, got number"},
		{`2`, boolR(AcceptNumber), nil, nil, 0, "want boolean or 0/1, got 2"},
		{`1.0`, boolR(AcceptNumber), nil, nil, 0, "want boolean or 0/1, got 1.0"},
		{`"yes"`, boolR(AcceptString), nil, nil, 0, `want boolean, got string "yes"`},
		{`"1"`, boolR(AcceptNumber), nil, nil, 0, "want boolean, got string"},
		{`null`, boolR(all), nil, nil, 0, "want boolean, got null"},

		{`12`, intR(0), intW, int64(12), AsDeclared, ""},
		{`"12"`, intR(AcceptString), intW, int64(12), AsString, ""},
		{`"-7"`, intR(AcceptString), intW, int64(-7), AsString, ""},
		{`true`, intR(AcceptBool), intW, int64(1), AsBool, ""},
		{`false`, intR(AcceptBool), intW, int64(0), AsBool, ""},
		{`"007"`, intR(AcceptString), nil, nil, 0, `want integer, got string "007"`},
		{`"+7"`, intR(AcceptString), nil, nil, 0, `want integer, got string "+7"`},
		{`"1.5"`, intR(AcceptString), nil, nil, 0, `want integer, got string "1.5"`},
		{`"99999999999999999999"`, intR(AcceptString), nil, nil, 0, "want integer, got string"},
		{`"3000000000"`, int32R(AcceptString), intW, int64(3000000000), AsString, ""},
		{`"12"`, intR(AcceptBool), nil, nil, 0, "want number, got string"},
		{`true`, intR(AcceptString), nil, nil, 0, "want number, got boolean"},

		{`1.5`, floatR(0), floatW, 1.5, AsDeclared, ""},
		{`"1.5"`, floatR(AcceptString), floatW, 1.5, AsString, ""},
		{`"1.50"`, floatR(AcceptString), nil, nil, 0, `want number, got string "1.50"`},
		{`"x"`, floatR(AcceptString), nil, nil, 0, `want number, got string "x"`},

		{`"abc"`, strR(0), strW, "abc", AsDeclared, ""},
		{`1234567890123456789`, strR(AcceptNumber), strW, "1234567890123456789", AsNumber, ""},
		{`-1.5e3`, strR(AcceptNumber), strW, "-1.5e3", AsNumber, ""},
		{`null`, strR(AcceptNull), strW, "", AsNull, ""},
		{`12`, strR(AcceptNull), nil, nil, 0, "want string, got number"},
		{`null`, strR(AcceptNumber), nil, nil, 0, "want string, got null"},
		{`-x`, strR(AcceptNumber), nil, nil, 0, "invalid character"},

		// json: any other value, kept as its text; number and null keep
		// their own forms when they are accepted too.
		{`{"type":"item","data":{"item_id":10001}}`, strR(AcceptJSON), strW, `{"type":"item","data":{"item_id":10001}}`, AsJSON, ""},
		{`{ "a" : [1, 2] }`, strR(AcceptJSON), strW, `{ "a" : [1, 2] }`, AsJSON, ""},
		{`[]`, strR(AcceptJSON), strW, `[]`, AsJSON, ""},
		{`true`, strR(AcceptJSON), strW, `true`, AsJSON, ""},
		{`12`, strR(AcceptJSON), strW, `12`, AsJSON, ""},
		{`null`, strR(AcceptJSON), strW, `null`, AsJSON, ""},
		{`12`, strR(AcceptJSON | AcceptNumber), strW, `12`, AsNumber, ""},
		{`null`, strR(AcceptJSON | AcceptNull), strW, ``, AsNull, ""},
		{`"{\"a\":1}"`, strR(AcceptJSON), strW, `{"a":1}`, AsDeclared, ""},
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
				if e, ok := err.(*Error); !ok || e.Path != "x" {
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
		{string(AppendIntAs(nil, 5, AsBool)), `5`},
		{string(AppendStringAs(nil, "abc", AsNumber)), `"abc"`},
		{string(AppendStringAs(nil, "x", AsNull)), `"x"`},
		{string(AppendStringAs(nil, "", AsNumber)), `""`},
		{string(AppendEmptyAs(nil, AsEmptyArray)), `[]`},
		{string(AppendEmptyAs(nil, AsNull)), `null`},
		{string(AppendEmptyAs(nil, AsEmptyString)), `""`},
		{string(AppendStringAs(nil, "changed", AsJSON)), `"changed"`},
		{string(AppendStringAs(nil, `{"a":1`, AsJSON)), `"{\"a\":1"`},
		{string(AppendStringAs(nil, ` {}`, AsJSON)), `" {}"`},
		{string(AppendStringAs(nil, `{} `, AsJSON)), `"{} "`},
		{string(AppendStringAs(nil, `"x"`, AsJSON)), `"\"x\""`},
		{string(AppendStringAs(nil, ``, AsJSON)), `""`},
		{string(AppendStringAs(nil, `{"b":[]}`, AsJSON)), `{"b":[]}`},
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
		form    Form
		ok      bool
		restPos int
	}{
		{`[]`, AcceptEmptyArray, AsEmptyArray, true, 2},
		{`[ ]`, AcceptEmptyArray, AsEmptyArray, true, 3},
		{` [ ] `, AcceptEmptyArray, AsEmptyArray, true, 4},
		{`null`, AcceptNull, AsNull, true, 4},
		{`null`, AcceptEmptyArray, AsDeclared, false, 0},
		{`[]`, AcceptNull, AsDeclared, false, 0},
		{`[1]`, AcceptEmptyArray, AsDeclared, false, 0},
		{`{}`, AcceptEmptyArray | AcceptNull, AsDeclared, false, 0},
		{`[`, AcceptEmptyArray, AsDeclared, false, 0},
		{`""`, AcceptEmptyString, AsEmptyString, true, 2},
		{` "" `, AcceptEmptyString, AsEmptyString, true, 3},
		{`""`, AcceptEmptyArray | AcceptNull, AsDeclared, false, 0},
		{`"x"`, AcceptEmptyString, AsDeclared, false, 0},
		{`"`, AcceptEmptyString, AsDeclared, false, 0},
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
	if fs = fs.With(3, AsDeclared); fs != nil {
		t.Fatalf("declared form allocated: %v", fs)
	}
	fs = fs.With(2, AsNumber)
	if got := fmt.Sprint(fs.At(0), fs.At(2), fs.At(9)); got != "declared number declared" {
		t.Fatal(got)
	}
}
