package gen

import (
	"encoding/json"
	"fmt"
	"strconv"
	"strings"

	"github.com/dave/jennifer/jen"
)

// emitSignals renders signals.go, which only a platform whose frame declares
// a signal key has: the Signal interface, one struct per signal, EventSignal
// around an event frame, UnknownSignal, and DecodeSignal (the function and the
// method of DecodeOptions).
// The signals' own objects (KOOK's HelloData) are shared objects and live
// with the others.
func emitSignals(m *Model) *jen.File {
	sigs := m.Signals
	f := newFile(m)
	key := sigs.Key.JSONName
	f.Add(emitSignalInterface(m))
	f.Add(emitDecodeSignal(m))
	for _, sg := range sigs.List {
		o := sg.Object
		f.Add(emitStruct(m, o, nil, []jen.Code{jen.Line(), jen.Id("raw").String()}))
		f.Add(signalMethods(m, o.GoName, jen.Lit(sg.Name), jen.Lit(int(sg.Value)), jen.True()))
		f.Add(rawMethods(o.GoName))
		f.Add(emitSignalDecode(m, sg)).Line()
		f.Add(emitSignalAppend(m, sg))
		for _, a := range sg.Accessors {
			f.Add(emitAccessor(m, o.GoName, a))
		}
	}
	f.Add(emitEventSignal(m))
	f.Add(emitUnknownSignal(m, key))
	f.Add(emitBoundSignals(m))
	return f
}

// emitBoundSignals writes what Bind's Signals returns, the package's side of
// bind.Signals, with the model's key and event value:
//
//	type boundSignals struct{}
//
//	func (boundSignals) IsSignal(data []byte) bool {
//		v, ok, err := wireimpl.Lookup(data, "s")
//		if err != nil || !ok {
//			return false
//		}
//		k, err := wireimpl.NewDecoder(v, "s").Int64()
//		return err != nil || k != 0
//	}
//
//	func (boundSignals) Decode(data []byte, opts bind.DecodeOptions) (bind.Signal, []string, error) {
//		sig, unknown, err := DecodeOptions{...}.DecodeSignal(data)
//		...
//	}
func emitBoundSignals(m *Model) jen.Code {
	sigs := m.Signals
	key := sigs.Key.JSONName
	g := jen.Commentf("%s implements bind.Signals for Bind(h).Signals().", boundSignalsType).Line()
	g.Type().Id(boundSignalsType).Struct().Line().Line()
	g.Commentf("IsSignal implements bind.Signals: data has %q at its top level, and it is not", key).Line()
	g.Commentf("%d (or not an integer, which DecodeSignal reports).", sigs.Event).Line()
	g.Func().Params(jen.Id(boundSignalsType)).Id("IsSignal").Params(jen.Id("data").Index().Byte()).Bool().Block(
		jen.List(jen.Id("v"), jen.Id("ok"), jen.Err()).Op(":=").Add(wire("Lookup")).Call(jen.Id("data"), jen.Lit(key)),
		jen.If(jen.Err().Op("!=").Nil().Op("||").Op("!").Id("ok")).Block(
			jen.Return(jen.False()),
		),
		jen.Comment("The value found, read as LookupInt reads it: one scan of data, not two."),
		jen.List(jen.Id("k"), jen.Err()).Op(":=").Add(wire("NewDecoder")).Call(jen.Id("v"), jen.Lit(key)).Dot("Int64").Call(),
		jen.Return(jen.Err().Op("!=").Nil().Op("||").Id("k").Op("!=").Lit(int(sigs.Event))),
	).Line().Line()
	g.Comment("Decode implements bind.Signals with DecodeOptions.DecodeSignal.").Line()
	g.Func().Params(jen.Id(boundSignalsType)).Id("Decode").Params(jen.Id("data").Index().Byte(), jen.Id("opts").Qual(bindPkg, "DecodeOptions")).Params(jen.Qual(bindPkg, "Signal"), jen.Index().String(), jen.Error()).Block(
		jen.List(jen.Id("sig"), jen.Id("unknown"), jen.Err()).Op(":=").Add(fromBindOptions()).Dot("DecodeSignal").Call(jen.Id("data")),
		jen.If(jen.Err().Op("!=").Nil()).Block(jen.Comment("not a nil Signal in a non-nil interface"), jen.Return(jen.Nil(), jen.Nil(), jen.Err())),
		jen.Return(jen.Id("sig"), jen.Id("unknown"), jen.Nil()),
	).Line()
	return g
}

