package gen

import (
	"fmt"
	"strconv"
	"strings"

	"github.com/dave/jennifer/jen"
)

// goType returns the Go type of a field: the value type wrapped in
// jsonwire.Null when nullable and jsonwire.Opt when optional, or a pointer
// for an optional object (*Quote, *jsonwire.Null[InteractRes]).
func goType(f *Field) jen.Code {
	t := valueType(f.Type)
	if f.Nullable {
		t = wire("Null").Types(t)
	}
	if f.IsPointer() {
		return jen.Op("*").Add(t)
	}
	if f.Optional {
		t = wire("Opt").Types(t)
	}
	return t
}

// valueType returns the Go type of a schema type.
func valueType(t *Type) *jen.Statement {
	switch t.Kind {
	case KindString:
		return jen.String()
	case KindInt:
		return jen.Int()
	case KindInt64:
		return jen.Int64()
	case KindBool:
		return jen.Bool()
	case KindFloat:
		return jen.Float64()
	case KindRaw:
		return wire("Raw")
	case KindEnum:
		return jen.Id(t.Enum.GoName)
	case KindObject:
		return jen.Id(t.Object.GoName)
	case KindArray:
		return jen.Index().Add(valueType(t.Elem))
	case KindMap:
		return jen.Map(jen.String()).Add(valueType(t.Elem))
	case KindUnion:
		return jen.Id(t.Union.GoName)
	}
	panic(fmt.Sprintf("unhandled type kind %d", t.Kind)) // the builder admits no other kind
}

// emitEnums writes enums.go: every enum of the schema (emitEnum).
func emitEnums(m *Model) *jen.File {
	f := newFile(m)
	for _, e := range m.Enums {
		f.Add(emitEnum(m, e))
	}
	return f
}

// emitEnum declares an open enum: its type, constants, String and Valid.
//
//	type Level int
//
//	const (
//		LevelLow Level = 1
//	)
//
//	func (v Level) String() string { switch v { case LevelLow: return "Low" }; return "Level(" + ... + ")" }
//	func (v Level) Valid() bool    { switch v { case LevelLow: return true }; return false }
func emitEnum(m *Model, e *Enum) jen.Code {
	g := jen.Add(docComment(m, e.GoName, e.Doc)).Line()
	under := jen.Int()
	if e.IsString {
		under = jen.String()
	}
	g.Type().Id(e.GoName).Add(under).Line().Line()
	g.Const().DefsFunc(func(c *jen.Group) {
		for _, v := range e.Values {
			c.Add(docComment(m, v.GoName, v.Doc))
			c.Id(v.GoName).Id(e.GoName).Op("=").Add(enumLit(e, v))
		}
	}).Line().Line()
	// String names a declared value; other values print as Go would write them.
	g.Comment(fmt.Sprintf("String returns the name of a declared value, or %s(value) for another.", e.GoName)).Line()
	g.Func().Params(jen.Id("v").Id(e.GoName)).Id("String").Params().String().BlockFunc(func(b *jen.Group) {
		b.Switch(jen.Id("v")).BlockFunc(func(s *jen.Group) {
			for _, v := range e.Values {
				s.Case(jen.Id(v.GoName)).Return(jen.Lit(enumValueName(e, v)))
			}
		})
		if e.IsString {
			b.Return(jen.Lit(e.GoName+"(").Op("+").Qual("strconv", "Quote").Call(jen.String().Call(jen.Id("v"))).Op("+").Lit(")"))
		} else {
			b.Return(jen.Lit(e.GoName+"(").Op("+").Qual("strconv", "Itoa").Call(jen.Int().Call(jen.Id("v"))).Op("+").Lit(")"))
		}
	}).Line().Line()
	g.Comment("Valid reports whether v is a declared value. Undeclared values decode too: the enum is open.").Line()
	g.Func().Params(jen.Id("v").Id(e.GoName)).Id("Valid").Params().Bool().BlockFunc(func(b *jen.Group) {
		b.Switch(jen.Id("v")).BlockFunc(func(s *jen.Group) {
			var cases []jen.Code
			for _, v := range e.Values {
				cases = append(cases, jen.Id(v.GoName))
			}
			if len(cases) > 0 {
				s.Case(cases...).Return(jen.True())
			}
		})
		b.Return(jen.False())
	}).Line()
	return g
}

