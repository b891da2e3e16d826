package wireimpl

import (
	"math/bits"
	"unicode/utf16"
	"unicode/utf8"
)

// This file holds the token scanners: whitespace, strings, numbers and the
// literals true, false and null. Every index is checked against len(d.data)
// before use, so truncated input ends in "unexpected end of input" rather than
// a panic.

// isSpace reports whether c is one of the four whitespace bytes JSON allows.
func isSpace(c byte) bool { return c == ' ' || c == '\t' || c == '\n' || c == '\r' }

func isDigit(c byte) bool { return '0' <= c && c <= '9' }

// unhex returns the value of a hex digit, or -1.
func unhex(c byte) rune {
	switch {
	case '0' <= c && c <= '9':
		return rune(c - '0')
	case 'a' <= c && c <= 'f':
		return rune(c - 'a' + 10)
	case 'A' <= c && c <= 'F':
		return rune(c - 'A' + 10)
	}
	return -1
}

// peek skips whitespace and returns the next byte without consuming it; ok is
// false at the end of the input.
func (d *Decoder) peek() (c byte, ok bool) {
	// Compact JSON has no whitespace, and every byte that starts a token
	// is above the space character.
	if d.pos < len(d.data) {
		if c = d.data[d.pos]; c > ' ' {
			return c, true
		}
	}
	return d.peekAfterSpace()
}

// peekAfterSpace is peek past whitespace.
func (d *Decoder) peekAfterSpace() (c byte, ok bool) {
	for d.pos < len(d.data) {
		c = d.data[d.pos]
		if !isSpace(c) {
			return c, true
		}
		d.pos++
	}
	return 0, false
}

// skipString validates the string whose opening quote is at data[i] and
// returns the offset just past its closing quote. It only checks the grammar;
// it does not build the unescaped text.
func (d *Decoder) skipString(i int) (int, error) {
	data := d.data
	for i++; i < len(data); {
		i, _ = escapeRun(data, i)
		if i >= len(data) {
			break
		}
		switch c := data[i]; {
		case c == '"':
			return i + 1, nil
		case c == '\\':
			if i+1 >= len(data) {
				return 0, d.eof()
			}
			switch data[i+1] {
			case '"', '\\', '/', 'b', 'f', 'n', 'r', 't':
				i += 2
			case 'u':
				if _, err := d.hex4(i + 2); err != nil {
					return 0, err
				}
				i += 6
			default:
				return 0, d.badChar(i+1, "in string escape code")
			}
		case c < 0x20:
			return 0, d.badChar(i, "in string literal")
		default:
			i++
		}
	}
	return 0, d.eof()
}

const (
	lowBits  = 0x0101010101010101
	highBits = 0x8080808080808080
)

// load64 returns the eight bytes at data[i:] as a little-endian word; the
// compiler turns it into one load.
func load64(data string, i int) uint64 {
	w := data[i : i+8] // one bounds check; the compiler makes the rest one load
	return uint64(w[0]) | uint64(w[1])<<8 | uint64(w[2])<<16 | uint64(w[3])<<24 |
		uint64(w[4])<<32 | uint64(w[5])<<40 | uint64(w[6])<<48 | uint64(w[7])<<56
}

// load32 returns the four bytes at data[i:] as a little-endian word.
func load32(data string, i int) uint32 {
	w := data[i : i+4]
	return uint32(w[0]) | uint32(w[1])<<8 | uint32(w[2])<<16 | uint32(w[3])<<24
}

// The flag functions below set the high bit of the bytes of w that a
// string scanner must stop at. Each is a few subtractions done on all eight
// bytes at once: a byte below the one sought borrows, and its high bit
// turns on. A borrow runs on into the bytes above a flagged one and may
// flag them too, so callers use only whether any flag is set and where the
// lowest one is, both of which are exact.

// specialBytes flags quotes, backslashes and control characters; bytes of
// 0x80 and up are not flagged.
func specialBytes(w uint64) uint64 {
	return stopBytes(w) &^ w & highBits
}

// unplainBytes flags what specialBytes flags and every byte of 0x80 and
// up: the bytes that a string cannot hold as they are without a closer look.
func unplainBytes(w uint64) uint64 {
	return (stopBytes(w) | w) & highBits
}

// stopBytes sets the high bit of each byte of w below 0x20, equal to '"' or
// '\\', and of some bytes of 0x80 and up, which the callers mask out or
// flag all of.
func stopBytes(w uint64) uint64 {
	return (w - 0x20*lowBits) | ((w ^ '"'*lowBits) - lowBits) | ((w ^ '\\'*lowBits) - lowBits)
}

