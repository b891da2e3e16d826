package wireimpl

import (
	"strconv"
	"unicode/utf8"

	"github.com/eventbind/eventbind/jsonwire"
	"github.com/eventbind/eventbind/jsonwire/internal/wirelink"
)

// The runtime's errors are *jsonwire.Error, the type users see. What
// recovering decoding needs to know of one more is its detail, kept in the
// error through package wirelink so that it stays out of jsonwire's API.
type detail struct {
	// For an error about a value's shape: the members around the value,
	// innermost first, which recovering decoding may skip.
	members []memberRef
	// missing marks a required member that an object lacked, which a
	// recovering pass records as a problem instead.
	missing bool
}

// withDetail returns e holding det.
func withDetail(e *jsonwire.Error, det *detail) *jsonwire.Error {
	wirelink.SetDetail(e, det)
	return e
}

// detailOf returns the detail of err, or nil when it has none.
func detailOf(err error) *detail {
	det, _ := wirelink.Detail(err).(*detail)
	return det
}

// memberRef is a member of the document: the offset of its key's opening
// quote and its path without indices ("d.extra.body.joined_at").
type memberRef struct {
	at   int
	path string
}

// Kind is the kind of a JSON value, as told by its first byte.
type Kind uint8

// The kinds of JSON values. KindInvalid stands for "no value here": the end
// of the input or a byte that cannot start a value.
const (
	KindInvalid Kind = iota
	KindNull
	KindBool
	KindNumber
	KindString
	KindArray
	KindObject
)

var kindNames = [...]string{
	KindInvalid: "invalid",
	KindNull:    "null",
	KindBool:    "boolean",
	KindNumber:  "number",
	KindString:  "string",
	KindArray:   "array",
	KindObject:  "object",
}

// String returns the JSON name of the kind, as used in "want X, got Y"
// error messages.
func (k Kind) String() string {
	if int(k) < len(kindNames) {
		return kindNames[k]
	}
	return "Kind(" + strconv.Itoa(int(k)) + ")"
}

// maxLiteral bounds how much of a number literal goes into an error message,
// so a megabyte of digits does not become a megabyte of message.
const maxLiteral = 32

// clipLiteral returns lit for an error message, shortened with "..." when long.
func clipLiteral(lit string) string {
	if len(lit) > maxLiteral {
		return lit[:maxLiteral] + "..."
	}
	return lit
}

// quoteChar renders the character starting at b for a syntax error message:
// a printable rune as 'x', anything else as an escape, and a byte that is not
// UTF-8 as '\xNN'.
func quoteChar(b string) string {
	if len(b) == 0 {
		return "end of input"
	}
	r, size := utf8.DecodeRuneInString(b)
	if r == utf8.RuneError && size <= 1 {
		const hex = "0123456789abcdef"
		return `'\x` + string([]byte{hex[b[0]>>4], hex[b[0]&0xf]}) + `'`
	}
	return strconv.QuoteRune(r)
}

// errAt returns an error at the current path and the given offset.
func (d *Decoder) errAt(off int, msg string) *jsonwire.Error {
	return &jsonwire.Error{Path: d.Path(), Offset: off, Msg: msg}
}

// eof is the error for input that stops in the middle of a value.
func (d *Decoder) eof() *jsonwire.Error {
	return d.errAt(len(d.data), "unexpected end of input")
}

// badChar is the error for the byte at off, which the grammar does not allow
// where it stands; context says what the scanner was looking for.
func (d *Decoder) badChar(off int, context string) *jsonwire.Error {
	if off >= len(d.data) {
		return d.eof()
	}
	return d.errAt(off, "invalid character "+quoteChar(d.data[off:])+" "+context)
}

// wantErr is the error for a value of the wrong kind at the cursor. When there
// is no value at all it reports the syntax error instead, because "got
// invalid" would not help anyone.
func (d *Decoder) wantErr(want Kind) *jsonwire.Error {
	k := d.Kind()
	if k == KindInvalid {
		return d.badChar(d.pos, "looking for a value")
	}
	return d.shapeErr(d.pos, "want "+want.String()+", got "+k.String())
}

// depthErr is the error for nesting beyond the limit.
func (d *Decoder) depthErr(off int) *jsonwire.Error {
	return d.errAt(off, "nesting deeper than "+strconv.Itoa(d.maxDepth()))
}