func enumLit(e *Enum, v *EnumValue) jen.Code {
	if e.IsString {
		return jen.Lit(v.Str)
	}
	return jen.Lit(int(v.Int))
}

// enumValueName is what String prints: the wire value for string enums (it
// is the name people search for), the constant's suffix for int enums.
func enumValueName(e *Enum, v *EnumValue) string {
	if e.IsString {
		return v.Str
	}
	return v.GoName[len(e.GoName):]
}

// emitObjects writes objects.go: the shared objects, the unions and their
// variants, and the frame (emitStruct, emitUnion).
func emitObjects(m *Model) *jen.File {
	f := newFile(m)
	for _, u := range m.Unions {
		f.Add(emitUnion(m, u))
	}
	for _, o := range m.Objects {
		if o.Owner == nil {
			f.Add(emitStruct(m, o, nil, nil))
			if o.Variant != nil {
				f.Add(variantMethods(o, jen.Lit(o.Variant.Value)))
			}
		}
	}
	return f
}

// emitUnion declares a union's interface and the type for unknown variants.
//
//	type Part interface {
//		PartType() string
//		AppendJSON(b []byte) []byte
//		isPart()
//	}
//
//	type UnknownPart struct {
//		Type string       // the key's value
//		Raw  jsonwire.Raw // the whole value
//	}
func emitUnion(m *Model, u *Union) jen.Code {
	g := jen.Add(docComment(m, u.GoName, u.Doc)).Line()
	g.Comment(fmt.Sprintf("It is a pointer to one of the variant types, or *Unknown%s.", u.GoName)).Line()
	g.Type().Id(u.GoName).Interface(
		jen.Comment(fmt.Sprintf("%s returns the %q member.", u.KeyMethod, u.Key)),
		jen.Id(u.KeyMethod).Params().String(),
		jen.Comment("AppendJSON appends the value's JSON encoding to b."),
		jen.Id("AppendJSON").Params(jen.Id("b").Index().Byte()).Index().Byte(),
		jen.Id("is"+u.GoName).Params(),
	).Line()
	unknown := u.UnknownGoName
	g.Comment(fmt.Sprintf("%s is a %s whose %q the schema does not know; it keeps the value whole.", unknown, u.GoName, u.Key)).Line()
	g.Type().Id(unknown).Struct(
		jen.Comment(fmt.Sprintf("%s is the %q member.", goName(u.Key), u.Key)),
		jen.Id(goName(u.Key)).String(),
		jen.Comment("Raw is the whole value, verbatim."),
		jen.Id("Raw").Add(wire("Raw")),
	).Line()
	g.Add(variantMethods(&Object{GoName: unknown, Union: u}, jen.Id("x").Dot(goName(u.Key))))
	return g
}

// variantMethods makes a struct implement its union's interface.
//
//	func (x *TextPart) PartType() string { return "text" }
//	func (*TextPart) isPart()            {}
func variantMethods(o *Object, value jen.Code) jen.Code {
	u := o.Union
	g := jen.Var().Id("_").Id(u.GoName).Op("=").Parens(jen.Op("*").Id(o.GoName)).Parens(jen.Nil()).Line()
	g.Comment(u.KeyMethod + " implements " + u.GoName + ".").Line()
	g.Func().Params(jen.Id("x").Op("*").Id(o.GoName)).Id(u.KeyMethod).Params().String().Block(jen.Return(value)).Line()
	g.Func().Params(jen.Op("*").Id(o.GoName)).Id("is" + u.GoName).Params().Block().Line()
	return g
}

