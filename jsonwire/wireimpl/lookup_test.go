package wireimpl

import (
	"strings"
	"testing"
)

func TestLookup(t *testing.T) {
	big := `{"x":[` + strings.Repeat(`{"type":1,"extra":{"type":"no"}},`, 1000) + `null],"s":"}\"{"}`
	tests := []struct {
		name   string
		in     string
		path   []string
		want   string
		wantOK bool
	}{
		{"top level", ` {"type":1} `, nil, `{"type":1}`, true},
		{"simple", `{"type":1,"extra":{}}`, []string{"type"}, `1`, true},
		{"nested", `{"type":1,"extra":{"type":"x","body":{}}}`, []string{"extra", "type"}, `"x"`, true},
		{"whitespace", "{ \"extra\" :\n { \"type\" : [ 1 , 2 ] } }", []string{"extra", "type"}, `[ 1 , 2 ]`, true},
		{"object value", `{"extra":{"body":{"a":[1]}}}`, []string{"extra", "body"}, `{"a":[1]}`, true},
		{"after large value", `{"d":` + big + `,"type":9}`, []string{"type"}, `9`, true},
		{"after large nested", `{"extra":{"body":` + big + `,"type":"late"}}`, []string{"extra", "type"}, `"late"`, true},
		{"escaped key", `{"\u0074ype":2}`, []string{"type"}, `2`, true},
		{"escaped key in path", `{"a\"b":{"c\\d":3}}`, []string{`a"b`, `c\d`}, `3`, true},
		{"key only in nested", `{"extra":{"type":1}}`, []string{"type"}, ``, false},
		{"absent", `{"type":1}`, []string{"extra"}, ``, false},
		{"absent nested", `{"extra":{"body":1}}`, []string{"extra", "type"}, ``, false},
		{"empty object", `{}`, []string{"type"}, ``, false},
		{"not an object", `{"extra":"s"}`, []string{"extra", "type"}, ``, false},
		{"array on the way", `{"extra":[{"type":1}]}`, []string{"extra", "type"}, ``, false},
		{"null on the way", `{"extra":null}`, []string{"extra", "type"}, ``, false},
		{"top not object", `[1]`, []string{"type"}, ``, false},
		{"last duplicate wins, as in decoding", `{"t":1,"t":2}`, []string{"t"}, `2`, true},
		{"last duplicate wins nested", `{"e":{"t":1},"e":{"t":3}}`, []string{"e", "t"}, `3`, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			v, ok, err := Lookup([]byte(tt.in), tt.path...)
			if err != nil || ok != tt.wantOK || string(v) != tt.want {
				t.Fatalf("Lookup = %q, %v, %v; want %q, %v", v, ok, err, tt.want, tt.wantOK)
			}
		})
	}

	errTests := []struct {
		name string
		in   string
		path []string
		want string
	}{
		{"empty", ``, []string{"type"}, "offset 0: unexpected end of input"},
		{"garbage", `x`, []string{"type"}, "offset 0: invalid character 'x' looking for a value"},
		{"bad skipped value", `{"a":[1,}],"type":1}`, []string{"type"}, "a: invalid character '}' looking for a value"},
		{"bad key", `{"a":1,b:2}`, []string{"type"}, "offset 7: invalid character 'b' looking for beginning of object key string"},
		{"truncated", `{"extra":{"ty`, []string{"extra", "type"}, "extra: unexpected end of input"},
		{"truncated value", `{"extra":{"type":"x`, []string{"extra", "type"}, "extra: unexpected end of input"},
		{"bad value", `{"extra":{"type":tru}}`, []string{"extra", "type"}, "extra: invalid character '}' in literal true (expecting 'e')"},
		{"rest of an object on the path is read", `{"t":1, garbage`, []string{"t"}, "offset 8: invalid character 'g' looking for beginning of object key string"},
		{"bad value on the way", `{"extra":+1}`, []string{"extra", "type"}, "extra: invalid character '+' looking for a value"},
		{"missing colon", `{"extra" {}}`, []string{"extra"}, "extra: invalid character '{' after object key"},
		{"deep", `{"a":` + strings.Repeat("[", 20000) + `}`, []string{"b"}, "a: nesting deeper than 10000"},
	}
	for _, tt := range errTests {
		t.Run(tt.name, func(t *testing.T) {
			v, ok, err := Lookup([]byte(tt.in), tt.path...)
			if ok || v != nil {
				t.Errorf("Lookup = %q, %v with error", v, ok)
			}
			wantErr(t, err, tt.want)
		})
	}
}

func TestLookupAllocs(t *testing.T) {
	doc := []byte(`{"s":1,"sn":2,"d":{"type":255,"extra":{"type":"joined_guild","body":{}}}}`)
	n := testing.AllocsPerRun(100, func() {
		if v, ok, err := Lookup(doc, "d", "extra", "type"); err != nil || !ok || string(v) != `"joined_guild"` {
			t.Fatal(v, ok, err)
		}
	})
	// The copy the Decoder reads, the level stack, and the skip stack:
	// objects on the path are read whole so that the last of duplicate keys
	// wins.
	if n > 3 {
		t.Errorf("Lookup made %v allocations", n)
	}
}

// HasMembers answers, key by key, what Lookup's ok answers.
func TestHasMembersAgreesWithLookup(t *testing.T) {
	keys := []string{"s", "d", "type", "detail_type"}
	for _, in := range []string{
		`{"s":0,"d":{"type":1}}`, `{"type":1,"detail_type":"x"}`, `{"d":1,"d":2}`,
		`{"\u0073":1}`, `{"s":0,"d":{"type":1}`, `{"s":0,"d":}`, `{"s":0} trailing`,
		`[{"s":0}]`, `"s"`, ``, `  {"type" : 1 , "s" : [1,2,{"d":3}]}  `, `{}`, `{"x":1,"detail_type":`,
		`{"s":0,"x":tru}`, `{"type":"\ud800"}`,
	} {
		got := HasMembers([]byte(in), keys...)
		for i, k := range keys {
			_, ok, _ := Lookup([]byte(in), k)
			if (got&(1<<i) != 0) != ok {
				t.Errorf("HasMembers(%q) has %q: %v; Lookup's ok: %v", in, k, got&(1<<i) != 0, ok)
			}
		}
	}
}
