package wireimpl

import (
	"bytes"
	"encoding/json"
	"math"
	"math/rand/v2"
	"strconv"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/eventbind/eventbind/jsonwire"
)

// stdString encodes s with encoding/json, without HTML escaping.
func stdString(t testing.TB, s string) string {
	t.Helper()
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(s); err != nil {
		t.Fatal(err)
	}
	return strings.TrimSuffix(buf.String(), "\n")
}

func TestAppendString(t *testing.T) {
	inputs := []string{
		"", "abc", `a"b`, `a\b`, "/", "<>&", "\x00\x01\x1f\x7f", "\b\f\n\r\t",
		"é中😀", "\u2028\u2029", "a\u2028b", "\xff", "a\xffb", "\xe4\xb8", "\xed\xa0\x80",
		"\uFFFD", "\U0010FFFF", strings.Repeat("x", 100) + "\n",
	}
	for c := 0; c < 256; c++ {
		inputs = append(inputs, string([]byte{byte(c)}), "a"+string([]byte{byte(c)})+"z")
	}
	r := rand.New(rand.NewPCG(1, 2))
	for i := 0; i < 2000; i++ {
		b := make([]byte, r.IntN(20))
		for j := range b {
			switch r.IntN(4) {
			case 0:
				b[j] = byte(r.IntN(0x20))
			case 1:
				b[j] = byte(0x80 + r.IntN(0x80))
			default:
				b[j] = byte(0x20 + r.IntN(0x60))
			}
		}
		inputs = append(inputs, string(b), string(utf8.AppendRune(b, rune(r.IntN(0x110000)))))
	}
	for _, s := range inputs {
		got := string(AppendString(nil, s))
		want := stdString(t, s)
		if got != want {
			t.Errorf("AppendString(%q) = %s, encoding/json %s", s, got, want)
		}
		// Into a buffer with room, where short strings take paths of
		// their own.
		if got := string(AppendString(append(make([]byte, 0, 64), "pre"...), s)); got != "pre"+want {
			t.Errorf("AppendString(pre, %q) = %s, want pre%s", s, got, want)
		}
		// And it round-trips through the Decoder (valid UTF-8 exactly).
		d := NewDecoder([]byte(got), "")
		back, err := d.String()
		if err != nil {
			t.Errorf("decoding %s: %v", got, err)
		} else if utf8.ValidString(s) && back != s {
			t.Errorf("round trip of %q gave %q", s, back)
		}
	}
	if got := string(AppendString([]byte("x"), "y")); got != `x"y"` {
		t.Errorf("AppendString appends: %s", got)
	}
}

func TestAppendFloat(t *testing.T) {
	values := []float64{
		0, math.Copysign(0, -1), 1, -1, 0.1, 0.2, 1.5, 100, 1e6, 1e20, 1e21, 1e-6, 1e-7, 9.999999e-7,
		123456789, 1.23456789e-5, 5e-324, math.MaxFloat64, -math.MaxFloat64, math.SmallestNonzeroFloat64,
		1e100, 1e-100, 1.5e300, 2.5e-300, 1 << 53, 1<<53 + 1, 0.000001, 0.0000001, 12345678901234567890,
		999999999999999999999, 1e22, -1e-10, 3.14159, 1e-9, 1e-10,
	}
	r := rand.New(rand.NewPCG(3, 4))
	for i := 0; i < 100000; i++ {
		var f float64
		switch i % 6 {
		case 0:
			f = math.Float64frombits(r.Uint64())
		case 1:
			f = r.NormFloat64() * math.Pow(10, float64(r.IntN(60)-30))
		case 2:
			f = float64(r.Int64N(1<<62)) / math.Pow(10, float64(r.IntN(30)))
		case 3:
			// Few decimals (timestamps, coordinates): the fast path.
			f = float64(r.Int64N(1e16)-5e15) / math.Pow(10, float64(r.IntN(12)))
		case 4:
			// Where m/10^K nears 2^53 and neighbouring decimals can read
			// back as the same float: the fast path checks them there.
			f = float64(1<<51+r.Int64N(1<<52)) / math.Pow(10, float64(r.IntN(10)))
			if r.IntN(2) == 0 {
				f = math.Nextafter(f, math.Inf(r.IntN(2)*2-1))
			}
		default:
			// Their neighbours, which need more digits.
			f = math.Nextafter(float64(r.Int64N(1e16))/math.Pow(10, float64(r.IntN(12))), math.Inf(r.IntN(2)*2-1))
		}
		values = append(values, f)
	}
	for _, f := range values {
		got := string(AppendFloat(nil, f))
		want, err := json.Marshal(f)
		if err != nil {
			if got != "null" {
				t.Errorf("AppendFloat(%v) = %s, want null", f, got)
			}
			continue
		}
		if got != string(want) {
			t.Errorf("AppendFloat(%v) = %s, encoding/json %s", f, got, want)
		}
	}
	for _, f := range []float64{math.NaN(), math.Inf(1), math.Inf(-1)} {
		if got := string(AppendFloat([]byte("["), f)); got != "[null" {
			t.Errorf("AppendFloat(%v) = %s", f, got)
		}
	}
}

