package gen

import (
	"slices"

	"github.com/dave/jennifer/jen"
)

// An event's type is known only once its discriminators have been read, and
// JSON does not promise they come first. decodeArriving reads the payload's
// members in order into local variables (the members every family's base
// has), reading each discriminator as it arrives; as soon as they name an
// event, it allocates the event, hands it the members read so far and lets
// the event's decodeRest go on from there. Each byte is then read once.
//
// Whatever it cannot settle this way it leaves to the slow path, which
// rewinds and picks the event with a look-ahead (newEvent): a member that is
// not a base member coming before the discriminators, a discriminator given
// twice, an unknown event, malformed input. The slow path then gives the
// same errors and results as ever, so both paths agree on everything.

// headField is a member decodeArriving keeps in a local variable.
type headField struct {
	*Field
	bit int // its bit in the seen mask
}

// arrival is what decodeArriving needs from the model.
type arrival struct {
	head   []*headField
	byName map[string]*headField
	// heads are the first members of discriminator paths longer than one
	// member (KOOK's "extra" of extra.type): reaching one, decodeArriving
	// reads the rest of the path with a look-ahead into its value.
	heads []string
}

// planArrival collects the base members of every family, in order, keeping
// a member only when all the bases that have it give it the same type. It
// returns nil when the discriminators do not allow decoding on arrival: one
// of them is not such a member, or may be absent or null.
func planArrival(m *Model) *arrival {
	if m.Dispatch == nil {
		return nil
	}
	var fields []*Field // the first of each name, in order
	first := map[string]*Field{}
	clash := map[string]bool{}
	for _, fam := range m.Families {
		if fam.Base == nil {
			continue
		}
		for _, f := range fam.Base.Fields {
			if g := first[f.JSONName]; g != nil {
				if !g.sameShape(f) {
					clash[f.JSONName] = true
				}
				continue
			}
			first[f.JSONName] = f
			fields = append(fields, f)
		}
	}
	a := &arrival{byName: map[string]*headField{}}
	for _, f := range fields {
		if !clash[f.JSONName] {
			h := &headField{Field: f, bit: len(a.head)}
			a.head = append(a.head, h)
			a.byName[f.JSONName] = h
		}
	}
	if len(a.head) > 64 {
		return nil // the seen mask is one word
	}
	ok := true
	var walk func(n *DispatchNode)
	walk = func(n *DispatchNode) {
		if n.Where {
			return // settled from the head when it can be, else left to the slow path
		}
		p := n.Key.Path
		if len(p) == 1 {
			h := a.byName[p[0]]
			if h == nil || h.Optional || h.Nullable {
				ok = false
			}
		} else {
			if a.byName[p[0]] != nil {
				ok = false // a base member holding a discriminator: left to the slow path
			}
			if !slices.Contains(a.heads, p[0]) {
				a.heads = append(a.heads, p[0])
			}
		}
		for _, c := range n.Cases {
			if c.Next != nil {
				walk(c.Next)
			}
		}
	}
	walk(m.Dispatch)
	if !ok {
		return nil
	}
	return a
}

// emitDecodeEvent emits decodeEvent, which decodes the payload at the cursor
// into its event, and decodeArriving, its fast path.
//
//	func decodeEvent(d *wireimpl.Decoder) (Event, error) {
//		at := d.Checkpoint()
//		if ev, err := decodeArriving(d); ev != nil {
//			return ev, err
//		}
//		d.Rewind(at)
//		return decodeLookingAhead(d)
//	}
func emitDecodeEvent(m *Model) jen.Code {
	a := planArrival(m)
	g := jen.Comment("decodeEvent decodes the payload at the cursor into the event its discriminators").Line()
	g.Comment("name. It reads them as they arrive (decodeArriving); when that does not settle").Line()
	g.Comment("the event, it goes back and takes decodeLookingAhead.").Line()
	g.Func().Id("decodeEvent").Params(decoderParam()).Params(jen.Id("Event"), jen.Error()).BlockFunc(func(b *jen.Group) {
		if a != nil {
			b.Id("at").Op(":=").Id("d").Dot("Checkpoint").Call()
			b.If(jen.List(jen.Id("ev"), jen.Err()).Op(":=").Id("decodeArriving").Call(jen.Id("d")), jen.Id("ev").Op("!=").Nil()).Block(
				jen.Return(jen.Id("ev"), jen.Err()),
			)
			b.Id("d").Dot("Rewind").Call(jen.Id("at"))
		}
		b.Return(jen.Id("decodeLookingAhead").Call(jen.Id("d")))
	}).Line()
	g.Comment("decodeLookingAhead picks the event with a look-ahead at its discriminators,").Line()
	g.Comment("then decodes the payload into it: the slow path, for every payload.").Line()
	g.Func().Id("decodeLookingAhead").Params(decoderParam()).Params(jen.Id("Event"), jen.Error()).Block(
		jen.List(jen.Id("ev"), jen.Err()).Op(":=").Id("newEvent").Call(jen.Id("d")),
		jen.If(jen.Err().Op("!=").Nil()).Block(jen.Return(jen.Nil(), jen.Err())),
		jen.Return(jen.Id("ev"), jen.Id("ev").Dot("decodePayload").Call(jen.Id("d"))),
	).Line()
	if a != nil {
		g.Add(emitHead(m, a))
		g.Add(emitDecodeArriving(m, a))
	}
	return g
}