// emitStruct declares an object's struct: an embedded base first, then the
// fields, then the members the schema does not model. head and tail add the
// members only event structs have.
//
//	type Created struct {
//		Frame jsonwire.Opt[Frame] // head
//		Head         // the base
//		Name  string
//		Ratio jsonwire.Opt[float64]
//		UnknownFields jsonwire.Unknown
//		wire createdWire // only with accepted forms
//		raw string       // tail
//	}
func emitStruct(m *Model, o *Object, head, tail []jen.Code) jen.Code {
	lead := ""
	if o.Owner != nil && o == o.Owner.Payload {
		lead = fmt.Sprintf("%s is the event %q%s.", o.GoName, o.Owner.Name, whereText(m, o.Owner))
	}
	if sg := o.Signal; sg != nil {
		lead = fmt.Sprintf("%s is the signal %q (%s=%d).", o.GoName, sg.Name, m.Signals.Key.JSONName, sg.Value)
	}
	g := jen.Add(docCommentLead(m, lead, o.GoName, o.Doc)).Line()
	g.Type().Id(o.GoName).StructFunc(func(s *jen.Group) {
		for _, c := range head {
			s.Add(c)
		}
		if o.Base != nil {
			s.Id(o.Base.GoName)
			s.Line()
		}
		for _, fd := range o.Fields {
			s.Add(fieldComment(fd))
			s.Id(fd.GoName).Add(goType(fd))
		}
		if !o.IsBase {
			s.Line()
			s.Comment("UnknownFields keeps the members the schema does not model, so that")
			s.Comment("re-encoding loses nothing.")
			s.Id("UnknownFields").Add(wire("Unknown"))
			if m.Extensions != nil {
				s.Comment("Extensions keeps the members whose key has a platform prefix (" + strconv.Quote(m.Extensions.Example) + ").")
				s.Id("Extensions").Add(wire("Unknown"))
			}
		}
		if wire := wireStruct(o.Fields); wire != nil {
			s.Line()
			s.Comment("wire keeps the JSON form in which each member above came, where the schema")
			s.Comment("lets it come in another, so that it re-encodes as it came (see WireForm).")
			s.Id("wire").Add(wire)
		}
		for _, c := range tail {
			s.Add(c)
		}
	}).Line()
	if len(o.WireFields()) > 0 {
		g.Add(emitWireForm(o))
	}
	return g
}

// wireStruct returns the type of a struct's wire member for fields, or nil
// when none of them has alternative forms:
//
//	struct {
//		IsCategory   jsonwire.Form
//		MentionItems wireimpl.Forms
//	}
func wireStruct(fields []*Field) jen.Code {
	var members []jen.Code
	for _, f := range fields {
		if f.WireName != "" {
			members = append(members, jen.Id(f.WireName).Add(wire("Form")))
		}
		if f.WireItemsName != "" {
			members = append(members, jen.Id(f.WireItemsName).Add(wire("Forms")))
		}
	}
	if members == nil {
		return nil
	}
	return jen.Struct(members...)
}

// emitWireForm emits the accessor of the forms a struct's members came in:
//
//	func (x *Channel) WireForm(member string, i int) jsonwire.Form {
//		switch member {
//		case "is_category":
//			return x.wire.IsCategory
//		case "mention":
//			if i >= 0 { return x.wire.MentionItems.At(i) }
//		}
//		return jsonwire.AsDeclared
//	}
func emitWireForm(o *Object) jen.Code {
	g := jen.Comment("WireForm returns the JSON form in which the member named member came (its").Line()
	g.Comment("element i when i >= 0): jsonwire.AsDeclared unless the schema lets it come in").Line()
	g.Comment("another form and it did.").Line()
	g.Func().Params(jen.Id("x").Op("*").Id(o.GoName)).Id("WireForm").Params(jen.Id("member").String(), jen.Id("i").Int()).Add(wire("Form")).BlockFunc(func(b *jen.Group) {
		b.Switch(jen.Id("member")).BlockFunc(func(s *jen.Group) {
			for _, f := range o.WireFields() {
				s.Case(jen.Lit(f.JSONName)).BlockFunc(func(cb *jen.Group) {
					if f.WireItemsName != "" {
						cb.If(jen.Id("i").Op(">=").Lit(0)).Block(jen.Return(jen.Id("x").Dot("wire").Dot(f.WireItemsName).Dot("At").Call(jen.Id("i"))))
					}
					if f.WireName != "" {
						cb.If(jen.Id("i").Op("<").Lit(0)).Block(jen.Return(jen.Id("x").Dot("wire").Dot(f.WireName)))
					}
				})
			}
		})
		b.Return(wire("AsDeclared"))
	}).Line()
	return g
}

