package gen

import (
	"slices"

	"github.com/eventbind/eventbind/jsonwire/wireimpl"
)

// The model is the checked, resolved form of a schema. Every element already
// knows its Go name and doc text; the emitter only prints it.

// Model is one platform's resolved schema.
type Model struct {
	Platform  string // "kook"
	Package   string // Go package name
	Doc       Doc
	Documents []*Document
	Frame     *Frame // nil when events arrive without an envelope
	Families  []*Family
	Enums     []*Enum
	Objects   []*Object // shared objects, union variants, then the wrappers and bodies made for events
	Unions    []*Union
	// Extensions, when set, says which members are a platform's extensions
	// ("qq.nickname"): they are kept in each struct's Extensions and never
	// reported as unknown.
	Extensions *Extensions
	// UnknownChecked: an unknown event must still carry its family's base
	// members, well typed (OneBot 12); it is kept whole all the same.
	UnknownChecked bool
	Events         []*Event
	Dispatch       *DispatchNode
	KeyFields      []*KeyField // one per distinct discriminator path, for UnknownEvent
	// Signals, when the frame declares a signal key, are the kinds of frame
	// the key tells apart; nil otherwise.
	Signals *Signals
	// Unknown names what unknown events get in Handler and Mux.
	Unknown Handling
}

// Extensions is the rule that makes a member key an extension: one or more
// bytes of PrefixChars, then Separator, then at least one byte.
type Extensions struct {
	PrefixChars string
	Separator   byte
	Example     string // a key that is one, for doc comments
	Doc         Doc
}

// Match reports whether key is an extension by this rule: the check that
// generated code makes (the schema's example, drift).
func (x *Extensions) Match(key string) bool {
	return wireimpl.IsExtension(key, x.PrefixChars, x.Separator)
}

// Handling names what an event type gets in the generated Handler and Mux.
// The builder sets every name and checks it against the others; emitters
// only print them.
type Handling struct {
	Type   string // the event's Go type: "AddedReaction", "UnknownEvent"
	Method string // the Handler method: "OnAddedReaction", "OnUnknown"
	Mux    string // the Mux method registering a func: "HandleAddedReaction"
	Field  string // the Mux member holding that func: "addedReaction"
}

// Doc is the doc text of an element.
type Doc struct {
	ZH, EN, Note string
	Docs         []string // ids of the documents that describe the element
}

// Document is a source document that elements cite.
type Document struct {
	ID, Title, Source string
}

// TypeKind is the kind of a field's type.
type TypeKind int

const (
	KindString TypeKind = iota
	KindInt
	KindInt64
	KindBool
	KindFloat
	KindRaw
	KindEnum
	KindObject
	KindArray
	KindMap
	KindUnion
)

// Type is a resolved field type.
type Type struct {
	Kind   TypeKind
	Enum   *Enum   // KindEnum
	Object *Object // KindObject
	Union  *Union  // KindUnion
	Elem   *Type   // KindArray, KindMap
}

// Union is an object told apart by one string member; unknown variants are
// kept whole in Unknown<Name>.
type Union struct {
	GoName string // the interface type
	// UnknownGoName is the struct that keeps a variant the schema does not
	// know whole: "UnknownSegment".
	UnknownGoName string
	Key           string // the discriminating member
	// KeyMethod is the interface method that returns the key's value
	// (SegmentType), which every variant struct implements.
	KeyMethod string
	Doc       Doc
	Variants  []*Variant
}

// Variant is one known kind of a union.
type Variant struct {
	Value  string  // the key's value
	Object *Object // the variant's struct: the key, then its fields (or the at-wrapper)
}