// emitHead emits eventHead, which holds what decodeArriving has read, and
// for each base its settle method.
//
//	type eventHead struct {
//		ChannelType ChannelType // ... each base member
//		seen        uint64
//		key         string
//		more, pending bool
//	}
func emitHead(m *Model, a *arrival) jen.Code {
	g := jen.Comment("eventHead is what decodeArriving has read of a payload while the event is not").Line()
	g.Comment("known yet: the base members, and the member it stopped at.").Line()
	g.Type().Id("eventHead").StructFunc(func(sg *jen.Group) {
		for _, h := range a.head {
			sg.Id(h.GoName).Add(goType(h.Field))
		}
		var fields []*Field
		for _, h := range a.head {
			fields = append(fields, h.Field)
		}
		if wire := wireStruct(fields); wire != nil {
			sg.Id("wire").Add(wire).Comment("the forms the members above came in")
		}
		sg.Id("seen").Uint64().Comment("the members above that came, one bit each in order")
		sg.Id("key").String().Comment("the member being read")
		sg.Id("more").Bool().Comment("false: the object has ended")
		sg.Id("pending").Bool().Comment("key's value is still to read: it holds a discriminator further in")
	}).Line().Line()
	g.Comment("restDecoder is an event that can decode the rest of its payload.").Line()
	g.Type().Id("restDecoder").Interface(
		jen.Id("Event"),
		jen.Id("decodeRest").Params(decoderParam(), jen.Id("key").String(), jen.Id("more").Bool(), jen.Id("baseSeen").Uint64()).Error(),
	).Line().Line()
	var bases []*Object
	for _, ev := range m.Events {
		if b := ev.Payload.Base; b != nil && !slices.Contains(bases, b) {
			bases = append(bases, b)
		}
	}
	for _, base := range bases {
		g.Add(emitSettle(a, base))
	}
	return g
}

// settleMethod names the method that hands the head to an event with base.
func settleMethod(base *Object) string { return "settle" + base.GoName }

// emitSettle emits the method that hands the head to an event whose base is
// base (x, inside ev) and has ev decode the rest of the payload. A head member
// the base lacks leaves the payload to the slow path.
//
//	func (h *eventHead) settleEventData(d *wireimpl.Decoder, ev restDecoder, x *EventData) (Event, error) {
//		x.ChannelType = h.ChannelType // ... each member the head holds
//		...
//		return ev, ev.decodeRest(d, h.key, h.more, baseSeen)
//	}
func emitSettle(a *arrival, base *Object) jen.Code {
	giveUp := jen.Return(jen.Nil(), jen.Nil())
	var mask uint64
	full := uint64(1)<<len(a.head) - 1
	for _, f := range base.Fields {
		if h := a.byName[f.JSONName]; h != nil {
			mask |= 1 << h.bit
		}
	}
	g := jen.Commentf("%s hands the head to ev, whose %s is x, and has ev decode the rest.", settleMethod(base), base.GoName).Line()
	g.Func().Params(jen.Id("h").Op("*").Id("eventHead")).Id(settleMethod(base)).Params(decoderParam(), jen.Id("ev").Id("restDecoder"), jen.Id("x").Op("*").Id(base.GoName)).Params(jen.Id("Event"), jen.Error()).BlockFunc(func(b *jen.Group) {
		if mask != full {
			b.If(jen.Id("h").Dot("seen").Op("&^").Lit(mask).Op("!=").Lit(0)).Block(giveUp)
		}
		for _, f := range base.Fields {
			if h := a.byName[f.JSONName]; h != nil {
				b.Id("x").Dot(f.GoName).Op("=").Id("h").Dot(h.GoName)
				if f.WireName != "" {
					b.Id("x").Dot("wire").Dot(f.WireName).Op("=").Id("h").Dot("wire").Dot(h.WireName)
				}
				if f.WireItemsName != "" {
					b.Id("x").Dot("wire").Dot(f.WireItemsName).Op("=").Id("h").Dot("wire").Dot(h.WireItemsName)
				}
			}
		}
		b.Var().Id("baseSeen").Uint64()
		for i, name := range requiredBits(base.Fields) {
			if h := a.byName[name]; h != nil {
				b.If(jen.Id("h").Dot("seen").Op("&").Parens(jen.Lit(1).Op("<<").Lit(h.bit)).Op("!=").Lit(0)).Block(
					jen.Id("baseSeen").Op("|=").Lit(1).Op("<<").Lit(i),
				)
			}
		}
		b.If(jen.Op("!").Id("h").Dot("pending")).Block(
			jen.List(jen.Id("key"), jen.Id("more"), jen.Err()).Op(":=").Id("d").Dot("NextKey").Call(),
			jen.If(jen.Err().Op("!=").Nil()).Block(jen.Return(jen.Id("ev"), jen.Err())),
			jen.List(jen.Id("h").Dot("key"), jen.Id("h").Dot("more")).Op("=").List(jen.Id("key"), jen.Id("more")),
		)
		b.Return(jen.Id("ev"), jen.Id("ev").Dot("decodeRest").Call(jen.Id("d"), jen.Id("h").Dot("key"), jen.Id("h").Dot("more"), jen.Id("baseSeen")))
	}).Line()
	return g
}

