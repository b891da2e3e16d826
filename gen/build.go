package gen

import (
	"fmt"
	"go/token"
	"path/filepath"
	"slices"
	"strconv"
	"strings"

	"go.yaml.in/yaml/v3"
)

// builder checks a schemaSpec and resolves it into a Model. It reports every
// problem it finds, each at its position, and yields a model only when there
// are none.
type builder struct {
	ps       *problems
	m        *Model
	docs     map[string]bool
	enums    map[string]*Enum
	objects  map[string]*Object
	typeAt   map[string]pos // Go type name → where it was declared
	constAt  map[string]pos // enum constant name → where its value was declared
	unions   map[string]*Union
	families map[string]*Family
	keys     map[string]*KeyField // by dotted path
	// misplaced are events whose place in the dispatch tree was refused,
	// with a problem reported.
	misplaced map[*Event]bool
}

// Build loads the schema folders and returns the checked model.
// Loading and checking run in one pass so that every problem is reported at once.
func Build(dirs []string) (*Model, error) {
	var ds []Dir
	for _, d := range dirs {
		ds = append(ds, Dir{Path: d})
	}
	return BuildDirs(ds)
}

// BuildDirs is Build for folders that may be in a file system of their own
// (the schemas embedded in the command).
func BuildDirs(dirs []Dir) (*Model, error) {
	ps := &problems{}
	s, err := loadSchema(dirs, ps)
	if err != nil {
		return nil, err
	}
	return build(s, ps)
}

func build(s *schemaSpec, ps *problems) (*Model, error) {
	b := &builder{
		ps: ps, m: &Model{Unknown: unknownHandling}, docs: map[string]bool{},
		enums: map[string]*Enum{}, objects: map[string]*Object{}, unions: map[string]*Union{}, typeAt: map[string]pos{}, constAt: map[string]pos{},
		families: map[string]*Family{}, keys: map[string]*KeyField{},
	}
	if s.platform == nil {
		ps.list = append(ps.list, &Problem{File: "(schema)", Msg: "no file declares the platform (a top-level `platform:` key)"})
		return nil, ps.err()
	}
	for name := range reservedTypeNames {
		b.typeAt[name] = pos{file: "(generated)"}
	}
	if fr := s.platform.Frame; fr != nil && fr.Signal != nil {
		for name := range reservedSignalNames {
			b.typeAt[name] = pos{file: "(generated)"}
		}
	}
	b.platform(s.platform)
	for _, e := range s.enums {
		b.enum(e)
	}
	// Objects are declared before their fields are resolved, so that they may
	// refer to each other in any order.
	for _, o := range s.objects {
		if b.declareType(o.Name, o.at, "object") {
			obj := &Object{GoName: o.Name}
			b.objects[o.Name] = obj
			b.m.Objects = append(b.m.Objects, obj)
		}
	}
	for _, u := range s.unions {
		un := &Union{GoName: u.Name, UnknownGoName: "Unknown" + u.Name, Key: u.Key}
		if b.declareType(un.GoName, u.at, "union") && b.declareType(un.UnknownGoName, u.at, "union "+u.Name+": generated type") {
			b.unions[u.Name] = un
			b.m.Unions = append(b.m.Unions, un)
		}
	}
	for _, o := range s.objects {
		if obj := b.objects[o.Name]; obj != nil && obj.GoName == o.Name {
			obj.Doc = b.doc(o.Doc, o.Docs, o.docsAt)
			obj.Fields = b.fields(o.Fields, "object "+o.Name, obj.Doc.Docs)
			obj.Accepts = b.accepts(o.Accepts, "object "+o.Name)
			b.checkTypeAccepts(obj.Accepts, &Type{Kind: KindObject, Object: obj}, "object "+o.Name)
		}
	}
	for _, u := range s.unions {
		if un := b.unions[u.Name]; un != nil {
			b.union(u, un)
		}
	}
	if s.platform.Frame != nil {
		b.frame(s.platform.Frame)
	}
	for _, f := range s.platform.Families {
		b.family(f)
	}
	for _, e := range s.events {
		b.event(e)
	}
	b.signals(s.signals, s.platform.Frame != nil && s.platform.Frame.Signal != nil)
	b.checkDerivedNames()
	b.resolveForms(b.m.AllObjects())
	b.checkKeyForms()
	// The dispatch tree is only checked on an otherwise sound schema: earlier
	// problems (a key without a type) would show up again here as clashes.
	if len(b.ps.list) == 0 {
		b.dispatch()
	}
	if n := len(b.m.FrameKeys()) + len(b.m.EventKeys()); len(b.ps.list) == 0 && n > 63 {
		// Claim tests them as the bits of one wireimpl.HasMembers answer.
		b.ps.add(s.platform.at, "platform: %d top-level members tell a line apart (the frame's required members and payload, the families' keys); at most 63", n)
	}
	if err := b.ps.err(); err != nil {
		return nil, err
	}
	return b.m, nil
}

func (b *builder) platform(p *platformSpec) {
	b.m.Platform = p.Name
	b.m.Package = p.Package
	b.m.Doc = Doc{ZH: p.Doc.ZH, EN: p.Doc.EN, Note: p.Doc.Note}
	b.m.UnknownChecked = p.CheckBase
	if !token.IsIdentifier(p.Package) || strings.ToLower(p.Package) != p.Package {
		b.ps.add(p.at, "platform: package %q is not a lower-case Go identifier", p.Package)
	}
	for _, d := range p.Documents {
		if b.docs[d.ID] {
			b.ps.add(d.at, "document %q declared twice", d.ID)
		}
		b.docs[d.ID] = true
		b.m.Documents = append(b.m.Documents, &Document{ID: d.ID, Title: d.Title, Source: d.Source})
	}
	b.extensions(p.Extensions)
}

// extensions checks platform.extensions: one separator byte outside the
// prefix alphabet, and an example that the rule takes.
func (b *builder) extensions(x *extensionSpec) {
	if x == nil {
		return
	}
	ext := &Extensions{PrefixChars: x.PrefixChars, Example: x.Example, Doc: b.doc(docSpec{}, x.Docs, x.docsAt)}
	switch {
	case len(x.Separator) != 1 || strings.Contains(x.PrefixChars, x.Separator):
		b.ps.add(x.sepAt, "platform.extensions: separator %q: want one byte that is not a prefix byte", x.Separator)
	case x.PrefixChars == "":
		b.ps.add(x.at, "platform.extensions: prefix_chars is empty")
	default:
		ext.Separator = x.Separator[0]
		if !ext.Match(x.Example) {
			b.ps.add(x.at, "platform.extensions: example %q is not an extension by its own rule", x.Example)
		}
	}
	b.m.Extensions = ext
}