// emitSignalInterface declares Signal, named after the frame's key:
//
//	type Signal interface {
//		SignalName() string
//		S() int
//		Known() bool
//		RawJSON() []byte
//		AppendJSON(b []byte) []byte
//		MarshalJSON() ([]byte, error)
//		decodeSignal(d *wireimpl.Decoder) error
//		setSource(raw string, rec *wireimpl.Recovery)
//	}
func emitSignalInterface(m *Model) jen.Code {
	sigs := m.Signals
	key := sigs.Key.JSONName
	g := jen.Commentf("Signal is one decoded %s frame, told apart by its %q: a pointer to one", m.Platform, key).Line()
	g.Commentf("of the signal types of this package, *EventSignal for an event frame (%s=%d),", key, sigs.Event).Line()
	g.Commentf("or *UnknownSignal for a frame whose %q the schema does not know.", key).Line()
	g.Type().Id("Signal").Interface(
		jen.Comment("SignalName is the signal's name, as `eventbind decode` prints it: "+fmt.Sprintf("%q", eventSignalName)),
		jen.Comment(fmt.Sprintf("for an event frame, %q for an unknown one.", unknownSignalPrefix+"<"+key+">")),
		jen.Id("SignalName").Params().String(),
		jen.Comment(fmt.Sprintf("%s is the frame's %q.", sigs.Method, key)),
		jen.Id(sigs.Method).Params().Int(),
		jen.Comment("Known is false for *UnknownSignal."),
		jen.Id("Known").Params().Bool(),
		jen.Comment("RawJSON returns a copy of the bytes the signal was decoded from."),
		jen.Id("RawJSON").Params().Index().Byte(),
		jen.Comment("AppendJSON appends the signal's JSON encoding to b."),
		jen.Id("AppendJSON").Params(jen.Id("b").Index().Byte()).Index().Byte(),
		jen.Id("MarshalJSON").Params().Params(jen.Index().Byte(), jen.Error()),
		jen.Line(),
		jen.Id("decodeSignal").Params(decoderParam()).Error(),
		jen.Id("setSource").Params(jen.Id("raw").String(), jen.Id("rec").Op("*").Add(wire("Recovery"))),
	).Line()
	return g
}

// signalMethods are the Signal methods that only report what the signal is.
//
//	func (x *HelloSignal) SignalName() string { return "hello" }
//	func (x *HelloSignal) S() int             { return 1 }
//	func (x *HelloSignal) Known() bool        { return true }
func signalMethods(m *Model, goName string, name, value, known jen.Code) jen.Code {
	recv := jen.Id("x").Op("*").Id(goName)
	g := jen.Var().Id("_").Id("Signal").Op("=").Parens(jen.Op("*").Id(goName)).Parens(jen.Nil()).Line().Line()
	g.Comment("SignalName implements Signal.").Line()
	g.Func().Params(recv.Clone()).Id("SignalName").Params().String().Block(jen.Return(name)).Line().Line()
	g.Comment(m.Signals.Method + " implements Signal.").Line()
	g.Func().Params(recv.Clone()).Id(m.Signals.Method).Params().Int().Block(jen.Return(value)).Line().Line()
	g.Comment("Known implements Signal.").Line()
	g.Func().Params(recv.Clone()).Id("Known").Params().Bool().Block(jen.Return(known)).Line().Line()
	return g
}

// rawMethods are RawJSON and setSource of a type that keeps its input in raw.
//
//	func (x *HelloSignal) RawJSON() []byte { return []byte(x.raw) }
//	func (x *HelloSignal) setSource(raw string, _ *wireimpl.Recovery) { x.raw = raw }
func rawMethods(goName string) jen.Code {
	recv := func() *jen.Statement { return jen.Id("x").Op("*").Id(goName) }
	g := jen.Comment("RawJSON implements Signal.").Line()
	g.Func().Params(recv()).Id("RawJSON").Params().Index().Byte().Block(
		jen.Return(jen.Index().Byte().Parens(jen.Id("x").Dot("raw"))),
	).Line().Line()
	g.Func().Params(recv()).Id("setSource").Params(jen.Id("raw").String(), jen.Id("_").Op("*").Add(wire("Recovery"))).Block(
		jen.Id("x").Dot("raw").Op("=").Id("raw"),
	).Line()
	return g
}

