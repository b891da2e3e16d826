package generated_test

import (
	"fmt"
	"reflect"
	"sort"
	"strconv"
	"strings"
)

// dump renders a decoded value as indented Go-like text, one member per line,
// so that a golden diff points at the member that changed. Unexported members
// (the raw input) are left out; they are checked separately.
func dump(v any) string {
	var b strings.Builder
	dumpValue(&b, reflect.ValueOf(v), 0)
	b.WriteByte('\n')
	return b.String()
}

func dumpValue(b *strings.Builder, v reflect.Value, depth int) {
	indent := strings.Repeat("\t", depth)
	t := v.Type()
	switch v.Kind() {
	case reflect.Pointer:
		if v.IsNil() {
			b.WriteString("nil")
			return
		}
		b.WriteByte('&')
		dumpValue(b, v.Elem(), depth)
	case reflect.Struct:
		b.WriteString(t.String() + "{")
		wrote := false
		for i := 0; i < t.NumField(); i++ {
			f := t.Field(i)
			if !f.IsExported() {
				continue
			}
			b.WriteString("\n" + indent + "\t" + f.Name + ": ")
			dumpValue(b, v.Field(i), depth+1)
			wrote = true
		}
		if wrote {
			b.WriteString("\n" + indent)
		}
		b.WriteByte('}')
	case reflect.Slice:
		if v.IsNil() {
			b.WriteString(t.String() + "(nil)")
			return
		}
		if t.Elem().Kind() == reflect.Uint8 {
			fmt.Fprintf(b, "%s(%q)", t.String(), v.Bytes())
			return
		}
		b.WriteString(t.String() + "{")
		for i := 0; i < v.Len(); i++ {
			b.WriteString("\n" + indent + "\t")
			dumpValue(b, v.Index(i), depth+1)
		}
		if v.Len() > 0 {
			b.WriteString("\n" + indent)
		}
		b.WriteByte('}')
	case reflect.Map:
		b.WriteString(t.String() + "{")
		keys := v.MapKeys()
		sort.Slice(keys, func(i, j int) bool { return keys[i].String() < keys[j].String() })
		for _, k := range keys {
			b.WriteString("\n" + indent + "\t" + strconv.Quote(k.String()) + ": ")
			dumpValue(b, v.MapIndex(k), depth+1)
		}
		if len(keys) > 0 {
			b.WriteString("\n" + indent)
		}
		b.WriteByte('}')
	case reflect.String:
		if t.Name() != "string" {
			fmt.Fprintf(b, "%s(%q)", t.String(), v.String())
			return
		}
		b.WriteString(strconv.Quote(v.String()))
	default:
		if st, ok := v.Interface().(fmt.Stringer); ok && t.PkgPath() != "" {
			// Enums: the number on the wire and the name it stands for.
			fmt.Fprintf(b, "%s(%d %s)", t.String(), v.Int(), st.String())
			return
		}
		if t.PkgPath() != "" {
			fmt.Fprintf(b, "%s(%v)", t.String(), v.Interface())
			return
		}
		fmt.Fprintf(b, "%v", v.Interface())
	}
}
