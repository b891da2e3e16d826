package generated_test

import (
	"bytes"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"sort"
	"strings"
	"testing"

	"github.com/eventbind/eventbind/events/kook"
	"github.com/eventbind/eventbind/gen"
	"github.com/eventbind/eventbind/jsonwire"
)

// TestKOOKAlternativeForms exercises every alternative form that the KOOK
// schema declares (accepts:), found by walking the model, not a list kept by
// hand. For each member of each example that may come in another form, it
// rewrites the example with the member in that form, then checks that the
// frame decodes, that the Go value is the one the declared form gives, that
// WireForm names the form, and that re-encoding gives the rewritten JSON. A
// declared form that no example reaches fails the test.
func TestKOOKAlternativeForms(t *testing.T) {
	m := kookModel(t)
	want := map[string]bool{} // "<object>.<field> <form>" for every declared form
	for _, o := range m.Objects {
		for _, f := range o.Fields {
			for _, n := range f.Forms.Names() {
				want[o.GoName+"."+f.JSONName+" "+n] = true
			}
			for _, n := range f.ItemForms.Names() {
				want[o.GoName+"."+f.JSONName+"[] "+n] = true
			}
		}
	}
	if len(want) == 0 {
		t.Fatal("the KOOK schema declares no alternative form")
	}
	done := map[string]bool{}
	for _, ev := range m.Events {
		for _, x := range ev.Examples {
			data, err := os.ReadFile(filepath.Join(kookSchema, x.File))
			if err != nil {
				t.Fatal(err)
			}
			doc := parseJSON(t, data)
			d, ok := doc.(map[string]any)["d"]
			if !ok {
				continue
			}
			walkForms(ev.Payload, d, []any{"d"}, nil, func(c formCase) {
				key := c.object.GoName + "." + c.field.JSONName
				if c.item {
					key += "[]"
				}
				key += " " + c.form
				t.Run(filepath.Base(x.File)+"/"+pathString(c.path)+"/"+c.form, func(t *testing.T) {
					checkFormCase(t, doc, c)
				})
				done[key] = true
			})
		}
	}
	var missed []string
	for k := range want {
		if !done[k] {
			missed = append(missed, k)
		}
	}
	sort.Strings(missed)
	if len(missed) > 0 {
		t.Errorf("no example reaches these declared forms: %s", strings.Join(missed, "; "))
	}
	t.Logf("%d declared forms, %d reached", len(want), len(done))
}

// formCase is one member of an example rewritten into one alternative form.
type formCase struct {
	object  *gen.Object
	field   *gen.Field
	item    bool     // the form applies to an element of the array
	form    string   // the schema's name of the form
	path    []any    // JSON path of the value rewritten (keys and indices)
	goPath  []string // Go field names from the event to the field
	index   int      // the element, when item
	from    any      // the value in its declared form
	to      any      // the value in the alternative form
	goValue any      // the Go value both must decode to
	wire    jsonwire.Form
	absent  bool // the member is absent from the example: it is added in the form
}

// walkForms calls fn for every way the members below v (the JSON of object
// o, at path; goPath its Go field names from the event) can be rewritten
// into a form their field accepts.
func walkForms(o *gen.Object, v any, path []any, goPath []string, fn func(formCase)) {
	obj, ok := v.(map[string]any)
	if !ok {
		return
	}
	for _, sf := range o.AllFields() {
		f := sf.Field
		val, present := obj[f.JSONName]
		// An optional object absent from every example is added in its
		// empty forms, so that each use of the object is reached.
		emptyOnly := !present && f.Optional && (f.Type.Kind == gen.KindObject || f.Type.Kind == gen.KindMap)
		if !present && f.ItemForms == 0 && !emptyOnly {
			continue
		}
		owner := o
		if sf.Via != "" {
			owner = o.Base
		}
		p := append(append([]any{}, path...), f.JSONName)
		gp := append([]string{}, goPath...)
		if sf.Via != "" {
			gp = append(gp, sf.Via) // the embedded base, which has the wire member
		}
		gp = append(gp, f.GoName)
		for _, n := range f.Forms.Names() {
			if emptyOnly {
				if c, ok := rewrite(f, n, nil); ok && c.goValue == nil {
					c.object, c.field, c.path, c.goPath, c.absent = owner, f, p, gp, true
					fn(c)
				}
				continue
			}
			if !present {
				break
			}
			if c, ok := rewrite(f, n, val); ok {
				c.object, c.field, c.path, c.goPath = owner, f, p, gp
				fn(c)
			}
		}
		if f.ItemForms != 0 {
			arr, _ := val.([]any)
			for _, n := range f.ItemForms.Names() {
				// The first element, or one added to an empty array.
				var elem any
				if len(arr) > 0 {
					elem = arr[0]
				} else {
					elem = sampleElem(f.Type.Elem)
				}
				c, ok := rewrite(&gen.Field{Type: f.Type.Elem}, n, elem)
				if !ok {
					continue
				}
				c.object, c.field, c.item, c.path, c.goPath = owner, f, true, p, gp
				fn(c)
			}
		}
		if f.Type.Kind == gen.KindObject {
			walkForms(f.Type.Object, val, p, gp, fn)
		}
		// The first object of an array stands for its elements (an array
		// body's elements are all in one).
		if f.Type.Kind == gen.KindArray && f.Type.Elem.Kind == gen.KindObject {
			if arr, _ := val.([]any); len(arr) > 0 {
				ip := append(append([]any{}, p...), 0)
				igp := append(append([]string{}, gp...), "[0]")
				walkForms(f.Type.Elem.Object, arr[0], ip, igp, fn)
			}
		}
	}
}

