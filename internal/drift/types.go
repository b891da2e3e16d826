package drift

import (
	"encoding/json"
	"strconv"
	"strings"

	"github.com/eventbind/eventbind/gen"
)

// JSON kinds as findings name them.
const (
	jString  = "string"
	jInt     = "integer"
	jNumber  = "number" // with a fraction or an exponent
	jBool    = "boolean"
	jNull    = "null"
	jObject  = "object"
	jArray   = "array"
	jEmptyAr = "empty array"
)

func kindOf(v any) string {
	switch v := v.(type) {
	case string:
		return jString
	case json.Number:
		if _, err := strconv.ParseInt(string(v), 10, 64); err == nil {
			return jInt
		}
		return jNumber
	case bool:
		return jBool
	case nil:
		return jNull
	case map[string]any:
		return jObject
	case []any:
		if len(v) == 0 {
			return jEmptyAr
		}
		return jArray
	}
	return "?"
}

// exampleFits reports whether the schema's type t, with its alternative
// forms, takes the value v. nullable: a null is declared.
func exampleFits(v any, t *gen.Type, forms gen.WireForms, nullable bool) bool {
	k := kindOf(v)
	if k == jNull {
		return nullable || forms&gen.FormNull != 0 || t.Kind == gen.KindRaw
	}
	switch t.Kind {
	case gen.KindRaw:
		return true
	case gen.KindString:
		return k == jString || (k == jInt || k == jNumber) && forms&gen.FormNumber != 0 || forms&gen.FormJSON != 0
	case gen.KindInt, gen.KindInt64:
		return intFits(v, k, forms)
	case gen.KindFloat:
		return k == jInt || k == jNumber || k == jString && forms&gen.FormString != 0
	case gen.KindBool:
		return k == jBool || k == jInt && forms&gen.FormNumber != 0 || k == jString && forms&gen.FormString != 0
	case gen.KindEnum:
		if t.Enum.IsString {
			return k == jString || k == jInt && forms&gen.FormNumber != 0
		}
		return intFits(v, k, forms)
	case gen.KindObject, gen.KindMap:
		return k == jObject || k == jEmptyAr && forms&gen.FormEmptyArray != 0 || v == "" && forms&gen.FormEmptyString != 0
	case gen.KindUnion:
		return k == jObject
	case gen.KindArray:
		return k == jArray || k == jEmptyAr
	}
	return false
}

func intFits(v any, k string, forms gen.WireForms) bool {
	switch k {
	case jInt:
		return true
	case jBool:
		return forms&gen.FormBool != 0
	case jString:
		_, err := strconv.ParseInt(v.(string), 10, 64)
		return err == nil && forms&gen.FormString != 0
	}
	return false
}

// A table's type words, by what they mean.
const (
	wString = "string"
	wNumber = "number"
	wBool   = "bool"
	wObject = "object"
	wArray  = "array"
	wAny    = "any"
)

// word reads a table's type cell ("int", "Map", "boolean", "Array").
func word(s string) string {
	s = strings.ToLower(strings.TrimSpace(s))
	switch {
	case s == "string" || s == "str":
		return wString
	case s == "int" || s == "integer" || s == "int64" || s == "long" || s == "number" || s == "float" || s == "double":
		return wNumber
	case s == "boolean" || s == "bool":
		return wBool
	case s == "map" || s == "object" || s == "dict":
		return wObject
	case s == "array" || s == "list" || strings.HasPrefix(s, "array") || strings.HasSuffix(s, "[]"):
		return wArray
	}
	return wAny // "mixed", or a word we do not know: no check
}

// tableFits reports whether the table's type word suits the field's type:
// string/enum, int/int64/enum/float, boolean/bool, Map/object, Array/slice,
// or a form the field accepts.
func tableFits(w string, f *gen.Field) bool {
	t, forms := f.Type, f.Forms
	switch word(w) {
	case wAny:
		return true
	case wString:
		return t.Kind == gen.KindString || t.Kind == gen.KindEnum && t.Enum.IsString || t.Kind == gen.KindRaw || forms&gen.FormString != 0
	case wNumber:
		return t.Kind == gen.KindInt || t.Kind == gen.KindInt64 || t.Kind == gen.KindFloat || t.Kind == gen.KindEnum && !t.Enum.IsString ||
			t.Kind == gen.KindRaw || forms&gen.FormNumber != 0
	case wBool:
		return t.Kind == gen.KindBool || t.Kind == gen.KindRaw || forms&gen.FormBool != 0
	case wObject:
		return t.Kind == gen.KindObject || t.Kind == gen.KindMap || t.Kind == gen.KindUnion || t.Kind == gen.KindRaw || forms&gen.FormJSON != 0
	case wArray:
		return t.Kind == gen.KindArray || t.Kind == gen.KindRaw
	}
	return false
}

// kindsFitWord reports whether the example's kinds suit the table's word.
func kindsFitWord(kinds []string, w string) bool {
	want := word(w)
	for _, k := range kinds {
		ok := false
		switch k {
		case jString:
			ok = want == wString
		case jInt, jNumber:
			ok = want == wNumber
		case jBool:
			ok = want == wBool
		case jObject:
			ok = want == wObject
		case jArray, jEmptyAr:
			ok = want == wArray
		case jNull:
			ok = true
		}
		if !ok && want != wAny {
			return false
		}
	}
	return true
}

// typeName names a field's type for a finding: "int64", "string enum
// ChannelType", "object Channel", "[]string", with its alternative forms.
func typeName(f *gen.Field, t *gen.Type) string {
	s := baseTypeName(t)
	if f.Nullable {
		s += ", nullable"
	}
	if names := f.Forms.Names(); len(names) > 0 {
		s += " (also " + strings.Join(names, ", ") + ")"
	}
	return s
}

func baseTypeName(t *gen.Type) string {
	switch t.Kind {
	case gen.KindString:
		return "string"
	case gen.KindInt:
		return "int"
	case gen.KindInt64:
		return "int64"
	case gen.KindBool:
		return "bool"
	case gen.KindFloat:
		return "float"
	case gen.KindRaw:
		return "raw"
	case gen.KindEnum:
		if t.Enum.IsString {
			return "string enum " + t.Enum.GoName
		}
		return "int enum " + t.Enum.GoName
	case gen.KindObject:
		return "object " + t.Object.GoName
	case gen.KindUnion:
		return "union " + t.Union.GoName
	case gen.KindArray:
		return "[]" + baseTypeName(t.Elem)
	case gen.KindMap:
		return "map[string]" + baseTypeName(t.Elem)
	}
	return "?"
}
