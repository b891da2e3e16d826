package gen

import (
	"encoding/json"
	"fmt"

	"github.com/dave/jennifer/jen"
)

func emitEncode(m *Model) *jen.File {
	f := newFile(m)
	if m.Frame != nil {
		f.Add(emitFrameOpen(m, m.Frame))
	}
	for _, o := range m.Objects {
		switch {
		case o.IsBase:
			f.Comment("appendMembers appends x's present members, each after a comma when needed.")
			f.Func().Params(jen.Id("x").Op("*").Id(o.GoName)).Id("appendMembers").Params(jen.Id("b").Index().Byte()).Index().Byte().BlockFunc(func(b *jen.Group) {
				appendFields(b, o.Fields, noneWritten)
				b.Return(jen.Id("b"))
			})
		case o == m.Frameobj():
		case o.Owner != nil && o == o.Owner.Payload:
			f.Add(emitAppendObject(m, o, "appendPayload"))
			f.Add(emitEventAppend(m, o.GoName, jen.Id("b").Op("=").Id("x").Dot("appendPayload").Call(jen.Id("b"))))
		default:
			f.Comment("AppendJSON appends x's JSON encoding to b.")
			f.Add(emitAppendObject(m, o, "AppendJSON"))
			f.Add(emitMarshal(o.GoName))
		}
	}
	for _, u := range m.Unions {
		unknown := "Unknown" + u.GoName
		f.Comment("AppendJSON appends the value verbatim.")
		f.Func().Params(jen.Id("x").Op("*").Id(unknown)).Id("AppendJSON").Params(jen.Id("b").Index().Byte()).Index().Byte().Block(
			jen.Return(jen.Qual(wirePath, "AppendRaw").Call(jen.Id("b"), jen.Id("x").Dot("Raw"))),
		)
		f.Add(emitMarshal(unknown))
	}
	f.Add(emitEventAppend(m, "UnknownEvent", jen.Id("b").Op("=").Qual(wirePath, "AppendRaw").Call(jen.Id("b"), jen.Id("x").Dot("Payload"))))
	return f
}

func emitMarshal(goName string) jen.Code {
	g := jen.Comment("MarshalJSON implements json.Marshaler.").Line()
	g.Func().Params(jen.Id("x").Id(goName)).Id("MarshalJSON").Params().Params(jen.Index().Byte(), jen.Error()).Block(
		jen.Return(jen.Id("x").Dot("AppendJSON").Call(jen.Nil()), jen.Nil()),
	).Line()
	return g
}

// emitFrameOpen emits the method that writes a frame up to its payload:
// {"s":0,"sn":1,"d": — the event then writes the payload and the closing brace.
func emitFrameOpen(m *Model, fr *Frame) jen.Code {
	return jen.Func().Params(jen.Id("x").Op("*").Id("Frame")).Id("appendOpen").Params(jen.Id("b").Index().Byte()).Index().Byte().BlockFunc(func(b *jen.Group) {
		b.Id("b").Op("=").Append(jen.Id("b"), jen.LitRune('{'))
		written := appendFields(b, fr.Object.Fields, noneWritten)
		b.Id("b").Op("=").Id("x").Dot("UnknownFields").Dot("AppendTo").Call(jen.Id("b"))
		if m.Extensions {
			b.Id("b").Op("=").Id("x").Dot("Extensions").Dot("AppendTo").Call(jen.Id("b"))
		}
		b.Return(appendKey(fr.Payload, written))
	}).Line()
}

// emitEventAppend emits AppendJSON and MarshalJSON of an event: the frame
// around the payload when the event came in one.
func emitEventAppend(m *Model, goName string, payload jen.Code) jen.Code {
	g := jen.Comment("AppendJSON implements Event: the frame when the event came in one, else the payload.").Line()
	g.Func().Params(jen.Id("x").Op("*").Id(goName)).Id("AppendJSON").Params(jen.Id("b").Index().Byte()).Index().Byte().BlockFunc(func(b *jen.Group) {
		if m.Frame != nil {
			b.If(jen.Id("x").Dot("Frame").Op("!=").Nil()).Block(jen.Id("b").Op("=").Id("x").Dot("Frame").Dot("appendOpen").Call(jen.Id("b")))
		}
		b.Add(payload)
		if m.Frame != nil {
			b.If(jen.Id("x").Dot("Frame").Op("!=").Nil()).Block(jen.Id("b").Op("=").Append(jen.Id("b"), jen.LitRune('}')))
		}
		b.Return(jen.Id("b"))
	}).Line()
	g.Add(emitMarshal(goName))
	return g
}

