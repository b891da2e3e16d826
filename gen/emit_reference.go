package gen

import (
	"cmp"
	"fmt"
	"path"
	"path/filepath"
	"strings"

	"github.com/dave/jennifer/jen"
)

// ReferenceHeader is the first line of a generated reference page.
const ReferenceHeader = "<!-- " + Header + " -->"

// Reference renders the model as a Markdown reference page: every event
// with its Go names, doc text, fields and examples, then the objects, enums,
// unions, signals and documents. schemaLink is the schema folder as a link
// from the page's folder ("../../schema/kook", see ReferenceLink), or "" for
// a schema without one (built into the command): example files are then
// named without links. The order is the schema's, so the page is
// deterministic.
func Reference(m *Model, schemaLink string) []byte {
	examples := schemaLink
	r := &refWriter{m: m, examples: examples}
	r.p(ReferenceHeader)
	r.p("")
	r.p("# Events of `%s`", m.Platform)
	r.p("")
	if t := cmp.Or(m.Doc.EN, m.Doc.ZH); t != "" {
		r.p("%s", t)
		r.p("")
	}
	from := "the schema built into `eventbind`"
	if schemaLink != "" {
		from = "[`" + schemaLink + "`](" + schemaLink + ")"
	}
	r.p("Generated from %s by `go generate` (`eventbind generate --reference`): edit the YAML, not this page.", from)
	r.p("Go package `%s`: each event below is a type, a `Handler` method and a `Mux` method.", m.Package)
	r.p("")
	r.p("[Events](#events) · [Objects](#objects) · [Enums](#enums)%s%s · [Documents](#documents)",
		cond(len(m.Unions) > 0, " · [Unions](#unions)"), cond(m.Signals != nil, " · [Signals](#signals)"))
	r.p("")
	r.events()
	r.objects()
	r.enums()
	r.unions()
	r.signals()
	r.documents()
	return []byte(r.b.String())
}

// ReferenceLink is the schema folder dir as a link from the folder of the
// reference page file.
func ReferenceLink(file, dir string) (string, error) {
	rel, err := filepath.Rel(filepath.Dir(file), dir)
	if err != nil {
		return "", err
	}
	return filepath.ToSlash(rel), nil
}

type refWriter struct {
	m        *Model
	examples string
	b        strings.Builder
}

func (r *refWriter) p(format string, a ...any) {
	fmt.Fprintf(&r.b, format, a...)
	r.b.WriteByte('\n')
}

func cond(ok bool, s string) string {
	if ok {
		return s
	}
	return ""
}

// cell makes text fit in a table cell.
func cell(s string) string {
	s = strings.ReplaceAll(s, "|", `\|`)
	return strings.Join(strings.Fields(s), " ")
}

func docs(ids []string) string {
	if len(ids) == 0 {
		return "—"
	}
	return strings.Join(ids, ", ")
}

func (r *refWriter) events() {
	m := r.m
	r.p("## Events")
	r.p("")
	r.p("| event | Go type | handler | family | documents |")
	r.p("| --- | --- | --- | --- | --- |")
	for _, ev := range m.Events {
		r.p("| [`%s`](#%s) | `%s` | `%s` | %s | %s |", ev.Name, anchor(ev.GoName), ev.GoName, ev.Handling.Method, ev.Family.Name, docs(ev.Doc.Docs))
	}
	r.p("")
	for _, ev := range m.Events {
		r.event(ev)
	}
}

// anchor is an element's link target: its Go name, unique in the package.
func anchor(goName string) string { return strings.ToLower(goName) }

func (r *refWriter) heading(level int, goName, text string) {
	r.p(`<a id="%s"></a>`, anchor(goName))
	r.p("")
	r.p("%s %s", strings.Repeat("#", level), text)
	r.p("")
}

func (r *refWriter) doc(d Doc) {
	if d.ZH != "" {
		r.p("中文: %s", d.ZH)
		r.p("")
	}
	if d.EN != "" {
		r.p("English: %s", d.EN)
		r.p("")
	}
	if d.Note != "" {
		r.p("Note: %s", d.Note)
		r.p("")
	}
}

