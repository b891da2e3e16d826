package gen

import (
	"fmt"
	"strings"

	"github.com/dave/jennifer/jen"
)

// payloadRoot is the JSON path of the payload in errors: "d" for KOOK frames
// (also for a bare payload, which is the frame's d), "" without a frame.
func payloadRoot(m *Model) string {
	if m.Frame == nil {
		return ""
	}
	return m.Frame.Payload
}

func emitDecode(m *Model) *jen.File {
	f := newFile(m)
	f.Add(emitDecodeEntry(m))
	f.Add(emitNewEvent(m))
	if m.Frame != nil {
		f.Add(emitObjectDecode(m, m.Frame.Object, "decode", m.Frame.Payload))
	}
	for _, o := range m.Objects {
		switch {
		case o.IsBase:
			f.Add(emitBaseDecode(o, m.UnknownChecked))
		case o == m.Frameobj():
		case o.Owner != nil && o == o.Owner.Payload:
			f.Add(emitObjectDecode(m, o, "decodePayload", ""))
		default:
			f.Add(emitObjectDecode(m, o, "decodeJSON", ""))
			if o.Owner == nil {
				f.Add(emitUnmarshal(o))
			}
		}
	}
	for _, u := range m.Unions {
		f.Add(emitUnionDecode(m, u))
	}
	f.Add(emitUnknownDecode(m))
	return f
}

// emitUnknownDecode emits UnknownEvent.decodePayload: the payload is kept
// verbatim; with unknown_events_checked the family's base members are
// checked on the way.
func emitUnknownDecode(m *Model) jen.Code {
	return jen.Func().Params(jen.Id("x").Op("*").Id("UnknownEvent")).Id("decodePayload").Params(decoderParam()).Error().BlockFunc(func(b *jen.Group) {
		if !m.UnknownChecked {
			b.List(jen.Id("raw"), jen.Err()).Op(":=").Id("d").Dot("Raw").Call()
			b.Id("x").Dot("Payload").Op("=").Id("raw")
			b.Return(jen.Err())
			return
		}
		b.Comment("The payload aliases the decoder's input, which is the event's own copy.")
		b.List(jen.Id("raw"), jen.Err()).Op(":=").Id("d").Dot("PeekRaw").Call()
		b.Add(returnIfErr())
		b.Id("x").Dot("Payload").Op("=").Id("raw")
		b.Switch(jen.Id("x").Dot("Family")).BlockFunc(func(s *jen.Group) {
			for _, fam := range m.Families {
				s.Case(jen.Lit(fam.Name)).Block(
					jen.Var().Id("base").Id(fam.Base.GoName),
					jen.Return(jen.Id("base").Dot("decodeOnly").Call(jen.Id("d"))),
				)
			}
		})
		b.Return(jen.Id("d").Dot("Skip").Call())
	}).Line()
}

// Frameobj returns the frame's object, or nil.
func (m *Model) Frameobj() *Object {
	if m.Frame == nil {
		return nil
	}
	return m.Frame.Object
}

func decoderParam() jen.Code { return jen.Id("d").Op("*").Qual(wirePath, "Decoder") }

func returnIfErr() jen.Code { return ifErr(returnErr) }

// retFunc builds the return statement that hands err back from the method
// being emitted: `return err`, or `return true, err` in decodeMember.
type retFunc func(err jen.Code) jen.Code

func returnErr(err jen.Code) jen.Code { return jen.Return(err) }

func ifErr(ret retFunc) jen.Code {
	return jen.If(jen.Err().Op("!=").Nil()).Block(ret(jen.Err()))
}

// callErr emits `if err := call; err != nil { <ret> }`.
func callErr(call jen.Code, ret retFunc) jen.Code {
	return jen.If(jen.Err().Op(":=").Add(call), jen.Err().Op("!=").Nil()).Block(ret(jen.Err()))
}