// sampleElem is an element in the declared form of an array's elements.
func sampleElem(t *gen.Type) any {
	if t.Kind == gen.KindString || t.Kind == gen.KindEnum && t.Enum.IsString {
		return "1234567890"
	}
	return json.Number("7")
}

// rewrite returns the case that puts val, of field f, in form; false when
// val cannot take it (a form that would change the value).
func rewrite(f *gen.Field, form string, val any) (formCase, bool) {
	c := formCase{form: form, from: val}
	k := f.Type.Kind
	if k == gen.KindEnum {
		k = gen.KindInt
		if f.Type.Enum.IsString {
			k = gen.KindString
		}
	}
	switch {
	case k == gen.KindBool && form == "number":
		b, _ := val.(bool)
		c.to, c.goValue, c.wire = json.Number(map[bool]string{true: "1", false: "0"}[b]), b, jsonwire.AsNumber
	case k == gen.KindBool && form == "string":
		b, _ := val.(bool)
		c.to, c.goValue, c.wire = fmt.Sprint(b), b, jsonwire.AsString
	case (k == gen.KindInt || k == gen.KindInt64) && form == "string":
		n, ok := val.(json.Number)
		if !ok {
			return c, false
		}
		i, err := n.Int64()
		if err != nil {
			return c, false
		}
		c.to, c.goValue, c.wire = n.String(), i, jsonwire.AsString
	case (k == gen.KindInt || k == gen.KindInt64) && form == "bool":
		n, _ := val.(json.Number)
		switch n {
		case "0", "1":
		default:
			n = "1" // the case of a member whose example value is another
		}
		c.from = n
		i, _ := n.Int64()
		c.to, c.goValue, c.wire = n == "1", i, jsonwire.AsBool
	case k == gen.KindString && form == "number":
		s, _ := val.(string)
		if s == "" || strings.Trim(s, "0123456789") != "" || s[0] == '0' {
			s = "1234567890"
			c.from = s
		}
		c.to, c.goValue, c.wire = json.Number(s), s, jsonwire.AsNumber
	case k == gen.KindString && form == "null":
		c.from, c.to, c.goValue, c.wire = "", nil, "", jsonwire.AsNull
	case k == gen.KindString && form == "json":
		// A string holding JSON text, against that value itself.
		text := `{"data":{"item_id":10001},"type":"item"}` // keys sorted, as setPath writes them
		var v any
		dec := json.NewDecoder(strings.NewReader(text))
		dec.UseNumber()
		if err := dec.Decode(&v); err != nil {
			panic(err)
		}
		c.from, c.to, c.goValue, c.wire = text, v, text, jsonwire.AsJSON
	case (k == gen.KindObject || k == gen.KindMap) && form == "empty_string":
		c.to, c.goValue, c.wire = "", nil, jsonwire.AsEmptyString
	case (k == gen.KindObject || k == gen.KindMap) && form == "empty_array":
		c.to, c.goValue, c.wire = []any{}, nil, jsonwire.AsEmptyArray
	case (k == gen.KindObject || k == gen.KindMap || k == gen.KindArray) && form == "null":
		c.to, c.goValue, c.wire = nil, nil, jsonwire.AsNull
	default:
		return c, false
	}
	return c, true
}