func (r *refWriter) event(ev *Event) {
	name := "`" + ev.Name + "`"
	if ev.Where != nil {
		name += " (`" + ev.GoName + "`)"
	}
	r.heading(3, ev.GoName, name)
	r.p("| | |")
	r.p("| --- | --- |")
	r.p("| Go type | `%s.%s` |", r.m.Package, ev.GoName)
	r.p("| handler | `Handler.%s`, `Mux.%s` |", ev.Handling.Method, ev.Handling.Mux)
	var keys []string
	for i, k := range ev.Family.Keys {
		keys = append(keys, "`"+strings.Join(k.Field.Path, ".")+"` = `"+keyText(ev.Keys[i], k.Field.IsString)+"`")
	}
	r.p("| family | %s: %s |", ev.Family.Name, strings.Join(keys, ", "))
	if w := ev.Where; w != nil {
		r.p("| variant | where `%s` = `%s` |", strings.Join(w.Key.Path, "."), keyText(w.Value, w.Key.IsString))
	}
	r.p("| documents | %s |", docs(ev.Doc.Docs))
	r.p("")
	r.doc(ev.Doc)
	at, fields, shared := r.ownFields(ev)
	switch {
	case shared != "":
		r.p("Fields (`%s`): %s.", at, shared)
		r.p("")
	case len(fields) > 0:
		r.p("Fields (`%s`):", at)
		r.p("")
		r.fieldTable(fields)
	}
	if len(ev.Examples) > 0 {
		var links []string
		for _, x := range ev.Examples {
			l := r.exampleLink(x.File)
			if x.Doc != "" {
				l += " (" + x.Doc + ")"
			}
			links = append(links, l)
		}
		r.p("Examples: %s.", strings.Join(links, ", "))
		r.p("")
	}
}

func keyText(v KeyValue, isString bool) string {
	if isString {
		return fmt.Sprintf("%q", v.Str)
	}
	return fmt.Sprint(v.Int)
}

func (r *refWriter) exampleLink(file string) string {
	if r.examples == "" {
		return "`" + file + "`"
	}
	return "[`" + path.Base(file) + "`](" + path.Join(r.examples, file) + ")"
}

// ownFields returns the fields of the event's own part (at the family's
// at path), or, when that part is a shared object or an array of them, a
// link to it.
func (r *refWriter) ownFields(ev *Event) (string, []*Field, string) {
	at := "."
	if len(ev.Family.At) > 0 {
		at = strings.Join(ev.Family.At, ".")
	}
	o := ev.Payload
	for _, seg := range ev.Family.At {
		var next *Type
		for _, f := range o.AllFields() {
			if f.JSONName == seg {
				next = f.Type
			}
		}
		if next == nil {
			return at, nil, ""
		}
		if next.Kind != KindObject || next.Object.Owner != ev {
			return at, nil, r.typeLink(next)
		}
		o = next.Object
	}
	return at, o.Fields, ""
}

// typeLink names a type with a link to its section when it has one.
func (r *refWriter) typeLink(t *Type) string {
	switch t.Kind {
	case KindArray:
		return "array of " + r.typeLink(t.Elem)
	case KindMap:
		return "map of " + r.typeLink(t.Elem)
	case KindObject:
		return "[`" + t.Object.GoName + "`](#" + anchor(t.Object.GoName) + ")"
	case KindEnum:
		return "[`" + t.Enum.GoName + "`](#" + anchor(t.Enum.GoName) + ")"
	case KindUnion:
		return "[`" + t.Union.GoName + "`](#" + anchor(t.Union.GoName) + ")"
	}
	return "`" + goText(valueType(t)) + "`"
}

// namedType is the object, enum or union a type is or holds, "" for none.
func namedType(t *Type) string {
	switch t.Kind {
	case KindArray, KindMap:
		return namedType(t.Elem)
	case KindObject:
		return t.Object.GoName
	case KindEnum:
		return t.Enum.GoName
	case KindUnion:
		return t.Union.GoName
	}
	return ""
}

func (r *refWriter) fieldTable(fields []*Field) {
	r.p("| JSON | Go | type | presence | also accepts | documents | doc |")
	r.p("| --- | --- | --- | --- | --- | --- | --- |")
	for _, f := range fields {
		presence := "required"
		switch {
		case f.Optional && f.Nullable:
			presence = "optional, nullable"
		case f.Optional:
			presence = "optional"
		case f.Nullable:
			presence = "nullable"
		}
		var forms []string
		forms = append(forms, f.Forms.Names()...)
		for _, n := range f.ItemForms.Names() {
			forms = append(forms, "items: "+n)
		}
		typ := "`" + goText(goType(f)) + "`"
		if named := namedType(f.Type); named != "" {
			typ = "[" + typ + "](#" + anchor(named) + ")"
		}
		var text []string
		for _, s := range []string{f.Doc.ZH, f.Doc.EN} {
			if s != "" {
				text = append(text, s)
			}
		}
		r.p("| `%s` | `%s` | %s | %s | %s | %s | %s |", f.JSONName, f.GoName, typ, presence,
			cell(strings.Join(forms, ", ")), docs(f.Doc.Docs), cell(strings.Join(text, " / ")))
	}
	r.p("")
}