// checkExample reports an example file that does not exist: the path is
// relative to the folder of the YAML file that lists it.
func (b *builder) checkExample(x *exampleSpec, what string) {
	if x.missing {
		b.ps.add(x.at, "%s: example %s: no such file in %s", what, x.File, filepath.Dir(x.at.file))
	}
}

// declareConst records the package-level name of an enum constant
// (MessageTypeText), which must not be a type's or another constant's.
func (b *builder) declareConst(name string, at pos, what string) {
	if prev, ok := b.typeAt[name]; ok {
		b.ps.add(at, "%s: its constant %s clashes with %s", what, name, describeAt(prev, "the type"))
		return
	}
	if prev, ok := b.constAt[name]; ok {
		b.ps.add(at, "%s: its constant %s clashes with %s", what, name, describeAt(prev, "the constant"))
		return
	}
	b.constAt[name] = at
}

// describeAt names a declaration for a clash message: "the type declared at
// file:line:col", or a name of the generated package.
func describeAt(at pos, what string) string {
	if at.node == nil {
		return "a name of the generated package"
	}
	return fmt.Sprintf("%s declared at %s:%d:%d", what, at.file, at.node.Line, at.node.Column)
}

// checkDerivedNames reports type names whose unexported derivatives would
// clash in the generated package: the arena's slabs and the array readers
// are named by type (sString, readArrayOfString; an array's ListOfString, a
// nullable's NullString, a map's MapOfString), and a union's decoder is
// decode<Union>.
func (b *builder) checkDerivedNames() {
	for _, name := range sortedKeys(b.typeAt) {
		at := b.typeAt[name]
		if at.node == nil {
			continue // the generated package's own
		}
		switch {
		case builtinKeys[name]:
			b.ps.add(at, "type name %q is what the generated package calls the built-in %s in its own names (readArrayOf%s); rename it", name, strings.ToLower(name), name)
		case strings.HasPrefix(name, "ListOf") || strings.HasPrefix(name, "MapOf"):
			b.ps.add(at, "type name %q: the prefixes ListOf and MapOf are the generated package's for arrays and maps; rename it", name)
		case strings.HasPrefix(name, "Null") && (builtinKeys[name[4:]] || b.typeAt[name[4:]].node != nil):
			b.ps.add(at, "type name %q is what the generated package calls a nullable %s in its own names; rename it", name, name[4:])
		}
	}
	for _, u := range b.m.Unions {
		if decodeFuncs["decode"+u.GoName] {
			b.ps.add(b.typeAt[u.GoName], "union name %q: its decoder decode%s would clash with a function of the generated package; rename it", u.GoName, u.GoName)
		}
	}
}

// builtinKeys name the built-in types in the generated package's own names
// (slabKey): a schema type must not take them.
var builtinKeys = func() map[string]bool {
	keys := map[string]bool{}
	for _, k := range []TypeKind{KindString, KindInt, KindInt64, KindBool, KindFloat, KindRaw} {
		keys[slabKey(&Type{Kind: k}, false)] = true
	}
	return keys
}()

// decodeFuncs are the generated package's functions named like a union's
// decoder (decode<Union>).
var decodeFuncs = map[string]bool{
	"decodeEvent": true, "decodeWith": true, "decodeInto": true, "decodeLookingAhead": true,
	"decodeArriving": true, "decodeSignalWith": true,
}

// declareType records a Go type name, reporting a clash with an earlier one
// (a type, or an enum constant: both are package-level names).
func (b *builder) declareType(name string, at pos, what string) bool {
	if !validGoName(name) {
		b.ps.add(at, "%s name %q is not an exported Go identifier", what, name)
		return false
	}
	if prev, ok := b.constAt[name]; ok {
		b.ps.add(at, "%s name %q clashes with %s", what, name, describeAt(prev, "the enum constant"))
		return false
	}
	if prev, ok := b.typeAt[name]; ok {
		if prev.node == nil {
			b.ps.add(at, "%s name %q is reserved for the generated package", what, name)
		} else {
			b.ps.add(at, "%s name %q clashes with the type declared at %s:%d:%d", what, name, prev.file, prev.node.Line, prev.node.Column)
		}
		return false
	}
	b.typeAt[name] = at
	return true
}

func (b *builder) doc(d docSpec, docs []string, docsAt pos) Doc {
	for _, id := range docs {
		if !b.docs[id] {
			b.ps.add(docsAt, "unknown document %q%s", id, suggest(id, sortedKeys(b.docs)))
		}
	}
	return Doc{ZH: d.ZH, EN: d.EN, Note: d.Note, Docs: docs}
}

func (b *builder) enum(e *enumSpec) {
	if !b.declareType(e.Name, e.at, "enum") {
		return
	}
	en := &Enum{GoName: e.Name, Doc: b.doc(e.Doc, nil, pos{})}
	switch e.Type {
	case "string":
		en.IsString = true
	case "int":
	default:
		b.ps.add(e.typeAt, "enum %s: type must be int or string, got %q", e.Name, e.Type)
	}
	seenName, seenValue := map[string]bool{}, map[string]bool{}
	for _, v := range e.Values {
		ev := &EnumValue{GoName: e.Name + v.Name, Doc: b.doc(v.Doc, nil, pos{}), at: v.at}
		if !validGoName(ev.GoName) || seenName[v.Name] {
			b.ps.add(v.at, "enum %s: value name %q is not a new exported Go identifier", e.Name, v.Name)
		} else {
			b.declareConst(ev.GoName, v.at, "enum "+e.Name+": value "+v.Name)
		}
		seenName[v.Name] = true
		if v.Value != nil {
			kv, ok := b.keyValue(v.Value, en.IsString)
			if !ok {
				b.ps.add(b.nodeAt(v.at, v.Value), "enum %s: value %s: want %s, got %s", e.Name, v.Name, typeWord(en.IsString), kindName(v.Value))
			}
			ev.Str, ev.Int = kv.Str, kv.Int
			if seenValue[v.Value.Value] {
				b.ps.add(b.nodeAt(v.at, v.Value), "enum %s: value %s repeats %s", e.Name, v.Name, v.Value.Value)
			}
			seenValue[v.Value.Value] = true
		}
		en.Values = append(en.Values, ev)
	}
	en.Accepts = b.accepts(e.Accepts, "enum "+e.Name)
	b.checkTypeAccepts(en.Accepts, &Type{Kind: KindEnum, Enum: en}, "enum "+e.Name)
	b.enums[e.Name] = en
	b.m.Enums = append(b.m.Enums, en)
}