// emitDecodeArriving emits decodeArriving. It returns a nil event, and no
// error, for everything it leaves to the slow path.
//
//	for {
//		switch h.key {
//		case "channel_type":
//			h.seen |= 1 << 0
//			h.ChannelType, err = d.String()
//			...
//		}
//		// once a discriminator settles the event:
//		return h.settleEventData(d, ev, &ev.EventData)
//	}
func emitDecodeArriving(m *Model, a *arrival) jen.Code {
	giveUp := jen.Return(jen.Nil(), jen.Nil())
	g := jen.Comment("decodeArriving decodes the payload at the cursor reading its discriminators as").Line()
	g.Comment("they arrive: the base members before them go into the head, handed to the").Line()
	g.Comment("event once they name it. It returns no event, and no error, when the payload").Line()
	g.Comment("needs the slow path (see decodeEvent).").Line()
	g.Func().Id("decodeArriving").Params(decoderParam()).Params(jen.Id("Event"), jen.Error()).BlockFunc(func(b *jen.Group) {
		b.If(jen.Id("d").Dot("ObjectStart").Call().Op("!=").Nil()).Block(giveUp)
		b.Var().Id("h").Id("eventHead")
		b.Var().Err().Error()
		b.List(jen.Id("h").Dot("key"), jen.Id("h").Dot("more"), jen.Err()).Op("=").Id("d").Dot("NextKey").Call()
		b.For().BlockFunc(func(lb *jen.Group) {
			lb.If(jen.Err().Op("!=").Nil().Op("||").Op("!").Id("h").Dot("more")).Block(giveUp)
			lb.Switch(jen.Id("h").Dot("key")).BlockFunc(func(s *jen.Group) {
				for _, h := range a.head {
					s.Case(jen.Lit(h.JSONName)).BlockFunc(func(cb *jen.Group) {
						if isDiscriminator(m.Dispatch, h.JSONName) {
							cb.Comment("Given twice, it is for the slow path to say which counts.")
							cb.If(jen.Id("h").Dot("seen").Op("&").Parens(jen.Lit(1).Op("<<").Lit(h.bit)).Op("!=").Lit(0)).Block(giveUp)
						}
						cb.Id("h").Dot("seen").Op("|=").Lit(1).Op("<<").Lit(h.bit)
						decodeMember(cb, jen.Id("h"), h.Field, func(jen.Code) jen.Code { return giveUp })
						cb.If(jen.Err().Op("!=").Nil()).Block(giveUp)
					})
				}
				if len(a.heads) > 0 {
					var heads []jen.Code
					for _, h := range a.heads {
						heads = append(heads, jen.Lit(h))
					}
					s.Case(heads...).Block(jen.Id("h").Dot("pending").Op("=").True())
				}
				s.Default().Block(giveUp)
			})
			emitArrivalNode(lb, m, a, m.Dispatch, 0)
			lb.If(jen.Id("h").Dot("pending")).Block(
				jen.Comment("Its discriminator did not settle the event here."),
				giveUp,
			)
			lb.List(jen.Id("h").Dot("key"), jen.Id("h").Dot("more"), jen.Err()).Op("=").Id("d").Dot("NextKey").Call()
		})
	}).Line()
	return g
}

// isDiscriminator reports whether a one-member discriminator path is name.
func isDiscriminator(n *DispatchNode, name string) bool {
	if len(n.Key.Path) == 1 && n.Key.Path[0] == name {
		return true
	}
	for _, c := range n.Cases {
		if c.Next != nil && isDiscriminator(c.Next, name) {
			return true
		}
	}
	return false
}

