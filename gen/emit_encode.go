package gen

import (
	"fmt"
	"strconv"

	"github.com/dave/jennifer/jen"

	"github.com/eventbind/eventbind/jsonwire/wireimpl"
)

// emitEncode writes encode.go: AppendJSON and MarshalJSON of every event,
// object and union, the frame's opening, the bases' appendMembers and
// appendEvent.
func emitEncode(m *Model) *jen.File {
	f := newFile(m)
	if m.Frame != nil {
		f.Add(emitFrameOpen(m, m.Frame))
	}
	for _, o := range m.Objects {
		switch {
		case o.IsBase:
			f.Add(emitAppendBase(o))
		case o == m.FrameObject():
		case o.Owner != nil && o == o.Owner.Payload:
			f.Add(emitAppendObject(m, o, "appendPayload"))
			f.Add(emitEventAppend(m, o.GoName))
		default:
			f.Comment("AppendJSON appends x's JSON encoding to b.")
			f.Add(emitAppendObject(m, o, "AppendJSON"))
			f.Add(emitMarshal(o.GoName))
		}
	}
	for _, e := range m.Enums {
		if e.IsString {
			f.Add(emitEnumAppend(e))
		}
	}
	for _, u := range m.Unions {
		unknown := u.UnknownGoName
		f.Comment("AppendJSON appends the value verbatim.")
		f.Func().Params(jen.Id("x").Op("*").Id(unknown)).Id("AppendJSON").Params(jen.Id("b").Index().Byte()).Index().Byte().Block(
			jen.Return(wire("AppendRaw").Call(jen.Id("b"), jen.Id("x").Dot("Raw"))),
		)
		f.Add(emitMarshal(unknown))
	}
	f.Func().Params(jen.Id("x").Op("*").Id("UnknownEvent")).Id("appendPayload").Params(jen.Id("b").Index().Byte()).Index().Byte().Block(
		jen.Return(wire("AppendRaw").Call(jen.Id("b"), jen.Id("x").Dot("Payload"))),
	).Line()
	f.Add(emitEventAppend(m, "UnknownEvent"))
	f.Add(emitAppendEventHelper(m))
	return f
}

// emitMarshal emits MarshalJSON on the value, while AppendJSON takes the
// pointer. The receivers differ on purpose: with a pointer receiver,
// json.Marshal of a struct value (an event held in a user's struct, not a
// pointer) would not find the method and would marshal the fields by
// reflection, losing the unknown members and the wire forms, silently
// (TestMarshalByValue). AppendJSON on the value would copy the whole struct
// on every call.
//
//	func (x TextMessage) MarshalJSON() ([]byte, error) { return x.AppendJSON(nil), nil }
func emitMarshal(goName string) jen.Code {
	g := jen.Comment("MarshalJSON implements json.Marshaler.").Line()
	g.Func().Params(jen.Id("x").Id(goName)).Id("MarshalJSON").Params().Params(jen.Index().Byte(), jen.Error()).Block(
		jen.Return(jen.Id("x").Dot("AppendJSON").Call(jen.Nil()), jen.Nil()),
	).Line()
	return g
}

// emitFrameOpen emits the method that writes a frame up to its payload:
// {"s":0,"sn":1,"d": — the event then writes the payload and the closing brace.
//
//	func (x *Frame) appendOpen(b []byte) []byte {
//		b = append(b, "{\"s\":0"...)
//		if x.SN.Set {
//			b = wireimpl.AppendInt(append(b, ",\"sn\":"...), x.SN.Value)
//		}
//		...
//		return append(b, ",\"d\":"...)
//	}
func emitFrameOpen(m *Model, fr *Frame) jen.Code {
	return jen.Func().Params(jen.Id("x").Op("*").Id("Frame")).Id("appendOpen").Params(jen.Id("b").Index().Byte()).Index().Byte().BlockFunc(func(b *jen.Group) {
		var known map[string]KeyValue
		if m.Signals != nil {
			// Only event frames are written here.
			known = map[string]KeyValue{m.Signals.Key.JSONName: {Int: m.Signals.Event}}
		}
		written := openObject(b, appendFields(b, jen.Id("x"), fr.Object.Fields, notOpened, known))
		b.Add(appendKept("UnknownFields"))
		if m.Extensions != nil {
			b.Add(appendKept("Extensions"))
		}
		b.Return(appendKey(fr.Payload, written))
	}).Line()
}