func typeWord(isString bool) string {
	if isString {
		return "a string"
	}
	return "an integer"
}

func (b *builder) nodeAt(near pos, n *yaml.Node) pos { return pos{file: near.file, node: n} }

// keyValue reads a discriminator or enum value of the wanted kind.
func (b *builder) keyValue(n *yaml.Node, isString bool) (KeyValue, bool) {
	if n.Kind != yaml.ScalarNode {
		return KeyValue{}, false
	}
	if isString {
		return KeyValue{Str: n.Value}, n.Tag == "!!str"
	}
	v, err := strconv.ParseInt(n.Value, 10, 64)
	return KeyValue{Int: v}, n.Tag == "!!int" && err == nil
}

// typeOf resolves a type expression: scalar names, enums, objects, []T and map[string]T.
func (b *builder) typeOf(expr string, at pos, what string) *Type {
	switch {
	case strings.HasPrefix(expr, "[]"):
		if el := b.typeOf(expr[2:], at, what); el != nil {
			return &Type{Kind: KindArray, Elem: el}
		}
		return nil
	case strings.HasPrefix(expr, "map[string]"):
		if el := b.typeOf(expr[len("map[string]"):], at, what); el != nil {
			return &Type{Kind: KindMap, Elem: el}
		}
		return nil
	}
	switch expr {
	case "string":
		return &Type{Kind: KindString}
	case "int":
		return &Type{Kind: KindInt}
	case "int64":
		return &Type{Kind: KindInt64}
	case "bool":
		return &Type{Kind: KindBool}
	case "float":
		return &Type{Kind: KindFloat}
	case "raw":
		return &Type{Kind: KindRaw}
	}
	if e, ok := b.enums[expr]; ok {
		return &Type{Kind: KindEnum, Enum: e}
	}
	if o, ok := b.objects[expr]; ok {
		return &Type{Kind: KindObject, Object: o}
	}
	if u, ok := b.unions[expr]; ok {
		return &Type{Kind: KindUnion, Union: u}
	}
	names := []string{"string", "int", "int64", "bool", "float", "raw"}
	names = append(names, sortedKeys(b.enums)...)
	names = append(names, sortedKeys(b.objects)...)
	names = append(names, sortedKeys(b.unions)...)
	b.ps.add(at, "%s: unknown type %q%s", what, expr, suggest(expr, names))
	return nil
}

func (b *builder) fields(specs []*fieldSpec, owner string, inherited []string) []*Field {
	var out []*Field
	byGo := map[string]*fieldSpec{}
	byJSON := map[string]bool{}
	for _, f := range specs {
		what := owner + ": field " + f.Name
		fd := &Field{JSONName: f.Name, GoName: f.Go, Optional: f.Optional, Nullable: f.Nullable, at: f.at}
		fd.Accepts = b.accepts(f.Accepts, what)
		if fd.GoName == "" {
			fd.GoName = goName(f.Name)
		}
		if f.Docs == nil {
			// Inherited ids were checked where they were given.
			fd.Doc = Doc{ZH: f.Doc.ZH, EN: f.Doc.EN, Note: f.Doc.Note, Docs: inherited}
		} else {
			fd.Doc = b.doc(f.Doc, f.Docs, f.docsAt)
		}
		fd.Type = b.typeOf(f.Type, f.typeAt, what)
		goAt := f.goAt
		if goAt.node == nil {
			goAt = f.at
		}
		switch {
		case !validGoName(fd.GoName):
			b.ps.add(goAt, "%s: Go name %q is not an exported Go identifier", what, fd.GoName)
		case reservedFieldNames[fd.GoName]:
			b.ps.add(goAt, "%s: Go name %q is reserved for generated members (set `go:` to another name)", what, fd.GoName)
		case byGo[fd.GoName] != nil:
			prev := byGo[fd.GoName]
			b.ps.add(goAt, "%s: Go name %q clashes with field %s at line %d (set `go:` on one of them)", what, fd.GoName, prev.Name, prev.at.node.Line)
		}
		if byJSON[f.Name] {
			b.ps.add(f.at, "%s: declared twice", what)
		}
		byGo[fd.GoName], byJSON[f.Name] = f, true
		if fd.Type != nil {
			out = append(out, fd)
		}
	}
	// The decoder marks required members in a 64-bit mask.
	if len(requiredBits(out)) > 63 {
		b.ps.add(specs[63].at, "%s: more than 63 required fields; make some optional or split the object", owner)
	}
	return out
}

// union builds the variants' structs: the key member, then the fields, or a
// member named by `at` that holds them.
func (b *builder) union(u *unionSpec, un *Union) {
	what := "union " + u.Name
	un.Doc = b.doc(u.Doc, u.Docs, u.docsAt)
	un.KeyMethod = u.Name + goName(u.Key)
	var at string
	switch u.At {
	case "", ".":
	default:
		if strings.Contains(u.At, ".") || u.At == u.Key {
			b.ps.add(u.atAt, "%s: at must be one member name other than the key, or \".\"", what)
		}
		at = u.At
	}
	seen := map[string]bool{}
	for _, v := range u.Variants {
		vwhat := what + ": variant " + v.Name
		if seen[v.Name] {
			b.ps.add(v.at, "%s: declared twice", vwhat)
		}
		seen[v.Name] = true
		goN, goAt := v.Go, v.goAt
		if goN == "" {
			goN, goAt = goName(v.Name)+u.Name, v.at
		}
		if !b.declareType(goN, goAt, vwhat+": Go") {
			continue
		}
		docs := v.Docs
		if docs == nil {
			docs = un.Doc.Docs
		}
		vd := b.doc(v.Doc, v.Docs, v.docsAt)
		vd.Docs = docs
		variant := &Variant{Value: v.Name}
		obj := &Object{GoName: goN, Doc: vd, Variant: variant, Union: un}
		variant.Object = obj
		key := &Field{JSONName: u.Key, GoName: goName(u.Key), Type: &Type{Kind: KindString},
			Doc: Doc{EN: fmt.Sprintf("%q here.", v.Name)}}
		fields := b.fields(v.Fields, vwhat, docs)
		if at == "" {
			obj.Fields = append([]*Field{key}, fields...)
		} else {
			data := &Object{GoName: goN + goName(at), Doc: Doc{EN: fmt.Sprintf("the %q member of %s.", at, goN)}, Fields: fields}
			if !b.declareType(data.GoName, v.at, vwhat+": generated type") {
				continue
			}
			obj.Fields = []*Field{key, {JSONName: at, GoName: goName(at), Type: &Type{Kind: KindObject, Object: data}, Doc: Doc{EN: "the variant's fields."}}}
			b.m.Objects = append(b.m.Objects, data)
		}
		b.checkClash(obj, v.at, vwhat)
		for _, f := range obj.Fields {
			if f.GoName == un.KeyMethod {
				b.ps.add(v.at, "%s: field %s: Go name %s is the union's key method (set `go:`)", vwhat, f.JSONName, f.GoName)
			}
		}
		b.m.Objects = append(b.m.Objects, obj)
		un.Variants = append(un.Variants, variant)
	}
}