// emitDecodeSignal emits DecodeSignal and the method DecodeSignal of
// DecodeOptions, on which it is built: the key is read ahead where it
// stands, then the frame is decoded in one pass into the signal type it names.
//
//	func DecodeSignal(data []byte) (Signal, error) {
//		sig, _, err := DecodeOptions{}.DecodeSignal(data)
//		return sig, err
//	}
//
//	// decodeSignalWith:
//	k, err := d.LookAheadInt("s")
//	var sig Signal
//	switch k {
//	case 0:
//		sig = new(EventSignal)
//	case 1:
//		sig = new(HelloSignal)
//	default:
//		sig = &UnknownSignal{s: int(k)}
//	}
//	err := sig.decodeSignal(d)
func emitDecodeSignal(m *Model) jen.Code {
	sigs := m.Signals
	key := sigs.Key.JSONName
	fail := jen.Return(jen.Nil(), jen.Nil(), jen.Err())
	g := jen.Commentf("DecodeSignal decodes one whole %s frame of any kind, told apart by its %q.", m.Platform, key).Line()
	g.Commentf("An event frame (%s=%d) decodes to *EventSignal, whose Event is what Decode", key, sigs.Event).Line()
	g.Commentf("gives for the same frame; a frame whose %q the schema does not know", key).Line()
	g.Comment("decodes to *UnknownSignal, which keeps it whole. Members the schema does not").Line()
	g.Comment("model are kept in UnknownFields. Errors name the JSON path (or the offset),").Line()
	g.Comment("and come without a signal. The signal does not alias data.").Line()
	g.Comment("DecodeOptions.DecodeSignal decodes with options.").Line()
	g.Func().Id("DecodeSignal").Params(jen.Id("data").Index().Byte()).Params(jen.Id("Signal"), jen.Error()).Block(
		jen.List(jen.Id("sig"), jen.Id("_"), jen.Err()).Op(":=").Id("DecodeOptions").Values().Dot("DecodeSignal").Call(jen.Id("data")),
		jen.Return(jen.Id("sig"), jen.Err()),
	).Line().Line()
	g.Comment("DecodeSignal decodes one frame as the function DecodeSignal does, with the").Line()
	g.Comment("options o. The unknown paths are nil unless o.ReportUnknown is set. o.Recover").Line()
	g.Comment("recovers the event of an event frame; other signals decode whole or not at all.").Line()
	g.Func().Params(jen.Id("o").Id("DecodeOptions")).Id("DecodeSignal").Params(jen.Id("data").Index().Byte()).Params(jen.Id("Signal"), jen.Index().String(), jen.Error()).Block(
		jen.List(jen.Id("sig"), jen.Id("unknown"), jen.Err()).Op(":=").Id("decodeSignalWith").Call(jen.Id("data"), jen.Id("o"), jen.Nil()),
		jen.If(jen.Err().Op("!=").Nil().Op("&&").Id("o").Dot("Recover")).Block(
			jen.Return(jen.Id("recoverWith").Call(jen.Id("data"), jen.Id("o"), jen.Err(), jen.Id("decodeSignalWith"))),
		),
		jen.Return(jen.Id("sig"), jen.Id("unknown"), jen.Err()),
	).Line().Line()
	g.Comment("decodeSignalWith is DecodeOptions.DecodeSignal in one pass, as decodeWith is").Line()
	g.Comment("DecodeOptions.Decode.").Line()
	g.Func().Id("decodeSignalWith").Params(jen.Id("data").Index().Byte(), jen.Id("opts").Id("DecodeOptions"), jen.Id("rec").Op("*").Add(wire("Recovery"))).Params(jen.Id("Signal"), jen.Index().String(), jen.Error()).BlockFunc(func(b *jen.Group) {
		signalPrologue(b)
		b.List(jen.Id("k"), jen.Err()).Op(":=").Id("d").Dot("LookAheadInt").Call(jen.Lit(key))
		b.If(jen.Err().Op("!=").Nil()).Block(fail)
		b.Var().Id("sig").Id("Signal")
		b.Switch(jen.Id("k")).BlockFunc(func(s *jen.Group) {
			s.Case(jen.Lit(int(sigs.Event))).Block(jen.Id("sig").Op("=").New(jen.Id("EventSignal")))
			for _, sg := range sigs.List {
				s.Case(jen.Lit(int(sg.Value))).Block(jen.Id("sig").Op("=").New(jen.Id(sg.GoName)))
			}
			s.Default().Block(jen.Id("sig").Op("=").Op("&").Id("UnknownSignal").Values(jen.Dict{jen.Id(sigs.UnknownField): jen.Int().Call(jen.Id("k"))}))
		})
		b.If(jen.Err().Op(":=").Id("sig").Dot("decodeSignal").Call(jen.Id("d")), jen.Err().Op("!=").Nil()).Block(fail)
		b.If(jen.Err().Op(":=").Id("d").Dot("End").Call(), jen.Err().Op("!=").Nil()).Block(fail)
		b.If(jen.List(jen.Id("_"), jen.Id("isEvent")).Op(":=").Id("sig").Assert(jen.Op("*").Id("EventSignal")), jen.Op("!").Id("isEvent").Op("&&").Len(jen.Id("rec").Dot("Problems").Call()).Op(">").Lit(0)).Block(
			jen.Comment("Only an event keeps what was skipped, to re-encode it."),
			jen.Return(jen.Nil(), jen.Nil(), jen.Id("rec").Dot("Err").Call()),
		)
		b.Id("sig").Dot("setSource").Call(jen.Id("src"), jen.Id("rec"))
		b.Return(jen.Id("sig"), jen.Id("d").Dot("UnknownPaths").Call(), jen.Nil())
	}).Line()
	return g
}