// emitDecodeEntry emits Decode, DecodeReportingUnknown and the decode they share.
func emitDecodeEntry(m *Model) jen.Code {
	what := "a bare event object"
	if m.Frame != nil {
		what = fmt.Sprintf("a whole frame (an object with %q) or a bare payload", m.Frame.Payload)
	}
	g := jen.Comment(fmt.Sprintf("Decode decodes one %s event from %s.", m.Platform, what)).Line()
	g.Comment("An event the schema does not know decodes to *UnknownEvent; members the schema").Line()
	g.Comment("does not model are kept in UnknownFields. Errors name the JSON path, and come").Line()
	g.Comment("without an event.").Line()
	g.Func().Id("Decode").Params(jen.Id("data").Index().Byte()).Params(jen.Id("Event"), jen.Error()).Block(
		jen.List(jen.Id("ev"), jen.Id("_"), jen.Err()).Op(":=").Id("decode").Call(jen.Id("data"), jen.False()),
		jen.Return(jen.Id("ev"), jen.Err()),
	).Line().Line()
	g.Comment("DecodeReportingUnknown is Decode that also returns the JSON paths of the members").Line()
	g.Comment("the schema does not model (arrays as [i]), in input order.").Line()
	g.Func().Id("DecodeReportingUnknown").Params(jen.Id("data").Index().Byte()).Params(jen.Id("Event"), jen.Index().String(), jen.Error()).Block(
		jen.Return(jen.Id("decode").Call(jen.Id("data"), jen.True())),
	).Line().Line()

	g.Func().Id("decode").Params(jen.Id("data").Index().Byte(), jen.Id("report").Bool()).Params(jen.Id("Event"), jen.Index().String(), jen.Error()).BlockFunc(func(b *jen.Group) {
		b.Comment("Events keep their source, so they must not share the caller's buffer.")
		b.Id("raw").Op(":=").Append(jen.Index().Byte().Parens(jen.Nil()), jen.Id("data").Op("..."))
		b.Id("d").Op(":=").Qual(wirePath, "NewDecoder").Call(jen.Id("raw"), jen.Lit(""))
		b.Id("d").Dot("ReportUnknown").Op("=").Id("report")
		b.If(jen.Id("k").Op(":=").Id("d").Dot("Kind").Call(), jen.Id("k").Op("!=").Qual(wirePath, "KindObject")).Block(
			jen.Comment("Malformed input gets its syntax error, not a complaint about its first byte."),
			jen.If(jen.Err().Op(":=").Id("d").Dot("Skip").Call(), jen.Err().Op("!=").Nil()).Block(jen.Return(jen.Nil(), jen.Nil(), jen.Err())),
			jen.Return(jen.Nil(), jen.Nil(), jen.Id("d").Dot("Errorf").Call(jen.Lit("want object, got %s"), jen.Id("k"))),
		)
		if m.Frame == nil {
			b.List(jen.Id("ev"), jen.Err()).Op(":=").Id("newEvent").Call(jen.Id("raw"))
			b.Add(returnIfErr3())
			b.If(jen.Err().Op(":=").Id("ev").Dot("decodePayload").Call(jen.Id("d")), jen.Err().Op("!=").Nil()).Block(jen.Return(jen.Nil(), jen.Nil(), jen.Err()))
			b.Id("ev").Dot("setSource").Call(jen.Nil(), jen.Id("raw"))
		} else {
			b.List(jen.Id("payload"), jen.Id("framed"), jen.Err()).Op(":=").Qual(wirePath, "Lookup").Call(jen.Id("raw"), jen.Lit(m.Frame.Payload))
			b.Add(returnIfErr3())
			b.If(jen.Id("framed")).Block(
				jen.If(
					jen.Id("k").Op(":=").Qual(wirePath, "KindOf").Call(jen.Id("payload")),
					jen.Id("k").Op("!=").Qual(wirePath, "KindObject"),
				).Block(jen.Return(jen.Nil(), jen.Nil(), jen.Op("&").Qual(wirePath, "Error").Values(jen.Dict{
					jen.Id("Path"): jen.Lit(m.Frame.Payload),
					jen.Id("Msg"):  jen.Lit("want object, got ").Op("+").Id("k").Dot("String").Call(),
				}))),
			).Else().BlockFunc(func(nb *jen.Group) {
				if !m.Frame.Bare {
					nb.Return(jen.Nil(), jen.Nil(), jen.Qual(wirePath, "MissingAt").Call(jen.Lit(m.Frame.Payload)))
					return
				}
				nb.Id("payload").Op("=").Id("raw")
				nb.Comment("A bare payload is the frame's " + m.Frame.Payload + ": name paths the same way.")
				nb.Id("d").Dot("Reset").Call(jen.Id("raw"), jen.Lit(m.Frame.Payload))
			})
			b.List(jen.Id("ev"), jen.Err()).Op(":=").Id("newEvent").Call(jen.Id("payload"))
			b.Add(returnIfErr3())
			b.If(jen.Id("framed")).Block(
				jen.Id("f").Op(":=").New(jen.Id("Frame")),
				jen.If(jen.Err().Op(":=").Id("f").Dot("decode").Call(jen.Id("d"), jen.Id("ev")), jen.Err().Op("!=").Nil()).Block(jen.Return(jen.Nil(), jen.Nil(), jen.Err())),
				jen.Id("ev").Dot("setSource").Call(jen.Id("f"), jen.Id("raw")),
			).Else().Block(
				jen.If(jen.Err().Op(":=").Id("ev").Dot("decodePayload").Call(jen.Id("d")), jen.Err().Op("!=").Nil()).Block(jen.Return(jen.Nil(), jen.Nil(), jen.Err())),
				jen.Id("ev").Dot("setSource").Call(jen.Nil(), jen.Id("raw")),
			)
		}
		b.If(jen.Err().Op(":=").Id("d").Dot("End").Call(), jen.Err().Op("!=").Nil()).Block(jen.Return(jen.Nil(), jen.Nil(), jen.Err()))
		b.Return(jen.Id("ev"), jen.Id("d").Dot("UnknownPaths").Call(), jen.Nil())
	}).Line()
	return g
}