func (b *builder) frame(f *frameSpec) {
	obj := &Object{
		GoName: "Frame",
		Doc:    Doc{EN: "the envelope around an event payload: its members other than the payload."},
		Fields: b.fields(f.Fields, "frame", nil),
	}
	for _, fd := range obj.Fields {
		if fd.JSONName == f.Payload {
			b.ps.add(f.at, "frame: field %q is the payload key", f.Payload)
		}
	}
	b.m.Frame = &Frame{Object: obj, Payload: f.Payload, Bare: f.Bare}
	b.m.Objects = append(b.m.Objects, obj)
	if f.Signal != nil {
		b.signalKey(f.Signal, obj)
	}
}

// signalKey resolves frame.signal: a required int field of the frame.
func (b *builder) signalKey(k *signalKeySpec, frame *Object) {
	key := frame.field(k.Key)
	switch {
	case key == nil:
		b.ps.add(k.keyAt, "frame.signal: key %q is not a field of the frame", k.Key)
		return
	case key.Type.Kind != KindInt || key.Optional || key.Nullable:
		b.ps.add(k.keyAt, "frame.signal: key %q must be a required, non-nullable int field", k.Key)
		return
	}
	method := key.GoName
	if reservedFieldNames[method] || method == "SignalName" || method == "Raw" {
		b.ps.add(k.keyAt, "frame.signal: key %q: its Go name %s would clash with a method of Signal", k.Key, method)
		return
	}
	if k.Event == nil {
		return // reported by the loader
	}
	event, ok := b.keyValue(k.Event, false)
	if !ok {
		b.ps.add(b.nodeAt(k.at, k.Event), "frame.signal: event: want an integer, got %s", kindName(k.Event))
		return
	}
	b.m.Signals = &Signals{Key: key, Method: method, UnknownField: lowerFirst(method), Event: event.Int}
}

// signals builds the kinds of frame other than the event frame. Each is a
// struct of the frame's members other than the signal key. keyDeclared
// tells whether the frame declares a signal key, sound or not: a broken one
// was reported where it stands.
func (b *builder) signals(specs []*signalSpec, keyDeclared bool) {
	sigs := b.m.Signals
	if len(specs) == 0 || sigs == nil {
		if len(specs) > 0 && !keyDeclared {
			b.ps.add(specs[0].at, "signal %s: the platform's frame declares no signal key (frame.signal)", specs[0].Name)
		}
		return
	}
	key := sigs.Key.JSONName
	byName, byValue := map[string]bool{}, map[int64]string{}
	for _, e := range b.m.Events {
		byName[e.Name] = true
	}
	for _, sg := range specs {
		what := "signal " + sg.Name
		if byName[sg.Name] || sg.Name == eventSignalName {
			b.ps.add(sg.at, "%s: name taken by another signal or an event (names must tell them apart)", what)
		}
		byName[sg.Name] = true
		v, ok := KeyValue{}, false
		if sg.Value != nil {
			v, ok = b.keyValue(sg.Value, false)
		}
		switch {
		case sg.Value == nil: // reported by the loader
		case !ok:
			b.ps.add(b.nodeAt(sg.at, sg.Value), "%s: value: want an integer, got %s", what, kindName(sg.Value))
		case v.Int == sigs.Event:
			b.ps.add(b.nodeAt(sg.at, sg.Value), "%s: value %d is the event frame's (frame.signal.event)", what, v.Int)
		case byValue[v.Int] != "":
			b.ps.add(b.nodeAt(sg.at, sg.Value), "%s: value %d repeats signal %s", what, v.Int, byValue[v.Int])
		default:
			byValue[v.Int] = sg.Name
		}
		goN, goAt := sg.Go, sg.goAt
		if goN == "" {
			goN, goAt = goName(sg.Name)+"Signal", sg.at
		}
		if !b.declareType(goN, goAt, what+": Go") {
			continue
		}
		sig := &Signal{Name: sg.Name, GoName: goN, Value: v.Int, Doc: b.doc(sg.Doc, sg.Docs, sg.docsAt)}
		for _, f := range sg.Fields {
			gn := f.Go
			if gn == "" {
				gn = goName(f.Name)
			}
			switch {
			case f.Name == key:
				b.ps.add(f.at, "%s: field %s is the signal key, which the signal's value sets", what, key)
			case gn == sigs.Method || gn == "SignalName":
				b.ps.add(f.at, "%s: field %s: Go name %q is reserved for generated members (set `go:` to another name)", what, f.Name, gn)
			}
		}
		fields := b.fields(sg.Fields, what, sig.Doc.Docs)
		for _, x := range sg.Examples {
			if x.Doc != "" && !b.docs[x.Doc] {
				b.ps.add(x.at, "%s: example %s: unknown document %q", what, x.File, x.Doc)
			}
			b.checkExample(x, what)
			sig.Examples = append(sig.Examples, &Example{File: x.File, Doc: x.Doc, Note: x.Note})
		}
		sig.Object = &Object{GoName: goN, Doc: sig.Doc, Fields: fields, Signal: sig}
		sig.Accessors = b.accessors(sg.Accessors, fields, what, sig.Doc.Docs, sigs.Method, "SignalName")
		sigs.List = append(sigs.List, sig)
	}
}