// checkFormCase decodes the example with the value in its declared form and
// in the alternative one, and compares.
func checkFormCase(t *testing.T, doc any, c formCase) {
	declared := setPath(t, doc, c, c.from)
	if c.absent {
		declared = mustMarshal(t, doc)
	}
	alt := setPath(t, doc, c, c.to)
	evD, err := kook.Decode(declared)
	if err != nil {
		t.Fatalf("declared form: %v\n%s", err, declared)
	}
	evA, err := kook.Decode(alt)
	if err != nil {
		t.Fatalf("alternative form: %v\n%s", err, alt)
	}
	gotD, gotA := goField(t, evD, c.goPath), goField(t, evA, c.goPath)
	if c.item {
		gotD, gotA = gotD.Index(c.index), gotA.Index(c.index)
	}
	switch c.goValue.(type) {
	case nil: // an empty container: the zero value
		if !gotA.IsZero() && !(gotA.Kind() == reflect.Slice && gotA.Len() == 0) && !isEmptyStruct(gotA) {
			t.Errorf("Go value %#v, want the zero value", gotA.Interface())
		}
	default:
		if !reflect.DeepEqual(gotD.Interface(), gotA.Interface()) {
			t.Errorf("Go value %#v, want %#v as the declared form gives", gotA.Interface(), gotD.Interface())
		}
		if got := underlying(gotA); fmt.Sprint(got) != fmt.Sprint(c.goValue) {
			t.Errorf("Go value %v, want %v", got, c.goValue)
		}
	}
	if w := wireForm(t, evA, c); w != c.wire {
		t.Errorf("WireForm = %v, want %v", w, c.wire)
	}
	if w := wireForm(t, evD, c); w != jsonwire.AsDeclared {
		t.Errorf("WireForm of the declared form = %v", w)
	}
	sameJSON(t, "re-encoding the alternative form", alt, evA.AppendJSON(nil))
	sameJSON(t, "re-encoding the declared form", declared, evD.AppendJSON(nil))
}

// underlying is v's value without its named type: an enum's String method
// would print the value's name (Microphone), not the number that came.
func underlying(v reflect.Value) any {
	switch v.Kind() {
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
		return v.Int()
	case reflect.String:
		return v.String()
	}
	return v.Interface()
}

func isEmptyStruct(v reflect.Value) bool {
	if v.Kind() != reflect.Struct {
		return false
	}
	for i := 0; i < v.NumField(); i++ {
		if f := v.Type().Field(i); f.IsExported() && !v.Field(i).IsZero() {
			return false
		}
	}
	return true
}

// goField follows Go field names from the event, through Opt and Null.
func goField(t *testing.T, ev kook.Event, names []string) reflect.Value {
	v := reflect.ValueOf(ev).Elem()
	for _, n := range names {
		v = unwrap(v)
		if n == "[0]" { // an array's first element
			v = v.Index(0)
			continue
		}
		f := v.FieldByName(n)
		if !f.IsValid() {
			t.Fatalf("%T has no field %s (path %v)", ev, n, names)
		}
		v = f
	}
	return unwrap(v)
}

// unwrap returns the value inside jsonwire.Opt and jsonwire.Null, or
// behind the pointer of an optional object (its zero value when nil).
func unwrap(v reflect.Value) reflect.Value {
	for {
		switch {
		case v.Kind() == reflect.Pointer && v.Type().Elem().Kind() == reflect.Struct:
			if v.IsNil() {
				return reflect.New(v.Type().Elem()).Elem()
			}
			v = v.Elem()
		case v.Kind() == reflect.Struct && (strings.HasPrefix(v.Type().Name(), "Opt[") || strings.HasPrefix(v.Type().Name(), "Null[")):
			v = v.FieldByName("Value")
		default:
			return v
		}
	}
}

// wireForm asks the struct holding the field for its form.
func wireForm(t *testing.T, ev kook.Event, c formCase) jsonwire.Form {
	holder := reflect.ValueOf(ev)
	if len(c.goPath) > 1 {
		holder = goField(t, ev, c.goPath[:len(c.goPath)-1]).Addr()
	}
	m := holder.MethodByName("WireForm")
	if !m.IsValid() {
		t.Fatalf("%s has no WireForm", holder.Type())
	}
	i := -1
	if c.item {
		i = c.index
	}
	out := m.Call([]reflect.Value{reflect.ValueOf(c.field.JSONName), reflect.ValueOf(i)})
	return out[0].Interface().(jsonwire.Form)
}

// setPath returns doc with the value at c.path replaced (or, for an item,
// its first element replaced or an element added), encoded.
func setPath(t *testing.T, doc any, c formCase, v any) []byte {
	cp := parseJSON(t, mustMarshal(t, doc))
	cur := cp
	for i, step := range c.path {
		last := i == len(c.path)-1
		if n, ok := step.(int); ok { // an element on the way (the path ends with a key)
			cur = cur.([]any)[n]
			continue
		}
		obj := cur.(map[string]any)
		key := step.(string)
		if last {
			if !c.item {
				obj[key] = v
				break
			}
			arr, _ := obj[key].([]any)
			if len(arr) == 0 {
				arr = []any{nil}
			}
			arr[0] = v
			obj[key] = arr
			break
		}
		cur = obj[key]
	}
	return mustMarshal(t, cp)
}

func parseJSON(t *testing.T, data []byte) any {
	t.Helper()
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.UseNumber()
	var v any
	if err := dec.Decode(&v); err != nil {
		t.Fatal(err)
	}
	return v
}

func mustMarshal(t *testing.T, v any) []byte {
	t.Helper()
	b, err := json.Marshal(v)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

func pathString(p []any) string {
	var b strings.Builder
	for i, s := range p {
		if i > 0 {
			b.WriteByte('.')
		}
		fmt.Fprint(&b, s)
	}
	return b.String()
}
