package gen

import "go.yaml.in/yaml/v3"

// The spec types mirror the YAML files one to one. They keep the yaml.Node of
// every value that a later check may complain about, so that every error can
// name its file:line:col.

type pos struct {
	file string
	node *yaml.Node
}

type docSpec struct {
	ZH, EN, Note string
}

type documentSpec struct {
	at     pos
	ID     string
	Title  string
	Source string
}

// acceptSpec is one alternative JSON form that a field, or every use of an
// enum or object, may arrive in, with the source that shows it.
type acceptSpec struct {
	at     pos
	Form   string
	formAt pos
	Source string
	Note   string
}

type fieldSpec struct {
	at       pos
	Name     string
	Go       string
	goAt     pos
	Type     string
	typeAt   pos
	Optional bool
	Nullable bool
	Docs     []string
	docsAt   pos
	Doc      docSpec
	Accepts  []*acceptSpec
}

type frameSpec struct {
	at      pos
	Payload string
	Bare    bool
	Signal  *signalKeySpec
	Fields  []*fieldSpec
}

// signalKeySpec is frame.signal: the frame member that tells the protocol's
// frames (signals) apart, and its value on an event frame.
type signalKeySpec struct {
	at    pos
	Key   string
	keyAt pos
	Event *yaml.Node
}

type keySpec struct {
	at     pos
	Path   string
	Type   string
	typeAt pos
	Value  *yaml.Node // nil when the events give the value
	Doc    docSpec
}

type familySpec struct {
	at          pos
	Name        string
	Base        string
	baseAt      pos
	Keys        []*keySpec
	At          string
	atAt        pos
	UnknownName string
	unknownAt   pos
}

type platformSpec struct {
	at         pos
	Name       string
	Package    string
	Doc        docSpec
	Documents  []*documentSpec
	Extensions *extensionSpec
	CheckBase  bool
	Frame      *frameSpec
	Families   []*familySpec
}

// extensionSpec is platform.extensions: which member keys are a platform's
// extensions (a prefix of prefix_chars, then separator).
type extensionSpec struct {
	at          pos
	PrefixChars string
	Separator   string
	sepAt       pos
	Example     string
	Docs        []string
	docsAt      pos
}

type enumValueSpec struct {
	at    pos
	Name  string
	Value *yaml.Node
	Doc   docSpec
}

type enumSpec struct {
	at      pos
	Name    string
	Type    string
	typeAt  pos
	Doc     docSpec
	Values  []*enumValueSpec
	Accepts []*acceptSpec
}

type objectSpec struct {
	at      pos
	Name    string
	Doc     docSpec
	Docs    []string
	docsAt  pos
	Fields  []*fieldSpec
	Accepts []*acceptSpec
}

type variantSpec struct {
	at     pos
	Name   string
	Go     string
	goAt   pos
	Doc    docSpec
	Docs   []string
	docsAt pos
	Fields []*fieldSpec
}

type unionSpec struct {
	at       pos
	Name     string
	Key      string
	At       string
	atAt     pos
	Doc      docSpec
	Docs     []string
	docsAt   pos
	Variants []*variantSpec
}

type exampleSpec struct {
	at      pos
	missing bool // the file does not exist in the schema folder
	File    string
	Doc     string
	Note    string
}

type eventSpec struct {
	at       pos
	Name     string
	Go       string
	goAt     pos
	Family   string
	familyAt pos
	Key      []*yaml.Node
	keyAt    pos
	Doc      docSpec
	Docs     []string
	docsAt   pos
	Body     string
	bodyAt   pos
	Fields   []*fieldSpec
	Examples []*exampleSpec
	Where    *whereSpec
}

// whereSpec scopes an event to one value of a payload member: a variant of
// the events with the same discriminator values.
type whereSpec struct {
	at     pos
	Path   string
	pathAt pos
	Value  *yaml.Node
}

// signalSpec is one kind of frame other than an event frame.
type signalSpec struct {
	at       pos
	Name     string
	Go       string
	goAt     pos
	Value    *yaml.Node
	Doc      docSpec
	Docs     []string
	docsAt   pos
	Fields   []*fieldSpec
	Examples []*exampleSpec
	// Accessors are methods generated on the signal's type.
	Accessors []*accessorSpec
}

// accessorSpec is a method returning the first non-empty of several string
// members: one value that servers spell two ways (session_id, sessionId).
type accessorSpec struct {
	at      pos
	Name    string
	FirstOf []string // member paths below the signal, "d.session_id"
	firstAt pos
	Doc     docSpec
}

// schemaSpec is everything read from one or more schema folders.
type schemaSpec struct {
	platform *platformSpec
	enums    []*enumSpec
	objects  []*objectSpec
	unions   []*unionSpec
	events   []*eventSpec
	signals  []*signalSpec
}