// Field is one member of an object.
type Field struct {
	JSONName string
	GoName   string
	Type     *Type
	Optional bool // may be absent: jsonwire.Opt, or a pointer (IsPointer)
	Nullable bool // may be null: jsonwire.Null
	Doc      Doc
	// Accepts are the alternative JSON forms declared on the field itself;
	// Forms and ItemForms add those of its type, resolved for decoding.
	Accepts []*Accept
	// Forms are the forms the value may arrive in besides its declared one;
	// ItemForms those of an array's elements. The form that came is kept in
	// the struct's wire field WireName (WireItemsName for the elements), so
	// that the value re-encodes as it came.
	Forms, ItemForms        WireForms
	WireName, WireItemsName string

	at pos // for problems found after the field was built
}

// IsPointer reports whether the field is held by a pointer, nil when
// absent: an optional object of more than pointerFields members (*Quote, or
// *jsonwire.Null[InteractRes] when it may also be null). Such members are
// large and often not there; inline in a jsonwire.Opt they would make every
// event that may carry them as large as if it always did. A small one stays
// inline (jsonwire.Opt[TagInfo]): its own allocation would cost more.
func (f *Field) IsPointer() bool {
	return f.Optional && f.Type.Kind == KindObject && len(f.Type.Object.AllFields()) > pointerFields
}

// pointerFields is the most members an optional object held inline has.
const pointerFields = 4

// sameShape reports whether two fields decode alike: the same Go type and
// the same alternative forms.
func (f *Field) sameShape(g *Field) bool {
	return f.Optional == g.Optional && f.Nullable == g.Nullable && f.Type.same(g.Type) &&
		f.Forms == g.Forms && f.ItemForms == g.ItemForms
}

// same reports whether two resolved types are the same type.
func (t *Type) same(u *Type) bool {
	if t.Kind != u.Kind || t.Enum != u.Enum || t.Object != u.Object || t.Union != u.Union {
		return false
	}
	if t.Elem == nil || u.Elem == nil {
		return t.Elem == u.Elem
	}
	return t.Elem.same(u.Elem)
}

// WireForms is a set of alternative JSON forms. The bits are wireimpl.Accept's.
type WireForms uint8

// The alternative forms, as the schema names them.
const (
	FormNumber      WireForms = 1 << iota // number: a bool as 0/1, a string as a number
	FormString                            // string: an int or float in a string, a bool as "true"/"0"...
	FormBool                              // bool: an int as true/false
	FormNull                              // null: an empty string, array or object
	FormEmptyArray                        // empty_array: an empty object as []
	FormJSON                              // json: a string as any other JSON value, kept as its text
	FormEmptyString                       // empty_string: an empty object as ""
)

// emptyForms are the forms in which an empty container arrives.
const emptyForms = FormNull | FormEmptyArray | FormEmptyString

// wireForms names each form, in bit order: in the schema, and as the
// wireimpl.Accept constant of the same bit, which the decoders take
// (TestWireFormBits holds the two in step).
var wireForms = []struct{ schema, accept string }{
	{"number", "AcceptNumber"},
	{"string", "AcceptString"},
	{"bool", "AcceptBool"},
	{"null", "AcceptNull"},
	{"empty_array", "AcceptEmptyArray"},
	{"json", "AcceptJSON"},
	{"empty_string", "AcceptEmptyString"},
}

// formNamed returns the form the schema calls name.
func formNamed(name string) (WireForms, bool) {
	for i, f := range wireForms {
		if f.schema == name {
			return 1 << i, true
		}
	}
	return 0, false
}

// formNames are the schema's names of all forms.
func formNames() []string {
	var out []string
	for _, f := range wireForms {
		out = append(out, f.schema)
	}
	return out
}

// Names lists the forms' schema names.
func (w WireForms) Names() []string {
	var out []string
	for i, f := range wireForms {
		if w&(1<<i) != 0 {
			out = append(out, f.schema)
		}
	}
	return out
}

// Accept is one declared alternative form with the source that shows it.
type Accept struct {
	Form   WireForms // one bit
	Source string
	Note   string
	at     pos
}