// accessors builds the accessor methods of a struct with fields: each path
// must lead through required objects to a string member, and the method's
// name must not be a field's or a generated member's.
func (b *builder) accessors(specs []*accessorSpec, fields []*Field, owner string, inherited []string, reserved ...string) []*Accessor {
	var out []*Accessor
	taken := map[string]bool{}
	for _, r := range reserved {
		taken[r] = true
	}
	for _, f := range fields {
		taken[f.GoName] = true
	}
	for _, a := range specs {
		what := owner + ": accessor " + a.Name
		switch {
		case !validGoName(a.Name):
			b.ps.add(a.at, "%s: name %q is not an exported Go identifier", what, a.Name)
			continue
		case reservedFieldNames[a.Name]:
			b.ps.add(a.at, "%s: name %q is reserved for generated members", what, a.Name)
			continue
		case taken[a.Name]:
			b.ps.add(a.at, "%s: name %q is taken by a field, a generated method or another accessor", what, a.Name)
			continue
		}
		taken[a.Name] = true
		acc := &Accessor{GoName: a.Name, Doc: b.doc(a.Doc, nil, pos{})}
		if len(acc.Doc.Docs) == 0 {
			acc.Doc.Docs = inherited
		}
		if len(a.FirstOf) < 2 && a.firstAt.node != nil { // a missing first_of is the loader's error
			b.ps.add(a.firstAt, "%s: first_of: want at least two member paths", what)
		}
		for _, p := range a.FirstOf {
			if path, ok := b.accessorPath(fields, p, a.firstAt, what); ok {
				acc.FirstOf = append(acc.FirstOf, path)
			}
		}
		out = append(out, acc)
	}
	return out
}

// accessorPath resolves "d.session_id" through fields.
func (b *builder) accessorPath(fields []*Field, path string, at pos, what string) ([]*Field, bool) {
	var out []*Field
	names := strings.Split(path, ".")
	for i, name := range names {
		var found *Field
		for _, f := range fields {
			if f.JSONName == name {
				found = f
			}
		}
		if found == nil {
			b.ps.add(at, "%s: first_of: %s: no member %q", what, path, name)
			return nil, false
		}
		out = append(out, found)
		if i == len(names)-1 {
			if found.Type.Kind != KindString || found.Nullable {
				b.ps.add(at, "%s: first_of: %s: want a string member that is not nullable", what, path)
				return nil, false
			}
			break
		}
		if found.Type.Kind != KindObject || found.Optional || found.Nullable {
			b.ps.add(at, "%s: first_of: %s: %s is not a required object", what, path, name)
			return nil, false
		}
		fields = fields[:0:0]
		for _, sf := range found.Type.Object.AllFields() {
			fields = append(fields, sf.Field) // a base's members are promoted: x.D.Member
		}
	}
	return out, true
}

func (b *builder) family(f *familySpec) {
	fam := &Family{Name: f.Name, at: f.at}
	what := "family " + f.Name
	if _, dup := b.families[f.Name]; dup {
		b.ps.add(f.at, "%s: declared twice", what)
	}
	b.families[f.Name] = fam
	fam.Base = b.objects[f.Base]
	if fam.Base == nil {
		b.ps.add(f.baseAt, "%s: unknown base object %q%s", what, f.Base, suggest(f.Base, sortedKeys(b.objects)))
		return
	}
	fam.Base.IsBase = true
	if reservedFieldNames[fam.Base.GoName] {
		// Embedded, the base's type name is a member of every event struct.
		b.ps.add(f.baseAt, "%s: base object %q: embedded in every event, its name would clash with the generated method %s (rename the object)", what, f.Base, fam.Base.GoName)
	}
	if f.At != "." {
		fam.At = strings.Split(f.At, ".")
		if fam.Base.field(fam.At[0]) != nil {
			b.ps.add(f.atAt, "%s: at %q starts with a field of the base object", what, f.At)
		}
	}
	for _, k := range f.Keys {
		kf := b.keyField(k, fam, what)
		if kf == nil {
			continue
		}
		key := &Key{Field: kf}
		if k.Value != nil {
			v, ok := b.keyValue(k.Value, kf.IsString)
			if !ok {
				b.ps.add(b.nodeAt(k.at, k.Value), "%s: key %s: want %s, got %s", what, k.Path, typeWord(kf.IsString), kindName(k.Value))
			}
			key.Fixed = &v
		}
		fam.Keys = append(fam.Keys, key)
	}
	fam.UnknownName = b.nameTemplate(f.UnknownName, fam, f.unknownAt, what)
	b.m.Families = append(b.m.Families, fam)
}

// keyField resolves a discriminator path: a base field, or a field that the
// family declares inside the wrappers on its `at` path.
func (b *builder) keyField(k *keySpec, fam *Family, what string) *KeyField {
	path := strings.Split(k.Path, ".")
	var t *Type
	if len(path) == 1 {
		if bf := fam.Base.field(path[0]); bf != nil {
			if k.Type != "" {
				b.ps.add(k.typeAt, "%s: key %s is a base field; its type comes from the base", what, k.Path)
			}
			if bf.Optional || bf.Nullable {
				b.ps.add(k.at, "%s: key %s: the base field must be required and not nullable", what, k.Path)
			}
			t = bf.Type
		}
	}
	if t == nil {
		if len(path) > 1 && !isPrefix(path[:len(path)-1], fam.At) {
			b.ps.add(k.at, "%s: key %s must be a base field or lie on the family's `at` path", what, k.Path)
			return nil
		}
		if k.Type == "" {
			b.ps.add(k.at, "%s: key %s is not a base field and needs a type", what, k.Path)
			return nil
		}
		if t = b.typeOf(k.Type, k.typeAt, what+": key "+k.Path); t == nil {
			return nil
		}
	}
	isString := t.Kind == KindString || (t.Kind == KindEnum && t.Enum.IsString)
	if !isString && t.Kind != KindInt && !(t.Kind == KindEnum && !t.Enum.IsString) {
		b.ps.add(k.at, "%s: key %s must be a string, an int or an enum", what, k.Path)
		return nil
	}
	dotted := strings.Join(path, ".")
	if prev, ok := b.keys[dotted]; ok {
		if prev.Type.Kind != t.Kind || prev.Type.Enum != t.Enum {
			b.ps.add(k.at, "%s: key %s has another type than in an earlier family", what, k.Path)
		}
		return prev
	}
	kf := &KeyField{Path: path, GoName: goName(dotted), Type: t, IsString: isString, Doc: b.doc(k.Doc, nil, pos{})}
	if unknownEventMembers[kf.GoName] {
		b.ps.add(k.at, "%s: key %s: UnknownEvent has a member %s already", what, k.Path, kf.GoName)
	}
	b.keys[dotted] = kf
	b.m.KeyFields = append(b.m.KeyFields, kf)
	return kf
}