func returnIfErr3() jen.Code {
	return jen.If(jen.Err().Op("!=").Nil()).Block(jen.Return(jen.Nil(), jen.Nil(), jen.Err()))
}

// emitNewEvent emits the dispatch on the discriminators: it reads each key
// with a lookup that skips what it does not need, and returns an empty event
// of the right type for decoding.
func emitNewEvent(m *Model) jen.Code {
	g := jen.Comment("newEvent picks the event type from the discriminators of payload.").Line()
	g.Func().Id("newEvent").Params(jen.Id("payload").Index().Byte()).Params(jen.Id("Event"), jen.Error()).BlockFunc(func(b *jen.Group) {
		if m.Dispatch == nil {
			b.Return(jen.Op("&").Id("UnknownEvent").Values(), jen.Nil())
			return
		}
		emitDispatchNode(b, m, m.Dispatch, 0)
	}).Line()
	return g
}

// keyVar is the local variable holding the discriminator of a level.
func keyVar(level int) string { return fmt.Sprintf("k%d", level) }

// readKey reads a discriminator into k<level>.
func readKey(b *jen.Group, m *Model, k *KeyField, level int) {
	fn := "LookupInt"
	if k.IsString {
		fn = "LookupString"
	}
	args := []jen.Code{jen.Id("payload"), jen.Lit(payloadRoot(m))}
	for _, p := range k.Path {
		args = append(args, jen.Lit(p))
	}
	b.List(jen.Id(keyVar(level)), jen.Err()).Op(":=").Qual(wirePath, fn).Call(args...)
	b.If(jen.Err().Op("!=").Nil()).Block(jen.Return(jen.Nil(), jen.Err()))
}

func emitDispatchNode(b *jen.Group, m *Model, n *DispatchNode, level int) {
	readKey(b, m, n.Key, level)
	b.Switch(jen.Id(keyVar(level))).BlockFunc(func(s *jen.Group) {
		for _, c := range n.Cases {
			lit := jen.Lit(c.Value.Str)
			if !n.Key.IsString {
				lit = jen.Lit(int(c.Value.Int))
			}
			s.CaseFunc(func(cg *jen.Group) { cg.Add(lit) }).BlockFunc(func(cb *jen.Group) {
				if c.Event != nil {
					cb.Return(jen.New(jen.Id(c.Event.GoName)), jen.Nil())
					return
				}
				emitDispatchNode(cb, m, c.Next, level+1)
			})
		}
		s.Default().BlockFunc(func(db *jen.Group) {
			if n.Unknown == nil {
				db.Return(jen.Nil(), jen.Op("&").Qual(wirePath, "Error").Values(jen.Dict{
					jen.Id("Path"): jen.Lit(joinPath(payloadRoot(m), n.Key.Path)),
					jen.Id("Msg"):  jen.Lit("unknown value ").Op("+").Add(keyString(n.Key, jen.Id(keyVar(level)), true)),
				}))
				return
			}
			emitUnknown(db, m, n.Unknown, level)
		})
	})
}