func fieldComment(fd *Field) jen.Code {
	var lines []string
	if fd.Doc.EN != "" {
		lines = append(lines, fd.GoName+": "+fd.Doc.EN)
	}
	if fd.Doc.ZH != "" {
		if len(lines) == 0 {
			lines = append(lines, fd.GoName+": "+fd.Doc.ZH)
		} else {
			lines = append(lines, fd.Doc.ZH)
		}
	}
	var flags []string
	if fd.Optional {
		flags = append(flags, "may be absent")
	}
	if fd.Nullable {
		flags = append(flags, "may be null")
	}
	tail := fmt.Sprintf("JSON %q", fd.JSONName)
	for _, fl := range flags {
		tail += "; " + fl
	}
	if len(fd.Doc.Docs) > 0 {
		tail += "; documented in " + strings.Join(fd.Doc.Docs, ", ")
	}
	lines = append(lines, tail+".")
	if fd.Doc.Note != "" {
		lines = append(lines, "Note: "+fd.Doc.Note)
	}
	return commentLines(lines)
}

// emitEvents writes events.go: the version check, the Event interface, each
// event's struct and methods, and UnknownEvent.
//
//	type Event interface {
//		EventName() string
//		Known() bool
//		...
//		decodePayload(d *wireimpl.Decoder) error
//		setSource(raw string, rec *wireimpl.Recovery)
//		setFrame(f Frame) // with a frame
//	}
func emitEvents(m *Model) *jen.File {
	f := newFile(m)
	emitVersionCheck(f)
	f.Comment("Event is a decoded " + m.Platform + " event: a pointer to one of the event")
	f.Comment("types of this package, or *UnknownEvent for an event the schema does not know.")
	f.Type().Id("Event").InterfaceFunc(func(g *jen.Group) {
		g.Comment("EventName is the event's name, as `eventbind decode` prints it.")
		g.Id("EventName").Params().String()
		g.Comment("Known is false for *UnknownEvent.")
		g.Id("Known").Params().Bool()
		g.Comment("RawJSON returns a copy of the bytes the event was decoded from.")
		g.Id("RawJSON").Params().Index().Byte()
		g.Comment("AppendJSON appends the event's JSON encoding to b.")
		g.Id("AppendJSON").Params(jen.Id("b").Index().Byte()).Index().Byte()
		g.Id("MarshalJSON").Params().Params(jen.Index().Byte(), jen.Error())
		g.Comment("Problems lists the members that recovering decoding (DecodeOptions.Recover)")
		g.Comment("skipped or found missing; nil for an event decoded whole.")
		g.Id("Problems").Params().Index().Add(wire("Problem"))
		for _, c := range commonAccessorDecls(m) {
			g.Add(c)
		}
		g.Line()
		g.Id("decodePayload").Params(jen.Id("d").Op("*").Add(wire("Decoder"))).Error()
		g.Id("setSource").Params(jen.Id("raw").String(), jen.Id("rec").Op("*").Add(wire("Recovery")))
		if m.Frame != nil {
			g.Id("setFrame").Params(jen.Id("f").Id("Frame"))
		}
	}).Line()
	f.Add(emitSource())

	for _, ev := range m.Events {
		f.Add(emitStruct(m, ev.Payload, eventHeadFields(m), eventTailFields()))
		f.Var().Id("_").Id("Event").Op("=").Parens(jen.Op("*").Id(ev.GoName)).Parens(jen.Nil())
		f.Add(eventMethods(m, ev.GoName, jen.Lit(ev.Name), nil))
		for _, o := range m.Objects {
			if o.Owner == ev && o != ev.Payload {
				f.Add(emitStruct(m, o, nil, nil))
			}
		}
	}
	f.Add(emitUnknownEvent(m))
	return f
}

// runtimeVersion is the contract between the code this generator writes and
// the runtime, jsonwire/wireimpl with jsonwire and bind (wireimpl.MinVersion ...
// MaxVersion). Bump it, and the runtime's MaxVersion, when generated code
// needs something the runtime did not have; and MinVersion too when the
// runtime asks of generated code something older code lacks (2:
// bind.Events.Claim and Signals; 3: the runtime moved from jsonwire into
// wireimpl).
const runtimeVersion = 3

// emitVersionCheck makes a package generated against another runtime fail
// to compile at one line that says why:
//
//	const (
//		_ = wireimpl.EnforceVersion(3 - wireimpl.MinVersion)
//		_ = wireimpl.EnforceVersion(wireimpl.MaxVersion - 3)
//	)
func emitVersionCheck(f *jen.File) {
	f.Const().Defs(
		jen.Comment("This package was generated for version "+strconv.Itoa(runtimeVersion)+" of the runtime (wireimpl, jsonwire, bind). A"),
		jen.Comment("compile error here means the two do not match: regenerate it with the"),
		jen.Comment("eventbind of the module version you depend on (go generate), or depend on"),
		jen.Comment("the matching one."),
		jen.Id("_").Op("=").Add(wire("EnforceVersion")).Call(jen.Lit(runtimeVersion).Op("-").Add(wire("MinVersion"))),
		jen.Id("_").Op("=").Add(wire("EnforceVersion")).Call(wire("MaxVersion").Op("-").Lit(runtimeVersion)),
	)
}

