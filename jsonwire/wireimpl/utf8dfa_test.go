package wireimpl

import (
	"strings"
	"testing"
	"unicode/utf8"
)

// holdsAsIsWant is holdsAsIs said the slow way.
func holdsAsIsWant(s string) bool {
	if !utf8.ValidString(s) || strings.ContainsAny(s, "\"\\\u2028\u2029") {
		return false
	}
	for i := 0; i < len(s); i++ {
		if s[i] < 0x20 {
			return false
		}
	}
	return true
}

// TestHoldsAsIs checks the automaton on every string of one to three bytes
// and on four-byte strings with every lead and second byte; the one-, two-
// and four-byte strings also after seven and eight ASCII bytes (so that they
// cross and fill the word-at-a-time loop).
func TestHoldsAsIs(t *testing.T) {
	edges := []byte{0x00, 0x1F, 0x20, 0x22, 0x5C, 0x7F, 0x80, 0x8F, 0x90, 0x9F, 0xA0, 0xA8, 0xA9, 0xBF, 0xC0, 0xC2, 0xE2, 0xF4, 0xFF}
	prefixes := []string{"", "abcdefg", "abcdefgh"}
	check := func(s string) {
		for _, p := range prefixes {
			if got, want := holdsAsIs(p+s, 0), holdsAsIsWant(p+s); got != want {
				t.Fatalf("holdsAsIs(%q) = %v, want %v", p+s, got, want)
			}
		}
	}
	var buf [4]byte
	for a := 0; a < 256; a++ {
		buf[0] = byte(a)
		check(string(buf[:1]))
		for b := 0; b < 256; b++ {
			buf[1] = byte(b)
			check(string(buf[:2]))
			for c := 0; c < 256; c++ {
				buf[2] = byte(c)
				if got, want := holdsAsIs(string(buf[:3]), 0), holdsAsIsWant(string(buf[:3])); got != want {
					t.Fatalf("holdsAsIs(%q) = %v, want %v", buf[:3], got, want)
				}
			}
			if a >= 0xF0 {
				for _, c := range edges {
					for _, d := range edges {
						buf[2], buf[3] = c, d
						check(string(buf[:4]))
					}
				}
			}
		}
	}
	// A rune cut by the end, a separator after a run of CJK, and the
	// starting offset.
	check("中文中文中文\xe4\xb8")
	check("中文中文中文\u2028")
	check("中文 ✨ 和 ❤️ text")
	if !holdsAsIs("\"中文", 1) || holdsAsIs("中文\"", 0) || !holdsAsIs("\u2028中文✨", 3) {
		t.Fatal("holdsAsIs does not start at i")
	}
}