func isPrefix(p, of []string) bool {
	if len(p) > len(of) {
		return false
	}
	for i := range p {
		if p[i] != of[i] {
			return false
		}
	}
	return true
}

func (o *Object) field(jsonName string) *Field {
	for _, f := range o.Fields {
		if f.JSONName == jsonName {
			return f
		}
	}
	return nil
}

// nameTemplate parses "message_{type}" into literal and key parts.
func (b *builder) nameTemplate(s string, fam *Family, at pos, what string) []NamePart {
	var parts []NamePart
	for s != "" {
		i := strings.IndexByte(s, '{')
		if i < 0 {
			parts = append(parts, NamePart{Literal: s})
			break
		}
		if i > 0 {
			parts = append(parts, NamePart{Literal: s[:i]})
		}
		j := strings.IndexByte(s[i:], '}')
		if j < 0 {
			b.ps.add(at, "%s: unknown_name: unclosed {", what)
			return nil
		}
		ref := s[i+1 : i+j]
		var kf *KeyField
		for _, k := range fam.Keys {
			if strings.Join(k.Field.Path, ".") == ref {
				kf = k.Field
			}
		}
		if kf == nil {
			b.ps.add(at, "%s: unknown_name: {%s} is not a key of the family", what, ref)
			return nil
		}
		parts = append(parts, NamePart{Key: kf})
		s = s[i+j+1:]
	}
	return parts
}

func (b *builder) event(e *eventSpec) {
	what := "event " + e.Name
	if e.Name == "" || e.Family == "" {
		return // the loader reported the missing key
	}
	fam := b.families[e.Family]
	if fam == nil {
		b.ps.add(e.familyAt, "%s: unknown family %q%s", what, e.Family, suggest(e.Family, sortedKeys(b.families)))
		return
	}
	if e.Where != nil && e.Go == "" {
		// goName(e.Name) is the default variant's name.
		b.ps.add(e.Where.at, "%s: where: a variant needs its own Go name (`go:`)", what)
		return
	}
	ev := &Event{Name: e.Name, GoName: e.Go, Family: fam, Doc: b.doc(e.Doc, e.Docs, e.docsAt), at: e.at, where: e.Where}
	at := e.goAt
	if ev.GoName == "" {
		ev.GoName, at = goName(e.Name), e.at
	}
	ev.Handling = handlingOf(ev.GoName, ev.GoName)
	if ev.Handling.Method == b.m.Unknown.Method {
		b.ps.add(at, "event %s: Go name %q would give the methods %s and %s, which unknown events have (set `go:`)", e.Name, ev.GoName, ev.Handling.Method, ev.Handling.Mux)
		return
	}
	if !b.declareType(ev.GoName, at, "event "+e.Name+": Go") {
		return
	}
	ev.Keys = b.eventKeys(e, fam, what)
	for _, x := range e.Examples {
		if x.Doc != "" && !b.docs[x.Doc] {
			b.ps.add(x.at, "%s: example %s: unknown document %q", what, x.File, x.Doc)
		}
		b.checkExample(x, what)
		ev.Examples = append(ev.Examples, &Example{File: x.File, Doc: x.Doc, Note: x.Note})
	}
	ev.Payload = b.payload(e, ev, what)
	if e.Where != nil {
		ev.Where = b.whereOf(e.Where, ev, what)
		if ev.Where == nil {
			return
		}
	}
	b.m.Events = append(b.m.Events, ev)
}

// whereOf resolves an event's where: a path through required, non-null
// members of the payload (base fields included) to a string, an int or an
// enum of those, and a value of that type (a declared one, for an enum).
func (b *builder) whereOf(w *whereSpec, ev *Event, what string) *Where {
	what += ": where"
	for _, k := range ev.Family.Keys {
		if strings.Join(k.Field.Path, ".") == w.Path {
			b.ps.add(w.pathAt, "%s: %s is a discriminator of family %s", what, w.Path, ev.Family.Name)
			return nil
		}
	}
	path := strings.Split(w.Path, ".")
	f, problem := memberAt(ev.Payload, path)
	if problem != "" {
		b.ps.add(w.pathAt, "%s: path %s: %s", what, w.Path, problem)
		return nil
	}
	if f == nil || w.Value == nil {
		return nil // reported where it was declared
	}
	t := f.Type
	isString := t.Kind == KindString || (t.Kind == KindEnum && t.Enum.IsString)
	if !isString && t.Kind != KindInt && !(t.Kind == KindEnum && !t.Enum.IsString) {
		b.ps.add(w.pathAt, "%s: path %s must lead to a string, an int or an enum of those", what, w.Path)
		return nil
	}
	v, ok := b.keyValue(w.Value, isString)
	if !ok {
		b.ps.add(b.nodeAt(w.at, w.Value), "%s: value: want %s, got %s", what, typeWord(isString), kindName(w.Value))
		return nil
	}
	if t.Kind == KindEnum && !slices.ContainsFunc(t.Enum.Values, func(x *EnumValue) bool { return x.Str == v.Str && x.Int == v.Int }) {
		var names []string
		for _, x := range t.Enum.Values {
			names = append(names, x.Str)
		}
		b.ps.add(b.nodeAt(w.at, w.Value), "%s: value %s is not a value of enum %s%s", what, w.Value.Value, t.Enum.GoName, suggest(w.Value.Value, names))
		return nil
	}
	return &Where{Key: &KeyField{Path: path, GoName: goName(w.Path), Type: t, IsString: isString}, Value: v}
}

// memberAt finds the field at a JSON path below o, through required,
// non-null object members. It returns a problem when the path does not lead
// there, and neither field nor problem when a type on the way was broken
// (reported where it was declared).
func memberAt(o *Object, path []string) (*Field, string) {
	var f *Field
	for i, seg := range path {
		if i > 0 {
			if f.Type.Kind != KindObject {
				return nil, fmt.Sprintf("%s is not an object", strings.Join(path[:i], "."))
			}
			o = f.Type.Object
		}
		f = nil
		var names []string
		for _, sf := range o.AllFields() {
			names = append(names, sf.JSONName)
			if sf.JSONName == seg {
				f = sf.Field
			}
		}
		switch {
		case f == nil:
			return nil, fmt.Sprintf("no member %s in %s%s", seg, o.GoName, suggest(seg, names))
		case f.Optional || f.Nullable:
			return nil, fmt.Sprintf("%s may be absent or null; every member on the path must be required", strings.Join(path[:i+1], "."))
		case f.Type == nil:
			return nil, ""
		}
	}
	return f, ""
}

