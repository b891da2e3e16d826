package wireimpl

import (
	"encoding/binary"
	"math"
	"math/bits"
	"slices"
	"strconv"
	"unicode/utf8"

	"github.com/eventbind/eventbind/jsonwire"
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

// appendKey appends Comma, then the quoted key and ':': a key known only at
// run time (an unknown member's). Generated encoders know theirs:
// AppendQuotedKey.
func appendKey(b []byte, key string) []byte {
	b = Comma(b)
	b = AppendString(b, key)
	return append(b, ':')
}

const hexDigits = "0123456789abcdef"

// AppendQuotedKey appends Comma, then quotedKey, which is a key already in
// its JSON form with its colon ("\"name\":"), or a whole member when its
// value is known too: generated encoders know their keys in advance.
func AppendQuotedKey(b []byte, quotedKey string) []byte {
	return append(Comma(b), quotedKey...)
}

// AppendString appends s as a quoted JSON string. It escapes '"', '\\' and
// control characters, writes invalid UTF-8 as \ufffd, and escapes U+2028 and
// U+2029 (which break JavaScript parsers) — the same output as encoding/json
// without HTML escaping, so events re-encode identically either way.
func AppendString(b []byte, s string) []byte {
	return AppendStringRest(append(b, '"'), s)
}

// AppendStringRest appends what AppendString appends after the opening
// quote: generated encoders write that quote in one literal with the
// member's key.
//
// What needs no change is found a word at a time (non-ASCII text by the
// UTF-8 automaton, holdsAsIs) and copied in runs, not byte by byte.
func AppendStringRest(b []byte, s string) []byte {
	if n := len(b); len(s) >= 8 && len(s) <= 16 && cap(b)-n >= 17 {
		// Ids and other short strings: two overlapping words decide, and
		// are stored, without a copy loop.
		w1, w2 := load64(s, 0), load64(s, len(s)-8)
		if unplainBytes(w1)|unplainBytes(w2) == 0 {
			b = b[:n+len(s)+1]
			binary.LittleEndian.PutUint64(b[n:], w1)
			binary.LittleEndian.PutUint64(b[n+len(s)-8:], w2)
			b[n+len(s)] = '"'
			return b
		}
	}
	if n := len(b); len(s) < 8 && cap(b)-n >= 8 {
		// Shorter ones (codes, numbers as text, empty nonces): up to two
		// overlapping half-words, or three bytes, padded with plain ones.
		var lo, hi uint32
		switch {
		case len(s) >= 4:
			lo, hi = load32(s, 0), load32(s, len(s)-4)
		case len(s) > 0:
			lo = uint32(s[0]) | uint32(s[len(s)/2])<<8 | uint32(s[len(s)-1])<<16 | 'a'<<24
			hi = 'a' * 0x01010101
		default:
			b = b[:n+1]
			b[n] = '"'
			return b
		}
		if unplainBytes(uint64(lo)|uint64(hi)<<32) == 0 {
			b = b[:n+len(s)+1]
			if len(s) >= 4 {
				binary.LittleEndian.PutUint32(b[n:], lo)
				binary.LittleEndian.PutUint32(b[n+len(s)-4:], hi)
			} else {
				b[n], b[n+len(s)/2], b[n+len(s)-1] = byte(lo), byte(lo>>8), byte(lo>>16)
			}
			b[n+len(s)] = '"'
			return b
		}
	}
	// Most strings are short plain ASCII (ids, names, URLs): look at them
	// a word at a time here, before the general loop.
	i, m := 0, uint64(0)
	for ; i+8 <= len(s); i += 8 {
		if m = unplainBytes(load64(s, i)); m != 0 {
			break
		}
	}
	k := i // the first byte that is not plain ASCII
	if m != 0 {
		k += bits.TrailingZeros64(m) >> 3
	} else {
		for k < len(s) && plainASCII[s[k]] {
			k++
		}
		if k == len(s) {
			b = append(b, s...)
			return append(b, '"')
		}
	}
	// Non-ASCII text that needs no escape is checked in one branch-free
	// pass and copied whole.
	if s[k] >= utf8.RuneSelf && holdsAsIs(s, k) {
		b = append(b, s...)
		return append(b, '"')
	}
	i = k
	start := 0
	for {
		// Up to the next byte that needs an escape: checked by the
		// automaton when it holds non-ASCII bytes, else byte by byte.
		j, high := escapeRun(s, i)
		if high && !holdsAsIs(s[i:j], 0) {
			j = textRun(s, i, true)
		}
		if i = j; i >= len(s) {
			break
		}
		b = append(b, s[start:i]...)
		switch c := s[i]; {
		case c < utf8.RuneSelf:
			b = appendEscapedByte(b, c)
			i++
		case validRuneLen(s, i) == 0:
			b = append(b, `\ufffd`...)
			i++
		default: // U+2028 or U+2029
			b = append(b, '\\', 'u', '2', '0', '2', hexDigits[s[i+2]&0xf])
			i += 3
		}
		start = i
	}
	b = append(b, s[start:]...)
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

// AppendInt appends v in decimal.
func AppendInt(b []byte, v int64) []byte {
	if v < 0 {
		b = append(b, '-')
		v = -v // math.MinInt64 stays as it is, and as a uint64 is its magnitude
	}
	return appendUint(b, uint64(v))
}

// digitPairs holds "00" to "99" as little-endian 16-bit words, for
// writing two digits with one load and one store.
var digitPairs = func() (t [100]uint16) {
	for i := range t {
		t[i] = uint16('0'+i/10) | uint16('0'+i%10)<<8
	}
	return t
}()

// appendUint appends u in decimal straight into b, from the end: eight
// digits at a time as four independent pairs, so that the divisions do not
// wait on one another, then the pairs that are left.
func appendUint(b []byte, u uint64) []byte {
	if u < 10 {
		return append(b, byte('0'+u))
	}
	n := decimalLen(u)
	b = slices.Grow(b, n)
	b = b[:len(b)+n]
	i := len(b)
	for u >= 1e8 {
		q := u / 1e8
		v := uint32(u - q*1e8)
		hi, lo := v/10000, v%10000
		w := uint64(digitPairs[hi/100]) | uint64(digitPairs[hi%100])<<16 |
			uint64(digitPairs[lo/100])<<32 | uint64(digitPairs[lo%100])<<48
		binary.LittleEndian.PutUint64(b[i-8:], w)
		i -= 8
		u = q
	}
	v := uint32(u)
	for v >= 100 {
		q := v / 100
		binary.LittleEndian.PutUint16(b[i-2:], digitPairs[v-q*100])
		i -= 2
		v = q
	}
	if v >= 10 {
		binary.LittleEndian.PutUint16(b[i-2:], digitPairs[v])
	} else {
		b[i-1] = byte('0' + v)
	}
	return b
}

// decimalLen returns the number of decimal digits of u.
func decimalLen(u uint64) int {
	// bits.Len64(u)*1233>>12 is floor(log10(2^len)), one below the answer
	// or the answer itself.
	t := bits.Len64(u) * 1233 >> 12
	if u < powersOfTen[t] {
		return t
	}
	return t + 1
}

var powersOfTen = [...]uint64{1, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10,
	1e11, 1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19}

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
		if m, k, ok := shortDecimal(abs); ok {
			if v < 0 {
				b = append(b, '-')
			}
			return appendDecimal(b, m, k, uint64(abs))
		}
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

// pow10 holds the powers of ten that float64 represents exactly and that
// shortDecimal tries.
var pow10 = [...]float64{1, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9}

// shortDecimal finds, for the magnitude abs of a common float with a few
// decimals (timestamps in seconds, coordinates), the integer m and digit
// count k such that m/10^k is the shortest decimal that reads back as abs:
// what strconv's shortest formatting prints, found with a few float
// operations instead. The caller writes the sign.
//
// It takes the most decimals K that keep m = round(abs*10^K) below 2^53.
// Then m/10^K is a division of exact operands, correctly rounded, so
// float64(m)/10^K == abs says exactly that the decimal reads back as abs.
// When neither neighbour m±1 reads back as abs, m is the only K-decimal
// that does; any shorter one would be a K-decimal too, so the shortest is m
// without its trailing zeros. ok is false when that does not settle it (zero, for
// its sign; large magnitudes; values needing more decimals; several
// candidates, where strconv picks the nearest) and the caller formats the
// slow way.
func shortDecimal(abs float64) (m uint64, k int, ok bool) {
	const exact = 1 << 53
	if abs == 0 || abs >= exact {
		return 0, 0, false
	}
	k = len(pow10) - 1
	for abs*pow10[k] >= exact {
		k--
	}
	// Round to the nearest integer (one instruction, no branch on the
	// digits); the checks below hold for whichever integer comes out.
	x := abs * pow10[k]
	r := math.RoundToEven(x)
	m = uint64(r)
	if r/pow10[k] != abs {
		return 0, 0, false
	}
	// Below 2^51, K-decimals lie further apart than the float64 spacing
	// at abs (at most abs*2^-52), so no neighbour can read back as abs too:
	// the two divisions are needed only near 2^53.
	if x >= 1<<51 && ((r-1)/pow10[k] == abs || (r+1)/pow10[k] == abs) {
		return 0, 0, false
	}
	// Drop the trailing zeros, at most k: 8, 4, 2 and 1 at a time add up
	// to any count up to 15, and k is at most 9. (Constant divisors: the
	// compiler turns them into multiplications.)
	if k >= 8 && m%1e8 == 0 {
		m /= 1e8
		k -= 8
	}
	if k >= 4 && m%1e4 == 0 {
		m /= 1e4
		k -= 4
	}
	if k >= 2 && m%100 == 0 {
		m /= 100
		k -= 2
	}
	if k >= 1 && m%10 == 0 {
		m /= 10
		k--
	}
	return m, k, true
}

// appendDecimal appends m/10^k (k <= 9) in plain decimal notation, given
// whole, the integer part of the float that m/10^k reads back as: the
// integer part is written on its own, then the point and exactly k digits.
func appendDecimal(b []byte, m uint64, k int, whole uint64) []byte {
	if k == 0 {
		return appendUint(b, m)
	}
	// m/10^k is within half a unit in the last place of the float, so it
	// has the float's integer part (k > 0: it is not a whole number); the
	// division is a guard that should never run.
	p := powersOfTen[k]
	frac := m - whole*p
	if m < whole*p || frac >= p {
		whole, frac = m/p, m%p
	}
	b = appendUint(b, whole)
	n := len(b)
	b = slices.Grow(b, k+1)
	b = b[:n+1+k]
	b[n] = '.'
	i := n + 1 + k
	for ; i-2 > n; i -= 2 {
		q := frac / 100
		binary.LittleEndian.PutUint16(b[i-2:], digitPairs[frac-q*100])
		frac = q
	}
	if i-1 > n {
		b[i-1] = byte('0' + frac)
	}
	return b
}

// AppendBool appends true or false.
func AppendBool(b []byte, v bool) []byte { return strconv.AppendBool(b, v) }

// AppendRaw appends r verbatim, or null when r is empty, so a zero Raw still
// produces valid JSON.
func AppendRaw(b []byte, r jsonwire.Raw) []byte {
	if len(r) == 0 {
		return append(b, "null"...)
	}
	return append(b, r...)
}
