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

// emitDecode writes decode.go: the decoding entry points, dispatch on the
// discriminators, one decoder per object (members by a switch on the key),
// the union decoders, the array readers and the stream Decoder.
func emitDecode(m *Model) *jen.File {
	f := newFile(m)
	f.Add(emitDecodeEntry(m))
	f.Add(emitDecodeEvent(m))
	f.Add(emitNewEvent(m))
	if m.Frame != nil {
		f.Add(emitObjectDecode(m, m.Frame.Object, "decode", m.Frame.Payload))
	}
	unmarshalers := false
	for _, o := range m.Objects {
		switch {
		case o.IsBase:
			f.Add(emitBaseDecode(o, m.UnknownChecked))
		case o == m.FrameObject():
		case o.Owner != nil && o == o.Owner.Payload:
			f.Add(emitObjectDecode(m, o, "decodePayload", ""))
		default:
			f.Add(emitObjectDecode(m, o, "decodeJSON", ""))
			if o.Owner == nil {
				f.Add(emitUnmarshal(o))
				unmarshalers = true
			}
		}
	}
	for _, u := range m.Unions {
		f.Add(emitUnionDecode(u))
	}
	for _, r := range arrayReaders(m) {
		f.Add(emitArrayReader(r))
	}
	if unmarshalers {
		f.Add(emitUnmarshalHelper())
	}
	f.Add(emitUnknownDecode(m))
	f.Add(emitStream(m))
	return f
}

// emitUnknownDecode emits UnknownEvent.decodePayload: the payload is kept
// verbatim; with unknown_events_checked the family's base members are
// checked on the way.
//
//	func (x *UnknownEvent) decodePayload(d *wireimpl.Decoder) error {
//		raw, err := d.Raw()
//		x.Payload = raw
//		return err
//	}
func emitUnknownDecode(m *Model) jen.Code {
	return jen.Func().Params(jen.Id("x").Op("*").Id("UnknownEvent")).Id("decodePayload").Params(decoderParam()).Error().BlockFunc(func(b *jen.Group) {
		if !m.UnknownChecked {
			b.List(jen.Id("raw"), jen.Err()).Op(":=").Id("d").Dot("Raw").Call()
			b.Id("x").Dot("Payload").Op("=").Id("raw")
			b.Return(jen.Err())
			return
		}
		b.Id("mark").Op(":=").Id("d").Dot("Mark").Call()
		b.Switch(jen.Id("x").Dot("Family")).BlockFunc(func(s *jen.Group) {
			for _, fam := range m.Families {
				s.Case(jen.Lit(fam.Name)).Block(
					jen.Var().Id("base").Id(fam.Base.GoName),
					callErr(jen.Id("base").Dot("decodeOnly").Call(jen.Id("d")), returnErr),
				)
			}
			s.Default().Block(callErr(jen.Id("d").Dot("Skip").Call(), returnErr))
		})
		b.Id("x").Dot("Payload").Op("=").Id("d").Dot("Since").Call(jen.Id("mark"))
		b.Return(jen.Nil())
	}).Line()
}

func decoderParam() jen.Code { return jen.Id("d").Op("*").Add(wire("Decoder")) }

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