// Object is a JSON object with a fixed set of known members.
type Object struct {
	GoName string
	Doc    Doc
	// Base, when set, is embedded: its fields are decoded and encoded as if
	// they were this object's own (the common fields of an event family).
	Base   *Object
	Fields []*Field
	// IsBase marks an object used only as an embedded base: it gets no
	// methods and no UnknownFields of its own (the embedding object keeps them).
	IsBase bool
	// Owner is the event whose payload or wrapper this object is; nil for
	// shared objects.
	Owner *Event
	// Variant is set on the struct of a union variant.
	Variant *Variant
	Union   *Union
	// Signal is set on the struct of a signal: the frame's members other
	// than the signal key.
	Signal *Signal
	// Accepts apply to every field whose type is this object.
	Accepts []*Accept
}

// WireFields returns the fields of o whose form is kept (the struct's wire
// members), in order.
func (o *Object) WireFields() []*Field {
	var out []*Field
	for _, f := range o.Fields {
		if f.Forms != 0 || f.ItemForms != 0 {
			out = append(out, f)
		}
	}
	return out
}

// AllFields returns the base's fields followed by the object's own, with the
// Go selector prefix under which each is reached.
func (o *Object) AllFields() []SelField {
	var out []SelField
	if o.Base != nil {
		for _, f := range o.Base.Fields {
			out = append(out, SelField{Field: f, Via: o.Base.GoName})
		}
	}
	for _, f := range o.Fields {
		out = append(out, SelField{Field: f})
	}
	return out
}

// AllObjects returns every object whose struct the package declares: the
// model's (the frame's among them) and the signals', which Objects does not
// hold.
func (m *Model) AllObjects() []*Object {
	out := slices.Clone(m.Objects)
	if m.Signals != nil {
		for _, sg := range m.Signals.List {
			out = append(out, sg.Object)
		}
	}
	return out
}

// Containers calls visit for every array and map type that a field of a
// declared object holds, its elements' included, with the field and whether
// the type is the field's own (not an element's): the arena and the array
// readers are made for these.
func (m *Model) Containers(visit func(t *Type, f *Field, own bool)) {
	var walk func(t *Type, f *Field, own bool)
	walk = func(t *Type, f *Field, own bool) {
		if t.Kind == KindArray || t.Kind == KindMap {
			visit(t, f, own)
			walk(t.Elem, f, false)
		}
	}
	for _, o := range m.AllObjects() {
		for _, f := range o.Fields {
			walk(f.Type, f, true)
		}
	}
}

// knownValues returns the values that discriminators fix in o, by JSON
// name: a union variant's key, and the keys of the event whose payload (or
// wrapper inside it) o is. A value decoded into o nearly always has them.
func knownValues(o *Object) map[string]KeyValue {
	known := map[string]KeyValue{}
	if o.Variant != nil {
		known[o.Union.Key] = KeyValue{Str: o.Variant.Value}
	}
	if e := o.Owner; e != nil {
		at := e.pathOf(o)
		for i, k := range e.Family.Keys {
			p := k.Field.Path
			if at != nil && len(p) == len(at)+1 && slices.Equal(p[:len(at)], at) {
				known[p[len(at)]] = e.Keys[i]
			}
		}
	}
	return known
}

// pathOf returns the JSON path from e's payload to o, an object that e owns
// (the payload itself, or a wrapper reached through members), or nil when o
// is not found there.
func (e *Event) pathOf(o *Object) []string {
	var walk func(cur *Object, at []string) []string
	walk = func(cur *Object, at []string) []string {
		if cur == o {
			return at
		}
		for _, f := range cur.AllFields() {
			if t := f.Type; t.Kind == KindObject && t.Object.Owner == e {
				if p := walk(t.Object, append(at[:len(at):len(at)], f.JSONName)); p != nil {
					return p
				}
			}
		}
		return nil
	}
	return walk(e.Payload, []string{})
}

// requiredBits lists the JSON names of the required fields; a field's bit in
// the decoder's seen mask is its index here.
func requiredBits(fields []*Field) []string {
	var out []string
	for _, f := range fields {
		if !f.Optional {
			out = append(out, f.JSONName)
		}
	}
	return out
}