// emitSignalDecode emits decodeSignal of a signal: the frame member by
// member, the key checked against the signal's value (a duplicate key must
// not make it re-encode as another signal).
//
//	func (x *HelloSignal) decodeSignal(d *wireimpl.Decoder) error {
//		... for each key: case "s": the value must be 1; case "d": x.D.decode(d) ...
//		default: d.UnknownField(&x.UnknownFields, key)
//	}
func emitSignalDecode(m *Model, sg *Signal) jen.Code {
	sigs := m.Signals
	key := sigs.Key
	o := sg.Object
	required := requiredBits(append([]*Field{key}, o.Fields...))
	return jen.Func().Params(jen.Id("x").Op("*").Id(o.GoName)).Id("decodeSignal").Params(decoderParam()).Error().BlockFunc(func(b *jen.Group) {
		b.Add(callErr(jen.Id("d").Dot("ObjectStart").Call(), returnErr))
		b.Var().Id("seen").Uint64()
		b.Var().Id("sig").Int()
		b.For().BlockFunc(func(lb *jen.Group) {
			lb.List(jen.Id("key"), jen.Id("more"), jen.Err()).Op(":=").Id("d").Dot("NextKey").Call()
			lb.Add(returnIfErr())
			lb.If(jen.Op("!").Id("more")).Block(jen.Break())
			lb.Switch(jen.Id("key")).BlockFunc(func(s *jen.Group) {
				s.Case(jen.Lit(key.JSONName)).BlockFunc(func(cb *jen.Group) {
					cb.Id("seen").Op("|=").Lit(1).Op("<<").Lit(0)
					decodeField(cb, jen.Id("sig"), key, wireSlots{}, returnErr)
				})
				memberCases(s, o.Fields, required, jen.Id("seen"), returnErr)
				s.Default().Block(unknownMember(m))
			})
			lb.Add(returnIfErr())
		})
		checkRequired(b, required, jen.Id("seen"), returnErr)
		b.If(jen.Id("sig").Op("!=").Lit(int(sg.Value))).Block(
			jen.Return(jen.Id("d").Dot("Conflict").Call(jen.Lit(key.JSONName))),
		)
		b.Return(jen.Nil())
	}).Line()
}