// emitDecodeEntry emits DecodeOptions and the two ways to decode an event:
// Decode, and the method Decode of DecodeOptions, on which Decode is built.
//
//	func Decode(data []byte) (Event, error) {
//		ev, _, err := DecodeOptions{}.Decode(data)
//		return ev, err
//	}
//
//	func (o DecodeOptions) Decode(data []byte) (Event, []string, error) {
//		ev, unknown, err := decodeWith(data, o, nil)
//		... notAnEvent, recoverWith when o.Recover ...
//	}
func emitDecodeEntry(m *Model) jen.Code {
	what := "a bare event object"
	if m.Frame != nil {
		what = fmt.Sprintf("a whole frame (an object with %q) or a bare payload", m.Frame.Payload)
		if !m.Frame.Bare {
			what = fmt.Sprintf("a whole frame (an object with %q)", m.Frame.Payload)
		}
	}
	g := jen.Comment("DecodeOptions are the options of decoding: its method Decode decodes with them.").Line()
	g.Comment("The zero value is what the function Decode uses.").Line()
	g.Type().Id("DecodeOptions").Struct(
		jen.Comment("ReportUnknown makes the method Decode return the JSON paths of the members"),
		jen.Comment("the schema does not model (arrays as [i]), in input order."),
		jen.Id("ReportUnknown").Bool(),
		jen.Comment("Limits bounds the input's size, nesting and string length; zero fields"),
		jen.Comment("take jsonwire's defaults."),
		jen.Id("Limits").Add(wire("Limits")),
		jen.Comment("Recover delivers an event whose discriminators are readable even when"),
		jen.Comment("another member has a shape the schema does not take: that member is"),
		jen.Comment("skipped (its field stays zero), kept for re-encoding and listed by the"),
		jen.Comment("event's Problems; a missing required member is listed too. Broken JSON,"),
		jen.Comment("and a discriminator that cannot be read, stay errors."),
		jen.Id("Recover").Bool(),
	).Line().Line()
	g.Comment(fmt.Sprintf("Decode decodes one %s event from %s.", m.Platform, what)).Line()
	g.Comment("An event the schema does not know decodes to *UnknownEvent; members the schema").Line()
	g.Comment("does not model are kept in UnknownFields. Errors name the JSON path, and come").Line()
	g.Comment("without an event. The event does not alias data. DecodeOptions.Decode decodes").Line()
	g.Comment("with options.").Line()
	g.Func().Id("Decode").Params(jen.Id("data").Index().Byte()).Params(jen.Id("Event"), jen.Error()).Block(
		jen.List(jen.Id("ev"), jen.Id("_"), jen.Err()).Op(":=").Id("DecodeOptions").Values().Dot("Decode").Call(jen.Id("data")),
		jen.Return(jen.Id("ev"), jen.Err()),
	).Line().Line()

	g.Comment("Decode decodes one event as the function Decode does, with the options o. The").Line()
	g.Comment("unknown paths are nil unless o.ReportUnknown is set.").Line()
	g.Func().Params(jen.Id("o").Id("DecodeOptions")).Id("Decode").Params(jen.Id("data").Index().Byte()).Params(jen.Id("Event"), jen.Index().String(), jen.Error()).BlockFunc(func(b *jen.Group) {
		b.List(jen.Id("ev"), jen.Id("unknown"), jen.Err()).Op(":=").Id("decodeWith").Call(jen.Id("data"), jen.Id("o"), jen.Nil())
		if m.Signals != nil {
			b.If(jen.Err().Op("!=").Nil()).Block(
				jen.If(jen.Id("serr").Op(":=").Id("notAnEvent").Call(jen.Id("data")), jen.Id("serr").Op("!=").Nil()).Block(
					jen.Return(jen.Nil(), jen.Nil(), jen.Id("serr")),
				),
			)
		}
		b.If(jen.Err().Op("!=").Nil().Op("&&").Id("o").Dot("Recover")).Block(
			jen.Return(jen.Id("recoverWith").Call(jen.Id("data"), jen.Id("o"), jen.Err(), jen.Id("decodeWith"))),
		)
		b.Return(jen.Id("ev"), jen.Id("unknown"), jen.Err())
	}).Line().Line()
	if m.Signals != nil {
		g.Add(emitNotAnEvent(m)).Line()
	}
	g.Comment("recoverWith decodes data again after strict decoding failed with err, each").Line()
	g.Comment("time skipping one more member that was refused, until decode succeeds or the").Line()
	g.Comment("problem is not one to recover from (then err is the answer).").Line()
	g.Func().Id("recoverWith").Types(jen.Id("T").Any()).Params(
		jen.Id("data").Index().Byte(), jen.Id("opts").Id("DecodeOptions"), jen.Err().Error(),
		jen.Id("decode").Func().Params(jen.Index().Byte(), jen.Id("DecodeOptions"), jen.Op("*").Add(wire("Recovery"))).Params(jen.Id("T"), jen.Index().String(), jen.Error()),
	).Params(jen.Id("T"), jen.Index().String(), jen.Error()).BlockFunc(func(b *jen.Group) {
		var paths []jen.Code
		paths = append(paths, jen.Err())
		for _, p := range m.DecidingPaths() {
			paths = append(paths, jen.Lit(p))
		}
		b.Comment("A problem in these members leaves the event unknown: no recovering there.")
		b.Id("rec").Op(":=").Add(wire("NewRecovery")).Call(paths...)
		b.For(jen.Id("rec").Dot("Retry").Call(jen.Err())).Block(
			jen.List(jen.Id("v"), jen.Id("unknown"), jen.Id("e")).Op(":=").Id("decode").Call(jen.Id("data"), jen.Id("opts"), jen.Id("rec")),
			jen.If(jen.Id("e").Op("==").Nil()).Block(jen.Return(jen.Id("v"), jen.Id("unknown"), jen.Nil())),
			jen.Err().Op("=").Id("e"),
		)
		b.Var().Id("zero").Id("T")
		b.Return(jen.Id("zero"), jen.Nil(), jen.Id("rec").Dot("Err").Call())
	}).Line().Line()
	fail := jen.Return(jen.Nil(), jen.Nil(), jen.Err())
	g.Comment("decodeWith is DecodeOptions.Decode in one pass; rec, when not nil, makes it skip").Line()
	g.Comment("the members a previous pass refused.").Line()
	g.Func().Id("decodeWith").Params(jen.Id("data").Index().Byte(), jen.Id("opts").Id("DecodeOptions"), jen.Id("rec").Op("*").Add(wire("Recovery"))).Params(jen.Id("Event"), jen.Index().String(), jen.Error()).Block(
		jen.Return(jen.Id("decodeInto").Call(jen.Id("data"), jen.Id("opts"), jen.Id("rec"), jen.Nil())),
	).Line().Line()
	g.Comment("decodeInto is decodeWith with the memory of a stream decoder, a; nil: the heap.").Line()
	g.Func().Id("decodeInto").Params(jen.Id("data").Index().Byte(), jen.Id("opts").Id("DecodeOptions"), jen.Id("rec").Op("*").Add(wire("Recovery")), jen.Id("a").Op("*").Id("arena")).Params(jen.Id("Event"), jen.Index().String(), jen.Error()).BlockFunc(func(b *jen.Group) {
		eventPrologue(b)
		if m.Frame == nil {
			b.List(jen.Id("ev"), jen.Err()).Op(":=").Id("decodeEvent").Call(jen.Id("d"))
			b.If(jen.Err().Op("!=").Nil()).Block(fail)
			b.If(jen.Err().Op(":=").Id("d").Dot("End").Call(), jen.Err().Op("!=").Nil()).Block(fail)
			b.Id("ev").Dot("setSource").Call(jen.Id("src"), jen.Id("rec"))
			b.Return(jen.Id("ev"), jen.Id("d").Dot("UnknownPaths").Call(), jen.Nil())
			return
		}
		b.Var().Id("f").Id("Frame")
		b.List(jen.Id("ev"), jen.Err()).Op(":=").Id("f").Dot("decode").Call(jen.Id("d"))
		b.Id("framed").Op(":=").Id("ev").Op("!=").Nil()
		if m.Frame.Bare {
			b.If(jen.Op("!").Id("framed").Op("&&").Op("!").Id("hasPayload").Call(jen.Id("data"))).BlockFunc(func(nb *jen.Group) {
				nb.Comment("A bare payload is the frame's " + m.Frame.Payload + ": name paths the same way.")
				nb.Id("d").Dot("Reset").Call(jen.Id("src"), jen.Lit(m.Frame.Payload))
				nb.List(jen.Id("ev"), jen.Err()).Op("=").Id("decodeEvent").Call(jen.Id("d"))
			})
		}
		b.If(jen.Err().Op("!=").Nil()).Block(fail)
		b.If(jen.Err().Op(":=").Id("d").Dot("End").Call(), jen.Err().Op("!=").Nil()).Block(fail)
		b.If(jen.Id("framed")).Block(jen.Id("ev").Dot("setFrame").Call(jen.Id("f")))
		b.Id("ev").Dot("setSource").Call(jen.Id("src"), jen.Id("rec"))
		b.Return(jen.Id("ev"), jen.Id("d").Dot("UnknownPaths").Call(), jen.Nil())
	}).Line().Line()
	if m.Frame != nil && m.Frame.Bare {
		g.Commentf("hasPayload reports whether data is an object with a %q member: the slow", m.Frame.Payload).Line()
		g.Comment("second look taken only when the frame decoder met none, to tell a bare").Line()
		g.Comment("payload from a frame whose error came before its payload.").Line()
		g.Func().Id("hasPayload").Params(jen.Id("data").Index().Byte()).Bool().Block(
			jen.List(jen.Id("_"), jen.Id("ok"), jen.Err()).Op(":=").Add(wire("Lookup")).Call(jen.Id("data"), jen.Lit(m.Frame.Payload)),
			jen.Return(jen.Id("ok").Op("||").Err().Op("!=").Nil()),
		).Line()
	}
	return g
}

