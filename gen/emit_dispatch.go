package gen

import (
	"fmt"
	"strconv"
	"strings"

	"github.com/dave/jennifer/jen"
)

// handlerEntries are the event types Handler has a method for, in order:
// the events, then the unknown ones.
func handlerEntries(m *Model) []handlerEntry {
	var out []handlerEntry
	for _, ev := range m.Events {
		out = append(out, handlerEntry{ev.Handling, "handles " + ev.Name + whereText(m, ev) + "."})
	}
	return append(out, handlerEntry{m.Unknown, "handles events the schema does not know."})
}

type handlerEntry struct {
	Handling
	doc string
}

// mustEmbedMethod is Handler's unexported method, which only NopHandler and
// *Mux have.
const mustEmbedMethod = "mustEmbedNopHandler"

func ctxParam() jen.Code { return jen.Qual("context", "Context") }

// emitDispatch writes dispatch.go: Handler, NopHandler, Dispatch, Mux and Bind.
//
//	func Dispatch(ctx context.Context, h Handler, ev Event) error {
//		switch ev := ev.(type) {
//		case *AddedReaction:
//			return h.OnAddedReaction(ctx, ev)
//		...
//		}
//	}
//
//	type Mux struct{ addedReaction func(context.Context, *AddedReaction) error; ... }
//	func (m *Mux) HandleAddedReaction(fn func(context.Context, *AddedReaction) error) { m.addedReaction = fn }
func emitDispatch(m *Model) *jen.File {
	f := newFile(m)
	entries := handlerEntries(m)

	// An implementation must embed NopHandler (or be a *Mux), as
	// protoc-gen-go-grpc's servers embed Unimplemented...Server: a method
	// that a new schema entry adds then never breaks it.
	//
	//	type Handler interface {
	//		OnAddedReaction(context.Context, *AddedReaction) error
	//		...
	//		mustEmbedNopHandler()
	//	}
	f.Comment("Handler has one method per event. Implementations embed NopHandler (and")
	f.Comment("override the methods they need) or use a *Mux: a Handler that does not embed")
	f.Comment("NopHandler does not compile, so an event added to the schema never breaks one.")
	f.Type().Id("Handler").InterfaceFunc(func(g *jen.Group) {
		for _, e := range entries {
			g.Comment(e.Method + " " + e.doc)
			g.Id(e.Method).Params(ctxParam(), jen.Op("*").Id(e.Type)).Error()
		}
		g.Line()
		g.Id(mustEmbedMethod).Params()
	})

	f.Comment("NopHandler implements every Handler method by doing nothing; embed it in a")
	f.Comment("handler that implements only some of them.")
	f.Type().Id("NopHandler").Struct()
	f.Var().Id("_").Id("Handler").Op("=").Id("NopHandler").Values()
	f.Func().Params(jen.Id("NopHandler")).Id(mustEmbedMethod).Params().Block()
	for _, e := range entries {
		f.Comment(e.Method + " does nothing.")
		f.Func().Params(jen.Id("NopHandler")).Id(e.Method).Params(ctxParam(), jen.Op("*").Id(e.Type)).Error().Block(jen.Return(jen.Nil()))
	}

	f.Comment("Dispatch calls the method of h that handles ev's type.")
	f.Func().Id("Dispatch").Params(jen.Id("ctx").Qual("context", "Context"), jen.Id("h").Id("Handler"), jen.Id("ev").Id("Event")).Error().BlockFunc(func(b *jen.Group) {
		b.Switch(jen.Id("ev").Op(":=").Id("ev").Assert(jen.Type())).BlockFunc(func(s *jen.Group) {
			for _, e := range entries {
				s.Case(jen.Op("*").Id(e.Type)).Block(jen.Return(jen.Id("h").Dot(e.Method).Call(jen.Id("ctx"), jen.Id("ev"))))
			}
		})
		b.Comment("Event is sealed: only a nil interface gets here.")
		b.Return(jen.Qual("errors", "New").Call(jen.Lit(m.Package + ": Dispatch of a nil Event")))
	})

	f.Comment("Mux is a Handler built from funcs registered per event; events without a")
	f.Comment("registered func are ignored. The zero Mux is ready to use.")
	f.Type().Id("Mux").StructFunc(func(g *jen.Group) {
		for _, e := range entries {
			g.Id(e.Field).Func().Params(ctxParam(), jen.Op("*").Id(e.Type)).Error()
		}
	})
	f.Var().Id("_").Id("Handler").Op("=").Parens(jen.Op("*").Id("Mux")).Parens(jen.Nil())
	f.Func().Params(jen.Op("*").Id("Mux")).Id(mustEmbedMethod).Params().Block()
	for _, e := range entries {
		handle := e.Mux
		fn := jen.Func().Params(ctxParam(), jen.Op("*").Id(e.Type)).Error()
		f.Comment(handle + " registers fn for " + e.Type + " events, replacing an earlier one.")
		f.Func().Params(jen.Id("m").Op("*").Id("Mux")).Id(handle).Params(jen.Id("fn").Add(fn)).Block(
			jen.Id("m").Dot(e.Field).Op("=").Id("fn"),
		)
		f.Comment(e.Method + " implements Handler.")
		f.Func().Params(jen.Id("m").Op("*").Id("Mux")).Id(e.Method).Params(jen.Id("ctx").Qual("context", "Context"), jen.Id("ev").Op("*").Id(e.Type)).Error().Block(
			jen.Return(jen.Id("callIfSet").Call(jen.Id("m").Dot(e.Field), jen.Id("ctx"), jen.Id("ev"))),
		)
	}
	// func callIfSet[E any](fn func(context.Context, E) error, ctx context.Context, ev E) error
	f.Comment("callIfSet calls a Mux's func for an event, if one is registered.")
	f.Func().Id("callIfSet").Types(jen.Id("E").Any()).Params(
		jen.Id("fn").Func().Params(ctxParam(), jen.Id("E")).Error(), jen.Id("ctx").Qual("context", "Context"), jen.Id("ev").Id("E"),
	).Error().Block(
		jen.If(jen.Id("fn").Op("==").Nil()).Block(jen.Return(jen.Nil())),
		jen.Return(jen.Id("fn").Call(jen.Id("ctx"), jen.Id("ev"))),
	)
	emitBind(f, m)
	return f
}

