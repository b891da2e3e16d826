package wireimpl

import (
	"encoding/json"
	"strings"
	"testing"

	"github.com/eventbind/eventbind/jsonwire"
)

func TestKindString(t *testing.T) {
	want := map[Kind]string{
		KindInvalid: "invalid", KindNull: "null", KindBool: "boolean", KindNumber: "number",
		KindString: "string", KindArray: "array", KindObject: "object", Kind(42): "Kind(42)",
	}
	for k, s := range want {
		if k.String() != s {
			t.Errorf("Kind(%d).String() = %q, want %q", k, k.String(), s)
		}
	}
}

func TestKind(t *testing.T) {
	tests := []struct {
		in   string
		want Kind
		off  int
	}{
		{"", KindInvalid, 0},
		{"   ", KindInvalid, 3},
		{" \t\r\n{", KindObject, 4},
		{"[", KindArray, 0},
		{`"x"`, KindString, 0},
		{"true", KindBool, 0},
		{"f", KindBool, 0},
		{"null", KindNull, 0},
		{"-1", KindNumber, 0},
		{"0", KindNumber, 0},
		{"9", KindNumber, 0},
		{"+1", KindInvalid, 0},
		{"x", KindInvalid, 0},
		{"\v1", KindInvalid, 0}, // vertical tab is not JSON whitespace
		{"\u00a01", KindInvalid, 0},
	}
	for _, tt := range tests {
		d := NewDecoder([]byte(tt.in), "")
		if got := d.Kind(); got != tt.want || d.Offset() != tt.off {
			t.Errorf("Kind(%q) = %v at %d, want %v at %d", tt.in, got, d.Offset(), tt.want, tt.off)
		}
		// Kind must not consume the value.
		if got := d.Kind(); got != tt.want {
			t.Errorf("second Kind(%q) = %v", tt.in, got)
		}
	}
}

func TestIsNull(t *testing.T) {
	tests := []struct {
		in   string
		want bool
		off  int
	}{
		{"null", true, 4},
		{"  null ", true, 6},
		{"nul", false, 0},
		{"nulL", false, 0},
		{"1", false, 0},
		{"", false, 0},
		{`"null"`, false, 0},
	}
	for _, tt := range tests {
		d := NewDecoder([]byte(tt.in), "")
		if got := d.IsNull(); got != tt.want || d.Offset() != tt.off {
			t.Errorf("IsNull(%q) = %v at %d, want %v at %d", tt.in, got, d.Offset(), tt.want, tt.off)
		}
	}
	// A non-null value is left for the caller.
	d := NewDecoder([]byte(` "x"`), "d")
	if d.IsNull() {
		t.Fatal("IsNull on a string")
	}
	if s, err := d.String(); err != nil || s != "x" {
		t.Fatalf("String after IsNull = %q, %v", s, err)
	}
}

// event mimics what generated code does for a small KOOK-like schema, so the
// error paths can be checked at every depth.
type user struct {
	ID     string
	Online bool
}

func decodeUser(d *Decoder, u *user) error {
	if err := d.ObjectStart(); err != nil {
		return err
	}
	var haveID bool
	for {
		k, more, err := d.NextKey()
		if err != nil {
			return err
		}
		if !more {
			break
		}
		switch string(k) {
		case "id":
			haveID = true
			if u.ID, err = d.String(); err != nil {
				return err
			}
		case "online":
			if u.Online, err = d.Bool(); err != nil {
				return err
			}
		default:
			if err := d.UnknownField(nil, k); err != nil {
				return err
			}
		}
	}
	if !haveID {
		return d.Missing("id")
	}
	return nil
}

type permUser struct {
	User  user
	Allow int
}

type body struct {
	JoinedAt int64
	Perms    []permUser
	Unknown  jsonwire.Unknown
}

