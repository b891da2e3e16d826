package wireimpl

import (
	"strconv"

	"github.com/eventbind/eventbind/jsonwire"
)

// A schema may declare that a field also arrives in other JSON forms than its
// declared one (a boolean sent as 0/1, an id sent as a number, an object
// sent as []). The readers below accept the forms they are given into the
// declared Go type and say which form came; the writers put the value back
// in that form, so that re-encoding gives the JSON that was decoded.

// Accept is a set of alternative forms a reader takes besides the declared one.
type Accept uint8

// The alternative forms a field may declare.
const (
	AcceptNumber      Accept = 1 << iota // a bool as 0 or 1; a string as a number (its literal is the string)
	AcceptString                         // an int or float as its literal in a string; a bool as "true", "false", "0" or "1"
	AcceptBool                           // an int as true (1) or false (0)
	AcceptNull                           // a string, array or object as null (empty)
	AcceptEmptyArray                     // an object as [] (empty)
	AcceptJSON                           // a string as any other JSON value, kept as its JSON text
	AcceptEmptyString                    // an object as "" (empty)
)

// Forms holds the forms of an array's elements: nil while every element came
// in its declared form, so that the common case costs nothing.
type Forms []jsonwire.Form

// At returns the form of element i.
func (fs Forms) At(i int) jsonwire.Form {
	if i < len(fs) {
		return fs[i]
	}
	return jsonwire.AsDeclared
}

// With returns fs with element i's form set to f.
func (fs Forms) With(i int, f jsonwire.Form) Forms {
	if f == jsonwire.AsDeclared && i >= len(fs) {
		return fs
	}
	for len(fs) <= i {
		fs = append(fs, jsonwire.AsDeclared)
	}
	fs[i] = f
	return fs
}

// BoolAs reads a boolean, or one of the forms in a: 0 or 1 (AcceptNumber),
// "true", "false", "0" or "1" (AcceptString). Other numbers and strings are
// errors: they would not re-encode as they came.
func (d *Decoder) BoolAs(a Accept) (bool, jsonwire.Form, error) {
	c, ok := d.peek()
	switch {
	case ok && (c == '-' || isDigit(c)) && a&AcceptNumber != 0:
		lit, end, _, err := d.number()
		if err != nil {
			return false, 0, err
		}
		if lit != "0" && lit != "1" {
			return false, 0, d.shapeErr(d.pos, "want boolean or 0/1, got "+clipLiteral(lit))
		}
		d.pos = end
		return lit == "1", jsonwire.AsNumber, nil
	case ok && c == '"' && a&AcceptString != 0:
		start := d.pos
		s, err := d.readString()
		if err != nil {
			return false, 0, err
		}
		switch s {
		case "true", "false":
			return s == "true", jsonwire.AsString, nil
		case "0", "1":
			return s == "1", jsonwire.AsNumericString, nil
		}
		return false, 0, d.shapeErr(start, "want boolean, got string "+strconv.Quote(clipLiteral(s)))
	}
	v, err := d.Bool()
	return v, jsonwire.AsDeclared, err
}

// IntAs reads an integer that fits in an int, or one of the forms in a: its
// decimal literal in a string (AcceptString), true or false for 1 or 0
// (AcceptBool).
func (d *Decoder) IntAs(a Accept) (int, jsonwire.Form, error) {
	v, f, err := d.integerAs(strconv.IntSize, a)
	return int(v), f, err
}

// Int64As is IntAs for int64 values.
func (d *Decoder) Int64As(a Accept) (int64, jsonwire.Form, error) {
	return d.integerAs(64, a)
}

func (d *Decoder) integerAs(bits uint, a Accept) (int64, jsonwire.Form, error) {
	c, ok := d.peek()
	switch {
	case ok && c == '"' && a&AcceptString != 0:
		start := d.pos
		s, err := d.readString()
		if err != nil {
			return 0, 0, err
		}
		v, err := strconv.ParseInt(s, 10, int(bits))
		// Only the canonical literal: "007" or "+7" would re-encode as "7".
		if err != nil || strconv.FormatInt(v, 10) != s {
			return 0, 0, d.shapeErr(start, "want integer, got string "+strconv.Quote(clipLiteral(s)))
		}
		return v, jsonwire.AsString, nil
	case ok && (c == 't' || c == 'f') && a&AcceptBool != 0:
		v, err := d.Bool()
		if err != nil {
			return 0, 0, err
		}
		if v {
			return 1, jsonwire.AsBool, nil
		}
		return 0, jsonwire.AsBool, nil
	}
	v, err := d.integer(bits)
	return v, jsonwire.AsDeclared, err
}

// Float64As reads a number, or its literal in a string (AcceptString) when
// that literal is the one AppendFloat writes, so that it re-encodes as it came.
func (d *Decoder) Float64As(a Accept) (float64, jsonwire.Form, error) {
	if c, ok := d.peek(); ok && c == '"' && a&AcceptString != 0 {
		start := d.pos
		s, err := d.readString()
		if err != nil {
			return 0, 0, err
		}
		v, perr := strconv.ParseFloat(s, 64)
		if perr != nil || string(AppendFloat(nil, v)) != s {
			return 0, 0, d.shapeErr(start, "want number, got string "+strconv.Quote(clipLiteral(s)))
		}
		return v, jsonwire.AsString, nil
	}
	v, err := d.Float64()
	return v, jsonwire.AsDeclared, err
}