// emitNotAnEvent emits the check that explains why a signal frame is no
// event, asked only once decoding has failed:
//
//	func notAnEvent(data []byte) error {
//		k, err := wireimpl.LookupInt(data, "", "s")
//		if err != nil || k == 0 {
//			return nil
//		}
//		name := "signal_" + strconv.FormatInt(k, 10)
//		switch k { case 1: name = "hello" ... }
//		return &jsonwire.Error{Path: "s", Msg: ...}
//	}
func emitNotAnEvent(m *Model) jen.Code {
	sigs := m.Signals
	key := sigs.Key.JSONName
	g := jen.Commentf("notAnEvent returns the error for a frame whose %q says it is a signal, not an", key).Line()
	g.Comment("event, or nil.").Line()
	g.Func().Id("notAnEvent").Params(jen.Id("data").Index().Byte()).Error().Block(
		jen.List(jen.Id("k"), jen.Err()).Op(":=").Add(wire("LookupInt")).Call(jen.Id("data"), jen.Lit(""), jen.Lit(key)),
		jen.If(jen.Err().Op("!=").Nil().Op("||").Id("k").Op("==").Lit(int(sigs.Event))).Block(jen.Return(jen.Nil())),
		jen.Id("name").Op(":=").Lit(unknownSignalPrefix).Op("+").Qual("strconv", "FormatInt").Call(jen.Id("k"), jen.Lit(10)),
		jen.Switch(jen.Id("k")).BlockFunc(func(s *jen.Group) {
			for _, sg := range sigs.List {
				s.Case(jen.Lit(int(sg.Value))).Block(jen.Id("name").Op("=").Lit(sg.Name))
			}
		}),
		jen.Return(jen.Op("&").Add(wire("Error")).Values(jen.Dict{
			jen.Id("Path"): jen.Lit(key),
			jen.Id("Msg"):  jen.Qual("fmt", "Sprintf").Call(jen.Lit(fmt.Sprintf("%%d is the %%s signal, not an event (%s=%d): decode it with DecodeSignal", key, sigs.Event)), jen.Id("k"), jen.Id("name")),
		})),
	)
	return g
}

// signalPrologue emits the start of DecodeOptions.DecodeSignal, which takes
// data and opts and returns (value, unknown paths, error): the size check,
// the one copy of the input (src), a pooled Decoder d with the options
// applied, and the check that the input is an object.
//
//	src := string(data)
//	d := wireimpl.AcquireDecoder(src, "")
//	defer d.Release()
//	d.ReportUnknown = opts.ReportUnknown
//	d.SetLimits(opts.Limits)
func signalPrologue(b *jen.Group) {
	checkSize(b)
	b.Comment("The one copy of the input: the signal keeps it, and its strings are")
	b.Comment("substrings of it.")
	b.Id("src").Op(":=").String().Parens(jen.Id("data"))
	b.Id("d").Op(":=").Add(wire("AcquireDecoder")).Call(jen.Id("src"), jen.Lit(""))
	b.Defer().Id("d").Dot("Release").Call()
	setUpDecoder(b)
}

// eventPrologue is signalPrologue for decodeInto: the input and the Decoder
// come from the arena of a stream decoder when there is one.
func eventPrologue(b *jen.Group) {
	checkSize(b)
	b.Var().Id("src").String()
	b.Var().Id("d").Op("*").Add(wire("Decoder"))
	b.If(jen.Id("a").Op("==").Nil()).Block(
		jen.Comment("The one copy of the input: the event keeps it, and its strings are"),
		jen.Comment("substrings of it."),
		jen.Id("src").Op("=").String().Parens(jen.Id("data")),
		jen.Id("d").Op("=").Add(wire("AcquireDecoder")).Call(jen.Id("src"), jen.Lit("")),
		jen.Defer().Id("d").Dot("Release").Call(),
	).Else().Block(
		jen.Comment("The stream decoder's copy, which the next frame overwrites."),
		jen.Id("src").Op("=").Id("a").Dot("load").Call(jen.Id("data")),
		jen.Id("d").Op("=").Op("&").Id("a").Dot("dec"),
		jen.Id("d").Dot("Reset").Call(jen.Id("src"), jen.Lit("")),
	)
	setUpDecoder(b)
}

// checkSize emits the prologues' first step, the size limit:
//
//	if err := opts.Limits.CheckSize(data); err != nil {
//		return nil, nil, err
//	}
func checkSize(b *jen.Group) {
	b.If(jen.Err().Op(":=").Id("opts").Dot("Limits").Dot("CheckSize").Call(jen.Id("data")), jen.Err().Op("!=").Nil()).Block(jen.Return(jen.Nil(), jen.Nil(), jen.Err()))
}

// setUpDecoder emits the prologues' last steps, once d reads src: the
// options applied, and the check that the input is an object.
func setUpDecoder(b *jen.Group) {
	fail := jen.Return(jen.Nil(), jen.Nil(), jen.Err())
	b.Id("d").Dot("ReportUnknown").Op("=").Id("opts").Dot("ReportUnknown")
	b.Id("d").Dot("SetLimits").Call(jen.Id("opts").Dot("Limits"))
	b.Id("d").Dot("Recover").Call(jen.Id("rec"))
	b.If(jen.Id("k").Op(":=").Id("d").Dot("Kind").Call(), jen.Id("k").Op("!=").Add(wire("KindObject"))).Block(
		jen.Comment("Malformed input gets its syntax error, not a complaint about its first byte."),
		jen.If(jen.Err().Op(":=").Id("d").Dot("Skip").Call(), jen.Err().Op("!=").Nil()).Block(fail),
		jen.Return(jen.Nil(), jen.Nil(), jen.Id("d").Dot("Errorf").Call(jen.Lit("want object, got %s"), jen.Id("k"))),
	)
}