// eventTailFields are the unexported members every event struct ends with:
// the embedded source (the input, and what recovering decoding skipped).
func eventTailFields() []jen.Code {
	return []jen.Code{jen.Line(), jen.Id("source")}
}

// emitSource emits source, which every event embeds: what the event keeps of
// its input, with the Event methods that only read it. Known is true here;
// UnknownEvent's own Known says false.
//
//	type source struct {
//		raw string
//		rec *wireimpl.Recovery
//	}
//	func (x *source) RawJSON() []byte { return []byte(x.raw) }
func emitSource() jen.Code {
	recv := jen.Id("x").Op("*").Id("source")
	g := jen.Comment("source is what an event keeps of its input: the text, and what recovering").Line()
	g.Comment("decoding skipped. Every event embeds it.").Line()
	g.Type().Id("source").Struct(
		jen.Id("raw").String(),
		jen.Id("rec").Op("*").Add(wire("Recovery")),
	).Line().Line()
	g.Comment("Known implements Event: true for every event but UnknownEvent.").Line()
	g.Func().Params(recv.Clone()).Id("Known").Params().Bool().Block(jen.Return(jen.True())).Line().Line()
	g.Comment("RawJSON implements Event.").Line()
	g.Func().Params(recv.Clone()).Id("RawJSON").Params().Index().Byte().Block(jen.Return(jen.Index().Byte().Parens(jen.Id("x").Dot("raw")))).Line().Line()
	g.Comment("Problems implements Event.").Line()
	g.Func().Params(recv.Clone()).Id("Problems").Params().Index().Add(wire("Problem")).Block(jen.Return(jen.Id("x").Dot("rec").Dot("Problems").Call())).Line().Line()
	g.Func().Params(recv.Clone()).Id("setSource").Params(jen.Id("raw").String(), jen.Id("rec").Op("*").Add(wire("Recovery"))).Block(
		jen.Id("x").Dot("raw").Op(",").Id("x").Dot("rec").Op("=").List(jen.Id("raw"), jen.Id("rec")),
	).Line()
	return g
}

// eventHeadFields are the members every event struct starts with: with a
// frame, the frame, held by value so that a copy of the event is a copy of
// its frame too.
//
//	Frame jsonwire.Opt[Frame]
func eventHeadFields(m *Model) []jen.Code {
	var out []jen.Code
	if m.Frame != nil {
		out = append(out,
			jen.Comment("Frame is the envelope the event came in; not Set when the event was"),
			jen.Comment("decoded from a bare payload."),
			jen.Id("Frame").Add(wire("Opt")).Types(jen.Id("Frame")),
			jen.Line(),
		)
	}
	return out
}

// eventMethods are the Event methods that only report what the event is
// (the embedded source has the others).
//
//	func (x *Created) EventName() string { return "created" }
//	func (x *Created) setFrame(f Frame) { x.Frame = jsonwire.Some(f) } // with a frame
//	func (x *Created) Envelope() (Frame, bool) { return x.Frame.Get() } // with a frame
//	func (x *Created) Base() *Head { return &x.Head }   // with one base for all
//
// known, when not nil, is a Known of the type's own.
func eventMethods(m *Model, goName string, name jen.Code, known jen.Code) jen.Code {
	recv := jen.Id("x").Op("*").Id(goName)
	g := jen.Line()
	g.Comment("EventName implements Event.").Line()
	g.Func().Params(recv.Clone()).Id("EventName").Params().String().Block(jen.Return(name)).Line()
	if known != nil {
		g.Line().Comment("Known implements Event.").Line()
		g.Func().Params(recv.Clone()).Id("Known").Params().Bool().Block(jen.Return(known)).Line()
	}
	if m.Frame != nil {
		g.Line().Func().Params(recv.Clone()).Id("setFrame").Params(jen.Id("f").Id("Frame")).Block(
			jen.Id("x").Dot("Frame").Op("=").Add(wire("Some")).Call(jen.Id("f")),
		).Line()
		g.Line().Comment("Envelope implements Event.").Line()
		g.Func().Params(recv.Clone()).Id("Envelope").Params().Params(jen.Id("Frame"), jen.Bool()).Block(
			jen.Return(jen.Id("x").Dot("Frame").Dot("Get").Call()),
		).Line()
	}
	if base := m.CommonBase(); base != nil {
		g.Line().Comment("Base implements Event.").Line()
		g.Func().Params(recv.Clone()).Id("Base").Params().Op("*").Id(base.GoName).BlockFunc(func(b *jen.Group) {
			if goName == "UnknownEvent" {
				b.Return(jen.Nil())
			} else {
				b.Return(jen.Op("&").Id("x").Dot(base.GoName))
			}
		}).Line()
	}
	return g
}