// plainWords returns the offset of the first byte at or after i that is
// not plain ASCII (what unplainBytes flags), looking a word at a time; with
// fewer than eight bytes left it returns where it stopped, which may be a
// plain byte.
func plainWords(s string, i int) int {
	for ; i+8 <= len(s); i += 8 {
		if m := unplainBytes(load64(s, i)); m != 0 {
			return i + bits.TrailingZeros64(m)>>3
		}
	}
	return i
}

// escapeRun returns the offset of the first quote, backslash or control
// byte at or after i (or len(s)), and whether the bytes before it hold any
// of 0x80 and above. It looks at eight bytes at a time, since most of a
// frame is string contents.
func escapeRun(s string, i int) (end int, high bool) {
	var seen uint64
	for ; i+8 <= len(s); i += 8 {
		w := load64(s, i)
		if m := specialBytes(w); m != 0 {
			n := bits.TrailingZeros64(m) >> 3
			return i + n, (seen|w&(1<<(8*n)-1))&highBits != 0
		}
		seen |= w
	}
	for ; i < len(s); i++ {
		c := s[i]
		if c < 0x20 || c == '"' || c == '\\' {
			break
		}
		seen |= uint64(c)
	}
	return i, seen&highBits != 0
}

// textRun returns the end of the run from i of bytes that a JSON string
// holds as they are: plain ASCII and valid UTF-8, and with stopAtLineSep
// not U+2028 or U+2029 (which the encoder escapes). ASCII goes eight bytes
// at a time, three-byte runes (most CJK text) by a short path.
func textRun(s string, i int, stopAtLineSep bool) int {
	start := i
	for i < len(s) {
		c := s[i]
		if c < utf8.RuneSelf {
			var m uint64
			switch {
			case i+8 <= len(s):
				w := load64(s, i)
				if m = unplainBytes(w); m == 0 {
					i += 8
					continue
				}
			case len(s)-8 >= start:
				// The last word, overlapping bytes this call found
				// plain: its top len(s)-i bytes.
				w := load64(s, len(s)-8)
				if m = unplainBytes(w) >> (64 - 8*(len(s)-i)); m == 0 {
					return len(s)
				}
			}
			if m != 0 {
				if i += bits.TrailingZeros64(m) >> 3; s[i] < utf8.RuneSelf {
					return i
				}
				continue
			}
			if !plainASCII[c] {
				return i
			}
			i++
			continue
		}
		// Runs of three-byte runes (CJK text) two at a time: each lead
		// E1..EF but E2 (where the line separators are) and ED (the
		// surrogates), each followed by two continuation bytes.
		if i+8 <= len(s) {
			const mask, pattern = 0xC0C0F0C0C0F0, 0x8080E08080E0
			if w := load64(s, i); w&mask == pattern && cjkLeads>>(w&0xF)&(cjkLeads>>(w>>24&0xF))&1 != 0 {
				i += 6
				continue
			}
		}
		if c > 0xE2 && c < 0xED && i+2 < len(s) && s[i+1]&0xC0 == 0x80 && s[i+2]&0xC0 == 0x80 {
			i += 3
			continue
		}
		n := validRuneLen(s, i)
		if n == 0 || stopAtLineSep && isLineSeparator(s, i) {
			return i
		}
		i += n
	}
	return i
}

// validRuneLen returns the length of the UTF-8 encoding that starts at s[i],
// a byte of 0x80 or above, or 0 when it is not valid UTF-8 there (the cases
// utf8.DecodeRuneInString reports as RuneError of size 1: stray continuation
// bytes, overlong forms, surrogates, runes above U+10FFFF, truncation).
func validRuneLen(s string, i int) int {
	c := s[i]
	var n int
	switch {
	case c >= 0xC2 && c < 0xE0:
		n = 2
	case c >= 0xE0 && c < 0xF0:
		n = 3
	case c >= 0xF0 && c < 0xF5:
		n = 4
	default:
		return 0
	}
	if i+n > len(s) {
		return 0
	}
	if lo, hi := secondByteRange(c); s[i+1] < lo || s[i+1] > hi {
		return 0
	}
	for k := 2; k < n; k++ {
		if s[i+k]&0xC0 != 0x80 {
			return 0
		}
	}
	return n
}

// secondByteRange returns the bytes that may follow lead byte c: any
// continuation byte, but narrower after the leads whose full range would
// allow overlong forms (E0, F0), surrogates (ED) or runes above U+10FFFF (F4).
func secondByteRange(c byte) (lo, hi byte) {
	switch c {
	case 0xE0:
		return 0xA0, 0xBF
	case 0xED:
		return 0x80, 0x9F
	case 0xF0:
		return 0x90, 0xBF
	case 0xF4:
		return 0x80, 0x8F
	}
	return 0x80, 0xBF
}

