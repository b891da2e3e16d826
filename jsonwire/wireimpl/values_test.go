package wireimpl

import (
	"encoding/json"
	"fmt"
	"math"
	"math/rand/v2"
	"strconv"
	"strings"
	"testing"
)

func TestString(t *testing.T) {
	tests := []struct {
		in, want string
	}{
		{`""`, ""},
		{`"abc"`, "abc"},
		{` "abc" `, "abc"},
		{`"\"\\\/\b\f\n\r\t"`, "\"\\/\b\f\n\r\t"},
		{`"\u0041\u00e9\u4E2D"`, "Aé中"},
		{`"\u0000"`, "\x00"},
		{`"\ud83d\ude00"`, "😀"},
		{`"\uD83D\uDE00x"`, "😀x"},
		{`"a\ud83dz"`, "a\ufffdz"},                 // lone high surrogate
		{`"\ude00"`, "\ufffd"},                     // lone low surrogate
		{`"\ud83d\u0041"`, "\ufffdA"},              // high surrogate, then a non-surrogate escape
		{`"\ud83d\ud83d\ude00"`, "\ufffd😀"},        // high, then a full pair
		{`"\ud83d\n"`, "\ufffd\n"},                 // high, then another escape
		{"\"中文 é\"", "中文 é"},                       // raw UTF-8 passes through
		{"\"\xff\"", "\ufffd"},                     // invalid UTF-8 is replaced
		{"\"a\xe4\xb8b\"", "a\ufffd\ufffdb"},       // truncated sequence: one U+FFFD per bad byte
		{"\"\xed\xa0\x80\"", "\ufffd\ufffd\ufffd"}, // UTF-8-encoded surrogate
		{"\"\xff\\n\"", "\ufffd\n"},
		{"\"\u2028\"", "\u2028"},
		{"\"\x7f\"", "\x7f"},
	}
	for _, tt := range tests {
		d := NewDecoder([]byte(tt.in), "d")
		got, err := d.String()
		if err != nil || got != tt.want {
			t.Errorf("String(%q) = %q, %v; want %q", tt.in, got, err, tt.want)
			continue
		}
		if err := d.End(); err != nil {
			t.Errorf("String(%q): End: %v", tt.in, err)
		}
		// Agree with encoding/json.
		var std string
		if err := json.Unmarshal([]byte(tt.in), &std); err != nil || std != got {
			t.Errorf("String(%q) = %q, encoding/json gives %q, %v", tt.in, got, std, err)
		}
	}

	errTests := []struct {
		in, want string
	}{
		{`1`, "d: want string, got number"},
		{`null`, "d: want string, got null"},
		{`{}`, "d: want string, got object"},
		{`[]`, "d: want string, got array"},
		{`true`, "d: want string, got boolean"},
		{``, "d: unexpected end of input"},
		{`'a'`, "d: invalid character '\\'' looking for a value"},
		{`"a`, "d: unexpected end of input"},
		{`"\u00`, "d: unexpected end of input"},
		{`"\ud83d\u`, "d: unexpected end of input"},
		{`"\ud83d\uzzzz"`, `d: invalid character 'z' in \u hexadecimal character escape`},
		{`"\a"`, "d: invalid character 'a' in string escape code"},
		{"\"\t\"", `d: invalid character '\t' in string literal`},
		{"\"\xff\t\"", `d: invalid character '\t' in string literal`},
	}
	for _, tt := range errTests {
		d := NewDecoder([]byte(tt.in), "d")
		_, err := d.String()
		wantErr(t, err, tt.want)
	}
}

func TestStringOffsetsAfterError(t *testing.T) {
	// A wrong kind leaves the value in place, so the offset names its start.
	d := NewDecoder([]byte(`  123`), "d")
	_, err := d.String()
	if e := asError(t, err); e.Offset != 2 || d.Offset() != 2 {
		t.Fatalf("offset %d, decoder at %d", e.Offset, d.Offset())
	}
}