// emitSignalAppend emits AppendJSON and MarshalJSON of a signal: the key with
// the signal's value first, then the fields and the members kept unmodelled.
//
//	func (x *HelloSignal) AppendJSON(b []byte) []byte {
//		b = append(b, `{"s":1,"d":`...)
//		b = x.D.AppendJSON(b)
//		b = wireimpl.AppendUnknown(b, x.UnknownFields)
//		return append(b, '}')
//	}
func emitSignalAppend(m *Model, sg *Signal) jen.Code {
	o := sg.Object
	g := jen.Comment("AppendJSON implements Signal.").Line()
	g.Func().Params(jen.Id("x").Op("*").Id(o.GoName)).Id("AppendJSON").Params(jen.Id("b").Index().Byte()).Index().Byte().BlockFunc(func(b *jen.Group) {
		// The key and its value are known in advance: one literal.
		key, _ := json.Marshal(m.Signals.Key.JSONName)
		b.Id("b").Op("=").Append(jen.Id("b"), jen.Lit("{"+string(key)+":"+strconv.FormatInt(sg.Value, 10)).Op("..."))
		appendFields(b, jen.Id("x"), o.Fields, surelyWritten, nil)
		b.Add(appendKept("UnknownFields"))
		if m.Extensions != nil {
			b.Add(appendKept("Extensions"))
		}
		b.Return(jen.Append(jen.Id("b"), jen.LitRune('}')))
	}).Line()
	g.Add(emitMarshal(o.GoName))
	return g
}

// emitEventSignal declares EventSignal: an event frame, decoded as Decode
// decodes a frame.
//
//	type EventSignal struct {
//		Event Event
//		frame Frame
//	}
func emitEventSignal(m *Model) jen.Code {
	sigs := m.Signals
	key := sigs.Key
	g := jen.Commentf("EventSignal is an event frame (%s=%d). Event is what Decode gives for the", key.JSONName, sigs.Event).Line()
	g.Comment("same frame, with its Frame set.").Line()
	g.Type().Id("EventSignal").Struct(
		jen.Comment("Event is the frame's event."),
		jen.Id("Event").Id("Event"),
		jen.Line(),
		jen.Id("frame").Id("Frame"),
	).Line()
	g.Add(signalMethods(m, "EventSignal", jen.Lit(eventSignalName), jen.Lit(int(sigs.Event)), jen.True()))
	recv := func() *jen.Statement { return jen.Id("x").Op("*").Id("EventSignal") }
	g.Comment("RawJSON implements Signal.").Line()
	g.Func().Params(recv()).Id("RawJSON").Params().Index().Byte().Block(
		jen.If(jen.Id("x").Dot("Event").Op("==").Nil()).Block(jen.Return(jen.Nil())),
		jen.Return(jen.Id("x").Dot("Event").Dot("RawJSON").Call()),
	).Line().Line()
	g.Comment("AppendJSON implements Signal: the event's frame (null for a nil Event).").Line()
	g.Func().Params(recv()).Id("AppendJSON").Params(jen.Id("b").Index().Byte()).Index().Byte().Block(
		jen.If(jen.Id("x").Dot("Event").Op("==").Nil()).Block(jen.Return(jen.Append(jen.Id("b"), jen.Lit("null").Op("...")))),
		jen.Return(jen.Id("x").Dot("Event").Dot("AppendJSON").Call(jen.Id("b"))),
	).Line()
	g.Add(emitMarshal("EventSignal")).Line()
	g.Func().Params(recv()).Id("decodeSignal").Params(decoderParam()).Error().Block(
		jen.List(jen.Id("ev"), jen.Err()).Op(":=").Id("x").Dot("frame").Dot("decode").Call(jen.Id("d")),
		returnIfErr(),
		jen.Comment("A duplicate key must not make the frame re-encode as another signal."),
		jen.If(jen.Id("x").Dot("frame").Dot(key.GoName).Op("!=").Lit(int(sigs.Event))).Block(
			jen.Return(jen.Id("d").Dot("Conflict").Call(jen.Lit(key.JSONName))),
		),
		jen.Id("x").Dot("Event").Op("=").Id("ev"),
		jen.Return(jen.Nil()),
	).Line().Line()
	g.Func().Params(recv()).Id("setSource").Params(jen.Id("raw").String(), jen.Id("rec").Op("*").Add(wire("Recovery"))).Block(
		jen.Id("x").Dot("Event").Dot("setFrame").Call(jen.Id("x").Dot("frame")),
		jen.Id("x").Dot("Event").Dot("setSource").Call(jen.Id("raw"), jen.Id("rec")),
	).Line()
	return g
}