// StringAs reads a string, or one of the forms in a: a number, whose literal
// becomes the string (AcceptNumber: ids that some servers send unquoted),
// null for "" (AcceptNull), or any other value, whose JSON text becomes the
// string (AcceptJSON: a member sent as an object by some servers and as that
// object's JSON in a string by others). Number and null go to their own
// forms when a holds them.
func (d *Decoder) StringAs(a Accept) (string, jsonwire.Form, error) {
	if d.pos < len(d.data) && d.data[d.pos] == '"' {
		// The declared form, nearly always: no look at the others.
		s, err := d.readString()
		return s, jsonwire.AsDeclared, err
	}
	c, ok := d.peek()
	switch {
	case ok && c != '"' && a&AcceptJSON != 0 && !(a&AcceptNumber != 0 && (c == '-' || isDigit(c))) && !(a&AcceptNull != 0 && c == 'n'):
		// The value's text, a substring of the input as plain strings are.
		start, err := d.skipValue()
		if err != nil {
			return "", 0, err
		}
		return d.data[start:d.pos], jsonwire.AsJSON, nil
	case ok && (c == '-' || isDigit(c)) && a&AcceptNumber != 0:
		lit, end, _, err := d.number()
		if err != nil {
			return "", 0, err
		}
		d.pos = end
		return lit, jsonwire.AsNumber, nil
	case ok && c == 'n' && a&AcceptNull != 0 && d.IsNull():
		return "", jsonwire.AsNull, nil
	}
	s, err := d.readString()
	return s, jsonwire.AsDeclared, err
}

// EmptyAs consumes the next value when it is one of the empty forms in a:
// null (AcceptNull), [] (AcceptEmptyArray) or "" (AcceptEmptyString); it
// reports which, or false having consumed nothing, for the caller to decode
// the value.
func (d *Decoder) EmptyAs(a Accept) (jsonwire.Form, bool) {
	c, ok := d.peek()
	switch {
	case !ok:
	case c == 'n' && a&AcceptNull != 0 && d.IsNull():
		return jsonwire.AsNull, true
	case c == '[' && a&AcceptEmptyArray != 0:
		i := d.pos + 1
		for i < len(d.data) && isSpace(d.data[i]) {
			i++
		}
		if i < len(d.data) && d.data[i] == ']' {
			d.pos = i + 1
			return jsonwire.AsEmptyArray, true
		}
	case c == '"' && a&AcceptEmptyString != 0:
		if d.pos+1 < len(d.data) && d.data[d.pos+1] == '"' {
			d.pos += 2
			return jsonwire.AsEmptyString, true
		}
	}
	return jsonwire.AsDeclared, false
}

// AppendBoolAs appends v in form f.
func AppendBoolAs(b []byte, v bool, f jsonwire.Form) []byte {
	switch f {
	case jsonwire.AsNumber:
		if v {
			return append(b, '1')
		}
		return append(b, '0')
	case jsonwire.AsString:
		if v {
			return append(b, `"true"`...)
		}
		return append(b, `"false"`...)
	case jsonwire.AsNumericString:
		if v {
			return append(b, `"1"`...)
		}
		return append(b, `"0"`...)
	}
	return AppendBool(b, v)
}

// AppendIntAs appends v in form f; a value that form cannot hold (an int
// other than 0 and 1 that came as a boolean) goes out as a number.
func AppendIntAs(b []byte, v int64, f jsonwire.Form) []byte {
	switch {
	case f == jsonwire.AsString:
		b = append(b, '"')
		b = AppendInt(b, v)
		return append(b, '"')
	case f == jsonwire.AsBool && v == 1:
		return append(b, "true"...)
	case f == jsonwire.AsBool && v == 0:
		return append(b, "false"...)
	}
	return AppendInt(b, v)
}

// AppendFloatAs appends v in form f.
func AppendFloatAs(b []byte, v float64, f jsonwire.Form) []byte {
	if f == jsonwire.AsString {
		b = append(b, '"')
		b = AppendFloat(b, v)
		return append(b, '"')
	}
	return AppendFloat(b, v)
}

// AppendStringAs appends s in form f: as the number it came as while it
// still is a number's literal, as null while it is empty, as the JSON value
// it came as while it still is one value other than a string.
func AppendStringAs(b []byte, s string, f jsonwire.Form) []byte {
	switch {
	case f == jsonwire.AsJSON && isJSONText(s):
		return append(b, s...)
	case f == jsonwire.AsNumber && isNumberLiteral(s):
		return append(b, s...)
	case f == jsonwire.AsNull && s == "":
		return append(b, "null"...)
	}
	return AppendString(b, s)
}

// AppendEmptyAs appends the empty form f (null, [] or "") of an empty value.
func AppendEmptyAs(b []byte, f jsonwire.Form) []byte {
	switch f {
	case jsonwire.AsEmptyArray:
		return append(b, "[]"...)
	case jsonwire.AsEmptyString:
		return append(b, `""`...)
	}
	return append(b, "null"...)
}

// isNumberLiteral reports whether s is exactly one JSON number.
func isNumberLiteral(s string) bool {
	if s == "" {
		return false
	}
	d := Decoder{data: s}
	end, _, err := d.scanNumber(0)
	return err == nil && end == len(s)
}

// isJSONText reports whether s is exactly one JSON value that is not a
// string, without surrounding space (a value that came as AsJSON and was
// not changed since).
func isJSONText(s string) bool {
	if s == "" || s[0] == '"' || isSpace(s[0]) {
		return false
	}
	// A pooled Decoder: its container stack is reused, so that encoding
	// allocates nothing here.
	d := AcquireDecoder(s, "")
	defer d.Release()
	if _, err := d.skipValue(); err != nil {
		return false
	}
	return d.pos == len(s)
}