// emitEventAppend emits AppendJSON and MarshalJSON of an event, through
// appendEvent (emitAppendEventHelper):
//
//	func (x *TextMessage) AppendJSON(b []byte) []byte {
//		return appendEvent(b, &x.Frame, &x.source, x.appendPayload)
//	}
func emitEventAppend(m *Model, goName string) jen.Code {
	args := []jen.Code{jen.Id("b")}
	if m.Frame != nil {
		args = append(args, jen.Op("&").Id("x").Dot("Frame"))
	}
	args = append(args, jen.Op("&").Id("x").Dot("source"), jen.Id("x").Dot("appendPayload"))
	g := jen.Comment("AppendJSON implements Event: the frame when the event came in one, else the payload.").Line()
	g.Func().Params(jen.Id("x").Op("*").Id(goName)).Id("AppendJSON").Params(jen.Id("b").Index().Byte()).Index().Byte().Block(
		jen.Return(jen.Id("appendEvent").Call(args...)),
	).Line()
	g.Add(emitMarshal(goName))
	return g
}

// emitAppendEventHelper emits appendEvent, which every event's AppendJSON
// calls with its payload's appendPayload:
//
//	func appendEvent(b []byte, f *jsonwire.Opt[Frame], s *source, payload func([]byte) []byte) []byte {
//		if b == nil { ... one shot ... }
//		start := len(b)
//		if f.Set { b = f.Value.appendOpen(b) }
//		b = payload(b)
//		if f.Set { b = append(b, '}') }
//		return s.rec.Patch(b, start)
//	}
func emitAppendEventHelper(m *Model) jen.Code {
	params := []jen.Code{jen.Id("b").Index().Byte()}
	args := []jen.Code{jen.Id("sc").Dot("B").Index(jen.Empty(), jen.Lit(0))}
	if m.Frame != nil {
		params = append(params, jen.Id("f").Op("*").Add(wire("Opt")).Types(jen.Id("Frame")))
		args = append(args, jen.Id("f"))
	}
	params = append(params, jen.Id("s").Op("*").Id("source"), jen.Id("payload").Func().Params(jen.Index().Byte()).Index().Byte())
	args = append(args, jen.Id("s"), jen.Id("payload"))
	g := jen.Comment("appendEvent appends an event: its frame, when it came in one, around the payload").Line()
	g.Comment("that payload appends; then the members recovering decoding skipped go back as").Line()
	g.Comment("they came.").Line()
	g.Func().Id("appendEvent").Params(params...).Index().Byte().BlockFunc(func(b *jen.Group) {
		b.If(jen.Id("b").Op("==").Nil()).Block(
			jen.Comment("One shot: encoded into a pooled buffer, then copied into one of the"),
			jen.Comment("output's size: one allocation, no larger than it must be."),
			jen.Id("sc").Op(":=").Add(wire("GetScratch")).Call(),
			jen.Return(jen.Id("sc").Dot("Done").Call(jen.Id("appendEvent").Call(args...))),
		)
		b.Id("start").Op(":=").Len(jen.Id("b"))
		if m.Frame != nil {
			b.If(jen.Id("f").Dot("Set")).Block(jen.Id("b").Op("=").Id("f").Dot("Value").Dot("appendOpen").Call(jen.Id("b")))
		}
		b.Id("b").Op("=").Id("payload").Call(jen.Id("b"))
		if m.Frame != nil {
			b.If(jen.Id("f").Dot("Set")).Block(jen.Id("b").Op("=").Append(jen.Id("b"), jen.LitRune('}')))
		}
		b.Return(jen.Id("s").Dot("rec").Dot("Patch").Call(jen.Id("b"), jen.Id("start")))
	}).Line()
	return g
}