func decodeBody(d *Decoder, b *body) error {
	if err := d.ObjectStart(); err != nil {
		return err
	}
	for {
		k, more, err := d.NextKey()
		if err != nil {
			return err
		}
		if !more {
			return nil
		}
		switch string(k) {
		case "joined_at":
			if b.JoinedAt, err = d.Int64(); err != nil {
				return err
			}
		case "permission_users":
			if d.IsNull() {
				continue
			}
			if err := d.ArrayStart(); err != nil {
				return err
			}
			for {
				more, err := d.NextElem()
				if err != nil {
					return err
				}
				if !more {
					break
				}
				var p permUser
				if err := d.ObjectStart(); err != nil {
					return err
				}
				for {
					k, more, err := d.NextKey()
					if err != nil {
						return err
					}
					if !more {
						break
					}
					switch string(k) {
					case "user":
						if err := decodeUser(d, &p.User); err != nil {
							return err
						}
					case "allow":
						if p.Allow, err = d.Int(); err != nil {
							return err
						}
					default:
						if err := d.Skip(); err != nil {
							return err
						}
					}
				}
				b.Perms = append(b.Perms, p)
			}
		default:
			if err := d.UnknownField(&b.Unknown, k); err != nil {
				return err
			}
		}
	}
}

func decodeEvent(d *Decoder, b *body) error {
	if err := d.ObjectStart(); err != nil {
		return err
	}
	for {
		k, more, err := d.NextKey()
		if err != nil {
			return err
		}
		if !more {
			return d.End()
		}
		if string(k) != "extra" {
			if err := d.Skip(); err != nil {
				return err
			}
			continue
		}
		if err := d.ObjectStart(); err != nil {
			return err
		}
		for {
			k, more, err := d.NextKey()
			if err != nil {
				return err
			}
			if !more {
				break
			}
			if string(k) == "body" {
				if err := decodeBody(d, b); err != nil {
					return err
				}
			} else if err := d.Skip(); err != nil {
				return err
			}
		}
	}
}

func TestDecodeEventPaths(t *testing.T) {
	const ok = `{"type":255,"extra":{"type":"x","body":{"joined_at":1700000000000,
		"permission_users":[{"user":{"id":"1","online":true},"allow":1},
		{"user":{"id":"2","online":false}},
		{"user":{"id":"3","online":true,"extra":[1,{"a":null}]},"allow":7,"deny":0}],
		"new_field":{"x":[1,2]},"z":"\u00e9"}}}`
	var b body
	d := NewDecoder([]byte(ok), "d")
	d.ReportUnknown = true
	if err := decodeEvent(d, &b); err != nil {
		t.Fatal(err)
	}
	if b.JoinedAt != 1700000000000 || len(b.Perms) != 3 || b.Perms[2].User.ID != "3" || b.Perms[2].Allow != 7 || !b.Perms[0].User.Online {
		t.Fatalf("decoded %+v", b)
	}
	if got := string(AppendUnknown([]byte("{"), b.Unknown)); got != `{"new_field":{"x":[1,2]},"z":"\u00e9"` {
		t.Fatalf("unknown = %s", got)
	}
	wantPaths := []string{"d.extra.body.permission_users[2].user.extra", "d.extra.body.new_field", "d.extra.body.z"}
	if got := d.UnknownPaths(); strings.Join(got, "|") != strings.Join(wantPaths, "|") {
		t.Fatalf("unknown paths %q, want %q", got, wantPaths)
	}

	tests := []struct {
		name, in, want string
	}{
		{"bool as string", `{"extra":{"body":{"permission_users":[{"user":{"id":"1"}},{"user":{"id":"2"}},{"user":{"id":"3","online":"yes"}}]}}}`,
			"d.extra.body.permission_users[2].user.online: want boolean, got string"},
		{"number as string", `{"extra":{"body":{"joined_at":"1"}}}`,
			"d.extra.body.joined_at: want number, got string"},
		{"missing id", `{"extra":{"body":{"permission_users":[{"user":{"id":"1"}},{"user":{"online":true}}]}}}`,
			"d.extra.body.permission_users[1].user.id: required field missing"},
		{"missing id empty object", `{"extra":{"body":{"permission_users":[{"user":{}}]}}}`,
			"d.extra.body.permission_users[0].user.id: required field missing"},
		{"fraction", `{"extra":{"body":{"permission_users":[{"user":{"id":"1"},"allow":1.5}]}}}`,
			"d.extra.body.permission_users[0].allow: want integer, got 1.5"},
		{"array wanted", `{"extra":{"body":{"permission_users":{}}}}`,
			"d.extra.body.permission_users: want array, got object"},
		{"object wanted in array", `{"extra":{"body":{"permission_users":[{"user":{"id":"1"}}, 5]}}}`,
			"d.extra.body.permission_users[1]: want object, got number"},
		{"object wanted", `{"extra":[]}`, "d.extra: want object, got array"},
		{"top object wanted", `"x"`, "d: want object, got string"},
		{"syntax in array", `{"extra":{"body":{"permission_users":[{"user":{"id":"1"}} {}]}}}`,
			"d.extra.body.permission_users: invalid character '{' after array element"},
		{"syntax after member", `{"extra":{"body":{"joined_at":1 "x":2}}}`,
			"d.extra.body: invalid character '\"' after object key:value pair"},
		{"syntax in unknown", `{"extra":{"body":{"new":[1,2,}}}`,
			"d.extra.body.new: invalid character '}' looking for a value"},
		{"bad key", `{"extra":{"body":{"joined_at":1,}}}`,
			"d.extra.body: invalid character '}' looking for beginning of object key string"},
		{"missing colon", `{"extra":{"body":{"joined_at" 1}}}`,
			"d.extra.body.joined_at: invalid character '1' after object key"},
		{"truncated", `{"extra":{"body":{"permission_users":[{"user":{"id":"1`,
			"d.extra.body.permission_users[0].user.id: unexpected end of input"},
		{"truncated after comma", `{"extra":{"body":{"permission_users":[{"user":{"id":"1"}},`,
			"d.extra.body.permission_users[1]: unexpected end of input"},
		{"trailing data", `{"extra":{}} x`, "offset 13: unexpected data after the top-level value"},
		{"empty", ``, "d: unexpected end of input"},
		{"overflow", `{"extra":{"body":{"joined_at":99999999999999999999}}}`,
			"d.extra.body.joined_at: integer out of range: 99999999999999999999"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var b body
			err := decodeEvent(NewDecoder([]byte(tt.in), "d"), &b)
			wantErr(t, err, tt.want)
		})
	}
}