// emitBind writes the package's side of the seam with the transports
// (package bind), for the bundled packages and the ones users generate alike:
//
//	func Bind(h Handler) bind.Events { return boundHandler{h} }
//	func (boundHandler) Platform() string { return "kook" }
//	func (boundHandler) Decode(data []byte, opts bind.DecodeOptions) (bind.Event, []string, error) { ... DecodeOptions{...}.Decode(data) ... }
//	func (b boundHandler) Dispatch(ctx context.Context, ev bind.Event) error { ... Dispatch(ctx, b.h, e) }
//	func (boundHandler) Claim(data []byte) bind.Claim { ... }  // emitClaim
//	func (boundHandler) Signals() bind.Signals { return boundSignals{} } // nil without signals
func emitBind(f *jen.File, m *Model) {
	recv := jen.Id("b").Id(boundHandlerType)
	f.Comment("Bind binds h to this package's decoder for the transports (webhook, gateway):")
	f.Comment("they decode frames with DecodeOptions.Decode and deliver each event with")
	f.Comment("Dispatch(ctx, h, ev).")
	f.Comment("h may be nil: events are then decoded and reported, not dispatched.")
	f.Func().Id("Bind").Params(jen.Id("h").Id("Handler")).Qual(bindPkg, "Events").Block(
		jen.Return(jen.Id(boundHandlerType).Values(jen.Id("h"))),
	)
	f.Type().Id(boundHandlerType).Struct(jen.Id("h").Id("Handler"))
	f.Func().Params(jen.Id(boundHandlerType)).Id("Platform").Params().String().Block(jen.Return(jen.Lit(m.Platform)))
	f.Func().Params(jen.Id(boundHandlerType)).Id("Decode").Params(jen.Id("data").Index().Byte(), jen.Id("opts").Qual(bindPkg, "DecodeOptions")).Params(jen.Qual(bindPkg, "Event"), jen.Index().String(), jen.Error()).Block(
		jen.List(jen.Id("ev"), jen.Id("unknown"), jen.Err()).Op(":=").Add(fromBindOptions()).Dot("Decode").Call(jen.Id("data")),
		jen.If(jen.Err().Op("!=").Nil()).Block(jen.Comment("not a nil Event in a non-nil interface"), jen.Return(jen.Nil(), jen.Nil(), jen.Err())),
		jen.Return(jen.Id("ev"), jen.Id("unknown"), jen.Nil()),
	)
	f.Func().Params(recv).Id("Dispatch").Params(jen.Id("ctx").Add(ctxParam()), jen.Id("ev").Qual(bindPkg, "Event")).Error().Block(
		jen.If(jen.Id("b").Dot("h").Op("==").Nil()).Block(jen.Return(jen.Nil())),
		jen.List(jen.Id("e"), jen.Id("ok")).Op(":=").Id("ev").Assert(jen.Id("Event")),
		jen.If(jen.Op("!").Id("ok")).Block(jen.Return(jen.Qual("errors", "New").Call(jen.Lit(m.Package+": Dispatch of an event another package decoded")))),
		jen.Return(jen.Id("Dispatch").Call(jen.Id("ctx"), jen.Id("b").Dot("h"), jen.Id("e"))),
	)
	f.Add(emitClaim(m))
	if m.Signals != nil {
		f.Comment("Signals implements bind.Events with DecodeOptions.DecodeSignal.")
		f.Func().Params(jen.Id(boundHandlerType)).Id("Signals").Params().Qual(bindPkg, "Signals").Block(jen.Return(jen.Id(boundSignalsType).Values()))
	} else {
		f.Comment("Signals implements bind.Events: the frames of " + m.Platform + " carry only events.")
		f.Func().Params(jen.Id(boundHandlerType)).Id("Signals").Params().Qual(bindPkg, "Signals").Block(jen.Return(jen.Nil()))
	}
}

