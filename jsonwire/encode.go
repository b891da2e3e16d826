package jsonwire

import (
	"math"
	"strconv"
	"unicode/utf8"
)

// The encoding helpers append to b and return it, like strconv's Append
// functions, so generated encoders build a whole event in one buffer.

// Comma appends ',' unless b is empty or ends with '{', '[' or ':', so
// generated code can call it before every member or element without
// tracking whether it is the first.
func Comma(b []byte) []byte {
	if n := len(b); n > 0 {
		switch b[n-1] {
		case '{', '[', ':':
		default:
			b = append(b, ',')
		}
	}
	return b
}

// AppendKey appends Comma, then the quoted key and ':'.
func AppendKey(b []byte, key string) []byte {
	b = Comma(b)
	b = AppendString(b, key)
	return append(b, ':')
}

const hexDigits = "0123456789abcdef"

// AppendString appends s as a quoted JSON string. It escapes '"', '\\' and
// control characters, writes invalid UTF-8 as \ufffd, and escapes U+2028 and
// U+2029 (which break JavaScript parsers) — the same output as encoding/json
// without HTML escaping, so events re-encode identically either way.
func AppendString(b []byte, s string) []byte {
	b = append(b, '"')
	start := 0 // s[start:i] is pending, to be copied as is
	for i := 0; i < len(s); {
		c := s[i]
		if c < utf8.RuneSelf {
			if c >= 0x20 && c != '"' && c != '\\' {
				i++
				continue
			}
			b = append(b, s[start:i]...)
			switch c {
			case '"', '\\':
				b = append(b, '\\', c)
			case '\b':
				b = append(b, '\\', 'b')
			case '\f':
				b = append(b, '\\', 'f')
			case '\n':
				b = append(b, '\\', 'n')
			case '\r':
				b = append(b, '\\', 'r')
			case '\t':
				b = append(b, '\\', 't')
			default:
				b = append(b, '\\', 'u', '0', '0', hexDigits[c>>4], hexDigits[c&0xf])
			}
			i++
			start = i
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		switch {
		case r == utf8.RuneError && size == 1:
			b = append(b, s[start:i]...)
			b = append(b, `\ufffd`...)
		case r == '\u2028' || r == '\u2029':
			b = append(b, s[start:i]...)
			b = append(b, '\\', 'u', '2', '0', '2', hexDigits[r&0xf])
		default:
			i += size
			continue
		}
		i += size
		start = i
	}
	b = append(b, s[start:]...)
	return append(b, '"')
}

// AppendInt appends v in decimal.
func AppendInt(b []byte, v int64) []byte { return strconv.AppendInt(b, v, 10) }

// AppendFloat appends v formatted exactly as encoding/json formats a float64:
// the shortest representation that round-trips, in 'f' format for
// 1e-6 <= |v| < 1e21 and in 'e' format otherwise, with a one-digit negative
// exponent written without its leading zero (1e-7, not 1e-07). NaN and
// infinities have no JSON form and append null.
func AppendFloat(b []byte, v float64) []byte {
	if math.IsNaN(v) || math.IsInf(v, 0) {
		return append(b, "null"...)
	}
	abs := math.Abs(v)
	if abs == 0 || (abs >= 1e-6 && abs < 1e21) {
		return strconv.AppendFloat(b, v, 'f', -1, 64)
	}
	start := len(b)
	b = strconv.AppendFloat(b, v, 'e', -1, 64)
	// strconv writes at least two exponent digits; encoding/json trims
	// "e-07" to "e-7" (positive exponents here are always >= 21).
	if e := b[start:]; len(e) >= 4 {
		n := len(b)
		if b[n-4] == 'e' && b[n-3] == '-' && b[n-2] == '0' {
			b[n-2] = b[n-1]
			b = b[:n-1]
		}
	}
	return b
}

// AppendBool appends true or false.
func AppendBool(b []byte, v bool) []byte { return strconv.AppendBool(b, v) }

// AppendRaw appends r verbatim, or null when r is empty, so a zero Raw still
// produces valid JSON.
func AppendRaw(b []byte, r Raw) []byte {
	if len(r) == 0 {
		return append(b, "null"...)
	}
	return append(b, r...)
}