// SelField is a field together with the embedded struct it is reached through.
type SelField struct {
	*Field
	Via string // "" for the object's own fields, else the embedded type's name
}

// Enum is an open enumeration: unknown values decode too.
type Enum struct {
	GoName   string
	IsString bool
	Doc      Doc
	Values   []*EnumValue
	// Accepts apply to every field (and array element) of this enum.
	Accepts []*Accept
}

// EnumValue is one declared value.
type EnumValue struct {
	GoName string // constant name: <Enum><Name>
	at     pos
	Str    string // IsString
	Int    int64  // !IsString
	Doc    Doc
}

// Frame is the transport envelope around an event payload.
type Frame struct {
	Object  *Object // the frame's own fields (not the payload)
	Payload string  // JSON key of the payload
	Bare    bool    // a bare payload is accepted as well
}

// Signals are the kinds of frame that one integer member of the frame tells
// apart (KOOK's "s"): the event frame, whose payload is an event, and the
// others, each a struct of the frame's members.
type Signals struct {
	Key    *Field // the frame field read to tell frames apart: a required int
	Method string // the Signal interface method returning the key's value: the key's Go name
	// UnknownField is UnknownSignal's unexported member holding the key's
	// value ("s").
	UnknownField string
	Event        int64 // the key's value on an event frame
	List         []*Signal
}

// Signal is one kind of frame other than the event frame.
type Signal struct {
	Name     string // as printed by the command line
	GoName   string
	Value    int64 // the signal key's value
	Doc      Doc
	Object   *Object // the frame's members other than the key
	Examples []*Example
	// Accessors are methods on the signal's type (HelloSignal.SessionID).
	Accessors []*Accessor
}

// Accessor is a method that returns the first non-empty string among
// members of a struct: one value that comes under two spellings.
type Accessor struct {
	GoName string
	Doc    Doc
	// FirstOf are the members, in order, each a path of fields from the
	// struct; the last field of each is a string, required or optional.
	FirstOf [][]*Field
}

// Family is a group of events that share a base and discriminators.
type Family struct {
	Name        string
	Base        *Object
	Keys        []*Key
	At          []string // path of the event's own fields; empty for "."
	UnknownName []NamePart

	at pos // for dispatch problems
}

// NamePart is a literal or a discriminator reference in a name template.
type NamePart struct {
	Literal string
	Key     *KeyField // nil for a literal
}

// Key is one discriminator of a family.
type Key struct {
	Field *KeyField
	Fixed *KeyValue // nil when every event supplies its value
}

// KeyField is a discriminator path with its type.
type KeyField struct {
	Path     []string // JSON path below the payload
	GoName   string   // field name in UnknownEvent: "Type", "ExtraType"
	Type     *Type    // string, int or an enum of those
	IsString bool
	Doc      Doc
}

// KeyValue is a discriminator value.
type KeyValue struct {
	Str string
	Int int64
}

// Event is one known event.
type Event struct {
	Name     string // as printed by the command line
	GoName   string
	Handling Handling
	Family   *Family
	Keys     []KeyValue // one per family key, fixed ones included
	Doc      Doc
	Payload  *Object // the payload object: base embedded, then the wrapper chain
	Examples []*Example
	// Where, on a variant of an event (an entry with `where:`), is the
	// member whose value selects it among the events with the same
	// discriminator values; nil for other events and for the default variant.
	Where *Where

	at    pos           // for dispatch problems
	where *whereSpec    // for problems of its variants group
	group *DispatchNode // the where level it is a variant on, if any
}

// Where is the member and value that scope a variant of an event.
type Where struct {
	Key   *KeyField // the member's path below the payload and its type
	Value KeyValue
}

// Example is a documented example payload.
type Example struct {
	File string // relative to the schema folder
	Doc  string
	Note string
}

