package wireimpl

import (
	"strings"
	"unicode/utf8"
)

// holdsAsIs reports whether s from i on may go into a JSON string as it is:
// valid UTF-8, no quote, backslash or control character, no U+2028 or
// U+2029. i must be at a rune boundary.
//
// Text that mixes scripts (Chinese with spaces, digits and emoji) defeats
// the word-at-a-time paths, whose branches follow the bytes. This runs a
// UTF-8 automaton with one table load and one shift per byte and no branch
// on the data: each table row holds, for every state, the next state as the
// shift that selects it (the shift-based DFA design), and its spare high
// bits flag the bytes that need a closer look.
func holdsAsIs(s string, i int) bool {
	start := i
	state, seen := uint64(dfaAccept), uint64(0)
	for ; i+8 <= len(s); i += 8 {
		w := s[i : i+8]
		r0, r1, r2, r3 := utf8Rows[w[0]], utf8Rows[w[1]], utf8Rows[w[2]], utf8Rows[w[3]]
		r4, r5, r6, r7 := utf8Rows[w[4]], utf8Rows[w[5]], utf8Rows[w[6]], utf8Rows[w[7]]
		state = r0 >> (state & 63)
		state = r1 >> (state & 63)
		state = r2 >> (state & 63)
		state = r3 >> (state & 63)
		state = r4 >> (state & 63)
		state = r5 >> (state & 63)
		state = r6 >> (state & 63)
		state = r7 >> (state & 63)
		// Checked once a word: text that needs escapes stops early.
		if seen |= r0 | r1 | r2 | r3 | r4 | r5 | r6 | r7; seen&dfaEscape != 0 || state&63 == dfaReject {
			return false
		}
	}
	if i+4 <= len(s) {
		w := s[i : i+4]
		r0, r1, r2, r3 := utf8Rows[w[0]], utf8Rows[w[1]], utf8Rows[w[2]], utf8Rows[w[3]]
		state = r0 >> (state & 63)
		state = r1 >> (state & 63)
		state = r2 >> (state & 63)
		state = r3 >> (state & 63)
		seen |= r0 | r1 | r2 | r3
		i += 4
	}
	for ; i < len(s); i++ {
		r := utf8Rows[s[i]]
		seen |= r
		state = r >> (state & 63)
	}
	if seen&dfaEscape != 0 || state&63 != dfaAccept {
		return false
	}
	return seen&dfaLeadE2 == 0 || !hasLineSeparator(s[start:])
}

// hasLineSeparator reports whether s holds U+2028 or U+2029 (E2 80 A8/A9).
func hasLineSeparator(s string) bool {
	for {
		k := strings.IndexByte(s, 0xE2)
		if k < 0 {
			return false
		}
		if isLineSeparator(s, k) {
			return true
		}
		s = s[k+1:]
	}
}

// The automaton's states, each the offset of its six-bit field in a row.
// Reject is 0, so that a zero field leads there and it never leaves.
const (
	dfaReject = 6 * iota
	dfaAccept
	dfaNeed1   // one continuation byte to go
	dfaNeed2   // two to go
	dfaNeed3   // three to go
	dfaAfterE0 // E0: the next byte is A0..BF (no overlong forms)
	dfaAfterED // ED: 80..9F (no surrogates)
	dfaAfterF0 // F0: 90..BF (no overlong forms)
	dfaAfterF4 // F4: 80..8F (nothing above U+10FFFF)

	dfaEscape = 1 << 62 // the byte is a quote, a backslash or a control character
	dfaLeadE2 = 1 << 63 // the byte is E2, which leads U+2028 and U+2029
)

// utf8Rows is the automaton: utf8Rows[c] >> state & 63 is the state after
// byte c.
var utf8Rows = func() (t [256]uint64) {
	set := func(c int, from, to uint64) { t[c] |= to << from }
	for c := 0; c < 256; c++ {
		switch {
		case c < utf8.RuneSelf:
			set(c, dfaAccept, dfaAccept)
			if !plainASCII[c] {
				t[c] |= dfaEscape
			}
		case c < 0xC0: // continuation bytes
			set(c, dfaNeed1, dfaAccept)
			set(c, dfaNeed2, dfaNeed1)
			set(c, dfaNeed3, dfaNeed2)
			if c >= 0xA0 {
				set(c, dfaAfterE0, dfaNeed1)
			} else {
				set(c, dfaAfterED, dfaNeed1)
			}
			if c >= 0x90 {
				set(c, dfaAfterF0, dfaNeed2)
			} else {
				set(c, dfaAfterF4, dfaNeed2)
			}
		case c < 0xC2: // overlong two-byte forms
		case c < 0xE0:
			set(c, dfaAccept, dfaNeed1)
		case c == 0xE0:
			set(c, dfaAccept, dfaAfterE0)
		case c == 0xED:
			set(c, dfaAccept, dfaAfterED)
		case c < 0xF0:
			set(c, dfaAccept, dfaNeed2)
			if c == 0xE2 {
				t[c] |= dfaLeadE2
			}
		case c == 0xF0:
			set(c, dfaAccept, dfaAfterF0)
		case c < 0xF4:
			set(c, dfaAccept, dfaNeed3)
		case c == 0xF4:
			set(c, dfaAccept, dfaAfterF4)
		}
	}
	return t
}()