// emitAppendBase emits the method through which every object embedding a
// base writes the base's members, the object's '{' first:
//
//	func (x *EventData) appendMembers(b []byte) []byte {
//		b = x.ChannelType.appendJSON(append(b, "{\"channel_type\":"...))
//		...
//		return b
//	}
func emitAppendBase(o *Object) jen.Code {
	g := jen.Comment("appendMembers appends '{' and x's members, for the objects that embed x.").Line()
	g.Func().Params(jen.Id("x").Op("*").Id(o.GoName)).Id("appendMembers").Params(jen.Id("b").Index().Byte()).Index().Byte().BlockFunc(func(b *jen.Group) {
		openObject(b, appendFields(b, jen.Id("x"), o.Fields, notOpened, nil))
		b.Return(jen.Id("b"))
	}).Line()
	return g
}

// baseWritten is the state after a base's members (appendMembers), which
// opens the object: appendFields' states, from an opened object on.
func baseWritten(base *Object) writtenState {
	w := noneWritten
	for _, f := range base.Fields {
		w = w.after(f)
	}
	return w
}

// emitAppendObject emits the method that appends an object: its present
// members in schema order (an embedded base's through its appendMembers),
// then the members the schema does not model.
//
//	func (x *AddedReactionBody) AppendJSON(b []byte) []byte {
//		b = wireimpl.AppendStringRest(append(b, "{\"msg_id\":\""...), x.MsgID)
//		...
//		if len(x.UnknownFields) > 0 {
//			b = wireimpl.AppendUnknown(b, x.UnknownFields)
//		}
//		return append(b, '}')
//	}
func emitAppendObject(m *Model, o *Object, method string) jen.Code {
	return jen.Func().Params(jen.Id("x").Op("*").Id(o.GoName)).Id(method).Params(jen.Id("b").Index().Byte()).Index().Byte().BlockFunc(func(b *jen.Group) {
		known := knownValues(o)
		written := notOpened
		if o.Base != nil {
			b.Id("b").Op("=").Id("x").Dot(o.Base.GoName).Dot("appendMembers").Call(jen.Id("b"))
			written = baseWritten(o.Base)
		}
		openObject(b, appendFields(b, jen.Id("x"), o.Fields, written, known))
		b.Add(appendKept("UnknownFields"))
		if m.Extensions != nil {
			b.Add(appendKept("Extensions"))
		}
		b.Return(jen.Append(jen.Id("b"), jen.LitRune('}')))
	}).Line()
}

// writtenState is what the emitter knows, at a member, of the members of
// the object written before it: none, maybe some (optional ones), or surely
// some. It decides how the member's key goes out.
type writtenState int

const (
	noneWritten writtenState = iota
	maybeWritten
	surelyWritten
	// notOpened is noneWritten before the object's '{', which a first
	// member that is always there writes in one literal with its key.
	notOpened
)

// openObject appends the object's '{' if no member has yet, and returns
// the state after it.
func openObject(b *jen.Group, w writtenState) writtenState {
	if w != notOpened {
		return w
	}
	b.Id("b").Op("=").Append(jen.Id("b"), jen.LitRune('{'))
	return noneWritten
}

// after returns the state after a member.
func (w writtenState) after(f *Field) writtenState {
	switch {
	case !f.Optional:
		return surelyWritten
	case w == noneWritten:
		return maybeWritten
	}
	return w
}

// appendFields appends the fields of x (the struct that holds them) in
// order, starting in state w, and returns the state after them. known holds
// the values that discriminators fix, by JSON name.
func appendFields(b *jen.Group, x *jen.Statement, fields []*Field, w writtenState, known map[string]KeyValue) writtenState {
	for _, f := range fields {
		if f.Optional {
			w = openObject(b, w)
		}
		if v, ok := known[f.JSONName]; ok && !f.Optional && !f.Nullable && f.Forms == 0 && knownValueType(f.Type) {
			appendKnownField(b, x.Clone().Dot(f.GoName), f, w, v)
		} else {
			appendField(b, x.Clone().Dot(f.GoName), f, wireOf(x, f), w)
		}
		w = w.after(f)
	}
	return w
}

// memberLiteral returns a member's key in its JSON form with its colon.
func memberLiteral(name string) string {
	return string(wireimpl.AppendString(nil, name)) + ":"
}

// appendKey returns the expression that appends a member's key as one
// literal: `"name":` first, `,"name":` after a member surely written, and
// behind wireimpl's comma check when that is not known.
func appendKey(name string, w writtenState) *jen.Statement {
	return appendLiteral(memberLiteral(name), w)
}