// emitNewEvent emits the dispatch on the discriminators: it reads each key
// with a look-ahead that stops at the key, and returns an empty event of the
// right type for decoding.
func emitNewEvent(m *Model) jen.Code {
	g := jen.Comment("newEvent picks the event type from the discriminators of the payload at the").Line()
	g.Comment("cursor, which it reads ahead without consuming anything.").Line()
	g.Func().Id("newEvent").Params(decoderParam()).Params(jen.Id("Event"), jen.Error()).BlockFunc(func(b *jen.Group) {
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
func readKey(b *jen.Group, k *KeyField, level int) {
	fn := "LookAheadInt"
	if k.IsString {
		fn = "LookAheadString"
	}
	var args []jen.Code
	for _, p := range k.Path {
		args = append(args, jen.Lit(p))
	}
	b.List(jen.Id(keyVar(level)), jen.Err()).Op(":=").Id("d").Dot(fn).Call(args...)
	b.If(jen.Err().Op("!=").Nil()).Block(jen.Return(jen.Nil(), jen.Err()))
}

// emitDispatchNode emits one level of newEvent; a where level below the
// discriminators picks a variant the same way:
//
//	k2, err := d.LookAheadString("channel_type")
//	if err != nil {
//		return nil, err
//	}
//	switch k2 {
//	case "PERSON":
//		return new(UpdatedGuildSelf), nil
//	default:
//		return new(UpdatedGuild), nil
//	}
func emitDispatchNode(b *jen.Group, m *Model, n *DispatchNode, level int) {
	readKey(b, n.Key, level)
	b.Switch(jen.Id(keyVar(level))).BlockFunc(func(s *jen.Group) {
		for _, c := range n.Cases {
			lit := jen.Lit(c.Value.Str)
			if !n.Key.IsString {
				lit = jen.Lit(int(c.Value.Int))
			}
			s.CaseFunc(func(cg *jen.Group) { cg.Add(lit) }).BlockFunc(func(cb *jen.Group) {
				if c.Event != nil {
					cb.Return(fromSlab(c.Event.GoName).Dot("New").Call(), jen.Nil())
					return
				}
				emitDispatchNode(cb, m, c.Next, level+1)
			})
		}
		s.Default().BlockFunc(func(db *jen.Group) {
			if n.Default != nil {
				db.Return(fromSlab(n.Default.GoName).Dot("New").Call(), jen.Nil())
				return
			}
			if n.Unknown == nil {
				db.Return(jen.Nil(), jen.Op("&").Add(wire("Error")).Values(jen.Dict{
					jen.Id("Path"): jen.Lit(joinPath(payloadRoot(m), n.Key.Path)),
					jen.Id("Msg"):  jen.Lit("unknown value ").Op("+").Add(keyString(n.Key, jen.Id(keyVar(level)), true)),
				}))
				return
			}
			emitUnknown(db, n.Unknown, level)
		})
	})
}

// emitUnknown reads the family's remaining keys and returns the UnknownEvent.
//
//	ev := arenaOf(d).sUnknownEvent.New()
//	*ev = UnknownEvent{Family: "system", name: k1, Type: MessageType(k0), ExtraType: k1}
//	return ev, nil
func emitUnknown(b *jen.Group, fam *Family, level int) {
	for j := level + 1; j < len(fam.Keys); j++ {
		readKey(b, fam.Keys[j].Field, j)
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
	switch {
	case len(name) == 1:
		nameExpr = jen.Add(name[0])
	case len(name) > 1:
		// In a stream decoder's memory when there is one.
		nameExpr = jen.Id("d").Dot("Concat").Call(name...)
	}
	vals[jen.Id("name")] = nameExpr
	for j, k := range fam.Keys {
		var v jen.Code = jen.Id(keyVar(j))
		if k.Field.Type.Kind != KindString {
			v = valueType(k.Field.Type).Call(v)
		}
		vals[jen.Id(k.Field.GoName)] = v
	}
	b.Id("ev").Op(":=").Add(fromSlab("UnknownEvent")).Dot("New").Call()
	b.Op("*").Id("ev").Op("=").Id("UnknownEvent").Values(vals)
	b.Return(jen.Id("ev"), jen.Nil())
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
// a switch on the key whose cases leave any error in err, checked once after
// it; required members checked at the end, everything else kept in
// UnknownFields. An embedded base decodes its own members (decodeMember). A
// non-empty payload names the frame's payload member: the frame's decode then
// picks the event there, decodes it and returns it (nil when the payload
// member never came).
//
//	for {
//		key, more, err := d.NextKey()
//		...
//		switch key {
//		case "msg_id":
//			seen |= 1 << 0
//			x.MsgID, err = d.String()
//		default:
//			err = d.UnknownField(&x.UnknownFields, key)
//		}
//		if err != nil {
//			return err
//		}
//	}
func emitObjectDecode(m *Model, o *Object, method string, payload string) jen.Code {
	ret := returnErr
	results := []jen.Code{jen.Error()}
	if payload != "" {
		ret = func(err jen.Code) jen.Code { return jen.Return(jen.Id("ev"), err) }
		results = []jen.Code{jen.Id("Event"), jen.Error()}
	}
	required := requiredBits(o.Fields)
	if payload != "" {
		required = append(required, payload)
	}
	recv := jen.Id("x").Op("*").Id(o.GoName)
	rest := method == "decodePayload"
	g := jen.Null()
	if rest {
		// The payload's members from the first on; decodeArriving calls
		// decodeRest itself, from the member where it learnt the event.
		g.Func().Params(recv).Id(method).Params(decoderParam()).Error().Block(
			callErr(jen.Id("d").Dot("ObjectStart").Call(), ret),
			jen.List(jen.Id("key"), jen.Id("more"), jen.Err()).Op(":=").Id("d").Dot("NextKey").Call(),
			ifErr(ret),
			jen.Return(jen.Id("x").Dot("decodeRest").Call(jen.Id("d"), jen.Id("key"), jen.Id("more"), jen.Lit(0))),
		).Line().Line()
		g.Comment("decodeRest decodes the payload's members from key on (none when more is false),").Line()
		g.Comment("baseSeen holding the required base members already read.").Line()
		g.Func().Params(recv).Id("decodeRest").Params(decoderParam(), jen.Id("key").String(), jen.Id("more").Bool(), jen.Id("baseSeen").Uint64()).Error()
	} else {
		g.Func().Params(recv).Id(method).Params(decoderParam()).Params(results...)
	}
	return g.BlockFunc(func(b *jen.Group) {
		if payload != "" {
			b.Var().Id("ev").Id("Event")
		}
		if !rest {
			b.Add(callErr(jen.Id("d").Dot("ObjectStart").Call(), ret))
		}
		if len(required) > 0 {
			b.Var().Id("seen").Uint64()
		}
		if o.Base != nil && !rest {
			b.Var().Id("baseSeen").Uint64()
		}
		if rest {
			b.Var().Err().Error()
		}
		loop := func(lb *jen.Group) {
			if !rest {
				lb.List(jen.Id("key"), jen.Id("more"), jen.Err()).Op(":=").Id("d").Dot("NextKey").Call()
				lb.Add(ifErr(ret))
				lb.If(jen.Op("!").Id("more")).Block(jen.Break())
			}
			lb.Switch(jen.Id("key")).BlockFunc(func(s *jen.Group) {
				memberCases(s, o.Fields, required, jen.Id("seen"), ret)
				if payload != "" {
					s.Case(jen.Lit(payload)).Block(
						jen.If(jen.Id("ev").Op("!=").Nil()).Block(
							jen.Comment("The event is decoded once; a second payload would replace it unseen."),
							ret(jen.Id("d").Dot("Errorf").Call(jen.Lit("duplicate member"))),
						),
						jen.Id("seen").Op("|=").Lit(1).Op("<<").Lit(len(required)-1),
						jen.List(jen.Id("e"), jen.Err()).Op(":=").Id("decodeEvent").Call(jen.Id("d")),
						ifErr(ret),
						jen.Id("ev").Op("=").Id("e"),
					)
				}
				s.Default().BlockFunc(func(db *jen.Group) {
					if o.Base == nil {
						db.Add(unknownMember(m))
						return
					}
					db.Add(decodeMemberOr(jen.Id("x").Dot(o.Base.GoName), "baseSeen", unknownMember(m)))
				})
			})
			lb.Add(ifErr(ret))
			if rest {
				lb.List(jen.Id("key"), jen.Id("more"), jen.Err()).Op("=").Id("d").Dot("NextKey").Call()
				lb.Add(ifErr(ret))
			}
		}
		if rest {
			b.For(jen.Id("more")).BlockFunc(loop)
		} else {
			b.For().BlockFunc(loop)
		}
		if o.Owner != nil && o == o.Owner.Payload {
			checkKeys(b, m, o.Owner)
		}
		if o.Base != nil {
			b.Add(callErr(jen.Id("x").Dot(o.Base.GoName).Dot("checkMembers").Call(jen.Id("d"), jen.Id("baseSeen")), ret))
		}
		checkRequired(b, required, jen.Id("seen"), ret)
		b.Add(ret(jen.Nil()))
	}).Line()
}

// unknownMember emits the statement for a member the schema does not model:
// kept in x.UnknownFields, or in x.Extensions when it is an extension.
//
//	err = d.UnknownField(&x.UnknownFields, key)
func unknownMember(m *Model) jen.Code {
	unknown := jen.Err().Op("=").Id("d").Dot("UnknownField").Call(jen.Op("&").Id("x").Dot("UnknownFields"), jen.Id("key"))
	if m.Extensions != nil {
		// Extensions are legal: kept apart, never reported as unknown.
		unknown = jen.If(wire("IsExtension").Call(jen.Id("key"), jen.Lit(m.Extensions.PrefixChars), jen.LitByte(m.Extensions.Separator))).Block(
			jen.Err().Op("=").Id("d").Dot("ExtensionField").Call(jen.Op("&").Id("x").Dot("Extensions"), jen.Id("key")),
		).Else().Block(unknown)
	}
	return unknown
}

// checkKeys emits the check that the decoded discriminators are the ones
// dispatch read. They differ only when a key is duplicated: the look-ahead
// takes the first, decoding keeps the last, and the event would re-encode
// as another event. A variant's where member is checked the same way: a
// scoped variant holds its value, the default none of the others':
//
//	if x.ChannelType != "PERSON" { // the default: == "PERSON"
//		return d.Conflict("channel_type")
//	}
func checkKeys(b *jen.Group, m *Model, ev *Event) {
	for i, k := range ev.Family.Keys {
		sel, f := keySelector("x", ev.Payload, k.Field.Path)
		if f == nil {
			continue
		}
		want := jen.Lit(ev.Keys[i].Str)
		if !k.Field.IsString {
			want = jen.Lit(int(ev.Keys[i].Int))
		}
		b.If(sel.Op("!=").Add(want)).Block(
			jen.Return(jen.Id("d").Dot("Conflict").Call(jen.Lit(strings.Join(k.Field.Path, ".")))),
		)
	}
	checkWhere(b, m, ev)
}

// checkWhere emits checkKeys' test of a variant's where member.
func checkWhere(b *jen.Group, m *Model, ev *Event) {
	n := m.WhereLevel(ev)
	if n == nil {
		return
	}
	sel, _ := keySelector("x", ev.Payload, n.Key.Path)
	if sel == nil {
		return // the builder allows no such path
	}
	lit := func(v KeyValue) jen.Code {
		if n.Key.IsString {
			return jen.Lit(v.Str)
		}
		return jen.Lit(int(v.Int))
	}
	var cond *jen.Statement
	if ev.Where != nil {
		cond = sel.Clone().Op("!=").Add(lit(ev.Where.Value))
	} else {
		for _, c := range n.Cases {
			if cond != nil {
				cond = cond.Op("||")
			} else {
				cond = jen.Null()
			}
			cond = cond.Add(sel.Clone()).Op("==").Add(lit(c.Value))
		}
	}
	if cond == nil {
		return
	}
	b.If(cond).Block(jen.Return(jen.Id("d").Dot("Conflict").Call(jen.Lit(strings.Join(n.Key.Path, ".")))))
}

// keySelector returns the Go selector, from recv, of the field at a JSON path below o,
// and the field; nil when the path does not lead through plain objects.
func keySelector(recv string, o *Object, path []string) (*jen.Statement, *Field) {
	sel := jen.Id(recv)
	var found *Field
	for i, seg := range path {
		found = nil
		for _, f := range o.AllFields() {
			if f.JSONName == seg {
				found = f.Field
			}
		}
		if found == nil || found.Nullable {
			return nil, nil
		}
		if found.IsPointer() {
			return nil, nil // may be nil: not a path to compare through
		}
		sel = sel.Dot(found.GoName)
		if found.Optional {
			sel = sel.Dot("Value")
		}
		if i < len(path)-1 {
			if found.Type.Kind != KindObject {
				return nil, nil
			}
			o = found.Type.Object
		}
	}
	return sel, found
}

// memberCases emits one switch case per field, marking required ones seen:
//
//	case "msg_id":
//		seen |= 1 << 0
//		x.MsgID, err = d.String()
func memberCases(s *jen.Group, fields []*Field, required []string, seen *jen.Statement, ret retFunc) {
	for _, f := range fields {
		s.Case(jen.Lit(f.JSONName)).BlockFunc(func(cb *jen.Group) {
			for bit, name := range required {
				if name == f.JSONName {
					cb.Add(seen.Clone()).Op("|=").Lit(1).Op("<<").Lit(bit)
				}
			}
			decodeMember(cb, jen.Id("x"), f, ret)
		})
	}
}

// checkRequired emits the check that every required member came, one
// comparison and a call only when one is missing:
//
//	if seen != 0x3 {
//		if err := d.MissingOf(seen, "user_id", "joined_at"); err != nil {
//			return err
//		}
//	}
func checkRequired(b *jen.Group, required []string, seen *jen.Statement, ret retFunc) {
	if len(required) == 0 {
		return
	}
	names := []jen.Code{seen.Clone()}
	for _, name := range required {
		names = append(names, jen.Lit(name))
	}
	all := uint64(1)<<len(required) - 1
	b.If(seen.Clone().Op("!=").Lit(int(all))).Block(
		callErr(jen.Id("d").Dot("MissingOf").Call(names...), ret),
	)
}

// emitBaseDecode emits the methods of a base that the objects embedding it
// call: decodeMember, which decodes one of its members, and checkMembers,
// which reports a missing required one. With decodeOnly, it also emits the
// method that checks a base on its own.
//
//	func (x *EventData) decodeMember(d *wireimpl.Decoder, key string, seen *uint64) (known bool, err error) {
//		switch key {
//		case "msg_id":
//			*seen |= 1 << 5
//			x.MsgID, err = d.String()
//		default:
//			return false, nil
//		}
//		return true, err
//	}
func emitBaseDecode(o *Object, decodeOnly bool) jen.Code {
	g := jen.Comment("decodeMember decodes x's member key, marking a required one in seen; known is").Line()
	g.Comment("false, and nothing is read, when x has no such member.").Line()
	g.Func().Params(jen.Id("x").Op("*").Id(o.GoName)).Id("decodeMember").Params(decoderParam(), jen.Id("key").String(), jen.Id("seen").Op("*").Uint64()).Params(jen.Id("known").Bool(), jen.Err().Error()).BlockFunc(func(b *jen.Group) {
		ret := func(err jen.Code) jen.Code { return jen.Return(jen.True(), err) }
		b.Switch(jen.Id("key")).BlockFunc(func(s *jen.Group) {
			memberCases(s, o.Fields, requiredBits(o.Fields), jen.Op("*").Id("seen"), ret)
			s.Default().Block(jen.Return(jen.False(), jen.Nil()))
		})
		b.Return(jen.True(), jen.Err())
	}).Line().Line()
	if decodeOnly {
		g.Add(emitDecodeOnly(o))
	}
	g.Comment("checkMembers reports the first required member of x that seen lacks.").Line()
	g.Func().Params(jen.Id("x").Op("*").Id(o.GoName)).Id("checkMembers").Params(decoderParam(), jen.Id("seen").Uint64()).Error().BlockFunc(func(b *jen.Group) {
		checkRequired(b, requiredBits(o.Fields), jen.Id("seen"), returnErr)
		b.Return(jen.Nil())
	}).Line()
	return g
}

// decodeMemberOr emits a call of recv's decodeMember and what to do with a
// member it does not know:
//
//	var known bool
//	if known, err = x.EventData.decodeMember(d, key, &baseSeen); !known {
//		<otherwise>
//	}
func decodeMemberOr(recv *jen.Statement, seen string, otherwise jen.Code) jen.Code {
	return jen.Var().Id("known").Bool().Line().If(
		jen.List(jen.Id("known"), jen.Err()).Op("=").Add(recv).Dot("decodeMember").Call(jen.Id("d"), jen.Id("key"), jen.Op("&").Id(seen)),
		jen.Op("!").Id("known"),
	).Block(otherwise)
}

// emitDecodeOnly emits decodeOnly, which checks a base on its own: the
// base's members of an object are decoded and checked, the others skipped.
//
//	var known bool
//	if known, err = x.decodeMember(d, key, &seen); !known {
//		err = d.Skip()
//	}
func emitDecodeOnly(o *Object) jen.Code {
	g := jen.Comment("decodeOnly decodes x's members of an object and checks them, skipping the others.").Line()
	g.Func().Params(jen.Id("x").Op("*").Id(o.GoName)).Id("decodeOnly").Params(decoderParam()).Error().BlockFunc(func(b *jen.Group) {
		b.Add(callErr(jen.Id("d").Dot("ObjectStart").Call(), returnErr))
		b.Var().Id("seen").Uint64()
		b.For().BlockFunc(func(lb *jen.Group) {
			lb.List(jen.Id("key"), jen.Id("more"), jen.Err()).Op(":=").Id("d").Dot("NextKey").Call()
			lb.Add(returnIfErr())
			lb.If(jen.Op("!").Id("more")).Block(jen.Break())
			lb.Add(decodeMemberOr(jen.Id("x"), "seen", jen.Err().Op("=").Id("d").Dot("Skip").Call()))
			lb.Add(returnIfErr())
		})
		b.Return(jen.Id("x").Dot("checkMembers").Call(jen.Id("d"), jen.Id("seen")))
	}).Line().Line()
	return g
}

// wireSlots are the struct's wire members that keep the forms a field's
// value and its array elements came in: x.wire.IsCategory, x.wire.MentionItems.
// A nil slot means the field has no such forms.
type wireSlots struct{ value, items *jen.Statement }

// wireOf returns the wire slots of f in holder, the struct that has it.
func wireOf(holder *jen.Statement, f *Field) wireSlots {
	var w wireSlots
	if f.WireName != "" {
		w.value = holder.Clone().Dot("wire").Dot(f.WireName)
	}
	if f.WireItemsName != "" {
		w.items = holder.Clone().Dot("wire").Dot(f.WireItemsName)
	}
	return w
}

// formsArg renders a set of forms as wireimpl.Accept flags:
// wireimpl.AcceptNumber | wireimpl.AcceptString.
func formsArg(w WireForms) jen.Code {
	var e *jen.Statement
	for i, f := range wireForms {
		if w&(1<<i) == 0 {
			continue
		}
		if e == nil {
			e = wire(f.accept)
		} else {
			e = e.Op("|").Add(wire(f.accept))
		}
	}
	return e
}

// decodeMember emits the statements that decode the next value into
// holder's field f, keeping the form it came in where f has alternative
// forms. They leave any error in err, for the caller to check once:
//
//	x.AuthorID, err = d.String()
func decodeMember(b *jen.Group, holder *jen.Statement, f *Field, ret retFunc) {
	decodeField(b, holder.Clone().Dot(f.GoName), f, wireOf(holder, f), ret)
}

// decodeField is decodeMember for any target, honouring optional and
// nullable:
//
//	x.FromType.Set = true
//	x.FromType.Value, err = d.Int()
func decodeField(b *jen.Group, target *jen.Statement, f *Field, w wireSlots, ret retFunc) {
	acc := accepting{forms: f.Forms, items: f.ItemForms, wire: w}
	switch {
	case f.IsPointer():
		// x.Quote = new(Quote) (from the arena's slab), then decoded through the pointer.
		b.Add(target.Clone().Op("=").Add(fromSlab(slabKey(f.Type, f.Nullable))).Dot("New").Call())
	case f.Optional:
		b.Add(target.Clone().Dot("Set").Op("=").True())
		target = target.Clone().Dot("Value")
	}
	if f.Nullable {
		b.If(jen.Id("d").Dot("IsNull").Call()).Block(
			target.Clone().Dot("Valid").Op("=").False(),
		).Else().BlockFunc(func(nb *jen.Group) {
			decodeValue(nb, target.Clone().Dot("Value"), f.Type, 0, ret, acc)
			nb.Add(target.Clone().Dot("Valid").Op("=").True())
		})
		return
	}
	decodeValue(b, target, f.Type, 0, ret, acc)
}

// accepting is what decodeValue and appendValue need of a value's
// alternative forms: the forms, its elements' forms, and where they are kept.
// An element's form is kept in the items slot at its index (elem).
type accepting struct {
	forms, items WireForms
	wire         wireSlots
	elem         jen.Code // set for an array element: its index
	accept       jen.Code // the wireimpl.Accept flags to pass; nil: those of forms
}

// acceptArg is the flags argument of a reader's As call.
func (acc accepting) acceptArg() jen.Code {
	if acc.accept != nil {
		return acc.accept
	}
	return formsArg(acc.forms)
}

// decodeValue emits the statements that decode the next value of type t
// into target, leaving any error in err; a map returns the errors of its
// loop (through ret). depth names the temporaries of nested maps apart.
func decodeValue(b *jen.Group, target *jen.Statement, t *Type, depth int, ret retFunc, acc accepting) {
	v, form := fmt.Sprintf("v%d", depth), fmt.Sprintf("f%d", depth)
	keep := func(g *jen.Group) {
		switch {
		case acc.elem != nil:
			// items = items.With(i, f0)
			g.Add(acc.wire.items.Clone().Op("=").Add(acc.wire.items.Clone()).Dot("With").Call(acc.elem, jen.Id(form)))
		case acc.wire.value != nil:
			g.Add(acc.wire.value.Clone().Op("=").Id(form))
		}
	}
	// scalar reads a value with d.<method>(), or d.<method>As(forms) when it
	// may come in other forms; into is true for a schema's named type (an
	// enum), which a generic helper (wireimpl.IntInto, ...) converts to.
	scalar := func(method string, into bool) {
		switch {
		case acc.forms == 0 && !into:
			// x.N, err = d.Int()
			b.List(target.Clone(), jen.Err()).Op("=").Id("d").Dot(method).Call()
		case acc.forms == 0:
			// err = wireimpl.IntInto(d, &x.Type)
			b.Err().Op("=").Add(wire(method+"Into")).Call(jen.Id("d"), jen.Op("&").Add(target.Clone()))
		case acc.elem == nil && acc.wire.value != nil && !into:
			// x.B, x.wire.B, err = d.BoolAs(wireimpl.AcceptNumber)
			b.List(target.Clone(), acc.wire.value.Clone(), jen.Err()).Op("=").Id("d").Dot(method + "As").Call(acc.acceptArg())
		case acc.elem == nil && acc.wire.value != nil:
			// err = wireimpl.IntAsInto(d, &x.Type, &x.wire.Type, wireimpl.AcceptString)
			b.Err().Op("=").Add(wire(method+"AsInto")).Call(jen.Id("d"), jen.Op("&").Add(target.Clone()), jen.Op("&").Add(acc.wire.value.Clone()), acc.acceptArg())
		default:
			// An element's form goes into its array's forms (the reader
			// checks err after; on an error it returns, forms and all):
			// v1, f1, err := d.StringAs(...); e = v1; (*forms) = (*forms).With(len(list), f1)
			b.List(jen.Id(v), jen.Id(form), jen.Err()).Op(":=").Id("d").Dot(method + "As").Call(acc.acceptArg())
			if into {
				b.Add(target.Clone().Op("=").Add(valueType(t)).Call(jen.Id(v)))
			} else {
				b.Add(target.Clone().Op("=").Id(v))
			}
			keep(b)
		}
	}
	// empty wraps the decoding of a container that may come as null or []:
	// if f0, ok := d.EmptyAs(...); ok { x.wire.Q = f0 } else { <decode> }
	empty := func(decode func(g *jen.Group)) {
		if acc.forms&emptyForms == 0 || acc.wire.value == nil {
			decode(b)
			return
		}
		b.If(jen.List(jen.Id(form), jen.Id("ok")).Op(":=").Id("d").Dot("EmptyAs").Call(formsArg(acc.forms)), jen.Id("ok")).BlockFunc(keep).Else().BlockFunc(decode)
	}
	switch t.Kind {
	case KindString:
		scalar("String", false)
	case KindInt:
		scalar("Int", false)
	case KindInt64:
		scalar("Int64", false)
	case KindBool:
		scalar("Bool", false)
	case KindFloat:
		scalar("Float64", false)
	case KindRaw:
		scalar("Raw", false)
	case KindEnum:
		method := "Int"
		if t.Enum.IsString {
			method = "String"
		}
		scalar(method, true)
	case KindObject:
		empty(func(g *jen.Group) {
			g.Err().Op("=").Add(target.Clone()).Dot("decodeJSON").Call(jen.Id("d"))
		})
	case KindUnion:
		b.List(target.Clone(), jen.Err()).Op("=").Id("decode" + t.Union.GoName).Call(jen.Id("d"))
	case KindArray:
		// x.Mention, err = readArrayOfString(d), or with its elements' forms:
		// readFormsArrayOfString(d, wireimpl.AcceptNumber, &x.wire.MentionItems)
		r := arrayReader{t: t, forms: acc.items != 0}
		args := []jen.Code{jen.Id("d")}
		if r.forms {
			args = append(args, formsArg(acc.items), jen.Op("&").Add(acc.wire.items.Clone()))
		}
		empty(func(g *jen.Group) {
			g.List(target.Clone(), jen.Err()).Op("=").Id(r.name()).Call(args...)
		})
	case KindMap:
		elem, key := fmt.Sprintf("e%d", depth), fmt.Sprintf("key%d", depth)
		empty(func(mb *jen.Group) {
			mb.Add(callErr(jen.Id("d").Dot("ObjectStart").Call(), ret))
			mb.Add(target.Clone().Op("=").Add(fromSlab(slabKey(t, false))).Dot("New").Call())
			mb.For().BlockFunc(func(lb *jen.Group) {
				lb.List(jen.Id("k"), jen.Id("more"), jen.Err()).Op(":=").Id("d").Dot("NextKey").Call()
				lb.Add(ifErr(ret))
				lb.If(jen.Op("!").Id("more")).Block(jen.Break())
				lb.Id(key).Op(":=").Id("k")
				lb.Var().Id(elem).Add(valueType(t.Elem))
				decodeValue(lb, jen.Id(elem), t.Elem, depth+1, ret, accepting{})
				lb.Add(ifErr(ret))
				lb.Add(target.Clone().Index(jen.Id(key)).Op("=").Id(elem))
			})
		})
	}
}

// stackElems is how many elements of an array are gathered on the stack
// before the slice is allocated: enough for the arrays of real frames
// (mentions, roles), fewer for large elements.
func stackElems(t *Type) int {
	if t.Kind == KindObject || t.Kind == KindArray || t.Kind == KindMap {
		return 4
	}
	return 8
}

// emitUnionDecode emits decode<Union>: it peeks at the key member, then
// decodes the value into the variant it names, or keeps it whole.
//
//	func decodeEmbed(d *wireimpl.Decoder) (Embed, error) {
//		kind, err := d.LookAheadString("type")
//		...
//		switch kind {
//		case "link":
//			v := arenaOf(d).sLinkEmbed.New()
//			...
//			return v, nil
//		}
//		raw, err := d.Raw()
//		...
//		return &UnknownEmbed{Type: kind, Raw: raw}, nil
//	}
func emitUnionDecode(u *Union) jen.Code {
	g := jen.Commentf("decode%s decodes the next value as a %s, by its %q member.", u.GoName, u.GoName, u.Key).Line()
	g.Func().Id("decode"+u.GoName).Params(decoderParam()).Params(jen.Id(u.GoName), jen.Error()).BlockFunc(func(b *jen.Group) {
		fail := func(err jen.Code) jen.Code { return jen.Return(jen.Nil(), err) }
		b.List(jen.Id("kind"), jen.Err()).Op(":=").Id("d").Dot("LookAheadString").Call(jen.Lit(u.Key))
		b.Add(ifErr(fail))
		b.Switch(jen.Id("kind")).BlockFunc(func(s *jen.Group) {
			for _, v := range u.Variants {
				s.Case(jen.Lit(v.Value)).BlockFunc(func(cb *jen.Group) {
					cb.Id("v").Op(":=").Add(fromSlab(v.Object.GoName)).Dot("New").Call()
					cb.Add(callErr(jen.Id("v").Dot("decodeJSON").Call(jen.Id("d")), fail))
					if sel, _ := keySelector("v", v.Object, []string{u.Key}); sel != nil {
						cb.Comment("A duplicate key must not make the value re-encode as another variant.")
						cb.If(jen.Add(sel).Op("!=").Id("kind")).Block(fail(jen.Id("d").Dot("Conflict").Call(jen.Lit(u.Key))))
					}
					cb.Return(jen.Id("v"), jen.Nil())
				})
			}
		})
		b.List(jen.Id("raw"), jen.Err()).Op(":=").Id("d").Dot("Raw").Call()
		b.Add(ifErr(func(err jen.Code) jen.Code { return jen.Return(jen.Nil(), err) }))
		b.Return(jen.Op("&").Id(u.UnknownGoName).Values(jen.Dict{jen.Id(goName(u.Key)): jen.Id("kind"), jen.Id("Raw"): jen.Id("raw")}), jen.Nil())
	}).Line()
	return g
}

// emitUnmarshal gives shared objects encoding/json's interface, through
// unmarshal (emitUnmarshalHelper):
//
//	func (x *User) UnmarshalJSON(data []byte) error { return unmarshal(x, data) }
func emitUnmarshal(o *Object) jen.Code {
	g := jen.Comment("UnmarshalJSON implements json.Unmarshaler; on error the receiver is unchanged.").Line()
	g.Func().Params(jen.Id("x").Op("*").Id(o.GoName)).Id("UnmarshalJSON").Params(jen.Id("data").Index().Byte()).Error().Block(
		jen.Return(jen.Id("unmarshal").Call(jen.Id("x"), jen.Id("data"))),
	).Line()
	return g
}

// emitUnmarshalHelper emits unmarshal, which decodes data into a fresh value
// so that an error leaves the receiver untouched:
//
//	func unmarshal[T any, P interface{ *T; decodeJSON(*wireimpl.Decoder) error }](x P, data []byte) error
func emitUnmarshalHelper() jen.Code {
	g := jen.Comment("unmarshal decodes data into x through a fresh value: on error x is unchanged.").Line()
	g.Func().Id("unmarshal").Types(
		jen.Id("T").Any(),
		jen.Id("P").Interface(jen.Op("*").Id("T"), jen.Id("decodeJSON").Params(jen.Op("*").Add(wire("Decoder"))).Error()),
	).Params(jen.Id("x").Id("P"), jen.Id("data").Index().Byte()).Error().Block(
		jen.Var().Id("v").Id("T"),
		jen.Id("d").Op(":=").Add(wire("NewDecoder")).Call(jen.Id("data"), jen.Lit("")),
		jen.If(jen.Err().Op(":=").Id("P").Call(jen.Op("&").Id("v")).Dot("decodeJSON").Call(jen.Id("d")), jen.Err().Op("!=").Nil()).Block(jen.Return(jen.Err())),
		jen.If(jen.Err().Op(":=").Id("d").Dot("End").Call(), jen.Err().Op("!=").Nil()).Block(jen.Return(jen.Err())),
		jen.Op("*").Id("x").Op("=").Id("v"),
		jen.Return(jen.Nil()),
	).Line()
	return g
}

// arrayReader is one generated function that reads an array: one per element
// type, shared by every field of that type, and a second one (readFormsArrayOf) for fields
// whose elements may come in other forms.
type arrayReader struct {
	t     *Type // the array type
	forms bool  // the As variant
}

// name is the function's name: readArrayOfString, readFormsArrayOfString.
// "read" starts no other function the package declares, and no element
// type's key (slabKey; the builder keeps them apart) makes one name the other.
func (r arrayReader) name() string {
	if r.forms {
		return "readFormsArrayOf" + slabKey(r.t.Elem, false)
	}
	return "readArrayOf" + slabKey(r.t.Elem, false)
}

// arrayReaders lists the array readers the model's fields need, sorted by
// name: the fields' own array types and those of their arrays' elements.
func arrayReaders(m *Model) []arrayReader {
	seen := map[string]arrayReader{}
	m.Containers(func(t *Type, f *Field, own bool) {
		if t.Kind == KindArray {
			// Only a field's own array keeps its elements' forms.
			r := arrayReader{t: t, forms: own && f.ItemForms != 0}
			seen[r.name()] = r
		}
	})
	var out []arrayReader
	for _, name := range sortedKeys(seen) {
		out = append(out, seen[name])
	}
	return out
}

// emitArrayReader emits one array reader. Elements gather on the stack and
// the slice is allocated once, at its size (or taken from a stream decoder's
// memory):
//
//	func readArrayOfString(d *wireimpl.Decoder) ([]string, error) {
//		...
//		var buf [8]string
//		list := buf[:0]
//		for {
//			more, err := d.NextElem()
//			...
//			var e string
//			e, err = d.String()
//			...
//			list = append(list, e)
//		}
//		return arenaOf(d).sString.Copy(list), nil
//	}
//
// The forms variant (readFormsArrayOf...) takes the forms the elements accept and keeps the form of
// each one in *forms.
func emitArrayReader(r arrayReader) jen.Code {
	elem := r.t.Elem
	params := []jen.Code{decoderParam()}
	acc := accepting{}
	if r.forms {
		params = append(params, jen.Id("a").Add(wire("Accept")), jen.Id("forms").Op("*").Add(wire("Forms")))
		acc = accepting{
			forms:  ^WireForms(0), // some: the caller's a says which
			accept: jen.Id("a"),
			wire:   wireSlots{items: jen.Parens(jen.Op("*").Id("forms"))},
			elem:   jen.Len(jen.Id("list")),
		}
	}
	fail := func(err jen.Code) jen.Code { return jen.Return(jen.Nil(), err) }
	slab := fromSlab(slabKey(elem, false))
	g := jen.Commentf("%s reads an array of %s.", r.name(), slabKey(elem, false)).Line()
	g.Func().Id(r.name()).Params(params...).Params(valueType(r.t), jen.Error()).BlockFunc(func(b *jen.Group) {
		b.Add(callErr(jen.Id("d").Dot("ArrayStart").Call(), fail))
		b.Comment("Elements gather on the stack; the slice is allocated once, at its size")
		b.Comment("(or taken from a stream decoder's memory).")
		b.Var().Id("buf").Index(jen.Lit(stackElems(elem))).Add(valueType(elem))
		b.Id("list").Op(":=").Id("buf").Index(jen.Empty(), jen.Lit(0))
		b.For().BlockFunc(func(lb *jen.Group) {
			lb.List(jen.Id("more"), jen.Err()).Op(":=").Id("d").Dot("NextElem").Call()
			lb.Add(ifErr(fail))
			lb.If(jen.Op("!").Id("more")).Block(jen.Break())
			lb.Var().Id("e").Add(valueType(elem))
			decodeValue(lb, jen.Id("e"), elem, 1, fail, acc)
			lb.Add(ifErr(fail))
			lb.If(jen.Len(jen.Id("list")).Op("==").Cap(jen.Id("list"))).Block(
				jen.Comment("More than the stack holds."),
				jen.Id("list").Op("=").Add(slab.Clone()).Dot("Spill").Call(jen.Id("list")),
			)
			lb.Id("list").Op("=").Append(jen.Id("list"), jen.Id("e"))
		})
		b.Comment("Non-nil even when empty: [] re-encodes as [].")
		b.Return(slab.Clone().Dot("Copy").Call(jen.Id("list")), jen.Nil())
	}).Line()
	return g
}