func TestBool(t *testing.T) {
	tests := []struct {
		in      string
		want    bool
		wantErr string
	}{
		{"true", true, ""},
		{" false", false, ""},
		{"tru", false, "d: unexpected end of input"},
		{"trux", false, "d: invalid character 'x' in literal true (expecting 'e')"},
		{"fa", false, "d: unexpected end of input"},
		{"null", false, "d: want boolean, got null"},
		{`"true"`, false, "d: want boolean, got string"},
		{"1", false, "d: want boolean, got number"},
		{"", false, "d: unexpected end of input"},
		{"T", false, "d: invalid character 'T' looking for a value"},
	}
	for _, tt := range tests {
		d := NewDecoder([]byte(tt.in), "d")
		got, err := d.Bool()
		if tt.wantErr != "" {
			wantErr(t, err, tt.wantErr)
			continue
		}
		if err != nil || got != tt.want || d.End() != nil {
			t.Errorf("Bool(%q) = %v, %v", tt.in, got, err)
		}
	}
}

func TestInt(t *testing.T) {
	tests := []struct {
		in      string
		want    int64
		wantErr string
	}{
		{"0", 0, ""},
		{"-0", 0, ""},
		{"7", 7, ""},
		{"-42", -42, ""},
		{"1700000000000", 1700000000000, ""},
		{"9223372036854775807", math.MaxInt64, ""},
		{"-9223372036854775808", math.MinInt64, ""},
		{"9223372036854775808", 0, "d: integer out of range: 9223372036854775808"},
		{"-9223372036854775809", 0, "d: integer out of range: -9223372036854775809"},
		{"99999999999999999999", 0, "d: integer out of range: 99999999999999999999"},
		{"123456789012345678901234567890123456789", 0, "d: integer out of range: 12345678901234567890123456789012..."},
		{"1.5", 0, "d: want integer, got 1.5"},
		{"1.0", 0, "d: want integer, got 1.0"},
		{"1e99", 0, "d: integer out of range: 1e99"},
		{"-1e19", 0, "d: integer out of range: -1e19"},
		{"1e999", 0, "d: integer out of range: 1e999"},
		{"1e2", 0, "d: want integer, got 1e2"},
		{"1.5e300", 0, "d: integer out of range: 1.5e300"},
		{"1.5e-300", 0, "d: want integer, got 1.5e-300"},
		{"-2E+3", 0, "d: want integer, got -2E+3"},
		{`"1"`, 0, "d: want number, got string"},
		{"null", 0, "d: want number, got null"},
		{"true", 0, "d: want number, got boolean"},
		{"[1]", 0, "d: want number, got array"},
		{"+1", 0, "d: invalid character '+' looking for a value"},
		{"-", 0, "d: unexpected end of input"},
		{"-a", 0, "d: invalid character 'a' in numeric literal"},
		{"1.", 0, "d: unexpected end of input"},
		{"", 0, "d: unexpected end of input"},
	}
	for _, tt := range tests {
		d := NewDecoder([]byte(tt.in), "d")
		got, err := d.Int64()
		if tt.wantErr != "" {
			wantErr(t, err, tt.wantErr)
		} else if err != nil || got != tt.want || d.End() != nil {
			t.Errorf("Int64(%q) = %v, %v", tt.in, got, err)
		}

		d = NewDecoder([]byte(tt.in), "d")
		gotInt, err := d.Int()
		if strconv.IntSize == 64 {
			if tt.wantErr != "" {
				wantErr(t, err, tt.wantErr)
			} else if err != nil || int64(gotInt) != tt.want {
				t.Errorf("Int(%q) = %v, %v", tt.in, gotInt, err)
			}
		}
	}

	// Leading zeros: the number ends after the first 0, so the rest is
	// trailing data.
	d := NewDecoder([]byte("012"), "d")
	if v, err := d.Int(); err != nil || v != 0 {
		t.Fatalf("Int(012) = %v, %v", v, err)
	}
	if err := d.End(); err == nil {
		t.Fatal("End accepted 012")
	}
}