// emitUnknownSignal declares the value for frames whose key the schema does
// not know.
//
//	type UnknownSignal struct {
//		Raw jsonwire.Raw // the frame, verbatim
//		s   int
//		raw string
//	}
func emitUnknownSignal(m *Model, key string) jen.Code {
	field := m.Signals.UnknownField
	g := jen.Commentf("UnknownSignal is a frame whose %q the schema does not know. It keeps the frame", key).Line()
	g.Comment("whole, so re-encoding gives back what was decoded.").Line()
	g.Type().Id("UnknownSignal").Struct(
		jen.Comment("Raw is the frame, verbatim."),
		jen.Id("Raw").Add(wire("Raw")),
		jen.Line(),
		jen.Id(field).Int(),
		jen.Id("raw").String(),
	).Line()
	g.Add(signalMethods(m, "UnknownSignal",
		jen.Lit(unknownSignalPrefix).Op("+").Qual("strconv", "Itoa").Call(jen.Id("x").Dot(field)),
		jen.Id("x").Dot(field), jen.False()))
	recv := func() *jen.Statement { return jen.Id("x").Op("*").Id("UnknownSignal") }
	g.Add(rawMethods("UnknownSignal")).Line()
	g.Comment("AppendJSON implements Signal: the frame verbatim.").Line()
	g.Func().Params(recv()).Id("AppendJSON").Params(jen.Id("b").Index().Byte()).Index().Byte().Block(
		jen.Return(wire("AppendRaw").Call(jen.Id("b"), jen.Id("x").Dot("Raw"))),
	).Line()
	g.Add(emitMarshal("UnknownSignal")).Line()
	g.Comment("decodeSignal validates the frame member by member, so that an error names").Line()
	g.Comment("the member, and keeps it verbatim.").Line()
	g.Func().Params(recv()).Id("decodeSignal").Params(decoderParam()).Error().BlockFunc(func(b *jen.Group) {
		b.Id("mark").Op(":=").Id("d").Dot("Mark").Call()
		b.Add(callErr(jen.Id("d").Dot("ObjectStart").Call(), returnErr))
		b.For().Block(
			jen.List(jen.Id("_"), jen.Id("more"), jen.Err()).Op(":=").Id("d").Dot("NextKey").Call(),
			returnIfErr(),
			jen.If(jen.Op("!").Id("more")).Block(jen.Break()),
			callErr(jen.Id("d").Dot("Skip").Call(), returnErr),
		)
		b.Id("x").Dot("Raw").Op("=").Id("d").Dot("Since").Call(jen.Id("mark"))
		b.Return(jen.Nil())
	}).Line()
	return g
}

// emitAccessor writes an accessor: the first non-empty of its members.
//
//	// SessionID returns ...: d.session_id, else d.sessionId; "" when neither came.
//	func (x *HelloSignal) SessionID() string {
//		if v := x.D.SessionID.Or(""); v != "" {
//			return v
//		}
//		if v := x.D.LegacySessionID.Or(""); v != "" {
//			return v
//		}
//		return ""
//	}
func emitAccessor(m *Model, recvType string, a *Accessor) jen.Code {
	var paths []string
	for _, p := range a.FirstOf {
		var names []string
		for _, f := range p {
			names = append(names, f.JSONName)
		}
		paths = append(paths, strings.Join(names, "."))
	}
	lead := fmt.Sprintf("%s returns the first of %s that came and is not empty; \"\" when none did.", a.GoName, strings.Join(paths, ", "))
	g := jen.Line().Add(docCommentLead(m, lead, a.GoName, a.Doc)).Line()
	g.Func().Params(jen.Id("x").Op("*").Id(recvType)).Id(a.GoName).Params().String().BlockFunc(func(b *jen.Group) {
		for _, p := range a.FirstOf {
			v := jen.Id("x")
			for _, f := range p {
				v = v.Dot(f.GoName)
			}
			if p[len(p)-1].Optional {
				v = v.Dot("Or").Call(jen.Lit(""))
			}
			b.If(jen.Id("v").Op(":=").Add(v), jen.Id("v").Op("!=").Lit("")).Block(jen.Return(jen.Id("v")))
		}
		b.Return(jen.Lit(""))
	})
	return g
}