// eventKeys gives the event's value for every family key: fixed ones from the
// family, the others from `key:` or, failing that, from the event's name.
func (b *builder) eventKeys(e *eventSpec, fam *Family, what string) []KeyValue {
	var free []*Key
	for _, k := range fam.Keys {
		if k.Fixed == nil {
			free = append(free, k)
		}
	}
	given := map[*KeyField]KeyValue{}
	switch {
	case e.Key != nil:
		if len(e.Key) != len(free) {
			b.ps.add(e.keyAt, "%s: key has %d values, family %s needs %d", what, len(e.Key), fam.Name, len(free))
			return nil
		}
		for i, k := range free {
			v, ok := b.keyValue(e.Key[i], k.Field.IsString)
			if !ok {
				b.ps.add(b.nodeAt(e.keyAt, e.Key[i]), "%s: key %s: want %s, got %s", what, strings.Join(k.Field.Path, "."), typeWord(k.Field.IsString), kindName(e.Key[i]))
			}
			given[k.Field] = v
		}
	case len(free) > 0:
		vals, ok := matchTemplate(fam.UnknownName, e.Name)
		for _, k := range free {
			s, has := vals[k.Field]
			if !ok || !has {
				b.ps.add(e.at, "%s: needs `key:` (its name does not spell the family's keys)", what)
				return nil
			}
			v := KeyValue{Str: s}
			if !k.Field.IsString {
				n, err := strconv.ParseInt(s, 10, 64)
				if err != nil {
					b.ps.add(e.at, "%s: needs `key:` (%q is not an integer)", what, s)
					return nil
				}
				v = KeyValue{Int: n}
			}
			given[k.Field] = v
		}
	}
	var out []KeyValue
	for _, k := range fam.Keys {
		if k.Fixed != nil {
			out = append(out, *k.Fixed)
		} else {
			out = append(out, given[k.Field])
		}
	}
	return out
}

// matchTemplate splits name along the template's literals.
func matchTemplate(parts []NamePart, name string) (map[*KeyField]string, bool) {
	vals := map[*KeyField]string{}
	for i, p := range parts {
		if p.Key == nil {
			if !strings.HasPrefix(name, p.Literal) {
				return nil, false
			}
			name = name[len(p.Literal):]
			continue
		}
		end := len(name)
		if i+1 < len(parts) && parts[i+1].Key == nil {
			end = strings.Index(name, parts[i+1].Literal)
			if end < 0 {
				return nil, false
			}
		}
		vals[p.Key] = name[:end]
		name = name[end:]
	}
	return vals, name == ""
}

// payload builds the event's payload object: the family base embedded, then
// the chain of wrappers down the `at` path, the last holding the event's own
// fields (or being the referenced body object).
func (b *builder) payload(e *eventSpec, ev *Event, what string) *Object {
	fam := ev.Family
	own := func() []*Field { return b.fields(e.Fields, what, ev.Doc.Docs) }
	if e.Body != "" && e.Fields != nil {
		b.ps.add(e.bodyAt, "%s: give either body or fields, not both", what)
	}
	root := &Object{GoName: ev.GoName, Base: fam.Base, Doc: ev.Doc, Owner: ev}
	b.m.Objects = append(b.m.Objects, root)
	keysAt := func(level int) []*Field {
		var out []*Field
		for _, k := range fam.Keys {
			if len(k.Field.Path) == level+1 && isPrefix(k.Field.Path[:level], fam.At) && !(level == 0 && fam.Base.field(k.Field.Path[0]) != nil) {
				out = append(out, &Field{JSONName: k.Field.Path[level], GoName: goName(k.Field.Path[level]), Type: k.Field.Type, Doc: k.Field.Doc})
			}
		}
		return out
	}
	if len(fam.At) == 0 {
		if e.Body != "" {
			b.ps.add(e.bodyAt, "%s: body needs a family whose `at` is not \".\"", what)
		}
		root.Fields = append(keysAt(0), own()...)
		b.checkClash(root, e.at, what)
		return root
	}
	root.Fields = keysAt(0)
	parent := root
	for i, seg := range fam.At {
		slot := &Field{JSONName: seg, GoName: goName(seg), Doc: Doc{EN: fmt.Sprintf("the %q member of the event.", seg)}}
		parent.Fields = append(parent.Fields, slot)
		last := i == len(fam.At)-1
		if last && e.Body != "" {
			slot.Type = b.typeOf(e.Body, e.bodyAt, what+": body")
			array := slot.Type != nil && slot.Type.Kind == KindArray
			if slot.Type != nil && slot.Type.Kind != KindObject && !array {
				b.ps.add(e.bodyAt, "%s: body must name an object or be an array ([]T)", what)
			}
			switch {
			case len(keysAt(i+1)) == 0:
			case array:
				// A key cannot be read out of an array's elements.
				b.ps.add(e.bodyAt, "%s: body cannot be an array: family %s keeps a key inside it", what, fam.Name)
			default:
				b.ps.add(e.bodyAt, "%s: body cannot be a shared object: family %s keeps a key inside it", what, fam.Name)
			}
			slot.Doc = Doc{EN: "the event's data."}
			break
		}
		w := &Object{GoName: ev.GoName + goName(seg), Owner: ev}
		w.Doc = Doc{EN: fmt.Sprintf("the %q member of %s.", strings.Join(fam.At[:i+1], "."), ev.GoName)}
		if !b.declareType(w.GoName, e.at, what+": generated type") {
			return root
		}
		w.Fields = keysAt(i + 1)
		if last {
			w.Fields = append(w.Fields, own()...)
			slot.Doc = Doc{EN: "the event's own fields."}
		}
		b.checkClash(w, e.at, what)
		slot.Type = &Type{Kind: KindObject, Object: w}
		b.m.Objects = append(b.m.Objects, w)
		parent = w
	}
	b.checkClash(root, e.at, what)
	return root
}

// checkClash reports own fields of a generated object that collide by JSON or
// Go name with the embedded base's (the base's own clashes are reported where
// it is declared).
func (b *builder) checkClash(o *Object, at pos, what string) {
	seenJSON, seenGo := map[string]bool{}, map[string]bool{}
	for _, f := range o.AllFields() {
		if o.Base != nil && f.Via == "" && f.GoName == o.Base.GoName {
			b.ps.add(at, "%s: field %q: Go name %s is that of the embedded %s (set `go:`)", what, f.JSONName, f.GoName, o.Base.GoName)
		}
		if f.Via == "" && (seenJSON[f.JSONName] || seenGo[f.GoName]) {
			b.ps.add(at, "%s: field %q appears twice in %s", what, f.JSONName, o.GoName)
		}
		seenJSON[f.JSONName], seenGo[f.GoName] = true, true
	}
}