func TestPathEmptyRoot(t *testing.T) {
	d := NewDecoder([]byte(`{"a":[{"b":{"c":1}}]}`), "")
	steps := []struct {
		do   func() error
		path string
	}{
		{d.ObjectStart, ""},
		{func() error { _, _, err := d.NextKey(); return err }, "a"},
		{d.ArrayStart, "a"},
		{func() error { _, err := d.NextElem(); return err }, "a[0]"},
		{d.ObjectStart, "a[0]"},
		{func() error { _, _, err := d.NextKey(); return err }, "a[0].b"},
		{d.ObjectStart, "a[0].b"},
		{func() error { _, _, err := d.NextKey(); return err }, "a[0].b.c"},
		{func() error { _, err := d.Int(); return err }, "a[0].b.c"},
		{func() error { _, _, err := d.NextKey(); return err }, "a[0].b"}, // '}' of b
		{func() error { _, _, err := d.NextKey(); return err }, "a[0]"},   // '}' of a[0]
		{func() error { _, err := d.NextElem(); return err }, "a"},        // ']'
		{func() error { _, _, err := d.NextKey(); return err }, ""},       // '}'
		{d.End, ""},
	}
	for i, s := range steps {
		if err := s.do(); err != nil {
			t.Fatalf("step %d: %v", i, err)
		}
		if got := d.Path(); got != s.path {
			t.Fatalf("step %d: path %q, want %q", i, got, s.path)
		}
	}
	// Array at the root with an empty root path.
	d = NewDecoder([]byte(`[1, "x"]`), "")
	_ = d.ArrayStart()
	_, _ = d.NextElem()
	_, _ = d.Int()
	_, _ = d.NextElem()
	_, err := d.Int()
	wantErr(t, err, "[1]: want number, got string")
}

