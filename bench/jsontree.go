package bench

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"strconv"
	"unicode/utf8"
)

// The corpus generator rewrites values inside the documented examples. It parses
// them into this ordered tree, not into map[string]any, so that every frame
// keeps the member order of its example, as a real server would send it.

// object is a JSON object with its members in document order.
type object []member

type member struct {
	key string
	val any // object, array, string, number or literal
}

// array is a JSON array.
type array []any

// number is a JSON number as written, so that re-encoding keeps its spelling.
type number string

// literal is true, false or null.
type literal string

// get returns the value of the member key, or nil.
func (o object) get(key string) any {
	for _, m := range o {
		if m.key == key {
			return m.val
		}
	}
	return nil
}

// lookup follows a path of member names from v; nil when one is missing.
func lookup(v any, path ...string) any {
	for _, key := range path {
		o, ok := v.(object)
		if !ok {
			return nil
		}
		v = o.get(key)
	}
	return v
}

// parseTree parses one JSON value into the ordered tree.
func parseTree(data []byte) (any, error) {
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.UseNumber()
	v, err := parseValue(dec)
	if err != nil {
		return nil, err
	}
	if _, err := dec.Token(); err != io.EOF {
		return nil, fmt.Errorf("data after the JSON value")
	}
	return v, nil
}

func parseValue(dec *json.Decoder) (any, error) {
	tok, err := dec.Token()
	if err != nil {
		return nil, err
	}
	switch tok := tok.(type) {
	case json.Delim:
		switch tok {
		case '{':
			obj := object{}
			for dec.More() {
				key, err := dec.Token()
				if err != nil {
					return nil, err
				}
				val, err := parseValue(dec)
				if err != nil {
					return nil, err
				}
				obj = append(obj, member{key: key.(string), val: val})
			}
			_, err := dec.Token() // '}'
			return obj, err
		case '[':
			arr := array{}
			for dec.More() {
				val, err := parseValue(dec)
				if err != nil {
					return nil, err
				}
				arr = append(arr, val)
			}
			_, err := dec.Token() // ']'
			return arr, err
		}
		return nil, fmt.Errorf("unexpected %v", tok)
	case string:
		return tok, nil
	case json.Number:
		return number(tok), nil
	case bool:
		return literal(strconv.FormatBool(tok)), nil
	case nil:
		return literal("null"), nil
	}
	return nil, fmt.Errorf("unexpected token %v", tok)
}

// kindOf names the JSON kind of a tree value; a rewrite must not change it.
func kindOf(v any) string {
	switch v := v.(type) {
	case object:
		return "object"
	case array:
		return "array"
	case string:
		return "string"
	case number:
		return "number"
	case literal:
		if v == "null" {
			return "null"
		}
		return "bool"
	}
	return fmt.Sprintf("%T", v)
}

// escaping is how a frame's strings are escaped. Servers differ: Go and
// JavaScript write UTF-8 as is, PHP's json_encode (KOOK's server side) writes
// \/ and \uXXXX for every non-ASCII rune, with surrogate pairs for emoji.
type escaping int

const (
	escapeMinimal escaping = iota // only what JSON requires: " \ and control characters
	escapeASCII                   // also / as \/ and non-ASCII runes as \uXXXX
)

// appendTree appends v as compact JSON.
func appendTree(b []byte, v any, esc escaping) []byte {
	switch v := v.(type) {
	case object:
		b = append(b, '{')
		for i, m := range v {
			if i > 0 {
				b = append(b, ',')
			}
			b = appendString(b, m.key, esc)
			b = append(b, ':')
			b = appendTree(b, m.val, esc)
		}
		return append(b, '}')
	case array:
		b = append(b, '[')
		for i, x := range v {
			if i > 0 {
				b = append(b, ',')
			}
			b = appendTree(b, x, esc)
		}
		return append(b, ']')
	case string:
		return appendString(b, v, esc)
	case number:
		return append(b, v...)
	case literal:
		return append(b, v...)
	}
	panic(fmt.Sprintf("bench: unexpected tree value %T", v))
}

const hexDigits = "0123456789abcdef"

func appendString(b []byte, s string, esc escaping) []byte {
	b = append(b, '"')
	for _, r := range s {
		switch {
		case r == '"':
			b = append(b, '\\', '"')
		case r == '\\':
			b = append(b, '\\', '\\')
		case r == '\n':
			b = append(b, '\\', 'n')
		case r == '\r':
			b = append(b, '\\', 'r')
		case r == '\t':
			b = append(b, '\\', 't')
		case r < 0x20:
			b = appendUnicodeEscape(b, r)
		case r == '/' && esc == escapeASCII:
			b = append(b, '\\', '/')
		case r < utf8.RuneSelf || esc == escapeMinimal:
			b = utf8.AppendRune(b, r)
		case r > 0xFFFF:
			r -= 0x10000
			b = appendUnicodeEscape(b, 0xD800+(r>>10))
			b = appendUnicodeEscape(b, 0xDC00+(r&0x3FF))
		default:
			b = appendUnicodeEscape(b, r)
		}
	}
	return append(b, '"')
}

func appendUnicodeEscape(b []byte, r rune) []byte {
	return append(b, '\\', 'u', hexDigits[r>>12&0xF], hexDigits[r>>8&0xF], hexDigits[r>>4&0xF], hexDigits[r&0xF])
}