// emitUnknown reads the family's remaining keys and returns the UnknownEvent.
func emitUnknown(b *jen.Group, m *Model, fam *Family, level int) {
	for j := level + 1; j < len(fam.Keys); j++ {
		readKey(b, m, fam.Keys[j].Field, j)
	}
	vals := jen.Dict{
		jen.Id("Family"): jen.Lit(fam.Name),
	}
	var name []jen.Code
	for _, p := range fam.UnknownName {
		if p.Key == nil {
			name = append(name, jen.Lit(p.Literal))
			continue
		}
		name = append(name, keyString(p.Key, jen.Id(keyVar(keyIndex(fam, p.Key))), false))
	}
	nameExpr := jen.Lit("")
	if len(name) > 0 {
		nameExpr = jen.Add(name[0])
		for _, c := range name[1:] {
			nameExpr = nameExpr.Op("+").Add(c)
		}
	}
	vals[jen.Id("name")] = nameExpr
	for j, k := range fam.Keys {
		var v jen.Code = jen.Id(keyVar(j))
		if k.Field.Type.Kind != KindString {
			v = valueType(k.Field.Type).Call(v)
		}
		vals[jen.Id(k.Field.GoName)] = v
	}
	b.Return(jen.Op("&").Id("UnknownEvent").Values(vals), jen.Nil())
}

func keyIndex(fam *Family, k *KeyField) int {
	for i, fk := range fam.Keys {
		if fk.Field == k {
			return i
		}
	}
	return -1
}

// keyString renders a discriminator value as text for a name or a message.
func keyString(k *KeyField, v jen.Code, quote bool) jen.Code {
	if !k.IsString {
		return jen.Qual("strconv", "FormatInt").Call(v, jen.Lit(10))
	}
	if quote {
		return jen.Qual("strconv", "Quote").Call(v)
	}
	return v
}

func joinPath(root string, p []string) string {
	s := strings.Join(p, ".")
	if root == "" {
		return s
	}
	return root + "." + s
}

// emitObjectDecode emits the method that decodes an object member by member:
// a switch on the key, required members checked at the end, everything else
// kept in UnknownFields. An embedded base decodes its own members
// (decodeMember). A non-empty payload names the frame's payload member,
// which the event decodes.
func emitObjectDecode(m *Model, o *Object, method string, payload string) jen.Code {
	params := []jen.Code{decoderParam()}
	if payload != "" {
		params = append(params, jen.Id("ev").Id("Event"))
	}
	required := requiredBits(o.Fields)
	if payload != "" {
		required = append(required, payload)
	}
	return jen.Func().Params(jen.Id("x").Op("*").Id(o.GoName)).Id(method).Params(params...).Error().BlockFunc(func(b *jen.Group) {
		b.Add(callErr(jen.Id("d").Dot("ObjectStart").Call(), returnErr))
		if len(required) > 0 {
			b.Var().Id("seen").Uint64()
		}
		if o.Base != nil {
			b.Var().Id("baseSeen").Uint64()
		}
		b.For().BlockFunc(func(lb *jen.Group) {
			lb.List(jen.Id("key"), jen.Id("more"), jen.Err()).Op(":=").Id("d").Dot("NextKey").Call()
			lb.Add(returnIfErr())
			lb.If(jen.Op("!").Id("more")).Block(jen.Break())
			lb.Switch(jen.String().Parens(jen.Id("key"))).BlockFunc(func(s *jen.Group) {
				memberCases(s, o.Fields, required, jen.Id("seen"), returnErr)
				if payload != "" {
					s.Case(jen.Lit(payload)).Block(
						jen.Id("seen").Op("|=").Lit(1).Op("<<").Lit(len(required)-1),
						callErr(jen.Id("ev").Dot("decodePayload").Call(jen.Id("d")), returnErr),
					)
				}
				s.Default().BlockFunc(func(db *jen.Group) {
					unknown := callErr(jen.Id("d").Dot("UnknownField").Call(jen.Op("&").Id("x").Dot("UnknownFields"), jen.Id("key")), returnErr)
					if m.Extensions {
						// Extensions are legal: kept apart, never reported as unknown.
						unknown = jen.If(jen.Qual(wirePath, "IsExtension").Call(jen.Id("key"))).Block(
							callErr(jen.Id("d").Dot("ExtensionField").Call(jen.Op("&").Id("x").Dot("Extensions"), jen.Id("key")), returnErr),
						).Else().Block(unknown)
					}
					if o.Base == nil {
						db.Add(unknown)
						return
					}
					db.List(jen.Id("known"), jen.Err()).Op(":=").Id("x").Dot(o.Base.GoName).Dot("decodeMember").Call(jen.Id("d"), jen.Id("key"), jen.Op("&").Id("baseSeen"))
					db.Add(returnIfErr())
					db.If(jen.Op("!").Id("known")).Block(unknown)
				})
			})
		})
		if o.Base != nil {
			b.Add(callErr(jen.Id("x").Dot(o.Base.GoName).Dot("checkMembers").Call(jen.Id("d"), jen.Id("baseSeen")), returnErr))
		}
		checkRequired(b, required, jen.Id("seen"))
		b.Return(jen.Nil())
	}).Line()
}