// cjkLeads has bit n set when the lead byte 0xE0|n starts a three-byte rune
// whose continuation bytes may be anything from 0x80 to 0xBF and that is
// never U+2028 or U+2029: n is 1 or 3 to 0xC or 0xE or 0xF.
const cjkLeads = 0b1101_1111_1111_1010

// isLineSeparator reports whether U+2028 or U+2029 (E2 80 A8/A9) starts at
// s[i].
func isLineSeparator(s string, i int) bool {
	return i+2 < len(s) && s[i] == 0xE2 && s[i+1] == 0x80 && s[i+2]&^1 == 0xA8
}

// hex4 reads the four hex digits of a \u escape starting at data[i].
func (d *Decoder) hex4(i int) (rune, error) {
	if i+4 <= len(d.data) {
		h := d.data[i : i+4]
		a, b, c, e := hexValue[h[0]], hexValue[h[1]], hexValue[h[2]], hexValue[h[3]]
		if a|b|c|e >= 0 {
			return rune(a)<<12 | rune(b)<<8 | rune(c)<<4 | rune(e), nil
		}
	}
	// The end of the input or a bad digit: find which, and where.
	var r rune
	for k := i; k < i+4; k++ {
		if k >= len(d.data) {
			return 0, d.eof()
		}
		h := unhex(d.data[k])
		if h < 0 {
			return 0, d.badChar(k, `in \u hexadecimal character escape`)
		}
		r = r<<4 | h
	}
	return r, nil
}

// hexValue maps a hex digit to its value and every other byte to -1.
var hexValue = func() (t [256]int8) {
	for c := range t {
		t[c] = int8(unhex(byte(c)))
	}
	return t
}()

// simpleEscapes maps the byte after a backslash to the byte it stands for,
// for the escapes of one byte (all but \u); 0 marks the others.
var simpleEscapes = [256]byte{'"': '"', '\\': '\\', '/': '/', 'b': '\b', 'f': '\f', 'n': '\n', 'r': '\r', 't': '\t'}

// plainASCII marks the bytes a string may hold as they are and that are
// ASCII: everything from 0x20 to 0x7f but the quote and the backslash.
var plainASCII = func() (t [256]bool) {
	for c := 0x20; c < 0x80; c++ {
		t[c] = c != '"' && c != '\\'
	}
	return t
}()

// readString reads the string that starts at the cursor (past whitespace)
// and returns its unescaped contents, or "want string, got <kind>". When
// the string needs no change (no escapes, valid UTF-8) the result is a
// substring of the input and costs no allocation; otherwise it is built in
// the Decoder's scratch buffer and copied once. Invalid UTF-8 and unpaired
// surrogates become U+FFFD, as in encoding/json.
func (d *Decoder) readString() (string, error) {
	data := d.data
	if d.pos >= len(data) || data[d.pos] != '"' {
		if c, ok := d.peek(); !ok || c != '"' {
			return "", d.wantErr(KindString)
		}
	}
	start := d.pos + 1
	i := start
	// Most strings are plain ASCII to their closing quote: look a word at
	// a time here, and leave non-ASCII text and the last bytes to textRun.
	for i+8 <= len(data) {
		m := unplainBytes(load64(data, i))
		if m == 0 {
			i += 8
			continue
		}
		if i += bits.TrailingZeros64(m) >> 3; data[i] == '"' {
			if i-start > d.maxString() {
				return "", d.errAt(d.pos, d.stringLimitMsg())
			}
			d.pos = i + 1
			return data[start:i], nil
		}
		break
	}
	i = textRun(data, i, false)
	if i < len(data) && data[i] == '"' {
		if i-start > d.maxString() {
			return "", d.errAt(d.pos, d.stringLimitMsg())
		}
		d.pos = i + 1
		return data[start:i], nil
	}

	return d.readStringSlow(start, i)
}