// dispatch builds the dispatch tree from the families and events.
func (b *builder) dispatch() {
	var root *DispatchNode
	for _, fam := range b.m.Families {
		node := &root
		for _, k := range fam.Keys {
			if !b.enterLevel(node, k.Field, fam) {
				break
			}
			if k.Fixed == nil {
				if (*node).Unknown != nil && (*node).Unknown != fam {
					b.ps.add(fam.at, "family %s: family %s takes every value of key %s too", fam.Name, (*node).Unknown.Name, strings.Join(k.Field.Path, "."))
				}
				(*node).Unknown = fam
				break
			}
			node = &(*node).caseFor(*k.Fixed).Next
		}
	}
	b.misplaced = map[*Event]bool{}
	for _, ev := range b.m.Events {
		if ev.Keys == nil || ev.Payload == nil {
			continue
		}
		node := &root
		for i, k := range ev.Family.Keys {
			if !b.enterLevel(node, k.Field, ev.Family) {
				break
			}
			if k.Fixed == nil && (*node).Unknown == nil {
				(*node).Unknown = ev.Family
			}
			c := (*node).caseFor(ev.Keys[i])
			if i == len(ev.Family.Keys)-1 {
				b.place(c, ev)
				break
			}
			node = &c.Next
		}
	}
	// A name repeats only among the variants of one event.
	byName := map[string]*Event{}
	for _, ev := range b.m.Events {
		prev := byName[ev.Name]
		if b.misplaced[ev] || b.misplaced[prev] {
			continue
		}
		if prev == nil {
			byName[ev.Name] = ev
			continue
		}
		if ev.group == nil || ev.group != prev.group {
			b.ps.add(ev.at, "event %s: name taken by the event at line %d (only variants of one event, told apart by `where`, share a name)", ev.Name, prev.at.node.Line)
		}
	}
	b.m.Dispatch = root
}

// place puts ev at the case its discriminators settle: alone, or as a
// variant on the where level below the case, made when the first variant
// with `where` comes.
func (b *builder) place(c *DispatchCase, ev *Event) {
	if c.Next != nil && !c.Next.Where {
		b.ps.add(ev.at, "event %s: same discriminator values as (a deeper level)", ev.Name)
		b.misplaced[ev] = true
		return
	}
	if ev.Where == nil && c.Next == nil {
		if c.Event != nil {
			b.ps.add(ev.at, "event %s: same discriminator values as %s (variants of one event: all but one need `where`)", ev.Name, c.Event.Name)
			b.misplaced[ev] = true
			return
		}
		c.Event = ev
		return
	}
	if c.Next == nil {
		c.Next = &DispatchNode{Key: ev.Where.Key, Where: true, Unknown: ev.Family}
		if c.Event != nil { // the default came first
			b.join(c.Next, c.Event)
			c.Event = nil
		}
	}
	b.join(c.Next, ev)
}

// join adds ev to the variants of a where level: one path and one type for
// all, distinct values, at most one default, which has the member too. A
// refused ev is marked misplaced.
func (b *builder) join(n *DispatchNode, ev *Event) {
	first := n.Default
	if first == nil && len(n.Cases) > 0 {
		first = n.Cases[0].Event
	}
	if first != nil && first.Name != ev.Name {
		b.ps.add(ev.at, "event %s: same discriminator values as %s: a variant has the name of the event it is a variant of", ev.Name, first.Name)
		b.misplaced[ev] = true
		return
	}
	w := ev.Where
	if w == nil {
		if n.Default != nil {
			b.ps.add(ev.at, "event %s: a second variant without `where` (the default is at line %d)", ev.Name, n.Default.at.node.Line)
			b.misplaced[ev] = true
			return
		}
		f, problem := memberAt(ev.Payload, n.Key.Path)
		switch {
		case problem != "":
			b.ps.add(ev.at, "event %s: the default variant: where path %s: %s", ev.Name, strings.Join(n.Key.Path, "."), problem)
			b.misplaced[ev] = true
			return
		case f != nil && !f.Type.same(n.Key.Type):
			b.ps.add(ev.at, "event %s: the default variant: %s has another type than in the variants with `where`", ev.Name, strings.Join(n.Key.Path, "."))
			b.misplaced[ev] = true
			return
		}
		ev.group, n.Default, n.Unknown = n, ev, nil
		return
	}
	switch {
	case !slices.Equal(w.Key.Path, n.Key.Path):
		b.ps.add(ev.where.pathAt, "event %s: where: path %s, but its other variants are told apart by %s (one path per event)", ev.Name, strings.Join(w.Key.Path, "."), strings.Join(n.Key.Path, "."))
		b.misplaced[ev] = true
		return
	case !w.Key.Type.same(n.Key.Type):
		b.ps.add(ev.where.pathAt, "event %s: where: %s has another type than in its other variants", ev.Name, strings.Join(w.Key.Path, "."))
		b.misplaced[ev] = true
		return
	}
	for _, c := range n.Cases {
		if c.Value == w.Value {
			b.ps.add(b.nodeAt(ev.where.at, ev.where.Value), "event %s: where: value %s is variant %s's too", ev.Name, ev.where.Value.Value, c.Event.GoName)
			b.misplaced[ev] = true
			return
		}
	}
	ev.group = n
	n.Cases = append(n.Cases, &DispatchCase{Value: w.Value, Event: ev})
}

// enterLevel makes sure *node reads key, creating the level if needed.
func (b *builder) enterLevel(node **DispatchNode, key *KeyField, fam *Family) bool {
	if *node == nil {
		*node = &DispatchNode{Key: key}
		return true
	}
	if (*node).Key != key {
		b.ps.add(fam.at, "family %s: reads key %s where another family reads %s", fam.Name, strings.Join(key.Path, "."), strings.Join((*node).Key.Path, "."))
		return false
	}
	return true
}

func (n *DispatchNode) caseFor(v KeyValue) *DispatchCase {
	for _, c := range n.Cases {
		if c.Value == v {
			return c
		}
	}
	c := &DispatchCase{Value: v}
	n.Cases = append(n.Cases, c)
	return c
}