// memberCases emits one switch case per field, marking required ones seen.
func memberCases(s *jen.Group, fields []*Field, required []string, seen *jen.Statement, ret retFunc) {
	for _, f := range fields {
		s.Case(jen.Lit(f.JSONName)).BlockFunc(func(cb *jen.Group) {
			for bit, name := range required {
				if name == f.JSONName {
					cb.Add(seen.Clone()).Op("|=").Lit(1).Op("<<").Lit(bit)
				}
			}
			decodeField(cb, jen.Id("x").Dot(f.GoName), f, ret)
		})
	}
}

// checkRequired emits the missing-member check of every required bit.
func checkRequired(b *jen.Group, required []string, seen *jen.Statement) {
	for bit, name := range required {
		b.If(jen.Add(seen.Clone()).Op("&").Parens(jen.Lit(1).Op("<<").Lit(bit)).Op("==").Lit(0)).Block(
			jen.Return(jen.Id("d").Dot("Missing").Call(jen.Lit(name))),
		)
	}
}

// emitBaseDecode emits the methods through which an embedding event decodes
// the base's members: decodeMember takes one member if it is the base's, and
// checkMembers reports a missing required one.
// With decodeOnly, it also emits the method that checks a base on its own.
func emitBaseDecode(o *Object, decodeOnly bool) jen.Code {
	required := requiredBits(o.Fields)
	retKnown := func(err jen.Code) jen.Code { return jen.Return(jen.True(), err) }
	g := jen.Comment("decodeMember decodes the member named key when it is one of x's, and reports whether it was.").Line()
	g.Func().Params(jen.Id("x").Op("*").Id(o.GoName)).Id("decodeMember").Params(decoderParam(), jen.Id("key").Index().Byte(), jen.Id("seen").Op("*").Uint64()).Params(jen.Bool(), jen.Error()).BlockFunc(func(b *jen.Group) {
		b.Switch(jen.String().Parens(jen.Id("key"))).BlockFunc(func(s *jen.Group) {
			memberCases(s, o.Fields, required, jen.Op("*").Id("seen"), retKnown)
			s.Default().Block(jen.Return(jen.False(), jen.Nil()))
		})
		b.Return(jen.True(), jen.Nil())
	}).Line().Line()
	if decodeOnly {
		g.Add(emitDecodeOnly(o))
	}
	g.Comment("checkMembers reports the first required member of x that seen lacks.").Line()
	g.Func().Params(jen.Id("x").Op("*").Id(o.GoName)).Id("checkMembers").Params(decoderParam(), jen.Id("seen").Uint64()).Error().BlockFunc(func(b *jen.Group) {
		checkRequired(b, required, jen.Id("seen"))
		b.Return(jen.Nil())
	}).Line()
	return g
}