func TestMissing(t *testing.T) {
	tests := []struct {
		in, root, want string
	}{
		{`{}`, "", "id: required field missing"},
		{`{"a":1}`, "d", "d.id: required field missing"},
		{`{"x":{"y":{}}}`, "d", "d.x.y.id: required field missing"},
		{`{"x":[{},{}]}`, "", "x[1].id: required field missing"},
		{`[{"a":[]}]`, "d", "d[0].id: required field missing"},
	}
	for _, tt := range tests {
		d := NewDecoder([]byte(tt.in), tt.root)
		var err error
		// Walk down the first member/element chain to the innermost object,
		// then close it and report.
		var rec func() error
		rec = func() error {
			switch d.Kind() {
			case KindObject:
				_ = d.ObjectStart()
				var last error
				for {
					_, more, err := d.NextKey()
					if err != nil {
						return err
					}
					if !more {
						if last == nil {
							last = d.Missing("id")
						}
						return last
					}
					if k := d.Kind(); k == KindObject || k == KindArray {
						last = rec()
					} else if err := d.Skip(); err != nil {
						return err
					}
				}
			case KindArray:
				_ = d.ArrayStart()
				var last error
				for {
					more, err := d.NextElem()
					if err != nil {
						return err
					}
					if !more {
						return last
					}
					last = rec()
				}
			}
			return d.Skip()
		}
		err = rec()
		wantErr(t, err, tt.want)
	}
}

func TestMisuse(t *testing.T) {
	// Calling the container methods in the wrong state is a bug in the
	// caller, but it must still be an error, not a panic.
	d := NewDecoder([]byte(`[1]`), "d")
	_, _, err := d.NextKey()
	wantErr(t, err, "d: NextKey called outside an object")
	_, err = d.NextElem()
	wantErr(t, err, "d: NextElem called outside an array")
	_ = d.ArrayStart()
	_, _, err = d.NextKey()
	wantErr(t, err, "d: NextKey called outside an object")
	d = NewDecoder([]byte(`{}`), "d")
	_ = d.ObjectStart()
	_, err = d.NextElem()
	wantErr(t, err, "d: NextElem called outside an array")
}

func TestNextKeyEscapes(t *testing.T) {
	d := NewDecoder([]byte(`{"a\"b":"\u00e9\ud83d\ude00", "\u0074ype" : 1 , "plain":2}`), "d")
	if err := d.ObjectStart(); err != nil {
		t.Fatal(err)
	}
	k, ok, err := d.NextKey()
	if err != nil || !ok || string(k) != `a"b` {
		t.Fatalf("key %q %v %v", k, ok, err)
	}
	// The value uses the scratch buffer; the path must keep the key.
	if s, err := d.String(); err != nil || s != "é😀" {
		t.Fatalf("value %q %v", s, err)
	}
	if d.Path() != `d.a"b` {
		t.Fatalf("path %q", d.Path())
	}
	k, ok, err = d.NextKey()
	if err != nil || !ok || string(k) != "type" {
		t.Fatalf("key %q %v %v", k, ok, err)
	}
	_, err = d.String()
	wantErr(t, err, "d.type: want string, got number")
}