// goText is a type the emitters build, as Go source: jsonwire.Opt[string].
func goText(t jen.Code) string { return fmt.Sprintf("%#v", t) }

func (r *refWriter) objects() {
	r.p("## Objects")
	r.p("")
	for _, o := range r.m.Objects {
		if o.Owner != nil || o.Variant != nil || o.Signal != nil {
			continue // described with their event, union or signal
		}
		r.heading(3, o.GoName, "`"+o.GoName+"`")
		r.doc(o.Doc)
		if len(o.Doc.Docs) > 0 {
			r.p("Documents: %s.", docs(o.Doc.Docs))
			r.p("")
		}
		if forms := acceptNames(o.Accepts); forms != "" {
			r.p("Also accepted wherever it is a field's type: %s.", forms)
			r.p("")
		}
		r.fieldTable(o.Fields)
	}
}

func acceptNames(as []*Accept) string {
	var out []string
	for _, a := range as {
		out = append(out, a.Form.Names()...)
	}
	return strings.Join(out, ", ")
}

func (r *refWriter) enums() {
	r.p("## Enums")
	r.p("")
	for _, e := range r.m.Enums {
		kind := "int"
		if e.IsString {
			kind = "string"
		}
		r.heading(3, e.GoName, "`"+e.GoName+"` ("+kind+")")
		r.doc(e.Doc)
		if forms := acceptNames(e.Accepts); forms != "" {
			r.p("Also accepted: %s.", forms)
			r.p("")
		}
		r.p("| constant | value | doc |")
		r.p("| --- | --- | --- |")
		for _, v := range e.Values {
			val := fmt.Sprint(v.Int)
			if e.IsString {
				val = fmt.Sprintf("%q", v.Str)
			}
			r.p("| `%s` | `%s` | %s |", v.GoName, val, cell(strings.Join(nonEmpty(v.Doc.ZH, v.Doc.EN), " / ")))
		}
		r.p("")
	}
}

func nonEmpty(s ...string) []string {
	var out []string
	for _, x := range s {
		if x != "" {
			out = append(out, x)
		}
	}
	return out
}

func (r *refWriter) unions() {
	if len(r.m.Unions) == 0 {
		return
	}
	r.p("## Unions")
	r.p("")
	for _, u := range r.m.Unions {
		r.heading(3, u.GoName, "`"+u.GoName+"` (told apart by `"+u.Key+"`)")
		r.doc(u.Doc)
		for _, v := range u.Variants {
			r.heading(4, v.Object.GoName, "`"+v.Value+"`: `"+v.Object.GoName+"`")
			r.doc(v.Object.Doc)
			r.fieldTable(v.Object.Fields)
		}
	}
}

func (r *refWriter) signals() {
	s := r.m.Signals
	if s == nil {
		return
	}
	r.p("## Signals")
	r.p("")
	r.p("Frames other than events, told apart by `%s` (`%d` is an event frame).", s.Key.JSONName, s.Event)
	r.p("")
	for _, sg := range s.List {
		r.heading(3, sg.GoName, "`"+sg.Name+"` (`"+s.Key.JSONName+"` = "+fmt.Sprint(sg.Value)+")")
		r.p("Go type `%s.%s`.", r.m.Package, sg.GoName)
		r.p("")
		r.doc(sg.Doc)
		if len(sg.Object.Fields) > 0 {
			r.fieldTable(sg.Object.Fields)
		}
		if len(sg.Examples) > 0 {
			var links []string
			for _, x := range sg.Examples {
				links = append(links, r.exampleLink(x.File))
			}
			r.p("Examples: %s.", strings.Join(links, ", "))
			r.p("")
		}
	}
}

func (r *refWriter) documents() {
	r.p("## Documents")
	r.p("")
	r.p("| id | title | source |")
	r.p("| --- | --- | --- |")
	for _, d := range r.m.Documents {
		r.p("| `%s` | %s | %s |", d.ID, cell(d.Title), cell(d.Source))
	}
}
