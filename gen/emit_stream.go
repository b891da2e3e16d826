package gen

import (
	"fmt"

	"github.com/dave/jennifer/jen"
)

// The stream decoder: a Decoder that decodes frame after frame into memory
// it reuses. Every value decoding allocates (the event, an object held by a
// pointer, a union variant, an array's elements) comes from a wireimpl.Slab
// of the package's arena: a zero Slab allocates as new and make would (the
// one-shot Decode), an enabled one (the stream Decoder's) reuses its memory
// after each frame. The input copy, unescaped strings and verbatim values come
// from the arena's wireimpl.Arena.

// slabKey names the slab that holds values of type t (for a field that is a
// pointer: of what it points to, wrapped in jsonwire.Null when nullable).
func slabKey(t *Type, nullable bool) string {
	k := ""
	switch t.Kind {
	case KindString:
		k = "String"
	case KindInt:
		k = "Int"
	case KindInt64:
		k = "Int64"
	case KindBool:
		k = "Bool"
	case KindFloat:
		k = "Float64"
	case KindRaw:
		k = "Raw"
	case KindEnum:
		k = t.Enum.GoName
	case KindObject:
		k = t.Object.GoName
	case KindUnion:
		k = t.Union.GoName
	case KindArray:
		k = "ListOf" + slabKey(t.Elem, false)
	case KindMap:
		k = "MapOf" + slabKey(t.Elem, false)
	default:
		panic(fmt.Sprintf("unhandled type kind %d", t.Kind))
	}
	if nullable {
		k = "Null" + k
	}
	return k
}

// slabField is the arena's member for slab key k.
func slabField(k string) string { return "s" + k }

// fromSlab is `arenaOf(d).s<key>`.
func fromSlab(key string) *jen.Statement {
	return jen.Id("arenaOf").Call(jen.Id("d")).Dot(slabField(key))
}

// slab is one member of the arena: its key and its type (a wireimpl.Slab,
// or wireimpl.Maps for maps).
type slab struct {
	key string
	typ jen.Code
}

// arenaSlabs lists the slabs the decoders of m take values from, in a stable
// order: the events, the pointers the objects' fields hold, the elements of
// their arrays and maps (Model.Containers), then the union variants.
func arenaSlabs(m *Model) []slab {
	var out []slab
	seen := map[string]bool{}
	add := func(key string, typ jen.Code) {
		if !seen[key] {
			seen[key] = true
			out = append(out, slab{key, wire("Slab").Types(typ)})
		}
	}
	for _, ev := range m.Events {
		add(ev.GoName, jen.Id(ev.GoName))
	}
	add("UnknownEvent", jen.Id("UnknownEvent"))
	for _, o := range m.AllObjects() {
		for _, f := range o.Fields {
			if f.IsPointer() {
				t := valueType(f.Type)
				if f.Nullable {
					t = wire("Null").Types(t)
				}
				add(slabKey(f.Type, f.Nullable), t)
			}
		}
	}
	m.Containers(func(t *Type, _ *Field, _ bool) {
		switch t.Kind {
		case KindArray:
			add(slabKey(t.Elem, false), valueType(t.Elem))
		case KindMap:
			if key := slabKey(t, false); !seen[key] {
				seen[key] = true
				out = append(out, slab{key, wire("Maps").Types(valueType(t.Elem))})
			}
		}
	})
	for _, u := range m.Unions {
		for _, v := range u.Variants {
			add(v.Object.GoName, jen.Id(v.Object.GoName))
		}
	}
	return out
}