func TestFloat64(t *testing.T) {
	tests := []string{
		"0", "-0", "1", "-1", "1.5", "-0.000001", "1e10", "1E-10", "1e+2", "123456789.123456789",
		"1.7976931348623157e308", "5e-324", "1e-400", "0.1", "2.5e-7", "9007199254740993",
	}
	for _, in := range tests {
		d := NewDecoder([]byte(in), "d")
		got, err := d.Float64()
		want, _ := strconv.ParseFloat(in, 64)
		if err != nil || got != want || math.Signbit(got) != math.Signbit(want) || d.End() != nil {
			t.Errorf("Float64(%q) = %v, %v; want %v", in, got, err, want)
		}
	}
	errTests := []struct {
		in, want string
	}{
		{"1e999", "d: number out of range: 1e999"},
		{"-1e309", "d: number out of range: -1e309"},
		{`"1"`, "d: want number, got string"},
		{"01.5", ""}, // 0 then trailing data; checked below
		{"1.e5", "d: invalid character 'e' after decimal point in numeric literal"},
		{"1e", "d: unexpected end of input"},
		{"1e+", "d: unexpected end of input"},
		{"1e+x", "d: invalid character 'x' in exponent of numeric literal"},
		{".5", "d: invalid character '.' looking for a value"},
		{"Infinity", "d: invalid character 'I' looking for a value"},
		{"NaN", "d: invalid character 'N' looking for a value"},
		{"-Infinity", "d: invalid character 'I' in numeric literal"},
	}
	for _, tt := range errTests {
		d := NewDecoder([]byte(tt.in), "d")
		_, err := d.Float64()
		if tt.want == "" {
			if err == nil {
				err = d.End()
			}
			if err == nil {
				t.Errorf("Float64(%q) accepted", tt.in)
			}
			continue
		}
		wantErr(t, err, tt.want)
	}
	long := "1" + strings.Repeat("0", 400)
	d := NewDecoder([]byte(long), "d")
	_, err := d.Float64()
	wantErr(t, err, "d: number out of range: "+long[:32]+"...")
}

// exactDecimal, Float64's quick path, must give strconv's float bit for bit
// whenever it answers: on the edges of its conditions (2^53, 22 decimals,
// 19 digits, zeros and signs) and on random decimals of every length.
func TestExactDecimalMatchesStrconv(t *testing.T) {
	inputs := []string{
		"0", "-0", "0.0", "-0.000", "1", "-1", "0.1", "0.3", "1632847927.599013", "1632847927.5",
		"9007199254740992", "9007199254740993", "-9007199254740992", "900719925474099.3",
		"1.0000000000000000000001", "0.0000000000000000000001", "0.00000000000000000000001",
		"1234567890123456789", "12345678901234567890", "1e5", "1.5E-3",
		"4503599627370497.5", "0.30000000000000004", "123456.7890123456789",
	}
	r := rand.New(rand.NewPCG(7, 8))
	for n := 0; n < 200000; n++ {
		whole := r.Uint64N(1 << uint(r.IntN(60)+1))
		lit := strconv.FormatUint(whole, 10)
		if d := r.IntN(24); d > 0 {
			lit += fmt.Sprintf(".%0*d", d, r.Uint64N(uint64(math.Pow10(min(d, 19)))))
		}
		if r.IntN(2) == 0 {
			lit = "-" + lit
		}
		inputs = append(inputs, lit)
	}
	quick := 0
	for _, lit := range inputs {
		got, ok := exactDecimal(lit)
		if !ok {
			continue
		}
		quick++
		want, err := strconv.ParseFloat(lit, 64)
		if err != nil || math.Float64bits(got) != math.Float64bits(want) {
			t.Fatalf("exactDecimal(%q) = %v (%#x), strconv %v (%#x)", lit, got, math.Float64bits(got), want, math.Float64bits(want))
		}
	}
	for _, lit := range []string{"1e5", "1.5E-3", "9007199254740993", "12345678901234567890", "0.00000000000000000000001"} {
		if _, ok := exactDecimal(lit); ok {
			t.Errorf("exactDecimal(%q) took the quick path", lit)
		}
	}
	if quick < len(inputs)/4 {
		t.Errorf("only %d of %d inputs took the quick path", quick, len(inputs))
	}
}