func TestAppendScalars(t *testing.T) {
	tests := []struct {
		got, want string
	}{
		{string(AppendInt(nil, 0)), "0"},
		{string(AppendInt(nil, -42)), "-42"},
		{string(AppendInt([]byte("x"), math.MaxInt64)), "x9223372036854775807"},
		{string(AppendInt(nil, math.MinInt64)), "-9223372036854775808"},
		{string(AppendBool(nil, true)), "true"},
		{string(AppendBool([]byte("["), false)), "[false"},
		{string(AppendRaw(nil, nil)), "null"},
		{string(AppendRaw(nil, jsonwire.Raw{})), "null"},
		{string(AppendRaw([]byte(":"), jsonwire.Raw(`{"a":1}`))), `:{"a":1}`},
	}
	for _, tt := range tests {
		if tt.got != tt.want {
			t.Errorf("got %s, want %s", tt.got, tt.want)
		}
	}
}

func TestCommaAndKey(t *testing.T) {
	tests := []struct {
		in, want string
	}{
		{"", ""},
		{"{", "{"},
		{"[", "["},
		{`{"a":`, `{"a":`},
		{`{"a":1`, `{"a":1,`},
		{`[1`, `[1,`},
		{`["x"`, `["x",`},
		{`[{}`, `[{},`},
		{`[[]`, `[[],`},
		{`{"a":true`, `{"a":true,`},
	}
	for _, tt := range tests {
		if got := string(Comma([]byte(tt.in))); got != tt.want {
			t.Errorf("Comma(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}

	// An object built the way generated code builds one.
	b := []byte{'{'}
	b = appendKey(b, "type")
	b = AppendInt(b, 255)
	b = appendKey(b, "extra")
	b = append(b, '{')
	b = appendKey(b, `we"ird`)
	b = append(b, '[')
	b = Comma(b)
	b = AppendFloat(b, 1.5)
	b = Comma(b)
	b = AppendString(b, "x")
	b = append(b, ']', '}', '}')
	if want := `{"type":255,"extra":{"we\"ird":[1.5,"x"]}}`; string(b) != want {
		t.Fatalf("built %s, want %s", b, want)
	}
	if !json.Valid(b) {
		t.Fatal("built invalid JSON")
	}
}

func TestEncodeAllocs(t *testing.T) {
	buf := make([]byte, 0, 256)
	n := testing.AllocsPerRun(100, func() {
		b := buf[:0]
		b = append(b, '{')
		b = appendKey(b, "a")
		b = AppendString(b, "héllo\n\"")
		b = appendKey(b, "b")
		b = AppendFloat(b, 1.25e-9)
		b = appendKey(b, "c")
		b = AppendInt(b, -7)
		b = appendKey(b, "d")
		b = AppendBool(b, true)
		_ = append(b, '}')
	})
	if n != 0 {
		t.Errorf("%v allocations, want 0", n)
	}
}

// A long run of text that must be mended at its end: each byte is looked at
// a bounded number of times (a re-scan from every rune would not finish).
func TestAppendStringLongRunMendedAtEnd(t *testing.T) {
	for _, tail := range []string{"\xff", "\u2028", "\""} {
		s := strings.Repeat("中文テキスト", 1<<17) + tail
		if got, want := string(AppendString(nil, s)), stdString(t, s); got != want {
			t.Errorf("AppendString of %d bytes ending in %q differs from encoding/json", len(s), tail)
		}
	}
}

func TestAppendIntMatchesStrconv(t *testing.T) {
	values := []int64{0, 1, 9, 10, 11, 99, 100, 101, 999, 1000, -1, -9, -10, -100, math.MaxInt64, math.MinInt64, math.MinInt64 + 1}
	for p := int64(1); p < 1e18; p *= 10 {
		values = append(values, p-1, p, p+1, -p)
	}
	r := rand.New(rand.NewPCG(5, 6))
	for i := 0; i < 10000; i++ {
		values = append(values, int64(r.Uint64()), r.Int64N(1e13), r.Int64N(100000))
	}
	for _, v := range values {
		if got, want := string(AppendInt([]byte("x"), v)), "x"+strconv.FormatInt(v, 10); got != want {
			t.Errorf("AppendInt(%d) = %s, want %s", v, got, want)
		}
	}
}

// Strings of up to 16 bytes written into a buffer with room take paths of
// their own; each special byte at each place must still be seen.
func TestAppendStringShortWithRoom(t *testing.T) {
	for n := 0; n <= 20; n++ {
		s := strings.Repeat("a", n)
		buf := append(make([]byte, 0, 64), "pre"...)
		if got, want := string(AppendString(buf, s)), "pre"+stdString(t, s); got != want {
			t.Errorf("AppendString(%q) = %s, want %s", s, got, want)
		}
	}
	for n := 1; n <= 20; n++ {
		for p := 0; p < n; p++ {
			for _, c := range []string{"\"", "\\", "\n", "\x1f", "\x7f", "\xff", "é", "\u2028"} {
				s := strings.Repeat("a", p) + c + strings.Repeat("b", n-p-1)
				buf := append(make([]byte, 0, 64), "pre"...)
				if got, want := string(AppendString(buf, s)), "pre"+stdString(t, s); got != want {
					t.Errorf("AppendString(%q) = %s, want %s", s, got, want)
				}
			}
		}
	}
}

// Three-byte sequences, valid or not, inside CJK text (read two runes at a
// time): each lead E0..EF with second bytes around the continuation range,
// at either place of a pair, encode as encoding/json encodes them.
func TestAppendStringThreeByteSequences(t *testing.T) {
	for _, s := range threeByteCases() {
		if got, want := string(AppendString(nil, s)), stdString(t, s); got != want {
			t.Fatalf("AppendString(%q) = %s, encoding/json %s", s, got, want)
		}
	}
}

func threeByteCases() []string {
	var out []string
	for lead := 0xE0; lead <= 0xEF; lead++ {
		for _, c1 := range []byte{0x7F, 0x80, 0x9F, 0xA0, 0xA8, 0xA9, 0xBF, 0xC0} {
			for _, c2 := range []byte{0x7F, 0x80, 0xA8, 0xBF, 0xC0} {
				seq := string([]byte{byte(lead), c1, c2})
				out = append(out, "中"+seq+"文文文", seq+"中文文文", "中文"+seq+"文x", "a"+seq+"中文文")
			}
		}
	}
	return out
}

// validRuneLen agrees with utf8.DecodeRuneInString on every lead byte with
// every second byte, and continuation bytes in and out of range after.
func TestValidRuneLen(t *testing.T) {
	for c0 := 0x80; c0 <= 0xFF; c0++ {
		for c1 := 0; c1 <= 0xFF; c1++ {
			for _, rest := range []string{"", "\x80", "\xbf", "\x80\x80", "\xbf\xbf", "\x7f\x80", "\x80\xc0", "a"} {
				s := string([]byte{byte(c0), byte(c1)}) + rest
				r, size := utf8.DecodeRuneInString(s)
				want := size
				if r == utf8.RuneError && size == 1 {
					want = 0
				}
				if got := validRuneLen(s, 0); got != want {
					t.Fatalf("validRuneLen(%q) = %d, utf8 says %d", s, got, want)
				}
			}
		}
	}
}