// appendLiteral returns the expression that appends lit, a member in its
// JSON form, after the comma that state w calls for.
func appendLiteral(lit string, w writtenState) *jen.Statement {
	switch w {
	case notOpened:
		return appendConst("{" + lit)
	case noneWritten:
		return appendConst(lit)
	case surelyWritten:
		return appendConst("," + lit)
	}
	return wire("AppendQuotedKey").Call(jen.Id("b"), jen.Lit(lit))
}

// appendConst returns the expression that appends the constant text to b:
// append(b, "..."...). Splitting long constants into pieces of at most 16
// bytes, which the compiler copies without calling memmove, was measured on
// Go 1.26 at no difference (README, Performance), so it is not done.
func appendConst(text string) *jen.Statement {
	return jen.Append(jen.Id("b"), jen.Lit(text).Op("..."))
}

// appendField appends `"name":value`, leaving out an absent optional member
// and writing null for a null one.
//
//	if x.ChannelType.Set {
//		b = wireimpl.AppendInt(append(b, ",\"channel_type\":"...), int64(x.ChannelType.Value))
//	}
func appendField(b *jen.Group, target *jen.Statement, f *Field, w wireSlots, written writtenState) {
	acc := accepting{forms: f.Forms, items: f.ItemForms, wire: w}
	write := func(g *jen.Group, t *jen.Statement) {
		if f.Type.Kind == KindString && !f.Nullable && f.Forms == 0 {
			// The string's opening quote goes out with the key:
			// b = wireimpl.AppendStringRest(append(b, ",\"msg_id\":\""...), x.MsgID)
			g.Id("b").Op("=").Add(wire("AppendStringRest")).Call(appendLiteral(memberLiteral(f.JSONName)+`"`, written), t)
			return
		}
		if !f.Nullable {
			appendValue(g, appendKey(f.JSONName, written), t, f.Type, 0, acc)
			return
		}
		g.Id("b").Op("=").Add(appendKey(f.JSONName, written))
		g.If(t.Clone().Dot("Valid")).BlockFunc(func(vb *jen.Group) {
			appendValue(vb, nil, t.Clone().Dot("Value"), f.Type, 0, acc)
		}).Else().Block(
			jen.Id("b").Op("=").Append(jen.Id("b"), jen.Lit("null").Op("...")),
		)
	}
	switch {
	case f.IsPointer():
		b.If(target.Clone().Op("!=").Nil()).BlockFunc(func(ob *jen.Group) {
			write(ob, target)
		})
		return
	case f.Optional:
		b.If(target.Clone().Dot("Set")).BlockFunc(func(ob *jen.Group) {
			write(ob, target.Clone().Dot("Value"))
		})
		return
	}
	write(b, target)
}