// DispatchNode is one level of the dispatch tree: read Key, then switch.
type DispatchNode struct {
	Key     *KeyField
	Cases   []*DispatchCase
	Unknown *Family // family that takes every other value; nil: the value is unknown to all
	// Where marks the level below settled discriminators that tells the
	// variants of one event apart by another member (events with `where:`);
	// each case is a variant. Default is the variant without `where`, taking
	// every other value; without one, other values are unknown events of
	// Unknown.
	Where   bool
	Default *Event
}

// FrameObject returns the frame's object, or nil without a frame.
func (m *Model) FrameObject() *Object {
	if m.Frame == nil {
		return nil
	}
	return m.Frame.Object
}

// CommonBase is the base object every family embeds, when they all embed
// the same one (KOOK's EventData); nil otherwise. Events then offer it
// through Event.Base.
func (m *Model) CommonBase() *Object {
	var base *Object
	for i, fam := range m.Families {
		if fam.Base == nil || (i > 0 && fam.Base != base) {
			return nil
		}
		base = fam.Base
	}
	return base
}

// WhereLevel returns the where level that holds ev, as a case or as its
// default, or nil when ev is no variant.
func (m *Model) WhereLevel(ev *Event) *DispatchNode {
	var walk func(n *DispatchNode) *DispatchNode
	walk = func(n *DispatchNode) *DispatchNode {
		if n == nil {
			return nil
		}
		if n.Where {
			if n.Default == ev {
				return n
			}
			for _, c := range n.Cases {
				if c.Event == ev {
					return n
				}
			}
			return nil
		}
		for _, c := range n.Cases {
			if w := walk(c.Next); w != nil {
				return w
			}
		}
		return nil
	}
	return walk(m.Dispatch)
}

// DispatchCase is one value of a dispatch level: an event or a deeper level.
type DispatchCase struct {
	Value KeyValue
	Event *Event
	Next  *DispatchNode
}

// DecidingPaths are the JSON paths (as errors name them) of the members that
// pick an event or a signal, and of the objects that hold them: the frame's
// payload and signal key, each family key and every object on its way.
// Recovering decoding never skips them.
func (m *Model) DecidingPaths() []string {
	var out []string
	add := func(p string) {
		if !slices.Contains(out, p) {
			out = append(out, p)
		}
	}
	root := ""
	if m.Frame != nil {
		root = m.Frame.Payload
		add(root)
	}
	if m.Signals != nil {
		add(m.Signals.Key.JSONName)
	}
	keys := func(path []string) {
		for i := range path {
			add(joinPath(root, path[:i+1]))
		}
	}
	for _, fam := range m.Families {
		for _, k := range fam.Keys {
			keys(k.Field.Path)
		}
	}
	// A where key (variants) needs no place here: when it cannot be read,
	// the look-ahead that picks the variant fails on the payload itself.
	return out
}

// FrameKeys are the members of which a line needs one, at its top level, to
// look like a frame of the model (bind.ClaimFrame): the frame's required
// members, then its payload ("s", "d"). nil without a frame.
func (m *Model) FrameKeys() []string {
	if m.Frame == nil {
		return nil
	}
	var out []string
	for _, f := range m.Frame.Object.Fields {
		if !f.Optional {
			out = append(out, f.JSONName)
		}
	}
	return append(out, m.Frame.Payload)
}

// EventKeys are the members at the top level of an event payload that the
// discriminators of every family read, in the order of the first family's
// keys: KOOK's "type" (its system family also reads "extra"), OneBot 12's
// "type" and "detail_type". A line that has them all may be an event of the
// model (bind.ClaimPayload, or bind.ClaimFrame without a frame). nil when the
// families share none.
func (m *Model) EventKeys() []string {
	var out []string
	for i, fam := range m.Families {
		var top []string
		for _, k := range fam.Keys {
			if !slices.Contains(top, k.Field.Path[0]) {
				top = append(top, k.Field.Path[0])
			}
		}
		if i == 0 {
			out = top
			continue
		}
		out = slices.DeleteFunc(out, func(key string) bool { return !slices.Contains(top, key) })
	}
	return out
}