// emitArrivalNode emits the test of one dispatch level against what has
// arrived: nothing happens while its discriminator has not come; a known
// value goes on to the next level or settles the event; any other value is
// for the slow path (an unknown event keeps its payload verbatim, which only
// the slow path does).
//
// A where level is settled only from a head member that every variant's
// base has; until it arrives nothing happens (the loop reads on), and a
// longer path is for the slow path:
//
//	if h.seen&(1<<0) != 0 {
//		switch h.ChannelType {
//		case "PERSON":
//			ev := new(UpdatedGuildSelf)
//			return h.settleEventData(d, ev, &ev.EventData)
//		default:
//			ev := new(UpdatedGuild)
//			return h.settleEventData(d, ev, &ev.EventData)
//		}
//	}
func emitArrivalNode(b *jen.Group, m *Model, a *arrival, n *DispatchNode, level int) {
	giveUp := jen.Return(jen.Nil(), jen.Nil())
	p := n.Key.Path
	settle := func(cb *jen.Group, ev *Event) {
		base := ev.Payload.Base
		if base == nil {
			cb.Add(giveUp)
			return
		}
		cb.Id("ev").Op(":=").Add(fromSlab(ev.GoName)).Dot("New").Call()
		cb.Return(jen.Id("h").Dot(settleMethod(base)).Call(jen.Id("d"), jen.Id("ev"), jen.Op("&").Id("ev").Dot(base.GoName)))
	}
	if n.Where {
		h := whereHead(a, n)
		if h == nil {
			b.Add(giveUp)
			return
		}
		b.If(jen.Id("h").Dot("seen").Op("&").Parens(jen.Lit(1).Op("<<").Lit(h.bit)).Op("!=").Lit(0)).Block(
			jen.Switch(jen.Id("h").Dot(h.GoName)).BlockFunc(func(s *jen.Group) {
				for _, c := range n.Cases {
					lit := jen.Lit(c.Value.Str)
					if !n.Key.IsString {
						lit = jen.Lit(int(c.Value.Int))
					}
					s.Case(lit).BlockFunc(func(cb *jen.Group) { settle(cb, c.Event) })
				}
				s.Default().BlockFunc(func(db *jen.Group) {
					if n.Default == nil {
						db.Add(giveUp) // an unknown event
						return
					}
					settle(db, n.Default)
				})
			}),
		)
		return
	}
	cases := func(s *jen.Group) {
		for _, c := range n.Cases {
			lit := jen.Lit(c.Value.Str)
			if !n.Key.IsString {
				lit = jen.Lit(int(c.Value.Int))
			}
			s.Case(lit).BlockFunc(func(cb *jen.Group) {
				if c.Event == nil {
					emitArrivalNode(cb, m, a, c.Next, level+1)
					return
				}
				settle(cb, c.Event)
			})
		}
		s.Default().Block(giveUp)
	}
	if len(p) == 1 {
		h := a.byName[p[0]]
		b.If(jen.Id("h").Dot("seen").Op("&").Parens(jen.Lit(1).Op("<<").Lit(h.bit)).Op("!=").Lit(0)).Block(
			jen.Switch(jen.Id("h").Dot(h.GoName)).BlockFunc(cases),
		)
		return
	}
	k := keyVar(level)
	fn := "LookAheadInt"
	if n.Key.IsString {
		fn = "LookAheadString"
	}
	var rest []jen.Code
	for _, seg := range p[1:] {
		rest = append(rest, jen.Lit(seg))
	}
	b.If(jen.Id("h").Dot("key").Op("==").Lit(p[0])).Block(
		jen.List(jen.Id(k), jen.Err()).Op(":=").Id("d").Dot(fn).Call(rest...),
		jen.If(jen.Err().Op("!=").Nil()).Block(giveUp),
		jen.Switch(jen.Id(k)).BlockFunc(cases),
	)
}

// whereHead returns the head member that settles a where level: a
// one-member path that every variant's base has, required, non-null and of
// the head's type; nil when there is none.
func whereHead(a *arrival, n *DispatchNode) *headField {
	if len(n.Key.Path) != 1 {
		return nil
	}
	h := a.byName[n.Key.Path[0]]
	if h == nil || h.Optional || h.Nullable {
		return nil
	}
	evs := []*Event{}
	if n.Default != nil {
		evs = append(evs, n.Default)
	}
	for _, c := range n.Cases {
		evs = append(evs, c.Event)
	}
	for _, ev := range evs {
		base := ev.Payload.Base
		if base == nil {
			return nil
		}
		f := base.field(h.JSONName)
		if f == nil || f.Optional || f.Nullable || !f.sameShape(h.Field) {
			return nil
		}
	}
	return h
}