// appendValue appends the value of type t held in target, in the form it
// came in where acc has alternative forms. key, when not nil, appends the
// member's key to b first; a scalar or an object takes it as its first
// argument, one statement for the member:
//
//	b = wireimpl.AppendInt(append(b, ",\"type\":"...), int64(x.Type))
func appendValue(b *jen.Group, key *jen.Statement, target *jen.Statement, t *Type, depth int, acc accepting) {
	into := jen.Id("b")
	if key != nil {
		into = key
	}
	// flush writes the key first, for the kinds that append in several statements.
	flush := func() {
		if key != nil {
			b.Id("b").Op("=").Add(key)
			key, into = nil, jen.Id("b")
		}
	}
	// form is the expression of the form the value came in: x.wire.IsCategory,
	// or x.wire.MentionItems.At(i0) for an element.
	var form jen.Code
	switch {
	case acc.forms == 0:
	case acc.elem != nil:
		form = acc.wire.items.Clone().Dot("At").Call(acc.elem)
	default:
		form = acc.wire.value
	}
	// call appends a scalar: b = wireimpl.AppendBool(b, x.B), or in the form
	// it came in, b = wireimpl.AppendBoolAs(b, x.IsCategory, x.wire.IsCategory).
	call := func(fn string, arg jen.Code) {
		if form != nil {
			b.Id("b").Op("=").Add(wire(fn+"As")).Call(into, arg, form)
			return
		}
		b.Id("b").Op("=").Add(wire(fn)).Call(into, arg)
	}
	// empty writes a container that came as null or [] that way while it is
	// still empty: if f := x.wire.Q; f != 0 && <empty> { b = wireimpl.AppendEmptyAs(b, f) } else { ... }
	empty := func(isEmpty jen.Code, write func(g *jen.Group)) {
		if form == nil || acc.forms&emptyForms == 0 {
			write(b)
			return
		}
		flush()
		b.If(jen.Id("f").Op(":=").Add(form), jen.Id("f").Op("!=").Add(wire("AsDeclared")).Op("&&").Add(isEmpty)).Block(
			jen.Id("b").Op("=").Add(wire("AppendEmptyAs")).Call(jen.Id("b"), jen.Id("f")),
		).Else().BlockFunc(write)
	}
	switch t.Kind {
	case KindString:
		call("AppendString", target)
	case KindInt:
		call("AppendInt", jen.Int64().Call(target))
	case KindInt64:
		call("AppendInt", target)
	case KindBool:
		call("AppendBool", target)
	case KindFloat:
		call("AppendFloat", target)
	case KindRaw:
		call("AppendRaw", target) // raw takes no other form
	case KindEnum:
		switch {
		case !t.Enum.IsString:
			call("AppendInt", jen.Int64().Call(target))
		case form != nil:
			call("AppendString", jen.String().Call(target))
		default:
			// A declared value goes out as its ready-quoted literal.
			b.Id("b").Op("=").Add(target).Dot("appendJSON").Call(into)
		}
	case KindObject:
		// Still empty when it encodes as its zero value does.
		isEmpty := jen.Qual("bytes", "Equal").Call(
			target.Clone().Dot("AppendJSON").Call(jen.Nil()),
			jen.Parens(jen.Op("&").Add(valueType(t)).Values()).Dot("AppendJSON").Call(jen.Nil()))
		empty(isEmpty, func(g *jen.Group) {
			g.Id("b").Op("=").Add(target).Dot("AppendJSON").Call(into)
		})
	case KindUnion:
		flush()
		// A nil interface (only in values built by hand) encodes as null.
		b.If(target.Clone().Op("==").Nil()).Block(
			jen.Id("b").Op("=").Append(jen.Id("b"), jen.Lit("null").Op("...")),
		).Else().Block(
			jen.Id("b").Op("=").Add(target.Clone()).Dot("AppendJSON").Call(jen.Id("b")),
		)
	case KindArray:
		i := fmt.Sprintf("i%d", depth)
		itemAcc := accepting{}
		if acc.items != 0 {
			itemAcc = accepting{forms: acc.items, wire: acc.wire, elem: jen.Id(i)}
		}
		empty(jen.Len(target.Clone()).Op("==").Lit(0), func(g *jen.Group) {
			g.Id("b").Op("=").Append(into, jen.LitRune('['))
			g.For(jen.Id(i).Op(":=").Range().Add(target.Clone())).BlockFunc(func(lb *jen.Group) {
				lb.If(jen.Id(i).Op(">").Lit(0)).Block(jen.Id("b").Op("=").Append(jen.Id("b"), jen.LitRune(',')))
				appendValue(lb, nil, target.Clone().Index(jen.Id(i)), t.Elem, depth+1, itemAcc)
			})
			g.Id("b").Op("=").Append(jen.Id("b"), jen.LitRune(']'))
		})
	case KindMap:
		flush()
		keys, k, e := fmt.Sprintf("keys%d", depth), fmt.Sprintf("k%d", depth), fmt.Sprintf("e%d", depth)
		empty(jen.Len(target.Clone()).Op("==").Lit(0), func(g *jen.Group) {
			g.BlockFunc(func(mb *jen.Group) {
				mb.Comment("Sorted keys: the same value always encodes the same way.")
				mb.Id(keys).Op(":=").Make(jen.Index().String(), jen.Lit(0), jen.Len(target.Clone()))
				mb.For(jen.Id(k).Op(":=").Range().Add(target.Clone())).Block(jen.Id(keys).Op("=").Append(jen.Id(keys), jen.Id(k)))
				mb.Qual("sort", "Strings").Call(jen.Id(keys))
				mb.Id("b").Op("=").Append(jen.Id("b"), jen.LitRune('{'))
				mb.For(jen.List(jen.Id("n"), jen.Id(k)).Op(":=").Range().Id(keys)).BlockFunc(func(lb *jen.Group) {
					lb.If(jen.Id("n").Op(">").Lit(0)).Block(jen.Id("b").Op("=").Append(jen.Id("b"), jen.LitRune(',')))
					lb.Id("b").Op("=").Add(wire("AppendString")).Call(jen.Id("b"), jen.Id(k))
					lb.Id("b").Op("=").Append(jen.Id("b"), jen.LitRune(':'))
					lb.Comment("A copy: map values are not addressable.")
					lb.Id(e).Op(":=").Add(target.Clone()).Index(jen.Id(k))
					appendValue(lb, nil, jen.Id(e), t.Elem, depth+1, accepting{})
				})
				mb.Id("b").Op("=").Append(jen.Id("b"), jen.LitRune('}'))
			})
		})
	}
}