// emitDecodeOnly emits decodeOnly, which checks a base on its own: the
// base's members of an object are decoded and checked, the others skipped.
func emitDecodeOnly(o *Object) jen.Code {
	g := jen.Comment("decodeOnly decodes x's members of an object and checks them, skipping the others.").Line()
	g.Func().Params(jen.Id("x").Op("*").Id(o.GoName)).Id("decodeOnly").Params(decoderParam()).Error().BlockFunc(func(b *jen.Group) {
		b.Add(callErr(jen.Id("d").Dot("ObjectStart").Call(), returnErr))
		b.Var().Id("seen").Uint64()
		b.For().BlockFunc(func(lb *jen.Group) {
			lb.List(jen.Id("key"), jen.Id("more"), jen.Err()).Op(":=").Id("d").Dot("NextKey").Call()
			lb.Add(returnIfErr())
			lb.If(jen.Op("!").Id("more")).Block(jen.Break())
			lb.List(jen.Id("known"), jen.Err()).Op(":=").Id("x").Dot("decodeMember").Call(jen.Id("d"), jen.Id("key"), jen.Op("&").Id("seen"))
			lb.Add(returnIfErr())
			lb.If(jen.Op("!").Id("known")).Block(callErr(jen.Id("d").Dot("Skip").Call(), returnErr))
		})
		b.Return(jen.Id("x").Dot("checkMembers").Call(jen.Id("d"), jen.Id("seen")))
	}).Line().Line()
	return g
}

// decodeField decodes the next value into target, honouring optional and nullable.
func decodeField(b *jen.Group, target *jen.Statement, f *Field, ret retFunc) {
	if f.Optional {
		b.Add(target.Clone().Dot("Set").Op("=").True())
		target = target.Clone().Dot("Value")
	}
	if f.Nullable {
		b.If(jen.Id("d").Dot("IsNull").Call()).Block(
			target.Clone().Dot("Valid").Op("=").False(),
		).Else().BlockFunc(func(nb *jen.Group) {
			decodeValue(nb, target.Clone().Dot("Value"), f.Type, 0, ret)
			nb.Add(target.Clone().Dot("Valid").Op("=").True())
		})
		return
	}
	decodeValue(b, target, f.Type, 0, ret)
}

// decodeValue decodes the next value of type t into target. depth names the
// temporaries of nested arrays and maps apart.
func decodeValue(b *jen.Group, target *jen.Statement, t *Type, depth int, ret retFunc) {
	scalar := func(method string, conv func(jen.Code) jen.Code) {
		v := fmt.Sprintf("v%d", depth)
		b.Block(
			jen.List(jen.Id(v), jen.Err()).Op(":=").Id("d").Dot(method).Call(),
			ifErr(ret),
			target.Clone().Op("=").Add(conv(jen.Id(v))),
		)
	}
	same := func(c jen.Code) jen.Code { return c }
	switch t.Kind {
	case KindString:
		scalar("String", same)
	case KindInt:
		scalar("Int", same)
	case KindInt64:
		scalar("Int64", same)
	case KindBool:
		scalar("Bool", same)
	case KindFloat:
		scalar("Float64", same)
	case KindRaw:
		scalar("Raw", same)
	case KindEnum:
		method := "Int"
		if t.Enum.IsString {
			method = "String"
		}
		scalar(method, func(c jen.Code) jen.Code { return jen.Id(t.Enum.GoName).Call(c) })
	case KindObject:
		b.Add(callErr(jen.Add(target.Clone()).Dot("decodeJSON").Call(jen.Id("d")), ret))
	case KindUnion:
		v := fmt.Sprintf("v%d", depth)
		b.Block(
			jen.List(jen.Id(v), jen.Err()).Op(":=").Id("decode"+t.Union.GoName).Call(jen.Id("d")),
			ifErr(ret),
			target.Clone().Op("=").Id(v),
		)
	case KindArray:
		elem := fmt.Sprintf("e%d", depth)
		b.BlockFunc(func(ab *jen.Group) {
			ab.Add(callErr(jen.Id("d").Dot("ArrayStart").Call(), ret))
			ab.Comment("Non-nil even when empty: [] re-encodes as [].")
			ab.Add(target.Clone().Op("=").Make(jen.Index().Add(valueType(t.Elem)), jen.Lit(0)))
			ab.For().BlockFunc(func(lb *jen.Group) {
				lb.List(jen.Id("more"), jen.Err()).Op(":=").Id("d").Dot("NextElem").Call()
				lb.Add(ifErr(ret))
				lb.If(jen.Op("!").Id("more")).Block(jen.Break())
				lb.Var().Id(elem).Add(valueType(t.Elem))
				decodeValue(lb, jen.Id(elem), t.Elem, depth+1, ret)
				lb.Add(target.Clone().Op("=").Append(target.Clone(), jen.Id(elem)))
			})
		})
	case KindMap:
		elem, key := fmt.Sprintf("e%d", depth), fmt.Sprintf("key%d", depth)
		b.BlockFunc(func(mb *jen.Group) {
			mb.Add(callErr(jen.Id("d").Dot("ObjectStart").Call(), ret))
			mb.Add(target.Clone().Op("=").Map(jen.String()).Add(valueType(t.Elem)).Values())
			mb.For().BlockFunc(func(lb *jen.Group) {
				lb.List(jen.Id("k"), jen.Id("more"), jen.Err()).Op(":=").Id("d").Dot("NextKey").Call()
				lb.Add(ifErr(ret))
				lb.If(jen.Op("!").Id("more")).Block(jen.Break())
				lb.Comment("The key is only valid until the next decoder call.")
				lb.Id(key).Op(":=").String().Parens(jen.Id("k"))
				lb.Var().Id(elem).Add(valueType(t.Elem))
				decodeValue(lb, jen.Id(elem), t.Elem, depth+1, ret)
				lb.Add(target.Clone().Index(jen.Id(key)).Op("=").Id(elem))
			})
		})
	}
}