// emitAppendObject emits the method that appends an object: its present
// members in schema order, then the members the schema does not model.
func emitAppendObject(m *Model, o *Object, method string) jen.Code {
	return jen.Func().Params(jen.Id("x").Op("*").Id(o.GoName)).Id(method).Params(jen.Id("b").Index().Byte()).Index().Byte().BlockFunc(func(b *jen.Group) {
		b.Id("b").Op("=").Append(jen.Id("b"), jen.LitRune('{'))
		written := noneWritten
		if o.Base != nil {
			b.Id("b").Op("=").Id("x").Dot(o.Base.GoName).Dot("appendMembers").Call(jen.Id("b"))
			written = afterFields(o.Base.Fields, noneWritten)
		}
		appendFields(b, o.Fields, written)
		b.Id("b").Op("=").Id("x").Dot("UnknownFields").Dot("AppendTo").Call(jen.Id("b"))
		if m.Extensions {
			b.Id("b").Op("=").Id("x").Dot("Extensions").Dot("AppendTo").Call(jen.Id("b"))
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
)

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

// afterFields returns the state after fields.
func afterFields(fields []*Field, w writtenState) writtenState {
	for _, f := range fields {
		w = w.after(f)
	}
	return w
}

// appendFields appends the fields of x in order, starting in state w, and
// returns the state after them.
func appendFields(b *jen.Group, fields []*Field, w writtenState) writtenState {
	for _, f := range fields {
		appendField(b, jen.Id("x").Dot(f.GoName), f, w)
		w = w.after(f)
	}
	return w
}

// appendKey returns the expression that appends a member's key as one
// literal: `"name":` first, `,"name":` after a member surely written, and
// behind jsonwire's comma check when that is not known.
func appendKey(name string, w writtenState) *jen.Statement {
	quoted, _ := json.Marshal(name)
	lit := string(quoted) + ":"
	switch w {
	case noneWritten:
		return jen.Append(jen.Id("b"), jen.Lit(lit).Op("..."))
	case surelyWritten:
		return jen.Append(jen.Id("b"), jen.Lit(","+lit).Op("..."))
	}
	return jen.Qual(wirePath, "AppendQuotedKey").Call(jen.Id("b"), jen.Lit(lit))
}

// appendField appends `"name":value`, leaving out an absent optional member
// and writing null for a null one.
func appendField(b *jen.Group, target *jen.Statement, f *Field, written writtenState) {
	write := func(g *jen.Group, t *jen.Statement) {
		g.Id("b").Op("=").Add(appendKey(f.JSONName, written))
		if !f.Nullable {
			appendValue(g, t, f.Type, 0)
			return
		}
		g.If(t.Clone().Dot("Valid")).BlockFunc(func(vb *jen.Group) {
			appendValue(vb, t.Clone().Dot("Value"), f.Type, 0)
		}).Else().Block(
			jen.Id("b").Op("=").Append(jen.Id("b"), jen.Lit("null").Op("...")),
		)
	}
	if f.Optional {
		b.If(target.Clone().Dot("Set")).BlockFunc(func(ob *jen.Group) {
			write(ob, target.Clone().Dot("Value"))
		})
		return
	}
	write(b, target)
}

// appendValue appends the value of type t held in target.
func appendValue(b *jen.Group, target *jen.Statement, t *Type, depth int) {
	call := func(fn string, arg jen.Code) {
		b.Id("b").Op("=").Qual(wirePath, fn).Call(jen.Id("b"), arg)
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
		call("AppendRaw", target)
	case KindEnum:
		if t.Enum.IsString {
			call("AppendString", jen.String().Call(target))
		} else {
			call("AppendInt", jen.Int64().Call(target))
		}
	case KindObject:
		b.Id("b").Op("=").Add(target).Dot("AppendJSON").Call(jen.Id("b"))
	case KindUnion:
		// A nil interface (only in values built by hand) encodes as null.
		b.If(target.Clone().Op("==").Nil()).Block(
			jen.Id("b").Op("=").Append(jen.Id("b"), jen.Lit("null").Op("...")),
		).Else().Block(
			jen.Id("b").Op("=").Add(target.Clone()).Dot("AppendJSON").Call(jen.Id("b")),
		)
	case KindArray:
		i := fmt.Sprintf("i%d", depth)
		b.Id("b").Op("=").Append(jen.Id("b"), jen.LitRune('['))
		b.For(jen.Id(i).Op(":=").Range().Add(target.Clone())).BlockFunc(func(lb *jen.Group) {
			lb.If(jen.Id(i).Op(">").Lit(0)).Block(jen.Id("b").Op("=").Append(jen.Id("b"), jen.LitRune(',')))
			appendValue(lb, target.Clone().Index(jen.Id(i)), t.Elem, depth+1)
		})
		b.Id("b").Op("=").Append(jen.Id("b"), jen.LitRune(']'))
	case KindMap:
		keys, k, e := fmt.Sprintf("keys%d", depth), fmt.Sprintf("k%d", depth), fmt.Sprintf("e%d", depth)
		b.BlockFunc(func(mb *jen.Group) {
			mb.Comment("Sorted keys: the same value always encodes the same way.")
			mb.Id(keys).Op(":=").Make(jen.Index().String(), jen.Lit(0), jen.Len(target.Clone()))
			mb.For(jen.Id(k).Op(":=").Range().Add(target.Clone())).Block(jen.Id(keys).Op("=").Append(jen.Id(keys), jen.Id(k)))
			mb.Qual("sort", "Strings").Call(jen.Id(keys))
			mb.Id("b").Op("=").Append(jen.Id("b"), jen.LitRune('{'))
			mb.For(jen.List(jen.Id("n"), jen.Id(k)).Op(":=").Range().Id(keys)).BlockFunc(func(lb *jen.Group) {
				lb.If(jen.Id("n").Op(">").Lit(0)).Block(jen.Id("b").Op("=").Append(jen.Id("b"), jen.LitRune(',')))
				lb.Id("b").Op("=").Qual(wirePath, "AppendString").Call(jen.Id("b"), jen.Id(k))
				lb.Id("b").Op("=").Append(jen.Id("b"), jen.LitRune(':'))
				lb.Comment("A copy: map values are not addressable.")
				lb.Id(e).Op(":=").Add(target.Clone()).Index(jen.Id(k))
				appendValue(lb, jen.Id(e), t.Elem, depth+1)
			})
			mb.Id("b").Op("=").Append(jen.Id("b"), jen.LitRune('}'))
		})
	}
}