// fromBindOptions is the package's DecodeOptions made of a transport's
// bind.DecodeOptions, opts:
//
//	DecodeOptions{Recover: opts.Recover, ReportUnknown: opts.ReportUnknown}
func fromBindOptions() *jen.Statement {
	return jen.Id("DecodeOptions").Values(jen.Dict{
		jen.Id("Recover"):       jen.Id("opts").Dot("Recover"),
		jen.Id("ReportUnknown"): jen.Id("opts").Dot("ReportUnknown"),
	})
}

// emitClaim writes Claim, which tells a line of the package's input by the
// members the model names (Model.FrameKeys, Model.EventKeys), all found in
// one scan of data:
//
//	func (boundHandler) Claim(data []byte) bind.Claim {
//		has := wireimpl.HasMembers(data, "s", "d", "type")
//		if has&3 != 0 {
//			return bind.ClaimFrame
//		}
//		if has&4 != 4 {
//			return bind.ClaimNone
//		}
//		return bind.ClaimPayload
//	}
//
// Without a frame, the event keys all present claim a frame (OneBot 12:
// "type" and "detail_type"). A key is present when wireimpl.Lookup would
// find it: malformed input has none.
func emitClaim(m *Model) jen.Code {
	frameKeys, eventKeys := m.FrameKeys(), m.EventKeys()
	// What the event keys claim, all present: a bare payload beside a frame
	// that may be left out, the event itself without a frame.
	all := ""
	switch {
	case len(eventKeys) == 0:
	case m.Frame == nil:
		all = "ClaimFrame"
	case m.Frame.Bare:
		all = "ClaimPayload"
	}
	doc := []string{"Claim implements bind.Events, by the members at the top level of data:"}
	if len(frameKeys) > 0 {
		doc = append(doc, fmt.Sprintf("  - %s: a %s frame (bind.ClaimFrame);", quoteList(frameKeys, "or"), m.Platform))
	}
	switch {
	case all == "ClaimFrame":
		doc = append(doc, fmt.Sprintf("  - %s: a %s event (bind.ClaimFrame);", quoteList(eventKeys, "and"), m.Platform))
	case all == "ClaimPayload":
		doc = append(doc, fmt.Sprintf("  - else %s: maybe a bare payload (bind.ClaimPayload);", quoteList(eventKeys, "and")))
	}
	doc = append(doc, "  - else none (bind.ClaimNone).")
	g := jen.Add(commentLines(doc)).Line()
	g.Func().Params(jen.Id(boundHandlerType)).Id("Claim").Params(jen.Id("data").Index().Byte()).Qual(bindPkg, "Claim").BlockFunc(func(b *jen.Group) {
		keys := []jen.Code{jen.Id("data")}
		for _, k := range frameKeys {
			keys = append(keys, jen.Lit(k))
		}
		if all != "" {
			for _, k := range eventKeys {
				keys = append(keys, jen.Lit(k))
			}
		}
		if len(keys) == 1 {
			b.Return(jen.Qual(bindPkg, "ClaimNone"))
			return
		}
		// Bits 0 to len(frameKeys)-1 are the frame keys, the rest the event keys.
		frameBits := uint64(1)<<len(frameKeys) - 1
		eventBits := (uint64(1)<<(len(keys)-1) - 1) &^ frameBits
		b.Id("has").Op(":=").Add(wire("HasMembers")).Call(keys...)
		if frameBits != 0 {
			b.If(jen.Id("has").Op("&").Lit(int(frameBits)).Op("!=").Lit(0)).Block(jen.Return(jen.Qual(bindPkg, "ClaimFrame")))
		}
		if all == "" {
			b.Return(jen.Qual(bindPkg, "ClaimNone"))
			return
		}
		b.If(jen.Id("has").Op("&").Lit(int(eventBits)).Op("!=").Lit(int(eventBits))).Block(jen.Return(jen.Qual(bindPkg, "ClaimNone")))
		b.Return(jen.Qual(bindPkg, all))
	}).Line()
	return g
}

// quoteList quotes keys and joins them with commas and conj: "s" or "d".
func quoteList(keys []string, conj string) string {
	q := make([]string, len(keys))
	for i, k := range keys {
		q[i] = strconv.Quote(k)
	}
	if len(q) < 2 {
		return strings.Join(q, "")
	}
	return strings.Join(q[:len(q)-1], ", ") + " " + conj + " " + q[len(q)-1]
}