func TestSyntaxErrors(t *testing.T) {
	// Each input is decoded with walk; the error text and offset are checked.
	tests := []struct {
		in   string
		want string
		off  int
	}{
		{``, "offset 0: unexpected end of input", 0},
		{`   `, "offset 3: unexpected end of input", 3},
		{`x`, "offset 0: invalid character 'x' looking for a value", 0},
		{`{`, "offset 1: unexpected end of input", 1},
		{`{"a"`, "a: unexpected end of input", 4},
		{`{"a":`, "a: unexpected end of input", 5},
		{`{"a":1`, "offset 6: unexpected end of input", 6},
		{`{"a":1,`, "offset 7: unexpected end of input", 7},
		{`{a:1}`, "offset 1: invalid character 'a' looking for beginning of object key string", 1},
		{`{"a":1,}`, "offset 7: invalid character '}' looking for beginning of object key string", 7},
		{`{"a" 1}`, "a: invalid character '1' after object key", 5},
		{`{"a":1 2}`, "offset 7: invalid character '2' after object key:value pair", 7},
		{`[`, "offset 1: unexpected end of input", 1},
		{`[1`, "offset 2: unexpected end of input", 2},
		{`[1,`, "[1]: unexpected end of input", 3},
		{`[1,]`, "[1]: invalid character ']' looking for a value", 3},
		{`[,]`, "[0]: invalid character ',' looking for a value", 1},
		{`[1 2]`, "offset 3: invalid character '2' after array element", 3},
		{`[1}`, "offset 2: invalid character '}' after array element", 2},
		{`{"a":1]`, "offset 6: invalid character ']' after object key:value pair", 6},
		{`tru`, "offset 3: unexpected end of input", 3},
		{`trUe`, "offset 2: invalid character 'U' in literal true (expecting 'u')", 2},
		{`fals`, "offset 4: unexpected end of input", 4},
		{`falsy`, "offset 4: invalid character 'y' in literal false (expecting 'e')", 4},
		{`nul`, "offset 3: unexpected end of input", 3},
		{`nulL`, "offset 3: invalid character 'L' in literal null (expecting 'l')", 3},
		{`-`, "offset 1: unexpected end of input", 1},
		{`-x`, "offset 1: invalid character 'x' in numeric literal", 1},
		{`+1`, "offset 0: invalid character '+' looking for a value", 0},
		{`.5`, "offset 0: invalid character '.' looking for a value", 0},
		{`1.`, "offset 2: unexpected end of input", 2},
		{`1.x`, "offset 2: invalid character 'x' after decimal point in numeric literal", 2},
		{`1e`, "offset 2: unexpected end of input", 2},
		{`1e+`, "offset 3: unexpected end of input", 3},
		{`1ex`, "offset 2: invalid character 'x' in exponent of numeric literal", 2},
		{`01`, "offset 1: unexpected data after the top-level value", 1},
		{`"abc`, "offset 4: unexpected end of input", 4},
		{`"a` + "\n" + `"`, `offset 2: invalid character '\n' in string literal`, 2},
		{"\"a\x00\"", `offset 2: invalid character '\x00' in string literal`, 2},
		{`"\x"`, "offset 2: invalid character 'x' in string escape code", 2},
		{`"\`, "offset 2: unexpected end of input", 2},
		{`"\u12`, "offset 5: unexpected end of input", 5},
		{`"\u12g4"`, `offset 5: invalid character 'g' in \u hexadecimal character escape`, 5},
		{`"\ud83d\u12"`, `offset 11: invalid character '"' in \u hexadecimal character escape`, 11},
		{"\xff", `offset 0: invalid character '\xff' looking for a value`, 0},
		{"é", `offset 0: invalid character 'é' looking for a value`, 0},
		{`{"a":{"b":[1,{"c":tx}]}}`, "a.b[1].c: invalid character 'x' in literal true (expecting 'r')", 19},
		{`1 2`, "offset 2: unexpected data after the top-level value", 2},
		{"\v1", `offset 0: invalid character '\v' looking for a value`, 0},
	}
	for _, tt := range tests {
		d := NewDecoder([]byte(tt.in), "")
		_, err := walk(d)
		if err == nil {
			err = d.End()
		}
		wantErr(t, err, tt.want)
		if e := asError(t, err); e.Offset != tt.off {
			t.Errorf("%q: offset %d, want %d", tt.in, e.Offset, tt.off)
		}
		// Skip must report the same message (its path is the root) and
		// offset.
		d = NewDecoder([]byte(tt.in), "")
		err = d.Skip()
		if err == nil {
			err = d.End()
		}
		e := asError(t, err)
		if e.Offset != tt.off || e.Msg != asError(t, mustErr(walkAll(tt.in))).Msg {
			t.Errorf("%q: Skip error %v at %d, walk error %q at %d", tt.in, err, e.Offset, tt.want, tt.off)
		}
	}
}

func walkAll(s string) error {
	d := NewDecoder([]byte(s), "")
	_, err := walk(d)
	if err == nil {
		err = d.End()
	}
	return err
}

func mustErr(err error) error {
	if err == nil {
		panic("no error")
	}
	return err
}

func TestTruncatedEverywhere(t *testing.T) {
	// Every proper prefix of a valid document is an error (never a panic),
	// both for the typed walk and for Skip.
	const doc = ` {"s":"a\"\\\/\b\f\n\r\t\u00e9\ud83d\ude00é","n":[-0.5e+10,0,12,1E-2,true,false,null],"o":{"":{}},"a":[[],[{}]]} `
	for i := 0; i < len(doc); i++ {
		in := []byte(doc[:i])
		if strings.TrimSpace(doc[:i]) == strings.TrimSpace(doc) {
			continue
		}
		d := NewDecoder(in, "d")
		if _, err := walk(d); err == nil {
			t.Errorf("walk accepted prefix %q", in)
		} else {
			asError(t, err)
		}
		d = NewDecoder(in, "d")
		if err := d.Skip(); err == nil {
			t.Errorf("Skip accepted prefix %q", in)
		} else {
			asError(t, err)
		}
		// Lookup does not read past the value it finds, so it may succeed
		// on a prefix; it must not panic, and its errors are *Error.
		if _, _, err := Lookup(in, "a"); err != nil {
			asError(t, err)
		}
	}
	d := NewDecoder([]byte(doc), "d")
	if _, err := walk(d); err != nil {
		t.Fatal(err)
	}
	if err := d.End(); err != nil {
		t.Fatal(err)
	}
}

func TestMaxDepth(t *testing.T) {
	deep := strings.Repeat("[", 100000)
	d := NewDecoder([]byte(deep), "d")
	_, err := walk(d)
	if e := asError(t, err); e.Offset != 10000 || e.Msg != "nesting deeper than 10000" || e.Path != "d"+strings.Repeat("[0]", 10000) {
		t.Errorf("walk: offset %d, msg %q, path of %d bytes", e.Offset, e.Msg, len(e.Path))
	}

	// Exactly the limit is fine.
	ok := strings.Repeat("[", 10000) + strings.Repeat("]", 10000)
	d = NewDecoder([]byte(ok), "d")
	if _, err := walk(d); err != nil {
		t.Fatal(err)
	}

	// A custom limit counts the Decoder's own levels together with Skip's.
	d = NewDecoder([]byte(`{"a":[[[1]]]}`), "d")
	d.MaxDepth = 3
	_ = d.ObjectStart()
	_, _, _ = d.NextKey()
	err = d.Skip()
	wantErr(t, err, "d.a: nesting deeper than 3")
	d = NewDecoder([]byte(`{"a":[[1]]}`), "d")
	d.MaxDepth = 3
	_ = d.ObjectStart()
	_, _, _ = d.NextKey()
	if err := d.Skip(); err != nil {
		t.Fatal(err)
	}
	d = NewDecoder([]byte(`[[{}]]`), "")
	d.MaxDepth = 2
	_ = d.ArrayStart()
	_, _ = d.NextElem()
	_ = d.ArrayStart()
	_, _ = d.NextElem()
	wantErr(t, d.ObjectStart(), "[0][0]: nesting deeper than 2")
}

func TestReset(t *testing.T) {
	d := NewDecoder([]byte(`{"x":{"y":1}}`), "d")
	d.ReportUnknown = true
	d.MaxDepth = 50
	_ = d.ObjectStart()
	k, _, _ := d.NextKey()
	var u jsonwire.Unknown
	if err := d.UnknownField(&u, k); err != nil {
		t.Fatal(err)
	}
	old := d.UnknownPaths()
	d.Reset(`[true]`, "e")
	if len(d.UnknownPaths()) != 0 || !d.ReportUnknown || d.MaxDepth != 50 || d.Offset() != 0 || d.Path() != "e" {
		t.Fatalf("after Reset: %q %v %d %d %q", d.UnknownPaths(), d.ReportUnknown, d.MaxDepth, d.Offset(), d.Path())
	}
	if len(old) != 1 || old[0] != "d.x" {
		t.Fatalf("old paths changed: %q", old)
	}
	_ = d.ArrayStart()
	_, _ = d.NextElem()
	_, err := d.String()
	wantErr(t, err, "e[0]: want string, got boolean")
}

func TestNoAllocSteadyState(t *testing.T) {
	// No key has an escape: those are unescaped into a string of their own.
	doc := `{"type":1,"extra":{"a":[1,2,{"k":"v"}],"b":true,"c":null,"dA":-1.5e3,"s":"x\ny"}}`
	d := NewDecoderString(doc, "d")
	run := func() {
		d.Reset(doc, "d")
		var rec func() error
		rec = func() error {
			switch d.Kind() {
			case KindObject:
				_ = d.ObjectStart()
				for {
					_, more, err := d.NextKey()
					if err != nil || !more {
						return err
					}
					if err := rec(); err != nil {
						return err
					}
				}
			case KindArray:
				_ = d.ArrayStart()
				for {
					more, err := d.NextElem()
					if err != nil || !more {
						return err
					}
					if err := rec(); err != nil {
						return err
					}
				}
			case KindNumber:
				_, err := d.Float64()
				return err
			}
			return d.Skip()
		}
		if err := rec(); err != nil {
			t.Fatal(err)
		}
	}
	run()
	if n := testing.AllocsPerRun(100, run); n != 0 {
		t.Errorf("%v allocations per decode, want 0", n)
	}
}

func TestErrorf(t *testing.T) {
	d := NewDecoder([]byte(`{"extra":{"type":300}}`), "d")
	_ = d.ObjectStart()
	_, _, _ = d.NextKey()
	_ = d.ObjectStart()
	_, _, _ = d.NextKey()
	v, _ := d.Int()
	err := d.Errorf("unknown channel type %d", v)
	wantErr(t, err, "d.extra.type: unknown channel type 300")
	if e := asError(t, err); e.Offset != 20 {
		t.Errorf("offset %d", e.Offset)
	}
	d = NewDecoder([]byte(` x`), "")
	d.Kind()
	wantErr(t, d.Errorf("bad %s", "thing"), "offset 1: bad thing")
}

// Keys read by NextKey's short-key path obey MaxString too.
func TestNextKeyStringLimit(t *testing.T) {
	d := NewDecoder([]byte(`{"abcdefghij":1,"x":2,"padding":"..........."}`), "")
	d.MaxString = 5
	if err := d.ObjectStart(); err != nil {
		t.Fatal(err)
	}
	if _, _, err := d.NextKey(); err == nil || !strings.Contains(err.Error(), "limit of 5") {
		t.Fatalf("NextKey with a 10-byte key and MaxString 5: %v", err)
	}
}

// The decoder reads the same three-byte sequences as encoding/json does
// (invalid ones become U+FFFD).
func TestDecodeThreeByteSequences(t *testing.T) {
	for _, s := range threeByteCases() {
		doc := `{"k":"` + s + `","pad":"........"}`
		var want struct{ K string }
		if err := json.Unmarshal([]byte(doc), &want); err != nil {
			t.Fatal(err)
		}
		d := NewDecoder([]byte(doc), "")
		if err := d.ObjectStart(); err != nil {
			t.Fatal(err)
		}
		if _, _, err := d.NextKey(); err != nil {
			t.Fatal(err)
		}
		got, err := d.String()
		if err != nil || got != want.K {
			t.Fatalf("String() of %q = %q, %v; encoding/json %q", s, got, err, want.K)
		}
	}
}

// Short values read by String's two-word path obey MaxString too.
func TestStringLimitShortValue(t *testing.T) {
	d := NewDecoder([]byte(`["abcdef","abc","padding............"]`), "")
	d.MaxString = 5
	if err := d.ArrayStart(); err != nil {
		t.Fatal(err)
	}
	if _, err := d.NextElem(); err != nil {
		t.Fatal(err)
	}
	if _, err := d.String(); err == nil || !strings.Contains(err.Error(), "limit of 5") {
		t.Fatalf("String of 6 bytes with MaxString 5: %v", err)
	}
}