// readStringSlow handles the strings that need a copy: escapes, control
// characters, invalid UTF-8 or the end of the input. data[start:i] is text
// already known to need no change.
func (d *Decoder) readStringSlow(start, i int) (string, error) {
	data := d.data
	buf := append(d.scratch[:0], data[start:i]...)
	defer func() { d.scratch = buf[:0] }()
	for {
		// Copy the run up to the next quote, backslash, control character
		// or invalid UTF-8 whole.
		if i < len(data) && data[i] != '\\' {
			// The runs between escapes are mostly short plain ASCII:
			// a word at a time first, textRun from the first other byte.
			j := plainWords(data, i)
			if j+8 > len(data) || data[j] >= utf8.RuneSelf {
				j = textRun(data, j, false)
			}
			buf = append(buf, data[i:j]...)
			i = j
		}
		if len(buf) > d.maxString() {
			return "", d.errAt(d.pos, d.stringLimitMsg())
		}
		if i >= len(data) {
			return "", d.eof()
		}
		switch c := data[i]; {
		case c == '"':
			d.pos = i + 1
			if d.arena != nil {
				return d.arena.String(buf), nil
			}
			return string(buf), nil
		case c == '\\':
			if i+1 < len(data) && simpleEscapes[data[i+1]] != 0 {
				buf = append(buf, simpleEscapes[data[i+1]])
				i += 2
				continue
			}
			var err error
			if i, buf, err = d.unescape(i, buf); err != nil {
				return "", err
			}
		case c >= utf8.RuneSelf:
			// Invalid UTF-8, a byte at a time, as encoding/json does.
			buf = append(buf, "\uFFFD"...)
			i++
		default:
			return "", d.badChar(i, "in string literal")
		}
	}
}

// unescape decodes the \u escape sequence (or reports the bad escape) whose
// backslash is at data[i], appends its text to buf and returns the offset
// after it.
func (d *Decoder) unescape(i int, buf []byte) (int, []byte, error) {
	data := d.data
	if i+1 >= len(data) {
		return i, buf, d.eof()
	}
	// The one-byte escapes never get here: the caller takes them from
	// simpleEscapes.
	switch data[i+1] {
	case 'u':
		r, err := d.hex4(i + 2)
		if err != nil {
			return i, buf, err
		}
		i += 6
		if utf16.IsSurrogate(r) {
			// A high surrogate pairs with an immediately following \u low
			// surrogate; anything else leaves it unpaired, and the next
			// escape is decoded on its own.
			if i+1 < len(data) && data[i] == '\\' && data[i+1] == 'u' {
				r2, err := d.hex4(i + 2)
				if err != nil {
					return i, buf, err
				}
				if dec := utf16.DecodeRune(r, r2); dec != utf8.RuneError {
					return i + 6, utf8.AppendRune(buf, dec), nil
				}
			}
			r = utf8.RuneError
		}
		return i, utf8.AppendRune(buf, r), nil
	}
	return i, buf, d.badChar(i+1, "in string escape code")
}

// scanNumber validates the number starting at data[i] against the JSON
// grammar (no '+', no leading zeros, digits after '.' and 'e') and returns
// the offset after it and whether it is an integer (no fraction or
// exponent).
func (d *Decoder) scanNumber(i int) (end int, isInt bool, err error) {
	data := d.data
	if i < len(data) && data[i] == '-' {
		i++
	}
	if i >= len(data) {
		return 0, false, d.eof()
	}
	switch c := data[i]; {
	case c == '0':
		i++
	case '1' <= c && c <= '9':
		for i++; i < len(data) && isDigit(data[i]); i++ {
		}
	default:
		return 0, false, d.badChar(i, "in numeric literal")
	}
	isInt = true
	if i < len(data) && data[i] == '.' {
		isInt = false
		i++
		if i >= len(data) {
			return 0, false, d.eof()
		}
		if !isDigit(data[i]) {
			return 0, false, d.badChar(i, "after decimal point in numeric literal")
		}
		for i++; i < len(data) && isDigit(data[i]); i++ {
		}
	}
	if i < len(data) && (data[i] == 'e' || data[i] == 'E') {
		isInt = false
		i++
		if i < len(data) && (data[i] == '+' || data[i] == '-') {
			i++
		}
		if i >= len(data) {
			return 0, false, d.eof()
		}
		if !isDigit(data[i]) {
			return 0, false, d.badChar(i, "in exponent of numeric literal")
		}
		for i++; i < len(data) && isDigit(data[i]); i++ {
		}
	}
	return i, isInt, nil
}

// scanLiteral checks that the literal lit (true, false or null) starts at
// data[i] and returns the offset after it.
func (d *Decoder) scanLiteral(i int, lit string) (int, error) {
	for k := 0; k < len(lit); k++ {
		if i+k >= len(d.data) {
			return 0, d.eof()
		}
		if d.data[i+k] != lit[k] {
			return 0, d.badChar(i+k, "in literal "+lit+" (expecting '"+lit[k:k+1]+"')")
		}
	}
	return i + len(lit), nil
}