// knownValueType reports whether a member of type t can be written from a
// known discriminator value: a string, an integer or an enum of those.
func knownValueType(t *Type) bool {
	switch t.Kind {
	case KindString, KindInt, KindInt64, KindEnum:
		return true
	}
	return false
}

// appendKnownField appends a member whose value a discriminator fixes: the
// value it nearly always has (the one that chose this struct) goes out with
// its key as one literal, and any other value the usual way.
//
//	if x.Type == 255 {
//		b = append(b, ",\"type\":255"...)
//	} else {
//		b = wireimpl.AppendInt(append(b, ",\"type\":"...), int64(x.Type))
//	}
func appendKnownField(b *jen.Group, target *jen.Statement, f *Field, written writtenState, v KeyValue) {
	value, text := jen.Lit(int(v.Int)), strconv.FormatInt(v.Int, 10)
	if f.Type.Kind == KindString || f.Type.Kind == KindEnum && f.Type.Enum.IsString {
		value, text = jen.Lit(v.Str), string(wireimpl.AppendString(nil, v.Str))
	}
	b.If(target.Clone().Op("==").Add(value)).Block(
		jen.Id("b").Op("=").Add(appendLiteral(memberLiteral(f.JSONName)+text, written)),
	).Else().BlockFunc(func(eb *jen.Group) {
		appendField(eb, target, f, wireSlots{}, written)
	})
}

// emitEnumAppend emits the method that appends a string enum: a declared
// value as its ready-quoted literal, another one the usual way.
//
//	func (v ChannelType) appendJSON(b []byte) []byte {
//		switch v {
//		case ChannelTypeGroup:
//			return append(b, "\"GROUP\""...)
//		...
//		}
//		return wireimpl.AppendString(b, string(v))
//	}
func emitEnumAppend(e *Enum) jen.Code {
	return jen.Func().Params(jen.Id("v").Id(e.GoName)).Id("appendJSON").Params(jen.Id("b").Index().Byte()).Index().Byte().BlockFunc(func(g *jen.Group) {
		g.Switch(jen.Id("v")).BlockFunc(func(sw *jen.Group) {
			for _, v := range e.Values {
				sw.Case(jen.Id(v.GoName)).Block(jen.Return(jen.Append(jen.Id("b"), jen.Lit(string(wireimpl.AppendString(nil, v.Str))).Op("..."))))
			}
		})
		g.Return(wire("AppendString").Call(jen.Id("b"), jen.String().Call(jen.Id("v"))))
	}).Line()
}

// appendKept returns the statement that appends the members kept in x's
// field (unknown members or extensions), checked inline since it is
// nearly always empty.
//
//	if len(x.UnknownFields) > 0 {
//		b = wireimpl.AppendUnknown(b, x.UnknownFields)
//	}
func appendKept(field string) jen.Code {
	return jen.If(jen.Len(jen.Id("x").Dot(field)).Op(">").Lit(0)).Block(
		jen.Id("b").Op("=").Add(wire("AppendUnknown")).Call(jen.Id("b"), jen.Id("x").Dot(field)),
	)
}