// commonAccessorDecls are the Event methods that reach what every event
// has, so that logging an ID or ordering by sn needs no type switch:
//
//	Envelope() (f Frame, ok bool) // with a frame
//	Base() *EventData             // when every family embeds EventData
func commonAccessorDecls(m *Model) []jen.Code {
	var out []jen.Code
	if m.Frame != nil {
		out = append(out,
			jen.Comment("Envelope returns a copy of the frame the event came in (its sn...); ok is"),
			jen.Comment("false for an event decoded from a bare payload."),
			jen.Id("Envelope").Params().Params(jen.Id("f").Id("Frame"), jen.Id("ok").Bool()),
		)
	}
	if base := m.CommonBase(); base != nil {
		out = append(out,
			jen.Comment("Base returns the members every event has ("+base.GoName+"); nil for"),
			jen.Comment("*UnknownEvent, whose Payload holds them as they came."),
			jen.Id("Base").Params().Op("*").Id(base.GoName),
		)
	}
	return out
}

// emitUnknownEvent declares the value for events the schema does not know.
//
//	type UnknownEvent struct {
//		Frame   jsonwire.Opt[Frame]
//		Family  string       // the family whose keys matched so far
//		K       string       // one member per discriminator
//		Payload jsonwire.Raw // verbatim
//		name    string
//		...
//	}
func emitUnknownEvent(m *Model) jen.Code {
	g := jen.Comment("UnknownEvent is an event the schema does not know (a new discriminator value).").Line()
	g.Comment("It keeps the payload whole, so re-encoding gives back what was decoded.").Line()
	g.Type().Id("UnknownEvent").StructFunc(func(s *jen.Group) {
		for _, c := range eventHeadFields(m) {
			s.Add(c)
		}
		s.Comment("Family is the family whose keys matched so far.")
		s.Id("Family").String()
		for _, k := range m.KeyFields {
			s.Comment(fmt.Sprintf("%s is the discriminator %q, when the family has it.", k.GoName, strings.Join(k.Path, ".")))
			s.Id(k.GoName).Add(valueType(k.Type))
		}
		s.Comment("Payload is the event payload, verbatim.")
		s.Id("Payload").Add(wire("Raw"))
		s.Line()
		s.Id("name").String() // made from the discriminators; see EventName
		s.Id("source")        // as in every event (eventTailFields)
	}).Line()
	g.Var().Id("_").Id("Event").Op("=").Parens(jen.Op("*").Id("UnknownEvent")).Parens(jen.Nil()).Line()
	g.Add(eventMethods(m, "UnknownEvent", jen.Id("x").Dot("name"), jen.False()))
	return g
}

// whereText tells a variant of an event from the others, for docs:
// ` where channel_type is "PERSON"`, or for the default variant
// ` where channel_type is not "PERSON"`; "" for other events.
func whereText(m *Model, ev *Event) string {
	n := m.WhereLevel(ev)
	if n == nil {
		return ""
	}
	text := func(v KeyValue) string {
		if n.Key.IsString {
			return strconv.Quote(v.Str)
		}
		return strconv.FormatInt(v.Int, 10)
	}
	if ev.Where != nil {
		return fmt.Sprintf(" where %s is %s", strings.Join(n.Key.Path, "."), text(ev.Where.Value))
	}
	var vals []string
	for _, c := range n.Cases {
		vals = append(vals, text(c.Value))
	}
	return fmt.Sprintf(" where %s is not %s", strings.Join(n.Key.Path, "."), strings.Join(vals, " or "))
}
