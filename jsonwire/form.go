package jsonwire

import "strconv"

// Form is the JSON form a value arrived in. The zero Form is the declared one.
//
// A schema may declare that a field also arrives in other JSON forms than its
// declared one (a boolean sent as 0/1, an id sent as a number, an object
// sent as []). Decoding accepts them into the declared Go type and keeps the
// form that came, which the generated WireForm methods return; encoding puts
// the value back in that form, so that re-encoding gives the JSON that was
// decoded.
type Form uint8

// The forms a value can arrive in.
const (
	AsDeclared      Form = iota
	AsNumber             // 0/1 for a bool; a number for a string
	AsString             // "123" for an int; "true"/"false" for a bool
	AsNumericString      // "0"/"1" for a bool
	AsBool               // true/false for an int
	AsNull               // null for a string, array or object
	AsEmptyArray         // [] for an object
	AsJSON               // a JSON value other than a string for a string: the string is its JSON text
	AsEmptyString        // "" for an object
)

var formNames = [...]string{
	AsDeclared:      "declared",
	AsNumber:        "number",
	AsString:        "string",
	AsNumericString: "numeric string",
	AsBool:          "boolean",
	AsNull:          "null",
	AsEmptyArray:    "empty array",
	AsJSON:          "JSON text",
	AsEmptyString:   "empty string",
}

// String names the form.
func (f Form) String() string {
	if int(f) < len(formNames) {
		return formNames[f]
	}
	return "Form(" + strconv.Itoa(int(f)) + ")"
}
