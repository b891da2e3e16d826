package jsonwire

import (
	"math"
	"strconv"
	"strings"
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

// AppendQuotedKey appends Comma, then quotedKey, which is a key already in
// its JSON form with its colon ("\"name\":"): generated encoders know their
// keys in advance.
func AppendQuotedKey(b []byte, quotedKey string) []byte {
	return append(Comma(b), quotedKey...)
}

// AppendString appends s as a quoted JSON string. It escapes '"', '\\' and
// control characters, writes invalid UTF-8 as \ufffd, and escapes U+2028 and
// U+2029 (which break JavaScript parsers) — the same output as encoding/json
// without HTML escaping, so events re-encode identically either way.
//
// It copies runs that need no change whole: ASCII found eight bytes at a
// time, and text whose run is valid UTF-8 without a line separator.
func AppendString(b []byte, s string) []byte {
	b = append(b, '"')
	for len(s) > 0 {
		i := asciiRun(s, 0)
		if i < len(s) && s[i] >= utf8.RuneSelf {
			if j := plainRun(s, i); utf8.ValidString(s[i:j]) && !hasLineSeparator(s[i:j]) {
				i = j
			}
		}
		b = append(b, s[:i]...)
		if s = s[i:]; len(s) == 0 {
			break
		}
		if c := s[0]; c < utf8.RuneSelf {
			b = appendEscapedByte(b, c)
			s = s[1:]
			continue
		}
		// A rune in a run that could not be copied whole.
		r, size := utf8.DecodeRuneInString(s)
		switch {
		case r == utf8.RuneError && size == 1:
			b = append(b, `\ufffd`...)
		case r == '\u2028' || r == '\u2029':
			b = append(b, '\\', 'u', '2', '0', '2', hexDigits[r&0xf])
		default:
			b = append(b, s[:size]...)
		}
		s = s[size:]
	}
	return append(b, '"')
}

// appendEscapedByte appends the escape of an ASCII byte that JSON strings
// may not hold as it is.
func appendEscapedByte(b []byte, c byte) []byte {
	switch c {
	case '"', '\\':
		return append(b, '\\', c)
	case '\b':
		return append(b, '\\', 'b')
	case '\f':
		return append(b, '\\', 'f')
	case '\n':
		return append(b, '\\', 'n')
	case '\r':
		return append(b, '\\', 'r')
	case '\t':
		return append(b, '\\', 't')
	}
	return append(b, '\\', 'u', '0', '0', hexDigits[c>>4], hexDigits[c&0xf])
}

// hasLineSeparator reports whether s holds U+2028 or U+2029 (E2 80 A8/A9).
func hasLineSeparator(s string) bool {
	for {
		i := strings.IndexByte(s, 0xE2)
		if i < 0 || i+2 >= len(s) {
			return false
		}
		if s[i+1] == 0x80 && (s[i+2] == 0xA8 || s[i+2] == 0xA9) {
			return true
		}
		s = s[i+1:]
	}
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