// emitUnionDecode emits decode<Union>: it peeks at the key member, then
// decodes the value into the variant it names, or keeps it whole.
func emitUnionDecode(m *Model, u *Union) jen.Code {
	g := jen.Commentf("decode%s decodes the next value as a %s, by its %q member.", u.GoName, u.GoName, u.Key).Line()
	g.Func().Id("decode"+u.GoName).Params(decoderParam()).Params(jen.Id(u.GoName), jen.Error()).BlockFunc(func(b *jen.Group) {
		b.List(jen.Id("peek"), jen.Err()).Op(":=").Id("d").Dot("PeekRaw").Call()
		b.Add(ifErr(func(err jen.Code) jen.Code { return jen.Return(jen.Nil(), err) }))
		b.List(jen.Id("kind"), jen.Err()).Op(":=").Qual(wirePath, "LookupString").Call(jen.Id("peek"), jen.Id("d").Dot("Path").Call(), jen.Lit(u.Key))
		b.Add(ifErr(func(err jen.Code) jen.Code { return jen.Return(jen.Nil(), err) }))
		b.Switch(jen.Id("kind")).BlockFunc(func(s *jen.Group) {
			for _, v := range u.Variants {
				s.Case(jen.Lit(v.Value)).Block(
					jen.Id("v").Op(":=").New(jen.Id(v.Object.GoName)),
					jen.Return(jen.Id("v"), jen.Id("v").Dot("decodeJSON").Call(jen.Id("d"))),
				)
			}
		})
		b.List(jen.Id("raw"), jen.Err()).Op(":=").Id("d").Dot("Raw").Call()
		b.Add(ifErr(func(err jen.Code) jen.Code { return jen.Return(jen.Nil(), err) }))
		b.Return(jen.Op("&").Id("Unknown"+u.GoName).Values(jen.Dict{jen.Id(goName(u.Key)): jen.Id("kind"), jen.Id("Raw"): jen.Id("raw")}), jen.Nil())
	}).Line()
	return g
}

// emitUnmarshal gives shared objects encoding/json's interface, decoding into
// a fresh value so that an error leaves the receiver untouched.
func emitUnmarshal(o *Object) jen.Code {
	g := jen.Comment("UnmarshalJSON implements json.Unmarshaler; on error the receiver is unchanged.").Line()
	g.Func().Params(jen.Id("x").Op("*").Id(o.GoName)).Id("UnmarshalJSON").Params(jen.Id("data").Index().Byte()).Error().Block(
		jen.Var().Id("v").Id(o.GoName),
		jen.Id("d").Op(":=").Qual(wirePath, "NewDecoder").Call(jen.Id("data"), jen.Lit("")),
		jen.If(jen.Err().Op(":=").Id("v").Dot("decodeJSON").Call(jen.Id("d")), jen.Err().Op("!=").Nil()).Block(jen.Return(jen.Err())),
		jen.If(jen.Err().Op(":=").Id("d").Dot("End").Call(), jen.Err().Op("!=").Nil()).Block(jen.Return(jen.Err())),
		jen.Op("*").Id("x").Op("=").Id("v"),
		jen.Return(jen.Nil()),
	).Line()
	return g
}