// emitStream emits the arena and the stream Decoder.
func emitStream(m *Model) jen.Code {
	slabs := arenaSlabs(m)
	g := jen.Comment("arena is where decoding takes the values it would allocate: the event, the").Line()
	g.Comment("objects held by pointers, union variants, arrays' elements, and (in wire) the").Line()
	g.Comment("input copy and unescaped strings. heapArena's slabs are off: they allocate,").Line()
	g.Comment("as Decode does; a stream Decoder's are on and reuse their memory.").Line()
	g.Type().Id("arena").StructFunc(func(s *jen.Group) {
		s.Id("wire").Add(wire("Arena"))
		s.Id("dec").Add(wire("Decoder"))
		for _, sl := range slabs {
			s.Id(slabField(sl.key)).Add(sl.typ)
		}
	}).Line().Line()
	g.Comment("heapArena is the arena of one-shot decoding: it is never written.").Line()
	g.Var().Id("heapArena").Id("arena").Line().Line()
	g.Comment("arenaOf returns the arena of the stream decoder that drives d, or heapArena.").Line()
	g.Func().Id("arenaOf").Params(decoderParam()).Op("*").Id("arena").Block(
		jen.If(jen.List(jen.Id("a"), jen.Id("ok")).Op(":=").Id("d").Dot("Owner").Assert(jen.Op("*").Id("arena")), jen.Id("ok")).Block(
			jen.Return(jen.Id("a")),
		),
		jen.Return(jen.Op("&").Id("heapArena")),
	).Line().Line()
	g.Comment("enable turns every slab on.").Line()
	g.Func().Params(jen.Id("a").Op("*").Id("arena")).Id("enable").Params().BlockFunc(func(b *jen.Group) {
		for _, sl := range slabs {
			b.Id("a").Dot(slabField(sl.key)).Dot("Enable").Call()
		}
		b.Id("a").Dot("dec").Dot("Owner").Op("=").Id("a")
		b.Id("a").Dot("dec").Dot("UseArena").Call(jen.Op("&").Id("a").Dot("wire"))
	}).Line().Line()
	g.Comment("load takes back everything the arena handed out and copies data into it.").Line()
	g.Func().Params(jen.Id("a").Op("*").Id("arena")).Id("load").Params(jen.Id("data").Index().Byte()).String().BlockFunc(func(b *jen.Group) {
		for _, sl := range slabs {
			b.Id("a").Dot(slabField(sl.key)).Dot("Reset").Call()
		}
		b.Return(jen.Id("a").Dot("wire").Dot("Load").Call(jen.Id("data")))
	}).Line().Line()

	doc := []string{
		"Decoder decodes a stream of frames, one after the other, into memory it",
		"reuses: once it has seen frames as large as those that come, decoding a",
		"frame allocates nothing (Decode allocates the input's copy, the event and",
		"its arrays each time).",
		"",
		"What stays valid, and for how long: the event a call of Decode returns, and",
		"everything it holds (strings, slices, objects it points to, unknown members)",
		"are valid until the next call of Decode on the same Decoder. That call reuses",
		"their memory: the strings of earlier events then read the bytes of the new",
		"frame, their slices and objects hold the new frame's values, and an event of",
		"the same type as an earlier one is the same value, overwritten. An event to",
		"keep longer must be copied before the next call: Decode(ev.RawJSON()) is an",
		"event of its own, as is Decode(ev.AppendJSON(nil)) for one changed since. A",
		"string kept from an event must be copied too (strings.Clone).",
		"",
		"The exception: a frame that does not decode strictly. The error, and with",
		"Recover the event recovered from the frame, come from DecodeOptions.Decode:",
		"they allocate as Decode does and are valid for good. So are the paths that",
		"UnknownPaths returns with Options.ReportUnknown, allocated for each frame",
		"with members the schema does not model.",
		"",
		"A Decoder keeps the memory of the largest frame it has decoded (drop it to",
		"free that memory), is not safe for concurrent use, and its zero value",
		"decodes with the zero DecodeOptions.",
	}
	for _, l := range doc {
		g.Comment(l).Line()
	}
	g.Type().Id("Decoder").Struct(
		jen.Comment("Options are used by each call of Decode."),
		jen.Id("Options").Id("DecodeOptions"),
		jen.Line(),
		jen.Id("a").Op("*").Id("arena"),
		jen.Id("unknown").Index().String(),
	).Line().Line()
	g.Comment("NewDecoder returns a Decoder that decodes with opts.").Line()
	g.Func().Id("NewDecoder").Params(jen.Id("opts").Id("DecodeOptions")).Op("*").Id("Decoder").Block(
		jen.Return(jen.Op("&").Id("Decoder").Values(jen.Dict{jen.Id("Options"): jen.Id("opts")})),
	).Line().Line()
	g.Comment("Decode decodes one frame as s.Options.Decode(data) does, into memory").Line()
	g.Comment("that the next call reuses: see Decoder for what stays valid how long.").Line()
	g.Func().Params(jen.Id("s").Op("*").Id("Decoder")).Id("Decode").Params(jen.Id("data").Index().Byte()).Params(jen.Id("Event"), jen.Error()).Block(
		jen.If(jen.Id("s").Dot("a").Op("==").Nil()).Block(
			jen.Id("s").Dot("a").Op("=").New(jen.Id("arena")),
			jen.Id("s").Dot("a").Dot("enable").Call(),
		),
		jen.List(jen.Id("ev"), jen.Id("unknown"), jen.Err()).Op(":=").Id("decodeInto").Call(jen.Id("data"), jen.Id("s").Dot("Options"), jen.Nil(), jen.Id("s").Dot("a")),
		jen.If(jen.Err().Op("!=").Nil()).Block(
			jen.Comment("DecodeOptions.Decode's error (or, with Recover, its event): the rare case,"),
			jen.Comment("allocating."),
			jen.List(jen.Id("ev"), jen.Id("unknown"), jen.Err()).Op("=").Id("s").Dot("Options").Dot("Decode").Call(jen.Id("data")),
		),
		jen.Id("s").Dot("unknown").Op("=").Id("unknown"),
		jen.Return(jen.Id("ev"), jen.Err()),
	).Line().Line()
	g.Comment("NewStream implements bind.Streamer with a Decoder.").Line()
	g.Func().Params(jen.Id(boundHandlerType)).Id("NewStream").Params(jen.Id("opts").Qual(bindPkg, "DecodeOptions")).Qual(bindPkg, "Stream").Block(
		jen.Return(jen.Id("boundStream").Values(jen.Id("NewDecoder").Call(fromBindOptions()))),
	).Line().Line()
	g.Type().Id("boundStream").Struct(jen.Id("d").Op("*").Id("Decoder")).Line().Line()
	g.Func().Params(jen.Id("s").Id("boundStream")).Id("Decode").Params(jen.Id("data").Index().Byte()).Params(jen.Qual(bindPkg, "Event"), jen.Index().String(), jen.Error()).Block(
		jen.List(jen.Id("ev"), jen.Err()).Op(":=").Id("s").Dot("d").Dot("Decode").Call(jen.Id("data")),
		jen.If(jen.Err().Op("!=").Nil()).Block(jen.Comment("not a nil Event in a non-nil interface"), jen.Return(jen.Nil(), jen.Nil(), jen.Err())),
		jen.Return(jen.Id("ev"), jen.Id("s").Dot("d").Dot("UnknownPaths").Call(), jen.Nil()),
	).Line().Line()
	g.Comment("UnknownPaths returns the JSON paths of the members the schema does not model").Line()
	g.Comment("in the frame of the last call of Decode; nil unless Options.ReportUnknown is set.").Line()
	g.Func().Params(jen.Id("s").Op("*").Id("Decoder")).Id("UnknownPaths").Params().Index().String().Block(
		jen.Return(jen.Id("s").Dot("unknown")),
	).Line()
	return g
}
